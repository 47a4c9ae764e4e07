"""The trend chart: an indicator over time for the area, England and the neighbours."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .drawing import (
    COMPARISON_LABELS,
    FONT_SIZE,
    GRID,
    NEIGHBOURS,
    SECONDARY_TEXT,
    SMALL_FONT_SIZE,
    TEXT,
    LegendItem,
    baseline,
    comparison_phrase,
    coordinate,
    decimals_needed,
    document,
    format_value,
    marker,
    nice_ticks,
    tag,
    text,
    text_width,
)
from .drawing import (
    legend as draw_legend,
)
from .model import (
    COMPARISONS,
    Chart,
    ChartInputError,
    Series,
    Table,
    check_comparison,
    compare,
)

PAD = 8.0
PLOT_HEIGHT = 240.0

# Line patterns tell the series apart without colour: solid, dashed, then dotted ones.
_AREA_LINE = {"stroke": TEXT, "stroke_width": 2.5}
_BENCHMARK_LINE = {"stroke": TEXT, "stroke_width": 2, "stroke_dasharray": "9 5"}
_COMPARATOR_LINES = (
    {"stroke": NEIGHBOURS, "stroke_width": 2.5, "stroke_dasharray": "2 4",
     "stroke_linecap": "round"},
    {"stroke": NEIGHBOURS, "stroke_width": 2, "stroke_dasharray": "12 4 2 4"},
)


def trend_chart(
    title: str,
    periods: Sequence[str],
    series: Sequence[Series],
    unit: str,
    lower_is_better: bool | None,
    *,
    decimals: int = 1,
    width: int = 640,
    include_zero: bool = True,
    legend: bool = True,
) -> Chart:
    """Draw an indicator's trend: the area's line with 95% intervals and markers coloured
    and shaped by its comparison with the benchmark, and lines for the others.

    A missing value breaks the line. Comparisons not given for the area are worked out
    from its intervals against the benchmark series' value in the same period. Without
    `legend` the chart is drawn without its key, for a document that prints one key for
    all its charts (`trend_key`).
    """
    periods = list(periods)
    if not periods:
        raise ChartInputError("A trend chart needs at least one period.")
    for one in series:
        _check_lengths(one, len(periods))
    areas = [one for one in series if one.role == "area"]
    if len(areas) > 1:
        raise ChartInputError("A trend chart draws one area; give the others as comparators.")
    area = areas[0] if areas else None
    benchmark = next((one for one in series if one.role == "benchmark"), None)
    benchmark_name = benchmark.name if benchmark else "England"
    comparisons = _area_comparisons(area, benchmark, lower_is_better, len(periods))

    values = [
        value
        for one in series
        for column in (one.values, one.lower or (), one.upper or ())
        for value in column
        if value is not None
    ]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    ticks = nice_ticks(low, high, 5)
    tick_places = decimals_needed(ticks)
    tick_labels = [format_value(tick, tick_places, unit) for tick in ticks]

    items = _legend_items(series, area, comparisons, benchmark_name) if legend else []
    legend_markup, legend_height = draw_legend(items, PAD, PAD, width - 2 * PAD)
    unit_baseline = PAD + legend_height + (18 if legend_height else 6) + SMALL_FONT_SIZE
    plot_top = unit_baseline + 14
    plot_bottom = plot_top + PLOT_HEIGHT
    plot_left = PAD + max(text_width(label) for label in tick_labels) + 10
    plot_right = width - PAD - 4
    slot = (plot_right - plot_left) / len(periods)
    height = round(plot_bottom + 34)

    def x_at(index: int) -> float:
        return plot_left + slot * (index + 0.5)

    def y_at(value: float) -> float:
        return plot_bottom - (value - ticks[0]) / (ticks[-1] - ticks[0]) * PLOT_HEIGHT

    parts = [legend_markup]
    if unit:
        parts.append(text(unit, PAD, unit_baseline, size=SMALL_FONT_SIZE, fill=TEXT,
                          class_="trustboard-chart__axis-title"))
    grid = []
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = y_at(tick)
        grid.append(tag("line", x1=plot_left, x2=plot_right, y1=y, y2=y,
                        stroke=TEXT if tick == 0 else GRID, stroke_width=1))
        grid.append(text(label, plot_left - 8, baseline(y, FONT_SIZE), anchor="end"))
    parts.append(tag("g", "".join(grid), class_="trustboard-chart__y-axis"))
    parts.append(tag("line", x1=plot_left, x2=plot_right, y1=plot_bottom, y2=plot_bottom,
                     stroke=TEXT, stroke_width=1))
    parts.append(_period_labels(periods, x_at, slot, plot_bottom))

    comparators = [one for one in series if one.role == "comparator"]
    for index, one in enumerate(comparators):
        style = _COMPARATOR_LINES[index % len(_COMPARATOR_LINES)]
        parts.append(_line(one.values, x_at, y_at, style, "comparator"))
    if benchmark is not None:
        parts.append(_line(benchmark.values, x_at, y_at, _BENCHMARK_LINE, "benchmark"))
    if area is not None:
        parts.append(_intervals(area, x_at, y_at))
        parts.append(_line(area.values, x_at, y_at, _AREA_LINE, "area", with_dots=False))
        parts.append(
            tag("g", "".join(
                marker(comparisons[index], x_at(index), y_at(value))
                for index, value in enumerate(area.values)
                if value is not None
            ), class_="trustboard-chart__markers")
        )

    alt = _alt(title, periods, unit, area, benchmark, comparisons, lower_is_better, decimals)
    table = _table(title, periods, series, area, benchmark_name, comparisons, unit, decimals,
                   has_comparisons=benchmark is not None or bool(area and area.comparisons))
    svg = document(title=title, description=alt, width=width, height=height,
                   body="".join(parts))
    return Chart(title=title, svg=svg, table=table, alt=alt, width=width, height=height)


def trend_key(series: Sequence[Series], comparisons: Sequence[str], *,
              benchmark_name: str = "England", width: int = 640) -> Chart:
    """The key to a set of trend charts drawn without their own: a sample of each
    series' line (their values are not used) and each comparison marker the charts show."""
    area = next((one for one in series if one.role == "area"), None)
    shown = set(comparisons)
    items = _legend_items(series, None, [], benchmark_name) + [
        LegendItem(lambda x, y, word=word: marker(word, x, y),
                   COMPARISON_LABELS[word].format(benchmark=benchmark_name))
        for word in COMPARISONS if word in shown]
    markup, height = draw_legend(items, PAD, PAD, width - 2 * PAD)
    height = round(height + 2 * PAD)
    title = "Key to the charts"
    rows = tuple((item.label,) for item in items)
    alt = ("Key to the charts: " + "; ".join(_key_words(one) for one in series)
           + (f"; markers on {area.name}'s line compare it with {benchmark_name}"
              if area is not None and comparisons else "") + ".")
    svg = document(title=title, description=alt, width=width, height=height, body=markup)
    return Chart(title=title, svg=svg, table=Table(caption=title, headers=("Symbol",),
                                                   rows=rows),
                 alt=alt, width=width, height=height)


