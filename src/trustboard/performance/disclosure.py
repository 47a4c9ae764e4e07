"""Disclosure control for everything the public reads: the threshold setting and one frame step.

Every public page, download, feed and API response passes data points through
`public_points_frame` (or a helper built on it); officers and analysts signed in read the
figures as they are. The rules themselves live in the engine
(`trustboard.performance.engine.disclosure`); docs/disclosure-control.md explains them.
"""

from __future__ import annotations

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from .engine.disclosure import (
    DISCLOSURE_KEYS,
    SUPPRESSED_COLUMNS,
    suppress_small_counts,
    suppression_note,
)
from .models import DataPoint

SETTING = "TRUSTBOARD_DISCLOSURE_THRESHOLD"
DEFAULT_THRESHOLD = 5


def disclosure_threshold() -> int:
    """Return the setting's threshold: counts under it are suppressed for the public.

    The setting (and the environment variable of the same name) must be a whole number of
    at least 1; anything else stops with an error naming it rather than publishing counts
    under a threshold nobody chose.
    """
    raw = getattr(settings, SETTING, DEFAULT_THRESHOLD)
    text = str(raw).strip()
    if isinstance(raw, bool) or not text.isdigit() or int(text) < 1:
        raise ImproperlyConfigured(
            f"{SETTING} must be a whole number of at least 1 (counts under it are hidden "
            f"from the public), not {raw!r}.")
    return int(text)


def public_points_frame(frame: pl.DataFrame, *,
                        keys: tuple[str, ...] = DISCLOSURE_KEYS) -> pl.DataFrame:
    """Return `frame` as the public may read it: small counts suppressed, with a note why.

    `frame` has the columns `suppress_small_counts` reads (`area_code`, `parent_code`,
    `count`, the value, its limits and `value_note`, grouped by `keys`).
    """
    return suppress_small_counts(frame, threshold=disclosure_threshold(), keys=keys)


def public_note() -> str:
    """Return the note a suppressed figure carries at the current threshold."""
    return suppression_note(disclosure_threshold())


_GROUP_FIELDS = ("indicator_id", "period_id", "breakdown_id")


def suppressed_point_ids(points: QuerySet[DataPoint]) -> set[int]:
    """Return the ids of the data points among `points` the public must not see.

    Each group (an indicator's period and breakdown) is judged whole, over every area in
    `points` and not only those a page shows, so two pages can never disagree about a
    figure and be subtracted one from the other: pass `points` before narrowing it to the
    areas wanted. Two queries at most, and one when no count is small: only groups with a
    count under the threshold are read in full.
    """
    threshold = disclosure_threshold()
    groups = set(points.filter(count__gt=0, count__lt=threshold)
                 .values_list(*_GROUP_FIELDS).distinct())
    if not groups:
        return set()
    indicators, periods, breakdowns = (set(column) for column in zip(*groups, strict=True))
    rows = points.filter(indicator_id__in=indicators, period_id__in=periods,
                         breakdown_id__in=breakdowns).values_list(
        "id", *_GROUP_FIELDS, "area__code", "area__parent__code", "count")
    schema = {"id": pl.Int64, "indicator_id": pl.Int64, "period": pl.Int64,
              "breakdown": pl.Int64, "area_code": pl.String, "parent_code": pl.String,
              "count": pl.Float64}
    wanted = pl.DataFrame(sorted(groups), schema=["indicator_id", "period", "breakdown"],
                          orient="row").cast(pl.Int64)
    frame = pl.DataFrame(list(rows), schema=schema, orient="row").join(
        wanted, on=["indicator_id", "period", "breakdown"], how="semi")
    result = suppress_small_counts(frame, threshold=threshold)
    return set(result.filter(pl.col("suppressed"))["id"].to_list())


def hide_points(frame: pl.DataFrame, ids: set[int], *, id_column: str = "point_id"
                ) -> pl.DataFrame:
    """Return `frame` with the rows whose `id_column` is in `ids` suppressed as the public
    reads them (value, limits and count null, the note in `value_note`), and a boolean
    `suppressed` column."""
    hidden = pl.col(id_column).is_in(pl.Series(sorted(ids), dtype=pl.Int64).implode())
    updates = [pl.when(hidden).then(None).otherwise(pl.col(name)).alias(name)
               for name in SUPPRESSED_COLUMNS if name in frame.columns]
    if "value_note" in frame.columns:
        updates.append(pl.when(hidden).then(pl.lit(public_note()))
                       .otherwise(pl.col("value_note")).alias("value_note"))
    return frame.with_columns(*updates, hidden.alias("suppressed"))
