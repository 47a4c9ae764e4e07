"""Every write to areas, neighbours, indicators and targets. Data points are written by
`imports.data_import`, which is a service too, in its own module because it is large."""

from __future__ import annotations

import csv
import io
import math
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from trustboard.core.errors import ImportRowError, RuleError
from trustboard.core.permissions import Permission, user_can
from trustboard.core.services import record_delete, record_save, rows_lock
from trustboard.performance.errors import ImportFileError
from trustboard.performance.models import (
    ENGLAND_CODE,
    FREQUENCY_MONTHS,
    Area,
    AreaKind,
    DataImport,
    DataPoint,
    Frequency,
    Indicator,
    IndicatorCommentary,
    Period,
    Polarity,
    PublicationApproval,
    StatisticalNeighbour,
    Target,
)

_DATA = resources.files("trustboard.performance") / "data"
UTLA_LOOKUP = "ons_ltla_to_utla_apr2023_england_wales.csv"
DFE_LOOKUP = "dfe_la_codes_lookup_derived_from_b1.csv"
# DfE's children's statistics split London in two; the national profiles, and so the
# comparisons here, use the one ONS region.
LONDON = ("E12000007", "London")
_DFE_LONDON = {"E13000001", "E13000002"}


@dataclass(frozen=True)
class AreaCounts:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def area_load_national() -> AreaCounts:
    """Create or refresh England, its regions, upper-tier authorities and districts.

    From the packaged ONS LTLA-UTLA lookup (April 2023) and DfE's LA code list (see
    performance/data/README.md); authorities the DfE list shows as gone since are kept
    with is_current False, so older files still import. Running it twice changes nothing.
    """
    utla_rows = _packaged_rows(UTLA_LOOKUP)
    dfe_rows = _packaged_rows(DFE_LOOKUP)
    wanted: list[dict] = [{"code": ENGLAND_CODE, "name": "England", "kind": AreaKind.ENGLAND,
                           "parent": None, "region": None, "dfe_la_code": "",
                           "is_current": True}]
    regions = {LONDON[0]: LONDON[1]}
    for row in dfe_rows:
        if row["region_code"] not in _DFE_LONDON:
            regions[row["region_code"]] = row["region_name"]
    wanted += [{"code": code, "name": name, "kind": AreaKind.REGION, "parent": ENGLAND_CODE,
                "region": None, "dfe_la_code": "", "is_current": True}
               for code, name in sorted(regions.items())]
    ons_names = {row["UTLA23CD"]: row["UTLA23NM"] for row in utla_rows}
    region_of: dict[str, str] = {}
    for row in sorted(dfe_rows, key=lambda row: row["in_2025"] != "True"):
        code = row["new_la_code"]
        if code in region_of:
            continue
        region = LONDON[0] if row["region_code"] in _DFE_LONDON else row["region_code"]
        region_of[code] = region
        is_current = row["in_2025"] == "True"
        wanted.append({"code": code, "name": ons_names.get(code, row["la_name"]),
                       "kind": AreaKind.UPPER_TIER, "parent": region, "region": region,
                       "dfe_la_code": row["old_la_code"].zfill(3), "is_current": is_current})
    for row in utla_rows:
        district, county = row["LTLA23CD"], row["UTLA23CD"]
        if district.startswith("E") and district != county:
            wanted.append({"code": district, "name": row["LTLA23NM"], "kind": AreaKind.DISTRICT,
                           "parent": county, "region": region_of[county], "dfe_la_code": "",
                           "is_current": True})
    return _areas_upsert(wanted)


