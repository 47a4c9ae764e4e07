"""Every read the Fingertips-compatible API makes, in the national API's shapes.

Only what the public may read: the exporter's public rows (`exports.fingertips_frame(...,
public=True)`): data points through `published_points` (an indicator that needs approval
shows its values up to its approved period) and disclosure control (performance.disclosure:
small counts suppressed with their values and limits, and a note saying why), judged as
every public page judges them. Indicators are known by their Fingertips id where they came
from Fingertips (the `source_id` the importer keeps) and by Trustboard's own id otherwise.

A bad request raises `FingertipsRequestError` with the status and a message naming the
parameter; the views turn it into the answer.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl
from django.db.models import Exists, OuterRef, Prefetch

from trustboard.api.fingertips.area_types import (
    AREA_TYPES,
    COUNTIES_AND_UAS,
    DISTRICTS_AND_UAS,
    ENGLAND,
    REGIONS,
    AreaType,
)
from trustboard.performance.engine import EngineInputError, recent_trend
from trustboard.performance.exports import fingertips_frame
from trustboard.performance.models import (
    ENGLAND_CODE,
    FINGERTIPS,
    Area,
    AreaKind,
    Breakdown,
    DataPoint,
    Frequency,
    Indicator,
    Polarity,
    ValueType,
)
from trustboard.performance.sample_files import FINGERTIPS_HEADER
from trustboard.performance.selectors import published_points
from trustboard.plans.models import Plan, Priority

#: The national site's ids for its sexes; any other sex gets an id of its own (below).
SEX_IDS = {"Male": 1, "Female": 2, "Persons": 4}
#: The national site's id for all ages; other ages get ids of their own.
AGE_IDS = {"All ages": 1}
#: Where a parent type is regions, the 23rd column compares each area with its region.
REGION_COMPARISON = "Compared to Regions (statistical) value or percentiles"
#: The columns of `indicator_metadata/csv/...`, as the national site writes them.
METADATA_COLUMNS = [
    "Indicator ID", "Indicator", "Definition", "Rationale", "Data source", "Indicator source",
    "Methodology", "Standard population/values", "Confidence interval details",
    "Source of numerator", "Definition of numerator", "Source of denominator",
    "Definition of denominator", "Disclosure control", "Caveats", "Copyright", "Data re-use",
    "Links", "Indicator number", "Notes", "Frequency", "Rounding", "Indicator Content",
    "Specific rationale", "Unit", "Value type", "Year type", "Polarity", "Impact of COVID-19",
]
_VALUE_TYPE_IDS = {ValueType.DSR: 1, ValueType.CRUDE_RATE: 3, ValueType.PROPORTION: 5,
                   ValueType.COUNT: 7, ValueType.MEAN: 8}
_INTERVAL_METHODS = {ValueType.PROPORTION: "Wilson Score method",
                     ValueType.CRUDE_RATE: "Byar's method",
                     ValueType.DSR: "Dobson method"}
_POLARITIES = {Polarity.LOWER_IS_BETTER: "RAG - Low is good",
               Polarity.HIGHER_IS_BETTER: "RAG - High is good",
               Polarity.NO_JUDGEMENT: "Not applicable"}
_YEAR_TYPES = {Frequency.FINANCIAL_YEAR: "Financial", Frequency.ACADEMIC_YEAR: "Academic",
               Frequency.CALENDAR_YEAR: "Calendar", Frequency.QUARTERLY: "Financial",
               Frequency.MONTHLY: "Calendar"}
_FREQUENCIES = {Frequency.QUARTERLY: "Quarterly", Frequency.MONTHLY: "Monthly"}


class FingertipsRequestError(ValueError):
    """A request the API cannot answer: `status` 400 (malformed) or 404 (unknown)."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


# --- parameters ----------------------------------------------------------------------------


