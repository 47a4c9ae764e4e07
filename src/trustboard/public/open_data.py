"""The open data catalogue: each public dataset, its columns, its rows and its dictionary.

Each dataset is declared once, as a list of columns (name, header, datatype, description):
the CSV's header, the order of its fields and its CSV on the Web dictionary (W3C CSVW,
https://www.w3.org/TR/tabular-metadata/) are all read from that one list, so the file and
its dictionary cannot disagree. Rows are read in bounded chunks and written as they are read:
a download of a million data points holds a chunk or two (POINT_CHUNK_ROWS points) in memory
at a time.

Only what the public may read is written: values approved for publication, passed through
disclosure control (small counts suppressed); open agenda items, and of an exempt item only
its public heading and the decisions the body made public; approved commentary; no contract
value decided in an exempt item; the structure of the scenario in force.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

import polars as pl
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Q
from django.utils import timezone

from trustboard.commissioning.models import Service
from trustboard.commissioning.selectors import hidden_award_items, value_is_visible
from trustboard.governance.models import Body, Membership, Relationship, Scenario
from trustboard.governance.selectors import scenario_current
from trustboard.meetings.models import AgendaItem, Decision, Meeting
from trustboard.participation.models import Engagement, Finding, Response
from trustboard.performance.disclosure import (
    disclosure_threshold,
    hide_points,
    suppressed_ids_in_frame,
)
from trustboard.performance.exports import EXPORT_SCHEMA, export_frame
from trustboard.performance.imports import FINGERTIPS_FORMAT, FORMULA_START, TIDY_FORMAT
from trustboard.performance.models import (
    Area,
    Breakdown,
    DataImport,
    DataPoint,
    ImportStatus,
    Indicator,
    Period,
    PublicationApproval,
)
from trustboard.performance.selectors import published_points
from trustboard.plans.models import ActionStatus, ActionUpdate, KeyAction

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CSVW_CONTEXT = "http://www.w3.org/ns/csvw"
CSVW_TYPE = "application/csvm+json"
# Rows read and written at a time: a download's memory is this many rows, whatever its size.
# Rows built in Python (the small datasets) are heavier than a frame's, so fewer at a time.
CHUNK_ROWS = 10_000
# Data points read and shaped at a time (whole periods): each chunk is one pass of
# disclosure control, and larger chunks pay its fixed costs fewer times (about 30 MB).
POINT_CHUNK_ROWS = 100_000

# CSVW datatypes and the Polars types their columns are written from.
_TYPES = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "date": pl.Date,
          "datetime": pl.Datetime("us"), "boolean": pl.Boolean, "anyURI": pl.String}


@dataclass(frozen=True)
class Column:
    """One column of a dataset: `name` identifies it (CSVW `name`), `title` heads it in the
    CSV (CSVW `titles`; the name unless the format's own header differs)."""

    name: str
    datatype: str
    description: str
    title: str = ""

    @property
    def header(self) -> str:
        return self.title or self.name

    def __post_init__(self) -> None:
        if self.datatype not in _TYPES:
            raise ValueError(f"Column {self.name}: '{self.datatype}' is not a CSVW datatype "
                             f"this catalogue writes ({', '.join(_TYPES)}).")


def _headers(columns: tuple[Column, ...]) -> list[str]:
    return [column.header for column in columns]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    # Each chunk of rows as CSV in the columns' order, without the header (`csv_rows`).
    chunks: Callable[[], Iterator[bytes]]
    count: Callable[[], int]
    modified: Callable[[], datetime | None]

    @property
    def headers(self) -> list[str]:
        return _headers(self.columns)

    @property
    def file_name(self) -> str:
        return f"{self.slug}.csv"


# Writing -----------------------------------------------------------------------------------


def dataset_csv(dataset: Dataset) -> Iterator[bytes]:
    """The dataset as CSV, chunk by chunk: the header, then each chunk's rows."""
    yield (",".join(_quoted(header) for header in dataset.headers) + "\r\n").encode("utf-8")
    yield from (chunk for chunk in dataset.chunks() if chunk)


def csv_rows(frame: pl.DataFrame, headers: list[str]) -> bytes:
    """The rows of `frame` as CSV, its columns `headers` in order, with no header line."""
    if frame.height == 0:
        return b""
    buffer = io.BytesIO()
    frame.select(headers).write_csv(buffer, include_header=False, line_terminator="\r\n",
                                    datetime_format="%Y-%m-%dT%H:%M:%S")
    return buffer.getvalue()


def _quoted(text: str) -> str:
    return f'"{text}"' if any(mark in text for mark in ',"\r\n') else text


def dataset_dictionary(dataset: Dataset, *, csv_url: str) -> dict:
    """The dataset's CSV on the Web metadata (W3C CSVW JSON) for the file at `csv_url`."""
    modified = dataset.modified()
    return {
        "@context": CSVW_CONTEXT,
        "url": csv_url,
        "dc:title": dataset.title,
        "dc:description": dataset.description,
        "dc:license": {"@id": LICENCE_URL},
        "dc:modified": {"@value": modified.date().isoformat() if modified else None,
                        "@type": "xsd:date"},
        "dialect": {"header": True, "encoding": "utf-8"},
        "tableSchema": {"columns": [
            {"name": column.name, "titles": column.header, "datatype": column.datatype,
             "dc:description": column.description}
            for column in dataset.columns]},
    }


def _frame(rows: list[dict], columns: tuple[Column, ...]) -> pl.DataFrame:
    """Rows (dicts keyed by column name) as a frame headed by the columns' headers, text a
    spreadsheet would run as a formula prefixed with an apostrophe (as the exports do)."""
    frame = pl.DataFrame(
        {column.header: [row[column.name] for row in rows] for column in columns},
        schema={column.header: _TYPES[column.datatype] for column in columns})
    texts = [column.header for column in columns if column.datatype == "string"]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(FORMULA_START)).then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name)).alias(name) for name in texts)


