"""Tests for engine/intervals.py: each expected figure names where it was published."""

import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.published_data import FINGERTIPS_90284
from trustboard.performance.engine.checks import EngineInputError
from trustboard.performance.engine.intervals import (
    byars_limits,
    dsr_ci,
    dsr_ci_by_group,
    exact_poisson_limits,
    mean_ci,
    poisson_limits,
    proportion_ci,
    rate_ci,
)

INJURIES = FINGERTIPS_90284


def significant(value: float, figures: int = 4) -> float:
    return float(f"{value:.{figures - 1}e}")


# --- proportions: Wilson score ------------------------------------------------------------

# Newcombe RG (1998) "Two-sided confidence intervals for the single proportion: comparison
# of seven methods", Stat Med 17:857-872, Table I, method 3 (Wilson score, 95%).
NEWCOMBE_1998 = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("count", "denominator", "lower", "upper"), NEWCOMBE_1998)
def test_proportion_ci_matches_newcombe_1998_wilson_intervals(count, denominator, lower, upper):
    interval = proportion_ci(count, denominator, multiplier=1)

    assert round(interval.lower, 4) == lower
    assert round(interval.upper, 4) == upper


def test_proportion_ci_works_on_arrays_and_series_alike():
    counts = [81, 15, 0, 1]
    denominators = [263, 148, 20, 29]

    from_lists = proportion_ci(counts, denominators, multiplier=1)
    from_series = proportion_ci(pl.Series(counts), pl.Series(denominators), multiplier=1)

    np.testing.assert_array_equal(from_lists.lower, from_series.lower)
    assert [round(x, 4) for x in from_lists.upper] == [row[3] for row in NEWCOMBE_1998]


def test_proportion_ci_gives_floats_for_scalars():
    interval = proportion_ci(81, 263)

    assert all(isinstance(part, float) for part in interval)
    assert interval.value == pytest.approx(100 * 81 / 263)


def test_proportion_ci_zero_count_has_lower_limit_zero():
    assert proportion_ci(0, 20).lower == 0.0


def test_proportion_ci_count_equal_to_denominator_has_upper_limit_the_multiplier():
    interval = proportion_ci(29, 29, multiplier=100)

    assert interval.upper == 100.0
    assert interval.value == 100.0


@pytest.mark.parametrize(("count", "denominator"), [(30, 29), (-1, 5), (3, 0), (3, -4),
                                                    (None, 5), (3, None), (np.nan, 5)])
def test_proportion_ci_gives_nan_when_no_proportion_can_be_calculated(count, denominator):
    interval = proportion_ci(np.array([count], dtype=float), np.array([denominator],
                                                                       dtype=float))

    assert np.isnan(interval.value).all()
    assert np.isnan(interval.lower).all()
    assert np.isnan(interval.upper).all()


def test_proportion_ci_reads_nulls_in_a_series_as_missing():
    interval = proportion_ci(pl.Series([5, None]), pl.Series([10, 10]))

    assert not np.isnan(interval.value[0])
    assert np.isnan(interval.value[1])


@pytest.mark.parametrize("confidence", [95, 0, 1, -0.5, float("nan"), "high"])
def test_intervals_refuse_a_confidence_that_is_not_a_fraction(confidence):
    with pytest.raises(EngineInputError) as error:
        proportion_ci(5, 10, confidence=confidence)

    assert error.value.field == "confidence"


def test_intervals_refuse_a_multiplier_of_zero():
    with pytest.raises(EngineInputError) as error:
        rate_ci(5, 10, multiplier=0)

    assert error.value.field == "multiplier"


# --- rates: Byar's and exact Poisson ------------------------------------------------------

# Exact 95% limits for a Poisson count (Garwood 1936, "Fiducial limits for the Poisson
# distribution", Biometrika 28:437-442), as tabulated in standard statistical tables.
GARWOOD_1936 = [(0, 0.0, 3.689), (1, 0.02532, 5.572), (5, 1.623, 11.67), (9, 4.115, 17.08)]


@pytest.mark.parametrize(("count", "lower", "upper"), GARWOOD_1936)
def test_exact_poisson_limits_match_the_tabulated_exact_limits(count, lower, upper):
    found_lower, found_upper = exact_poisson_limits(count)

    assert significant(found_lower) == lower
    assert significant(found_upper) == upper


def test_poisson_limits_switch_from_exact_to_byars_at_ten():
    exact_lower, _ = exact_poisson_limits([9, 10])
    byars_lower, _ = byars_limits([9, 10])
    lower, _ = poisson_limits([9, 10])

    assert lower[0] == exact_lower[0]
    assert lower[1] == byars_lower[1]


