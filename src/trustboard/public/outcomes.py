"""The outcomes framework and the benchmark pages: each indicator's reading put into the
sentence reports already write (reports.document.indicator_entry) and the shared SVG
charts (performance.charts, core.charts), ready for the templates."""

from __future__ import annotations

from dataclasses import dataclass

from trustboard.core.charts import Bar, Chart, comparison_chart, format_value
from trustboard.core.charts.drawing import comparison_phrase
from trustboard.performance.charts import neighbour_chart, trend_chart
from trustboard.performance.models import Area, Polarity
from trustboard.performance.selectors import (
    AreaBenchmark,
    IndicatorDetail,
    IndicatorReading,
    NeighbourValue,
)
from trustboard.reports.document import IndicatorEntry, indicator_entry


@dataclass(frozen=True)
class OutcomeIndicator:
    """One indicator as the public pages show it: the reading, its sentences and charts."""

    reading: IndicatorReading
    entry: IndicatorEntry  # the report's figures and its one-sentence summary
    region_sentence: str
    trend: Chart | None
    localities: Chart | None = None
    neighbours: list[NeighbourValue] | None = None
    neighbour_chart: Chart | None = None

    @property
    def indicator(self):
        return self.reading.indicator

    @property
    def suppressed_periods(self) -> list[str]:
        """The periods whose value the public may not read (the trend leaves them out)."""
        return [point.period for point in self.reading.series if point.is_suppressed]

    @property
    def suppressed_places(self) -> list[str]:
        """The neighbours and districts whose value the public may not read."""
        return [value.area.name for value in [*(self.neighbours or []),
                                              *self.reading.localities]
                if value.is_suppressed]

    @property
    def anchor(self) -> str:
        return f"indicator-{self.reading.indicator.pk}"


def _region_sentence(reading: IndicatorReading, area: Area) -> str:
    """The region's figure in the summary's words: "East Midlands 44.7; similar to the
    region." (the comparison is the reading's own)."""
    region = area.region
    if region is None or reading.region_value is None:
        return ""
    words = (comparison_phrase(reading.compared_with_region, region.name)
             if reading.compared_with_region else "not compared")
    return (f"{region.name} {format_value(reading.region_value, 1, reading.indicator.unit)}; "
            f"{words}.")


def _lower_is_better(indicator) -> bool | None:
    if indicator.polarity == Polarity.NO_JUDGEMENT:
        return None
    return indicator.polarity == Polarity.LOWER_IS_BETTER


def _locality_chart(reading: IndicatorReading, area: Area) -> Chart | None:
    """The districts' or localities' figures against the area's own, as the reading compared
    them (compared_with_area)."""
    if not reading.localities or reading.value is None:
        return None
    bars = [Bar(value.area.name, value.value, lower=value.lower95, upper=value.upper95,
                comparison=value.compared_with_area or "not compared")
            for value in reading.localities]
    return comparison_chart(
        f"{reading.indicator.name}, {reading.period}: {area.name} by district", bars,
        reading.value, area.name, reading.indicator.unit,
        lower_is_better=_lower_is_better(reading.indicator))


def outcome_indicators(readings: list[IndicatorReading], area: Area) -> list[OutcomeIndicator]:
    """Each reading with its summary sentence, trend chart and district chart."""
    charts: dict = {}
    items = []
    for reading in readings:
        detail = IndicatorDetail(reading=reading, area=area, neighbours=[],
                                 neighbour_model_year=None)
        items.append(OutcomeIndicator(
            reading=reading, entry=indicator_entry(reading, area.name, charts),
            region_sentence=_region_sentence(reading, area),
            trend=trend_chart(detail) if reading.latest else None,
            localities=_locality_chart(reading, area)))
    return items


def benchmark_indicators(benchmark: AreaBenchmark) -> list[OutcomeIndicator]:
    """Each indicator of an authority's benchmark: the sentence, its neighbours' values in a
    table and a chart, and the trend."""
    charts: dict = {}
    area = benchmark.area
    items = []
    for reading in benchmark.readings:
        neighbours = benchmark.neighbours.get(reading.indicator.pk, [])
        detail = IndicatorDetail(reading=reading, area=area, neighbours=neighbours,
                                 neighbour_model_year=benchmark.model_year)
        items.append(OutcomeIndicator(
            reading=reading, entry=indicator_entry(reading, area.name, charts),
            region_sentence=_region_sentence(reading, area), trend=trend_chart(detail),
            neighbours=neighbours, neighbour_chart=neighbour_chart(detail)))
    return items


__all__ = ["OutcomeIndicator", "benchmark_indicators", "outcome_indicators"]