def _chunked(rows: Iterator[dict], columns: tuple[Column, ...]) -> Iterator[bytes]:
    headers = _headers(columns)
    while batch := list(islice(rows, CHUNK_ROWS)):
        yield csv_rows(_frame(batch, columns), headers)


def _latest(*moments: datetime | date | None) -> datetime | None:
    """The latest of the moments recorded (dates read as the start of their day)."""
    found = [moment if isinstance(moment, datetime) else
             timezone.make_aware(datetime.combine(moment, datetime.min.time()))
             for moment in moments if moment is not None]
    return max(found, default=None)


def _history_latest(model, **filters) -> datetime | None:
    """When a row of `model` matching `filters` was last created, changed or deleted."""
    return model.history.filter(**filters).aggregate(latest=Max("history_date"))["latest"]


def _name(thing) -> str:
    return str(thing) if thing is not None else ""


# Indicator values --------------------------------------------------------------------------

_FINGERTIPS_COLUMNS = (
    Column("indicator_id", "string", "The indicator's Fingertips id where it has one, "
           "otherwise Trustboard's.", "Indicator ID"),
    Column("indicator_name", "string", "The indicator's name.", "Indicator Name"),
    Column("parent_code", "string", "GSS code of the area the values are compared with "
           "(England); empty for England.", "Parent Code"),
    Column("parent_name", "string", "Name of the parent area.", "Parent Name"),
    Column("area_code", "string", "GSS code of the area (a locality has the partnership's "
           "own code).", "Area Code"),
    Column("area_name", "string", "Name of the area.", "Area Name"),
    Column("area_type", "string", "Fingertips' name for the kind of area, e.g. Counties & "
           "UAs (from Apr 2023).", "Area Type"),
    Column("sex", "string", "Persons, Male or Female.", "Sex"),
    Column("age", "string", "The age group the value is about.", "Age"),
    Column("category_type", "string", "The kind of breakdown (e.g. deprivation decile); "
           "empty for the headline value.", "Category Type"),
    Column("category", "string", "The breakdown's category; empty for the headline value.",
           "Category"),
    Column("time_period", "string", "The period as published, e.g. 2011/12.", "Time period"),
    Column("value", "number", "The value, in the indicator's unit; empty where not "
           "available or suppressed (see the value note).", "Value"),
    Column("lower_ci_95", "number", "Lower 95% confidence limit.", "Lower CI 95.0 limit"),
    Column("upper_ci_95", "number", "Upper 95% confidence limit.", "Upper CI 95.0 limit"),
    Column("lower_ci_998", "number", "Lower 99.8% confidence limit.", "Lower CI 99.8 limit"),
    Column("upper_ci_998", "number", "Upper 99.8% confidence limit.", "Upper CI 99.8 limit"),
    Column("count", "number", "The numerator: events or people counted; empty where "
           "suppressed.", "Count"),
    Column("denominator", "number", "The population the count is out of.", "Denominator"),
    Column("value_note", "string", "A note on the value, e.g. why it is suppressed.",
           "Value note"),
    Column("recent_trend", "string", "Not written by Trustboard (kept for the format).",
           "Recent Trend"),
    Column("compared_to_england", "string", "Better, Similar or Worse than England (Higher, "
           "Similar or Lower with no polarity) by the 95% limits.",
           "Compared to England value or percentiles"),
    Column("compared_to_percentiles", "string", "Always Not compared.",
           "Compared to percentiles"),
    Column("time_period_sortable", "string", "The period as a number that sorts "
           "(YYYY0000 for a year starting in YYYY).", "Time period Sortable"),
    Column("new_data", "string", "Not written by Trustboard (kept for the format).",
           "New data"),
    Column("compared_to_goal", "string", "Not written by Trustboard (kept for the format).",
           "Compared to goal"),
    Column("time_period_range", "string", "How long the period is, e.g. 1y or 3y.",
           "Time period range"),
)

