"""Tests for engine/trends.py, the Fingertips recent-trend tests."""

import numpy as np
import pytest

from trustboard.performance.engine.checks import EngineInputError
from trustboard.performance.engine.trends import (
    critical_value,
    proportion_trend,
    weighted_regression_trend,
)

# R's stats::prop.trend.test documentation example (smokers among patients, from Fleiss
# 1981): "X-squared = 8.2249, df = 1, p-value = 0.004132".
SMOKERS = [83, 90, 129, 70]
PATIENTS = [86, 93, 136, 82]

# PHEindicatormethods `assign_trend_markers` documentation example ("other" value type).
VALUES = [30.6, 30.2, 28.0, 24.6, 24.67]
LOWER = [28.98, 28.63, 26.44, 23.15, 23.16]
UPPER = [32.25, 31.9, 29.64, 26.19, 26.25]


def test_critical_value_at_998_is_the_fingertips_constant():
    # Fingertips' TrendMarkerCalculator: ChiSquareConfidence = 9.54953570608324.
    assert critical_value(0.998) == pytest.approx(9.54953570608324, rel=1e-12)


def test_proportion_trend_statistic_matches_r_prop_trend_test():
    test = proportion_trend(SMOKERS, PATIENTS)

    assert round(float(test.statistic), 4) == 8.2249


def test_proportion_trend_below_the_998_critical_value_is_no_significant_change():
    # 8.2249 is significant at 99% (6.63) but not at 99.8% (9.55).
    assert proportion_trend(SMOKERS, PATIENTS).sign == 0
    assert proportion_trend(SMOKERS, PATIENTS, confidence=0.99).sign == -1


def test_weighted_regression_trend_marks_a_steady_fall_as_decreasing():
    test = weighted_regression_trend(VALUES, LOWER, UPPER)

    assert test.slope < 0
    assert test.statistic > critical_value(0.998)
    assert test.sign == -1


def test_a_trend_driven_by_one_point_is_no_significant_change():
    # A flat, precise series with one high point at the end: significant, but leaving the
    # last point out turns the slope (Fingertips' outlier check).
    values = [50.0, 50.2, 49.9, 49.8, 60.0]
    lower = [v - 0.2 for v in values]
    upper = [v + 0.2 for v in values]
    test = weighted_regression_trend(values, lower, upper)

    assert test.statistic > critical_value(0.998)
    assert test.slope > 0
    assert test.sign == 0


def test_windows_work_along_either_axis_and_give_one_result_each():
    rows = np.array([VALUES, VALUES[::-1], [25.0] * 5])
    lower = rows - 1.5
    upper = rows + 1.5

    by_row = weighted_regression_trend(rows, lower, upper)
    by_column = weighted_regression_trend(rows.T, lower.T, upper.T, axis=0)

    np.testing.assert_array_equal(by_row.sign, [-1, 1, 0])
    np.testing.assert_array_equal(by_row.sign, by_column.sign)


def test_a_window_with_an_interval_of_no_width_cannot_be_significant():
    test = weighted_regression_trend(VALUES, [*LOWER[:4], 24.67], [*UPPER[:4], 24.67])

    assert np.isnan(test.statistic)
    assert test.sign == 0


def test_a_proportion_window_with_a_count_of_zero_has_no_slope_and_no_trend():
    test = proportion_trend([0, 10, 20, 30, 40], [100] * 5)

    assert np.isnan(test.slope)
    assert test.sign == 0


def test_trend_tests_refuse_windows_of_fewer_than_three_points():
    with pytest.raises(EngineInputError):
        proportion_trend([1, 2], [10, 10])


def test_trend_tests_refuse_counts_and_denominators_of_different_shapes():
    with pytest.raises(EngineInputError) as error:
        proportion_trend([1, 2, 3], [10, 10, 10, 10])

    assert error.value.field == "denominators"
