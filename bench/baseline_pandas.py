"""The benchmark's baseline: the same comparisons as `engine.benchmarking.benchmark`,
written the way a competent analyst writes them in pandas: merges, group-bys, shifts and
whole-column arithmetic, no loops over rows.

It reproduces the engine's rules (see that module's docstrings) independently, so the
benchmark can check that both give the same answers before timing them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

COMPARISON = ["better", "similar", "worse", "higher", "lower", "not compared"]
TARGET_STATUS = ["green", "amber", "red"]
DIRECTION = ["improving", "no change", "worsening", "increasing", "decreasing"]
RECENT_TREND = [
    "increasing and getting better", "increasing and getting worse",
    "decreasing and getting better", "decreasing and getting worse",
    "increasing", "decreasing", "no significant change", "cannot be calculated",
]
KEYS = ["indicator_id", "area_code", "period_index"]


def benchmark_pandas(
    data: pd.DataFrame,
    *,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    indicators: pd.DataFrame,
    as_at: int,
    trend_confidence: float = 0.998,
    grace_periods: int = 1,
) -> pd.DataFrame:
    """Return the engine's `benchmark` columns for every row of `data`, in pandas."""
    codes = data["area_code"].cat.categories
    df = data.copy()
    df["row"] = np.arange(len(df))
    region_code = areas.set_index("area_code")["region_code"]
    is_region = areas["area_code"].isin(areas["region_code"].dropna())
    region_codes = set(areas.loc[is_region, "area_code"])
    england_code = areas.loc[areas["is_england"], "area_code"].iloc[0]
    df["region_code"] = df["area_code"].map(region_code).astype(pd.CategoricalDtype(codes))
    df["is_england"] = df["area_code"] == england_code
    df["is_region"] = df["area_code"].isin(region_codes)
    df["is_local_authority"] = ~df["is_england"] & ~df["is_region"]
    df = df.merge(indicators, on="indicator_id", how="left")
    df["orientation"] = np.where(df["polarity"] == "higher_is_better", -1.0, 1.0)
    df["score"] = df["value"] * df["orientation"]

    # England and region values for the same indicator and period.
    england = df.loc[df["is_england"], ["indicator_id", "period_index", "value"]]
    df = df.merge(england.rename(columns={"value": "england_value"}),
                  on=["indicator_id", "period_index"], how="left")
    df.loc[df["is_england"], "england_value"] = np.nan
    region = df.loc[df["is_region"], ["indicator_id", "period_index", "area_code", "value"]]
    region = region.rename(columns={"area_code": "region_code", "value": "region_value"})
    df = df.merge(region, on=["indicator_id", "period_index", "region_code"], how="left")

    out = df[["row", *KEYS]].copy()
    for level in ("95", "998"):
        for name in ("england", "region"):
            out[f"compared_with_{name}_{level}"] = _compare(
                df, df[f"lower{level}"], df[f"upper{level}"], df[f"{name}_value"])

    # Statistical neighbours: every neighbour's value beside the area's own.
    own = df[["indicator_id", "period_index", "area_code", "value", "score"]]
    pairs = neighbours[["area_code", "neighbour_code"]].astype(pd.CategoricalDtype(codes))
    pairs = pairs.merge(own.rename(columns={"area_code": "neighbour_code",
                                            "value": "neighbour_value",
                                            "score": "neighbour_score"}), on="neighbour_code")
    pairs = pairs.merge(own.drop(columns="value"),
                        on=["indicator_id", "period_index", "area_code"])
    pairs["is_better"] = pairs["neighbour_score"] < pairs["score"]
    summary = pairs.groupby(["indicator_id", "period_index", "area_code"], observed=True).agg(
        neighbour_average=("neighbour_value", "mean"),
        neighbour_count=("neighbour_value", "count"),
        better=("is_better", "sum"),
    ).reset_index()
    df = df.merge(summary, on=["indicator_id", "period_index", "area_code"], how="left")
    has_list = df["area_code"].isin(set(neighbours["area_code"]))
    out["neighbour_average"] = df["neighbour_average"].where(has_list)
    count = df["neighbour_count"].fillna(0).where(has_list)
    out["neighbour_count"] = count.astype("Int32")
    rank = (df["better"].fillna(0) + 1).where(has_list & df["value"].notna())
    out["neighbour_rank"] = rank.astype("Int32")
    out["neighbour_quartile"] = _phe_quantile(rank, count + 1, 4)

    # Quintile among all local authorities.
    authorities = df["is_local_authority"]
    groups = df[authorities].groupby(["indicator_id", "period_index"])["score"]
    quintile_rank = groups.rank(method="min")
    quintile_size = groups.transform("count")
    out["england_quintile"] = _phe_quantile(quintile_rank, quintile_size, 5).reindex(
        df.index).astype("Int32")

    # Target: green, amber or red.
    tolerance = df["target_tolerance"].fillna(0.0)
    higher = df["polarity"] == "higher_is_better"
    meets = np.where(higher, df["value"] >= df["target"], df["value"] <= df["target"])
    close = np.where(higher, df["value"] >= df["target"] - tolerance,
                     df["value"] <= df["target"] + tolerance)
    assessable = df["value"].notna() & df["target"].notna() & (df["polarity"] != "no_judgement")
    status = np.select([~assessable, meets, close], [-1, 0, 1], 2)
    out["target_status"] = pd.Categorical.from_codes(status, TARGET_STATUS)

    # Direction of travel from the indicator's previous period.
    periods = df[["indicator_id", "period_index"]].drop_duplicates().sort_values(
        ["indicator_id", "period_index"])
    periods["previous_period"] = periods.groupby("indicator_id")["period_index"].shift()
    df = df.merge(periods, on=["indicator_id", "period_index"], how="left")
    previous = df[["indicator_id", "area_code", "period_index", "value"]].rename(
        columns={"period_index": "previous_period", "value": "previous_value"})
    previous["previous_period"] = previous["previous_period"].astype("float64")
    df = df.merge(previous, on=["indicator_id", "area_code", "previous_period"], how="left")
    change = df["value"] - df["previous_value"]
    rise = df["polarity"].map({"higher_is_better": 0, "lower_is_better": 2,
                               "no_judgement": 3})
    fall = df["polarity"].map({"higher_is_better": 2, "lower_is_better": 0,
                               "no_judgement": 4})
    direction = np.select([change.isna(), change > 0, change < 0], [-1, rise, fall], 1)
    out["direction_of_travel"] = pd.Categorical.from_codes(direction, DIRECTION)

    out["recent_trend"] = _recent_trend(df, trend_confidence)

    # Currency: the latest period with a value.
    latest = (df[df["value"].notna()].groupby(["indicator_id", "area_code"], observed=True)
              ["period_index"].max().rename("latest_period").reset_index())
    df = df.merge(latest, on=["indicator_id", "area_code"], how="left")
    allowed = (1 + grace_periods) * df["frequency_months"]
    out["is_stale"] = (df["latest_period"].isna() | (as_at - df["latest_period"] > allowed)
                       ).to_numpy()
    return out.sort_values("row").drop(columns="row").reset_index(drop=True)


