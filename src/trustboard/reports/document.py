"""A committee report built once, as plain data, then written as HTML, DOCX and PDF.

The format is the council committee report of the seeds (Nottinghamshire, 14 January
2013): a title block (date, agenda item, report of, title), then sections whose paragraphs
are numbered straight through (1 in "Purpose of the Report", 2 to 18 in "Information and
Advice", 19 in "Other Options Considered" and so on), RECOMMENDATION/S numbered 1), 2),
the signature and contact, comments, Background Papers; then Appendix 1 with each
priority's key actions and indicators, their figures, a trend chart and its data table.
Every renderer walks the same ReportDocument, so the paragraph numbers agree in each.
"""

from __future__ import annotations

import base64
import datetime
import multiprocessing
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import pairwise

from trustboard.core.charts import (
    Chart,
    Series,
    format_value,
    to_png,
    trend_chart,
    trend_key,
)
from trustboard.performance.selectors import IndicatorReading
from trustboard.reports import markup
from trustboard.reports.markup import Point
from trustboard.reports.narrative import area_name_of

#: How each section's paragraphs are numbered.
NUMBERED, RECOMMENDATIONS, PLAIN = "numbered", "recommendations", "plain"

COMPARISON_WORDS = {
    "better": "Better than England",
    "similar": "Similar to England",
    "worse": "Worse than England",
    "higher": "Higher than England",
    "lower": "Lower than England",
    "not compared": "Not compared",
}
TARGET_WORDS = {"green": "Met (green)", "amber": "Close (amber)", "red": "Not met (red)"}
NO_DATA = "\u2013"  # an en dash, as the seeds print an empty cell
PNG_WIDTH = 640  # the SVG's own width: a third of the time of 900 px, about 100 dpi at 16 cm
PNG_WORKERS = 2  # the machines we run on have two cores or more
FRONT_WEIGHT = 6  # the report before its appendix takes about as long to lay out as 6 charts


def svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class Paragraph:
    number: str          # "18." in numbered sections, "1)" in recommendations, "" otherwise
    lines: list[str]
    points: list[Point]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class SectionTable:
    """A table printed after a section's paragraphs, e.g. the board review's Table 1."""

    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    level: int           # 2 for a section, 3 for a sub-section
    style: str
    paragraphs: list[Paragraph]
    table: SectionTable | None = None


@dataclass(frozen=True)
class TitleBlock:
    committee: str
    meeting_date: datetime.date | None
    agenda_item: str
    report_of: str
    title: str

    @property
    def date_text(self) -> str:
        return _date(self.meeting_date) if self.meeting_date else ""


@dataclass(frozen=True)
class ActionEntry:
    reference: str
    title: str
    lead: str
    due: str
    status: str
    status_label: str
    commentary: str
    updated: str


def _lower_first(words: str) -> str:
    """Words in a sentence: "Better than England" reads "better than England"."""
    return words[:1].lower() + words[1:]


@dataclass(frozen=True)
class IndicatorEntry:
    key: object
    name: str
    unit: str
    period: str
    value: str
    england: str
    comparison: str
    neighbours: str
    target: str
    target_status: str
    direction: str
    commentary: str
    exceptions: list[str]
    owner: str
    chart: Chart | None
    shown_under: int | None = None  # for a repeat, the priority whose section has the chart
    figure_lines: tuple[str, ...] = ()  # the chart's figures a line per series, for print
    print_chart: Chart | None = None  # the chart without its own key, for print

    @property
    def summary(self) -> str:
        """The indicator's figures in one sentence, as every format prints it."""
        return (f"Latest value {self.value} ({self.period}); England {self.england}; "
                f"{_lower_first(self.comparison)}; statistical neighbours' average "
                f"{self.neighbours}; target {self.target}; direction of travel "
                f"{_lower_first(self.direction)}.")

    @property
    def chart_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def chart_uri(self) -> str:
        """The print chart's SVG as a data URI, for the PDF's picture of it."""
        return svg_uri((self.print_chart or self.chart).svg)


@dataclass(frozen=True)
class AppendixPriority:
    number: int
    title: str
    outcome: str
    accountable_body: str
    actions: list[ActionEntry]
    indicators: list[IndicatorEntry]


