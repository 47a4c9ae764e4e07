"""Tests for engine/benchmarking.py: real Fingertips outcomes, then each rule on small frames."""

from pathlib import Path

import polars as pl
import pytest

from tests.published_data import FINGERTIPS_90284, FINGERTIPS_90284_REGIONS
from trustboard.performance.engine.benchmarking import (
    benchmark,
    compare_with_benchmark,
    currency,
    direction_of_travel,
    england_quintile,
    neighbour_summary,
    recent_trend,
    target_status,
)
from trustboard.performance.engine.checks import EngineInputError
from trustboard.performance.engine.synthetic import synthetic_frames

VERSUS_ENGLAND = FINGERTIPS_90284
VERSUS_REGION = FINGERTIPS_90284_REGIONS
SEXES = {"Persons": 0, "Male": 1, "Female": 2}
PUBLISHED_WORDS = {"Better": "better", "Similar": "similar", "Worse": "worse",
                   "Not compared": "not compared"}


# --- real data: OHID Fingertips indicator 90284 ------------------------------------------------


def _published(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema_length=10_000)


@pytest.fixture(scope="module")
def injuries() -> dict[str, pl.DataFrame]:
    """Indicator 90284 (hospital admissions for injuries in children aged 0-14, crude rate
    per 10,000, lower is better) for every upper-tier authority, region and England, each
    sex a separate series, with the published comparisons and recent trends."""
    versus_england = _published(VERSUS_ENGLAND)
    versus_region = _published(VERSUS_REGION)
    authorities = versus_england.filter(pl.col("Area Type").str.starts_with("Counties"))
    england = versus_england.filter(
        (pl.col("Area Type") == "England") & pl.col("Category Type").is_null()
    ).unique(["Sex", "Time period"])  # the export lists England twice
    regions = versus_region.filter(pl.col("Area Type") == "Regions (statistical)").unique(
        ["Area Code", "Sex", "Time period"])
    rows = pl.concat([england, regions, authorities], how="diagonal_relaxed")

    def limit(column: str) -> pl.Expr:
        return pl.when(pl.col(column) >= 0).then(pl.col(column))  # -1 marks "none"

    data = rows.select(
        indicator_id=90284 * 10 + pl.col("Sex").replace_strict(SEXES, return_dtype=pl.Int64),
        area_code=pl.col("Area Code"),
        period_index=(pl.col("Time period Sortable") // 10_000) * 12 + 3,
        value=pl.col("Value"),
        lower95=limit("Lower CI 95.0 limit"),
        upper95=limit("Upper CI 95.0 limit"),
        lower998=limit("Lower CI 99.8 limit"),
        upper998=limit("Upper CI 99.8 limit"),
        count=pl.col("Count"),
        denominator=pl.col("Denominator"),
    )
    parents = versus_region.filter(pl.col("Area Type").str.starts_with("Counties")).select(
        area_code="Area Code", region_code="Parent Code").unique()
    areas = pl.concat([
        pl.DataFrame({"area_code": ["E92000001"], "region_code": [None], "is_england": [True]},
                     schema={"area_code": pl.String, "region_code": pl.String,
                             "is_england": pl.Boolean}),
        regions.select(area_code="Area Code").unique().with_columns(
            region_code=pl.lit(None, pl.String), is_england=pl.lit(False)),
        parents.with_columns(is_england=pl.lit(False)),
    ])
    indicators = pl.DataFrame({
        "indicator_id": [90284 * 10 + code for code in SEXES.values()],
        "polarity": ["lower_is_better"] * 3,
        "value_type": ["rate"] * 3,
    })
    published = authorities.join(
        versus_region.select("Area Code", "Sex", "Time period",
                             "Compared to Regions (statistical) value or percentiles"),
        on=["Area Code", "Sex", "Time period"], how="left",
    ).select(
        indicator_id=90284 * 10 + pl.col("Sex").replace_strict(SEXES, return_dtype=pl.Int64),
        area_code=pl.col("Area Code"),
        period_index=(pl.col("Time period Sortable") // 10_000) * 12 + 3,
        england=pl.col("Compared to England value or percentiles"),
        region=pl.col("Compared to Regions (statistical) value or percentiles"),
        trend=pl.col("Recent Trend"),
    )
    return {"data": data, "areas": areas, "indicators": indicators, "published": published}


def test_compare_with_benchmark_reproduces_every_published_comparison_with_england(injuries):
    # Fingertips' "Compared to England" for all 5,802 authority rows of the export:
    # Better 2,088, Similar 1,712, Worse 1,901, Not compared 101.
    ours = compare_with_benchmark(injuries["data"], areas=injuries["areas"],
                                  indicators=injuries["indicators"])
    joined = injuries["published"].join(ours, on=["indicator_id", "area_code", "period_index"])
    expected = joined["england"].replace_strict(PUBLISHED_WORDS)

    assert joined.height == 5802
    assert (joined["compared_with_england_95"].cast(pl.String) == expected).all()
    assert dict(expected.value_counts().iter_rows()) == {
        "better": 2088, "similar": 1712, "worse": 1901, "not compared": 101}


def test_compare_with_benchmark_reproduces_every_published_comparison_with_the_region(
        injuries):
    # The same indicator exported against regions: Better 1,638, Similar 2,643, Worse 1,420,
    # Not compared 101.
    ours = compare_with_benchmark(injuries["data"], areas=injuries["areas"],
                                  indicators=injuries["indicators"])
    joined = injuries["published"].join(ours, on=["indicator_id", "area_code", "period_index"])
    expected = joined["region"].replace_strict(PUBLISHED_WORDS)

    assert (joined["compared_with_region_95"].cast(pl.String) == expected).all()
    assert dict(expected.value_counts().iter_rows()) == {
        "better": 1638, "similar": 2643, "worse": 1420, "not compared": 101}


def test_recent_trend_agrees_with_fingertips_on_every_significance_call(injuries):
    # The export's "Recent Trend" on the latest period (2023/24) for all 459 authority
    # series: 277 no significant change, 176 significant, 6 cannot be calculated. Fingertips
    # tests the five most recent points that have a value (so Surrey's missing 2022/23 is
    # skipped), as the engine does.
    ours = recent_trend(injuries["data"], indicators=injuries["indicators"])
    joined = injuries["published"].filter(pl.col("trend").is_not_null()).join(
        ours, on=["indicator_id", "area_code", "period_index"])
    published = joined["trend"].str.to_lowercase()
    mine = joined["recent_trend"].cast(pl.String)

    assert joined.height == 459
    for outcome in ("no significant change", "cannot be calculated"):
        assert ((published == outcome) == (mine == outcome)).all(), outcome
    assert (published == "no significant change").sum() == 277
    assert (published == "cannot be calculated").sum() == 6


def test_recent_trend_follows_the_values_where_the_export_labels_run_backwards(injuries):
    # Warrington, males: 136.0, 132.0, 84.8, 80.6 and 96.0 per 10,000 from 2019/20 to
    # 2023/24, a clear fall. The export labels this (like all 176 significant series, each
    # the opposite way to its own values) "Increasing and getting worse"; the engine says
    # what the figures show.
    ours = recent_trend(injuries["data"], indicators=injuries["indicators"])
    warrington = ours.filter((pl.col("area_code") == "E06000007")
                             & (pl.col("indicator_id") == 90284 * 10 + SEXES["Male"]))
    latest = warrington.sort("period_index").tail(1)

    assert latest["recent_trend"].cast(pl.String).item() == "decreasing and getting better"


# --- small frames ------------------------------------------------------------------------------

AREAS = pl.DataFrame(
    {
        "area_code": ["ENG", "R1", "R2", "A", "B", "C", "D", "E", "F"],
        "region_code": [None, None, None, "R1", "R1", "R1", "R2", "R2", "R2"],
        "is_england": [True] + [False] * 8,
    },
    schema={"area_code": pl.String, "region_code": pl.String, "is_england": pl.Boolean},
)
INDICATORS = pl.DataFrame(
    {
        "indicator_id": [1, 2, 3],
        "polarity": ["higher_is_better", "lower_is_better", "no_judgement"],
        "value_type": ["proportion", "rate", "mean"],
        "target": [50.0, 10.0, None],
        "target_tolerance": [5.0, None, None],
        "frequency_months": [12, 12, 3],
    }
)
NEIGHBOURS = pl.DataFrame(
    {"area_code": ["A", "A", "A"], "neighbour_code": ["B", "C", "D"], "rank": [1, 2, 3]}
)
APRIL_2020 = 2020 * 12 + 3


def rows(*records: tuple) -> pl.DataFrame:
    """Rows of (indicator_id, area_code, period_index, value, lower95, upper95)."""
    frame = pl.DataFrame(
        [list(record) for record in records],
        schema={"indicator_id": pl.Int64, "area_code": pl.String, "period_index": pl.Int64,
                "value": pl.Float64, "lower95": pl.Float64, "upper95": pl.Float64},
        orient="row",
    )
    return frame.with_columns(lower998=pl.col("lower95") - 1, upper998=pl.col("upper95") + 1)


def one(frame: pl.DataFrame, column: str, **keys: object) -> object:
    selected = frame
    for key, value in keys.items():
        selected = selected.filter(pl.col(key) == value)
    assert selected.height == 1
    value = selected[column].item()
    return value


def compare(data: pl.DataFrame) -> pl.DataFrame:
    return compare_with_benchmark(data, areas=AREAS, indicators=INDICATORS)


@pytest.mark.parametrize(("indicator", "interval", "expected"), [
    (1, (55.0, 53.0, 57.0), "better"),  # wholly above England, higher is better
    (1, (45.0, 43.0, 47.0), "worse"),
    (2, (55.0, 53.0, 57.0), "worse"),  # wholly above England, lower is better
    (2, (45.0, 43.0, 47.0), "better"),
    (3, (55.0, 53.0, 57.0), "higher"),  # no judgement
    (3, (45.0, 43.0, 47.0), "lower"),
    (1, (51.0, 49.0, 53.0), "similar"),  # overlaps England
    (1, (52.0, 50.0, 54.0), "similar"),  # touches England's value
])
def test_compare_with_benchmark_judges_the_interval_against_england_by_polarity(
        indicator, interval, expected):
    data = rows((indicator, "ENG", APRIL_2020, 50.0, 49.5, 50.5),
                (indicator, "A", APRIL_2020, *interval))

    result = compare(data)

    assert one(result, "compared_with_england_95", area_code="A") == expected


def test_compare_with_benchmark_does_not_compare_missing_values_or_england_itself():
    data = rows((1, "ENG", APRIL_2020, 50.0, 49.0, 51.0),
                (1, "A", APRIL_2020, 60.0, None, 62.0),
                (1, "B", APRIL_2020, None, None, None),
                (1, "C", APRIL_2020 + 12, 60.0, 58.0, 62.0))  # England has no value then

    result = compare(data)

    for area in ("ENG", "A", "B", "C"):
        assert one(result, "compared_with_england_95", area_code=area) == "not compared"


def test_compare_with_benchmark_uses_the_99_8_limits_for_the_99_8_comparison():
    data = rows((1, "ENG", APRIL_2020, 50.0, 49.5, 50.5),
                (1, "A", APRIL_2020, 52.0, 50.5, 53.5))  # 99.8%: 49.5 to 54.5

    result = compare(data)

    assert one(result, "compared_with_england_95", area_code="A") == "better"
    assert one(result, "compared_with_england_998", area_code="A") == "similar"


def test_compare_with_benchmark_compares_authorities_with_their_own_region():
    data = rows((2, "R1", APRIL_2020, 20.0, 19.0, 21.0),
                (2, "R2", APRIL_2020, 30.0, 29.0, 31.0),
                (2, "A", APRIL_2020, 25.0, 24.0, 26.0),
                (2, "D", APRIL_2020, 25.0, 24.0, 26.0))

    result = compare(data)

    assert one(result, "compared_with_region_95", area_code="A") == "worse"
    assert one(result, "compared_with_region_95", area_code="D") == "better"
    assert one(result, "compared_with_region_95", area_code="R1") == "not compared"


def summary(data: pl.DataFrame) -> pl.DataFrame:
    return neighbour_summary(data, areas=AREAS, neighbours=NEIGHBOURS, indicators=INDICATORS)


def test_neighbour_summary_averages_ranks_and_places_the_area_among_its_neighbours():
    data = rows((1, "A", APRIL_2020, 40.0, 39.0, 41.0),
                (1, "B", APRIL_2020, 50.0, 49.0, 51.0),
                (1, "C", APRIL_2020, 30.0, 29.0, 31.0),
                (1, "D", APRIL_2020, 60.0, 59.0, 61.0))

    result = summary(data)

    assert one(result, "neighbour_average", area_code="A") == pytest.approx(140 / 3)
    assert one(result, "neighbour_count", area_code="A") == 3
    assert one(result, "neighbour_rank", area_code="A") == 3  # of 4, higher is better
    # PHE quantile rule, n = 4: quartile = 5 - ceil(4 (5 - 3) / 4) = 3.
    assert one(result, "neighbour_quartile", area_code="A") == 3
    assert one(result, "neighbour_rank", area_code="B") is None  # B has no neighbour list


def test_neighbour_summary_ranks_lower_values_first_when_lower_is_better():
    data = rows((2, "A", APRIL_2020, 40.0, 39.0, 41.0),
                (2, "B", APRIL_2020, 50.0, 49.0, 51.0),
                (2, "C", APRIL_2020, 30.0, 29.0, 31.0),
                (2, "D", APRIL_2020, 40.0, 39.0, 41.0))

    result = summary(data)

    assert one(result, "neighbour_rank", area_code="A") == 2  # tied with D, sharing 2nd


def test_neighbour_summary_averages_only_the_neighbours_with_values():
    data = rows((1, "A", APRIL_2020, None, None, None),
                (1, "B", APRIL_2020, 50.0, 49.0, 51.0),
                (1, "C", APRIL_2020, None, None, None),
                (1, "D", APRIL_2020, 60.0, 59.0, 61.0))

    result = summary(data)

    assert one(result, "neighbour_average", area_code="A") == 55.0
    assert one(result, "neighbour_count", area_code="A") == 2
    assert one(result, "neighbour_rank", area_code="A") is None  # no value of its own
    assert one(result, "neighbour_quartile", area_code="A") is None


def quintiles(values: list[float | None], indicator: int = 1) -> list[int | None]:
    data = rows(*((indicator, area, APRIL_2020, value, None, None)
                  for area, value in zip("ABCDEF", values, strict=True)))
    result = england_quintile(data, areas=AREAS, indicators=INDICATORS)
    return [one(result, "england_quintile", area_code=area) for area in "ABCDEF"]


def test_england_quintile_follows_the_phe_quantile_rule():
    # n = 6: quintile = 6 - ceil(5 (7 - rank) / 6) for ranks 1..6 gives 1, 1, 2, 3, 4, 5.
    assert quintiles([6, 5, 4, 3, 2, 1]) == [1, 1, 2, 3, 4, 5]


def test_england_quintile_puts_the_lowest_first_when_lower_is_better():
    assert quintiles([6, 5, 4, 3, 2, 1], indicator=2) == [5, 4, 3, 2, 1, 1]


def test_england_quintile_gives_tied_values_the_better_quintile():
    assert quintiles([6, 6, 4, 3, 3, 1]) == [1, 1, 2, 3, 3, 5]


def test_england_quintile_needs_five_authorities_with_values():
    assert quintiles([6, 5, 4, 3, None, None]) == [None] * 6


def test_england_quintile_leaves_out_england_and_the_regions():
    data = rows((1, "ENG", APRIL_2020, 9.0, None, None), (1, "R1", APRIL_2020, 9.0, None, None),
                *((1, area, APRIL_2020, float(value), None, None)
                  for area, value in zip("ABCDEF", range(6), strict=True)))

    result = england_quintile(data, areas=AREAS, indicators=INDICATORS)

    assert one(result, "england_quintile", area_code="ENG") is None
    assert one(result, "england_quintile", area_code="R1") is None
    assert one(result, "england_quintile", area_code="F") == 1


@pytest.mark.parametrize(("indicator", "value", "expected"), [
    (1, 52.0, "green"), (1, 50.0, "green"), (1, 47.0, "amber"), (1, 45.0, "amber"),
    (1, 44.9, "red"), (2, 10.0, "green"), (2, 10.1, "red"), (2, 9.0, "green"),
    (3, 50.0, None), (1, None, None),
])
def test_target_status_rates_against_the_target_and_its_tolerance(indicator, value, expected):
    # Indicator 1: higher is better, target 50, tolerance 5; indicator 2: lower is better,
    # target 10, no tolerance; indicator 3: no judgement, no target.
    result = target_status(rows((indicator, "A", APRIL_2020, value, None, None)),
                           indicators=INDICATORS)

    assert one(result, "target_status") == expected


def test_direction_of_travel_judges_each_change_since_the_previous_period():
    data = rows(
        (1, "A", APRIL_2020, 50.0, None, None), (1, "A", APRIL_2020 + 12, 55.0, None, None),
        (1, "A", APRIL_2020 + 24, 55.0, None, None), (1, "A", APRIL_2020 + 36, 51.0, None, None),
        (2, "A", APRIL_2020, 50.0, None, None), (2, "A", APRIL_2020 + 12, 55.0, None, None),
        (3, "A", APRIL_2020, 50.0, None, None), (3, "A", APRIL_2020 + 3, 45.0, None, None),
    )

    result = direction_of_travel(data, indicators=INDICATORS)

    assert result["direction_of_travel"].cast(pl.String).to_list() == [
        None, "improving", "no change", "worsening", None, "worsening", None, "decreasing"]


def test_direction_of_travel_needs_a_value_in_the_indicators_previous_period():
    data = rows((1, "A", APRIL_2020, 50.0, None, None),
                (1, "B", APRIL_2020 + 12, 20.0, None, None),  # gives the indicator this period
                (1, "A", APRIL_2020 + 24, 55.0, None, None))

    result = direction_of_travel(data, indicators=INDICATORS)

    assert one(result, "direction_of_travel", area_code="A", period_index=APRIL_2020 + 24) \
        is None


def trend_rows(indicator: int, values: list[float | None], width: float = 1.0) -> pl.DataFrame:
    return rows(*((indicator, "A", APRIL_2020 + 12 * year, value,
                   None if value is None else value - width,
                   None if value is None else value + width)
                  for year, value in enumerate(values)))


def test_recent_trend_marks_a_steady_rise_by_polarity():
    for indicator, expected in ((2, "increasing and getting worse"), (3, "increasing")):
        result = recent_trend(trend_rows(indicator, [10.0, 12.0, 14.0, 16.0, 18.0]),
                              indicators=INDICATORS)

        assert result["recent_trend"].cast(pl.String).to_list() == \
            ["cannot be calculated"] * 4 + [expected]


def test_recent_trend_sees_no_significant_change_in_a_noisy_series():
    result = recent_trend(trend_rows(2, [10.0, 12.0, 9.0, 11.0, 10.5], width=3.0),
                          indicators=INDICATORS)

    assert result["recent_trend"].cast(pl.String)[-1] == "no significant change"


def test_recent_trend_uses_the_five_latest_points_that_have_values():
    result = recent_trend(trend_rows(2, [10.0, 12.0, None, 14.0, 16.0, 18.0]),
                          indicators=INDICATORS)

    assert result["recent_trend"].cast(pl.String).to_list() == [
        "cannot be calculated"] * 5 + ["increasing and getting worse"]


def test_recent_trend_tests_proportions_on_their_counts():
    counts = [100, 130, 160, 190, 220]
    data = rows(*((1, "A", APRIL_2020 + 12 * year, count / 10, None, None)
                  for year, count in enumerate(counts))).with_columns(
        count=pl.Series(counts), denominator=pl.lit(1000))

    result = recent_trend(data, indicators=INDICATORS)

    assert result["recent_trend"].cast(pl.String)[-1] == "increasing and getting better"


def test_currency_flags_series_whose_latest_value_is_too_old():
    data = rows((1, "A", APRIL_2020, 50.0, None, None),
                (1, "A", APRIL_2020 + 12, 50.0, None, None),
                (1, "B", APRIL_2020, 50.0, None, None),
                (1, "B", APRIL_2020 + 12, None, None, None),
                (1, "C", APRIL_2020 + 12, None, None, None))
    as_at = APRIL_2020 + 12 + 24  # two years after the latest period began

    result = currency(data, indicators=INDICATORS, as_at=as_at)

    assert result.select("area_code", "latest_period_index", "is_stale").rows() == [
        ("A", APRIL_2020 + 12, False), ("B", APRIL_2020, True), ("C", None, True)]
    assert currency(data, indicators=INDICATORS, as_at=as_at, grace_periods=2)[
        "is_stale"].to_list() == [False, False, True]


# --- the whole frame -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_world():
    return synthetic_frames(local_authorities=12, regions=3, indicators=8, periods=9,
                            neighbours_per_area=4, seed=7)


def test_benchmark_gives_what_each_function_gives_on_its_own(small_world):
    frames = small_world
    everything = benchmark(frames.data, areas=frames.areas, neighbours=frames.neighbours,
                           indicators=frames.indicators, as_at=frames.as_at)
    parts = [
        compare_with_benchmark(frames.data, areas=frames.areas, indicators=frames.indicators),
        neighbour_summary(frames.data, areas=frames.areas, neighbours=frames.neighbours,
                          indicators=frames.indicators),
        england_quintile(frames.data, areas=frames.areas, indicators=frames.indicators),
        target_status(frames.data, indicators=frames.indicators),
        direction_of_travel(frames.data, indicators=frames.indicators),
        recent_trend(frames.data, indicators=frames.indicators),
    ]
    stale = currency(frames.data, indicators=frames.indicators, as_at=frames.as_at)

    for part in parts:
        for column in part.columns:
            assert everything[column].equals(part[column]), column
    with_stale = everything.join(stale, on=["indicator_id", "area_code"])
    assert with_stale.height == everything.height
    assert (with_stale["is_stale"] == with_stale["is_stale_right"]).all()


def test_benchmark_keeps_the_input_order_and_accepts_plain_string_codes(small_world):
    frames = small_world
    shuffled = frames.data.sample(fraction=1.0, shuffle=True, seed=1)
    as_text = shuffled.with_columns(pl.col("area_code").cast(pl.String))

    from_enum = benchmark(frames.data, areas=frames.areas, neighbours=frames.neighbours,
                          indicators=frames.indicators, as_at=frames.as_at)
    from_text = benchmark(as_text, areas=frames.areas, neighbours=frames.neighbours,
                          indicators=frames.indicators, as_at=frames.as_at)

    assert from_text.select("indicator_id", "period_index").equals(
        as_text.select("indicator_id", "period_index"))
    keys = ["indicator_id", "area_code", "period_index"]
    assert from_text.sort(keys).drop("area_code").equals(
        from_enum.with_columns(pl.col("area_code").cast(pl.String)).sort(keys)
        .drop("area_code"))


def test_benchmark_covers_every_outcome_on_the_synthetic_data(small_world):
    frames = small_world
    result = benchmark(frames.data, areas=frames.areas, neighbours=frames.neighbours,
                       indicators=frames.indicators, as_at=frames.as_at)

    assert result.height == frames.data.height
    assert set(result["compared_with_england_95"].cast(pl.String)) >= {
        "better", "similar", "worse", "not compared"}
    assert result["england_quintile"].drop_nulls().n_unique() == 5


# --- refusals ---------------------------------------------------------------------------------


def test_benchmark_functions_refuse_two_rows_for_one_indicator_area_and_period():
    data = rows((1, "A", APRIL_2020, 50.0, 49.0, 51.0), (1, "A", APRIL_2020, 51.0, 50.0, 52.0))

    with pytest.raises(EngineInputError, match="more than one row") as error:
        compare(data)

    assert error.value.field == "data"


def test_benchmark_functions_refuse_an_area_missing_from_areas():
    with pytest.raises(EngineInputError, match="'Z'") as error:
        compare(rows((1, "Z", APRIL_2020, 50.0, 49.0, 51.0)))

    assert error.value.field == "data.area_code"


def test_benchmark_functions_refuse_an_indicator_missing_from_indicators():
    with pytest.raises(EngineInputError, match="99") as error:
        compare(rows((99, "A", APRIL_2020, 50.0, 49.0, 51.0)))

    assert error.value.field == "data.indicator_id"


def test_benchmark_functions_refuse_an_unknown_polarity():
    indicators = INDICATORS.with_columns(polarity=pl.lit("up"))

    with pytest.raises(EngineInputError, match="'up'"):
        compare_with_benchmark(rows((1, "A", APRIL_2020, 50.0, 49.0, 51.0)), areas=AREAS,
                               indicators=indicators)


def test_benchmark_functions_refuse_two_englands():
    areas = AREAS.with_columns(is_england=pl.col("area_code").is_in(["ENG", "R1"]))

    with pytest.raises(EngineInputError, match="more than one area as England"):
        compare_with_benchmark(rows((1, "A", APRIL_2020, 50.0, 49.0, 51.0)), areas=areas,
                               indicators=INDICATORS)


def test_neighbour_summary_refuses_a_neighbour_that_is_not_an_area():
    neighbours = pl.DataFrame({"area_code": ["A"], "neighbour_code": ["Q"], "rank": [1]})

    with pytest.raises(EngineInputError, match="'Q'") as error:
        neighbour_summary(rows((1, "A", APRIL_2020, 50.0, 49.0, 51.0)), areas=AREAS,
                          neighbours=neighbours, indicators=INDICATORS)

    assert error.value.field == "neighbours.neighbour_code"


def test_benchmark_functions_refuse_data_without_the_columns_they_need():
    with pytest.raises(EngineInputError, match="lower95") as error:
        compare(rows((1, "A", APRIL_2020, 50.0, 49.0, 51.0)).drop("lower95"))

    assert error.value.field == "data"


def test_benchmark_functions_refuse_empty_keys():
    with pytest.raises(EngineInputError, match="empty") as error:
        target_status(rows((1, "A", None, 50.0, 49.0, 51.0)), indicators=INDICATORS)

    assert error.value.field == "data.period_index"