def ids_parse(text: str | None, *, field: str) -> list[int]:
    """`1,2,3` as [1, 2, 3]; a missing, empty or non-numeric list is a 400 naming `field`."""
    if text is None or not text.strip():
        raise FingertipsRequestError(f"The parameter {field} is required: give one or more "
                                     "ids separated by commas, e.g. 90284,90285.")
    ids = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or len(part) > 9:
            raise FingertipsRequestError(
                f"The parameter {field} must be whole numbers separated by commas; "
                f"'{part[:40]}' is not one.")
        ids.append(int(part))
    return list(dict.fromkeys(ids))


def area_type_get(text: str | None, *, field: str, default: int | None = None) -> AreaType:
    """The area type a parameter names: 400 if missing or not a number, 404 if unknown."""
    if (text is None or text == "") and default is not None:
        text = str(default)
    numbers = ids_parse(text, field=field)
    if len(numbers) != 1:
        raise FingertipsRequestError(f"The parameter {field} takes one area type id.")
    if numbers[0] not in AREA_TYPES:
        known = ", ".join(str(key) for key in AREA_TYPES)
        raise FingertipsRequestError(
            f"There is no area type {numbers[0]} ({field}); the area types are {known}.",
            status=404)
    return AREA_TYPES[numbers[0]]


# --- indicators ----------------------------------------------------------------------------


def indicator_fingertips_id(indicator: Indicator) -> int:
    """Its Fingertips id when it came from Fingertips, else Trustboard's own id."""
    if indicator.source == FINGERTIPS and indicator.source_id.isdigit():
        return int(indicator.source_id)
    return indicator.pk


def indicators_by_id() -> dict[int, Indicator]:
    """Every indicator by its id here; a Fingertips id wins over an equal Trustboard id."""
    found: dict[int, Indicator] = {}
    indicators = list(Indicator.objects.order_by("pk"))
    for indicator in indicators:
        if indicator.source == FINGERTIPS and indicator.source_id.isdigit():
            found[int(indicator.source_id)] = indicator
    for indicator in indicators:
        found.setdefault(indicator.pk, indicator)
    return found


def indicators_get(ids: list[int], *, field: str = "indicator_ids") -> list[Indicator]:
    """The indicators with these ids, in that order; any unknown id is a 404 naming it."""
    known = indicators_by_id()
    unknown = [str(number) for number in ids if number not in known]
    if unknown:
        raise FingertipsRequestError(
            f"No indicator has the id {', '.join(unknown)} ({field}).", status=404)
    return [known[number] for number in ids]


def profile_indicators(profile_id: int, *, field: str = "profile_id") -> list[Indicator]:
    """The outcome indicators of a plan's priorities (a profile is a plan), each once."""
    plan = profile_get(profile_id, field=field)
    seen: dict[int, Indicator] = {}
    for priority in plan.priorities.all():
        for indicator in priority.indicators.all():
            seen.setdefault(indicator.pk, indicator)
    return list(seen.values())


def group_indicators(group_ids: list[int]) -> list[Indicator]:
    """The indicators of priorities (a group, or domain, is a plan's priority)."""
    priorities = {priority.pk: priority for priority in Priority.objects.filter(
        pk__in=group_ids).prefetch_related("indicators")}
    unknown = [str(number) for number in group_ids if number not in priorities]
    if unknown:
        raise FingertipsRequestError(
            f"No group (a plan's priority) has the id {', '.join(unknown)} (group_id).",
            status=404)
    seen: dict[int, Indicator] = {}
    for number in group_ids:
        for indicator in priorities[number].indicators.order_by("pk"):
            seen.setdefault(indicator.pk, indicator)
    return list(seen.values())


def indicator_metadata(indicators: list[Indicator]) -> dict[str, dict]:
    """`indicator_metadata/by_indicator_id`: each indicator's metadata keyed by its id."""
    return {str(indicator_fingertips_id(indicator)): _metadata_json(indicator)
            for indicator in indicators}


