"""A deterministic synthetic partnership's indicator data, for benchmarks and tests.

`synthetic_frames()` builds, from one NumPy seed and without any loop over rows:

- areas: England, 9 regions and 150 local authorities (codes shaped like GSS codes);
- statistical neighbours: the 10 authorities closest on a hidden deprivation score;
- 1,000 indicators: proportions (counts out of a cohort), crude rates per 100,000 and
  means, each with a polarity, a target for most, and a frequency (mostly annual, a tenth
  quarterly);
- 20 periods of data for every indicator and area: 3,000,000 local authority data points
  plus 200,000 for England and the regions, which are the sums of their authorities'
  counts. Values and 95% / 99.8% limits come from this package's own interval functions.

About 2% of authority values are missing at random, and about 3% of authority series
lapse after a random period, so some data are out of date at `as_at`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy import special

from .intervals import mean_ci, proportion_ci, rate_ci

ENGLAND_CODE = "E92000001"
ANNUAL_START = 2005 * 12 + 3  # April 2005: financial years
QUARTERLY_START = 2020 * 12 + 6  # July 2020
AS_AT = 2025 * 12 + 9  # October 2025


@dataclass(frozen=True)
class SyntheticFrames:
    """The frames `benchmarking.benchmark` takes, and the month to judge currency at."""

    data: pl.DataFrame
    areas: pl.DataFrame
    neighbours: pl.DataFrame
    indicators: pl.DataFrame
    as_at: int


def synthetic_frames(
    *,
    local_authorities: int = 150,
    regions: int = 9,
    indicators: int = 1000,
    periods: int = 20,
    neighbours_per_area: int = 10,
    seed: int = 20240401,
    missing_share: float = 0.02,
    lapsed_share: float = 0.03,
) -> SyntheticFrames:
    """Return synthetic data, areas, neighbours and indicators; the same seed, the same frames.

    Data rows are in (indicator, area, period) order, areas in the order England, regions,
    local authorities; `area_code` is a Polars Enum of the area codes.
    """
    rng = np.random.default_rng(seed)
    n_la, n_areas = local_authorities, 1 + regions + local_authorities

    codes = (
        [ENGLAND_CODE]
        + [f"E12{r + 1:06d}" for r in range(regions)]
        + [f"E06{a + 1:06d}" for a in range(n_la)]
    )
    la_region = rng.permutation(np.arange(n_la) % regions)
    deprivation = rng.normal(size=n_la)
    population = np.rint(np.exp(rng.normal(np.log(60_000), 0.6, size=n_la)))
    areas = pl.DataFrame(
        {
            "area_code": codes,
            "region_code": [None] * (1 + regions) + [codes[1 + r] for r in la_region],
            "is_england": [True] + [False] * (regions + n_la),
        },
        schema={"area_code": pl.String, "region_code": pl.String, "is_england": pl.Boolean},
    )

    distance = np.abs(deprivation[:, None] - deprivation[None, :]) + 0.05 * np.abs(
        np.log(population)[:, None] - np.log(population)[None, :]
    )
    np.fill_diagonal(distance, np.inf)
    closest = np.argsort(distance, axis=1, kind="stable")[:, :neighbours_per_area]
    la_codes = np.array(codes[1 + regions:], dtype=object)
    neighbours = pl.DataFrame(
        {
            "area_code": np.repeat(la_codes, neighbours_per_area).tolist(),
            "neighbour_code": la_codes[closest.ravel()].tolist(),
            "rank": np.tile(np.arange(1, neighbours_per_area + 1), n_la).astype(np.int32),
        }
    )

    kind = rng.choice(3, size=indicators, p=[0.4, 0.45, 0.15])  # proportion, rate, mean
    polarity = rng.choice(3, size=indicators, p=[0.45, 0.45, 0.10])
    frequency = np.where(rng.random(indicators) < 0.9, 12, 3)
    effect = rng.normal(0.0, 0.25, size=indicators)
    drift = rng.normal(0.0, 0.02, size=indicators)

    t = np.arange(periods, dtype=np.float64)
    area_noise = rng.normal(0.0, 0.1, size=(indicators, n_la, 1))
    linear = (effect[:, None, None] * deprivation[None, :, None] + area_noise
              + drift[:, None, None] * (t - periods / 2)[None, None, :])
    shape = (indicators, n_la, periods)
    growth = 1.0 + 0.005 * t

    # Proportions: a cohort share of the population; rates: events in the population.
    cohort_share = rng.uniform(0.01, 0.12, size=indicators)
    base_share = rng.uniform(0.05, 0.6, size=indicators)
    base_rate = np.exp(rng.uniform(np.log(2e-5), np.log(2e-2), size=indicators))
    is_proportion = kind == 0
    is_rate = kind == 1
    denominator = np.where(
        is_proportion[:, None, None],
        np.rint(population[None, :, None] * cohort_share[:, None, None] * growth),
        np.rint(population[None, :, None] * growth),
    )
    probability = special.expit(special.logit(base_share)[:, None, None] + linear)
    intensity = base_rate[:, None, None] * np.exp(linear) * denominator
    count = np.zeros(shape)
    count[is_proportion] = rng.binomial(denominator[is_proportion].astype(np.int64),
                                        probability[is_proportion])
    count[is_rate] = rng.poisson(intensity[is_rate])

    mean_level = rng.uniform(20.0, 80.0, size=indicators)
    mean_sd = rng.uniform(5.0, 15.0, size=indicators)
    sample = np.rint(rng.uniform(40, 400, size=(indicators, n_la, 1)) * growth)
    mean_value = (mean_level[:, None, None] * (1.0 + 0.2 * linear)
                  + rng.normal(size=shape) * mean_sd[:, None, None] / np.sqrt(sample))

    # England and the regions sum their authorities (regions in order r = 0..regions-1).
    membership = np.zeros((1 + regions, n_la))
    membership[0] = 1.0
    membership[1 + la_region, np.arange(n_la)] = 1.0

    def with_totals(local: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        totals = np.einsum("rl,ilp->irp", membership, local)
        return np.concatenate([totals, local], axis=1)

    all_count = with_totals(count)
    all_denominator = with_totals(denominator)
    all_sample = with_totals(np.broadcast_to(sample, shape))
    weighted = with_totals(mean_value * sample)
    all_mean = np.divide(weighted, all_sample)

    kinds = np.broadcast_to(kind[:, None, None], all_count.shape).ravel()
    flat_count = all_count.ravel()
    flat_denominator = all_denominator.ravel()
    value = np.empty(flat_count.shape)
    limits = {name: np.empty(flat_count.shape)
              for name in ("lower95", "upper95", "lower998", "upper998")}
    sd = np.broadcast_to(mean_sd[:, None, None], all_count.shape).ravel()
    for code, calculate in (
        (0, lambda c, s: proportion_ci(flat_count[s], flat_denominator[s], confidence=c)),
        (1, lambda c, s: rate_ci(flat_count[s], flat_denominator[s], confidence=c)),
        (2, lambda c, s: mean_ci(all_mean.ravel()[s], sd[s], all_sample.ravel()[s],
                                 confidence=c)),
    ):
        chosen = kinds == code
        for confidence, suffix in ((0.95, "95"), (0.998, "998")):
            interval = calculate(confidence, chosen)
            value[chosen] = interval.value
            limits[f"lower{suffix}"][chosen] = interval.lower
            limits[f"upper{suffix}"][chosen] = interval.upper

    # Gaps: missing authority values, and authority series that lapse.
    is_authority = np.zeros(all_count.shape, dtype=bool)
    is_authority[:, 1 + regions:, :] = True
    missing = is_authority & (rng.random(all_count.shape) < missing_share)
    lapse_after = rng.integers(periods - 8, periods - 2, size=(indicators, n_areas, 1))
    lapsed = rng.random((indicators, n_areas, 1)) < lapsed_share
    missing |= is_authority & lapsed & (np.arange(periods)[None, None, :] > lapse_after)
    missing = missing.ravel()
    for array in (value, *limits.values()):
        array[missing] = np.nan
    flat_count = np.where(missing | (kinds == 2), np.nan, flat_count)
    flat_denominator = np.where(kinds == 2, all_sample.ravel(), flat_denominator)

    indicator_ids = np.arange(1, indicators + 1, dtype=np.int32) + 90_000
    start = np.where(frequency == 12, ANNUAL_START, QUARTERLY_START)
    period_index = start[:, None] + frequency[:, None] * np.arange(periods)[None, :]
    area_enum = pl.Enum(codes)
    data = pl.DataFrame(
        {
            "indicator_id": np.repeat(indicator_ids, n_areas * periods),
            "area_code": pl.Series(
                np.tile(np.repeat(np.arange(n_areas, dtype=np.uint32), periods), indicators)
            ).cat.to(area_enum),
            "period_index": np.broadcast_to(
                period_index[:, None, :], (indicators, n_areas, periods)
            ).ravel().astype(np.int32),
            "value": pl.Series(value, nan_to_null=True),
            **{name: pl.Series(array, nan_to_null=True) for name, array in limits.items()},
            "count": pl.Series(flat_count, nan_to_null=True).cast(pl.Int64),
            "denominator": pl.Series(flat_denominator, nan_to_null=True).cast(pl.Int64),
        }
    )

    england = data.filter(
        (pl.col("area_code") == ENGLAND_CODE)
        & (pl.col("period_index") == pl.col("period_index").max().over("indicator_id"))
    ).select("indicator_id", "value")
    england_latest = england.sort("indicator_id")["value"].to_numpy()
    has_target = (rng.random(indicators) < 0.6) & (polarity != 2)
    better_by = np.where(polarity == 0, 1.02, 0.98)
    target = np.where(has_target, np.round(england_latest * better_by, 1), np.nan)
    indicators_frame = pl.DataFrame(
        {
            "indicator_id": indicator_ids,
            "polarity": np.array(["higher_is_better", "lower_is_better", "no_judgement"])[polarity],
            "value_type": np.array(["proportion", "rate", "mean"])[kind],
            "target": pl.Series(target, nan_to_null=True),
            "target_tolerance": pl.Series(np.round(np.abs(target) * 0.05, 1), nan_to_null=True),
            "frequency_months": frequency.astype(np.int32),
        }
    )
    return SyntheticFrames(
        data=data, areas=areas, neighbours=neighbours, indicators=indicators_frame, as_at=AS_AT
    )
