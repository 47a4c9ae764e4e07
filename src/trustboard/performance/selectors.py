"""Every read the indicator pages, reports and API need, computed with the statistics engine.

Each selector runs a fixed number of queries whatever the amount of data (the tests pin
them), loads the rows into a Polars frame and hands it to `performance.engine`; the pages
get plain dataclasses back. Figures are an indicator's headline breakdown: its own sex
and age (Indicator.sex, Indicator.age), with no category.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl
from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from trustboard.performance.engine import (
    benchmark,
    compare_with_benchmark,
    currency,
    direction_of_travel,
    target_status,
)
from trustboard.performance.models import (
    ENGLAND_CODE,
    Area,
    AreaKind,
    DataImport,
    DataPoint,
    Indicator,
    IndicatorCommentary,
    PublicationApproval,
    StatisticalNeighbour,
    Target,
)
from trustboard.performance.periods import period_index

#: The partnership's own area when settings do not name one: Nottinghamshire (DfE 891).
DEFAULT_PARTNERSHIP_AREA = "E10000024"

_POINT_FIELDS = ["indicator_id", "area_id", "period__label", "period__start", "period__end",
                 "value", "lower95", "upper95", "lower998", "upper998", "count", "denominator",
                 "value_note", "limits_source"]
_POINT_SCHEMA = {
    "indicator_id": pl.Int64, "area_id": pl.Int64, "period": pl.String,
    "period_start": pl.Date, "period_end": pl.Date,
    **dict.fromkeys(["value", "lower95", "upper95", "lower998", "upper998", "count",
                     "denominator"], pl.Float64),
    "value_note": pl.String, "limits_source": pl.String,
}


def partnership_area() -> Area | None:
    """The area the partnership is: settings.TRUSTBOARD_PARTNERSHIP_AREA_CODE, or
    Nottinghamshire."""
    code = getattr(settings, "TRUSTBOARD_PARTNERSHIP_AREA_CODE", DEFAULT_PARTNERSHIP_AREA)
    return Area.objects.filter(code=code).select_related("region").first()


def area_get(*, code: str) -> Area | None:
    return Area.objects.filter(code=code).select_related("region", "parent").first()


def indicator_get(*, pk: int) -> Indicator | None:
    return Indicator.objects.filter(pk=pk).select_related("owner").first()


def data_import_list() -> QuerySet[DataImport]:
    """Imports, newest first, with who ran them (for the upload page and provenance)."""
    return DataImport.objects.select_related("by").order_by("-at")


# --- approval for publication ----------------------------------------------------------------


def published_points(points: QuerySet[DataPoint]) -> QuerySet[DataPoint]:
    """Only the points the public may see: every point of an indicator that needs no
    approval, and of one that does, those whose period ends on or before its current
    (not withdrawn) approval. Adds no query: the test is a subquery of the same SELECT."""
    approved = PublicationApproval.objects.filter(
        indicator=OuterRef("indicator"), withdrawn_at__isnull=True,
        up_to__gte=OuterRef("period__end"))
    return points.filter(Q(indicator__approval_required=False) | Exists(approved))


def commentary_is_public(*, period_end: date | None,
                         approval: PublicationApproval | None) -> bool:
    """Whether the public may read the owner's commentary on a value whose period ends on
    `period_end`, given the indicator's current approval.

    Commentary is the partnership's own words, so it always needs an officer's approval,
    even on an indicator whose values are public as published (`approval_required` off).
    """
    return approval is not None and period_end is not None and period_end <= approval.up_to


@dataclass(frozen=True)
class UnapprovedValues:
    """An indicator's values that no current approval covers: what leaves the public pages
    when `approval_required` is turned on, or reaches them when it is turned off."""

    count: int
    approved_up_to: str | None  # the last approved period, if any


def indicator_unapproved_values(*, indicator: Indicator) -> UnapprovedValues:
    """How many of the indicator's values (every area and breakdown) lie beyond its current
    approval, in two queries."""
    approval = approvals_current([indicator]).get(indicator.pk)
    points = DataPoint.objects.filter(indicator=indicator, value__isnull=False)
    if approval is not None:
        points = points.filter(period__end__gt=approval.up_to)
    return UnapprovedValues(count=points.count(),
                            approved_up_to=approval.up_to_period if approval else None)


def user_display_name(user) -> str:
    """Who wrote something, as pages show it: their person's name, else their full name."""
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return (person.name if person else user.get_full_name()) or user.get_username()


