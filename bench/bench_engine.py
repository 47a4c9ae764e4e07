"""Benchmark the statistics engine: every comparison for 3 million data points.

Run from the repository root: `.venv/bin/python bench/bench_engine.py`.

It generates the synthetic partnership (150 local authorities x 1,000 indicators x 20
periods, plus England and 9 regions), then runs

- the engine, `benchmarking.benchmark`, Polars frames in and out;
- the baseline, the same comparisons in idiomatic vectorised pandas (baseline_pandas.py);
- the floor, one NumPy pass over the input columns that knows the data's layout (rows in
  indicator, area, period order, every combination present) and so skips the engine's
  key matching, checks and output frame,

checks that all three agree (pandas on every column, the floor on every column it
computes), times each as the best of three runs and writes bench/results/engine.json.
"""

from __future__ import annotations

import sys

sys.path.insert(0, "src")

import argparse
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
from _common import best_of, machine, write_result
from baseline_pandas import benchmark_pandas

from trustboard.performance.engine.benchmarking import benchmark
from trustboard.performance.engine.synthetic import SyntheticFrames, synthetic_frames
from trustboard.performance.engine.trends import (
    proportion_trend,
    weighted_regression_trend,
)

TARGET_SECONDS = 2.0
TARGET_BASELINE_RATIO = 5.0
TARGET_FLOOR_RATIO = 3.0
FLOAT_TOLERANCE = 1e-12  # neighbour means: pandas and NumPy add in different orders
COMPARISON = ["better", "similar", "worse", "higher", "lower", "not compared"]
TARGET_STATUS = ["green", "amber", "red"]
DIRECTION = ["improving", "no change", "worsening", "increasing", "decreasing"]
RECENT_TREND = [
    "increasing and getting better", "increasing and getting worse",
    "decreasing and getting better", "decreasing and getting worse",
    "increasing", "decreasing", "no significant change", "cannot be calculated",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=1000,
                        help="fewer indicators for a quick check (default 1000)")
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()

    frames = synthetic_frames(indicators=options.indicators)
    print(f"data: {frames.data.height:,} rows "
          f"({frames.data.filter(pl.col('area_code').cast(pl.String).str.starts_with('E06')).height:,}"
          " local authority data points)")

    def engine() -> pl.DataFrame:
        return benchmark(frames.data, areas=frames.areas, neighbours=frames.neighbours,
                         indicators=frames.indicators, as_at=frames.as_at)

    pandas_frames = {name: to_pandas(getattr(frames, name))
                     for name in ("data", "areas", "neighbours", "indicators")}

    def baseline() -> pd.DataFrame:
        return benchmark_pandas(pandas_frames["data"], areas=pandas_frames["areas"],
                                neighbours=pandas_frames["neighbours"],
                                indicators=pandas_frames["indicators"], as_at=frames.as_at)

    floor_inputs = FloorInputs(frames)

    def floor() -> dict[str, np.ndarray]:
        return floor_numpy(floor_inputs)

    engine_result = engine()
    baseline_result = baseline()
    floor_result = floor()
    check_same(engine_result, baseline_result)
    check_floor(engine_result, floor_result)
    print("engine, pandas baseline and NumPy floor agree on every output column")

    engine_seconds, _ = best_of(engine, repeats=options.repeats)
    print(f"engine: {engine_seconds:.3f} s")
    floor_seconds, _ = best_of(floor, repeats=options.repeats)
    print(f"NumPy floor: {floor_seconds:.3f} s")
    baseline_seconds, _ = best_of(baseline, repeats=options.repeats)
    print(f"pandas baseline: {baseline_seconds:.3f} s")

    ratio = baseline_seconds / engine_seconds
    floor_ratio = engine_seconds / floor_seconds
    met = (engine_seconds < TARGET_SECONDS and ratio >= TARGET_BASELINE_RATIO
           and floor_ratio <= TARGET_FLOOR_RATIO)
    path = write_result({
        "name": "engine",
        "metric": (f"seconds for every comparison of {frames.data.height:,} data points "
                   "(150 local authorities x 1,000 indicators x 20 periods, "
                   "plus England and 9 regions)"),
        "value": round(engine_seconds, 4),
        "unit": "s",
        "baseline": "pandas vectorised",
        "baseline_value": round(baseline_seconds, 4),
        "ratio": round(ratio, 2),
        "target": (f"< {TARGET_SECONDS:g} s, >= {TARGET_BASELINE_RATIO:g}x pandas, "
                   f"<= {TARGET_FLOOR_RATIO:g}x numpy floor"),
        "met": bool(met),
        "machine": machine(),
        "floor_value": round(floor_seconds, 4),
        "floor_ratio": round(floor_ratio, 2),
    })
    print(f"{ratio:.1f}x faster than pandas, {floor_ratio:.2f}x the NumPy floor; "
          f"targets {'met' if met else 'NOT met'}; wrote {path}")


