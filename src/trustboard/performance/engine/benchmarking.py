"""Benchmark every indicator value the way national profiles and children's services
reports do: against England and the region, against statistical neighbours, against all
local authorities, against a target, against the previous period and the recent trend,
and for currency.

Inputs (Polars frames):

- `data`, one row per indicator, area and period: `indicator_id` (integer),
  `area_code` (string, categorical or enum), `period_index` (integer: the first month of
  the period counted in months, year x 12 + month - 1, so periods sort and subtract),
  `value`, `lower95`, `upper95`, `lower998`, `upper998`, `count`, `denominator`
  (numbers, nulls allowed). Only the columns a function uses are required.
- `areas`: `area_code`, `region_code` (null for England and the regions), `is_england`,
  and optionally `is_region`; without it, a region is any code named as a `region_code`.
  Local authorities are the areas that are neither England nor a region.
- `neighbours`: `area_code`, `neighbour_code`, `rank` (1 = closest); usually ten a
  local authority (the NFER/DfE children's services statistical neighbours).
- `indicators`: `indicator_id`, `polarity` (higher_is_better, lower_is_better or
  no_judgement), `value_type` (proportion, rate, mean, count, dsr...), `target`,
  `target_tolerance` (in the indicator's units) and `frequency_months`.

Every output has one row per input row, keyed by indicator_id, area_code and
period_index, in the input's order (`currency` has one row per indicator and area).

How: each row's indicator, period and area are turned into integer positions in a dense
grid (indicator-period x area), so England's, the region's, the neighbours' and the
previous period's values are array lookups rather than joins, and every comparison is
whole-column NumPy arithmetic. There is no Python loop over rows: the only loops are over
the neighbour slots (ten), the points of a trend window (five) and blocks of a few
thousand indicator-periods or windows, which keep temporary arrays small enough to be
reused. `benchmark` runs the trend tests on a second thread beside the rest (NumPy
releases the GIL in its array loops), which is what the second core is for.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from .checks import (
    EngineInputError,
    FloatArray,
    as_float_array,
    check_choices,
    check_columns,
    check_known,
    check_unique,
)
from .trends import proportion_trend, weighted_regression_trend

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

KEYS = ("indicator_id", "area_code", "period_index")
POLARITIES = ("higher_is_better", "lower_is_better", "no_judgement")
HIGHER_IS_BETTER, LOWER_IS_BETTER, NO_JUDGEMENT = 0, 1, 2

#: Outcome of comparing an area's interval with a benchmark value (Fingertips' words).
COMPARISON = pl.Enum(["better", "similar", "worse", "higher", "lower", "not compared"])
#: Red, amber or green against a target, with a tolerance band for amber.
TARGET_STATUS = pl.Enum(["green", "amber", "red"])
#: Change since the previous period of the indicator.
DIRECTION = pl.Enum(["improving", "no change", "worsening", "increasing", "decreasing"])
#: The Fingertips recent trend markers, in lower case.
RECENT_TREND = pl.Enum(
    [
        "increasing and getting better",
        "increasing and getting worse",
        "decreasing and getting better",
        "decreasing and getting worse",
        "increasing",
        "decreasing",
        "no significant change",
        "cannot be calculated",
    ]
)

_NULL = 255
_SIMILAR, _NOT_COMPARED = 1, 5
# Comparison code for an interval above / below the benchmark, by polarity.
_ABOVE = np.array([0, 2, 3], dtype=np.uint8)
_BELOW = np.array([2, 0, 4], dtype=np.uint8)
# Direction code for a rise / fall, by polarity ("no change" is 1).
_RISE = np.array([0, 2, 3], dtype=np.uint8)
_FALL = np.array([2, 0, 4], dtype=np.uint8)
# Recent trend code for a significant increase / decrease, by polarity.
_INCREASING = np.array([0, 1, 4], dtype=np.uint8)
_DECREASING = np.array([3, 2, 5], dtype=np.uint8)
_NO_SIGNIFICANT_CHANGE, _CANNOT_BE_CALCULATED = 6, 7
_TREND_POINTS = 5
_TREND_BLOCK = 1 << 17
_GRID_BLOCK = 4096


@dataclass(frozen=True)
class _Grid:
    """Each row's place in a dense (indicator-period) x area grid, with the metadata.

    Cells are numbered `ip * stride + area`; the grid has one more column than there are
    areas, always empty, so a missing neighbour or region can point at it.
    """

    row_area: IntArray
    row_indicator: IntArray
    row_ip: IntArray
    row_cell: IntArray
    n_areas: int
    stride: int
    n_ip: int
    n_indicators: int
    ip_indicator: IntArray
    ip_period: IntArray
    ip_previous: IntArray
    area_codes: list[str]
    england: int
    is_region: BoolArray
    is_local_authority: BoolArray
    region_of: IntArray
    indicator_ids: IntArray
    polarity: npt.NDArray[np.int8]
    indicators: pl.DataFrame

    def scatter(self, row_values: FloatArray) -> FloatArray:
        """Return a grid holding `row_values` at each row's cell and NaN elsewhere."""
        grid = np.full(self.n_ip * self.stride, np.nan)
        grid[self.row_cell] = row_values
        return grid

    @property
    def row_polarity(self) -> npt.NDArray[np.int8]:
        return self.polarity[self.row_indicator]


