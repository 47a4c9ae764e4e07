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

from trustboard.performance.disclosure import hide_points, suppressed_point_ids
from trustboard.performance.engine import (
    benchmark,
    compare_with_benchmark,
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


def area_districts(area: Area) -> list[Area]:
    """The districts and localities within `area`, by name (each has a profile of its own)."""
    return list(area.children.order_by("name"))


def indicator_get(*, pk: int) -> Indicator | None:
    return Indicator.objects.filter(pk=pk).select_related("owner").first()


def data_import_list() -> QuerySet[DataImport]:
    """Imports, newest first, with who ran them (for the upload page and provenance)."""
    return DataImport.objects.select_related("by").order_by("-at")


# --- ranking among statistical neighbours ----------------------------------------------------


@dataclass(frozen=True)
class NeighbourRank:
    """Where the area stands among itself and those of its statistical neighbours that have
    a value: a rank is always out of the areas ranked, the area included."""

    rank: int  # 1 = best (highest where the indicator has no polarity)
    ranked: int  # the area and each neighbour with a value
    neighbours: int  # the neighbours in its group, with a value or not

    def __str__(self) -> str:
        return f"{self.rank} of {self.ranked}"

    @property
    def neighbours_with_value(self) -> int:
        return self.ranked - 1

    @property
    def sentence(self) -> str:
        """"ranked 3 of 9 (8 of 10 neighbours had a value)", the brackets only when some
        neighbour had none."""
        text = f"ranked {self.rank} of {self.ranked}"
        if self.neighbours_with_value < self.neighbours:
            text += (f" ({self.neighbours_with_value} of {self.neighbours} neighbours had a "
                     "value)")
        return text


def neighbour_rank(*, rank: int | None, with_value: int | None,
                   neighbours: int) -> NeighbourRank | None:
    """The engine's `neighbour_rank` and `neighbour_count` (neighbours with a value) as one
    NeighbourRank, or None where the area has no rank."""
    if not rank or with_value is None or not neighbours:
        return None
    return NeighbourRank(rank=rank, ranked=with_value + 1, neighbours=neighbours)


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


def indicator_list(filters: IndicatorFilters | None = None) -> list[IndicatorReading]:
    """Each indicator's reading for the area as at `as_at` (today by default): its latest
    value ending by then, compared with England and the region, its direction of travel
    and whether it is out of date, in the queries of one `indicator_readings` call."""
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
    as_at = filters.as_at or timezone.localdate()
    if area is None:
        readings = [IndicatorReading(indicator=indicator, as_at=as_at, latest=None, series=[])
                    for indicator in indicators]
    else:
        found = indicator_readings(indicators, area=area, as_at=as_at, public=filters.public)
        readings = [found[indicator.pk] for indicator in indicators]
    return [reading for reading in readings
            if (not filters.comparison or reading.compared_with_england == filters.comparison)
            and (filters.is_stale is None or reading.is_out_of_date == filters.is_stale)]


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
    neighbour_ranking: NeighbourRank | None
    neighbour_quartile: int | None
    england_quintile: int | None
    compared_with_england: str | None
    compared_with_region: str | None
    direction_of_travel: str | None
    recent_trend: str | None
    target: float | None
    target_status: str | None
    is_suppressed: bool = False  # hidden from the public: value_note says why


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
    is_suppressed: bool = False
    value_note: str = ""  # why the public does not see the value


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
    """The indicator page: the area's reading, with every period's commentary and the
    neighbours' values in the latest period for the comparison chart."""

    reading: IndicatorReading
    area: Area
    neighbours: list[NeighbourValue]
    neighbour_model_year: int | None
    commentaries: list[PeriodCommentary] = field(default_factory=list)  # newest period first

    @property
    def indicator(self) -> Indicator:
        return self.reading.indicator

    @property
    def series(self) -> list[SeriesPoint]:
        return self.reading.series

    @property
    def latest(self) -> SeriesPoint | None:
        return self.reading.latest

    @property
    def suppressed_periods(self) -> list[str]:
        """The periods whose value is suppressed for the public (the trend leaves them out)."""
        return [point.period for point in self.series if point.is_suppressed]

    @property
    def suppressed_neighbours(self) -> list[str]:
        """The areas whose latest value is suppressed for the public."""
        return [value.area.name for value in self.neighbours if value.is_suppressed]


def indicator_detail(indicator: Indicator, area: Area, *,
                     as_at: date | None = None, public: bool = False) -> IndicatorDetail:
    """The area's reading as at `as_at` (today by default), every period's commentary and
    the neighbours' values in the latest period, in ten queries.

    `public=True` keeps values and commentary not approved for publication out
    (published_points, commentary_is_public).
    """
    links = _neighbour_links(area)
    reading = indicator_readings([indicator], area=area, as_at=as_at or timezone.localdate(),
                                 public=public, links=links)[indicator.pk]
    neighbours = latest_neighbour_values([reading], area, links, public=public)
    return IndicatorDetail(
        reading=reading, area=area, neighbours=neighbours.get(indicator.pk, []),
        neighbour_model_year=links[0].model_year if links else None,
        commentaries=_period_commentaries(indicator, area, reading.series, public=public))


def _latest_period_points(readings: list[IndicatorReading], areas: pl.DataFrame, *,
                          public: bool) -> pl.DataFrame:
    """The `areas`' points in each reading's latest period (as `_points` reads them, small
    counts suppressed for the public): one query, two for the public."""
    points = DataPoint.objects.filter(indicator__in=[r.indicator for r in readings],
                                      period__label__in={r.period for r in readings})
    shown = pl.DataFrame({"indicator_id": [r.indicator.pk for r in readings],
                          "period": [r.period for r in readings],
                          "period_end": [r.latest.end for r in readings]},
                         schema={"indicator_id": pl.Int64, "period": pl.String,
                                 "period_end": pl.Date})
    return _points(points, areas, public=public).join(
        shown, on=["indicator_id", "period", "period_end"])


def latest_neighbour_values(readings: list[IndicatorReading], area: Area,
                            links: list[StatisticalNeighbour], *,
                            public: bool = False) -> dict[int, list[NeighbourValue]]:
    """For each reading with a value, the area and its neighbours (`links`, from
    `_neighbour_links`) in the reading's latest period, each compared with England, in the
    neighbours' rank order: two queries whatever the number of readings (one more for the
    public, see `_points`). For the public (`public=True`), only approved values, with
    small counts suppressed as every public page suppresses them (performance.disclosure).
    """
    readings = [reading for reading in readings if reading.latest is not None]
    if not readings:
        return {}
    areas = _areas_frame([area, *(link.neighbour for link in links),
                          *Area.objects.filter(code=ENGLAND_CODE)])
    data = _latest_period_points(readings, areas, public=public)
    if data.height == 0:
        return {}
    frames = _engine_frames(data, [reading.indicator for reading in readings])
    compared = frames.data.hstack(_results(compare_with_benchmark(
        frames.data, areas=areas, indicators=frames.indicators)))
    return {reading.indicator.pk: _neighbour_values(
        compared.filter(pl.col("indicator_id") == reading.indicator.pk), area, links)
        for reading in readings}


@dataclass(frozen=True)
class AreaBenchmark:
    """An authority against its own statistical neighbours: each indicator's reading with
    a value (its rank among the neighbours, England, the region) and the neighbours'
    values in the same period."""

    area: Area
    as_at: date
    readings: list[IndicatorReading]  # by indicator name
    neighbours: dict[int, list[NeighbourValue]]  # by indicator id, the area first
    links: list[StatisticalNeighbour]

    @property
    def model_year(self) -> int | None:
        return self.links[0].model_year if self.links else None


def area_benchmark(area: Area, as_at: date | None = None, *,
                   public: bool = False) -> AreaBenchmark:
    """Every indicator's reading for `area` as at `as_at` (today by default) beside its
    statistical neighbours' values, in ten queries whatever the number of indicators:
    the area profile's reading (`indicator_readings`) with `latest_neighbour_values`."""
    as_at = as_at or timezone.localdate()
    links = _neighbour_links(area)
    indicators = list(Indicator.objects.select_related("owner").order_by("name"))
    readings = [reading for reading in indicator_readings(
        indicators, area=area, as_at=as_at, public=public, links=links).values()
        if reading.latest is not None]
    return AreaBenchmark(
        area=area, as_at=as_at, readings=readings,
        neighbours=latest_neighbour_values(readings, area, links, public=public), links=links)


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


def _target_statuses(own: pl.DataFrame, indicators: list[Indicator],
                     targets: dict[tuple[int, str], float]) -> pl.Series:
    """Each row's status against its own period's target, in one pass of the engine
    (engine.target_status takes one target an indicator, so each row is its own
    pseudo-indicator)."""
    of = {indicator.pk: indicator for indicator in indicators}
    keys = list(zip(own["indicator_id"].to_list(), own["period"].to_list(), strict=True))
    rows = own.select("value").with_row_index("indicator_id").with_columns(
        pl.col("indicator_id").cast(pl.Int64),
        pl.lit("x").alias("area_code"), pl.lit(0).alias("period_index"))
    pseudo = pl.DataFrame(
        {"indicator_id": rows["indicator_id"],
         "polarity": [of[pk].polarity for pk, _period in keys],
         "target": [targets.get(key) for key in keys],
         "target_tolerance": [of[pk].target_tolerance for pk, _period in keys]},
        schema={"indicator_id": pl.Int64, "polarity": pl.String, "target": pl.Float64,
                "target_tolerance": pl.Float64})
    status = target_status(rows.select("indicator_id", "area_code", "period_index", "value"),
                           indicators=pseudo)
    return status["target_status"].cast(pl.String).alias("period_target_status")


def _series_point(row: dict, targets: dict[str, float], *, neighbours: int) -> SeriesPoint:
    if row["suppressed"]:
        # Nothing is judged from a value the public may not read (performance.disclosure).
        row = {**row, **dict.fromkeys(
            ["neighbour_rank", "neighbour_quartile", "england_quintile",
             "compared_with_england_95", "compared_with_region_95", "direction_of_travel",
             "recent_trend", "period_target_status"])}
    return SeriesPoint(
        period=row["period"], start=row["period_start"], end=row["period_end"],
        value=row["value"], lower95=row["lower95"], upper95=row["upper95"],
        lower998=row["lower998"], upper998=row["upper998"], count=row["count"],
        denominator=row["denominator"], value_note=row["value_note"],
        limits_source=row["limits_source"], england_value=row["england_value"],
        england_lower95=row["england_lower95"], england_upper95=row["england_upper95"],
        region_value=row["region_value"], neighbour_average=row["neighbour_average"],
        neighbour_ranking=neighbour_rank(rank=row["neighbour_rank"],
                                         with_value=row["neighbour_count"],
                                         neighbours=neighbours),
        neighbour_quartile=row["neighbour_quartile"], england_quintile=row["england_quintile"],
        compared_with_england=row["compared_with_england_95"],
        compared_with_region=row["compared_with_region_95"],
        direction_of_travel=row["direction_of_travel"], recent_trend=row["recent_trend"],
        target=targets.get(row["period"]), target_status=row["period_target_status"],
        is_suppressed=bool(row["suppressed"]),
    )


def _neighbour_values(latest_rows: pl.DataFrame, area: Area,
                      links: list[StatisticalNeighbour]) -> list[NeighbourValue]:
    """The area and each neighbour in the latest period, in the neighbours' rank order."""
    latest = {row["area_code"]: row for row in latest_rows.iter_rows(named=True)}
    chosen = [(area, None, ""), *((link.neighbour, link.rank, link.closeness) for link in links)]
    values = []
    for member, rank, closeness in chosen:
        row = latest.get(member.code, {})
        values.append(NeighbourValue(
            area=member, rank=rank, closeness=closeness, value=row.get("value"),
            lower95=row.get("lower95"), upper95=row.get("upper95"), count=row.get("count"),
            denominator=row.get("denominator"),
            compared_with_england=row.get("compared_with_england_95"),
            is_the_area=member.pk == area.pk, is_suppressed=bool(row.get("suppressed")),
            value_note=row.get("value_note") or ""))
    return values


# --- the one reading of an indicator --------------------------------------------------------


@dataclass(frozen=True)
class LocalityValue:
    """A district's or locality's figure in the area's latest period, compared with the
    area's own value as the benchmark."""

    area: Area
    value: float | None
    lower95: float | None
    upper95: float | None
    compared_with_area: str | None
    is_suppressed: bool = False
    value_note: str = ""


def _months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution).day
    return date(year, month, min(day.day, last))