_TIDY_COLUMNS = (
    Column("indicator", "string", "The indicator's source id where it has one, otherwise its "
           "name."),
    Column("area_code", "string", "GSS code of the area."),
    Column("period", "string", "The period as published, e.g. 2011/12."),
    Column("value", "number", "The value in the indicator's unit; empty where suppressed."),
    Column("count", "number", "The numerator; empty where suppressed."),
    Column("denominator", "number", "The population the count is out of."),
    Column("lower95", "number", "Lower 95% confidence limit."),
    Column("upper95", "number", "Upper 95% confidence limit."),
    Column("lower998", "number", "Lower 99.8% confidence limit."),
    Column("upper998", "number", "Upper 99.8% confidence limit."),
    Column("value_note", "string", "A note on the value, e.g. why it is suppressed."),
    Column("sex", "string", "Persons, Male or Female."),
    Column("age", "string", "The age group the value is about."),
    Column("category_type", "string", "The kind of breakdown; empty for the headline value."),
    Column("category", "string", "The breakdown's category; empty for the headline value."),
)

# A point is known by its place in its chunk: reading its id too would cost a column.
_POINT_FIELDS = ("area_id", "period_id", "breakdown_id", "value", "lower95", "upper95",
                 "lower998", "upper998", "count", "denominator", "value_note")
_POINT_SCHEMA = {"area_id": pl.Int64, "period_id": pl.Int64, "breakdown_id": pl.Int64,
                 **dict.fromkeys(_POINT_FIELDS[3:10], pl.Float64), "value_note": pl.String}


def _lookups() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Areas, periods and breakdowns by id (three queries): each chunk of points is read as
    ids and joined to these, not joined row by row in the database."""
    areas = pl.DataFrame(
        list(Area.objects.values_list("pk", "code", "name", "kind", "parent_id")),
        schema={"area_id": pl.Int64, "area_code": pl.String, "area_name": pl.String,
                "area_kind": pl.String, "parent_id": pl.Int64}, orient="row")
    periods = pl.DataFrame(
        list(Period.objects.values_list("pk", "label", "start")),
        schema={"period_id": pl.Int64, "period": pl.String, "period_start": pl.Date},
        orient="row")
    breakdowns = pl.DataFrame(
        list(Breakdown.objects.values_list("pk", "sex", "age", "category_type", "category")),
        schema={"breakdown_id": pl.Int64, "sex": pl.String, "age": pl.String,
                "category_type": pl.String, "category": pl.String}, orient="row")
    return areas, periods, breakdowns


def _period_batches(sizes: list[tuple[int, int, int]]) -> Iterator[list[tuple[int, int]]]:
    """(indicator, period) pairs, in order, grouped so each group holds about
    POINT_CHUNK_ROWS points; a period is never split, so disclosure control and the
    comparison with England see all of a period's areas and breakdowns."""
    batch: list[tuple[int, int]] = []
    rows = 0
    for indicator_id, period_id, size in sizes:
        if batch and rows + size > POINT_CHUNK_ROWS:
            yield batch
            batch, rows = [], 0
        batch.append((indicator_id, period_id))
        rows += size
    if batch:
        yield batch


def _indicators(format: str) -> list[Indicator]:
    """The indicators a format's file holds: a Fingertips file only those with a Fingertips
    id (a whole number), as the importer reads it; a tidy file every one."""
    indicators = Indicator.objects.order_by("pk")
    if format == FINGERTIPS_FORMAT:
        return [indicator for indicator in indicators if indicator.source_id.isdigit()]
    return list(indicators)


def _points_frame(batch: list[tuple[int, int]]) -> pl.DataFrame:
    """The points of a batch's (indicator, period) pairs, read an indicator at a time (its
    id is then written once, not read on every row)."""
    periods: dict[int, list[int]] = defaultdict(list)
    for indicator_id, period_id in batch:
        periods[indicator_id].append(period_id)
    frames = []
    for indicator_id, ids in periods.items():
        rows = (DataPoint.objects.filter(indicator_id=indicator_id, period_id__in=ids)
                .values_list(*_POINT_FIELDS).iterator(chunk_size=CHUNK_ROWS))
        # A few thousand rows at a time as Python objects (ten times a frame's size), each
        # made a frame at once, so a chunk's memory is its frame's, not its rows' objects'.
        while piece := list(islice(rows, CHUNK_ROWS)):
            frames.append(pl.DataFrame(piece, schema=_POINT_SCHEMA, orient="row").with_columns(
                pl.lit(indicator_id, dtype=pl.Int64).alias("indicator_id")))
    return pl.concat(frames)


