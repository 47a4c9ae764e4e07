"""The comparison chart: the area and its statistical neighbours as bars, against England."""

from __future__ import annotations

from collections.abc import Sequence

from .drawing import (
    COMPARISON_COLOURS,
    COMPARISON_LABELS,
    FONT_SIZE,
    GRID,
    HIGHLIGHT,
    SMALL_FONT_SIZE,
    TEXT,
    LegendItem,
    baseline,
    comparison_phrase,
    decimals_needed,
    document,
    format_value,
    legend,
    line_height,
    marker,
    nice_ticks,
    tag,
    text,
    text_lines,
    text_width,
    wrap,
)
from .model import COMPARISONS, Bar, Chart, ChartInputError, Table, check_comparison, compare

PAD = 8.0
BAR_HEIGHT = 14.0
ROW_HEIGHT = 26.0
NAME_WIDTH = 190.0


def comparison_chart(
    title: str,
    bars: Sequence[Bar],
    benchmark_value: float | None,
    benchmark_label: str,
    unit: str,
    *,
    lower_is_better: bool | None = None,
    decimals: int = 1,
    width: int = 640,
) -> Chart:
    """Draw a horizontal bar for each area, highest value first, each with its 95% interval,
    the area highlighted and a vertical line at the benchmark.

    Bars are coloured and marked by comparison with the benchmark; comparisons not
    given are worked out from each bar's interval and `lower_is_better`.
    """
    if not bars:
        raise ChartInputError("A comparison chart needs at least one bar.")
    ordered = sorted(bars, key=lambda bar: (bar.value is None,
                                            -(bar.value if bar.value is not None else 0)))
    words = [
        check_comparison(bar.comparison) if bar.comparison is not None
        else compare(bar.value, bar.lower, bar.upper, benchmark_value, lower_is_better)
        for bar in ordered
    ]

    present = [
        value
        for bar in ordered
        for value in (bar.value, bar.lower, bar.upper)
        if value is not None
    ] + ([benchmark_value] if benchmark_value is not None else [])
    ticks = nice_ticks(min([0.0, *present]), max([0.0, *present]), 6)
    tick_places = decimals_needed(ticks)
    value_labels = [format_value(bar.value, decimals, unit) for bar in ordered]

    items = [
        LegendItem(
            lambda x, y, word=word: marker(word, x, y),
            COMPARISON_LABELS[word].format(benchmark=benchmark_label),
        )
        for word in COMPARISONS
        if word in words
    ]
    if any(bar.lower is not None and bar.upper is not None for bar in ordered):
        items.append(LegendItem(lambda x, y: _whisker(x - 10, x + 10, y),
                                "95% confidence interval"))
    if benchmark_value is not None:
        items.append(LegendItem(
            lambda x, y: tag("line", x1=x, x2=x, y1=y - 8, y2=y + 8, stroke=TEXT, stroke_width=2),
            benchmark_label,
        ))
    legend_markup, legend_height = legend(items, PAD, PAD, width - 2 * PAD)

    name_width = min(NAME_WIDTH, max(text_width(bar.name, bold=bar.is_area) for bar in ordered))
    names = [wrap(bar.name, name_width, bold=bar.is_area) for bar in ordered]
    heights = [max(ROW_HEIGHT, len(lines) * line_height(FONT_SIZE) + 8) for lines in names]
    marker_x = PAD + name_width + 16
    plot_left = marker_x + 16
    value_width = max(text_width(label) for label in value_labels)
    plot_right = width - PAD - value_width - 12
    rows_top = PAD + legend_height + 34
    rows_bottom = rows_top + sum(heights)
    height = round(rows_bottom + 30 + (20 if unit else 0) + PAD)

    def x_at(value: float) -> float:
        return plot_left + (value - ticks[0]) / (ticks[-1] - ticks[0]) * (plot_right - plot_left)

    parts = [legend_markup]
    grid = []
    for tick in ticks:
        x = x_at(tick)
        grid.append(tag("line", x1=x, x2=x, y1=rows_top, y2=rows_bottom,
                        stroke=TEXT if tick == 0 else GRID, stroke_width=1))
        grid.append(text(format_value(tick, tick_places, unit), x, rows_bottom + 18,
                         size=SMALL_FONT_SIZE, anchor="middle"))
    if unit:
        grid.append(text(unit, (plot_left + plot_right) / 2, rows_bottom + 38,
                         size=SMALL_FONT_SIZE, anchor="middle",
                         class_="trustboard-chart__axis-title"))
    parts.append(tag("g", "".join(grid), class_="trustboard-chart__x-axis"))

    rows = []
    top = rows_top
    for bar, word, lines, row_height, label in zip(ordered, words, names, heights,
                                                  value_labels, strict=True):
        rows.append(_row(bar, word, lines, top, row_height, label, x_at, marker_x,
                         width=width))
        top += row_height
    parts.append("".join(rows))

    if benchmark_value is not None:
        x = x_at(benchmark_value)
        caption = f"{benchmark_label}: {format_value(benchmark_value, decimals, unit)}"
        anchor, label_x = "middle", x
        half = text_width(caption, SMALL_FONT_SIZE) / 2
        if x + half > width - PAD:
            anchor, label_x = "end", width - PAD
        elif x - half < PAD:
            anchor, label_x = "start", PAD
        parts.append(tag(
            "g",
            tag("line", x1=x, x2=x, y1=rows_top - 12, y2=rows_bottom, stroke=TEXT,
                stroke_width=2)
            + text(caption, label_x, rows_top - 17, size=SMALL_FONT_SIZE, anchor=anchor,
                   bold=True),
            class_="trustboard-chart__benchmark",
        ))

    alt = _alt(title, unit, ordered, words, benchmark_value, benchmark_label, decimals)
    svg = document(title=title, description=alt, width=width, height=height,
                   body="".join(parts))
    table = _table(title, unit, ordered, words, benchmark_value, benchmark_label, decimals)
    return Chart(title=title, svg=svg, table=table, alt=alt, width=width, height=height)