def _packaged_rows(name: str) -> list[dict[str, str]]:
    text = (_DATA / name).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _areas_upsert(wanted: list[dict]) -> AreaCounts:
    existing = {area.code: area for area in Area.objects.all()}
    created = updated = 0
    # Parents come before their children in `wanted`, so each parent is saved first.
    for fields in wanted:
        values = {
            **fields,
            "parent": existing[fields["parent"]] if fields["parent"] else None,
            "region": existing[fields["region"]] if fields["region"] else None,
        }
        area = existing.get(fields["code"])
        if area is None:
            existing[fields["code"]] = Area.objects.create(**values)
            created += 1
        elif any(getattr(area, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(area, name, value)
            area.save()
            updated += 1
    return AreaCounts(created=created, updated=updated,
                      unchanged=len(wanted) - created - updated)


@transaction.atomic
def locality_save(*, code: str, name: str, districts: Iterable[Area], parent: Area) -> Area:
    """Create or change one of the partnership's localities: a named set of its districts."""
    districts = list(districts)
    wrong = [district.name for district in districts if district.kind != AreaKind.DISTRICT]
    if wrong:
        raise RuleError(f"A locality is made of districts; {', '.join(wrong)} "
                        f"{'is' if len(wrong) == 1 else 'are'} not.", field="districts")
    outside = [district.name for district in districts if district.parent_id != parent.pk]
    if outside:
        raise RuleError(f"{', '.join(outside)} {'is' if len(outside) == 1 else 'are'} not in "
                        f"{parent.name}.", field="districts")
    taken = Area.objects.filter(code=code).exclude(kind=AreaKind.LOCALITY).first()
    if taken:
        raise RuleError(f"The code {code} is {taken.name}'s; choose another.", field="code")
    locality, _created = Area.objects.update_or_create(
        code=code, defaults={"name": name, "kind": AreaKind.LOCALITY, "parent": parent,
                             "region": parent.region, "is_current": True})
    locality.districts.set(districts)
    return locality


# --- statistical neighbours -----------------------------------------------------------------

_NFER_COLUMNS = ["old_la_code", "la_name", *[name for n in range(1, 11)
                                             for name in (f"SN_{n}", f"SN_{n}P")]]


@dataclass(frozen=True)
class NeighbourCounts:
    areas: int
    changed: int
    unchanged: int


@transaction.atomic
def neighbours_import(*, text: str, model_year: int, source: str | None = None,
                      file_name: str = "") -> NeighbourCounts:
    """Replace each listed authority's neighbours for `model_year` from an NFER wide CSV.

    The format is DfE's statistical neighbour tool's (old_la_code, la_name, SN_1, SN_1P ...
    SN_10, SN_10P), three-digit DfE codes, labels trimmed. Every line is checked first;
    nothing is written if any is wrong. Authorities whose list is the same are untouched.
    """
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in _NFER_COLUMNS if name not in header]
    if missing:
        raise ImportRowError(f"the file has no column {_listed(missing)}; an NFER statistical "
                             f"neighbour file has old_la_code, la_name and SN_1 ... SN_10P.",
                             row=1, source=file_name or None)
    reader.fieldnames = header
    areas = {area.dfe_la_code: area for area in Area.objects.filter(
        is_current=True).exclude(dfe_la_code="")}
    errors: list[ImportRowError] = []
    wanted: dict[int, list[tuple[int, int, str]]] = {}
    for row in reader:
        line = reader.line_num
        area = _dfe_area(row["old_la_code"], areas, line, "old_la_code", errors)
        links = []
        for rank in range(1, 11):
            neighbour = _dfe_area(row[f"SN_{rank}"], areas, line, f"SN_{rank}", errors)
            if neighbour and area:
                links.append((rank, neighbour.pk, (row[f"SN_{rank}P"] or "").strip()))
        if area and area.pk in wanted:
            errors.append(ImportRowError(f"{area.name} is listed twice.", row=line,
                                         column="old_la_code"))
        elif area:
            wanted[area.pk] = links
    if errors:
        raise ImportFileError(errors, source=file_name or None)
    existing: dict[int, list[tuple[int, int, str]]] = {}
    for link in StatisticalNeighbour.objects.filter(model_year=model_year, area__in=wanted):
        existing.setdefault(link.area_id, []).append((link.rank, link.neighbour_id,
                                                      link.closeness))
    changed = [pk for pk, links in wanted.items() if sorted(existing.get(pk, [])) != links]
    StatisticalNeighbour.objects.filter(model_year=model_year, area__in=changed).delete()
    extra = {"source": source} if source else {}
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(area_id=pk, neighbour_id=neighbour, rank=rank, closeness=closeness,
                             model_year=model_year, **extra)
        for pk in changed for rank, neighbour, closeness in wanted[pk]
    )
    return NeighbourCounts(areas=len(wanted), changed=len(changed),
                           unchanged=len(wanted) - len(changed))


