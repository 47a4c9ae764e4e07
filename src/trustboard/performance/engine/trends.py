"""Tests for a recent trend over the last few points of a series, as Fingertips marks it.

Source: OHID, Fingertips public health technical guidance, "Trend markers", and the
Fingertips site's trend marker calculator (PHE `fingertips-open`, `TrendMarkerCalculator`);
PHEindicatormethods `assign_trend_markers`. The points are numbered 1..k in time order
(the site uses k = 5), whatever the spacing of the periods.

- Proportions with counts: the chi-squared test for trend in proportions (Cochran 1954;
  Armitage 1955), chi2 = N (N sum O_i t_i - O sum n_i t_i)^2 / (O (N - O) (N sum n_i t_i^2
  - (sum n_i t_i)^2)), with O and N the total count and denominator. The direction is the
  least-squares slope of the log odds log(O_i / (n_i - O_i)) against t_i.
- Every other value type: a weighted least-squares slope of the value on t_i, weighted by
  1 / se_i^2 with se_i = (upper95 - lower95) / 3.92, and chi2 = (slope / se(slope))^2.

A trend is significant when chi2 exceeds the chi-squared quantile (1 df) at the chosen
confidence (0.998 gives 9.5495, the site's constant) and no single point drives it: the
slope keeps its sign when each point in turn is left out (the site's outlier check).

All functions take windows along `axis` (by default the last: one row per window) and
work on whole arrays; the sums over a window's points are one matrix product.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from scipy import special

from .checks import EngineInputError, FloatArray, as_float_array, check_confidence

#: Fingertips divides the 95% interval's width by 2 x 1.96 to recover a standard error.
FINGERTIPS_INTERVAL_WIDTHS = 3.92


class TrendTest(NamedTuple):
    """The outcome of a trend test for each window.

    `sign` is +1 for a significant increase, -1 for a significant decrease and 0 for no
    significant change (including windows that cannot be tested, whose statistic is NaN).
    """

    statistic: FloatArray
    slope: FloatArray
    sign: npt.NDArray[np.int8]


def critical_value(confidence: float) -> float:
    """Return the chi-squared (1 df) value a trend statistic must exceed at `confidence`."""
    level = check_confidence(confidence)
    return float(special.chdtri(1.0, 1.0 - level))


def proportion_trend(
    counts: Any, denominators: Any, *, confidence: float = 0.998, axis: int = -1
) -> TrendTest:
    """Test each window of counts out of denominators for a trend in the proportion.

    Windows whose total count is 0 or equals the total denominator give a NaN statistic;
    a point with a count of 0 or equal to its denominator has no log odds, so its window
    has a NaN slope. Neither is ever significant.
    """
    observed = _points(counts, axis=axis, field="counts")
    total = _points(denominators, axis=axis, field="denominators")
    if observed.shape != total.shape:
        raise EngineInputError("must have the shape of counts", field="denominators")
    powers = _powers(observed.shape[0])
    all_total, total_t, total_t2 = _weigh(powers, total)
    all_count, count_t = _weigh(powers[:2], observed)
    with np.errstate(divide="ignore", invalid="ignore"):
        statistic = (
            all_total
            * (all_total * count_t - all_count * total_t) ** 2
            / (all_count * (all_total - all_count) * (all_total * total_t2 - total_t**2))
        )
        log_odds = np.log(observed / (total - observed))
    return _decide(statistic, log_odds, np.ones_like(log_odds), confidence)


def weighted_regression_trend(
    values: Any, lower95: Any, upper95: Any, *, confidence: float = 0.998, axis: int = -1
) -> TrendTest:
    """Test each window of values with 95% limits for a linear trend.

    A point whose interval has no width (or is missing) gives no weight, so its window's
    statistic is NaN and never significant.
    """
    value = _points(values, axis=axis, field="values")
    lower = _points(lower95, axis=axis, field="lower95")
    upper = _points(upper95, axis=axis, field="upper95")
    if not value.shape == lower.shape == upper.shape:
        raise EngineInputError("values, lower95 and upper95 must have one shape", field="values")
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = (FINGERTIPS_INTERVAL_WIDTHS / (upper - lower)) ** 2
    weight[~np.isfinite(weight)] = np.nan
    sums = _sums(value, weight)
    slope = _slope(*sums)
    sum_w, sum_wt, sum_wt2 = sums[:3]
    with np.errstate(divide="ignore", invalid="ignore"):
        variance = sum_w / (sum_w * sum_wt2 - sum_wt**2)
        statistic = slope**2 / variance
    return _decide(statistic, value, weight, confidence, slope=slope)


def _decide(
    statistic: FloatArray,
    y: FloatArray,
    weight: FloatArray,
    confidence: float,
    *,
    slope: FloatArray | None = None,
) -> TrendTest:
    """Return the test with its sign: significant windows whose slope keeps its sign when
    any one point is left out (the sign of a zero slope counts as positive, as on the site).
    """
    if slope is None:
        slope = _slope(*_sums(y, weight))
    with np.errstate(invalid="ignore"):
        candidate = np.flatnonzero((statistic > critical_value(confidence)) & np.isfinite(slope))
    direction = np.where(slope < 0.0, -1, 1).astype(np.int8)
    sign = np.zeros(np.shape(statistic), dtype=np.int8)
    if candidate.size:
        points = y.shape[0]
        chosen_y = y.reshape(points, -1)[:, candidate]
        chosen_w = weight.reshape(points, -1)[:, candidate]
        powers = _powers(points)
        terms = [*(powers[:, :, None] * chosen_w), *(powers[:2, :, None] * (chosen_w * chosen_y))]
        totals = [term.sum(axis=0) for term in terms]
        expected = np.ravel(direction)[candidate]
        keeps = np.ones(candidate.size, dtype=bool)
        for point in range(points):
            left_out = _slope(*(total - term[point] for total, term in zip(totals, terms,
                                                                           strict=True)))
            keeps &= np.isfinite(left_out) & (np.where(left_out < 0.0, -1, 1) == expected)
        sign.ravel()[candidate[keeps]] = expected[keeps]
    return TrendTest(statistic, slope, sign)


def _sums(y: FloatArray, weight: FloatArray) -> list[FloatArray]:
    """Return sum w, sum wt, sum wt^2, sum wy and sum wty over each window's points."""
    powers = _powers(y.shape[0])
    return [*_weigh(powers, weight), *_weigh(powers[:2], weight * y)]


def _weigh(powers: FloatArray, points: FloatArray) -> FloatArray:
    """Return sum_j t_j^p x_j for each row of powers, over the points (first axis)."""
    flat = points.reshape(points.shape[0], -1)
    return (powers @ flat).reshape((powers.shape[0], *points.shape[1:]))


def _slope(
    sum_w: FloatArray, sum_wt: FloatArray, sum_wt2: FloatArray, sum_wy: FloatArray,
    sum_wty: FloatArray,
) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return (sum_w * sum_wty - sum_wt * sum_wy) / (sum_w * sum_wt2 - sum_wt**2)


def _powers(points: int) -> FloatArray:
    """Return the rows 1, t and t^2 for t = 1..points."""
    t = np.arange(1.0, points + 1.0)
    return np.vstack([np.ones_like(t), t, t * t])


def _points(values: Any, *, axis: int, field: str) -> FloatArray:
    """Return the windows with their points along the first axis."""
    array = as_float_array(values, field=field)
    if array.ndim == 0 or array.shape[axis] < 3:
        raise EngineInputError("must hold windows of at least three points", field=field)
    return np.moveaxis(array, axis, 0)
