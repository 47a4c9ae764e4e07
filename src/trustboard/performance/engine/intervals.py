"""Confidence intervals for the value types national profiles publish.

The methods are those OHID's Fingertips profiles use and the PHEindicatormethods R
package implements (`phe_proportion`, `phe_rate`, `phe_mean`, `calculate_dsr`), written
here from the published formulae:

- proportions: Wilson (1927) score interval, recommended by Newcombe (1998);
- crude rates: Byar's approximation (Breslow and Day 1987) for counts of 10 or more and
  the exact Poisson limits from the chi-squared distribution (Armitage and Berry 2002)
  for smaller counts;
- means: Student's t;
- directly standardised rates: Dobson et al. (1991), scaling Byar's limits for the total
  count, not calculated when the total count is under 10 (Morris et al. 2018).

Source: OHID, Fingertips public health technical guidance, "Proportions", "Rates",
"Means" and "Directly standardised rates"; APHO Technical Briefing 3 (Eayres 2008).

Every function takes numbers, NumPy arrays or Polars Series (nulls allowed) and works on
whole arrays at once. All-scalar arguments give floats back; anything else gives float64
arrays. Inputs that cannot give a statistic (missing, negative counts, a count above its
denominator, a denominator of zero) give NaN rather than an error, so one bad row never
stops a whole frame; arguments that make no sense for any row (a confidence of 95)
raise `EngineInputError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy import special

from .checks import (
    EngineInputError,
    FloatArray,
    as_float_array,
    check_columns,
    check_confidence,
    check_positive,
)

Numbers = float | int | Sequence[float] | npt.NDArray[Any] | pl.Series

#: Below this count the exact Poisson limits replace Byar's approximation (Fingertips).
EXACT_POISSON_BELOW = 10
#: Directly standardised rates are not calculated for total counts below this.
DSR_MINIMUM_COUNT = 10


class Interval(NamedTuple):
    """A statistic with its lower and upper confidence limits (floats or float arrays)."""

    value: Any
    lower: Any
    upper: Any


def z_score(confidence: float) -> float:
    """Return the two-sided standard normal quantile for `confidence` (0.95 gives 1.96)."""
    level = check_confidence(confidence)
    return float(special.ndtri(0.5 + level / 2.0))


def byars_limits(count: Numbers, *, confidence: float = 0.95) -> tuple[Any, Any]:
    """Return Byar's lower and upper confidence limits for an observed Poisson count.

    Method: Byar's approximation to the exact Poisson limits (Breslow and Day 1987, as
    given in the Fingertips technical guidance "Rates"):
    lower = O (1 - 1/(9O) - z/(3 sqrt O))^3, upper = (O+1) (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3.
    It is within 0.2% of the exact limits for counts of 10 or more; use
    `poisson_limits` to switch to the exact limits for smaller counts. A count of zero
    gives a lower limit of 0; negative or missing counts give NaN.
    """
    observed = as_float_array(count, field="count")
    z = z_score(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = observed * (1.0 - 1.0 / (9.0 * observed) - z / (3.0 * np.sqrt(observed))) ** 3
        following = observed + 1.0
        upper = following * (1.0 - 1.0 / (9.0 * following) + z / (3.0 * np.sqrt(following))) ** 3
    lower = np.where(observed == 0.0, 0.0, lower)
    invalid = ~(observed >= 0.0)
    lower = np.where(invalid, np.nan, lower)
    upper = np.where(invalid, np.nan, upper)
    return _scalar_or_array(count, lower), _scalar_or_array(count, upper)


def exact_poisson_limits(count: Numbers, *, confidence: float = 0.95) -> tuple[Any, Any]:
    """Return the exact Poisson lower and upper confidence limits for an observed count.

    Method: the chi-squared link (Armitage and Berry 2002; Garwood 1936):
    lower = chi2(alpha/2; 2O) / 2 and upper = chi2(1 - alpha/2; 2O + 2) / 2, computed as
    the equivalent inverse regularised gamma function. A count of zero gives a lower limit
    of 0 (and an upper limit of 3.689 at 95%); negative or missing counts give NaN.
    """
    observed = as_float_array(count, field="count")
    alpha = 1.0 - check_confidence(confidence)
    valid = observed >= 0.0
    safe = np.where(valid, observed, 0.0)
    with np.errstate(invalid="ignore"):
        lower = np.where(safe > 0.0, special.gammaincinv(np.where(safe > 0.0, safe, 1.0),
                                                         alpha / 2), 0.0)
        upper = special.gammaincinv(safe + 1.0, 1.0 - alpha / 2)
    lower = np.where(valid, lower, np.nan)
    upper = np.where(valid, upper, np.nan)
    return _scalar_or_array(count, lower), _scalar_or_array(count, upper)


def poisson_limits(count: Numbers, *, confidence: float = 0.95) -> tuple[Any, Any]:
    """Return confidence limits for a Poisson count as Fingertips computes them.

    Counts of 10 or more use Byar's method; smaller counts use the exact limits
    (OHID technical guidance, "Rates"; PHEindicatormethods `phe_rate`). Only the small
    counts go through the slower exact calculation.
    """
    observed = as_float_array(count, field="count")
    lower, upper = (np.asarray(limit, dtype=np.float64) for limit in
                    byars_limits(observed, confidence=confidence))
    small = observed < EXACT_POISSON_BELOW
    if np.any(small):
        exact_lower, exact_upper = exact_poisson_limits(observed[small], confidence=confidence)
        lower[small] = exact_lower
        upper[small] = exact_upper
    return _scalar_or_array(count, lower), _scalar_or_array(count, upper)


def proportion_ci(
    count: Numbers,
    denominator: Numbers,
    *,
    confidence: float = 0.95,
    multiplier: float = 100,
) -> Interval:
    """Return a proportion (times `multiplier`) with its Wilson score interval.

    Method: Wilson (1927), the OHID method for proportions (Newcombe 1998; Fingertips
    technical guidance "Proportions"; PHEindicatormethods `phe_proportion`):
    (2O + z^2 -/+ z sqrt(z^2 + 4Oq)) / (2(n + z^2)), with q = 1 - O/n.

    Edge cases: a zero count gives a lower limit of exactly 0 and a count equal to the
    denominator an upper limit of exactly `multiplier`; the interval never leaves
    [0, multiplier]. A count above its denominator, a negative count, a denominator of
    zero or less, or a missing value gives NaN for all three.
    """
    observed = as_float_array(count, field="count")
    total = as_float_array(denominator, field="denominator")
    scale = check_positive(multiplier, field="multiplier")
    z = z_score(confidence)
    valid = (total > 0.0) & (observed >= 0.0) & (observed <= total)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = observed / total
        spread = z * np.sqrt(z * z + 4.0 * observed * (1.0 - share))
        lower = (2.0 * observed + z * z - spread) / (2.0 * (total + z * z))
        upper = (2.0 * observed + z * z + spread) / (2.0 * (total + z * z))
    lower = np.where(observed == 0.0, 0.0, lower)
    upper = np.where(observed == total, 1.0, upper)
    value = np.where(valid, share * scale, np.nan)
    lower = np.where(valid, lower * scale, np.nan)
    upper = np.where(valid, upper * scale, np.nan)
    return _interval((count, denominator), value, lower, upper)


def rate_ci(
    count: Numbers,
    denominator: Numbers,
    *,
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> Interval:
    """Return a crude rate per `multiplier` with its Poisson confidence interval.

    Method: the count's limits from Byar's method for counts of 10 or more and from the
    exact Poisson (chi-squared) limits below 10, divided by the denominator (Fingertips
    technical guidance "Rates"; PHEindicatormethods `phe_rate`).

    Edge cases: a zero count gives a rate of 0, a lower limit of 0 and a positive upper
    limit. A negative count, a denominator of zero or less, or a missing value gives NaN.
    """
    observed = as_float_array(count, field="count")
    total = as_float_array(denominator, field="denominator")
    scale = check_positive(multiplier, field="multiplier")
    check_confidence(confidence)
    valid = (total > 0.0) & (observed >= 0.0)
    safe_count = np.where(valid, observed, np.nan)
    count_lower, count_upper = poisson_limits(safe_count, confidence=confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        per = scale / total
        value = np.where(valid, observed * per, np.nan)
        lower = np.where(valid, np.asarray(count_lower) * per, np.nan)
        upper = np.where(valid, np.asarray(count_upper) * per, np.nan)
    return _interval((count, denominator), value, lower, upper)


def mean_ci(mean: Numbers, sd: Numbers, n: Numbers, *, confidence: float = 0.95) -> Interval:
    """Return a mean with its Student's t confidence interval.

    Method: mean -/+ t(1 - alpha/2; n - 1) sd / sqrt(n) (Fingertips technical guidance
    "Means"; PHEindicatormethods `phe_mean`), with `sd` the sample standard deviation.

    Edge cases: fewer than two observations, a negative standard deviation or a missing
    value gives NaN limits (the mean itself is kept when it is given and n >= 1); a
    standard deviation of zero gives limits equal to the mean.
    """
    centre = as_float_array(mean, field="mean")
    spread = as_float_array(sd, field="sd")
    size = as_float_array(n, field="n")
    level = check_confidence(confidence)
    valid = (size >= 2.0) & (spread >= 0.0) & np.isfinite(centre)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = special.stdtrit(np.where(valid, size - 1.0, 1.0), 0.5 + level / 2.0)
        half_width = t * spread / np.sqrt(size)
    value = np.where(size >= 1.0, centre, np.nan)
    lower = np.where(valid, centre - half_width, np.nan)
    upper = np.where(valid, centre + half_width, np.nan)
    return _interval((mean, sd, n), value, lower, upper)


def dsr_ci(
    counts: Numbers,
    populations: Numbers,
    standard_populations: Numbers,
    *,
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> Interval:
    """Return directly standardised rates with Dobson's confidence intervals.

    Input: `counts` and `populations` are 2-D arrays of groups x bands (each row one area,
    period or sex; each column one age band), or 1-D arrays for a single group;
    `standard_populations` holds the standard population of each band (1-D, one per
    column, such as the 2013 European Standard Population) or has the shape of `counts`.
    For a Polars frame with one row per group and band, use `dsr_ci_by_group`.

    Method: DSR = sum(w_i O_i / n_i) / sum(w_i); its variance
    sum(w_i^2 O_i / n_i^2) / (sum w_i)^2; limits DSR + sqrt(var / O) (O_lim - O) with O
    the total count and O_lim Byar's limits for it (Dobson et al. 1991; Fingertips
    technical guidance; PHEindicatormethods `calculate_dsr`).

    Edge cases: a missing count in a band counts as no events (the national convention for
    bands absent from sparse extracts); a total count under 10 gives NaN for all three, as
    DSRs are not published below 10 events (Morris et al. 2018); a band population of zero
    or less, or missing, gives NaN for that group.
    """
    observed = as_float_array(counts, field="counts")
    population = as_float_array(populations, field="populations")
    standard = as_float_array(standard_populations, field="standard_populations")
    scale = check_positive(multiplier, field="multiplier")
    z_score(confidence)
    single_group = observed.ndim == 1
    observed = np.atleast_2d(observed)
    population = np.atleast_2d(population)
    if observed.ndim != 2 or population.shape != observed.shape:
        raise EngineInputError(
            f"must have the shape of counts {observed.shape}, not {population.shape}",
            field="populations",
        )
    try:
        standard = np.broadcast_to(standard, observed.shape)
    except ValueError as error:
        raise EngineInputError(
            f"must have one value per band ({observed.shape[-1]}) or the shape of counts",
            field="standard_populations",
        ) from error
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = standard / population
        weighted_rate = np.nansum(observed * weight, axis=1)
        weighted_variance = np.nansum(observed * weight**2, axis=1)
    value, lower, upper = _dobson(
        total_count=np.nansum(observed, axis=1),
        weighted_rate=weighted_rate,
        weighted_variance=weighted_variance,
        standard_total=standard.sum(axis=1),
        valid=np.all((population > 0.0) & (standard >= 0.0), axis=1)
        & np.all((observed >= 0.0) | np.isnan(observed), axis=1),
        confidence=confidence,
        multiplier=scale,
    )
    if single_group:
        return Interval(float(value[0]), float(lower[0]), float(upper[0]))
    return Interval(value, lower, upper)


def dsr_ci_by_group(
    frame: pl.DataFrame,
    *,
    by: str | Sequence[str],
    count: str = "count",
    population: str = "population",
    standard_population: str = "standard_population",
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> pl.DataFrame:
    """Return one directly standardised rate per group of a long frame.

    Input: one row per group and band, with the columns named by `by` (the group key, such
    as area and period), `count`, `population` and `standard_population`.
    Output: the `by` columns, `total_count`, `total_population`, `value`, `lower` and
    `upper`, sorted by the key. Method and edge cases as for `dsr_ci`.
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(frame, [*keys, count, population, standard_population], frame_name="frame")
    scale = check_positive(multiplier, field="multiplier")
    observed = pl.col(count).cast(pl.Float64).fill_null(0.0)
    weight = pl.col(standard_population).cast(pl.Float64) / pl.col(population).cast(pl.Float64)
    totals = (
        frame.group_by(keys)
        .agg(
            total_count=observed.sum(),
            total_population=pl.col(population).sum(),
            weighted_rate=(observed * weight).sum(),
            weighted_variance=(observed * weight * weight).sum(),
            standard_total=pl.col(standard_population).cast(pl.Float64).sum(),
            valid=(pl.col(population) > 0).all() & (pl.col(standard_population) >= 0).all()
            & (observed >= 0).all(),
        )
        .sort(keys)
    )
    value, lower, upper = _dobson(
        total_count=totals["total_count"].to_numpy(),
        weighted_rate=totals["weighted_rate"].to_numpy(),
        weighted_variance=totals["weighted_variance"].to_numpy(),
        standard_total=totals["standard_total"].to_numpy(),
        valid=totals["valid"].fill_null(False).to_numpy(),
        confidence=confidence,
        multiplier=scale,
    )
    return totals.select([*keys, "total_count", "total_population"]).with_columns(
        value=pl.Series(value, nan_to_null=True),
        lower=pl.Series(lower, nan_to_null=True),
        upper=pl.Series(upper, nan_to_null=True),
    )