# --- the pandas input -----------------------------------------------------------------------


def to_pandas(frame: pl.DataFrame) -> pd.DataFrame:
    """Convert a Polars frame as an analyst's loader would: enums become categoricals,
    integers with gaps become floats (pyarrow is not needed)."""
    columns: dict[str, Any] = {}
    for name, dtype in frame.schema.items():
        series = frame[name]
        if isinstance(dtype, pl.Enum):
            columns[name] = pd.Categorical.from_codes(
                series.to_physical().to_numpy().astype(np.int64), dtype.categories.to_list())
        elif dtype == pl.String:
            columns[name] = pd.Series(series.to_list(), dtype=object)
        elif dtype.is_integer() and series.null_count():
            columns[name] = series.cast(pl.Float64).to_numpy()
        else:
            columns[name] = series.to_numpy()
    return pd.DataFrame(columns)


# --- the NumPy floor ----------------------------------------------------------------------


class FloorInputs:
    """The input columns as NumPy arrays, shaped (indicator, area, period) by the known
    layout, with the metadata as small lookup arrays (prepared outside the timing)."""

    def __init__(self, frames: SyntheticFrames):
        data, areas, indicators = frames.data, frames.areas, frames.indicators
        codes = areas["area_code"].to_list()
        self.shape = (indicators.height, len(codes), data.height // (indicators.height
                                                                      * len(codes)))
        self.columns = {
            name: data[name].cast(pl.Float64).fill_null(np.nan).to_numpy().reshape(self.shape)
            for name in ("value", "lower95", "upper95", "lower998", "upper998", "count",
                         "denominator")
        }
        self.period = data["period_index"].to_numpy().reshape(self.shape)
        position = {code: index for index, code in enumerate(codes)}
        self.region_of = np.array([position.get(code, len(codes))
                                   for code in areas["region_code"].to_list()])
        self.is_authority = areas["region_code"].is_not_null().to_numpy()
        ordered = frames.neighbours.sort(["area_code", "rank"])
        self.neighbour_areas = np.array(
            [position[code] for code in ordered["area_code"].unique(maintain_order=True)])
        self.neighbours = np.array([position[code] for code in ordered["neighbour_code"]]
                                   ).reshape(len(self.neighbour_areas), -1)
        polarity = indicators["polarity"].to_numpy()
        self.polarity = np.select([polarity == "higher_is_better",
                                   polarity == "lower_is_better"], [0, 1], 2)
        self.target = indicators["target"].fill_null(np.nan).to_numpy()
        self.tolerance = indicators["target_tolerance"].fill_null(0.0).to_numpy()
        self.frequency = indicators["frequency_months"].to_numpy()
        self.is_proportion = (indicators["value_type"] == "proportion").to_numpy()
        self.as_at = frames.as_at


FLOOR_BLOCK = 32  # indicators at a time: every temporary array stays around 1 MB


def floor_numpy(inputs: FloorInputs) -> dict[str, np.ndarray]:
    """Compute every output as integer codes (and the neighbour mean) in one NumPy pass,
    a block of indicators at a time."""
    n_indicators = inputs.shape[0]
    out: dict[str, np.ndarray] = {}
    for start in range(0, n_indicators, FLOOR_BLOCK):
        block = slice(start, min(start + FLOOR_BLOCK, n_indicators))
        for name, array in _floor_block(inputs, block).items():
            if name not in out:
                out[name] = np.empty((n_indicators, *array.shape[1:]), dtype=array.dtype)
            out[name][block] = array
    return {name: array.reshape(-1) for name, array in out.items()}