def approvals_current(indicators) -> dict[int, PublicationApproval]:
    """Each indicator's current approval (the latest not withdrawn), in one query."""
    current: dict[int, PublicationApproval] = {}
    for approval in (PublicationApproval.objects.filter(indicator__in=indicators,
                                                        withdrawn_at__isnull=True)
                     .select_related("approved_by").order_by("indicator_id", "-up_to")):
        current.setdefault(approval.indicator_id, approval)
    return current


# --- the indicator list ---------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFilters:
    """What the indicator list can be narrowed by; empty values do not narrow it."""

    area: Area | None = None
    search: str = ""
    owner_id: int | None = None
    priority_id: int | None = None  # a plan priority the indicator is linked to
    source: str = ""
    value_type: str = ""
    polarity: str = ""
    comparison: str = ""  # compared with England at 95%: better, similar, worse, ...
    is_stale: bool | None = None
    as_at: date | None = None
    public: bool = False  # only values approved for publication (published_points)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    period: str | None
    value: float | None
    lower95: float | None
    upper95: float | None
    england_value: float | None
    compared_with_england: str | None
    compared_with_region: str | None
    direction_of_travel: str | None
    is_stale: bool


def indicator_list(filters: IndicatorFilters | None = None) -> list[IndicatorRow]:
    """Each indicator with the area's latest value, its comparison with England and the
    region, its direction of travel and whether it is stale, in three queries.

    With `as_at`, only values for periods ending on or before that date count: the list
    then reads as it would have on that day, and currency is judged against it too.
    """
    filters = filters or IndicatorFilters()
    area = filters.area or partnership_area()
    indicators = Indicator.objects.select_related("owner").order_by("name")
    if filters.search:
        indicators = indicators.filter(Q(name__icontains=filters.search)
                                       | Q(source_id=filters.search))
    for name in ("owner_id", "source", "value_type", "polarity"):
        if getattr(filters, name):
            indicators = indicators.filter(**{name: getattr(filters, name)})
    if filters.priority_id:
        indicators = indicators.filter(priorities=filters.priority_id)
    indicators = list(indicators)
    if area is None:
        return [IndicatorRow(indicator, None, None, None, None, None, None, None, None, True)
                for indicator in indicators if filters.is_stale in (None, True)]
    codes = [code for code in {area.code, ENGLAND_CODE, area.region.code if area.region
                               else None} if code]
    areas = _areas_frame(Area.objects.filter(code__in=codes))
    points = DataPoint.objects.filter(indicator__in=indicators)
    if filters.as_at:
        points = points.filter(period__end__lte=filters.as_at)
    data = _points(published_points(points) if filters.public else points, areas)
    as_at = period_index(filters.as_at or timezone.localdate())
    rows = []
    if data.height:
        frames = _engine_frames(data, indicators)
        compared = compare_with_benchmark(frames.data, areas=areas, indicators=frames.indicators)
        direction = direction_of_travel(frames.data, indicators=frames.indicators)
        stale = currency(frames.data, indicators=frames.indicators, as_at=as_at)
        england = frames.data.filter(pl.col("area_code") == ENGLAND_CODE).select(
            "indicator_id", "period_index", pl.col("value").alias("england_value"))
        joined = (frames.data.hstack(_results(compared)).hstack([direction["direction_of_travel"]])
            .filter(pl.col("area_code") == area.code)
            .join(england, on=["indicator_id", "period_index"], how="left")
            .sort("period_index").group_by("indicator_id").last())
        latest = {row["indicator_id"]: row for row in joined.iter_rows(named=True)}
        stale_of = dict(stale.filter(pl.col("area_code") == area.code)
                        .select("indicator_id", "is_stale").iter_rows())
    else:
        latest, stale_of = {}, {}
    for indicator in indicators:
        row = latest.get(indicator.pk)
        item = IndicatorRow(
            indicator=indicator,
            period=row["period"] if row else None,
            value=row["value"] if row else None,
            lower95=row["lower95"] if row else None,
            upper95=row["upper95"] if row else None,
            england_value=row["england_value"] if row else None,
            compared_with_england=row["compared_with_england_95"] if row else None,
            compared_with_region=row["compared_with_region_95"] if row else None,
            direction_of_travel=row["direction_of_travel"] if row else None,
            is_stale=stale_of.get(indicator.pk, True),
        )
        if filters.comparison and item.compared_with_england != filters.comparison:
            continue
        if filters.is_stale is not None and item.is_stale != filters.is_stale:
            continue
        rows.append(item)
    return rows