def _latest(name: str) -> property:
    return property(lambda reading: getattr(reading.latest, name, None),
                    doc=f"The latest period's {name.replace('_', ' ')}.")


@dataclass(frozen=True)
class IndicatorReading:
    """What an indicator shows for an area as at a date: the latest period with a value
    ending by then, compared with England, the region, the statistical neighbours, its
    target and its previous period, whether its next value is overdue, its series and the
    owner's commentary. Every page, report and endpoint reads an indicator through this,
    so no two of them can disagree."""

    indicator: Indicator
    as_at: date
    latest: SeriesPoint | None
    series: list[SeriesPoint]
    commentary: PeriodCommentary | None = None  # on the latest period
    approved_up_to: str | None = None  # the last period approved for publication
    localities: list[LocalityValue] = field(default_factory=list)

    # The latest period's figures, read as the reading's own; None before any value.
    period = _latest("period")
    value = _latest("value")
    lower95 = _latest("lower95")
    upper95 = _latest("upper95")
    count = _latest("count")
    denominator = _latest("denominator")
    england_value = _latest("england_value")
    region_value = _latest("region_value")
    compared_with_england = _latest("compared_with_england")
    compared_with_region = _latest("compared_with_region")
    neighbour_average = _latest("neighbour_average")
    neighbour_ranking = _latest("neighbour_ranking")
    target = _latest("target")
    target_status = _latest("target_status")
    direction_of_travel = _latest("direction_of_travel")
    value_note = _latest("value_note")
    is_suppressed = _latest("is_suppressed")

    @property
    def period_end(self) -> date | None:
        return self.latest.end if self.latest else None

    @property
    def next_due(self) -> date | None:
        """When the next period's value was due: the latest period's end, the months
        between values, and the months its publisher takes."""
        if self.latest is None:
            return None
        return _months_after(self.latest.end,
                             self.indicator.frequency_months + self.indicator.lag_months)

    @property
    def is_out_of_date(self) -> bool:
        """No value at all, or the next one was due by the date read and has not arrived."""
        return self.latest is None or self.next_due < self.as_at

    @property
    def commentary_text(self) -> str:
        return self.commentary.text if self.commentary else ""

    @property
    def worse_localities(self) -> list[str]:
        """The districts and localities whose figure is worse than the area's own."""
        return [value.area.name for value in self.localities
                if value.compared_with_area == "worse"]

    @property
    def exceptions(self) -> list[str]:
        """Why the indicator is outside tolerance, in words. Being out of date is a flag of
        its own, not an exception: late data is not poor performance."""
        if self.latest is None:
            return []
        reasons = []
        if self.latest.target is not None and self.latest.target_status == "red":
            reasons.append("off target")
        if self.latest.compared_with_england == "worse":
            reasons.append("worse than England")
        if self.latest.direction_of_travel == "worsening":
            reasons.append("worsening")
        reasons += [f"worse in {name}" for name in self.worse_localities]
        return reasons


