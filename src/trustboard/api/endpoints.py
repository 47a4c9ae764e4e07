"""The endpoints of /api/v1/, each a thin call of the selectors and services the pages use.

What the public reads here is what the public reads on the pages: values approved for
publication and through disclosure control, approved commentary only, and of an exempt
agenda item only the line that stands for it. A token's user reads what their role reads.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest
from ninja import Field, Query, Schema, Status
from ninja import Path as PathParam

from trustboard.api import selectors
from trustboard.api.v1 import (
    DEFAULT_LIMIT,
    LARGEST_ID,
    MAX_LIMIT,
    ApiError,
    ErrorOut,
    ImportErrorOut,
    Page,
    answers,
    api,
    bearer,
    caller,
    error_response,
    page,
    require,
)
from trustboard.core.permissions import Permission, role_of
from trustboard.governance import selectors as governance
from trustboard.meetings import selectors as meetings
from trustboard.performance import selectors as performance
from trustboard.performance.errors import ImportFileError
from trustboard.performance.imports import data_import
from trustboard.performance.models import AreaKind, Indicator
from trustboard.plans import selectors as plans

Limit = Annotated[int, Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT,
                             description=f"How many items a page holds (1 to {MAX_LIMIT}).")]
Offset = Annotated[int, Query(0, ge=0, le=LARGEST_ID,
                              description="How many items to skip; past the end is a 404.")]
Id = Annotated[int, PathParam(..., ge=1, le=LARGEST_ID)]
# Codes and slugs as Trustboard makes them: refused before they reach the database otherwise.
AREA_CODE = r"^[A-Za-z0-9_-]{1,20}$"
SLUG = r"^[-a-zA-Z0-9_]{1,100}$"
PERIOD = r"^[-A-Za-z0-9/ ]{1,40}$"


# --- the index -------------------------------------------------------------------------------


class IndexOut(Schema):
    title: str
    version: str
    schema_url: str
    documentation_url: str
    endpoints: list[str]


@api.get("/", response=answers(IndexOut), url_name="index", summary="What the API offers",
         tags=["About"])
def index(request: HttpRequest):
    return {"title": api.title, "version": api.version,
            "schema_url": "/api/v1/openapi.json", "documentation_url": "/api/v1/docs",
            "endpoints": sorted(set(api.get_openapi_schema()["paths"]) - {"/api/v1/"})}


class MeOut(Schema):
    username: str
    name: str
    role: str


@api.get("/me", response=answers(MeOut), url_name="me", auth=bearer,
         openapi_extra={"x-token-required": True},
         summary="Who your token acts as", tags=["About"])
def me(request: HttpRequest):
    user = caller(request)
    return {"username": user.get_username(), "name": performance.user_display_name(user),
            "role": role_of(user).value}


# --- indicators ------------------------------------------------------------------------------


class IndicatorOut(Schema):
    id: int
    name: str
    definition: str
    unit: str
    multiplier: int
    value_type: str
    polarity: str
    source: str
    source_id: str
    frequency: str
    sex: str
    age: str
    data_url: str

    @staticmethod
    def resolve_data_url(indicator: Indicator) -> str:
        return f"/api/v1/indicators/{indicator.pk}/data"


class IndicatorPage(Page[IndicatorOut]):
    pass


@api.get("/indicators", response=answers(IndicatorPage), url_name="indicator-list",
         summary="Indicators, with their definitions", tags=["Indicators"])
def indicator_list(request: HttpRequest, limit: Limit, offset: Offset,
                   q: Annotated[str, Query("", max_length=100,
                                           description="Words in the name, or a source id "
                                                       "(e.g. 90284).")]):
    return page(request, selectors.indicator_search(text=q), limit=limit, offset=offset)


def _indicator(indicator_id: int) -> Indicator:
    indicator = performance.indicator_get(pk=indicator_id)
    if indicator is None:
        raise ApiError(404, f"There is no indicator {indicator_id}.", field="indicator_id")
    return indicator


@api.get("/indicators/{indicator_id}", response=answers(IndicatorOut),
         url_name="indicator-detail", summary="One indicator", tags=["Indicators"])
def indicator_detail(request: HttpRequest, indicator_id: Id):
    return _indicator(indicator_id)


class DataPointOut(Schema):
    indicator_id: int
    area_code: str
    area_name: str
    period: str
    period_start: datetime.date
    period_end: datetime.date
    sex: str
    age: str
    category_type: str
    category: str
    value: float | None
    lower95: float | None
    upper95: float | None
    lower998: float | None
    upper998: float | None
    count: float | None
    denominator: float | None
    value_note: str | None
    suppressed: bool = Field(description="Withheld by disclosure control: a count below the "
                                         "threshold, or one that would reveal it.")


class DataPointPage(Page[DataPointOut]):
    pass


@api.get("/indicators/{indicator_id}/data", response=answers(DataPointPage),
         url_name="indicator-data", summary="An indicator's values", tags=["Indicators"],
         description="Values approved for publication, with small counts suppressed; with "
                     "a token, what your role may read.")
def indicator_data(request: HttpRequest, indicator_id: Id, limit: Limit, offset: Offset,
                   area: Annotated[str | None, Query(None, pattern=AREA_CODE,
                                                     description="An area code, e.g. "
                                                                 "E10000024.")],
                   period: Annotated[str | None, Query(None, pattern=PERIOD,
                                                       description="A period label, e.g. "
                                                                   "2023/24.")]):
    indicator = _indicator(indicator_id)
    if area and performance.area_get(code=area) is None:
        raise ApiError(404, f"There is no area {area}.", field="area")
    rows = selectors.indicator_points(indicator=indicator, user=caller(request),
                                      period=period, area_code=area)
    return page(request, rows, limit=limit, offset=offset)


class ImportOut(Schema):
    id: int
    file_name: str
    format: str
    status: str
    rows: int
    created: int
    updated: int
    unchanged: int


IMPORT_BODY = {
    "required": True,
    "content": {
        "text/csv": {"schema": {"type": "string"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary",
                                    "description": "A Fingertips or tidy CSV, or an XLSX."}}}},
    },
}


@api.post("/imports", response={201: ImportOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut,
                                413: ErrorOut, 422: ImportErrorOut},
          url_name="import", auth=bearer,
          openapi_extra={"requestBody": IMPORT_BODY, "x-token-required": True},
          summary="Import indicator data (analysts and officers)", tags=["Indicators"],
          description="The file as the body (Content-Type: text/csv) or as the file field "
                      "of a form. The upload page's importer reads it, all or nothing: a "
                      "wrong row refuses the whole file, naming its row and column.")
def import_data(request: HttpRequest,
                format: Annotated[Literal["fingertips", "tidy"] | None,
                                  Query(None, description="Left out, it is recognised "
                                                          "from the columns.")],
                file_name: Annotated[str, Query("api-upload.csv", max_length=200,
                                                description="The name the import is "
                                                            "recorded under.",
                                                pattern=r"^[^/\\\x00-\x1f]+$")]):
    require(request, Permission.IMPORT_DATA, "import indicator data")
    upload = request.FILES.get("file")
    suffix = ".xlsx" if (upload and upload.name.lower().endswith(".xlsx")) else ".csv"
    with tempfile.NamedTemporaryFile(suffix=suffix) as stored:
        if upload is not None:
            if upload.size > settings.TRUSTBOARD_MAX_IMPORT_BYTES:
                raise ApiError(413, "The file is larger than this server imports.",
                               field="file")
            for chunk in upload.chunks():
                stored.write(chunk)
            name = Path(upload.name).name or file_name
        else:
            if request.content_type.startswith("multipart/"):
                raise ApiError(400, "Send the file in a form field named 'file'.", field="file")
            try:
                body = request.body
            except RequestDataTooBig as error:
                raise ApiError(413, "The body is too large to send as text/csv: send the file "
                                    "as the 'file' field of a multipart/form-data form.",
                               field="body") from error
            stored.write(body)
            name = file_name
        stored.flush()
        try:
            record = data_import(path=Path(stored.name), by=caller(request), format=format,
                                 file_name=name)
        except ImportFileError as error:
            return error_response(
                422, error.message, "file",
                errors=[{"row": row.row, "column": row.column, "detail": row.detail}
                        for row in error.errors])
    return Status(201, record)


# --- areas -----------------------------------------------------------------------------------


class AreaOut(Schema):
    code: str
    name: str
    kind: str
    parent_code: str | None = Field(None, alias="parent.code")
    region_code: str | None = Field(None, alias="region.code")
    is_current: bool


class AreaPage(Page[AreaOut]):
    pass


@api.get("/areas", response=answers(AreaPage), url_name="area-list",
         summary="Areas: England, regions, local authorities, districts, localities",
         tags=["Areas"])
def area_list(request: HttpRequest, limit: Limit, offset: Offset,
              kind: Annotated[Literal[tuple(AreaKind.values)] | None, Query(
                  None, description="england, region, upper tier, district or locality.")]):  # type: ignore[valid-type]
    return page(request, selectors.area_list(kind=kind), limit=limit, offset=offset)


@api.get("/areas/{code}", response=answers(AreaOut), url_name="area-detail",
         summary="One area", tags=["Areas"])
def area_detail(request: HttpRequest,
                code: Annotated[str, PathParam(..., pattern=AREA_CODE)]):
    area = performance.area_get(code=code)
    if area is None:
        raise ApiError(404, f"There is no area {code}.", field="code")
    return area


# --- the governance structure ----------------------------------------------------------------


class BodyOut(Schema):
    id: int
    name: str
    kind: str
    is_partnership_board: bool
    purpose: str
    meetings_per_year: int | None
    quorum: int | None
    locality: str


class BodyPage(Page[BodyOut]):
    pass


class MemberOut(Schema):
    person: str = Field(alias="person.name")
    job_title: str = Field(alias="person.job_title")
    organisation: str = Field(alias="person.organisation.name")
    role: str
    start_date: datetime.date | None
    end_date: datetime.date | None


class RelationshipOut(Schema):
    source_id: int
    source: str = Field(alias="source.name")
    kind: str
    target_id: int
    target: str = Field(alias="target.name")
    note: str


class BodyDetailOut(BodyOut):
    members: list[MemberOut] = Field(alias="current_members")
    relationships: list[RelationshipOut] = Field(alias="lines")


def _structure():
    scenario = governance.scenario_current()
    if scenario is None:
        raise ApiError(404, "No structure is marked as the one in force.")
    return governance.scenario_structure(scenario=scenario)


@api.get("/bodies", response=answers(BodyPage), url_name="body-list",
         summary="The bodies of the structure in force", tags=["Structure"])
def body_list(request: HttpRequest, limit: Limit, offset: Offset):
    return page(request, _structure().bodies, limit=limit, offset=offset)


@api.get("/bodies/{body_id}", response=answers(BodyDetailOut), url_name="body-detail",
         summary="A body, its current members and its relationships", tags=["Structure"])
def body_detail(request: HttpRequest, body_id: Id):
    structure = _structure()
    body = structure.body_by_id.get(body_id)
    if body is None:
        raise ApiError(404, f"There is no body {body_id} in the structure in force.",
                       field="body_id")
    body.current_members = list(body.memberships.all())
    body.lines = [line for line in structure.relationships
                              if body_id in (line.source_id, line.target_id)]
    return body


# --- plans -----------------------------------------------------------------------------------


class PlanOut(Schema):
    slug: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    approved_by: str
    approved_on: datetime.date | None


class PlanPage(Page[PlanOut]):
    pass


class KeyActionOut(Schema):
    reference: str
    title: str
    lead_officer: str | None
    lead_organisation: str | None
    due_on: datetime.date | None
    status: str
    status_label: str
    commentary: str = Field(description="The latest commentary; to the public, only once "
                                        "approved for publication.")


class PriorityOut(Schema):
    number: int
    title: str
    outcome: str
    actions: list[KeyActionOut]


class PlanDetailOut(PlanOut):
    as_at: datetime.date
    priorities: list[PriorityOut]


@api.get("/plans", response=answers(PlanPage), url_name="plan-list", summary="Plans",
         tags=["Plans"])
def plan_list(request: HttpRequest, limit: Limit, offset: Offset):
    return page(request, plans.plan_list().order_by("-starts_on", "slug"), limit=limit,
                offset=offset)


@api.get("/plans/{slug}", response=answers(PlanDetailOut), url_name="plan-detail",
         summary="A plan's priorities and key actions, as at its reporting date",
         tags=["Plans"])
def plan_detail(request: HttpRequest, slug: Annotated[str, PathParam(..., pattern=SLUG)]):
    try:
        plan = plans.plan_get(slug=slug)
    except Http404 as error:
        raise ApiError(404, f"There is no plan '{slug}'.", field="slug") from error
    as_at = plans.plan_reporting_date(plan=plan)
    progress = plans.plan_progress(plan=plan, as_at=as_at,
                                   public=not caller(request).is_authenticated)
    return {
        **{name: getattr(plan, name) for name in PlanOut.model_fields},
        "as_at": as_at,
        "priorities": [{
            "number": one.priority.number, "title": one.priority.title,
            "outcome": one.priority.outcome,
            "actions": [{
                "reference": action.action.reference, "title": action.action.title,
                "lead_officer": getattr(action.action.lead_officer, "name", None),
                "lead_organisation": getattr(action.action.lead_organisation, "name", None),
                "due_on": action.action.due_on, "status": action.status,
                "status_label": action.status_label, "commentary": action.commentary,
            } for action in one.actions],
        } for one in progress.priorities],
    }


# --- meetings --------------------------------------------------------------------------------


class MeetingOut(Schema):
    id: int
    body_id: int
    body: str = Field(alias="body.name")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    status: str


class MeetingPage(Page[MeetingOut]):
    pass


class AgendaItemOut(Schema):
    number: int
    title: str
    is_exempt: bool
    exempt_paragraph: int | None
    purpose: str
    summary: str
    decisions: list[str]


class MeetingDetailOut(MeetingOut):
    items: list[AgendaItemOut] = Field(alias="agenda_items")


@api.get("/meetings", response=answers(MeetingPage), url_name="meeting-list",
         summary="Meetings, soonest first", tags=["Meetings"])
def meeting_list(request: HttpRequest, limit: Limit, offset: Offset,
                 start: Annotated[datetime.date | None, Query(
                     None, alias="from", description="The first day, e.g. 2012-04-01.")],
                 end: Annotated[datetime.date | None, Query(
                     None, alias="to", description="The last day, e.g. 2013-03-31.")],
                 body: Annotated[int | None, Query(None, ge=1, le=LARGEST_ID,
                                                   description="A body's id: its meetings, "
                                                               "joint ones too.")]):
    if start and end and end < start:
        raise ApiError(422, "'to' is before 'from'.", field="to")
    return page(request, meetings.meeting_list(start=start, end=end, body=body and (
        _body_or_404(body))), limit=limit, offset=offset)


def _body_or_404(pk: int):
    try:
        return meetings.body_get(pk=pk)
    except Http404 as error:
        raise ApiError(404, f"There is no body {pk}.", field="body") from error


@api.get("/meetings/{meeting_id}", response=answers(MeetingDetailOut),
         url_name="meeting-detail", summary="A meeting's agenda and decisions",
         tags=["Meetings"],
         description="The public reads each public item with its decisions and, of an "
                     "exempt item, only the line that stands for it and the decisions its "
                     "body made public.")
def meeting_detail(request: HttpRequest, meeting_id: Id):
    try:
        meeting = meetings.meeting_get(pk=meeting_id)
    except Http404 as error:
        raise ApiError(404, f"There is no meeting {meeting_id}.", field="meeting_id") from error
    items = []
    for entry in meetings.agenda(caller(request), meeting):
        if getattr(entry, "is_line", False):
            items.append({"number": entry.number, "title": f"{entry.line}: {entry.heading}",
                          "is_exempt": True, "exempt_paragraph": entry.paragraph,
                          "purpose": "", "summary": "", "decisions": list(entry.decisions)})
        else:
            items.append({"number": entry.number, "title": entry.title,
                          "is_exempt": entry.is_exempt,
                          "exempt_paragraph": entry.exempt_paragraph,
                          "purpose": entry.purpose, "summary": entry.summary,
                          "decisions": [decision.resolution
                                        for decision in entry.decisions.all()]})
    meeting.agenda_items = items
    return meeting