def _dobson(
    *,
    total_count: FloatArray,
    weighted_rate: FloatArray,
    weighted_variance: FloatArray,
    standard_total: FloatArray,
    valid: npt.NDArray[np.bool_],
    confidence: float,
    multiplier: float,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    usable = valid & (total_count >= DSR_MINIMUM_COUNT) & (standard_total > 0.0)
    safe_count = np.where(usable, total_count, np.nan)
    count_lower, count_upper = byars_limits(safe_count, confidence=confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = weighted_rate / standard_total
        spread = np.sqrt(weighted_variance / standard_total**2 / safe_count)
        lower = rate + spread * (np.asarray(count_lower) - safe_count)
        upper = rate + spread * (np.asarray(count_upper) - safe_count)
    nan = np.nan
    return (
        np.where(usable, rate * multiplier, nan),
        np.where(usable, lower * multiplier, nan),
        np.where(usable, upper * multiplier, nan),
    )


def _is_scalar(value: Any) -> bool:
    return np.ndim(value) == 0 and not isinstance(value, pl.Series)


def _scalar_or_array(like: Any, array: FloatArray) -> Any:
    if _is_scalar(like):
        return float(np.asarray(array).reshape(-1)[0])
    return np.asarray(array, dtype=np.float64)


def _interval(
    inputs: tuple[Any, ...], value: FloatArray, lower: FloatArray, upper: FloatArray
) -> Interval:
    """Return an Interval of floats when every input was a scalar, else of arrays."""
    if all(_is_scalar(item) for item in inputs):
        return Interval(*(float(np.asarray(part).reshape(-1)[0]) for part in (value, lower, upper)))
    return Interval(
        *(np.asarray(part, dtype=np.float64) for part in np.broadcast_arrays(value, lower, upper))
    )