def _neighbour_links(area: Area) -> list[StatisticalNeighbour]:
    """The area's statistical neighbours in their latest model, ranked: one query."""
    links = list(StatisticalNeighbour.objects.filter(area=area).select_related("neighbour")
                 .order_by("-model_year", "rank"))
    return [link for link in links if link.model_year == links[0].model_year] if links else []


def _neighbours_frame(area: Area, links: list[StatisticalNeighbour]) -> pl.DataFrame:
    return pl.DataFrame(
        {"area_code": [area.code] * len(links),
         "neighbour_code": [link.neighbour.code for link in links],
         "rank": [link.rank for link in links]},
        schema={"area_code": pl.String, "neighbour_code": pl.String, "rank": pl.Int64})


_LOCAL_KINDS = (AreaKind.DISTRICT, AreaKind.LOCALITY)


def indicator_readings(indicators: list[Indicator], *, area: Area, as_at: date,
                       public: bool = False, localities: bool = False,
                       locality: Area | None = None,
                       links: list[StatisticalNeighbour] | None = None,
                       ) -> dict[int, IndicatorReading]:
    """Each indicator's reading for `area` as at `as_at`, benchmarked in one pass of the
    engine, in six queries whatever the number of indicators.

    `public=True` keeps values and commentary not approved for publication out
    (published_points, commentary_is_public). `localities=True` adds the area's districts
    and localities (or only `locality`), each compared with the area's value. A caller that
    has read the area's neighbours (`_neighbour_links`) passes them as `links`.
    """
    links = _neighbour_links(area) if links is None else links
    others = list(Area.objects.filter(
        Q(code=ENGLAND_CODE) | Q(parent=area, kind__in=_LOCAL_KINDS) if localities
        else Q(code=ENGLAND_CODE)).order_by("kind", "name"))
    locals_ = [other for other in others if other.code != ENGLAND_CODE]
    benchmark_areas = {a.pk: a for a in [*(a for a in others if a.code == ENGLAND_CODE), area,
                                         *(link.neighbour for link in links)]}
    if area.region_id:
        benchmark_areas[area.region_id] = area.region
    points = DataPoint.objects.filter(indicator__in=indicators, period__end__lte=as_at)
    data = _points(points, _areas_frame([*benchmark_areas.values(), *locals_]),
                   public=public)
    targets = {(pk, period): value for pk, period, value in Target.objects.filter(
        indicator__in=indicators).values_list("indicator_id", "period", "value")}
    commentaries = {(c.indicator_id, c.period): c for c in IndicatorCommentary.objects.filter(
        indicator__in=indicators, area=area).select_related("by__person")}
    approvals = approvals_current(indicators)

    def empty(indicator: Indicator) -> IndicatorReading:
        approval = approvals.get(indicator.pk)
        return IndicatorReading(indicator=indicator, as_at=as_at, latest=None, series=[],
                                approved_up_to=approval.up_to_period if approval else None)

    readings = {indicator.pk: empty(indicator) for indicator in indicators}
    if data.height == 0:
        return readings
    local_codes = {a.code: a for a in locals_}
    frames = _engine_frames(data.filter(~pl.col("area_code").is_in(list(local_codes))),
                            indicators)
    results = benchmark(frames.data, areas=_areas_frame(benchmark_areas.values()),
                        neighbours=_neighbours_frame(area, links),
                        indicators=frames.indicators, as_at=period_index(as_at))
    full = frames.data.hstack(_results(results))
    england = full.filter(pl.col("area_code") == ENGLAND_CODE).select(
        "indicator_id", "period_index", pl.col("value").alias("england_value"),
        pl.col("lower95").alias("england_lower95"), pl.col("upper95").alias("england_upper95"))
    region = full.filter(pl.col("area_code") == (area.region.code if area.region else "")
                         ).select("indicator_id", "period_index",
                                  pl.col("value").alias("region_value"))
    own = (full.filter(pl.col("area_code") == area.code)
           .join(england, on=["indicator_id", "period_index"], how="left")
           .join(region, on=["indicator_id", "period_index"], how="left")
           .sort("indicator_id", "period_index"))
    own = own.with_columns(_target_statuses(own, indicators, targets))
    targets_of: dict[int, dict[str, float]] = {}
    for (pk, period), value in targets.items():
        targets_of.setdefault(pk, {})[period] = value
    rows_of: dict[int, list[dict]] = {}
    for row in own.iter_rows(named=True):
        rows_of.setdefault(row["indicator_id"], []).append(row)
    local_of = _localities(data, frames, own, area, local_codes, indicators,
                           locality) if localities else {}
    for indicator in indicators:
        rows = rows_of.get(indicator.pk)
        if not rows:
            continue
        series = [_series_point(row, targets_of.get(indicator.pk, {}), neighbours=len(links))
                  for row in rows]
        # A suppressed value is still the latest: the public reads that it is suppressed.
        with_value = [point for point in series
                      if point.value is not None or point.is_suppressed]
        latest = with_value[-1] if with_value else None
        approval = approvals.get(indicator.pk)
        commentary = commentaries.get((indicator.pk, latest.period)) if latest else None
        is_public = bool(commentary) and commentary_is_public(period_end=latest.end,
                                                              approval=approval)
        readings[indicator.pk] = IndicatorReading(
            indicator=indicator, as_at=as_at, latest=latest, series=series,
            commentary=PeriodCommentary(
                period=commentary.period, text=commentary.text,
                by=user_display_name(commentary.by), at=commentary.at, is_public=is_public)
            if commentary and (is_public or not public) else None,
            approved_up_to=approval.up_to_period if approval else None,
            localities=local_of.get(indicator.pk, []))
    return readings


