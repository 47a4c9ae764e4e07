"""The pieces every chart is drawn with: SVG elements, text measuring, numbers, markers.

Everything is a presentation attribute (`fill=`, `font-size=`...): the site's Content
Security Policy forbids inline styles, and the same SVG goes into HTML, WeasyPrint's PDF
and CairoSVG's PNG, which all honour presentation attributes.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .model import ChartInputError

FONT_FAMILY = "Arial, Liberation Sans, Helvetica, sans-serif"
FONT_SIZE = 14
SMALL_FONT_SIZE = 13

# GOV.UK Frontend colours. Text is #0b0c0c on white (19:1); secondary text #505a5f (7:1).
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
GRID = "#dbdad9"
BORDER = "#b1b4b6"
HIGHLIGHT = "#f3f2f1"
NEIGHBOURS = "#4c2c92"
RANGE = "#cecece"
MIDDLE_HALF = "#8b8b8b"

COMPARISON_COLOURS = {
    "better": "#00703c",
    "similar": "#ffdd00",
    "worse": "#d4351c",
    "higher": "#1d70b8",
    "lower": "#5694ca",
    "not compared": "#b1b4b6",
}

#: The legend's words; `{benchmark}` is England or whatever the chart compares with.
COMPARISON_LABELS = {
    "better": "Better than {benchmark}",
    "similar": "Similar to {benchmark}",
    "worse": "Worse than {benchmark}",
    "higher": "Higher than {benchmark}",
    "lower": "Lower than {benchmark}",
    "not compared": "Not compared",
}
_PHRASES = {**COMPARISON_LABELS, "not compared": "Not compared with {benchmark}"}


def comparison_phrase(comparison: str, benchmark: str) -> str:
    """Return the comparison as words inside a sentence: "similar to England"."""
    phrase = _PHRASES[comparison].format(benchmark=benchmark)
    return phrase[0].lower() + phrase[1:]

NO_DATA = "No data"

# Advance widths of Liberation Sans (metric-compatible with Arial) for the printable
# ASCII characters, in thousandths of an em: enough to lay text out without a font file.
_REGULAR_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 "
    "556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 "
    "500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 "
    "556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 "
    "278 556 500 722 500 500 500 334 260 334 584"
)
_BOLD_WIDTHS = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 "
    "556 556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 "
    "556 722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 "
    "556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 "
    "333 611 556 778 556 556 500 389 280 389 584"
)
_WIDTHS = {
    False: dict(zip(map(chr, range(32, 127)), map(int, _REGULAR_WIDTHS.split()), strict=True)),
    True: dict(zip(map(chr, range(32, 127)), map(int, _BOLD_WIDTHS.split()), strict=True)),
}
_WIDE = {"\u2014": 1000, "\u2026": 1000, "\u2018": 250, "\u2019": 250}


def tag(name: str, content: str = "", /, **attributes: object) -> str:
    """Return one SVG element; `content` is markup, already escaped.

    Attribute names are written in Python style: `font_size` becomes `font-size` and
    `class_` becomes `class`. Attributes whose value is None are left out.
    """
    written = "".join(
        f" {key.rstrip('_').replace('_', '-')}={quoteattr(_attribute(value))}"
        for key, value in attributes.items()
        if value is not None
    )
    if not content:
        return f"<{name}{written}/>"
    return f"<{name}{written}>{content}</{name}>"


def _attribute(value: object) -> str:
    if isinstance(value, float):
        return coordinate(value)
    return str(value)


def coordinate(value: float) -> str:
    """Write a coordinate to two decimals at most, without trailing zeros."""
    written = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if written in ("-0", "") else written


def text(
    content: str,
    x: float,
    y: float,
    *,
    size: int = FONT_SIZE,
    anchor: str = "start",
    bold: bool = False,
    fill: str = TEXT,
    class_: str | None = None,
) -> str:
    """Return a text element whose baseline is at `y`."""
    return tag(
        "text",
        escape(content),
        x=float(x),
        y=float(y),
        font_size=size,
        text_anchor=None if anchor == "start" else anchor,
        font_weight="bold" if bold else None,
        fill=fill,
        class_=class_,
    )


def text_lines(
    lines: Sequence[str],
    x: float,
    y: float,
    *,
    size: int = FONT_SIZE,
    anchor: str = "start",
    bold: bool = False,
    fill: str = TEXT,
) -> str:
    """Return a text element with one tspan per line, the first baseline at `y`."""
    spans = "".join(
        tag("tspan", escape(line), x=float(x), y=float(y + index * line_height(size)))
        for index, line in enumerate(lines)
    )
    return tag(
        "text",
        spans,
        font_size=size,
        text_anchor=None if anchor == "start" else anchor,
        font_weight="bold" if bold else None,
        fill=fill,
    )


def line_height(size: int) -> float:
    """Return the distance between baselines for text of this size."""
    return round(size * 1.25, 2)


def baseline(centre: float, size: int) -> float:
    """Return the baseline that centres a line of digits and capitals on `centre`."""
    # Cap height of Arial is 0.716 em; dominant-baseline is not honoured by every renderer.
    return centre + size * 0.358


def text_width(content: str, size: int = FONT_SIZE, *, bold: bool = False) -> float:
    """Estimate the rendered width of a line of text in Arial or Liberation Sans."""
    widths = _WIDTHS[bold]
    fallback = 611 if bold else 556
    return sum(widths.get(char, _WIDE.get(char, fallback)) for char in content) * size / 1000


def wrap(content: str, width: float, size: int = FONT_SIZE, *, bold: bool = False) -> list[str]:
    """Break text into lines no wider than `width`, between words.

    A single word wider than the line stays whole on a line of its own.
    """
    lines: list[str] = []
    current = ""
    for word in content.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold=bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    # A unit left alone on the last line ("%") reads better with the word before it.
    if len(lines) > 1 and len(lines[-1]) <= 2 and " " in lines[-2]:
        before, moved = lines[-2].rsplit(" ", 1)
        lines[-2:] = [before, f"{moved} {lines[-1]}"]
    return lines or [""]


def format_number(value: float | None, decimals: int = 1) -> str:
    """Write a number the UK way: 12,345.6 with a point and comma thousands separators."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    written = f"{value:,.{decimals}f}"
    if written.startswith("-") and not written.strip("-0.,"):
        written = written[1:]
    return written