def test_rate_ci_zero_count_gives_rate_zero_and_lower_limit_zero():
    interval = rate_ci(0, 1000, multiplier=1000)

    assert interval.value == 0.0
    assert interval.lower == 0.0
    assert significant(interval.upper) == 3.689  # Garwood's exact upper limit for 0


@pytest.mark.parametrize(("count", "denominator"), [(-1, 100), (5, 0), (5, -1), (None, 100)])
def test_rate_ci_gives_nan_when_no_rate_can_be_calculated(count, denominator):
    interval = rate_ci(np.array([count], dtype=float), np.array([denominator], dtype=float))

    assert np.isnan(interval.value).all() and np.isnan(interval.lower).all()


def _published(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema_length=0)


def _decimals(column: pl.Series) -> np.ndarray:
    """How many decimal places each published figure was given to."""
    return column.str.split(".").list.get(1, null_on_oob=True).str.len_chars().fill_null(0) \
        .to_numpy().astype(np.int64)


def _agrees_to_published_rounding(ours: np.ndarray, published: pl.Series) -> np.ndarray:
    """True where our figure rounds to the published one (or, for figures published to
    full double precision, agrees to nine significant figures); False where none is given."""
    given = published.is_not_null().to_numpy()
    figures = published.cast(pl.Float64).to_numpy()
    half_unit = 0.5 * 10.0 ** -_decimals(published).astype(np.float64)
    tolerance = np.maximum(half_unit * 1.02, 1e-9 * np.abs(figures))
    return given & (np.abs(ours - figures) <= tolerance)


def _limits_columns(confidence: float) -> tuple[str, str]:
    level = "95.0" if confidence == 0.95 else "99.8"
    return f"Lower CI {level} limit", f"Upper CI {level} limit"


def _injury_rows() -> pl.DataFrame:
    rows = _published(INJURIES).filter(
        pl.col("Count").is_not_null() & pl.col("Denominator").is_not_null()
    )
    assert rows.height == 6787
    return rows


def test_rate_ci_reproduces_published_fingertips_limits_where_counts_are_unrounded():
    # OHID Fingertips indicator 90284 (hospital admissions for injuries, children 0-14, crude
    # rate per 10,000), Counties & UAs export. Counts for 2010/11 and 2011/12 (persons only:
    # 145 authorities and England, which the export lists twice) are published as counted;
    # later years' counts are rounded to the nearest 5 (see the next test).
    rows = _injury_rows().filter(pl.col("Time period").is_in(["2010/11", "2011/12"]))
    count = rows["Count"].cast(pl.Float64).to_numpy()
    denominator = rows["Denominator"].cast(pl.Float64).to_numpy()
    assert rows.height == 294

    assert rows["Lower CI 95.0 limit"].null_count() == 0  # (no 99.8% limits those years)

    for confidence in (0.95, 0.998):
        lower_column, upper_column = _limits_columns(confidence)
        interval = rate_ci(count, denominator, confidence=confidence, multiplier=10_000)
        published = rows[lower_column].is_not_null().to_numpy()
        assert _agrees_to_published_rounding(interval.lower, rows[lower_column])[published].all()
        assert _agrees_to_published_rounding(interval.upper, rows[upper_column])[published].all()
    assert _agrees_to_published_rounding(
        rate_ci(count, denominator, multiplier=10_000).value, rows["Value"]).all()


def test_rate_ci_reproduces_every_published_fingertips_limit_given_counts_rounded_to_fives():
    # From 2012/13 the export rounds each count to the nearest 5 (HES small-number rules)
    # while its limits were computed from the true count. So for every row with a count and
    # a denominator, one whole count within 2 of the published one must give all four
    # published limits (95% and 99.8%) to their published rounding.
    rows = _injury_rows()
    published_count = rows["Count"].cast(pl.Float64).to_numpy()
    denominator = rows["Denominator"].cast(pl.Float64).to_numpy()
    reproduced = np.zeros(rows.height, dtype=bool)
    for offset in (-2, -1, 0, 1, 2):
        count = published_count + offset
        agrees = np.ones(rows.height, dtype=bool)
        for confidence in (0.95, 0.998):
            lower_column, upper_column = _limits_columns(confidence)
            interval = rate_ci(count, denominator, confidence=confidence, multiplier=10_000)
            for ours, column in ((interval.lower, lower_column), (interval.upper, upper_column)):
                given_limit = rows[column].is_not_null().to_numpy()
                agrees &= ~given_limit | _agrees_to_published_rounding(ours, rows[column])
        reproduced |= agrees
    later_authority_rows = (
        rows["Area Type"].str.starts_with("Counties")
        & ~rows["Time period"].is_in(["2010/11", "2011/12"])
    ).to_numpy()

    assert reproduced.all()
    assert (published_count[later_authority_rows] % 5 == 0).all()
    assert rows["Lower CI 99.8 limit"].is_not_null().sum() > 6000