def _key_words(one: Series) -> str:
    line = {"area": "solid black line", "benchmark": "dashed black line"}.get(
        one.role, "dotted line")
    return f"{one.name}, {line}"


def _check_lengths(one: Series, count: int) -> None:
    for name in ("values", "lower", "upper", "comparisons"):
        column = getattr(one, name)
        if column is not None and len(column) != count:
            raise ChartInputError(
                f"Series '{one.name}' has {len(column)} {name} for {count} periods."
            )


def _area_comparisons(
    area: Series | None, benchmark: Series | None, lower_is_better: bool | None, count: int
) -> list[str]:
    if area is None:
        return ["not compared"] * count
    if area.comparisons is not None:
        return [check_comparison(word) for word in area.comparisons]
    return [
        compare(
            area.values[index],
            area.lower[index] if area.lower else None,
            area.upper[index] if area.upper else None,
            benchmark.values[index] if benchmark else None,
            lower_is_better,
        )
        for index in range(count)
    ]


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """Split the positions of present values into unbroken runs."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(index)
    if current:
        runs.append(current)
    return runs


def _line(values, x_at, y_at, style: dict, role: str, *, with_dots: bool = True) -> str:
    parts = []
    for run in _runs(values):
        if len(run) == 1:
            if with_dots:
                parts.append(tag("circle", cx=x_at(run[0]), cy=y_at(values[run[0]]), r=3.5,
                                 fill=style["stroke"]))
            continue
        points = " L".join(f"{coordinate(x_at(i))} {coordinate(y_at(values[i]))}" for i in run)
        parts.append(tag("path", d=f"M{points}", fill="none", stroke_linejoin="round",
                         class_=f"trustboard-chart__line trustboard-chart__line--{role}",
                         **style))
    return tag("g", "".join(parts))


def _intervals(area: Series, x_at, y_at) -> str:
    if area.lower is None or area.upper is None:
        return ""
    parts = []
    for index, (lower, upper) in enumerate(zip(area.lower, area.upper, strict=True)):
        if lower is None or upper is None:
            continue
        parts.append(_error_bar(x_at(index), y_at(lower), y_at(upper)))
    return tag("g", "".join(parts), class_="trustboard-chart__intervals")


def _error_bar(x: float, y_lower: float, y_upper: float) -> str:
    cap = 5.0
    style = {"stroke": SECONDARY_TEXT, "stroke_width": 1.5}
    return tag(
        "g",
        tag("line", x1=x, x2=x, y1=y_lower, y2=y_upper, **style)
        + tag("line", x1=x - cap, x2=x + cap, y1=y_lower, y2=y_lower, **style)
        + tag("line", x1=x - cap, x2=x + cap, y1=y_upper, y2=y_upper, **style),
        class_="trustboard-chart__interval",
    )


def _period_labels(periods: list[str], x_at, slot: float, plot_bottom: float) -> str:
    # Crowded labels are thinned from the latest period back, which is the one readers want.
    widest = max(text_width(period, SMALL_FONT_SIZE) for period in periods)
    every = max(1, math.ceil((widest + 10) / slot))
    shown = set(range(len(periods) - 1, -1, -every))
    labels = [
        text(period, x_at(index), plot_bottom + 20, size=SMALL_FONT_SIZE, anchor="middle")
        for index, period in enumerate(periods)
        if index in shown
    ]
    ticks = [
        tag("line", x1=x_at(index), x2=x_at(index), y1=plot_bottom, y2=plot_bottom + 5,
            stroke=TEXT, stroke_width=1)
        for index in range(len(periods))
    ]
    return tag("g", "".join(ticks + labels), class_="trustboard-chart__x-axis")


def _legend_items(series, area, comparisons, benchmark_name) -> list[LegendItem]:
    items = []
    comparator_index = 0
    for one in series:
        if one.role == "area":
            style = _AREA_LINE
        elif one.role == "benchmark":
            style = _BENCHMARK_LINE
        else:
            style = _COMPARATOR_LINES[comparator_index % len(_COMPARATOR_LINES)]
            comparator_index += 1
        items.append(LegendItem(_line_sample(style), one.name))
    if area is not None and area.lower is not None and area.upper is not None:
        items.append(LegendItem(lambda x, y: _error_bar(x, y + 7, y - 7),
                                "95% confidence interval"))
    if area is not None:
        drawn = {word for word, value in zip(comparisons, area.values, strict=True)
                 if value is not None}
        for word in COMPARISONS:
            if word in drawn:
                items.append(LegendItem(
                    lambda x, y, word=word: marker(word, x, y),
                    COMPARISON_LABELS[word].format(benchmark=benchmark_name),
                ))
    return items


def _line_sample(style: dict):
    def draw(x: float, y: float) -> str:
        return tag("line", x1=x - 12, x2=x + 12, y1=y, y2=y, **style)

    return draw


def _alt(title, periods, unit, area, benchmark, comparisons, lower_is_better, decimals) -> str:
    named = f"{title} ({unit})" if unit else title
    sentences = [f"Line chart of {named}, {periods[0]} to {periods[-1]}."
                 if len(periods) > 1 else f"Chart of {named}, {periods[0]}."]
    latest = _latest(area.values) if area else None
    if area is not None and latest is not None:
        sentence = (f"{area.name}: {format_value(area.values[latest], decimals, unit)} "
                    f"in {periods[latest]}")
        bench_value = benchmark.values[latest] if benchmark else None
        if benchmark is not None and bench_value is not None:
            sentence += (f", {comparison_phrase(comparisons[latest], benchmark.name)} "
                         f"({format_value(bench_value, decimals, unit)})")
        sentences.append(sentence + ".")
    if lower_is_better is True:
        sentences.append("Lower values are better.")
    elif lower_is_better is False:
        sentences.append("Higher values are better.")
    sentences.append("The table gives every figure.")
    return " ".join(sentences)


def _latest(values: Sequence[float | None]) -> int | None:
    present = [index for index, value in enumerate(values) if value is not None]
    return present[-1] if present else None


def _table(title, periods, series, area, benchmark_name, comparisons, unit, decimals,
           *, has_comparisons: bool) -> Table:
    headers = ["Period"]
    columns: list[list[str]] = []
    for one in series:
        headers.append(one.name)
        columns.append([format_value(value, decimals, unit) for value in one.values])
        if one is area:
            if area.lower is not None and area.upper is not None:
                headers += ["Lower 95% limit", "Upper 95% limit"]
                columns.append([format_value(value, decimals, unit) for value in area.lower])
                columns.append([format_value(value, decimals, unit) for value in area.upper])
            if has_comparisons:
                headers.append(f"Compared with {benchmark_name}")
                columns.append([word.capitalize() for word in comparisons])
    rows = tuple(
        (period, *(column[index] for column in columns))
        for index, period in enumerate(periods)
    )
    caption = f"{title} ({unit})" if unit else title
    return Table(caption=caption, headers=tuple(headers), rows=rows)