def benchmark(
    data: pl.DataFrame,
    *,
    areas: pl.DataFrame,
    neighbours: pl.DataFrame,
    indicators: pl.DataFrame,
    as_at: int,
    trend_confidence: float = 0.998,
    grace_periods: int = 1,
) -> pl.DataFrame:
    """Return every benchmark for every row of `data` in one pass.

    Columns: the keys, then those of `compare_with_benchmark`, `neighbour_summary`,
    `england_quintile`, `target_status`, `direction_of_travel`, `recent_trend` and
    `is_stale` from `currency` (repeated on each row of the indicator and area). Each
    function's docstring gives its method and edge cases; this one prepares the grid once.
    """
    check_columns(data, [*KEYS, "value", "lower95", "upper95", "lower998", "upper998"],
                  frame_name="data")
    grid = _prepare(
        data, areas=areas, indicators=indicators,
        indicator_columns=("polarity", "value_type", "target", "target_tolerance",
                           "frequency_months"),
    )
    arrays = _arrays(data, ("value", "lower95", "upper95", "lower998", "upper998", "count",
                            "denominator"))
    value = arrays["value"]
    grid_value = grid.scatter(value)
    matrix = _neighbour_matrix(neighbours, grid)
    # The trend test and the grid work are independent and NumPy releases the GIL in its
    # array loops, so the two run side by side on two cores.
    with ThreadPoolExecutor(max_workers=1) as pool:
        trend = pool.submit(_recent_trend, grid, arrays, trend_confidence)
        columns: dict[str, npt.NDArray[np.generic]] = {}
        columns.update(_comparisons(grid, arrays, grid_value))
        columns.update(_neighbours(grid, grid_value, matrix))
        columns["england_quintile"] = _england_quintile(grid, grid_value)
        columns["target_status"] = _target_status(grid, value)
        columns["direction_of_travel"] = _direction(grid, value, grid_value)
        latest, row_series = _latest_periods(grid, value)
        stale = _is_stale(grid, latest, as_at, grace_periods)[row_series]
        columns["recent_trend"] = trend.result()
    columns["is_stale"] = stale
    return _output(data, columns)


def compare_with_benchmark(
    data: pl.DataFrame, *, areas: pl.DataFrame, indicators: pl.DataFrame
) -> pl.DataFrame:
    """Compare each value's 95% and 99.8% intervals with England's and the region's value.

    Method: the Fingertips comparison by confidence interval ("Comparators" technical
    briefing): an interval wholly above the benchmark value is higher, wholly below is
    lower, and one that overlaps it (touching included) is similar; with polarity,
    higher or lower becomes better or worse, and no_judgement keeps higher and lower.

    Output columns: `compared_with_england_95`, `compared_with_england_998`,
    `compared_with_region_95`, `compared_with_region_998` (enum `COMPARISON`).
    "not compared" when the area's value or limits or the benchmark value are missing,
    for England itself, and for the region columns of areas with no region.
    """
    check_columns(data, [*KEYS, "value", "lower95", "upper95", "lower998", "upper998"],
                  frame_name="data")
    grid = _prepare(data, areas=areas, indicators=indicators, indicator_columns=("polarity",))
    arrays = _arrays(data, ("value", "lower95", "upper95", "lower998", "upper998"))
    return _output(data, _comparisons(grid, arrays, grid.scatter(arrays["value"])))


def neighbour_summary(
    data: pl.DataFrame,
    *,
    areas: pl.DataFrame,
    neighbours: pl.DataFrame,
    indicators: pl.DataFrame,
) -> pl.DataFrame:
    """Summarise each value against the area's statistical neighbours in the same period.

    Output columns:
    - `neighbour_average`: the mean of the neighbours' values that are present (null if
      none are, or the area has no neighbours);
    - `neighbour_count`: how many neighbours have a value (null without neighbours);
    - `neighbour_rank`: the area's rank among itself and those neighbours, 1 = best by
      polarity (for no_judgement, 1 = lowest value); ties share the better rank; null
      when the area's own value is missing;
    - `neighbour_quartile`: 1 (best) to 4 within that group by the PHE quantile rule
      (see `england_quintile`); null for groups of fewer than four.
    """
    check_columns(data, [*KEYS, "value"], frame_name="data")
    grid = _prepare(data, areas=areas, indicators=indicators, indicator_columns=("polarity",))
    grid_value = grid.scatter(_column(data, "value"))
    return _output(data, _neighbours(grid, grid_value, _neighbour_matrix(neighbours, grid)))