def public_values_csv(*, format: str, headers: list[str]) -> Iterator[bytes]:
    """Every published value, disclosure-controlled, as CSV rows of the Fingertips or tidy
    format, indicator by indicator: one query for the sizes of the periods, then one a
    chunk.

    The request's thread reads each chunk from the database while a second thread
    shapes the chunk before it (disclosure control, labels, the format): Polars works
    without Python's lock, so reading and shaping use both cores. At most two chunks are
    in hand at once."""
    lookups = _lookups()
    threshold = disclosure_threshold()
    indicators = {indicator.pk: indicator for indicator in _indicators(format)}
    # Publication is decided a period at a time (published_points: an indicator's approval
    # covers the periods ending by its date), so the published pairs of indicator and
    # period, read once, name every published point: each chunk then reads its pairs
    # whole, without the approval test on every row.
    sizes = list(published_points(DataPoint.objects.filter(indicator__in=list(indicators)))
                 .order_by("indicator_id", "period_id")
                 .values("indicator_id", "period_id").annotate(size=Count("pk"))
                 .values_list("indicator_id", "period_id", "size"))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="open-data") as shaper:
        shaping: Future | None = None
        for batch in _period_batches(sizes):
            frame = _points_frame(batch)
            following = shaper.submit(_shaped_chunk, frame, lookups, indicators,
                                      threshold=threshold, format=format, headers=headers)
            if shaping is not None:
                yield from shaping.result()
            shaping = following
        if shaping is not None:
            yield from shaping.result()


def _shaped_chunk(frame: pl.DataFrame, lookups: tuple[pl.DataFrame, ...],
                  indicators: dict[int, Indicator], *, threshold: int, format: str,
                  headers: list[str]) -> list[bytes]:
    """One chunk of points (whole periods of one or more indicators) as the public reads
    them, as CSV rows of the format, one piece an indicator. Reads nothing from the
    database: it runs beside the thread that does."""
    areas, periods, breakdowns = lookups
    frame = frame.with_row_index("point_id").with_columns(pl.col("point_id").cast(pl.Int64))
    # Each period judged whole, over every area and breakdown, by the rule every page,
    # download and API response uses (so none can be subtracted from another).
    hidden = suppressed_ids_in_frame(
        frame.join(areas.select("area_id", "parent_id"), on="area_id", how="left").select(
            pl.col("point_id").alias("id"), "indicator_id", pl.col("period_id").alias("period"),
            pl.col("breakdown_id").alias("breakdown"), pl.col("area_id").alias("area"),
            pl.col("parent_id").alias("parent"), "count"),
        breakdowns.rename({"breakdown_id": "breakdown"}), threshold=threshold)
    frame = (frame.join(areas.drop("parent_id"), on="area_id", how="left")
             .join(breakdowns, on="breakdown_id", how="left"))
    labelled = hide_points(frame, hidden).join(periods, on="period_id", how="left")
    return [csv_rows(export_frame(part.select(list(EXPORT_SCHEMA)).cast(EXPORT_SCHEMA),
                                  indicator=indicators[indicator_id], format=format), headers)
            for (indicator_id,), part in labelled.partition_by(
                "indicator_id", as_dict=True, maintain_order=True).items()]


def _values_count(format: str) -> Callable[[], int]:
    def count() -> int:
        return published_points(DataPoint.objects.filter(
            indicator__in=[indicator.pk for indicator in _indicators(format)])).count()
    return count


def _values_modified() -> datetime | None:
    imports = DataImport.objects.filter(status=ImportStatus.COMPLETED).aggregate(
        latest=Max("finished_at"))["latest"]
    approvals = PublicationApproval.objects.aggregate(
        approved=Max("approved_at"), withdrawn=Max("withdrawn_at"))
    return _latest(imports, approvals["approved"], approvals["withdrawn"],
                   _history_latest(DataPoint))


# The governance structure ------------------------------------------------------------------


def _scenario() -> Scenario | None:
    return scenario_current()


_BODY_COLUMNS = (
    Column("body_id", "integer", "Trustboard's id of the body; memberships and relationships "
           "name it."),
    Column("name", "string", "The body's name."),
    Column("kind", "string", "What kind of body it is, e.g. Trust board, Executive group."),
    Column("is_partnership_board", "boolean", "Whether it is the partnership's board."),
    Column("purpose", "string", "Its purpose, from its terms of reference."),
    Column("responsibilities", "string", "Its responsibilities, from its terms of reference, "
           "separated by \" | \"."),
    Column("meetings_per_year", "integer", "How many times a year it meets."),
    Column("meeting_hours", "number", "How long a meeting usually lasts, in hours."),
    Column("quorum", "integer", "How many voting members make a meeting quorate."),
    Column("locality", "string", "The locality it serves, if it serves one."),
    Column("scenario", "string", "The arrangement it belongs to: the one in force."),
)