def _localities(data: pl.DataFrame, frames: _EngineFrames, own: pl.DataFrame, area: Area,
                local_codes: dict[str, Area], indicators: list[Indicator],
                locality: Area | None) -> dict[int, list[LocalityValue]]:
    """Each indicator's district and locality figures in the area's latest period with a
    value, each compared with the area's value as the benchmark (the engine's comparison,
    with the area in England's place)."""
    if not local_codes:
        return {}
    latest = (own.filter(pl.col("value").is_not_null() | pl.col("suppressed"))
              .group_by("indicator_id")
              .agg(pl.col("period_index").max().alias("latest_index")))
    wanted = list(local_codes) if locality is None else [locality.code]
    rows = _engine_frames(data.filter(pl.col("area_code").is_in([*wanted, area.code])),
                          indicators).data.join(latest, on="indicator_id").filter(
        pl.col("period_index") == pl.col("latest_index")).drop("latest_index")
    if rows.filter(pl.col("area_code") != area.code).height == 0:
        return {}
    areas = pl.DataFrame({"area_code": [area.code, *wanted],
                          "region_code": [None] * (len(wanted) + 1),
                          "is_england": [True] + [False] * len(wanted),
                          "is_region": [False] * (len(wanted) + 1)},
                         schema={"area_code": pl.String, "region_code": pl.String,
                                 "is_england": pl.Boolean, "is_region": pl.Boolean})
    compared = rows.hstack(_results(compare_with_benchmark(
        rows, areas=areas, indicators=frames.indicators)))
    result: dict[int, list[LocalityValue]] = {}
    for row in compared.filter(pl.col("area_code") != area.code).iter_rows(named=True):
        result.setdefault(row["indicator_id"], []).append(LocalityValue(
            area=local_codes[row["area_code"]], value=row["value"], lower95=row["lower95"],
            upper95=row["upper95"], compared_with_area=row["compared_with_england_95"],
            is_suppressed=bool(row["suppressed"]), value_note=row["value_note"] or ""))
    for values in result.values():
        values.sort(key=lambda value: value.area.name)
    return result


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
    is_suppressed: bool = False
    value_note: str = ""

    @property
    def worst(self) -> float | None:
        """The spine's left end: the worst authority's value (the lowest if no polarity)."""
        return self.highest if self.indicator.polarity == "lower_is_better" else self.lowest

    @property
    def best(self) -> float | None:
        return self.lowest if self.indicator.polarity == "lower_is_better" else self.highest