# --- one indicator for one area -------------------------------------------------------------


@dataclass(frozen=True)
class SeriesPoint:
    """The area's figure for one period with everything it is compared with."""

    period: str
    start: date
    end: date
    value: float | None
    lower95: float | None
    upper95: float | None
    lower998: float | None
    upper998: float | None
    count: float | None
    denominator: float | None
    value_note: str
    limits_source: str
    england_value: float | None
    england_lower95: float | None
    england_upper95: float | None
    region_value: float | None
    neighbour_average: float | None
    neighbour_count: int | None
    neighbour_rank: int | None
    neighbour_quartile: int | None
    england_quintile: int | None
    compared_with_england: str | None
    compared_with_region: str | None
    direction_of_travel: str | None
    recent_trend: str | None
    target: float | None
    target_status: str | None


@dataclass(frozen=True)
class NeighbourValue:
    """An authority's figure in the latest period, for the comparison chart."""

    area: Area
    rank: int | None  # None for the area itself
    closeness: str
    value: float | None
    lower95: float | None
    upper95: float | None
    count: float | None
    denominator: float | None
    compared_with_england: str | None
    is_the_area: bool


@dataclass(frozen=True)
class PeriodCommentary:
    """The owner's words on the area's value for one period, with who wrote them and when."""

    period: str
    text: str
    by: str
    at: datetime
    is_public: bool  # approved for publication (commentary_is_public)


@dataclass(frozen=True)
class IndicatorDetail:
    indicator: Indicator
    area: Area
    series: list[SeriesPoint]
    neighbours: list[NeighbourValue]
    neighbour_model_year: int | None
    is_stale: bool
    commentaries: list[PeriodCommentary] = field(default_factory=list)  # newest period first

    @property
    def latest(self) -> SeriesPoint | None:
        return self.series[-1] if self.series else None


def indicator_detail(indicator: Indicator, area: Area, *,
                     as_at: date | None = None, public: bool = False) -> IndicatorDetail:
    """The area's series with England's, the region's and the neighbours' average in each
    period, every comparison, the neighbours' values in the latest period and the owner's
    commentary on the area's values, in seven queries.

    `public=True` keeps values and commentary not approved for publication out
    (published_points, commentary_is_public).
    """
    model_year = (StatisticalNeighbour.objects.filter(area=area).order_by("-model_year")
                  .values_list("model_year", flat=True).first())
    links = list(StatisticalNeighbour.objects.filter(area=area, model_year=model_year)
                 .select_related("neighbour").order_by("rank")) if model_year else []
    all_areas = {a.pk: a for a in Area.objects.filter(
        Q(kind__in=[AreaKind.ENGLAND, AreaKind.REGION, AreaKind.UPPER_TIER]) | Q(pk=area.pk))}
    areas = _areas_frame(all_areas.values())
    points = DataPoint.objects.filter(indicator=indicator)
    data = _points(published_points(points) if public else points, areas)
    targets = dict(Target.objects.filter(indicator=indicator).values_list("period", "value"))
    if data.height == 0:
        return IndicatorDetail(indicator, area, [], [], model_year, True)
    frames = _engine_frames(data, [indicator])
    neighbours = pl.DataFrame(
        {"area_code": [area.code] * len(links),
         "neighbour_code": [link.neighbour.code for link in links],
         "rank": [link.rank for link in links]},
        schema={"area_code": pl.String, "neighbour_code": pl.String, "rank": pl.Int64})
    as_at_index = period_index(as_at or timezone.localdate())
    results = benchmark(frames.data, areas=areas, neighbours=neighbours,
                        indicators=frames.indicators, as_at=as_at_index)
    full = frames.data.hstack(_results(results))
    england = full.filter(pl.col("area_code") == ENGLAND_CODE).select(
        "period_index", pl.col("value").alias("england_value"),
        pl.col("lower95").alias("england_lower95"), pl.col("upper95").alias("england_upper95"))
    region = full.filter(pl.col("area_code") == (area.region.code if area.region else "")
                         ).select("period_index", pl.col("value").alias("region_value"))
    own = (full.filter(pl.col("area_code") == area.code)
           .join(england, on="period_index", how="left")
           .join(region, on="period_index", how="left")
           .sort("period_index"))
    own = own.with_columns(_target_statuses(own, indicator, targets))
    series = [_series_point(row, targets) for row in own.iter_rows(named=True)]
    latest_index = own["period_index"].max() if own.height else None
    return IndicatorDetail(
        indicator=indicator, area=area, series=series,
        neighbours=_neighbour_values(full, area, links, latest_index),
        neighbour_model_year=model_year,
        is_stale=bool(own["is_stale"][-1]) if own.height else True,
        commentaries=_period_commentaries(indicator, area, series, public=public),
    )