def _metadata_json(indicator: Indicator) -> dict:
    number = indicator_fingertips_id(indicator)
    method = _INTERVAL_METHODS.get(indicator.value_type, "")
    return {
        "IID": number,
        "Descriptive": {"Name": indicator.name, "NameLong": indicator.name,
                        "Definition": indicator.definition, "DataSource": indicator.source,
                        "Frequency": _FREQUENCIES.get(indicator.frequency, "Annual")},
        "Unit": {"Id": indicator.multiplier, "Value": indicator.multiplier,
                 "Label": indicator.unit},
        "ValueType": {"Id": _VALUE_TYPE_IDS.get(indicator.value_type, 0),
                      "Name": indicator.get_value_type_display()},
        "ConfidenceIntervalMethod": {"Id": 0, "Name": method},
        "ConfidenceLevel": 95 if method else None,
        "YearType": {"Name": _YEAR_TYPES.get(indicator.frequency, "Calendar")},
        "Polarity": _POLARITIES.get(indicator.polarity, "Not applicable"),
    }


def indicator_metadata_frame(indicators: list[Indicator]) -> pl.DataFrame:
    """`indicator_metadata/csv/...`: one row an indicator in the national columns."""
    rows = [{
        "Indicator ID": str(indicator_fingertips_id(indicator)),
        "Indicator": indicator.name,
        "Definition": indicator.definition,
        "Data source": indicator.source,
        "Indicator source": indicator.source,
        "Confidence interval details": _INTERVAL_METHODS.get(indicator.value_type, ""),
        "Disclosure control": "Counts from 1 to 4 are suppressed with their values and "
                              "limits, and the next smallest area where one would show.",
        "Frequency": _FREQUENCIES.get(indicator.frequency, "Annual"),
        "Unit": indicator.unit,
        "Value type": indicator.get_value_type_display(),
        "Year type": _YEAR_TYPES.get(indicator.frequency, "Calendar"),
        "Polarity": _POLARITIES.get(indicator.polarity, "Not applicable"),
    } for indicator in indicators]
    frame = pl.DataFrame(rows, schema=dict.fromkeys(METADATA_COLUMNS, pl.String))
    return frame.select(METADATA_COLUMNS)


# --- areas, ages, sexes, notes ---------------------------------------------------------------


def areas_frame() -> pl.DataFrame:
    """Every area with its kind, parent, region and area type id (null: in no type)."""
    has_districts = Area.objects.filter(parent=OuterRef("pk"), kind=AreaKind.DISTRICT)
    rows = list(Area.objects.annotate(has_districts=Exists(has_districts)).values_list(
        "code", "name", "kind", "is_current", "parent__code", "region__code",
        "region__name", "has_districts"))
    frame = pl.DataFrame(rows, orient="row", schema={
        "code": pl.String, "name": pl.String, "kind": pl.String, "is_current": pl.Boolean,
        "parent_code": pl.String, "region_code": pl.String, "region_name": pl.String,
        "has_districts": pl.Boolean})
    kind = pl.col("kind")
    current = pl.col("is_current")
    return frame.with_columns(
        pl.when(kind == AreaKind.ENGLAND).then(pl.lit(ENGLAND))
        .when(kind == AreaKind.REGION).then(pl.lit(REGIONS))
        .when((kind == AreaKind.UPPER_TIER) & current).then(pl.lit(COUNTIES_AND_UAS))
        .when((kind == AreaKind.DISTRICT) & current).then(pl.lit(DISTRICTS_AND_UAS))
        .otherwise(None).alias("area_type_id"),
        ((kind == AreaKind.UPPER_TIER) & current & ~pl.col("has_districts"))
        .alias("is_unitary"),
    )


def _of_type(areas: pl.DataFrame, area_type: AreaType) -> pl.DataFrame:
    of_type = pl.col("area_type_id") == area_type.id
    if area_type.id == DISTRICTS_AND_UAS:
        of_type = of_type | pl.col("is_unitary")
    return areas.filter(of_type)