def area_profile(area: Area, as_at: date | None = None, *,
                 public: bool = False) -> list[ProfileRow]:
    """For each indicator with a value for the area, its reading as at `as_at` (today by
    default: the latest period ending by then, with England's and the region's values and
    the comparisons) beside the spread of current upper-tier authorities in that period
    (lowest, quartiles by linear interpolation, highest), in nine queries."""
    indicators = list(Indicator.objects.select_related("owner").order_by("name"))
    readings = [reading for reading in indicator_readings(
        indicators, area=area, as_at=as_at or timezone.localdate(), public=public).values()
        if reading.latest is not None]
    if not readings:
        return []
    authorities = _areas_frame(Area.objects.filter(kind=AreaKind.UPPER_TIER,
                                                   is_current=True))
    spread = (_latest_period_points(readings, authorities, public=public)
              .filter(pl.col("value").is_not_null())
              .group_by("indicator_id").agg(
                  pl.col("value").min().alias("lowest"),
                  pl.col("value").quantile(0.25, interpolation="linear").alias("lower_quartile"),
                  pl.col("value").quantile(0.75, interpolation="linear").alias("upper_quartile"),
                  pl.col("value").max().alias("highest"), pl.len().alias("authorities")))
    spread_of = {row["indicator_id"]: row for row in spread.iter_rows(named=True)}
    rows = []
    for reading in sorted(readings, key=lambda reading: reading.indicator.name):
        band = spread_of.get(reading.indicator.pk, {})
        rows.append(ProfileRow(
            indicator=reading.indicator, period=reading.period, value=reading.value,
            lower95=reading.lower95, upper95=reading.upper95, count=reading.count,
            england_value=reading.england_value, region_value=reading.region_value,
            lowest=band.get("lowest"), lower_quartile=band.get("lower_quartile"),
            upper_quartile=band.get("upper_quartile"), highest=band.get("highest"),
            authorities=band.get("authorities", 0),
            compared_with_england=reading.compared_with_england,
            compared_with_region=reading.compared_with_region,
            is_suppressed=bool(reading.is_suppressed), value_note=reading.value_note or ""))
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