# --- means: Student's t -------------------------------------------------------------------


def test_mean_ci_matches_the_nist_handbook_example():
    # NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.5.2 "Confidence limits for the
    # mean", data set ZARR13.DAT: N = 195, mean 9.261460, sd 0.022789, 95% limits
    # 9.258242 and 9.264679.
    interval = mean_ci(9.261460, 0.022789, 195)

    assert significant(interval.lower, 6) == significant(9.258242, 6)
    assert significant(interval.upper, 6) == significant(9.264679, 6)


@pytest.mark.parametrize(("sd", "n"), [(1.0, 1), (-1.0, 10), (np.nan, 10), (1.0, np.nan)])
def test_mean_ci_gives_nan_limits_without_two_observations_and_a_spread(sd, n):
    interval = mean_ci(np.array([5.0]), np.array([sd]), np.array([n]))

    assert np.isnan(interval.lower).all() and np.isnan(interval.upper).all()


def test_mean_ci_with_no_spread_has_limits_at_the_mean():
    interval = mean_ci(5.0, 0.0, 10)

    assert interval.lower == interval.value == interval.upper == 5.0


# --- directly standardised rates: Dobson ----------------------------------------------------

# Down's syndrome births to mothers with 5 or more children, Michigan 1950-64, by maternal
# age (Stark and Mantel 1966), as printed in Fleiss (1981) Table 14.4 and used by Fay and
# Feuer (1997); standard population: all births in each age group. Published DSR 75.53 per
# 100,000 (Fay and Feuer 1997; also the dsrTest package's example, 75.52901).
DOWNS_CASES = np.array([0, 8, 63, 112, 262, 295])
DOWNS_BIRTHS = np.array([327, 30666, 123419, 149919, 104088, 34392])
ALL_BIRTHS = np.array([319933, 931318, 786511, 488235, 237863, 61313])


def test_dsr_ci_matches_fleiss_and_fay_feuer_standardised_rate():
    interval = dsr_ci(DOWNS_CASES, DOWNS_BIRTHS, ALL_BIRTHS)

    assert significant(interval.value) == 75.53
    assert interval.lower < interval.value < interval.upper


def test_dsr_ci_equals_the_crude_rate_interval_when_standard_is_the_study_population():
    # Dobson et al. (1991), Stat Med 10:457-462: when the standard population is
    # proportional to the study population the weighted sum is a scaled Poisson count, so
    # the DSR and its limits are the crude rate and its (Byar's) limits.
    interval = dsr_ci(DOWNS_CASES, ALL_BIRTHS, 3 * ALL_BIRTHS)
    crude = rate_ci(DOWNS_CASES.sum(), ALL_BIRTHS.sum())

    assert interval.value == pytest.approx(crude.value, rel=1e-12)
    assert interval.lower == pytest.approx(crude.lower, rel=1e-12)
    assert interval.upper == pytest.approx(crude.upper, rel=1e-12)


def test_dsr_ci_is_not_calculated_for_a_total_count_under_ten():
    interval = dsr_ci([1, 2, 6], [1000, 1000, 1000], [1, 1, 1])

    assert math.isnan(interval.value) and math.isnan(interval.lower)


def test_dsr_ci_counts_a_missing_band_count_as_no_events():
    with_gap = dsr_ci([np.nan, 8, 63], [327, 30666, 123419], [3, 9, 7])
    with_zero = dsr_ci([0, 8, 63], [327, 30666, 123419], [3, 9, 7])

    assert with_gap == with_zero


def test_dsr_ci_gives_nan_for_a_group_with_a_band_of_no_population():
    interval = dsr_ci(np.vstack([DOWNS_CASES, DOWNS_CASES]),
                      np.vstack([DOWNS_BIRTHS, np.r_[0, DOWNS_BIRTHS[1:]]]), ALL_BIRTHS)

    assert not np.isnan(interval.value[0])
    assert np.isnan(interval.value[1])


def test_dsr_ci_refuses_populations_of_another_shape():
    with pytest.raises(EngineInputError) as error:
        dsr_ci(np.ones((2, 3)), np.ones((3, 2)), np.ones(3))

    assert error.value.field == "populations"