def areas_by_area_type(area_type: AreaType) -> list[dict]:
    """`areas/by_area_type`: each area of the type, by code."""
    suffix = " region (statistical)" if area_type.id == REGIONS else ""
    return [{"Code": row["code"], "Name": row["name"] + suffix, "Short": row["name"],
             "AreaTypeId": area_type.id}
            for row in _of_type(areas_frame(), area_type).sort("code").iter_rows(named=True)]


def _own_id(text: str) -> int:
    """A stable id for a name the national site's list does not give here."""
    return 1_000_000 + zlib.crc32(text.encode("utf-8")) % 1_000_000


def sex_id(name: str) -> int:
    return SEX_IDS.get(name, _own_id(name))


def age_id(name: str) -> int:
    return AGE_IDS.get(name, _own_id(name))


def ages() -> list[dict]:
    names = sorted(set(Breakdown.objects.values_list("age", flat=True)) | set(AGE_IDS))
    return sorted(({"Id": age_id(name), "Name": name} for name in names),
                  key=lambda age: age["Id"])


def sexes() -> list[dict]:
    names = sorted(set(Breakdown.objects.values_list("sex", flat=True)) | set(SEX_IDS))
    return sorted(({"Id": sex_id(name), "Name": name} for name in names),
                  key=lambda sex: sex["Id"])


def value_notes() -> list[dict]:
    """The notes on the values the public may read."""
    texts = (published_points(DataPoint.objects.exclude(value_note=""))
             .order_by().values_list("value_note", flat=True).distinct())
    return sorted(({"Id": _own_id(text), "Text": text} for text in set(texts)),
                  key=lambda note: note["Id"])


# --- profiles -----------------------------------------------------------------------------


def _plans():
    return Plan.objects.order_by("pk").prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.order_by("number")
                 .prefetch_related("indicators")))


def _profile_json(plan: Plan) -> dict:
    return {"Id": plan.pk, "Name": plan.title, "Key": plan.slug,
            "GroupIds": [priority.pk for priority in plan.priorities.all()]}


def profiles() -> list[dict]:
    """`profiles`: each plan as a profile, its priorities as the profile's groups."""
    return [_profile_json(plan) for plan in _plans()]


def profile_get(profile_id: int, *, field: str = "profile_id") -> Plan:
    plan = _plans().filter(pk=profile_id).first()
    if plan is None:
        raise FingertipsRequestError(
            f"No profile (a plan) has the id {profile_id} ({field}).", status=404)
    return plan


def profile(profile_id: int) -> dict:
    return _profile_json(profile_get(profile_id))


def group_metadata(group_ids: list[int]) -> list[dict]:
    """`group_metadata`: a priority as a profile's group (domain)."""
    priorities = Priority.objects.filter(pk__in=group_ids).order_by("plan", "number")
    return [{"Id": priority.pk, "Name": priority.title, "Sequence": priority.number,
             "ProfileId": priority.plan_id} for priority in priorities]


# --- what data there is -------------------------------------------------------------------


def available_data(indicators: list[Indicator] | None = None) -> list[dict]:
    """`available_data`: each indicator id with each area type it has public values for."""
    points = published_points(DataPoint.objects.all())
    if indicators is not None:
        points = points.filter(indicator__in=indicators)
    pairs = set(points.order_by().values_list("indicator_id", "area_id").distinct())
    areas = {row[0]: row[1:] for row in Area.objects.values_list("pk", "kind", "is_current")}
    ids = {indicator.pk: indicator_fingertips_id(indicator)
           for indicator in Indicator.objects.filter(pk__in={pair[0] for pair in pairs})}
    found = set()
    for indicator, area in pairs:
        kind, current = areas[area]
        for type_id in _types_of(kind, current):
            found.add((ids[indicator], type_id))
    return [{"IndicatorId": indicator, "AreaTypeId": type_id}
            for indicator, type_id in sorted(found)]


