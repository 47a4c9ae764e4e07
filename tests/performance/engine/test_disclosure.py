"""Tests for engine/disclosure.py: small counts hidden, and nothing recoverable by subtraction."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustboard.performance.engine import EngineInputError
from trustboard.performance.engine.disclosure import (
    suppress_small_counts,
    suppressed_flags,
    suppression_note,
)


def localities(counts, *, total=None, threshold=5, **extra):
    """A county (E10000024) with one locality per count, as one indicator, period, breakdown."""
    total = sum(counts) if total is None else total
    codes = ["E10000024", *(f"L{i:02}" for i in range(len(counts)))]
    frame = pl.DataFrame({
        "indicator_id": [1] * len(codes), "period": ["2023/24"] * len(codes),
        "breakdown": ["Persons"] * len(codes), "area_code": codes,
        "parent_code": ["E12000004", *(["E10000024"] * len(counts))],
        "count": [float(total), *map(float, counts)],
        "value": [float(c) * 10 for c in [total, *counts]],
        "lower95": [float(c) * 9 for c in [total, *counts]],
        "upper95": [float(c) * 11 for c in [total, *counts]],
        "value_note": [None] * len(codes), **extra,
    }, schema_overrides={"value_note": pl.String})
    return suppress_small_counts(frame, threshold=threshold)


def hidden(result):
    return dict(zip(result["area_code"], result["suppressed"], strict=True))


def test_a_count_under_the_threshold_is_suppressed_with_its_value_limits_and_a_note():
    result = localities([3, 7, 12, 40]).filter(pl.col("area_code") == "L00").row(0, named=True)

    assert result["suppressed"] is True
    assert (result["count"], result["value"], result["lower95"], result["upper95"]) == (
        None, None, None, None)
    assert result["value_note"] == suppression_note(5)
    assert "fewer than 5" in result["value_note"]


def test_a_single_suppressed_locality_under_a_shown_total_takes_the_next_smallest_with_it():
    # County 62 = 3 + 7 + 12 + 40: with 3 alone hidden, 62 - 7 - 12 - 40 would give it back.
    assert hidden(localities([3, 7, 12, 40])) == {
        "E10000024": False, "L00": True, "L01": True, "L02": False, "L03": False}


def test_zero_is_shown_and_never_chosen_to_protect_another_count():
    result = localities([0, 3, 0, 9, 30])

    assert hidden(result) == {"E10000024": False, "L00": False, "L01": True, "L02": False,
                              "L03": True, "L04": False}
    assert result.filter(pl.col("area_code") == "L00")["count"].to_list() == [0.0]


def test_a_missing_count_is_not_suppressed():
    frame = pl.DataFrame({"area_code": ["X"], "count": [None], "value": [1.5]},
                         schema_overrides={"count": pl.Float64})

    result = suppress_small_counts(frame, threshold=5).row(0, named=True)

    assert (result["suppressed"], result["value"]) == (False, 1.5)


def test_two_suppressed_ones_take_a_third_because_each_is_at_least_one():
    # Total 29 - 7 - 20 leaves 2 for two cells each at least 1: both would be 1.
    assert hidden(localities([1, 1, 7, 20])) == {
        "E10000024": False, "L00": True, "L01": True, "L02": True, "L03": False}


def test_three_suppressed_at_the_ceiling_take_another_because_each_is_at_most_four():
    # 4 + 4 + 4 under a shown total leaves 12 for three cells of at most 4: all 4.
    assert hidden(localities([4, 4, 4, 7, 30]))["L03"] is True


def test_two_different_small_counts_under_a_total_protect_each_other():
    assert hidden(localities([2, 3, 12, 40])) == {
        "E10000024": False, "L00": True, "L01": True, "L02": False, "L03": False}


def test_children_tied_at_the_next_smallest_count_are_suppressed_together():
    # Choosing one by its code would tell a reader which hidden cell was the small one.
    result = hidden(localities([3, 12, 12, 40]))

    assert (result["L01"], result["L02"], result["L03"]) == (True, True, False)


def test_the_total_is_suppressed_when_no_shown_locality_is_left_to_protect_the_small_one():
    assert hidden(localities([4, 4, 0]))["E10000024"] is True


def test_a_small_total_is_suppressed_and_its_localities_need_no_extra_protection():
    assert hidden(localities([1, 2, 0])) == {"E10000024": True, "L00": True, "L01": True,
                                              "L02": False}


def test_groups_are_protected_separately_by_indicator_period_and_breakdown():
    frame = pl.DataFrame({
        "indicator_id": [1, 1, 1, 2, 2, 2], "period": ["2023"] * 6, "breakdown": ["All"] * 6,
        "area_code": ["C", "A", "B"] * 2, "parent_code": [None, "C", "C"] * 2,
        "count": [43.0, 3.0, 40.0, 80.0, 40.0, 40.0]})

    result = suppress_small_counts(frame, threshold=5)

    assert result["suppressed"].to_list() == [False, True, True, False, False, False]


def test_the_output_keeps_the_input_columns_rows_and_order_and_adds_suppressed():
    frame = pl.DataFrame({"area_code": ["B", "A"], "count": [9, 2], "denominator": [90, 20]})

    result = suppress_small_counts(frame, threshold=5)

    assert result.columns == ["area_code", "count", "denominator", "value_note", "suppressed"]
    assert result["area_code"].to_list() == ["B", "A"]
    assert result["denominator"].to_list() == [90, 20]
    assert result["count"].to_list() == [9, None]


def test_a_threshold_of_one_suppresses_nothing():
    assert not localities([1, 2, 40], threshold=1)["suppressed"].any()


@pytest.mark.parametrize("threshold", [0, -3, 2.5, "5", True])
def test_a_threshold_that_is_not_a_whole_number_of_at_least_one_is_refused(threshold):
    with pytest.raises(EngineInputError, match="threshold"):
        suppress_small_counts(pl.DataFrame({"area_code": ["A"], "count": [1]}),
                              threshold=threshold)


def test_a_frame_without_counts_is_refused_naming_the_column():
    with pytest.raises(EngineInputError, match="count"):
        suppress_small_counts(pl.DataFrame({"area_code": ["A"]}), threshold=5)


def test_a_parent_area_given_twice_in_one_group_is_refused_naming_the_column():
    frame = pl.DataFrame({"area_code": ["E10000024", "E10000024", "L01"],
                          "parent_code": [None, None, "E10000024"], "count": [40.0, 41.0, 2.0]})

    with pytest.raises(EngineInputError, match="area_code"):
        suppress_small_counts(frame, threshold=5)


def test_the_flags_alone_match_the_suppressed_column():
    frame = pl.DataFrame({"area_code": ["E10000024", "L00", "L01", "L02", "L03"],
                          "parent_code": [None, *["E10000024"] * 4],
                          "count": [47.0, 1.0, 7.0, 9.0, 30.0]})

    assert suppressed_flags(frame, threshold=5).to_list() == suppress_small_counts(
        frame, threshold=5)["suppressed"].to_list() == [False, True, True, False, False]


# What the public can read, attacked: a hypothesis run builds localities of a county (counts
# of 0 to 50, many tiny), shows the county's total, applies the rules and then plays a reader
# who knows the rules, the threshold and that the localities add up to the county.

MULTIPLIER = 1000.0
small_or_any = st.one_of(st.integers(0, 6), st.integers(0, 50))


def _world(children, *, threshold, group=1):
    total = sum(children)
    counts = [total, *children]
    denominators = [400.0 + 37 * i for i in range(len(counts))]
    return pl.DataFrame({
        "indicator_id": [group] * len(counts), "period": ["2023/24"] * len(counts),
        "breakdown": ["Persons"] * len(counts),
        "area_code": ["C", *(f"L{i}" for i in range(len(children)))],
        "parent_code": ["R", *(["C"] * len(children))],
        "count": [float(c) for c in counts],
        "denominator": denominators,
        "value": [c / d * MULTIPLIER for c, d in zip(counts, denominators, strict=True)],
        "lower95": [c / d * MULTIPLIER * 0.9 for c, d in zip(counts, denominators, strict=True)],
        "upper95": [c / d * MULTIPLIER * 1.1 for c, d in zip(counts, denominators, strict=True)],
    })


def _visible(result):
    """What a reader sees of one group: each area's shown count, or None where suppressed."""
    rows = result.sort("area_code").select("area_code", "count", "suppressed").rows()
    return tuple((code, None if hidden else count) for code, count, hidden in rows)