def _compare(df: pd.DataFrame, lower: pd.Series, upper: pd.Series,
             benchmark: pd.Series) -> pd.Categorical:
    above = df["polarity"].map({"higher_is_better": 0, "lower_is_better": 2, "no_judgement": 3})
    below = df["polarity"].map({"higher_is_better": 2, "lower_is_better": 0, "no_judgement": 4})
    comparable = (df["value"].notna() & lower.notna() & upper.notna() & benchmark.notna())
    code = np.select([~comparable, lower > benchmark, upper < benchmark], [5, above, below], 1)
    return pd.Categorical.from_codes(code, COMPARISON)


def _phe_quantile(rank: pd.Series, size: pd.Series, quantiles: int) -> pd.Series:
    share = np.ceil(quantiles * (size + 1.0 - rank) / size)
    quantile = np.maximum(quantiles + 1.0 - share, 1.0)
    usable = rank.notna() & (size >= quantiles)
    return quantile.where(usable).astype("Int32")


def _recent_trend(df: pd.DataFrame, confidence: float) -> pd.Categorical:
    critical = special.chdtri(1.0, 1.0 - confidence)
    is_proportion = df["value_type"] == "proportion"
    usable_proportion = is_proportion & (df["count"] > 0) & (df["count"] < df["denominator"])
    usable_other = (~is_proportion & df["value"].notna()
                    & (df["upper95"] > df["lower95"]))
    codes = pd.Series(7, index=df.index)
    increasing = df["polarity"].map({"higher_is_better": 0, "lower_is_better": 1,
                                     "no_judgement": 4})
    decreasing = df["polarity"].map({"higher_is_better": 3, "lower_is_better": 2,
                                     "no_judgement": 5})
    for usable, proportions in ((usable_proportion, True), (usable_other, False)):
        points = df.loc[usable].sort_values(["indicator_id", "area_code", "period_index"])
        if proportions:
            points = points.assign(
                y=np.log(points["count"] / (points["denominator"] - points["count"])),
                w=1.0, n=points["denominator"], o=points["count"])
        else:
            points = points.assign(y=points["value"],
                                   w=(3.92 / (points["upper95"] - points["lower95"])) ** 2)
        grouped = points.groupby(["indicator_id", "area_code"], observed=True)
        columns = ["y", "w", "n", "o"] if proportions else ["y", "w"]
        window = {(name, lag): grouped[name].shift(lag) for name in columns
                  for lag in range(1, 5)}
        for name in columns:
            window[(name, 0)] = points[name]
        complete = window[("y", 4)].notna()
        full, sw, swt, swt2 = _window_slope(window)
        if proportions:
            big_n = _window_sum(window, "n")
            big_o = _window_sum(window, "o")
            a = _window_sum(window, "o", power=1)
            b = _window_sum(window, "n", power=1)
            c = _window_sum(window, "n", power=2)
            statistic = big_n * (big_n * a - big_o * b) ** 2 / (
                big_o * (big_n - big_o) * (big_n * c - b**2))
        else:
            statistic = full**2 / (sw / (sw * swt2 - swt**2))
        sign = np.where(full < 0, -1, 1)
        steady = np.isfinite(full)
        for lag in range(5):
            left_out = _window_slope(window, skip=lag)[0]
            steady &= np.isfinite(left_out) & (np.where(left_out < 0, -1, 1) == sign)
        significant = (statistic > critical) & steady
        trend = np.where(significant & (sign > 0), increasing.loc[points.index],
                         np.where(significant & (sign < 0), decreasing.loc[points.index], 6))
        codes[points.index[complete]] = trend[complete.to_numpy()]
    return pd.Categorical.from_codes(codes.to_numpy(), RECENT_TREND)


# The window's points, oldest first: lag 4 is t = 1 and lag 0 (the row itself) is t = 5.
LAGS = (4, 3, 2, 1, 0)


def _window_sum(window: dict, name: str, *, power: int = 0, skip: int | None = None
                ) -> pd.Series:
    return sum(window[(name, lag)] * (5.0 - lag) ** power for lag in LAGS if lag != skip)


def _window_slope(window: dict, skip: int | None = None) -> tuple[pd.Series, ...]:
    """Weighted least-squares slope of y on t, with the sums of w, wt and wt^2."""
    lags = [lag for lag in LAGS if lag != skip]
    weights = [window[("w", lag)] for lag in lags]
    ys = [window[("y", lag)] for lag in lags]
    times = [5.0 - lag for lag in lags]
    sw = sum(weights)
    swt = sum(w * t for w, t in zip(weights, times, strict=True))
    swt2 = sum(w * t * t for w, t in zip(weights, times, strict=True))
    swy = sum(w * y for w, y in zip(weights, ys, strict=True))
    swty = sum(w * t * y for w, t, y in zip(weights, times, ys, strict=True))
    return (sw * swty - swt * swy) / (sw * swt2 - swt**2), sw, swt, swt2