def _body_rows() -> Iterator[dict]:
    scenario = _scenario()
    if scenario is None:
        return
    for body in Body.objects.filter(scenario=scenario).order_by("name"):
        yield {"body_id": body.pk, "name": body.name, "kind": body.get_kind_display(),
               "is_partnership_board": body.is_partnership_board, "purpose": body.purpose,
               "responsibilities": " | ".join(str(item) for item in body.responsibilities),
               "meetings_per_year": body.meetings_per_year,
               "meeting_hours": float(body.meeting_hours) if body.meeting_hours is not None
               else None, "quorum": body.quorum, "locality": body.locality,
               "scenario": scenario.name}


_MEMBERSHIP_COLUMNS = (
    Column("body_id", "integer", "The body's id, as in the bodies file."),
    Column("body", "string", "The body's name."),
    Column("person", "string", "The member's name."),
    Column("job_title", "string", "The member's job title."),
    Column("organisation", "string", "The member's own organisation."),
    Column("role", "string", "Chair, Vice-chair, Member, Participant observer or Invited."),
    Column("represents", "string", "The organisations the member represents on the body, "
           "separated by \" | \"."),
    Column("seniority_tier", "integer", "The member's seniority (1 is the most senior)."),
    Column("start_date", "date", "When the membership began, if recorded."),
    Column("end_date", "date", "When it ended or ends, if recorded."),
)


def _membership_rows() -> Iterator[dict]:
    scenario = _scenario()
    if scenario is None:
        return
    memberships = (Membership.objects.filter(body__scenario=scenario)
                   .select_related("body", "person__organisation")
                   .prefetch_related("represents").order_by("body__name", "person__name"))
    for membership in memberships:
        person = membership.person
        yield {"body_id": membership.body_id, "body": membership.body.name,
               "person": person.name, "job_title": person.job_title,
               "organisation": _name(person.organisation),
               "role": membership.get_role_display(),
               "represents": " | ".join(sorted(org.name for org in
                                               membership.represents.all())),
               "seniority_tier": membership.seniority_tier or person.seniority_tier,
               "start_date": membership.start_date, "end_date": membership.end_date}


_RELATIONSHIP_COLUMNS = (
    Column("source_body_id", "integer", "The id of the body the line starts from."),
    Column("source_body", "string", "Its name."),
    Column("kind", "string", "What the line means, e.g. Reports to, Challenges/scrutinises."),
    Column("target_body_id", "integer", "The id of the body the line goes to."),
    Column("target_body", "string", "Its name."),
    Column("times_per_year", "integer", "How often it happens a year, where set."),
    Column("note", "string", "A note on the line."),
)


def _relationship_rows() -> Iterator[dict]:
    scenario = _scenario()
    if scenario is None:
        return
    for line in (Relationship.objects.filter(scenario=scenario)
                 .select_related("source", "target").order_by("source__name", "pk")):
        yield {"source_body_id": line.source_id, "source_body": line.source.name,
               "kind": line.get_kind_display(), "target_body_id": line.target_id,
               "target_body": line.target.name, "times_per_year": line.times_per_year,
               "note": line.note}


def _structure_modified(model, path: str) -> Callable[[], datetime | None]:
    def modified() -> datetime | None:
        scenario = _scenario()
        if scenario is None:
            return None
        if path == "scenario":
            return _history_latest(model, scenario_id=scenario.pk)
        bodies = list(Body.objects.filter(scenario=scenario).values_list("pk", flat=True))
        return _history_latest(model, body_id__in=bodies)
    return modified


def _structure_count(model, path: str) -> Callable[[], int]:
    def count() -> int:
        scenario = _scenario()
        return model.objects.filter(**{path: scenario}).count() if scenario else 0
    return count


# Meetings and decisions --------------------------------------------------------------------

_MEETING_COLUMNS = (
    Column("meeting_id", "integer", "Trustboard's id of the meeting; its page is "
           "/meetings/<id>/."),
    Column("body", "string", "The body meeting."),
    Column("starts_at", "datetime", "When the meeting starts (UK time, ISO 8601)."),
    Column("status", "string", "Scheduled, Confirmed, Held or Cancelled."),
    Column("place", "string", "Where it meets."),
    Column("item_number", "integer", "The item's number on the agenda; empty for a meeting "
           "with no agenda yet."),
    Column("item_title", "string", "The item's title; for an exempt item only the public "
           "heading its clerk gave it, never its title."),
    Column("purpose", "string", "Why the item comes: for decision, discussion, information."),
    Column("is_exempt", "boolean", "Whether the item is exempt under Schedule 12A to the Local "
           "Government Act 1972 (its papers and records are not public)."),
    Column("exempt_paragraph", "integer", "The paragraph of Schedule 12A that makes it exempt."),
)