def _types_of(kind: str, current: bool) -> list[int]:
    if kind == AreaKind.ENGLAND:
        return [ENGLAND]
    if kind == AreaKind.REGION:
        return [REGIONS]
    if not current:
        return []
    if kind == AreaKind.UPPER_TIER:
        # A unitary authority's rows come with type 501 too, but the type is listed for an
        # indicator only when a district has data: else most of its areas would be empty.
        return [COUNTIES_AND_UAS]
    if kind == AreaKind.DISTRICT:
        return [DISTRICTS_AND_UAS]
    return []


def area_types(profile_ids: list[int] | None = None) -> list[dict]:
    """`area_types`: every area type, or those the profiles' indicators have data for."""
    if profile_ids is None:
        return [area_type.as_json() for area_type in AREA_TYPES.values()]
    indicators = [indicator for profile_id in profile_ids
                  for indicator in profile_indicators(profile_id, field="profile_ids")]
    wanted = {row["AreaTypeId"] for row in available_data(indicators)}
    return [area_type.as_json() for area_type in AREA_TYPES.values() if area_type.id in wanted]


def parent_area_types() -> list[dict]:
    """`area_types/parent_area_types`: each area type with the types it may be grouped by."""
    return [{**area_type.as_json(),
             "ParentAreaTypes": [AREA_TYPES[parent].as_json() for parent in area_type.parents]}
            for area_type in AREA_TYPES.values()]


# --- the data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DataRequest:
    indicators: list[Indicator]
    child: AreaType
    parent: AreaType

    @property
    def header(self) -> list[str]:
        """The national file's 27 columns; the 23rd names the parent type it compares with."""
        if self.parent.id == REGIONS:
            return [REGION_COMPARISON if name == "Compared to percentiles" else name
                    for name in FINGERTIPS_HEADER]
        return list(FINGERTIPS_HEADER)


def data_request(indicators: list[Indicator], *, child: AreaType,
                 parent: AreaType) -> DataRequest:
    """Check that `parent` is a type `child` may be grouped by (400 naming both if not)."""
    if child.id != ENGLAND and parent.id not in child.parents:
        allowed = ", ".join(str(number) for number in child.parents)
        raise FingertipsRequestError(
            f"Area type {child.id} (child_area_type_id) is not grouped by area type "
            f"{parent.id} (parent_area_type_id); its parent types are {allowed}.")
    return DataRequest(indicators=indicators, child=child, parent=parent)


def data_frames(request: DataRequest) -> Iterator[pl.DataFrame]:
    """`all_data/csv/...`: each indicator's public rows for the request, one frame an
    indicator (so memory holds one indicator at a time), in the national file's columns."""
    areas = areas_frame()
    for indicator in request.indicators:
        yield indicator_rows(indicator, request=request, areas=areas)


def indicator_rows(indicator: Indicator, *, request: DataRequest,
                   areas: pl.DataFrame) -> pl.DataFrame:
    """One indicator's rows as the national API writes them for a child and parent type:
    England (no parent), then the parent type's areas (England again, under itself, when
    the parent type is England), then the child type's areas under their parents."""
    # The published values with disclosure control applied, as every public reading has
    # them (performance.disclosure: each group judged over every area).
    frame = fingertips_frame(indicator, public=True).with_columns(
        pl.lit(str(indicator_fingertips_id(indicator))).alias("Indicator ID"))
    frame = _with_recent_trend(_with_comparisons(frame, indicator, areas), indicator)
    frame = frame.join(areas.select("code", "area_type_id", "is_unitary", "region_code",
                                    "region_name"),
                       left_on="Area Code", right_on="code", how="left")
    england = frame.filter(pl.col("Area Code") == ENGLAND_CODE)
    parts = [england.with_columns(pl.lit(None, dtype=pl.String).alias("Parent Code"),
                                  pl.lit(None, dtype=pl.String).alias("Parent Name"),
                                  pl.col("_compared_no_parent").alias("_england_compared"),
                                  pl.lit(AREA_TYPES[ENGLAND].name).alias("Area Type"))]
    if request.parent.id == ENGLAND:
        parts.append(england.with_columns(
            pl.lit(ENGLAND_CODE).alias("Parent Code"), pl.lit("England").alias("Parent Name"),
            pl.lit(AREA_TYPES[ENGLAND].name).alias("Area Type")))
    else:
        parts.append(_under(frame, AREA_TYPES[REGIONS], ENGLAND))
    if request.child.id not in (ENGLAND, request.parent.id):
        parts.append(_under(frame, request.child, request.parent.id))
    shaped = pl.concat([part.with_columns(pl.col("_england_compared").alias(
        "Compared to England value or percentiles")) for part in parts], how="diagonal_relaxed")
    last = "Compared to percentiles"
    if request.parent.id == REGIONS:
        shaped = shaped.with_columns(pl.col("_region_compared").alias(last))
    return shaped.select(FINGERTIPS_HEADER).rename(dict(zip(
        FINGERTIPS_HEADER, request.header, strict=True)))


