"""The 5 x 5 heat map of risks: likelihood up the side, impact along the bottom.

Each cell carries its score and the references of the risks in it, and the legend names
the bands in words, so nothing is read from colour alone; the chart comes with a data
table and an alternative text written from the same figures.
"""

from collections.abc import Sequence

from trustboard.core.charts.drawing import (
    SECONDARY_TEXT,
    SMALL_FONT_SIZE,
    TEXT,
    document,
    tag,
    text,
    text_lines,
    wrap,
)
from trustboard.core.charts.model import Chart, Table
from trustboard.risks.models import IMPACT_LABELS, LIKELIHOOD_LABELS, SCALE, risk_band
from trustboard.risks.selectors import RiskRow

#: Light tints of GOV.UK's green, yellow, orange and red: black text keeps 12:1 or more.
BAND_FILLS = {"Low": "#cce2d8", "Medium": "#fff7bf", "High": "#fcd6c3", "Very high": "#f4cdc6"}
BAND_RANGES = {"Low": "1 to 4", "Medium": "5 to 9", "High": "10 to 14", "Very high": "15 to 25"}

CELL_WIDTH, CELL_HEIGHT = 100, 70
LEFT, TOP, PAD = 140, 16, 16


def heat_map_cells(rows: Sequence[RiskRow]) -> dict[tuple[int, int], list[RiskRow]]:
    """The rows in each cell, keyed by (likelihood, impact), every cell present."""
    cells: dict[tuple[int, int], list[RiskRow]] = {
        (likelihood, impact): [] for likelihood in SCALE for impact in SCALE}
    for row in rows:
        cells[(row.likelihood, row.impact)].append(row)
    return cells


def heat_map_chart(title: str, rows: Sequence[RiskRow], *, threshold: int) -> Chart:
    """Draw the heat map of `rows` (risks as at one date)."""
    cells = heat_map_cells(rows)
    width = LEFT + 5 * CELL_WIDTH + PAD
    grid_bottom = TOP + 5 * CELL_HEIGHT
    legend_top = grid_bottom + 56
    height = legend_top + 2 * 24 + PAD
    parts = []
    for likelihood in SCALE:
        y = TOP + (5 - likelihood) * CELL_HEIGHT
        parts.append(text_lines([f"{likelihood} {LIKELIHOOD_LABELS[likelihood]}"]
                                if len(LIKELIHOOD_LABELS[likelihood]) < 10 else
                                [str(likelihood), LIKELIHOOD_LABELS[likelihood]],
                                LEFT - 8, y + CELL_HEIGHT / 2 + 4, size=SMALL_FONT_SIZE,
                                anchor="end"))
        for impact in SCALE:
            x = LEFT + (impact - 1) * CELL_WIDTH
            score = likelihood * impact
            in_cell = cells[(likelihood, impact)]
            parts.append(tag("rect", x=float(x), y=float(y), width=CELL_WIDTH,
                             height=CELL_HEIGHT, fill=BAND_FILLS[risk_band(score)],
                             stroke="#ffffff" if score < threshold else TEXT,
                             stroke_width=1 if score < threshold else 2))
            parts.append(text(str(score), x + 6, y + 16, size=SMALL_FONT_SIZE,
                              fill=SECONDARY_TEXT))
            if in_cell:
                references = ", ".join(row.risk.reference for row in in_cell)
                lines = wrap(references, CELL_WIDTH - 12, bold=True)[:2]
                parts.append(text_lines(lines, x + CELL_WIDTH / 2, y + 40, anchor="middle",
                                        bold=True))
    for impact in SCALE:
        x = LEFT + (impact - 0.5) * CELL_WIDTH
        parts.append(text_lines([str(impact), IMPACT_LABELS[impact]], x, grid_bottom + 18,
                                size=SMALL_FONT_SIZE, anchor="middle"))
    parts.append(text("Likelihood", PAD, TOP + 12, size=SMALL_FONT_SIZE, bold=True))
    parts.append(text("Impact", LEFT + 5 * CELL_WIDTH, grid_bottom + 50, size=SMALL_FONT_SIZE,
                      anchor="end", bold=True))
    for index, band in enumerate(BAND_FILLS):
        x = PAD + (index % 2) * 300
        y = legend_top + (index // 2) * 24
        parts.append(tag("rect", x=float(x), y=float(y - 12), width=16, height=16,
                         fill=BAND_FILLS[band], stroke=TEXT, stroke_width=1))
        parts.append(text(f"{band}: score {BAND_RANGES[band]}", x + 24, y + 1,
                          size=SMALL_FONT_SIZE))
    alt = heat_map_alt(rows, threshold=threshold)
    svg = document(title=title, description=alt, width=width, height=height,
                   body="".join(parts))
    return Chart(title=title, svg=svg, table=heat_map_table(title, cells), alt=alt,
                 width=width, height=height)


def heat_map_table(title: str, cells: dict[tuple[int, int], list[RiskRow]]) -> Table:
    rows = tuple(
        (f"Likelihood {likelihood} ({LIKELIHOOD_LABELS[likelihood]})",
         *(", ".join(row.risk.reference for row in cells[(likelihood, impact)]) or "None"
           for impact in SCALE))
        for likelihood in reversed(SCALE))
    return Table(caption=f"{title}: the risks in each cell",
                 headers=("Likelihood", *(f"Impact {impact} ({IMPACT_LABELS[impact]})"
                                          for impact in SCALE)),
                 rows=rows)


def heat_map_alt(rows: Sequence[RiskRow], *, threshold: int) -> str:
    if not rows:
        return "No open risks."
    above = [row for row in rows if row.score >= threshold]
    counts = {band: sum(1 for row in rows if row.band == band) for band in BAND_FILLS}
    bands = ", ".join(f"{count} {band.lower()}" for band, count in counts.items() if count)
    sentence = f"{len(rows)} open risk{'s' if len(rows) != 1 else ''}: {bands}."
    if above:
        named = "; ".join(f"{row.risk.reference} {row.risk.title} (likelihood {row.likelihood} "
                          f"x impact {row.impact} = {row.score})" for row in above)
        sentence += f" At or above the threshold of {threshold}: {named}."
    else:
        sentence += f" None at or above the threshold of {threshold}."
    return sentence
