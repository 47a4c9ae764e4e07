"""What a chart is made from and what it gives back: plain dataclasses, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from trustboard.core.errors import TrustboardError

#: Outcome of comparing a value's interval with a benchmark (Fingertips' words, as the
#: engine's `COMPARISON` enum).
Comparison = Literal["better", "similar", "worse", "higher", "lower", "not compared"]
COMPARISONS: tuple[str, ...] = ("better", "similar", "worse", "higher", "lower", "not compared")

#: How a trend series is drawn: the area (markers and intervals), the benchmark (England)
#: or another comparator (the statistical neighbours' average).
SeriesRole = Literal["area", "benchmark", "comparator"]


class ChartInputError(TrustboardError, ValueError):
    """Figures a chart cannot be drawn from, such as series of the wrong length."""


@dataclass(frozen=True)
class Table:
    """The accessible data table shown beside a chart; the first cell of a row heads it."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """An inline-able SVG with its title, alternative text and data table.

    `width` and `height` are the SVG's viewBox, so a document can keep its proportions.
    """

    title: str
    svg: str
    table: Table
    alt: str
    width: int
    height: int

    def __html__(self) -> str:
        # The SVG is built with every text and attribute escaped, so templates may
        # insert it as it is.
        return self.svg


@dataclass(frozen=True)
class Series:
    """One line of a trend chart: a value per period, None where there is none.

    `lower` and `upper` are the 95% confidence limits; `comparisons` the outcome per
    period against the benchmark series. Both are drawn for the area series only.
    """

    name: str
    values: Sequence[float | None]
    role: SeriesRole = "area"
    lower: Sequence[float | None] | None = None
    upper: Sequence[float | None] | None = None
    comparisons: Sequence[str | None] | None = None


@dataclass(frozen=True)
class Bar:
    """One area in a comparison chart, with its 95% confidence limits."""

    name: str
    value: float | None
    lower: float | None = None
    upper: float | None = None
    comparison: str | None = None
    is_area: bool = False


@dataclass(frozen=True)
class SpineRow:
    """One indicator of a spine chart: the area, England, and the spread of local authorities.

    `lowest`, `lower_quartile`, `upper_quartile` and `highest` are values, not ranks; the
    chart turns them round for a lower-is-better indicator so better is always on the right.
    """

    name: str
    area_value: float | None
    england_value: float | None
    lowest: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    highest: float | None
    lower_is_better: bool | None
    period: str = ""
    unit: str = ""
    area_lower: float | None = None
    area_upper: float | None = None
    comparison: str | None = None
    decimals: int = 1


def compare(
    value: float | None,
    lower: float | None,
    upper: float | None,
    benchmark: float | None,
    lower_is_better: bool | None,
) -> Comparison:
    """Compare an interval with a benchmark value as Fingertips does.

    The same rule as the engine's `compare_with_benchmark`, for a chart given figures
    without their comparison: an interval wholly above the benchmark is higher, wholly
    below is lower, touching or overlapping is similar; polarity turns higher and lower
    into better or worse. Any missing figure gives "not compared".
    """
    if value is None or lower is None or upper is None or benchmark is None:
        return "not compared"
    if lower > benchmark:
        direction = "higher"
    elif upper < benchmark:
        direction = "lower"
    else:
        return "similar"
    if lower_is_better is None:
        return direction
    if (direction == "lower") == lower_is_better:
        return "better"
    return "worse"


def check_comparison(comparison: str | None) -> str:
    """Return a known comparison word, or refuse an unknown one."""
    if comparison is None:
        return "not compared"
    word = comparison.strip().lower()
    if word not in COMPARISONS:
        raise ChartInputError(
            f"Unknown comparison '{comparison}': use one of {', '.join(COMPARISONS)}."
        )
    return word