def _under(frame: pl.DataFrame, area_type: AreaType, parent: int) -> pl.DataFrame:
    """The rows of an area type's areas, each under its England or region parent."""
    of_type = pl.col("area_type_id") == area_type.id
    if area_type.id == DISTRICTS_AND_UAS:
        of_type = of_type | pl.col("is_unitary")
    rows = frame.filter(of_type)
    if parent == REGIONS:
        code, name = pl.col("region_code"), pl.col("region_name") + " region (statistical)"
    else:
        code, name = pl.lit(ENGLAND_CODE), pl.lit("England")
    rows = rows.with_columns(code.alias("Parent Code"), name.alias("Parent Name"),
                             pl.lit(area_type.name).alias("Area Type"))
    if area_type.id == REGIONS:
        rows = rows.with_columns(pl.col("Area Name") + " region (statistical)")
    return rows


def _with_comparisons(frame: pl.DataFrame, indicator: Indicator,
                      areas: pl.DataFrame) -> pl.DataFrame:
    """Each row compared with England's value (the 95% interval rule the national site
    uses: better or worse where the interval lies wholly on one side), and with its region's
    value. England's own headline rows are "Not compared" as the first (unparented) rows of
    the national file and "Similar" to themselves as the parent's rows."""
    if frame.height == 0:
        return frame.with_columns(*(pl.lit(None, dtype=pl.String).alias(name) for name in (
            "_england_compared", "_compared_no_parent", "_region_compared")))
    breakdown = ["Sex", "Age", "Category Type", "Category", "Time period"]
    is_england = pl.col("Area Code") == ENGLAND_CODE
    is_headline = pl.col("Category Type").is_null() & pl.col("Category").is_null()
    england = frame.filter(is_england).select(*breakdown, pl.col("Value").alias("_england"))
    headline = england.filter(pl.col("Category Type").is_null() & pl.col("Category").is_null())
    frame = frame.join(england, on=breakdown, how="left", nulls_equal=True).join(
        headline.drop("Category Type", "Category").rename({"_england": "_england_headline"}),
        on=["Sex", "Age", "Time period"], how="left", nulls_equal=True)
    benchmark = pl.when(is_england).then(pl.col("_england_headline")).otherwise(
        pl.col("_england"))
    compared = _compared(benchmark, indicator.polarity)
    return frame.with_columns(
        compared.alias("_england_compared"),
        pl.when(is_england & is_headline).then(pl.lit("Not compared")).otherwise(compared)
        .alias("_compared_no_parent"),
        pl.lit("Not compared").alias("_region_compared"),
    ).pipe(_with_region_comparison, indicator, breakdown, areas)