def _meeting_rows() -> Iterator[dict]:
    meetings = Meeting.objects.select_related("body").order_by("starts_at", "pk")
    items: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in AgendaItem.objects.order_by("meeting_id", "number").only(
            "pk", "meeting_id", "number", "title", "purpose", "is_exempt", "exempt_paragraph",
            "public_title"):
        items[item.meeting_id].append(item)
    for meeting in meetings:
        base = {"meeting_id": meeting.pk, "body": meeting.body.name,
                "starts_at": timezone.localtime(meeting.starts_at).replace(tzinfo=None),
                "status": meeting.get_status_display(), "place": meeting.place}
        if not items[meeting.pk]:
            yield {**base, "item_number": None, "item_title": "", "purpose": "",
                   "is_exempt": None, "exempt_paragraph": None}
        for item in items[meeting.pk]:
            yield {**base, "item_number": item.number,
                   "item_title": item.public_heading if item.is_exempt else item.title,
                   "purpose": item.get_purpose_display(), "is_exempt": item.is_exempt,
                   "exempt_paragraph": item.exempt_paragraph}


def _meetings_count() -> int:
    with_items = AgendaItem.objects.count()
    without = Meeting.objects.filter(items__isnull=True).count()
    return with_items + without


def _meetings_modified() -> datetime | None:
    return _latest(_history_latest(Meeting), _history_latest(AgendaItem, is_exempt=False))


_DECISION_COLUMNS = (
    Column("decision_id", "integer", "Trustboard's id of the decision."),
    Column("meeting_id", "integer", "The meeting's id, as in the meetings file."),
    Column("body", "string", "The body that decided."),
    Column("meeting_date", "date", "The date of the meeting."),
    Column("item_number", "integer", "The agenda item's number."),
    Column("item_title", "string", "The item's title; for an exempt item its public heading."),
    Column("kind", "string", "What kind of decision: Agree, Approve a strategy, Recommend to "
           "another body, Task a group, Note, Award a contract."),
    Column("resolution", "string", "The decision as the minutes word it (RESOLVED that ...)."),
    Column("target_body", "string", "The body recommended to or tasked, if any."),
    Column("deadline", "date", "The date a tasked group reports back by, if any."),
)


def _public_decisions():
    """Decisions on open items, and on exempt items only those the body made public."""
    return Decision.objects.filter(Q(item__is_exempt=False) | Q(is_public=True))


def _decision_rows() -> Iterator[dict]:
    decisions = (_public_decisions()
                 .select_related("item__meeting__body", "target_body")
                 .order_by("item__meeting__starts_at", "item__number", "pk"))
    for decision in decisions:
        item = decision.item
        yield {"decision_id": decision.pk, "meeting_id": item.meeting_id,
               "body": item.meeting.body.name,
               "meeting_date": timezone.localtime(item.meeting.starts_at).date(),
               "item_number": item.number,
               "item_title": item.public_heading if item.is_exempt else item.title,
               "kind": decision.get_kind_display(), "resolution": decision.resolution,
               "target_body": _name(decision.target_body), "deadline": decision.deadline}


def _decisions_modified() -> datetime | None:
    return _history_latest(Decision, id__in=_public_decisions().values("pk"))


# Key actions and their progress ------------------------------------------------------------

_ACTION_COLUMNS = (
    Column("plan", "string", "The plan the action belongs to."),
    Column("priority_number", "integer", "The priority's number in the plan."),
    Column("priority", "string", "The priority's title."),
    Column("reference", "string", "The action's reference, e.g. 1.3."),
    Column("action", "string", "What the action is."),
    Column("lead_officer", "string", "Who leads it."),
    Column("lead_organisation", "string", "The organisation leading it."),
    Column("due_on", "date", "When it is due."),
    Column("as_at", "date", "The date of the progress update; empty for an action with no "
           "update yet."),
    Column("status", "string", "The status reported: Completed, On schedule, At risk, "
           "Delayed or Not started."),
    Column("commentary", "string", "The lead's commentary, once an officer has approved it "
           "for publication; empty until then."),
)


def _action_rows() -> Iterator[dict]:
    actions = (KeyAction.objects.select_related("priority__plan", "lead_officer",
                                                "lead_organisation")
               .order_by("priority__plan__starts_on", "priority__plan_id", "priority__number",
                         "reference", "pk"))
    updates: dict[int, list[ActionUpdate]] = defaultdict(list)
    for update in ActionUpdate.objects.order_by("action_id", "as_at"):
        updates[update.action_id].append(update)
    for action in actions:
        base = {"plan": action.priority.plan.title, "priority_number": action.priority.number,
                "priority": action.priority.title, "reference": action.reference,
                "action": action.title, "lead_officer": _name(action.lead_officer),
                "lead_organisation": _name(action.lead_organisation), "due_on": action.due_on}
        if not updates[action.pk]:
            yield {**base, "as_at": None, "status": ActionStatus.NOT_STARTED.label,
                   "commentary": ""}
        for update in updates[action.pk]:
            yield {**base, "as_at": update.as_at, "status": update.get_status_display(),
                   "commentary": update.commentary if update.commentary_is_public else ""}