def _alternatives(children, hidden_children, *, parent_hidden, threshold):
    """Other fillings of the suppressed cells that keep every shown figure as it is."""
    worlds = []
    for i in hidden_children:
        for j in hidden_children:
            if i == j:
                continue
            swapped = list(children)
            swapped[i], swapped[j] = children[j], children[i]
            worlds.append(swapped)
            for step in (1, 2, 3):
                moved = list(children)
                moved[i], moved[j] = children[i] - step, children[j] + step
                worlds.append(moved)
        if parent_hidden:  # the total is hidden too, so one cell may change alone
            for step in (-3, -2, -1, 1, 2, 3):
                moved = list(children)
                moved[i] = children[i] + step
                worlds.append(moved)
    if parent_hidden:
        for level in range(1, threshold + 1):
            worlds.append([level if k in hidden_children else c for k, c in enumerate(children)])
    return [world for world in worlds if min(world) >= 0 and world != list(children)]


@settings(max_examples=60, deadline=None)
@given(children=st.lists(small_or_any, min_size=1, max_size=5),
       threshold=st.sampled_from([3, 5, 10]))
def test_no_suppressed_count_can_be_recovered_from_what_the_public_reads(children, threshold):
    result = suppress_small_counts(_world(children, threshold=threshold), threshold=threshold)
    rows = result.rows(named=True)
    parent, locality_rows = rows[0], rows[1:]
    hidden_children = [i for i, row in enumerate(locality_rows) if row["suppressed"]]

    # Nothing of a suppressed row gives its count back: value x denominator / multiplier.
    for row in rows:
        if row["suppressed"]:
            assert (row["count"], row["value"], row["lower95"], row["upper95"]) == (
                None, None, None, None)
    # Subtraction: the shown total minus the shown localities never isolates one cell.
    if not parent["suppressed"]:
        assert len(hidden_children) != 1
    # A reader who knows the rules: every suppressed count could have been another number,
    # shown by a different filling of the suppressed cells giving exactly the same page.
    candidates = _alternatives(children, hidden_children, parent_hidden=parent["suppressed"],
                               threshold=threshold)
    seen = _visible(result)
    frames = [_world(world, threshold=threshold, group=n) for n, world in enumerate(candidates)]
    consistent = []
    if frames:
        tried = suppress_small_counts(pl.concat(frames), threshold=threshold)
        pages = tried.partition_by("indicator_id", as_dict=True, maintain_order=True)
        consistent = [world for n, world in enumerate(candidates)
                      if _visible(pages[(n,)]) == seen]
    truth = [children[i] for i in hidden_children]
    if parent["suppressed"]:
        truth.append(sum(children))
    for position, value in enumerate(truth):
        others = {(world[hidden_children[position]] if position < len(hidden_children)
                   else sum(world)) for world in consistent}
        assert others - {value}, (
            f"suppressed cell {position} ({value}) of {children} is recoverable")


def test_rows_an_earlier_pass_suppressed_stay_suppressed_and_protect_as_extra_cells():
    frame = pl.DataFrame({"area_code": ["C", "A", "B", "D"], "parent_code": [None, "C", "C", "C"],
                          "count": [75.0, 3.0, 40.0, 32.0],
                          "suppressed": [False, False, True, False]})

    result = suppress_small_counts(frame, threshold=5)

    # 3 is small and 40 already hidden: two hidden cells, not all 1s, so 32 stays shown.
    assert result["suppressed"].to_list() == [False, True, True, False]
    assert result["count"].to_list() == [75.0, None, None, 32.0]