def england_quintile(
    data: pl.DataFrame, *, areas: pl.DataFrame, indicators: pl.DataFrame
) -> pl.DataFrame:
    """Place each local authority's value in a quintile of all local authorities.

    Method: the PHE quantile rule (OHID technical guide "Assigning deprivation
    categories"; PHEindicatormethods `phe_quantile`): rank the n local authorities with a
    value for the indicator and period, 1 = best by polarity (lowest value for
    no_judgement), ties sharing the better rank, then
    quintile = 6 - ceil(5 (n + 1 - rank) / n), at least 1.

    Output column `england_quintile` (1 = best); null for England, regions, missing
    values, and periods with fewer than five local authority values.
    """
    check_columns(data, [*KEYS, "value"], frame_name="data")
    grid = _prepare(data, areas=areas, indicators=indicators, indicator_columns=("polarity",))
    grid_value = grid.scatter(_column(data, "value"))
    return _output(data, {"england_quintile": _england_quintile(grid, grid_value)})


def target_status(data: pl.DataFrame, *, indicators: pl.DataFrame) -> pl.DataFrame:
    """Rate each value red, amber or green against its indicator's target.

    Method: green when the value meets the target (at or above it when higher is better,
    at or below when lower is better); amber when it misses by no more than
    `target_tolerance` (in the indicator's units; none means no amber band); red
    otherwise. Output column `target_status` (enum `TARGET_STATUS`); null when the
    indicator has no target or no polarity (no_judgement), or the value is missing.
    """
    check_columns(data, [*KEYS, "value"], frame_name="data")
    grid = _prepare(data, areas=None, indicators=indicators,
                    indicator_columns=("polarity", "target", "target_tolerance"))
    return _output(data, {"target_status": _target_status(grid, _column(data, "value"))})


def direction_of_travel(data: pl.DataFrame, *, indicators: pl.DataFrame) -> pl.DataFrame:
    """Say whether each value improved or worsened since the indicator's previous period.

    Method: the value is compared with the same area's value for the indicator's
    previous period (the latest earlier period with any row for the indicator): a
    rise is improving when higher is better and worsening when lower is better; a fall the
    reverse; no_judgement gives increasing or decreasing; equal values give no change.
    Output column `direction_of_travel` (enum `DIRECTION`); null for the first period or
    when either value is missing. The change is not tested for significance: see
    `recent_trend` for that.
    """
    check_columns(data, [*KEYS, "value"], frame_name="data")
    grid = _prepare(data, areas=None, indicators=indicators, indicator_columns=("polarity",))
    value = _column(data, "value")
    return _output(data, {"direction_of_travel": _direction(grid, value, grid.scatter(value))})


def recent_trend(
    data: pl.DataFrame, *, indicators: pl.DataFrame, confidence: float = 0.998
) -> pl.DataFrame:
    """Mark each value with the Fingertips recent trend over its last five points.

    Method (see `trends`): the five most recent points of the indicator and area up to
    and including this period that can be used (for proportions, a count and a
    denominator with 0 < count < denominator, tested with the chi-squared test for trend;
    for every other value type, a value with a 95% interval of some width, tested by
    weighted regression), significant at `confidence` (0.998 as on Fingertips) with no
    single point reversing the slope. Output column `recent_trend` (enum `RECENT_TREND`):
    "increasing and getting better" and so on by polarity, "increasing"/"decreasing" for
    no_judgement, "no significant change", or "cannot be calculated" when the row's own
    point cannot be used or fewer than five can.
    """
    check_columns(data, [*KEYS, "value", "lower95", "upper95"], frame_name="data")
    grid = _prepare(data, areas=None, indicators=indicators,
                    indicator_columns=("polarity", "value_type"))
    arrays = _arrays(data, ("value", "lower95", "upper95", "count", "denominator"))
    return _output(data, {"recent_trend": _recent_trend(grid, arrays, confidence)})