def _period_commentaries(indicator: Indicator, area: Area, series: list[SeriesPoint], *,
                         public: bool) -> list[PeriodCommentary]:
    """The commentary on each period of the series shown, newest first, in two queries;
    for the public, only what commentary_is_public allows."""
    ends = {point.period: point.end for point in series}
    approval = approvals_current([indicator]).get(indicator.pk)
    shown = []
    for commentary in (IndicatorCommentary.objects.filter(
            indicator=indicator, area=area, period__in=list(ends))
            .select_related("by__person")):
        is_public = commentary_is_public(period_end=ends[commentary.period], approval=approval)
        if public and not is_public:
            continue
        shown.append(PeriodCommentary(
            period=commentary.period, text=commentary.text, by=user_display_name(commentary.by),
            at=commentary.at, is_public=is_public))
    return sorted(shown, key=lambda item: ends[item.period], reverse=True)


def _target_statuses(own: pl.DataFrame, indicator: Indicator,
                     targets: dict[str, float]) -> pl.Series:
    """Each period's status against that period's own target (engine.target_status, one
    pseudo-indicator a period, as the engine takes one target an indicator)."""
    rows = own.select("period", "value").with_row_index("indicator_id").with_columns(
        pl.col("indicator_id").cast(pl.Int64),
        pl.lit("x").alias("area_code"), pl.lit(0).alias("period_index"))
    pseudo = rows.select(
        "indicator_id", pl.lit(indicator.polarity).alias("polarity"),
        pl.col("period").replace_strict(list(targets), list(targets.values()), default=None,
                                        return_dtype=pl.Float64).alias("target"),
        pl.lit(indicator.target_tolerance, dtype=pl.Float64).alias("target_tolerance"))
    status = target_status(rows.select("indicator_id", "area_code", "period_index", "value"),
                           indicators=pseudo)
    return status["target_status"].cast(pl.String).alias("period_target_status")


def _series_point(row: dict, targets: dict[str, float]) -> SeriesPoint:
    return SeriesPoint(
        period=row["period"], start=row["period_start"], end=row["period_end"],
        value=row["value"], lower95=row["lower95"], upper95=row["upper95"],
        lower998=row["lower998"], upper998=row["upper998"], count=row["count"],
        denominator=row["denominator"], value_note=row["value_note"],
        limits_source=row["limits_source"], england_value=row["england_value"],
        england_lower95=row["england_lower95"], england_upper95=row["england_upper95"],
        region_value=row["region_value"], neighbour_average=row["neighbour_average"],
        neighbour_count=row["neighbour_count"], neighbour_rank=row["neighbour_rank"],
        neighbour_quartile=row["neighbour_quartile"], england_quintile=row["england_quintile"],
        compared_with_england=row["compared_with_england_95"],
        compared_with_region=row["compared_with_region_95"],
        direction_of_travel=row["direction_of_travel"], recent_trend=row["recent_trend"],
        target=targets.get(row["period"]), target_status=row["period_target_status"],
    )