def test_dsr_ci_by_group_agrees_with_the_array_form():
    frame = pl.DataFrame({
        "area": ["a"] * 6 + ["b"] * 6,
        "count": np.r_[DOWNS_CASES, DOWNS_CASES * 2],
        "population": np.r_[DOWNS_BIRTHS, ALL_BIRTHS],
        "standard_population": np.r_[ALL_BIRTHS, ALL_BIRTHS],
    })
    arrays = dsr_ci(np.vstack([DOWNS_CASES, DOWNS_CASES * 2]),
                    np.vstack([DOWNS_BIRTHS, ALL_BIRTHS]), ALL_BIRTHS, confidence=0.998)

    grouped = dsr_ci_by_group(frame, by="area", confidence=0.998)

    assert grouped["area"].to_list() == ["a", "b"]
    assert grouped["total_count"].to_list() == [740, 1480]
    np.testing.assert_allclose(grouped["value"].to_numpy(), arrays.value, rtol=1e-12)
    np.testing.assert_allclose(grouped["lower"].to_numpy(), arrays.lower, rtol=1e-12)
    np.testing.assert_allclose(grouped["upper"].to_numpy(), arrays.upper, rtol=1e-12)


# --- properties -----------------------------------------------------------------------------

counts_and_denominators = st.integers(min_value=1, max_value=10**7).flatmap(
    lambda denominator: st.tuples(st.integers(min_value=0, max_value=denominator),
                                  st.just(denominator))
)
confidences = st.floats(min_value=0.5, max_value=0.9999)


@given(counts_and_denominators, confidences)
def test_proportion_ci_contains_its_value_within_zero_and_the_multiplier(pair, confidence):
    interval = proportion_ci(*pair, confidence=confidence)

    assert 0.0 <= interval.lower <= interval.value <= interval.upper <= 100.0


@given(counts_and_denominators)
def test_proportion_ci_at_998_contains_the_95_interval(pair):
    narrow = proportion_ci(*pair, confidence=0.95)
    wide = proportion_ci(*pair, confidence=0.998)

    assert wide.lower <= narrow.lower and narrow.upper <= wide.upper


@given(counts_and_denominators, st.integers(min_value=2, max_value=1000))
def test_proportion_ci_narrows_as_the_denominator_grows_at_a_fixed_proportion(pair, factor):
    count, denominator = pair
    small = proportion_ci(count, denominator)
    large = proportion_ci(count * factor, denominator * factor)

    assert large.upper - large.lower <= small.upper - small.lower


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**8),
       confidences)
def test_rate_ci_contains_its_value(count, denominator, confidence):
    interval = rate_ci(count, denominator, confidence=confidence)

    assert 0.0 <= interval.lower <= interval.value <= interval.upper


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**8))
def test_rate_ci_at_998_contains_the_95_interval(count, denominator):
    narrow = rate_ci(count, denominator, confidence=0.95)
    wide = rate_ci(count, denominator, confidence=0.998)

    assert wide.lower <= narrow.lower and narrow.upper <= wide.upper


@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=1, max_value=10**6),
       st.integers(min_value=2, max_value=1000))
def test_rate_ci_narrows_as_the_denominator_grows_at_a_fixed_rate(count, denominator, factor):
    small = rate_ci(count, denominator)
    large = rate_ci(count * factor, denominator * factor)

    assert large.upper - large.lower <= small.upper - small.lower


@given(st.floats(min_value=-1e6, max_value=1e6), st.floats(min_value=0, max_value=1e4),
       st.integers(min_value=2, max_value=10**6), confidences)
def test_mean_ci_contains_its_value_and_widens_with_confidence(mean, sd, n, confidence):
    interval = mean_ci(mean, sd, n, confidence=confidence)
    wider = mean_ci(mean, sd, n, confidence=min(0.99999, confidence + 0.00001))

    assert interval.lower <= interval.value <= interval.upper
    assert wider.lower <= interval.lower and interval.upper <= wider.upper


@given(st.lists(st.integers(min_value=0, max_value=10**4), min_size=2, max_size=8)
       .filter(lambda counts: sum(counts) >= 10),
       st.integers(min_value=1000, max_value=10**6))
def test_dsr_ci_contains_its_value_and_998_contains_95(counts, population):
    populations = np.full(len(counts), population)
    standard = np.arange(1, len(counts) + 1) * 1000
    narrow = dsr_ci(counts, populations, standard)
    wide = dsr_ci(counts, populations, standard, confidence=0.998)

    assert narrow.lower <= narrow.value <= narrow.upper
    assert wide.lower <= narrow.lower and narrow.upper <= wide.upper