def _actions_count() -> int:
    return (ActionUpdate.objects.count()
            + KeyAction.objects.filter(updates__isnull=True).count())


def _actions_modified() -> datetime | None:
    return _latest(_history_latest(KeyAction), _history_latest(ActionUpdate),
                   ActionUpdate.objects.aggregate(latest=Max("approved_at"))["latest"])


# Commissioned services (Local Government Transparency Code 2015, contracts) ----------------

_SERVICE_COLUMNS = (
    Column("reference", "string", "The contract's reference number (Trustboard's reference "
           "for the service)."),
    Column("title", "string", "Title of the agreement: the service commissioned."),
    Column("department", "string", "The department or body responsible: the commissioning "
           "group or partner."),
    Column("lead_commissioner", "string", "The officer leading the commissioning."),
    Column("description", "string", "Description of the services provided."),
    Column("supplier_name", "string", "The supplier (provider) of the service."),
    Column("start_date", "date", "When the contract starts."),
    Column("end_date", "date", "When the contract ends."),
    Column("review_date", "date", "When the contract is next reviewed. Trustboard does not "
           "record it yet, so it is empty."),
    Column("annual_value", "number", "The estimated annual expenditure, in pounds. Empty "
           "while the award is decided in an exempt item (Schedule 12A paragraph 3)."),
    Column("funding_arrangement", "string", "Single, aligned or pooled funding."),
    Column("pooled_basis", "string", "For a pooled fund, its legal basis (section 75 or "
           "section 10)."),
    Column("funding_partners", "string", "The partners funding it, separated by \" | \"."),
    Column("is_illustrative", "boolean", "Whether the contract is made up for the "
           "demonstration rather than a real one."),
)


def _service_rows() -> Iterator[dict]:
    scenario = _scenario()
    if scenario is None:
        return
    hidden = hidden_award_items(AnonymousUser())
    services = (Service.objects.filter(scenario=scenario)
                .select_related("commissioning_body", "commissioning_partner", "provider",
                                "lead_commissioner")
                .prefetch_related("funding_partners").order_by("name"))
    for service in services:
        shown = value_is_visible(service, hidden)
        yield {"reference": service.slug, "title": service.name,
               "department": service.commissioner_name,
               "lead_commissioner": _name(service.lead_commissioner),
               "description": service.description, "supplier_name": service.provider_display,
               "start_date": service.contract_start, "end_date": service.contract_end,
               "review_date": None,
               "annual_value": float(service.annual_value)
               if shown and service.annual_value is not None else None,
               "funding_arrangement": service.get_funding_arrangement_display(),
               "pooled_basis": service.get_pooled_basis_display(),
               "funding_partners": " | ".join(sorted(org.name for org in
                                                     service.funding_partners.all())),
               "is_illustrative": service.is_illustrative}


# You said, we did --------------------------------------------------------------------------

_FINDING_COLUMNS = (
    Column("topic", "string", "What the finding is about."),
    Column("engagement", "string", "The engagement it came from."),
    Column("held_on", "date", "When the engagement was held."),
    Column("locality", "string", "Where; empty for the whole area."),
    Column("method", "string", "How: survey, group, event, youth council, consultation."),
    Column("finding", "string", "The finding's title."),
    Column("you_said", "string", "What children, young people or families said."),
    Column("response", "string", "We did, We will or We cannot; empty while awaited."),
    Column("we_did", "string", "What the partnership did or will do."),
    Column("will_by", "date", "For We will: the date it will be done by."),
    Column("why_not", "string", "For We cannot: the reason."),
    Column("responded_on", "date", "When the partnership responded."),
    Column("decision", "string", "The public decision that followed, if any."),
    Column("key_action", "string", "The key action that followed, if any (its reference)."),
    Column("is_illustrative", "boolean", "Whether the engagement is made up for the "
           "demonstration."),
)


def _finding_rows() -> Iterator[dict]:
    findings = (Finding.objects.select_related(
        "topic", "engagement__locality", "response__key_action",
        "response__decision__item__meeting__body", "response__decision__target_body")
        .order_by("topic__name", "engagement__held_on", "pk"))
    public_decisions = set(_public_decisions().values_list("pk", flat=True))
    for finding in findings:
        response = getattr(finding, "response", None)
        engagement = finding.engagement
        decision = response.decision if response is not None else None
        yield {"topic": finding.topic.name, "engagement": engagement.title,
               "held_on": engagement.held_on, "locality": _name(engagement.locality),
               "method": engagement.get_method_display(), "finding": finding.title,
               "you_said": finding.said,
               "response": response.get_kind_display() if response else "",
               "we_did": response.text if response else "",
               "will_by": response.will_by if response else None,
               "why_not": response.reason if response else "",
               "responded_on": response.responded_on if response else None,
               "decision": decision.resolution
               if decision is not None and decision.pk in public_decisions else "",
               "key_action": response.key_action.reference
               if response and response.key_action else "",
               "is_illustrative": engagement.is_illustrative}