def _neighbour_values(full: pl.DataFrame, area: Area, links: list[StatisticalNeighbour],
                      latest_index: int | None) -> list[NeighbourValue]:
    if latest_index is None:
        return []
    latest = {row["area_code"]: row for row in full.filter(
        pl.col("period_index") == latest_index).iter_rows(named=True)}
    chosen = [(area, None, ""), *((link.neighbour, link.rank, link.closeness) for link in links)]
    values = []
    for member, rank, closeness in chosen:
        row = latest.get(member.code, {})
        values.append(NeighbourValue(
            area=member, rank=rank, closeness=closeness, value=row.get("value"),
            lower95=row.get("lower95"), upper95=row.get("upper95"), count=row.get("count"),
            denominator=row.get("denominator"),
            compared_with_england=row.get("compared_with_england_95"),
            is_the_area=member.pk == area.pk))
    return values


# --- the area profile -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileRow:
    """One indicator's line on a spine chart: the area against England and all authorities."""

    indicator: Indicator
    period: str
    value: float | None
    lower95: float | None
    upper95: float | None
    count: float | None
    england_value: float | None
    region_value: float | None
    lowest: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    highest: float | None
    authorities: int
    compared_with_england: str | None
    compared_with_region: str | None

    @property
    def worst(self) -> float | None:
        """The spine's left end: the worst authority's value (the lowest if no polarity)."""
        return self.highest if self.indicator.polarity == "lower_is_better" else self.lowest

    @property
    def best(self) -> float | None:
        return self.lowest if self.indicator.polarity == "lower_is_better" else self.highest


def area_profile(area: Area, as_at: date | None = None, *,
                 public: bool = False) -> list[ProfileRow]:
    """For each indicator with a value for the area, its latest period ending by `as_at`:
    the value, England's and the region's, the spread of current upper-tier authorities
    (lowest, quartiles by linear interpolation, highest) and the comparisons, in three
    queries."""
    indicators = {indicator.pk: indicator for indicator in
                  Indicator.objects.select_related("owner").order_by("name")}
    all_areas = {a.pk: a for a in Area.objects.filter(
        Q(kind__in=[AreaKind.ENGLAND, AreaKind.REGION, AreaKind.UPPER_TIER]) | Q(pk=area.pk))}
    areas = _areas_frame(all_areas.values())
    points = DataPoint.objects.all()
    if as_at:
        points = points.filter(period__end__lte=as_at)
    data = _points(published_points(points) if public else points, areas)
    if data.height == 0:
        return []
    latest = (data.filter((pl.col("area_code") == area.code) & pl.col("value").is_not_null())
              .group_by("indicator_id").agg(pl.col("period_start").max().alias("latest")))
    data = data.join(latest, on="indicator_id").filter(pl.col("period_start") == pl.col("latest"))
    frames = _engine_frames(data, [indicators[pk] for pk in latest["indicator_id"].to_list()])
    compared = compare_with_benchmark(frames.data, areas=areas, indicators=frames.indicators)
    full = frames.data.hstack(_results(compared))
    authorities = {a.code for a in all_areas.values()
                   if a.kind == AreaKind.UPPER_TIER and a.is_current}
    spread = (full.filter(pl.col("area_code").is_in(authorities) & pl.col("value").is_not_null())
              .group_by("indicator_id").agg(
                  pl.col("value").min().alias("lowest"),
                  pl.col("value").quantile(0.25, interpolation="linear").alias("lower_quartile"),
                  pl.col("value").quantile(0.75, interpolation="linear").alias("upper_quartile"),
                  pl.col("value").max().alias("highest"), pl.len().alias("authorities")))
    by_area = {(row["indicator_id"], row["area_code"]): row for row in full.iter_rows(named=True)}
    spread_of = {row["indicator_id"]: row for row in spread.iter_rows(named=True)}
    region_code = area.region.code if area.region else None
    rows = []
    for indicator_id in sorted(latest["indicator_id"].to_list(),
                               key=lambda pk: indicators[pk].name):
        own = by_area[(indicator_id, area.code)]
        england = by_area.get((indicator_id, ENGLAND_CODE), {})
        region = by_area.get((indicator_id, region_code), {})
        band = spread_of.get(indicator_id, {})
        rows.append(ProfileRow(
            indicator=indicators[indicator_id], period=own["period"], value=own["value"],
            lower95=own["lower95"], upper95=own["upper95"], count=own["count"],
            england_value=england.get("value"), region_value=region.get("value"),
            lowest=band.get("lowest"), lower_quartile=band.get("lower_quartile"),
            upper_quartile=band.get("upper_quartile"), highest=band.get("highest"),
            authorities=band.get("authorities", 0),
            compared_with_england=own["compared_with_england_95"],
            compared_with_region=own["compared_with_region_95"]))
    return rows