def currency(
    data: pl.DataFrame, *, indicators: pl.DataFrame, as_at: int, grace_periods: int = 1
) -> pl.DataFrame:
    """Flag each indicator and area whose latest value is older than its frequency allows.

    Method: the latest period with a value is stale at the month `as_at` (same units as
    `period_index`) when as_at - latest_period_index > (1 + grace_periods) x
    frequency_months + publication_lag_months: one frequency for the period itself,
    `grace_periods` more for the next period to end, and the months its publisher takes to
    publish it (the optional `publication_lag_months` column; none when absent or null).
    A series with no value at all is stale.
    Output: one row per indicator and area in `data`, with `indicator_id`, `area_code`,
    `latest_period_index` (null if no value) and `is_stale`, sorted by indicator and area.
    """
    check_columns(data, [*KEYS, "value"], frame_name="data")
    grid = _prepare(data, areas=None, indicators=indicators,
                    indicator_columns=("frequency_months",))
    latest, row_series = _latest_periods(grid, _column(data, "value"))
    stale = _is_stale(grid, latest, as_at, grace_periods)
    present = np.zeros(grid.n_indicators * grid.n_areas, dtype=bool)
    present[row_series] = True
    series = np.flatnonzero(present)
    area_codes = pl.Series(grid.area_codes, dtype=pl.String)
    return pl.DataFrame(
        {
            "indicator_id": pl.Series(grid.indicator_ids[series // grid.n_areas]),
            "area_code": area_codes.gather(series % grid.n_areas),
            "latest_period_index": pl.Series(latest[series], nan_to_null=True),
            "is_stale": stale[series],
        }
    ).with_columns(
        pl.col("indicator_id").cast(data.schema["indicator_id"]),
        pl.col("area_code").cast(data.schema["area_code"]),
        pl.col("latest_period_index").cast(data.schema["period_index"]),
    ).sort(["indicator_id", "area_code"])


# --- preparing the grid -------------------------------------------------------------------


def _prepare(
    data: pl.DataFrame,
    *,
    areas: pl.DataFrame | None,
    indicators: pl.DataFrame,
    indicator_columns: Sequence[str],
) -> _Grid:
    check_columns(data, KEYS, frame_name="data")
    for key in KEYS:
        if data[key].null_count():
            raise EngineInputError("has empty values", field=f"data.{key}")
    check_columns(indicators, ["indicator_id", *indicator_columns], frame_name="indicators")
    check_unique(indicators, ["indicator_id"], frame_name="indicators")
    if "polarity" in indicator_columns:
        check_choices(indicators["polarity"], POLARITIES, field="indicators.polarity")
    if areas is None:
        areas = _areas_from_data(data)
    area_codes, england, is_region, region_of = _area_layout(areas)
    row_area = _row_area_positions(data["area_code"], area_codes)
    indicator_ids = indicators["indicator_id"].to_numpy()
    row_indicator = _positions_of(data["indicator_id"].to_numpy(), indicator_ids,
                                  field="data.indicator_id", known_in="indicators")
    periods = data["period_index"].to_numpy().astype(np.int64, copy=False)
    distinct_periods, row_period = _dense_codes(periods)
    n_periods = len(distinct_periods)
    pair = row_indicator * n_periods + row_period
    used = np.zeros(len(indicator_ids) * n_periods, dtype=bool)
    used[pair] = True
    pair_to_ip = np.cumsum(used) - 1
    used_pairs = np.flatnonzero(used)
    row_ip = pair_to_ip[pair]
    ip_indicator = used_pairs // n_periods
    ip_previous = np.arange(len(used_pairs)) - 1
    ip_previous[0:1] = -1
    ip_previous[1:][ip_indicator[1:] != ip_indicator[:-1]] = -1
    n_areas = len(area_codes)
    stride = n_areas + 1
    row_cell = row_ip * stride + row_area
    _refuse_duplicate_cells(data, row_cell, len(used_pairs) * stride)
    polarity = np.full(len(indicator_ids), HIGHER_IS_BETTER, dtype=np.int8)
    if "polarity" in indicators.columns:
        polarity = (
            indicators["polarity"].replace_strict(list(POLARITIES), [0, 1, 2], default=0,
                                                  return_dtype=pl.Int8).to_numpy()
        )
    is_local_authority = ~is_region
    if england >= 0:
        is_local_authority[england] = False
    return _Grid(
        row_area=row_area,
        row_indicator=row_indicator,
        row_ip=row_ip,
        row_cell=row_cell,
        n_areas=n_areas,
        stride=stride,
        n_ip=len(used_pairs),
        n_indicators=len(indicator_ids),
        ip_indicator=ip_indicator,
        ip_period=distinct_periods[used_pairs % n_periods],
        ip_previous=ip_previous,
        area_codes=area_codes,
        england=england,
        is_region=is_region,
        is_local_authority=is_local_authority,
        region_of=region_of,
        indicator_ids=indicator_ids,
        polarity=polarity,
        indicators=indicators,
    )


def _areas_from_data(data: pl.DataFrame) -> pl.DataFrame:
    codes = data["area_code"].cast(pl.String).unique().sort()
    return pl.DataFrame(
        {"area_code": codes, "region_code": pl.Series([None] * len(codes), dtype=pl.String),
         "is_england": pl.Series([False] * len(codes))}
    )


def _area_layout(areas: pl.DataFrame) -> tuple[list[str], int, BoolArray, IntArray]:
    check_columns(areas, ["area_code", "region_code", "is_england"], frame_name="areas")
    check_unique(areas, ["area_code"], frame_name="areas")
    codes = areas["area_code"].cast(pl.String)
    if codes.null_count():
        raise EngineInputError("has empty area codes", field="areas.area_code")
    regions = areas["region_code"].cast(pl.String)
    check_known(regions, codes, field="areas.region_code", known_in="areas.area_code")
    england_flags = areas["is_england"].fill_null(False).to_numpy().astype(bool)
    if england_flags.sum() > 1:
        raise EngineInputError("marks more than one area as England", field="areas.is_england")
    area_codes = codes.to_list()
    lookup = {code: position for position, code in enumerate(area_codes)}
    region_of = np.array([lookup.get(code, -1) if code is not None else -1
                          for code in regions.to_list()], dtype=np.int64)
    if "is_region" in areas.columns:
        is_region = areas["is_region"].fill_null(False).to_numpy().astype(bool)
    else:
        is_region = np.zeros(len(area_codes), dtype=bool)
        is_region[region_of[region_of >= 0]] = True
    england = int(np.flatnonzero(england_flags)[0]) if england_flags.any() else -1
    return area_codes, england, is_region, region_of


def _row_area_positions(codes: pl.Series, area_codes: list[str]) -> IntArray:
    lookup = {code: position for position, code in enumerate(area_codes)}
    if isinstance(codes.dtype, pl.Enum):
        categories = codes.dtype.categories.to_list()
        category_area = np.array([lookup.get(code, -1) for code in categories], dtype=np.int64)
        positions = category_area[codes.to_physical().to_numpy().astype(np.int64)]
    else:
        positions = (
            codes.cast(pl.String)
            .replace_strict(area_codes, list(range(len(area_codes))), default=-1,
                            return_dtype=pl.Int64)
            .to_numpy()
        )
    if (positions < 0).any():
        check_known(codes, pl.Series(area_codes), field="data.area_code", known_in="areas")
    return positions


def _positions_of(values: npt.NDArray[np.generic], known: npt.NDArray[np.generic], *,
                  field: str, known_in: str) -> IntArray:
    """Return the position in `known` of each of `values`, refusing any not found."""
    positions = np.full(len(values), -1, dtype=np.int64)
    if len(known) and len(values):
        low, high = int(known.min()), int(known.max())
        if high - low <= max(4 * len(values), 1 << 20):
            table = np.full(high - low + 1, -1, dtype=np.int64)
            table[known.astype(np.int64) - low] = np.arange(len(known))
            inside = (values >= low) & (values <= high)
            positions = np.where(inside, table[np.where(inside, values, low) - low], -1)
        else:
            order = np.argsort(known, kind="stable")
            found = np.clip(np.searchsorted(known[order], values), 0, len(known) - 1)
            positions = np.where(known[order][found] == values, order[found], -1)
    if (positions < 0).any():
        check_known(pl.Series(values), pl.Series(known), field=field, known_in=known_in)
    return positions


def _dense_codes(values: IntArray) -> tuple[IntArray, IntArray]:
    """Return the sorted distinct values and each value's position among them."""
    if len(values) == 0:
        return values, values
    low = int(values.min())
    span = int(values.max()) - low + 1
    if span <= max(4 * len(values), 1 << 20):
        shifted = values - low
        present = np.zeros(span, dtype=bool)
        present[shifted] = True
        rank = np.cumsum(present) - 1
        return np.flatnonzero(present) + low, rank[shifted]
    distinct, inverse = np.unique(values, return_inverse=True)
    return distinct, inverse


def _refuse_duplicate_cells(data: pl.DataFrame, row_cell: IntArray, n_cells: int) -> None:
    counts = np.bincount(row_cell, minlength=n_cells)
    if counts.max(initial=0) > 1:
        check_unique(data, list(KEYS), frame_name="data")


def _neighbour_matrix(neighbours: pl.DataFrame, grid: _Grid) -> IntArray:
    """Return each area's neighbours as grid columns, closest first, padded with the empty
    column (index n_areas)."""
    check_columns(neighbours, ["area_code", "neighbour_code", "rank"], frame_name="neighbours")
    check_unique(neighbours, ["area_code", "neighbour_code"], frame_name="neighbours")
    check_unique(neighbours, ["area_code", "rank"], frame_name="neighbours")
    known = pl.Series(grid.area_codes)
    for column in ("area_code", "neighbour_code"):
        check_known(neighbours[column], known, field=f"neighbours.{column}", known_in="areas")
    lookup = {code: position for position, code in enumerate(grid.area_codes)}
    ordered = neighbours.sort(["area_code", "rank"])
    area = np.array([lookup[c] for c in ordered["area_code"].cast(pl.String).to_list()],
                    dtype=np.int64)
    neighbour = np.array([lookup[c] for c in ordered["neighbour_code"].cast(pl.String).to_list()],
                         dtype=np.int64)
    width = int(np.bincount(area, minlength=grid.n_areas).max(initial=0))
    matrix = np.full((grid.n_areas, max(width, 1)), grid.n_areas, dtype=np.int64)
    if len(area):
        starts = np.flatnonzero(np.r_[True, area[1:] != area[:-1]])
        slot = np.arange(len(area)) - np.repeat(starts, np.diff(np.r_[starts, len(area)]))
        matrix[area, slot] = neighbour
    return matrix


# --- the calculations ---------------------------------------------------------------------


def _column(data: pl.DataFrame, name: str) -> FloatArray:
    if name not in data.columns:
        return np.full(data.height, np.nan)
    return as_float_array(data[name], field=f"data.{name}")


def _arrays(data: pl.DataFrame, names: Sequence[str]) -> dict[str, FloatArray]:
    """Return the named columns as float arrays, NaN where missing, each converted once."""
    present = [name for name in names if name in data.columns]
    for name in present:
        if not (data.schema[name].is_numeric() or data.schema[name] == pl.Null):
            raise EngineInputError(f"must be numeric, not {data.schema[name]}",
                                   field=f"data.{name}")
    floats = data.select(pl.col(present).cast(pl.Float64).fill_null(float("nan")))
    return {name: floats[name].to_numpy() if name in present else np.full(data.height, np.nan)
            for name in names}


def _comparisons(grid: _Grid, arrays: dict[str, FloatArray],
                 grid_value: FloatArray) -> dict[str, npt.NDArray[np.uint8]]:
    value = arrays["value"]
    base = grid.row_ip * grid.stride
    england = grid.england if grid.england >= 0 else grid.n_areas
    england_value = grid_value[base + england]
    england_value[grid.row_area == grid.england] = np.nan
    region = grid.region_of[grid.row_area]
    region_value = grid_value[base + np.where(region >= 0, region, grid.n_areas)]
    polarity = grid.row_polarity
    above, below = _ABOVE[polarity], _BELOW[polarity]
    has_value = np.isfinite(value)
    results = {}
    for level in ("95", "998"):
        lower, upper = arrays[f"lower{level}"], arrays[f"upper{level}"]
        has_interval = has_value & np.isfinite(lower) & np.isfinite(upper)
        for name, benchmark_value in (("england", england_value), ("region", region_value)):
            code = np.full(len(value), _SIMILAR, dtype=np.uint8)
            with np.errstate(invalid="ignore"):
                np.copyto(code, above, where=lower > benchmark_value)
                np.copyto(code, below, where=upper < benchmark_value)
            code[~(has_interval & np.isfinite(benchmark_value))] = _NOT_COMPARED
            results[f"compared_with_{name}_{level}"] = code
    return results


def _orientation(grid: _Grid) -> FloatArray:
    """Per indicator-period, the factor turning a value into a score where lower = better
    (and, for no_judgement, lower = lower value)."""
    return np.where(grid.polarity[grid.ip_indicator] == HIGHER_IS_BETTER, -1.0, 1.0)


def _neighbours(grid: _Grid, grid_value: FloatArray,
                matrix: IntArray) -> dict[str, npt.NDArray[np.generic]]:
    has_neighbours = np.flatnonzero((matrix < grid.n_areas).any(axis=1))
    members = matrix[has_neighbours]
    # Areas as rows, so that each neighbour's values are one contiguous run to copy.
    by_area = np.ascontiguousarray(grid_value.reshape(grid.n_ip, grid.stride).T)
    scores = by_area * _orientation(grid)
    shape = (len(has_neighbours), grid.n_ip)
    average = np.empty(shape)
    count = np.empty(shape, dtype=np.int16)
    rank = np.empty(shape, dtype=np.int16)
    quartile = np.empty(shape, dtype=np.int8)
    # Blocks of indicator-periods keep each temporary array small enough to be reused.
    for start in range(0, grid.n_ip, _GRID_BLOCK):
        columns = slice(start, min(start + _GRID_BLOCK, grid.n_ip))
        own_score = scores[has_neighbours, columns]
        total = np.zeros(own_score.shape)
        present_count = np.zeros(own_score.shape, dtype=np.int16)
        better = np.ones(own_score.shape, dtype=np.int16)
        for slot in range(members.shape[1]):
            neighbour = members[:, slot]
            values = by_area[neighbour, columns]
            present = ~np.isnan(values)
            present_count += present
            np.add(total, values, out=total, where=present)
            better += scores[neighbour, columns] < own_score
        with np.errstate(invalid="ignore", divide="ignore"):
            average[:, columns] = np.where(present_count > 0, total / present_count, np.nan)
        better[np.isnan(own_score)] = 0
        count[:, columns] = present_count
        rank[:, columns] = better
        quartile[:, columns] = _phe_quantile(better, present_count + 1, 4)
    slot_of = np.full(grid.n_areas + 1, -1, dtype=np.int64)
    slot_of[has_neighbours] = np.arange(len(has_neighbours))
    row_slot = slot_of[grid.row_area]
    listed = row_slot >= 0
    at = row_slot[listed] * grid.n_ip + grid.row_ip[listed]
    n = len(grid.row_area)
    row_average = np.full(n, np.nan)
    row_average[listed] = average.ravel()[at]
    row_count = np.full(n, -1, dtype=np.int16)
    row_count[listed] = count.ravel()[at]
    row_rank = np.zeros(n, dtype=np.int16)
    row_rank[listed] = rank.ravel()[at]
    row_quartile = np.zeros(n, dtype=np.int8)
    row_quartile[listed] = quartile.ravel()[at]
    return {
        "neighbour_average": row_average,
        "neighbour_count": row_count,
        "neighbour_rank": row_rank,
        "neighbour_quartile": row_quartile,
    }


def _england_quintile(grid: _Grid, grid_value: FloatArray) -> npt.NDArray[np.int8]:
    authorities = np.flatnonzero(grid.is_local_authority)
    n = len(grid.row_area)
    quintile = np.zeros((grid.n_ip, len(authorities)), dtype=np.int8)
    table = grid_value.reshape(grid.n_ip, grid.stride)
    orientation = _orientation(grid)
    for start in range(0, grid.n_ip if len(authorities) else 0, _GRID_BLOCK):
        rows = slice(start, min(start + _GRID_BLOCK, grid.n_ip))
        scores = table[rows, authorities] * orientation[rows, None]
        ranks = _min_ranks(scores)
        sizes = np.isfinite(scores).sum(axis=1, keepdims=True)
        quintile[rows] = _phe_quantile(ranks, sizes, 5)
    slot = np.full(grid.n_areas, -1, dtype=np.int64)
    slot[authorities] = np.arange(len(authorities))
    row_slot = slot[grid.row_area]
    listed = row_slot >= 0
    row_quintile = np.zeros(n, dtype=np.int8)
    row_quintile[listed] = quintile.ravel()[grid.row_ip[listed] * len(authorities)
                                            + row_slot[listed]]
    return row_quintile


def _min_ranks(scores: FloatArray) -> IntArray:
    """Rank each row's scores ascending, 1-based, ties sharing the lowest rank; NaN gets 0."""
    order = np.argsort(scores, axis=1, kind="stable")  # measured faster than quicksort here
    ordered = np.take_along_axis(scores, order, axis=1)
    width = scores.shape[1]
    starts = np.ones(ordered.shape, dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    run_start = np.where(starts, np.arange(width), 0)
    np.maximum.accumulate(run_start, axis=1, out=run_start)
    ranks = np.empty_like(run_start)
    np.put_along_axis(ranks, order, run_start + 1, axis=1)
    ranks[np.isnan(scores)] = 0
    return ranks


def _phe_quantile(rank: npt.NDArray[np.integer], size: npt.NDArray[np.integer],
                  quantiles: int) -> npt.NDArray[np.int8]:
    """Return the PHE quantile (1..quantiles) of each rank in a group of `size`, or 0 where
    there is no rank or the group is smaller than the number of quantiles.

    quantile = quantiles + 1 - ceil(quantiles (size + 1 - rank) / size), at least 1. The
    division is of small integers, so its float quotient is exact when whole and never
    rounds across a whole number otherwise: the ceiling is exact.
    """
    usable = (rank > 0) & (size >= quantiles)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.ceil(quantiles * (size + 1.0 - rank) / size)
    quantile = np.maximum(quantiles + 1.0 - share, 1.0)
    return np.where(usable, quantile, 0).astype(np.int8)


def _target_status(grid: _Grid, value: FloatArray) -> npt.NDArray[np.uint8]:
    indicators = grid.indicators
    target = as_float_array(indicators["target"], field="indicators.target")[grid.row_indicator]
    tolerance = np.nan_to_num(
        as_float_array(indicators["target_tolerance"], field="indicators.target_tolerance"),
        nan=0.0,
    )[grid.row_indicator]
    polarity = grid.row_polarity
    higher = polarity == HIGHER_IS_BETTER
    with np.errstate(invalid="ignore"):
        meets = np.where(higher, value >= target, value <= target)
        close = np.where(higher, value >= target - tolerance, value <= target + tolerance)
    status = np.where(meets, 0, np.where(close, 1, 2))
    assessable = np.isfinite(value) & np.isfinite(target) & (polarity != NO_JUDGEMENT)
    return np.where(assessable, status, _NULL).astype(np.uint8)


def _direction(grid: _Grid, value: FloatArray, grid_value: FloatArray) -> npt.NDArray[np.uint8]:
    previous_ip = grid.ip_previous[grid.row_ip]
    previous = grid_value[np.where(previous_ip >= 0, previous_ip * grid.stride + grid.row_area,
                                   grid.n_areas)]
    change = value - previous
    polarity = grid.row_polarity
    code = np.where(change > 0, _RISE[polarity], np.where(change < 0, _FALL[polarity], 1))
    return np.where(np.isfinite(change), code, _NULL).astype(np.uint8)


def _recent_trend(grid: _Grid, arrays: dict[str, FloatArray],
                  confidence: float) -> npt.NDArray[np.uint8]:
    value_type = grid.indicators["value_type"].cast(pl.String).fill_null("")
    is_proportion = (value_type == "proportion").to_numpy()[grid.row_indicator]
    value, count, denominator = arrays["value"], arrays["count"], arrays["denominator"]
    lower, upper = arrays["lower95"], arrays["upper95"]
    with np.errstate(invalid="ignore"):
        usable_proportion = is_proportion & (count > 0) & (count < denominator)
        usable_other = ~is_proportion & np.isfinite(value) & (upper > lower)
    result = np.full(len(value), _CANNOT_BE_CALCULATED, dtype=np.uint8)
    polarity = grid.row_polarity
    for usable, proportions in ((usable_proportion, True), (usable_other, False)):
        rows, series = _series_order(grid, usable)
        span = _TREND_POINTS - 1
        ends = np.flatnonzero(series[span:] == series[:-span]) + span
        # Blocks of windows keep each temporary array small enough to be reused.
        for start in range(0, len(ends), _TREND_BLOCK):
            block = ends[start:start + _TREND_BLOCK]
            windows = rows[block[None, :] - np.arange(span, -1, -1)[:, None]]
            if proportions:
                test = proportion_trend(count[windows], denominator[windows],
                                        confidence=confidence, axis=0)
            else:
                test = weighted_regression_trend(value[windows], lower[windows],
                                                 upper[windows], confidence=confidence, axis=0)
            ending = rows[block]
            row_polarity = polarity[ending]
            result[ending] = np.where(
                test.sign > 0, _INCREASING[row_polarity],
                np.where(test.sign < 0, _DECREASING[row_polarity], _NO_SIGNIFICANT_CHANGE),
            )
    return result


def _series_order(grid: _Grid, usable: BoolArray) -> tuple[IntArray, IntArray]:
    """Return the usable rows in (area, indicator, period) order, with each one's series."""
    cells = grid.row_area * grid.n_ip + grid.row_ip
    marker = np.zeros(grid.n_areas * grid.n_ip, dtype=bool)
    usable_rows = np.flatnonzero(usable)
    marker[cells[usable_rows]] = True
    row_at = np.empty(grid.n_areas * grid.n_ip, dtype=np.int64)
    row_at[cells[usable_rows]] = usable_rows
    rows = row_at[np.flatnonzero(marker)]
    series = grid.row_indicator[rows] * grid.n_areas + grid.row_area[rows]
    return rows, series


def _latest_periods(grid: _Grid, value: FloatArray) -> tuple[FloatArray, IntArray]:
    """Return each series' latest period with a value (NaN if none), and each row's series."""
    rows, series = _series_order(grid, np.isfinite(value))
    latest = np.full(grid.n_indicators * grid.n_areas, np.nan)
    if len(rows):
        last = np.r_[series[1:] != series[:-1], True]
        latest[series[last]] = grid.ip_period[grid.row_ip[rows[last]]]
    row_series = grid.row_indicator * grid.n_areas + grid.row_area
    return latest, row_series


def _is_stale(grid: _Grid, latest: FloatArray, as_at: int, grace_periods: int) -> BoolArray:
    frequency = as_float_array(grid.indicators["frequency_months"],
                               field="indicators.frequency_months")
    allowed = (1 + grace_periods) * frequency
    if "publication_lag_months" in grid.indicators.columns:
        lag = as_float_array(grid.indicators["publication_lag_months"].fill_null(0),
                             field="indicators.publication_lag_months")
        allowed = allowed + lag
    allowed = np.repeat(allowed, grid.n_areas)
    with np.errstate(invalid="ignore"):
        return np.isnan(latest) | ((as_at - latest) > allowed)


# --- output -------------------------------------------------------------------------------

_ENUMS = {
    "compared_with_england_95": COMPARISON,
    "compared_with_england_998": COMPARISON,
    "compared_with_region_95": COMPARISON,
    "compared_with_region_998": COMPARISON,
    "target_status": TARGET_STATUS,
    "direction_of_travel": DIRECTION,
    "recent_trend": RECENT_TREND,
}
# Integer outputs where 0 (ranks, quantiles) or -1 (counts) stands for "none".
_ZERO_IS_NULL = ("neighbour_rank", "neighbour_quartile", "england_quintile")


def _output(data: pl.DataFrame, columns: dict[str, npt.NDArray[np.generic]]) -> pl.DataFrame:
    expressions: list[pl.Expr] = []
    raw: dict[str, pl.Series] = {}
    for name, array in columns.items():
        if name in _ENUMS:
            raw[name] = pl.Series(name, array, dtype=pl.UInt8)
            expressions.append(
                pl.when(pl.col(name) != _NULL).then(pl.col(name)).cat.to(_ENUMS[name]).alias(name)
            )
        elif name in _ZERO_IS_NULL:
            raw[name] = pl.Series(name, array).cast(pl.Int32)
            expressions.append(pl.when(pl.col(name) > 0).then(pl.col(name)).alias(name))
        elif name == "neighbour_count":
            raw[name] = pl.Series(name, array).cast(pl.Int32)
            expressions.append(pl.when(pl.col(name) >= 0).then(pl.col(name)).alias(name))
        elif array.dtype == np.float64:
            raw[name] = pl.Series(name, array, nan_to_null=True)
        else:
            raw[name] = pl.Series(name, array)
    frame = data.select(KEYS).with_columns(**raw)
    if expressions:
        frame = frame.with_columns(expressions)
    return frame