def _floor_block(inputs: FloorInputs, block: slice) -> dict[str, np.ndarray]:
    columns = {name: array[block] for name, array in inputs.columns.items()}
    value = columns["value"]
    n_indicators, _n_areas, n_periods = value.shape
    polarity = inputs.polarity[block, None, None]
    orientation = np.where(polarity == 0, -1.0, 1.0)
    padded = np.concatenate([value, np.full((n_indicators, 1, n_periods), np.nan)], axis=1)
    england = np.broadcast_to(value[:, :1, :], value.shape).copy()
    england[:, 0, :] = np.nan
    region = padded[:, inputs.region_of, :]
    above = np.array([0, 2, 3], dtype=np.uint8)[polarity]
    below = np.array([2, 0, 4], dtype=np.uint8)[polarity]
    out: dict[str, np.ndarray] = {}
    for level in ("95", "998"):
        lower, upper = columns[f"lower{level}"], columns[f"upper{level}"]
        has = np.isfinite(value) & np.isfinite(lower) & np.isfinite(upper)
        for name, bench in (("england", england), ("region", region)):
            code = np.where(lower > bench, above, np.where(upper < bench, below, 1))
            out[f"compared_with_{name}_{level}"] = np.where(
                has & np.isfinite(bench), code, 5).astype(np.uint8)

    score = value * orientation
    listed = inputs.neighbour_areas
    own = score[:, listed, :]
    total = np.zeros(own.shape)
    count = np.zeros(own.shape, dtype=np.int16)
    better = np.ones(own.shape, dtype=np.int16)
    for slot in range(inputs.neighbours.shape[1]):
        members = inputs.neighbours[:, slot]
        values = value[:, members, :]
        present = ~np.isnan(values)
        count += present
        np.add(total, values, out=total, where=present)
        better += score[:, members, :] < own
    average = np.full(value.shape, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        average[:, listed, :] = np.where(count > 0, total / count, np.nan)
    rank = np.zeros(value.shape, dtype=np.int16)
    rank[:, listed, :] = np.where(np.isnan(own), 0, better)
    size = np.zeros(value.shape, dtype=np.int16)
    size[:, listed, :] = count + 1
    out["neighbour_average"] = average
    out["neighbour_rank"] = rank
    out["neighbour_quartile"] = _quantile(rank, size, 4)

    authorities = np.flatnonzero(inputs.is_authority)
    la_scores = np.moveaxis(score[:, authorities, :], 1, 2)  # (indicator, period, authority)
    order = np.argsort(la_scores, axis=2, kind="stable")
    ordered = np.take_along_axis(la_scores, order, axis=2)
    starts = np.ones(ordered.shape, dtype=bool)
    starts[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    run_start = np.where(starts, np.arange(len(authorities)), 0)
    np.maximum.accumulate(run_start, axis=2, out=run_start)
    la_rank = np.empty_like(run_start)
    np.put_along_axis(la_rank, order, run_start + 1, axis=2)
    la_rank[np.isnan(la_scores)] = 0
    quintile = np.zeros(value.shape, dtype=np.int8)
    quintile[:, authorities, :] = np.moveaxis(
        _quantile(la_rank, np.isfinite(la_scores).sum(axis=2, keepdims=True), 5), 2, 1)
    out["england_quintile"] = quintile

    target = inputs.target[block, None, None]
    tolerance = inputs.tolerance[block, None, None]
    meets = np.where(polarity == 0, value >= target, value <= target)
    close = np.where(polarity == 0, value >= target - tolerance, value <= target + tolerance)
    out["target_status"] = np.where(
        np.isfinite(value) & np.isfinite(target) & (polarity != 2),
        np.where(meets, 0, np.where(close, 1, 2)), 255).astype(np.uint8)

    change = np.full(value.shape, np.nan)
    change[..., 1:] = value[..., 1:] - value[..., :-1]
    rise = np.array([0, 2, 3])[polarity]
    fall = np.array([2, 0, 4])[polarity]
    out["direction_of_travel"] = np.where(
        np.isfinite(change), np.where(change > 0, rise, np.where(change < 0, fall, 1)),
        255).astype(np.uint8)

    out["recent_trend"] = _floor_trend(columns, inputs.is_proportion[block], polarity)

    has_value = np.isfinite(value)
    last = n_periods - 1 - np.argmax(has_value[..., ::-1], axis=2)
    latest = np.take_along_axis(inputs.period[block], last[..., None], axis=2)[..., 0]
    allowed = 2 * inputs.frequency[block, None]
    stale = ~has_value.any(axis=2) | (inputs.as_at - latest > allowed)
    out["is_stale"] = np.broadcast_to(stale[..., None], value.shape)
    return out


def _floor_trend(columns: dict[str, np.ndarray], is_proportion: np.ndarray,
                 polarity: np.ndarray) -> np.ndarray:
    value, count, denominator = columns["value"], columns["count"], columns["denominator"]
    lower, upper = columns["lower95"], columns["upper95"]
    proportion = is_proportion[:, None, None]
    usable_proportion = proportion & (count > 0) & (count < denominator)
    usable_other = ~proportion & np.isfinite(value) & (upper > lower)
    result = np.full(value.shape, 7, dtype=np.uint8)
    flat_result = result.reshape(-1)
    n_periods = value.shape[2]
    row_polarity = np.broadcast_to(polarity, value.shape).reshape(-1)
    for usable, proportions in ((usable_proportion, True), (usable_other, False)):
        rows = np.flatnonzero(usable.reshape(-1))
        series = rows // n_periods
        ends = np.flatnonzero(series[4:] == series[:-4]) + 4
        windows = rows[ends[None, :] - np.arange(4, -1, -1)[:, None]]
        if proportions:
            sign = proportion_trend(count.reshape(-1)[windows],
                                    denominator.reshape(-1)[windows], axis=0).sign
        else:
            sign = weighted_regression_trend(
                value.reshape(-1)[windows], lower.reshape(-1)[windows],
                upper.reshape(-1)[windows], axis=0).sign
        ending = rows[ends]
        pol = row_polarity[ending]
        flat_result[ending] = np.where(sign > 0, np.array([0, 1, 4])[pol],
                                       np.where(sign < 0, np.array([3, 2, 5])[pol], 6))
    return result


def _quantile(rank: np.ndarray, size: np.ndarray, quantiles: int) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.ceil(quantiles * (size + 1.0 - rank) / size)
    usable = (rank > 0) & (size >= quantiles)
    return np.where(usable, np.maximum(quantiles + 1.0 - share, 1.0), 0).astype(np.int8)


# --- agreement ------------------------------------------------------------------------------


def check_same(engine: pl.DataFrame, baseline: pd.DataFrame) -> None:
    """Assert that the engine and the pandas baseline agree, column by column."""
    keys = ["indicator_id", "area_code", "period_index"]
    engine = engine.with_row_index("row").sort(keys)
    order = engine["row"].to_numpy()
    baseline = baseline.iloc[order].reset_index(drop=True)
    assert list(engine.columns[1:]) == list(baseline.columns), (engine.columns, baseline.columns)
    for name in engine.columns[1:]:
        ours = engine[name]
        theirs = baseline[name]
        if ours.dtype == pl.Float64:
            np.testing.assert_allclose(ours.fill_null(np.nan).to_numpy(),
                                       theirs.to_numpy(dtype=np.float64),
                                       rtol=FLOAT_TOLERANCE, equal_nan=True, err_msg=name)
        elif ours.dtype == pl.Boolean:
            np.testing.assert_array_equal(ours.to_numpy(), theirs.to_numpy(dtype=bool),
                                          err_msg=name)
        elif ours.dtype.is_integer():
            np.testing.assert_array_equal(
                ours.fill_null(-1).to_numpy(),
                theirs.astype("Int64").fillna(-1).to_numpy(dtype=np.int64), err_msg=name)
        else:
            mine = ours.cast(pl.String).fill_null("").to_numpy()
            other = theirs.astype(object).where(theirs.notna(), "").astype(str).to_numpy()
            mismatched = np.flatnonzero(mine != other)
            assert mismatched.size == 0, (name, mismatched[:5], mine[mismatched[:5]],
                                          other[mismatched[:5]])


def check_floor(engine: pl.DataFrame, floor: dict[str, np.ndarray]) -> None:
    """Assert that the engine and the floor agree on every column the floor computes."""
    enums = {
        "compared_with_england_95": COMPARISON, "compared_with_england_998": COMPARISON,
        "compared_with_region_95": COMPARISON, "compared_with_region_998": COMPARISON,
        "target_status": TARGET_STATUS, "direction_of_travel": DIRECTION,
        "recent_trend": RECENT_TREND,
    }
    for name, codes in floor.items():
        ours = engine[name]
        if name in enums:
            expected = ours.to_physical().fill_null(255).to_numpy()
            np.testing.assert_array_equal(expected, codes, err_msg=name)
        elif name == "neighbour_average":
            np.testing.assert_allclose(ours.fill_null(np.nan).to_numpy(), codes,
                                       rtol=FLOAT_TOLERANCE, equal_nan=True, err_msg=name)
        else:
            np.testing.assert_array_equal(ours.fill_null(0).to_numpy(),
                                          codes.astype(ours.to_numpy().dtype
                                                       if ours.dtype != pl.Int32 else np.int32),
                                          err_msg=name)


if __name__ == "__main__":
    main()