def neighbours_import_file(*, path: Path, model_year: int | None = None,
                           source: str | None = None) -> NeighbourCounts:
    """Import an NFER neighbour file; the model's year defaults to the year in its name."""
    if model_year is None:
        found = re.findall(r"(?<!\d)(20\d\d)(?!\d)", path.name)
        if not found:
            raise ImportRowError("give the model's year: the file name has none.",
                                 source=path.name)
        model_year = int(found[-1])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRowError("the file is not UTF-8 text; save it as 'CSV UTF-8'.",
                             source=path.name) from error
    return neighbours_import(text=text, model_year=model_year, source=source,
                             file_name=path.name)


def _dfe_area(code: str | None, areas: dict[str, Area], line: int, column: str,
              errors: list[ImportRowError]) -> Area | None:
    code = (code or "").strip()
    area = areas.get(code.zfill(3)) if code.isdigit() else None
    if area is None:
        errors.append(ImportRowError(
            f"'{code}' is not the DfE number of a current local authority; run "
            f"`trustboard load-areas` if the list is empty.", row=line, column=column))
    return area


def _listed(names: list[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


# --- indicators and targets -----------------------------------------------------------------


@transaction.atomic
def indicator_save(*, indicator: Indicator, by) -> Indicator:
    """Save an indicator; the months between its values follow its frequency unless that
    is "other", when the indicator's own figure stands."""
    if indicator.frequency != Frequency.OTHER:
        indicator.frequency_months = FREQUENCY_MONTHS[indicator.frequency]
    duplicate = (indicator.source_id and Indicator.objects.filter(
        source=indicator.source, source_id=indicator.source_id).exclude(pk=indicator.pk).first())
    if duplicate:
        raise RuleError(f"{duplicate.name} already has {indicator.source} id "
                        f"{indicator.source_id}.", field="source_id")
    return record_save(indicator, by=by)


@transaction.atomic
def indicators_create(*, indicators: list[Indicator], by,
                      published: bool = False) -> list[Indicator]:
    """Create many new indicators at once, each checked, with one history row each.

    The importer calls it for the indicators a file adds; the caller has made sure no
    two share a source id with each other or with an indicator already held. A new
    indicator starts unpublished: the public sees its values only once an officer has
    given it an owner and a definition and approved them (indicator_approve),
    unless `published` says an officer has already decided its figures are public as
    their publisher issued them.
    """
    for indicator in indicators:
        indicator.approval_required = not published
        if indicator.frequency != Frequency.OTHER:
            indicator.frequency_months = FREQUENCY_MONTHS[indicator.frequency]
        try:
            indicator.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise RuleError(f"{indicator.name}: {' '.join(messages)}",
                            field=None if field == "__all__" else field) from error
    return bulk_create_with_history(indicators, Indicator, default_user=by)


@transaction.atomic
def indicator_settings_save(
    *, indicator: Indicator, by, name: str, definition: str = "", unit: str = "",
    multiplier: int = 1, polarity: str, frequency: str, frequency_months: int | None = None,
    publication_lag_months: int | None = None, owner=None,
    target_tolerance: float | None = None, approval_required: bool = False,
    target_period: str = "", target_value: float | None = None,
) -> Indicator:
    """Change the settings an officer owns on an indicator, and optionally set its target
    for a period, in one transaction with the history naming `by`.

    What imports find an indicator by (its source, source id and headline breakdown) is
    left alone. Every value is checked before anything is written. Turning
    `approval_required` on takes the indicator's values beyond its current approval off the
    public pages and open data at once; turning it off publishes them at once.
    """
    if by is not None and not user_can(by, Permission.EDIT_INDICATOR_SETTINGS):
        raise RuleError("Only a partnership officer can change an indicator's settings.")
    name = (name or "").strip()
    if not name:
        raise RuleError("Enter the indicator's name.", field="name")
    if polarity not in Polarity.values:
        raise RuleError(f"Polarity must be one of: {_choices(Polarity)}; '{polarity}' is not.",
                        field="polarity")
    if frequency not in Frequency.values:
        raise RuleError(f"Frequency must be one of: {_choices(Frequency)}; '{frequency}' is "
                        f"not.", field="frequency")
    _whole_number_from_one(multiplier, field="multiplier",
                           what="The multiplier (100 for a percentage)")
    if frequency == Frequency.OTHER:
        _whole_number_from_one(frequency_months, field="frequency_months",
                               what="The months between values")
    if publication_lag_months is not None and not (
            isinstance(publication_lag_months, int) and 0 <= publication_lag_months <= 60):
        raise RuleError("The months its publisher takes must be a whole number from 0 to 60.",
                        field="publication_lag_months")
    if target_tolerance is not None:
        _finite(target_tolerance, field="target_tolerance", what="The target tolerance")
        if target_tolerance < 0:
            raise RuleError("The target tolerance is how far short of its target a value may "
                            "fall and be amber: 0 or more.", field="target_tolerance")
    target_period = (target_period or "").strip()
    if target_value is not None:
        _finite(target_value, field="target_value", what="The target")
        if not target_period:
            raise RuleError("Enter the period the target is for, as its label (2024/25).",
                            field="target_period")
    elif target_period:
        raise RuleError(f"Enter the target for {target_period} as a number.",
                        field="target_value")
    indicator.name, indicator.definition, indicator.unit = name, definition.strip(), unit.strip()
    indicator.multiplier, indicator.polarity, indicator.frequency = multiplier, polarity, frequency
    if frequency == Frequency.OTHER:
        indicator.frequency_months = frequency_months
    indicator.owner, indicator.target_tolerance = owner, target_tolerance
    indicator.publication_lag_months = publication_lag_months
    indicator.approval_required = approval_required
    indicator_save(indicator=indicator, by=by)
    if target_value is not None:
        target_save(indicator=indicator, period=target_period, value=float(target_value), by=by)
    return indicator


def _choices(choices) -> str:
    return ", ".join(label.lower() for label in choices.labels)


def _finite(value, *, field: str, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RuleError(f"{what} must be a number, like 75 or 12.5; '{value}' is not.",
                        field=field)


def _whole_number_from_one(value, *, field: str, what: str) -> None:
    if value is None:
        raise RuleError(f"{what} must be given: a whole number, 1 or more.", field=field)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RuleError(f"{what} must be a whole number, 1 or more; '{value}' is not.",
                        field=field)


@transaction.atomic
def target_save(*, indicator: Indicator, period: str, value: float, by) -> Target:
    """Set the indicator's target for a period, replacing any it had."""
    rows_lock(Indicator.objects.filter(pk=indicator.pk))  # two at once: the second replaces
    target = Target.objects.filter(indicator=indicator, period=period).first() or Target(
        indicator=indicator, period=period)
    target.value = value
    return record_save(target, by=by)


# --- uploads ----------------------------------------------------------------------------

UPLOAD_SUFFIXES = (".csv", ".xlsx")


def data_upload_queue(*, upload, by, format: str = "", create_indicators: bool = False,
                      polarity: str = Polarity.NO_JUDGEMENT):
    """Keep an uploaded data file and queue its import; return the Job to follow.

    The file is stored under a generated name (the person's name for it is kept only as
    text), and the import runs in the background with progress (performance.tasks).
    """
    from trustboard.core.jobs import job_enqueue
    from trustboard.performance.tasks import import_uploaded_file

    file_name = _safe_file_name(upload.name)
    suffix = Path(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise RuleError(f"{file_name} is not a CSV or XLSX file: export the data as 'CSV "
                        f"UTF-8' or an Excel workbook.", field="file")
    limit = settings.TRUSTBOARD_MAX_IMPORT_BYTES
    if upload.size > limit:
        raise RuleError(f"{file_name} is {upload.size / 1e6:,.0f} MB; the largest file the "
                        f"page takes is {limit / 1e6:,.0f} MB. Split it into smaller files "
                        f"(by period or by indicator) and upload each, or ask whoever runs "
                        f"Trustboard to import it on the server.", field="file")
    stored_name = default_storage.save(f"imports/{uuid.uuid4().hex}{suffix}", upload)
    with transaction.atomic():
        record = DataImport.objects.create(file_name=file_name, sha256="", format=format,
                                           by=by, at=timezone.now())
        return job_enqueue(
            task=import_uploaded_file, title=f"Import of {file_name}", user=by, unit="rows",
            params={"data_import_id": record.pk, "stored_name": stored_name,
                    "file_name": file_name, "format": format,
                    "create_indicators": create_indicators, "polarity": polarity,
                    "back": {"url": reverse("performance:data-upload"),
                             "label": "Back to the upload form",
                             "retry": "Put the file right and upload it again"}})


def _safe_file_name(name: str) -> str:
    """The last part of the name, without control characters, for showing back."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:200] or "upload"


# --- indicator commentary and approval for publication -----------------------------------


def user_can_comment_indicator(user, indicator: Indicator) -> bool:
    """Officers and analysts comment on any indicator; a member on those they own."""
    if user_can(user, Permission.EDIT_PLAN) or user_can(user, Permission.EDIT_INDICATORS):
        return True
    person = getattr(user, "person", None) if user.is_authenticated else None
    return (user_can(user, Permission.UPDATE_OWN_ACTIONS) and person is not None
            and indicator.owner_id == person.pk)


@transaction.atomic
def indicator_commentary_record(*, indicator: Indicator, area: Area, period: str, text: str,
                                by) -> IndicatorCommentary | None:
    """Record (or change) the owner's commentary on the indicator's value for a period;
    empty text removes it. The history keeps every earlier wording."""
    if by is not None and not user_can_comment_indicator(by, indicator):
        raise RuleError("Only the indicator's owner or a partnership officer can comment "
                        "on its values.")
    commentary = IndicatorCommentary.objects.filter(
        indicator=indicator, area=area, period=period).first()
    text = text.strip()
    if not text:
        if commentary is not None:
            record_delete(commentary, by=by)
        return None
    if commentary is not None and commentary.text == text:
        return commentary
    commentary = commentary or IndicatorCommentary(indicator=indicator, area=area, period=period)
    commentary.text, commentary.by = text, by
    return record_save(commentary, by=by)


@transaction.atomic
def indicator_approve(*, indicator: Indicator, by, period: Period | None = None,
                      ) -> PublicationApproval:
    """Approve the indicator's values and commentary for publication up to `period` (its
    latest period with data when not given). An indicator without an owner or a definition
    cannot be approved: the public would read figures nobody answers for or explains. The
    approval before it stays in the history."""
    if by is not None and not user_can(by, Permission.APPROVE_PUBLICATION):
        raise RuleError("Only a partnership officer can approve figures for publication.")
    missing = [what for what, given in (("an owner", indicator.owner_id),
                                        ("a definition", indicator.definition.strip()))
               if not given]
    if missing:
        raise RuleError(f"{indicator.name} needs {' and '.join(missing)} before its figures "
                        f"can be approved for publication: set them in its settings.")
    if period is None:
        period = (Period.objects.filter(pk__in=DataPoint.objects.filter(
            indicator=indicator, value__isnull=False).values("period_id"))
            .order_by("-end").first())
    if period is None:
        raise RuleError(f"{indicator.name} has no values to approve yet.")
    current = PublicationApproval.objects.filter(indicator=indicator,
                                                 withdrawn_at__isnull=True).first()
    if current is not None and current.up_to == period.end:
        return current
    now = timezone.now()
    if current is not None:
        current.withdrawn_at, current.withdrawn_by = now, by
        current.reason = f"Replaced by an approval up to {period.label}."
        record_save(current, by=by)
    return record_save(PublicationApproval(
        indicator=indicator, up_to=period.end, up_to_period=period.label, approved_by=by,
        approved_at=now), by=by)


@transaction.atomic
def indicator_approval_withdraw(*, indicator: Indicator, by, reason: str = "") -> int:
    """Withdraw the indicator's approval: its values leave public pages and open data until
    an officer approves them again. Returns how many approvals were withdrawn."""
    if not user_can(by, Permission.APPROVE_PUBLICATION):
        raise RuleError("Only a partnership officer can withdraw an approval.")
    withdrawn = 0
    for approval in PublicationApproval.objects.filter(indicator=indicator,
                                                       withdrawn_at__isnull=True):
        approval.withdrawn_at, approval.withdrawn_by = timezone.now(), by
        approval.reason = reason.strip() or "Withdrawn."
        record_save(approval, by=by)
        withdrawn += 1
    return withdrawn
