"""Disclosure control: hide small counts, and any count that could be worked out from them.

Method: cell suppression as the Government Statistical Service and NHS England publish
small numbers (GSS, "Statistical disclosure control", and NHS England's "Anonymisation
standard for publishing health and social care data", ISB1523): a count below a threshold
is suppressed ("primary" suppression), and where a total is shown, enough other cells are
suppressed ("secondary" suppression) that no suppressed count can be recovered by
subtracting the shown cells from the total.

The rules, applied within each group of `keys` (one indicator, period and breakdown):

1. Primary: a count with 0 < count < threshold is suppressed. A count of 0 is shown (a
   true zero discloses no one) and a missing count is left as it is.
2. Secondary: for each area whose own row is present and not suppressed (the "parent"),
   look at the rows whose `parent_code` is that area (its "children"). With k suppressed
   children whose counts add up to S, a reader who knows the rules learns S (the shown
   total minus the shown children) and that each suppressed count is at least 1 (0 is
   never suppressed). The children are unprotected, and the smallest shown child with a
   count above 0 is suppressed too, while any of these holds:
   - k = 1: S is that child's count;
   - S = k: every suppressed count must be 1;
   - every suppressed child is a primary one and S = k x (threshold - 1): every
     suppressed count must be threshold - 1.
   One extra child is therefore not always enough (children of 1 and 1 under a shown
   total are both recovered), so the rule repeats until the children are protected.
3. Ties: where several shown children share that smallest count, all of them are
   suppressed together. Choosing one by its area code would let a reader who knows the
   rule tell which suppressed cell was the extra one, and from that narrow its count.
4. A child counted 0 is never chosen: suppressing it would show a 0 as suppressed, and a
   zero protects nothing once readers know zeros are always shown.
5. Where no shown child with a count above 0 is left to suppress, the parent's own
   figures are suppressed instead, so there is no total to subtract from; its own parent
   is then protected in the next round in the same way.

Every suppressed row carries the same note, whichever rule suppressed it: a different
note for the extra cells would tell a reader which cell was the small one.

The rules depend only on the counts, never on area codes, so swapping two different
suppressed counts gives the same visible result: a reader cannot tell them apart. The
property-based test in tests/performance/engine/test_disclosure.py plays a reader who
knows these rules: for every suppressed count it finds another filling of the suppressed
cells that gives exactly the same visible figures, so the count could have been another
number. A threshold of 2 cannot protect anything (every suppressed count would be 1).

Input columns: `area_code` and `count` (required); the `keys`, `parent_code`, `value`,
`lower95`, `upper95`, `lower998`, `upper998` and `value_note` when present (a missing
key column means "one group"; a missing `parent_code` means no secondary suppression).
A boolean `suppressed` column on input marks rows an earlier pass suppressed (another
grouping of the same figures, such as sexes within "Persons"): they stay suppressed.
Output: the same columns in the same order and row order, with `value`, the four limits
and `count` set to null where suppressed, `value_note` (added if missing) set to
`suppression_note(threshold)` there, and a boolean `suppressed` column. A `denominator`
is left as it is: a population is not a disclosure, and without the value or count it
gives no way back to the count.

Each area has one row in each group (a parent given twice is refused: its children could
not be told which total they add up to). `suppressed_flags` gives the flags alone, for a
caller that hides the figures itself.

Whole columns at once: each child is linked to its parent's row once, then each round is a
group-by and a join over the families still changing, and the number of rounds is the
depth of protection needed (two or three in practice).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from .checks import EngineInputError, check_columns

#: The columns `suppress_small_counts` groups by unless told otherwise.
DISCLOSURE_KEYS = ("indicator_id", "period", "breakdown")
#: The figures hidden on a suppressed row.
SUPPRESSED_COLUMNS = ("value", "lower95", "upper95", "lower998", "upper998", "count")

_ROW = "__disclosure_row"
_SUPPRESSED = "__disclosure_suppressed"
_SECONDARY = "__disclosure_secondary"
_PARENT = "__disclosure_parent"
_PARENT_SUPPRESSED = "__disclosure_parent_suppressed"
_PARENT_ROW = "__disclosure_parent_row"
_COUNT = "__disclosure_count"
_ALREADY = "__disclosure_already"


def suppression_note(threshold: int) -> str:
    """Return the value note a suppressed row carries, in plain English."""
    return (f"Suppressed to protect privacy: fewer than {threshold} events, or a figure "
            f"that would let a count under {threshold} be worked out")


def check_threshold(threshold: object, *, field: str = "threshold") -> int:
    """Return `threshold` as an integer of at least 1, or refuse it naming `field`."""
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise EngineInputError(f"must be a whole number of at least 1, not {threshold!r}",
                               field=field)
    if threshold < 1:
        raise EngineInputError(f"must be at least 1, not {threshold!r}", field=field)
    return threshold


def suppress_small_counts(frame: pl.DataFrame, *, threshold: int,
                          keys: Sequence[str] = DISCLOSURE_KEYS) -> pl.DataFrame:
    """Suppress counts under `threshold`, and whatever would let one be worked out.

    See the module docstring for the rules, the columns and the reasons. A threshold of
    1 suppresses nothing.
    """
    limit = check_threshold(threshold)
    hidden = suppressed_flags(frame, threshold=limit, keys=keys)
    columns = [column for column in frame.columns if column != "suppressed"]
    note = pl.lit(suppression_note(limit))
    updates = [pl.when(hidden).then(None).otherwise(pl.col(name)).alias(name)
               for name in SUPPRESSED_COLUMNS if name in columns]
    if "value_note" in columns:
        updates.append(pl.when(hidden).then(note).otherwise(pl.col("value_note"))
                       .alias("value_note"))
    else:
        updates.append(pl.when(hidden).then(note).otherwise(None).alias("value_note"))
        columns = [*columns, "value_note"]
    return frame.with_columns(*updates, hidden).select(*columns, "suppressed")


def suppressed_flags(frame: pl.DataFrame, *, threshold: int,
                     keys: Sequence[str] = DISCLOSURE_KEYS) -> pl.Series:
    """Return the boolean `suppressed` flag of each row of `frame` by the rules of
    `suppress_small_counts`, in row order, leaving the figures as they are (for a caller
    that hides them itself)."""
    limit = check_threshold(threshold)
    check_columns(frame, ["area_code", "count"], frame_name="frame")
    group = [key for key in keys if key in frame.columns]
    already = pl.lit(False)
    if "suppressed" in frame.columns:
        # Rows suppressed by an earlier pass (another grouping of the same figures) stay
        # suppressed, and count as extra cells: their counts may be large.
        already = pl.col("suppressed").fill_null(False)
    count = pl.col(_COUNT)
    small = ((count > 0) & (count < limit)).fill_null(False)
    parent = ["parent_code"] if "parent_code" in frame.columns else []
    work = (frame.select(*group, "area_code", *parent,
                         pl.col("count").cast(pl.Float64).alias(_COUNT), already.alias(_ALREADY))
            .with_row_index(_ROW)
            .with_columns((small | pl.col(_ALREADY)).alias(_SUPPRESSED),
                          (pl.col(_ALREADY) & ~small).alias(_SECONDARY)))
    if "parent_code" in frame.columns:
        work = _protect_totals(work, group=group, limit=limit)
    return work[_SUPPRESSED].alias("suppressed")


def _protect_totals(work: pl.DataFrame, *, group: list[str], limit: int) -> pl.DataFrame:
    """Apply the secondary rule (rules 2 to 5) round by round until no round suppresses
    more; return `work` with its suppressed flags brought up to date.

    Each child is linked to its parent's row once; a round then reads the flags through
    the links. The first round looks at every family (a parent and its children); each
    later one only at the families the round before it changed."""
    parents = work.select(*group, pl.col("area_code").alias(_PARENT),
                          pl.col(_ROW).alias(_PARENT_ROW))
    links = (work.filter(pl.col("parent_code").is_not_null())
             .select(*group, "parent_code", _ROW, _COUNT)
             .join(parents, left_on=[*group, "parent_code"], right_on=[*group, _PARENT],
                   how="inner", nulls_equal=True)
             .select(_ROW, _PARENT_ROW, _COUNT))
    if links[_ROW].is_duplicated().any():
        raise EngineInputError("a parent area appears twice in one group: each area has "
                               "one count in each group", field="area_code")
    suppressed, secondary = work[_SUPPRESSED], work[_SECONDARY]
    row_numbers = work[_ROW]
    active = links
    while not active.is_empty():
        extra = _secondary_round(active, suppressed=suppressed, secondary=secondary,
                                 limit=limit)
        if extra.is_empty():
            break
        chosen = row_numbers.is_in(extra.implode())
        suppressed, secondary = suppressed | chosen, secondary | chosen
        # A family changes when one of its children, or its parent, is suppressed; a
        # family whose parent is suppressed is done with (there is no total to protect).
        changed = links.filter(pl.col(_ROW).is_in(extra.implode()))[_PARENT_ROW]
        active = links.filter(pl.col(_PARENT_ROW).is_in(changed.implode()))
    return work.with_columns(suppressed.alias(_SUPPRESSED), secondary.alias(_SECONDARY))


def _secondary_round(links: pl.DataFrame, *, suppressed: pl.Series, secondary: pl.Series,
                     limit: int) -> pl.Series:
    """Return the row numbers one round of the secondary rule suppresses (maybe none).

    `links` holds each child's row, its parent's row and its count; `suppressed` and
    `secondary` are the flags of every row, by row number."""
    count = pl.col(_COUNT)
    hidden = pl.col(_SUPPRESSED)
    children = links.with_columns(
        suppressed.gather(links[_ROW]).alias(_SUPPRESSED),
        secondary.gather(links[_ROW]).alias(_SECONDARY),
        suppressed.gather(links[_PARENT_ROW]).alias(_PARENT_SUPPRESSED),
    ).filter(~pl.col(_PARENT_SUPPRESSED))
    if children.is_empty():
        return pl.Series(_ROW, [], dtype=pl.UInt32)
    shown_positive = ~hidden & (count > 0)
    families = children.group_by(_PARENT_ROW).agg(
        hidden.sum().alias("k"),
        count.filter(hidden).sum().alias("s"),
        pl.col(_SECONDARY).filter(hidden).any().alias("has_secondary"),
        count.filter(shown_positive).min().alias("smallest"),
    )
    k = pl.col("k")
    s = pl.col("s")
    unprotected = (k >= 1) & ((k == 1) | (s == k)
                              | (~pl.col("has_secondary") & (s == k * (limit - 1))))
    needing = families.filter(unprotected.fill_null(False))
    if needing.is_empty():
        return pl.Series(_ROW, [], dtype=pl.UInt32)
    chosen_children = (children.join(needing.filter(pl.col("smallest").is_not_null())
                                     .select(_PARENT_ROW, "smallest"),
                                     on=_PARENT_ROW, how="inner")
                       .filter(shown_positive & (count == pl.col("smallest")))
                       .get_column(_ROW))
    chosen_parents = (needing.filter(pl.col("smallest").is_null())
                      .get_column(_PARENT_ROW).alias(_ROW))
    return pl.concat([chosen_children, chosen_parents.cast(chosen_children.dtype)])
