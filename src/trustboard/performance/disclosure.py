"""Disclosure control for everything the public reads: the threshold setting and one frame step.

Every public page, download, feed and API response hides what `suppressed_point_ids`
names (with `hide_points`), each period judged whole over every area and breakdown, so no
two of them can disagree about a figure; officers and analysts signed in read the figures
as they are. The rules themselves live in the engine
(`trustboard.performance.engine.disclosure`); docs/disclosure-control.md explains them.
"""

from __future__ import annotations

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from .engine.disclosure import (
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


def public_note() -> str:
    """Return the note a suppressed figure carries at the current threshold."""
    return suppression_note(disclosure_threshold())


_SEXES = ("Male", "Female")


def suppressed_point_ids(points: QuerySet[DataPoint]) -> set[int]:
    """Return the ids of the data points among `points` the public must not see.

    Figures add up two ways: areas within their parent area (districts within the county,
    authorities within their region), and breakdowns within their total (males and females
    within persons; each category type's categories within the uncategorised figure). Each
    indicator's period is judged whole, over every area and breakdown in `points`, one way
    and then the other until neither suppresses more, so two pages or files can never
    disagree about a figure and be subtracted one from the other: pass `points` before
    narrowing it to the areas or breakdowns wanted. Two queries at most, and one when no
    count is small: only periods with a count under the threshold are read in full.
    """
    threshold = disclosure_threshold()
    pairs = set(points.filter(count__gt=0, count__lt=threshold)
                .values_list("indicator_id", "period_id").distinct())
    if not pairs:
        return set()
    indicators, periods = (set(column) for column in zip(*pairs, strict=True))
    rows = points.filter(indicator_id__in=indicators, period_id__in=periods).values_list(
        "id", "indicator_id", "period_id", "breakdown_id", "breakdown__sex", "breakdown__age",
        "breakdown__category_type", "breakdown__category", "area__code",
        "area__parent__code", "count")
    schema = {"id": pl.Int64, "indicator_id": pl.Int64, "period": pl.Int64,
              "breakdown": pl.Int64, "sex": pl.String, "age": pl.String,
              "category_type": pl.String, "category": pl.String, "area_code": pl.String,
              "parent_code": pl.String, "count": pl.Float64}
    wanted = pl.DataFrame(sorted(pairs), schema=["indicator_id", "period"],
                          orient="row").cast(pl.Int64)
    frame = (pl.DataFrame(list(rows), schema=schema, orient="row")
             .join(wanted, on=["indicator_id", "period"], how="semi")
             .with_columns(pl.lit(False).alias("suppressed")))
    while True:
        before = int(frame["suppressed"].sum())
        by_area = suppress_small_counts(
            frame.select("id", "indicator_id", "period", "breakdown", "area_code",
                         "parent_code", "count", "suppressed"), threshold=threshold)
        frame = frame.with_columns(by_area["suppressed"])
        frame = frame.with_columns(_suppressed_by_breakdown(frame, threshold=threshold))
        if int(frame["suppressed"].sum()) == before:
            break
    return set(frame.filter(pl.col("suppressed"))["id"].to_list())


def _suppressed_by_breakdown(frame: pl.DataFrame, *, threshold: int) -> pl.Series:
    """One pass of the rules over breakdowns within their totals, area by area: the sexes
    within persons of the same age, and each category type's categories within the
    uncategorised figure of the same sex and age."""
    key = pl.concat_str(["sex", "age", "category_type", "category"], separator="\x1f")
    total = pl.concat_str([pl.col("sex"), pl.col("age"), pl.lit(""), pl.lit("")],
                          separator="\x1f")
    persons = pl.concat_str([pl.lit("Persons"), pl.col("age"), pl.lit(""), pl.lit("")],
                            separator="\x1f")
    uncategorised = (pl.col("category_type") == "") & (pl.col("category") == "")
    families = [(pl.col("sex").is_in(list(_SEXES)) & uncategorised, persons)]
    families += [(pl.col("category_type") == kind, total)
                 for kind in frame["category_type"].unique().to_list() if kind]
    suppressed = frame["suppressed"]
    rows = frame.with_row_index("__row")
    for is_child, parent in families:
        family = rows.filter(is_child | uncategorised).select(
            "__row", "indicator_id", "period", pl.col("area_code").alias("area"),
            key.alias("area_code"),
            pl.when(is_child).then(parent).otherwise(None).alias("parent_code"),
            "count", "suppressed")
        if family.height == 0:
            continue
        result = suppress_small_counts(family, threshold=threshold,
                                       keys=("indicator_id", "period", "area"))
        hidden = result.filter(pl.col("suppressed"))["__row"].cast(pl.Int64)
        suppressed = suppressed | pl.Series(range(frame.height), dtype=pl.Int64).is_in(
            hidden.implode())
    return suppressed.alias("suppressed")


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