def _with_region_comparison(frame: pl.DataFrame, indicator: Indicator,
                            breakdown: list[str], areas: pl.DataFrame) -> pl.DataFrame:
    """Each authority or district compared with its region's value in the same period and
    breakdown."""
    region_of = areas.filter(pl.col("kind").is_in([AreaKind.UPPER_TIER, AreaKind.DISTRICT]))\
        .select(pl.col("code").alias("Area Code"), pl.col("region_code").alias("_region"))
    values = frame.select(*breakdown, pl.col("Area Code").alias("_region"),
                          pl.col("Value").alias("_region_value"))
    joined = frame.join(region_of, on="Area Code", how="left").join(
        values, on=[*breakdown, "_region"], how="left", nulls_equal=True)
    return joined.with_columns(
        pl.when(pl.col("_region").is_not_null())
        .then(_compared(pl.col("_region_value"), indicator.polarity))
        .otherwise(pl.lit("Not compared")).alias("_region_compared"),
    ).drop("_region", "_region_value", "_england", "_england_headline")


def _with_recent_trend(frame: pl.DataFrame, indicator: Indicator) -> pl.DataFrame:
    """The recent trend on the rows of the indicator's latest period, as the national file
    marks it (earlier rows have none): the statistics engine's, by the national site's
    method over each series' last five usable points."""
    if frame.height == 0:
        return frame.with_columns(pl.lit(None, dtype=pl.String).alias("Recent Trend"))
    breakdown = pl.concat_str([pl.col(name).fill_null("") for name in (
        "Sex", "Age", "Category Type", "Category")], separator="\x1f")
    sortable = pl.col("Time period Sortable").cast(pl.Int64, strict=False)
    data = frame.select(
        breakdown.rank("dense").cast(pl.Int64).alias("indicator_id"),
        pl.col("Area Code").alias("area_code"),
        # Periods in order, one index a period even where two share a sortable form.
        pl.concat_str([sortable.fill_null(0).cast(pl.String).str.zfill(12),
                       pl.col("Time period").fill_null("")], separator="|")
        .rank("dense").cast(pl.Int64).alias("period_index"),
        pl.col("Value").alias("value"),
        pl.col("Lower CI 95.0 limit").alias("lower95"),
        pl.col("Upper CI 95.0 limit").alias("upper95"),
        pl.col("Count").cast(pl.Float64).alias("count"),
        pl.col("Denominator").cast(pl.Float64).alias("denominator"),
    )
    series = data["indicator_id"].unique().sort()
    try:
        trends = recent_trend(data, indicators=pl.DataFrame({
            "indicator_id": series,
            "polarity": [indicator.polarity or Polarity.NO_JUDGEMENT] * len(series),
            "value_type": [indicator.value_type] * len(series)}))["recent_trend"]
    except EngineInputError:
        # Data the engine cannot read as series (it names why in its own checks): the
        # rows are still served, with no trend, rather than a broken download.
        return frame.with_columns(pl.lit(None, dtype=pl.String).alias("Recent Trend"))
    trends = trends.cast(pl.String)
    words = trends.str.slice(0, 1).str.to_uppercase() + trends.str.slice(1)
    return frame.with_columns(
        pl.when(sortable == sortable.max()).then(words).otherwise(None).alias("Recent Trend"))


def _compared(benchmark: pl.Expr, polarity: str) -> pl.Expr:
    lower, upper = pl.col("Lower CI 95.0 limit"), pl.col("Upper CI 95.0 limit")
    below_word, above_word = {Polarity.LOWER_IS_BETTER: ("Better", "Worse"),
                              Polarity.HIGHER_IS_BETTER: ("Worse", "Better")}.get(
        polarity, ("Lower", "Higher"))
    missing = (pl.col("Value").is_null() | lower.is_null() | upper.is_null()
               | benchmark.is_null())
    return (pl.when(missing).then(pl.lit("Not compared"))
            .when(upper < benchmark).then(pl.lit(below_word))
            .when(lower > benchmark).then(pl.lit(above_word))
            .otherwise(pl.lit("Similar")))
