"""Argument checks shared by every engine function, so each rule is written once.

The engine is meant to stand alone (no Django, no Trustboard imports), so it raises its
own `EngineInputError`, a `ValueError` that names the argument or column at fault. The
application layer turns it into a `TrustboardError` where a person needs to see it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

FloatArray = npt.NDArray[np.float64]


class EngineInputError(ValueError):
    """An engine argument that cannot be used; `field` names the argument or column."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def check_confidence(confidence: float, *, field: str = "confidence") -> float:
    """Return `confidence` as a float strictly between 0 and 1, or refuse it.

    Levels are fractions (0.95, 0.998), not percentages: 95 is refused rather than
    guessed at, so a slip cannot silently produce a 0.95% interval.
    """
    level = _as_finite_float(confidence, field=field)
    if not 0.0 < level < 1.0:
        raise EngineInputError(
            f"must be a fraction between 0 and 1 (such as 0.95), not {confidence!r}",
            field=field,
        )
    return level


def check_positive(number: float, *, field: str) -> float:
    """Return `number` as a float greater than zero (a multiplier, say), or refuse it."""
    value = _as_finite_float(number, field=field)
    if value <= 0.0:
        raise EngineInputError(f"must be greater than zero, not {number!r}", field=field)
    return value


def check_columns(frame: pl.DataFrame, required: Iterable[str], *, frame_name: str) -> None:
    """Refuse `frame` unless it has every column in `required`, naming those missing."""
    if not isinstance(frame, pl.DataFrame):
        raise EngineInputError(
            f"must be a Polars DataFrame, not {type(frame).__name__}", field=frame_name
        )
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise EngineInputError(
            f"is missing the column(s) {', '.join(missing)}", field=frame_name
        )


def check_choices(
    values: pl.Series, allowed: Sequence[str], *, field: str, allow_null: bool = False
) -> None:
    """Refuse `values` if any is outside `allowed` (or null when nulls are not allowed)."""
    nulls = values.null_count()
    if nulls and not allow_null:
        raise EngineInputError(f"has {nulls} empty value(s)", field=field)
    present = values.drop_nulls().unique()
    unexpected = present.filter(~present.is_in(list(allowed)))
    if len(unexpected):
        shown = ", ".join(repr(v) for v in unexpected.sort().head(5).to_list())
        raise EngineInputError(
            f"has value(s) {shown}; expected one of {', '.join(allowed)}", field=field
        )


def check_unique(frame: pl.DataFrame, keys: Sequence[str], *, frame_name: str) -> None:
    """Refuse `frame` if two rows share the same `keys`, showing the first such key."""
    duplicated = frame.select(keys).is_duplicated()
    if duplicated.any():
        first = frame.filter(duplicated).select(keys).row(0)
        shown = ", ".join(f"{key}={value!r}" for key, value in zip(keys, first, strict=True))
        raise EngineInputError(f"has more than one row for {shown}", field=frame_name)


def check_known(values: pl.Series, known: pl.Series, *, field: str, known_in: str) -> None:
    """Refuse `values` if any (non-null) value does not appear in `known`."""
    present = values.drop_nulls().unique().cast(pl.String)
    unknown = present.filter(~present.is_in(known.drop_nulls().cast(pl.String).implode()))
    if len(unknown):
        shown = ", ".join(repr(v) for v in unknown.sort().head(5).to_list())
        raise EngineInputError(f"has value(s) not found in {known_in}: {shown}", field=field)


def as_float_array(values: Any, *, field: str) -> FloatArray:
    """Return `values` (a number, sequence, NumPy array or Polars Series) as float64.

    Missing values (None, null, NaN) become NaN so that they flow through the arithmetic
    and come out as NaN, the engine's "cannot be calculated".
    """
    if isinstance(values, pl.Series):
        if not values.dtype.is_numeric() and values.dtype != pl.Null:
            raise EngineInputError(f"must be numeric, not {values.dtype}", field=field)
        # Filling in Polars first lets to_numpy share the buffer instead of copying.
        return values.cast(pl.Float64).fill_null(float("nan")).to_numpy()
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise EngineInputError(f"must be numeric ({error})", field=field) from error
    return array


def _as_finite_float(number: Any, *, field: str) -> float:
    try:
        value = float(number)
    except (TypeError, ValueError) as error:
        raise EngineInputError(f"must be a number, not {number!r}", field=field) from error
    if not np.isfinite(value):
        raise EngineInputError(f"must be a finite number, not {number!r}", field=field)
    return value