def format_value(value: float | None, decimals: int = 1, unit: str = "") -> str:
    """Write a value for a chart label or table cell, with a % sign for percentages."""
    written = format_number(value, decimals)
    if value is not None and written != NO_DATA and unit.strip() == "%":
        return f"{written}%"
    return written


def nice_ticks(minimum: float, maximum: float, count: int = 5) -> list[float]:
    """Return about `count` round, evenly spaced ticks from at or below `minimum` to at or
    above `maximum`.

    Steps are 1, 2, 2.5 or 5 times a power of ten (Heckbert's "nice numbers", with 2.5
    added). Equal ends are widened by a tenth either side (0 becomes 0 to 1).
    """
    if not (math.isfinite(minimum) and math.isfinite(maximum)):
        raise ChartInputError("Axis limits must be finite numbers.")
    if count < 2:
        raise ChartInputError("An axis needs at least two ticks.")
    minimum, maximum = sorted((float(minimum), float(maximum)))
    if minimum == maximum:
        pad = abs(minimum) * 0.1 or 1.0
        minimum, maximum = (minimum - pad, maximum + pad) if minimum else (0.0, 1.0)
    raw_step = (maximum - minimum) / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(
        factor * magnitude for factor in (1, 2, 2.5, 5, 10) if factor * magnitude >= raw_step
    )
    first = math.floor(minimum / step + 1e-9)
    last = math.ceil(maximum / step - 1e-9)
    places = decimals_needed([step])
    return [_clean(round(index * step, places + 1)) for index in range(first, last + 1)]


def _clean(value: float) -> float:
    return 0.0 if value == 0 else value


def decimals_needed(values: Sequence[float]) -> int:
    """Return the fewest decimals (up to six) that write every value exactly."""
    for places in range(7):
        if all(abs(round(value, places) - value) < 1e-9 for value in values):
            return places
    return 6