def _row(bar: Bar, word: str, lines: list[str], top: float, row_height: float, label: str,
         x_at, marker_x: float, *, width: int) -> str:
    centre = top + row_height / 2
    parts = []
    if bar.is_area:
        parts.append(tag("rect", x=0, y=top, width=width, height=row_height, fill=HIGHLIGHT))
    first_baseline = baseline(centre, FONT_SIZE) - (len(lines) - 1) * line_height(FONT_SIZE) / 2
    parts.append(text_lines(lines, marker_x - 16, first_baseline, anchor="end",
                            bold=bar.is_area))
    if bar.value is not None:
        zero = x_at(0.0)
        end = x_at(bar.value)
        parts.append(tag(
            "rect",
            x=min(zero, end),
            y=centre - BAR_HEIGHT / 2,
            width=abs(end - zero),
            height=BAR_HEIGHT,
            fill=COMPARISON_COLOURS[word],
            stroke=TEXT,
            stroke_width=2.5 if bar.is_area else 1,
            class_="trustboard-chart__bar" + (" trustboard-chart__bar--area" if bar.is_area
                                              else ""),
        ))
        if bar.lower is not None and bar.upper is not None:
            parts.append(_whisker(x_at(bar.lower), x_at(bar.upper), centre))
        parts.append(marker(word, marker_x, centre, radius=5.5))
    parts.append(text(label, width - PAD, baseline(centre, FONT_SIZE), anchor="end",
                      bold=bar.is_area))
    row_class = "trustboard-chart__row" + (" trustboard-chart__row--area" if bar.is_area else "")
    return tag("g", "".join(parts), class_=row_class)


def _whisker(x_lower: float, x_upper: float, y: float) -> str:
    cap = 5.0
    style = {"stroke": TEXT, "stroke_width": 1.5}
    return tag(
        "g",
        tag("line", x1=x_lower, x2=x_upper, y1=y, y2=y, **style)
        + tag("line", x1=x_lower, x2=x_lower, y1=y - cap, y2=y + cap, **style)
        + tag("line", x1=x_upper, x2=x_upper, y1=y - cap, y2=y + cap, **style),
        class_="trustboard-chart__interval",
    )


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _alt(title, unit, ordered, words, benchmark_value, benchmark_label, decimals) -> str:
    present = [bar for bar in ordered if bar.value is not None]
    sentences = [f"Bar chart of {title}{f' ({unit})' if unit else ''} for {len(ordered)} "
                 f"areas, highest first."]
    for bar, word in zip(ordered, words, strict=True):
        if bar.is_area and bar.value is not None:
            rank = present.index(bar) + 1
            sentence = (f"{bar.name}: {format_value(bar.value, decimals, unit)}, the "
                        f"{_ordinal(rank)} highest of {len(present)}")
            if benchmark_value is not None:
                sentence += (f", {comparison_phrase(word, benchmark_label)} "
                             f"({format_value(benchmark_value, decimals, unit)})")
            sentences.append(sentence + ".")
    sentences.append("The table gives every figure.")
    return " ".join(sentences)


def _table(title, unit, ordered, words, benchmark_value, benchmark_label, decimals) -> Table:
    rows = [
        (
            bar.name,
            format_value(bar.value, decimals, unit),
            format_value(bar.lower, decimals, unit),
            format_value(bar.upper, decimals, unit),
            word.capitalize(),
        )
        for bar, word in zip(ordered, words, strict=True)
    ]
    rows.append((benchmark_label, format_value(benchmark_value, decimals, unit), "", "", ""))
    return Table(
        caption=f"{title} ({unit})" if unit else title,
        headers=("Area", "Value", "Lower 95% limit", "Upper 95% limit",
                 f"Compared with {benchmark_label}"),
        rows=tuple(rows),
    )
