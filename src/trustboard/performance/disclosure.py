"""Disclosure control for everything the public reads: the threshold setting and one frame step.

Every public page, download, feed and API response hides what `suppressed_point_ids`
names (with `hide_points`), each period judged whole over every area and breakdown, so no
two of them can disagree about a figure; officers and analysts signed in read the figures
as they are. The rules themselves live in the engine
(`trustboard.performance.engine.disclosure`); docs/disclosure-control.md explains them.
"""

from __future__ import annotations

from math import prod

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from .engine.disclosure import (
    SUPPRESSED_COLUMNS,
    suppressed_flags,
    suppression_note,
)
from .models import Breakdown, DataPoint

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
    narrowing it to the areas or breakdowns wanted. Three queries at most (the periods
    with a small count, their points, their breakdowns), and one when no count is small:
    only periods with a count under the threshold are read in full.
    """
    threshold = disclosure_threshold()
    pairs = set(points.filter(count__gt=0, count__lt=threshold)
                .values_list("indicator_id", "period_id").distinct())
    if not pairs:
        return set()
    indicators, periods = (set(column) for column in zip(*pairs, strict=True))
    rows = points.filter(indicator_id__in=indicators, period_id__in=periods).values_list(
        "id", "indicator_id", "period_id", "breakdown_id", "area_id", "area__parent_id",
        "count")
    frame = pl.DataFrame(list(rows), schema=SUPPRESSION_SCHEMA, orient="row")
    breakdowns = pl.DataFrame(
        list(Breakdown.objects.filter(pk__in=frame["breakdown"].unique().to_list())
             .values_list("pk", "sex", "age", "category_type", "category")),
        schema=BREAKDOWN_SCHEMA, orient="row")
    return suppressed_ids_in_frame(frame, breakdowns, threshold=threshold)


#: The columns `suppressed_ids_in_frame` reads, and their types: each point's id, its
#: indicator, period, breakdown, area and the area's parent, and its count.
SUPPRESSION_SCHEMA = {
    "id": pl.Int64, "indicator_id": pl.Int64, "period": pl.Int64, "breakdown": pl.Int64,
    "area": pl.Int64, "parent": pl.Int64, "count": pl.Float64}
#: The breakdowns it is told about: what each one is.
BREAKDOWN_SCHEMA = {"breakdown": pl.Int64, "sex": pl.String, "age": pl.String,
                    "category_type": pl.String, "category": pl.String}


def suppressed_ids_in_frame(frame: pl.DataFrame, breakdowns: pl.DataFrame, *,
                            threshold: int) -> set[int]:
    """Return the ids of the points in `frame` (the columns of SUPPRESSION_SCHEMA) the
    public must not see, by the rules of `suppressed_point_ids`, for a caller that has read
    the points already (the open data download reads each chunk once). `breakdowns` (the
    columns of BREAKDOWN_SCHEMA) describes every breakdown in `frame`. `frame` must hold
    every area and breakdown of each indicator's period it holds; only periods with a small
    count are worked on. Whole numbers throughout: they group and join faster than text."""
    small = (pl.col("count") > 0) & (pl.col("count") < threshold)
    wanted = frame.filter(small).select("indicator_id", "period").unique()
    if wanted.height == 0:
        return set()
    frame = (frame.select(list(SUPPRESSION_SCHEMA))
             .join(wanted, on=["indicator_id", "period"], how="semi")
             .with_row_index("__row")
             .with_columns(pl.lit(False).alias("suppressed")))
    # Each grouping as one whole number: grouping and joining by one column is about twice
    # as fast as by three.
    frame = frame.with_columns(
        _one_key(frame, ["indicator_id", "period"]).alias("__period"),
        _one_key(frame, ["indicator_id", "period", "breakdown"]).alias("__by_area"),
        _one_key(frame, ["indicator_id", "period", "area"]).alias("__by_breakdown"))
    families = _breakdown_families(breakdowns)
    # The two ways alternate until neither suppresses more. A period one way left as it was
    # needs no second look the other way, so after one pass of each over every period,
    # each pass looks only at the periods the pass before it changed.
    passes = 0
    active = frame
    while True:
        if passes % 2 == 0:
            by_area = suppressed_flags(
                active.select("__by_area", pl.col("area").alias("area_code"),
                              pl.col("parent").alias("parent_code"), "count", "suppressed"),
                threshold=threshold, keys=("__by_area",))
            newly = active.filter(by_area & ~active["suppressed"])["__row"]
        else:
            newly = _suppressed_by_breakdown(active, families, threshold=threshold)
        frame = frame.with_columns(pl.col("suppressed") | pl.col("__row").is_in(newly.implode()))
        passes += 1
        if newly.is_empty() and passes >= 2:
            break
        changed = frame.filter(pl.col("__row").is_in(newly.implode()))["__period"]
        active = frame if passes < 2 else frame.filter(
            pl.col("__period").is_in(changed.unique().implode()))
    return set(frame.filter(pl.col("suppressed"))["id"].to_list())


def _one_key(frame: pl.DataFrame, columns: list[str]) -> pl.Expr | pl.Series:
    """The whole-number `columns` of a non-empty `frame` as one number, the same for the
    same values: arithmetic where the numbers are small enough, otherwise a numbering of
    the distinct combinations."""
    sizes = [int(frame[column].max()) + 1 for column in columns]
    if min(int(frame[column].min()) for column in columns) >= 0 and prod(sizes) < 2**62:
        key = pl.lit(0, dtype=pl.Int64)
        for column, size in zip(columns, sizes, strict=True):
            key = key * size + pl.col(column)
        return key
    distinct = frame.select(columns).unique().with_row_index("__key")
    return frame.join(distinct, on=columns, how="left", maintain_order="left")["__key"]


def _breakdown_families(breakdowns: pl.DataFrame) -> list[pl.DataFrame]:
    """The families of breakdowns that add up to a total: the sexes within persons of the
    same age, and each category type's categories within the uncategorised figure of the
    same sex and age. Each is a small frame of the breakdowns in it (every uncategorised
    one, and the family's parts) with, for each part, the breakdown it adds up to."""
    by_key = {(sex, age, kind, category): breakdown for breakdown, sex, age, kind, category
              in breakdowns.select(list(BREAKDOWN_SCHEMA)).iter_rows()}
    totals = [(breakdown, None) for (_sex, _age, kind, category), breakdown in by_key.items()
              if not kind and not category]
    sexes = [(breakdown, by_key.get(("Persons", age, "", "")))
             for (sex, age, kind, category), breakdown in by_key.items()
             if sex in _SEXES and not kind and not category]
    families = [dict(totals) | dict(sexes)] if sexes else []
    for wanted in sorted({kind for (_sex, _age, kind, _category) in by_key if kind}):
        parts = [(breakdown, by_key.get((sex, age, "", "")))
                 for (sex, age, kind, _category), breakdown in by_key.items() if kind == wanted]
        families.append(dict(totals) | dict(parts))
    return [pl.DataFrame({"breakdown": list(family), "parent_breakdown": list(family.values())},
                         schema={"breakdown": pl.Int64, "parent_breakdown": pl.Int64})
            for family in families]


def _suppressed_by_breakdown(frame: pl.DataFrame, families: list[pl.DataFrame], *,
                             threshold: int) -> pl.Series:
    """One pass of the rules over breakdowns within their totals, area by area; return the
    `__row` of each row it newly suppresses."""
    newly = []
    for family in families:
        members = frame.join(family, on="breakdown", how="inner").select(
            "__row", "__by_breakdown", pl.col("breakdown").alias("area_code"),
            pl.col("parent_breakdown").alias("parent_code"), "count", "suppressed")
        if members.height == 0:
            continue
        flags = suppressed_flags(members, threshold=threshold, keys=("__by_breakdown",))
        newly.append(members.filter(flags & ~members["suppressed"])["__row"])
    return pl.concat(newly).unique() if newly else pl.Series("__row", [], dtype=pl.UInt32)


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