# --- frames for the engine ------------------------------------------------------------------


@dataclass(frozen=True)
class _EngineFrames:
    data: pl.DataFrame
    indicators: pl.DataFrame


def _results(results: pl.DataFrame) -> list[pl.Series]:
    """The engine's output columns, without the keys (it keeps the input's row order)."""
    return results.select(pl.exclude(["indicator_id", "area_code", "period_index"])
                          ).get_columns()


def _areas_frame(areas) -> pl.DataFrame:
    """The engine's `areas`: code, region code, and which is England or a region."""
    rows = [(a.pk, a.code, a.kind, a.region_id) for a in areas]
    codes = {pk: code for pk, code, _kind, _region in rows}
    return pl.DataFrame(
        {"area_id": [pk for pk, *_ in rows], "area_code": [code for _, code, *_ in rows],
         "region_code": [codes.get(region) for *_, region in rows],
         "is_england": [kind == AreaKind.ENGLAND for _, _, kind, _ in rows],
         "is_region": [kind == AreaKind.REGION for _, _, kind, _ in rows]},
        schema={"area_id": pl.Int64, "area_code": pl.String, "region_code": pl.String,
                "is_england": pl.Boolean, "is_region": pl.Boolean})


def _points(points: QuerySet[DataPoint], areas: pl.DataFrame) -> pl.DataFrame:
    """The headline rows of `points` (the indicator's own sex and age, no category) for the
    areas in `areas`, as a frame with each area's code, in one query."""
    headline = points.filter(
        breakdown__sex=F("indicator__sex"), breakdown__age=F("indicator__age"),
        breakdown__category_type="", breakdown__category="",
        area_id__in=areas["area_id"].to_list())
    frame = pl.DataFrame(list(headline.values_list(*_POINT_FIELDS)), schema=_POINT_SCHEMA,
                         orient="row")
    # Fingertips writes -1 limits beside a value it does not present; the store keeps the
    # file's figures for an exact round trip, and every reader sees no interval instead.
    limits = ["lower95", "upper95", "lower998", "upper998"]
    frame = frame.with_columns(
        pl.when(pl.col("value").is_null()).then(None).otherwise(pl.col(name)).alias(name)
        for name in limits)
    return frame.join(areas.select("area_id", "area_code"), on="area_id").drop("area_id")


def _engine_frames(data: pl.DataFrame, indicators: list[Indicator]) -> _EngineFrames:
    """The engine's `data` (period_index = the period's first month) and `indicators`.

    Where two labels of an indicator start in the same month (a year and a three-year
    span, say), the shorter period is kept, as the engine takes one row a month.
    """
    data = (data.with_columns(
        (pl.col("period_start").dt.year().cast(pl.Int64) * 12
         + pl.col("period_start").dt.month().cast(pl.Int64) - 1).alias("period_index"))
        .sort("indicator_id", "area_code", "period_index", "period_end")
        .unique(["indicator_id", "area_code", "period_index"], keep="first",
                maintain_order=True))
    frame = pl.DataFrame(
        {"indicator_id": [i.pk for i in indicators],
         "polarity": [i.polarity for i in indicators],
         "value_type": [i.value_type for i in indicators],
         "target": [None] * len(indicators),
         "target_tolerance": [i.target_tolerance for i in indicators],
         "frequency_months": [i.frequency_months for i in indicators]},
        schema={"indicator_id": pl.Int64, "polarity": pl.String, "value_type": pl.String,
                "target": pl.Float64, "target_tolerance": pl.Float64,
                "frequency_months": pl.Int64})
    return _EngineFrames(data=data, indicators=frame)