def marker(comparison: str, x: float, y: float, *, radius: float = 6.0) -> str:
    """Return a marker whose colour and shape both say the comparison (WCAG 1.4.1).

    Better is a circle, similar a diamond, worse a square, higher an upward triangle,
    lower a downward one, not compared a ring; each has a dark outline so the light
    colours keep 3:1 contrast with white.
    """
    fill = COMPARISON_COLOURS[comparison]
    r = radius
    outline = {"stroke": TEXT, "stroke_width": 1}
    if comparison == "better":
        shape = tag("circle", cx=0, cy=0, r=float(r), fill=fill, **outline)
    elif comparison == "similar":
        d = r * 1.3
        shape = tag("path", d=_path([(0, -d), (d, 0), (0, d), (-d, 0)]), fill=fill, **outline)
    elif comparison == "worse":
        s = r * 0.9
        shape = tag("rect", x=-s, y=-s, width=2 * s, height=2 * s, fill=fill, **outline)
    elif comparison == "higher":
        shape = tag(
            "path", d=_path([(0, -1.35 * r), (1.2 * r, 0.85 * r), (-1.2 * r, 0.85 * r)]),
            fill=fill, **outline,
        )
    elif comparison == "lower":
        shape = tag(
            "path", d=_path([(0, 1.35 * r), (1.2 * r, -0.85 * r), (-1.2 * r, -0.85 * r)]),
            fill=fill, **outline,
        )
    else:
        shape = tag("circle", cx=0, cy=0, r=float(r), fill=fill, **outline) + tag(
            "circle", cx=0, cy=0, r=r * 0.4, fill="#ffffff", **outline
        )
    return tag(
        "g",
        shape,
        class_=f"trustboard-chart__marker trustboard-chart__marker--{comparison.replace(' ', '-')}",
        transform=f"translate({coordinate(x)} {coordinate(y)})",
    )


def _path(points: Sequence[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{coordinate(x)} {coordinate(y)}" for x, y in points) + " Z"


@dataclass(frozen=True)
class LegendItem:
    """A sample drawn in a 24 by 16 box whose centre is given, and its words."""

    draw: Callable[[float, float], str]
    label: str


def legend(items: Sequence[LegendItem], x: float, y: float, width: float) -> tuple[str, float]:
    """Lay legend items in rows across `width` from (`x`, `y`); return markup and height."""
    sample, gap, spacing, row = 24.0, 6.0, 20.0, 22.0
    parts: list[str] = []
    left, top = x, y
    for item in items:
        item_width = sample + gap + text_width(item.label, SMALL_FONT_SIZE)
        if left > x and left + item_width > x + width:
            left, top = x, top + row
        centre = top + row / 2
        parts.append(item.draw(left + sample / 2, centre))
        parts.append(text(item.label, left + sample + gap, baseline(centre, SMALL_FONT_SIZE),
                          size=SMALL_FONT_SIZE))
        left += item_width + spacing
    if not items:
        return "", 0.0
    return tag("g", "".join(parts), class_="trustboard-chart__legend"), top + row - y


def document(*, title: str, description: str, width: int, height: int, body: str) -> str:
    """Wrap a chart's drawing in an <svg> named by its <title> and described by its <desc>.

    The ids come from a hash of the content, so two different charts on one page never
    share one and the same chart always gives the same markup.
    """
    digest = hashlib.sha256(f"{title}\n{description}\n{body}".encode()).hexdigest()[:10]
    title_id, desc_id = f"chart-{digest}-title", f"chart-{digest}-desc"
    return tag(
        "svg",
        tag("title", escape(title), id=title_id)
        + tag("desc", escape(description), id=desc_id)
        + tag("rect", x=0, y=0, width=width, height=height, fill="#ffffff")
        + body,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        width="100%",
        preserveAspectRatio="xMinYMin meet",
        role="img",
        aria_labelledby=title_id,
        aria_describedby=desc_id,
        font_family=FONT_FAMILY,
        font_size=FONT_SIZE,
        fill=TEXT,
        class_="trustboard-chart",
    )