def _points(points: QuerySet[DataPoint], areas: pl.DataFrame, *,
            public: bool = False) -> pl.DataFrame:
    """The headline rows of `points` (the indicator's own sex and age, no category) for the
    areas in `areas`, as a frame with each area's code and whether it is `suppressed`, in
    one query.

    `public=True` keeps only the points approved for publication (published_points) and
    suppresses small counts as the public must read them (performance.disclosure), judging
    each group over every area, not only those in `areas`: one query more, two where a
    count is small.
    """
    if public:
        points = published_points(points)
    # Judged over every breakdown too: sexes add up to persons (performance.disclosure).
    hidden = suppressed_point_ids(points) if public else set()
    headline = points.filter(
        breakdown__sex=F("indicator__sex"), breakdown__age=F("indicator__age"),
        breakdown__category_type="", breakdown__category="")
    frame = pl.DataFrame(
        list(headline.filter(area_id__in=areas["area_id"].to_list())
             .values_list("id", *_POINT_FIELDS)),
        schema={"point_id": pl.Int64, **_POINT_SCHEMA}, orient="row")
    frame = hide_points(frame, hidden).drop("point_id")
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
         "frequency_months": [i.frequency_months for i in indicators],
         "publication_lag_months": [i.lag_months for i in indicators]},
        schema={"indicator_id": pl.Int64, "polarity": pl.String, "value_type": pl.String,
                "target": pl.Float64, "target_tolerance": pl.Float64,
                "frequency_months": pl.Int64, "publication_lag_months": pl.Int64})
    return _EngineFrames(data=data, indicators=frame)
