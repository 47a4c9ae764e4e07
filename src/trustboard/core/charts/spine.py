"""The spine chart: a row for each indicator, the area against England and all authorities.

As the national profiles' "area profile": England's value is the centre line; the
light bar runs from the worst local authority to the best and the dark bar over the
middle half (25th to 75th percentile); the area is a marker coloured and shaped by its
comparison with England. Each row is scaled on its own so that the local authority
furthest from England touches the end of the bar, and turned round where lower is
better, so better is always on the right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .drawing import (
    BORDER,
    COMPARISON_LABELS,
    FONT_SIZE,
    MIDDLE_HALF,
    RANGE,
    SECONDARY_TEXT,
    SMALL_FONT_SIZE,
    TEXT,
    LegendItem,
    baseline,
    comparison_phrase,
    document,
    format_value,
    legend,
    line_height,
    marker,
    tag,
    text,
    text_lines,
    text_width,
    wrap,
)
from .model import COMPARISONS, Chart, ChartInputError, SpineRow, Table, check_comparison, compare

PAD = 8.0
GAP = 12.0
MIN_ROW_HEIGHT = 34.0
MIN_SPINE_WIDTH = 160.0
SPINE_HEIGHT = 16.0


def spine_chart(
    title: str,
    rows: Sequence[SpineRow],
    *,
    area_name: str = "Area",
    benchmark_label: str = "England",
    width: int = 800,
) -> Chart:
    """Draw an area profile: each indicator's value against England and the spread of
    local authorities, better always to the right, with the figures as text columns.
    """
    if not rows:
        raise ChartInputError("A spine chart needs at least one indicator.")
    words = [
        check_comparison(row.comparison) if row.comparison is not None
        else compare(row.area_value, row.area_lower, row.area_upper, row.england_value,
                     row.lower_is_better)
        for row in rows
    ]
    figures = [_figures(row) for row in rows]
    has_period = any(row.period for row in rows)

    headers = [area_name, benchmark_label, "Worst or lowest", "Best or highest"]
    widths = []
    for index, header in enumerate(headers):
        cells = [text_width(cells[index]) for cells in figures]
        longest_word = max(text_width(word, SMALL_FONT_SIZE, bold=True) for word in header.split())
        widths.append(max(56.0, longest_word, *cells))
    area_width, england_width, worst_width, best_width = widths
    period_width = (
        max(56.0, *(text_width(row.period, SMALL_FONT_SIZE) for row in rows))
        if has_period else 0.0
    )
    fixed = area_width + england_width + worst_width + best_width + period_width
    gaps = GAP * (6 if has_period else 5)
    name_width = max(140.0, min(0.3 * width, width - 2 * PAD - fixed - gaps - MIN_SPINE_WIDTH))
    spine_width = width - 2 * PAD - fixed - gaps - name_width
    if spine_width < MIN_SPINE_WIDTH / 2:
        raise ChartInputError(f"A spine chart this wide ({width}) has no room for the spine.")

    # Text columns start at their left edge; figures are right-aligned at their right edge.
    x = PAD
    name_left = x
    x += name_width + GAP
    period_left = x
    x += (period_width + GAP) if has_period else 0
    area_right = x + area_width
    england_right = area_right + GAP + england_width
    worst_right = england_right + GAP + worst_width
    spine_left = worst_right + GAP
    spine_right = spine_left + spine_width
    best_right = spine_right + GAP + best_width
    centre = (spine_left + spine_right) / 2
    reach = spine_width / 2 - 8

    header_cells = [
        (["Indicator"], name_left, "start"),
        *([(wrap("Period", period_width, SMALL_FONT_SIZE, bold=True), period_left, "start")]
          if has_period else []),
        (wrap(area_name, area_width, SMALL_FONT_SIZE, bold=True), area_right, "end"),
        (wrap(benchmark_label, england_width, SMALL_FONT_SIZE, bold=True), england_right,
         "end"),
        (wrap("Worst or lowest", worst_width, SMALL_FONT_SIZE, bold=True), worst_right, "end"),
        (wrap("Range of local authorities", spine_width, SMALL_FONT_SIZE, bold=True), centre,
         "middle"),
        (wrap("Best or highest", best_width, SMALL_FONT_SIZE, bold=True), best_right, "end"),
    ]
    header_lines = max(len(lines) for lines, _, _ in header_cells)
    header_top = PAD
    header_bottom = header_top + header_lines * line_height(SMALL_FONT_SIZE) + 8
    parts = []
    for lines, left, anchor in header_cells:
        first = header_bottom - 8 - (len(lines) - 1) * line_height(SMALL_FONT_SIZE) - 3
        parts.append(text_lines(lines, left, first, size=SMALL_FONT_SIZE, anchor=anchor,
                                bold=True))
    parts.append(tag("line", x1=PAD, x2=width - PAD, y1=header_bottom, y2=header_bottom,
                     stroke=TEXT, stroke_width=1))

    top = header_bottom
    row_parts = []
    markers = []
    for row, word, cells in zip(rows, words, figures, strict=True):
        lines = wrap(row.name, name_width)
        row_height = max(MIN_ROW_HEIGHT, len(lines) * line_height(FONT_SIZE) + 12)
        middle = top + row_height / 2
        first = baseline(middle, FONT_SIZE) - (len(lines) - 1) * line_height(FONT_SIZE) / 2
        cell_parts = [text_lines(lines, name_left, first)]
        if has_period:
            cell_parts.append(text(row.period, period_left, baseline(middle, SMALL_FONT_SIZE),
                                   size=SMALL_FONT_SIZE))
        for content, right in zip(cells, (area_right, england_right, worst_right, best_right),
                                  strict=True):
            cell_parts.append(text(content, right, baseline(middle, FONT_SIZE), anchor="end"))
        cell_parts.append(_spine(row, middle, centre, reach))
        if _can_draw(row) and row.area_value is not None:
            markers.append(marker(word, _position(row, row.area_value, centre, reach), middle))
        cell_parts.append(tag("line", x1=PAD, x2=width - PAD, y1=top + row_height,
                              y2=top + row_height, stroke=BORDER, stroke_width=1))
        row_parts.append(tag("g", "".join(cell_parts), class_="trustboard-chart__row"))
        top += row_height
    rows_bottom = top
    parts.extend(row_parts)
    # England's line crosses every row's range but passes under the area's markers.
    parts.append(tag("line", x1=centre, x2=centre, y1=header_bottom, y2=rows_bottom,
                     stroke=TEXT, stroke_width=2, class_="trustboard-chart__benchmark"))
    parts.append(tag("g", "".join(markers), class_="trustboard-chart__markers"))

    drawn = {word for row, word in zip(rows, words, strict=True)
             if _can_draw(row) and row.area_value is not None}
    items = [
        LegendItem(_swatch(RANGE), "Range of local authorities, worst to best"),
        LegendItem(_swatch(MIDDLE_HALF), "Middle half (25th to 75th percentile)"),
        LegendItem(lambda x, y: tag("line", x1=x, x2=x, y1=y - 8, y2=y + 8, stroke=TEXT,
                                    stroke_width=2), f"{benchmark_label} value"),
        *(
            LegendItem(lambda x, y, word=word: marker(word, x, y),
                       COMPARISON_LABELS[word].format(benchmark=benchmark_label))
            for word in COMPARISONS
            if word in drawn
        ),
    ]
    legend_markup, legend_height = legend(items, PAD, rows_bottom + 10, width - 2 * PAD)
    parts.append(legend_markup)
    note_baseline = rows_bottom + 10 + legend_height + 16
    parts.append(text("Better is to the right; where there is no judgement, higher is to "
                      "the right.", PAD, note_baseline, size=SMALL_FONT_SIZE,
                      fill=SECONDARY_TEXT))
    height = round(note_baseline + PAD)

    alt = _alt(title, rows, words, area_name, benchmark_label)
    svg = document(title=title, description=alt, width=width, height=height,
                   body="".join(parts))
    table = _table(title, rows, words, figures, area_name, benchmark_label, has_period)
    return Chart(title=title, svg=svg, table=table, alt=alt, width=width, height=height)


def _figures(row: SpineRow) -> tuple[str, str, str, str]:
    worst, best = _ends(row)
    return tuple(
        format_value(value, row.decimals, row.unit)
        for value in (row.area_value, row.england_value, worst, best)
    )


def _ends(row: SpineRow) -> tuple[float | None, float | None]:
    if row.lower_is_better:
        return row.highest, row.lowest
    return row.lowest, row.highest


def _position(row: SpineRow, value: float, centre: float, reach: float) -> float:
    """Place a value on the row's spine: England at the centre, the furthest local authority
    at the end, better to the right."""
    england = row.england_value
    spread = max(
        abs(end - england) for end in (row.lowest, row.highest, value) if end is not None
    )
    if spread == 0:
        return centre
    direction = -1 if row.lower_is_better else 1
    offset = direction * (value - england) / spread
    return centre + max(-1.0, min(1.0, offset)) * reach


def _can_draw(row: SpineRow) -> bool:
    return row.england_value is not None and row.lowest is not None and row.highest is not None


def _spine(row: SpineRow, middle: float, centre: float, reach: float) -> str:
    if not _can_draw(row):
        return ""
    parts = []
    ends = sorted(_position(row, value, centre, reach) for value in (row.lowest, row.highest))
    parts.append(tag("rect", x=ends[0], y=middle - SPINE_HEIGHT / 2, width=ends[1] - ends[0],
                     height=SPINE_HEIGHT, fill=RANGE, class_="trustboard-chart__range"))
    if row.lower_quartile is not None and row.upper_quartile is not None:
        quartiles = sorted(_position(row, value, centre, reach)
                           for value in (row.lower_quartile, row.upper_quartile))
        parts.append(tag("rect", x=quartiles[0], y=middle - SPINE_HEIGHT / 2,
                         width=quartiles[1] - quartiles[0], height=SPINE_HEIGHT,
                         fill=MIDDLE_HALF, class_="trustboard-chart__middle-half"))
    return "".join(parts)


def _swatch(colour: str):
    def draw(x: float, y: float) -> str:
        return tag("rect", x=x - 12, y=y - SPINE_HEIGHT / 2 + 2, width=24,
                   height=SPINE_HEIGHT - 4, fill=colour)

    return draw


def _alt(title, rows, words, area_name, benchmark_label) -> str:
    counts = Counter(words)
    described = [
        f"{counts[word]} {comparison_phrase(word, benchmark_label)}"
        for word in COMPARISONS
        if counts[word]
    ]
    count = f"{len(rows)} indicator{'' if len(rows) == 1 else 's'}"
    return (f"Spine chart of {title}: {count} for {area_name} against "
            f"{benchmark_label} and the range of local authorities, better to the right. "
            f"{_sentence('; '.join(described))}. The table gives every figure.")


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:]


def _table(title, rows, words, figures, area_name, benchmark_label, has_period) -> Table:
    headers = ["Indicator", *(["Period"] if has_period else []), area_name,
               f"Compared with {benchmark_label}", benchmark_label, "Worst or lowest",
               "Best or highest", "25th percentile", "75th percentile"]
    body = []
    for row, word, cells in zip(rows, words, figures, strict=True):
        area, england, worst, best = cells
        body.append((
            row.name,
            *([row.period] if has_period else []),
            area,
            word.capitalize(),
            england,
            worst,
            best,
            format_value(row.lower_quartile, row.decimals, row.unit),
            format_value(row.upper_quartile, row.decimals, row.unit),
        ))
    return Table(caption=title, headers=tuple(headers), rows=tuple(body))