@dataclass(frozen=True)
class Appendix:
    title: str
    introduction: str
    priorities: list[AppendixPriority]
    continued: bool = False  # a part of the appendix after its first, printed on its own
    key: Chart | None = None  # in print, one key for all the charts

    @property
    def numbers(self) -> set[int]:
        return {priority.number for priority in self.priorities}

    @property
    def key_uri(self) -> str:
        return svg_uri(self.key.svg)


@dataclass
class ReportDocument:
    title_block: TitleBlock
    sections: list[Section]
    appendix: Appendix | None
    partnership: str
    footer: str
    status_line: str = ""
    continuation: bool = False  # only the rest of the appendix, for a part of the PDF
    _png: dict = field(default_factory=dict, repr=False)
    _pending: dict[object, Future] = field(default_factory=dict, repr=False)

    @property
    def charts(self) -> list[IndicatorEntry]:
        """Each indicator with a chart once, though it may appear under several priorities."""
        seen, result = set(), []
        for priority in self.appendix.priorities if self.appendix else []:
            for entry in priority.indicators:
                if entry.chart is not None and entry.key not in seen:
                    seen.add(entry.key)
                    result.append(entry)
        return result

    def parts(self, count: int) -> list[ReportDocument]:
        """The document cut before `count - 1` of the appendix's priorities, so that each
        part can be laid out on its own and the parts joined page for page.

        Every priority starts a new page, so a part beginning with one lays out exactly as
        it would in the whole. The cuts balance the parts by their indicators and actions,
        with the sections before the appendix counted as a few indicators' worth.
        """
        priorities = self.appendix.priorities if self.appendix else []
        weights = [len(one.indicators) + len(one.actions) / 5 + 1 for one in priorities]
        total = FRONT_WEIGHT + sum(weights)
        cuts, running = [], FRONT_WEIGHT
        for index, weight in enumerate(weights):
            # Cut before a priority whose middle passes the next share, so that each cut
            # falls at the priority boundary nearest the share.
            if (index and len(cuts) < count - 1
                    and running + weight / 2 > total * (len(cuts) + 1) / count):
                cuts.append(index)
            running += weight
        if not cuts:
            return [self]
        bounds = [0, *cuts, len(priorities)]
        parts = [replace(self, appendix=replace(self.appendix,
                                                priorities=priorities[:bounds[1]]))]
        for start, end in pairwise(bounds[1:]):
            parts.append(replace(self, sections=[], continuation=True, appendix=replace(
                self.appendix, priorities=priorities[start:end], continued=True)))
        return parts

    def png(self, entry: IndicatorEntry) -> bytes:
        """The entry's chart as PNG, drawn at most once per document."""
        if entry.key not in self._png:
            pending = self._pending.pop(entry.key, None)
            # A chart no worker has started yet is drawn here rather than waited for.
            if pending is not None and not pending.cancel():
                self._png[entry.key] = pending.result()
            else:
                self._png[entry.key] = to_png(entry.chart.svg, PNG_WIDTH)
        return self._png[entry.key]

    @contextmanager
    def pngs_drawn_alongside(self) -> Iterator[None]:
        """Draw the charts' PNGs in worker processes while the caller writes the rest.

        Cairo holds the GIL while it draws, so only processes help. They are forked, so
        they start at once with everything imported; where forking is unsafe (another
        thread is running) or impossible, `png()` draws each chart when it is asked for.
        """
        entries = [entry for entry in self.charts if entry.key not in self._png]
        if len(entries) < 2 or not can_fork():
            yield
            return
        # The first chart is drawn here, so the workers inherit Cairo's fonts loaded
        # rather than each spending a quarter of a second loading them.
        self.png(entries.pop(0))
        with ProcessPoolExecutor(max_workers=PNG_WORKERS,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            self._pending = {entry.key: pool.submit(to_png, entry.chart.svg, PNG_WIDTH)
                             for entry in entries}
            try:
                yield
            finally:
                for pending in self._pending.values():
                    pending.cancel()
                self._pending = {}


def can_fork() -> bool:
    """Whether work can go to forked processes: not where another thread is running (a
    fork copies only the calling thread, perhaps mid-way through holding a lock)."""
    return (threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def _date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def number_sections(sections: list[dict]) -> list[Section]:
    """Turn stored sections (heading, level, style, text) into numbered paragraphs.

    Numbered paragraphs count on through every numbered section, as in the seed;
    recommendations count from 1) on their own.
    """
    counter = 0
    result = []
    for stored in sections:
        style = stored.get("style", NUMBERED)
        paragraphs = []
        for index, block in enumerate(markup.parse(stored.get("text", "")), start=1):
            if style == NUMBERED:
                counter += 1
                number = f"{counter}."
            elif style == RECOMMENDATIONS:
                number = f"{index})"
            else:
                number = ""
            paragraphs.append(Paragraph(number, block.lines, block.points))
        table = stored.get("table")
        result.append(Section(key=stored.get("key", ""), heading=stored.get("heading", ""),
                              level=int(stored.get("level", 2)), style=style,
                              paragraphs=paragraphs,
                              table=SectionTable(
                                  caption=str(table.get("caption", "")),
                                  headers=[str(one) for one in table.get("headers", [])],
                                  rows=[[str(cell) for cell in row]
                                        for row in table.get("rows", [])])
                              if table else None))
    return result


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return NO_DATA
    return format_value(value, 1, unit)


def _lower_is_better(indicator) -> bool | None:
    polarity = getattr(indicator, "polarity", None)
    if polarity == "lower_is_better":
        return True
    if polarity == "higher_is_better":
        return False
    return None


def indicator_chart(one, area_name: str, *, legend: bool = True) -> Chart | None:
    """The indicator's trend: the area, England and the neighbours' average, each period.
    Print draws it without its own key: the appendix prints one key for all its charts."""
    points = list(one.series or [])
    if not points or all(point.value is None for point in points):
        return None
    periods = [point.period for point in points]
    last = len(points) - 1
    # Only the latest value carries the engine's judgement; earlier ones are drawn plain.
    comparisons = [(one.compared_with_england or "not compared") if index == last
                   else "not compared" for index in range(len(points))]
    series = [Series(area_name, [point.value for point in points], role="area",
                     comparisons=comparisons)]
    if any(point.england_value is not None for point in points):
        series.append(Series("England", [point.england_value for point in points],
                             role="benchmark"))
    if any(point.neighbour_average is not None for point in points):
        series.append(Series("Statistical neighbours' average",
                             [point.neighbour_average for point in points], role="comparator"))
    indicator = one.indicator
    return trend_chart(f"{indicator.name}: {area_name}, England and neighbours", periods,
                       series, getattr(indicator, "unit", "") or "",
                       _lower_is_better(indicator), legend=legend)


def figure_lines(one, area_name: str) -> tuple[str, ...]:
    """A chart's figures as a line per series ("England: 44.7% in 2011/12, ..."), which
    print gives under the chart in a fraction of the room and layout time of a table."""
    unit = getattr(one.indicator, "unit", "") or ""
    points = list(one.series or [])
    lines = []
    for name, attribute in ((area_name, "value"), ("England", "england_value"),
                            ("Statistical neighbours' average", "neighbour_average")):
        figures = [f"{_figure(getattr(point, attribute), unit)} in {point.period}"
                   for point in points if getattr(point, attribute) is not None]
        if figures:
            lines.append(f"{name}: {', '.join(figures)}.")
    return tuple(lines)


def _neighbours(one: IndicatorReading) -> str:
    text = _figure(one.neighbour_average, one.indicator.unit)
    if one.neighbour_ranking is not None:
        text += f" ({one.neighbour_ranking.sentence})"
    return text


def indicator_entry(one: IndicatorReading, area_name: str, charts: dict) -> IndicatorEntry:
    indicator = one.indicator
    unit = getattr(indicator, "unit", "") or ""
    key = getattr(indicator, "pk", None) or id(indicator)
    if key not in charts:
        charts[key] = indicator_chart(one, area_name)
        charts[key, "print"] = indicator_chart(one, area_name, legend=False)
    owner = getattr(indicator, "owner", None)
    period = one.period or NO_DATA
    if one.is_out_of_date and one.period:
        period += " (not current)"
    return IndicatorEntry(
        key=key, name=indicator.name, unit=unit, period=period,
        # An issued report is public: a suppressed figure says so (performance.disclosure).
        value="Suppressed" if getattr(one, "is_suppressed", False) else _figure(one.value, unit),
        england=_figure(one.england_value, unit),
        comparison=("Not compared (suppressed)" if getattr(one, "is_suppressed", False)
                    else COMPARISON_WORDS.get(one.compared_with_england or "", NO_DATA)),
        neighbours=_neighbours(one), target=_figure(one.target, unit),
        target_status=TARGET_WORDS.get(one.target_status or "", NO_DATA),
        direction=(one.direction_of_travel or NO_DATA).capitalize(),
        commentary=one.commentary_text, exceptions=list(one.exceptions),
        owner=getattr(owner, "name", "") if owner else "", chart=charts[key],
        figure_lines=figure_lines(one, area_name) if charts[key] is not None else (),
        print_chart=charts[key, "print"],
    )


def action_entry(one) -> ActionEntry:
    action = one.action
    officer = getattr(action, "lead_officer", None)
    organisation = getattr(action, "lead_organisation", None)
    lead = ", ".join(part for part in (
        (getattr(officer, "job_title", "") or getattr(officer, "name", "")) if officer else "",
        getattr(organisation, "name", "") if organisation else "") if part)
    due = getattr(action, "due_on", None)
    return ActionEntry(
        reference=getattr(action, "reference", "") or str(getattr(action, "number", "")),
        title=action.title, lead=lead or NO_DATA, due=f"{due:%B %Y}" if due else NO_DATA,
        status=one.status, status_label=getattr(one, "status_text", one.status_label),
        commentary=one.commentary or "",
        updated=_date(one.updated_on) if one.updated_on else "",
    )


def _once(entry: IndicatorEntry, number: int, first_under: dict) -> IndicatorEntry:
    """Draw an indicator's chart under the first priority it serves; later ones refer back."""
    if entry.key not in first_under:
        first_under[entry.key] = number
        return entry
    return replace(entry, chart=None, print_chart=None, figure_lines=(),
                   shown_under=first_under[entry.key])


def appendix_build(performance, *, title: str = "Appendix 1",
                   exceptions_only: bool = False) -> Appendix:
    """Each priority's key actions and indicators as at the date, charts drawn once each."""
    area_name = area_name_of(performance)
    charts: dict = {}
    first_under: dict = {}
    priorities, shown = [], []
    for item in performance.priorities:
        actions = [one for one in item.actions if not exceptions_only or one.exceptions]
        indicators = [one for one in item.indicators if not exceptions_only or one.exceptions]
        shown += indicators
        priority = item.priority
        body = getattr(priority, "accountable_body", None)
        priorities.append(AppendixPriority(
            number=priority.number, title=priority.title,
            outcome=getattr(priority, "outcome", "") or "",
            accountable_body=getattr(body, "name", "") if body else "",
            actions=[action_entry(one) for one in actions],
            indicators=[_once(indicator_entry(one, area_name, charts), priority.number,
                              first_under) for one in indicators],
        ))
    key = charts_key(shown, area_name)
    introduction = (f"Progress on the key actions and the latest performance of "
                    f"{area_name} as at {_date(performance.as_at)}, with England and the "
                    "statistical neighbours' average where available.")
    return Appendix(title=title, introduction=introduction, priorities=priorities, key=key)


def charts_key(indicators, area_name: str) -> Chart | None:
    """One key to the trend charts of these indicators: the lines they draw and the markers
    (only each latest value is compared; earlier ones are drawn "not compared")."""
    points = [point for one in indicators for point in (one.series or [])]
    if not any(point.value is not None for point in points):
        return None
    series = [Series(area_name, [], role="area")]
    if any(point.england_value is not None for point in points):
        series.append(Series("England", [], role="benchmark"))
    if any(point.neighbour_average is not None for point in points):
        series.append(Series("Statistical neighbours' average", [], role="comparator"))
    comparisons = {"not compared"} | {one.compared_with_england for one in indicators
                                      if one.series and one.compared_with_england}
    return trend_key(series, sorted(comparisons))


def document_build(report, performance, *, partnership: str) -> ReportDocument:
    """The whole report from a Report's title block and sections and the plan's figures."""
    title_block = TitleBlock(committee=report.committee, meeting_date=report.meeting_date,
                             agenda_item=report.agenda_item, report_of=report.report_of,
                             title=report.title)
    appendix = appendix_build(performance) if performance is not None else None
    status = "" if report.is_issued else "Draft: not yet issued"
    return ReportDocument(title_block=title_block, sections=number_sections(report.sections),
                          appendix=appendix, partnership=partnership,
                          footer=f"{report.title}", status_line=status)