def _findings_modified() -> datetime | None:
    return _latest(_history_latest(Finding), _history_latest(Response),
                   _history_latest(Engagement))


# The catalogue -----------------------------------------------------------------------------


def _rows_dataset(slug, title, description, columns, rows, count, modified) -> Dataset:
    return Dataset(slug=slug, title=title, description=description, columns=columns,
                   chunks=lambda: _chunked(rows(), columns), count=count, modified=modified)


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="indicator-values-fingertips", title="Indicator values (Fingertips format)",
        description="The published values of every indicator the national profiles "
                    "(Fingertips) publish, for every area and period, in the columns of "
                    "Fingertips' own data export, which Trustboard's importer reads back. "
                    "Small counts are suppressed.",
        columns=_FINGERTIPS_COLUMNS,
        chunks=lambda: public_values_csv(format=FINGERTIPS_FORMAT,
                                         headers=_headers(_FINGERTIPS_COLUMNS)),
        count=_values_count(FINGERTIPS_FORMAT), modified=_values_modified),
    Dataset(
        slug="indicator-values-tidy", title="Indicator values (tidy format)",
        description="The published values of every indicator, national and the "
                    "partnership's own, one row per value in Trustboard's plain tidy format, "
                    "which its importer also reads. Small counts are suppressed.",
        columns=_TIDY_COLUMNS,
        chunks=lambda: public_values_csv(format=TIDY_FORMAT, headers=_headers(_TIDY_COLUMNS)),
        count=_values_count(TIDY_FORMAT), modified=_values_modified),
    _rows_dataset(
        "governance-bodies", "Governance structure: bodies",
        "The boards and groups of the partnership as it is now arranged, with their terms of "
        "reference and how often they meet.", _BODY_COLUMNS, _body_rows,
        _structure_count(Body, "scenario"), _structure_modified(Body, "scenario")),
    _rows_dataset(
        "governance-memberships", "Governance structure: memberships",
        "Who sits on each body, in what role, and which organisations they represent.",
        _MEMBERSHIP_COLUMNS, _membership_rows, _structure_count(Membership, "body__scenario"),
        _structure_modified(Membership, "body")),
    _rows_dataset(
        "governance-relationships", "Governance structure: relationships",
        "The lines between bodies: who reports to, advises, tasks or scrutinises whom.",
        _RELATIONSHIP_COLUMNS, _relationship_rows, _structure_count(Relationship, "scenario"),
        _structure_modified(Relationship, "scenario")),
    _rows_dataset(
        "meetings", "Meetings and agenda items",
        "Every meeting and its agenda. An exempt item appears only as its public heading and "
        "the paragraph of Schedule 12A that makes it exempt.", _MEETING_COLUMNS,
        _meeting_rows, _meetings_count, _meetings_modified),
    _rows_dataset(
        "decisions", "Decisions", "The decisions of every meeting on open items, and those on "
        "exempt items that the body chose to make public.", _DECISION_COLUMNS,
        _decision_rows, lambda: _public_decisions().count(), _decisions_modified),
    _rows_dataset(
        "key-actions", "Key actions and their progress",
        "The plan's key actions, with each dated progress update and the lead's commentary "
        "once approved for publication.", _ACTION_COLUMNS, _action_rows, _actions_count,
        _actions_modified),
    _rows_dataset(
        "commissioned-services", "Commissioned services (contracts)",
        "The services the partnership commissions, with the contract details the Local "
        "Government Transparency Code 2015 asks councils to publish. A value decided in an "
        "exempt item is left out while the item is exempt.", _SERVICE_COLUMNS,
        _service_rows, _structure_count(Service, "scenario"),
        _structure_modified(Service, "scenario")),
    _rows_dataset(
        "you-said-we-did", "You said, we did",
        "What children, young people and families told the partnership, and what it did "
        "about it. No one who took part is named.", _FINDING_COLUMNS, _finding_rows,
        lambda: Finding.objects.count(), _findings_modified),
)
_BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


def dataset_get(slug: str) -> Dataset | None:
    return _BY_SLUG.get(slug)


@dataclass(frozen=True)
class CatalogueEntry:
    dataset: Dataset
    rows: int
    modified: datetime | None


def catalogue() -> list[CatalogueEntry]:
    """Each dataset with its size in rows and when it last changed (a few queries each)."""
    return [CatalogueEntry(dataset=dataset, rows=dataset.count(), modified=dataset.modified())
            for dataset in DATASETS]
