"""Turn the selectors' figures into the shared SVG charts (core.charts) for pages and reports."""

from trustboard.core.charts import Bar, Chart, Series, SpineRow, comparison_chart, spine_chart
from trustboard.core.charts import trend_chart as draw_trend
from trustboard.performance.models import Polarity


def _lower_is_better(indicator) -> bool | None:
    if indicator.polarity == Polarity.NO_JUDGEMENT:
        return None
    return indicator.polarity == Polarity.LOWER_IS_BETTER


def trend_chart(detail) -> Chart | None:
    if not detail.series:
        return None
    points = detail.series
    periods = [point.period for point in points]
    series = [
        Series(detail.area.name, [p.value for p in points], role="area",
               lower=[p.lower95 for p in points], upper=[p.upper95 for p in points],
               comparisons=[p.compared_with_england or "not compared" for p in points]),
        Series("England", [p.england_value for p in points], role="benchmark"),
    ]
    if any(p.neighbour_average is not None for p in points):
        series.append(Series("Statistical neighbours' average",
                             [p.neighbour_average for p in points], role="comparator"))
    return draw_trend(f"{detail.indicator.name}: {detail.area.name}, England and neighbours",
                      periods, series, detail.indicator.unit,
                      _lower_is_better(detail.indicator))


def neighbour_chart(detail) -> Chart | None:
    latest = detail.latest
    if latest is None or not detail.neighbours:
        return None
    bars = [Bar(n.area.name, n.value, lower=n.lower95, upper=n.upper95,
                comparison=n.compared_with_england or "not compared", is_area=n.is_the_area)
            for n in detail.neighbours]
    return comparison_chart(
        f"{detail.indicator.name}, {latest.period}: {detail.area.name} and its statistical "
        "neighbours", bars, latest.england_value, "England", detail.indicator.unit,
        lower_is_better=_lower_is_better(detail.indicator))


def profile_chart(area, rows) -> Chart | None:
    spine = [
        SpineRow(row.indicator.name, row.value, row.england_value, row.lowest,
                 row.lower_quartile, row.upper_quartile, row.highest,
                 _lower_is_better(row.indicator), period=row.period, unit=row.indicator.unit,
                 area_lower=row.lower95, area_upper=row.upper95,
                 comparison=row.compared_with_england or "not compared")
        for row in rows
        if None not in (row.value, row.england_value, row.lowest, row.lower_quartile,
                        row.upper_quartile, row.highest)
    ]
    if not spine:
        return None
    return spine_chart(f"{area.name} compared with England", spine, area_name=area.name)
