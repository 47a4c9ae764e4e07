"""Tests for engine/synthetic.py, the deterministic benchmark data (run small here)."""

import polars as pl
import pytest

from trustboard.performance.engine.synthetic import ENGLAND_CODE, synthetic_frames

SMALL = {"local_authorities": 20, "regions": 3, "indicators": 12, "periods": 10,
         "neighbours_per_area": 5}


@pytest.fixture(scope="module")
def frames():
    return synthetic_frames(**SMALL, seed=11)


def test_synthetic_frames_are_the_same_for_the_same_seed(frames):
    again = synthetic_frames(**SMALL, seed=11)

    assert again.data.equals(frames.data)
    assert again.neighbours.equals(frames.neighbours)
    assert again.indicators.equals(frames.indicators)


def test_synthetic_frames_differ_for_another_seed(frames):
    assert not synthetic_frames(**SMALL, seed=12).data.equals(frames.data)


def test_synthetic_data_has_every_indicator_area_and_period_once(frames):
    areas = 1 + SMALL["regions"] + SMALL["local_authorities"]

    assert frames.data.height == SMALL["indicators"] * areas * SMALL["periods"]
    assert not frames.data.select("indicator_id", "area_code", "period_index").is_duplicated().any()
    assert frames.areas.height == areas
    assert frames.areas["is_england"].sum() == 1


def test_the_default_size_is_three_million_authority_data_points():
    # Checked from the arguments, not by building it: 150 x 1,000 x 20.
    defaults = synthetic_frames.__kwdefaults__

    assert defaults["local_authorities"] * defaults["indicators"] * defaults["periods"] \
        == 3_000_000


def test_england_counts_are_the_sum_of_the_authorities(frames):
    counted = frames.data.join(frames.indicators, on="indicator_id").filter(
        pl.col("value_type") != "mean")
    authorities = frames.areas.filter(pl.col("region_code").is_not_null())["area_code"]
    totals = counted.filter(pl.col("area_code").cast(pl.String).is_in(authorities.implode())) \
        .group_by("indicator_id", "period_index").agg(pl.col("denominator").sum())
    england = counted.filter(pl.col("area_code") == ENGLAND_CODE).select(
        "indicator_id", "period_index", "denominator")

    joined = england.join(totals, on=["indicator_id", "period_index"])
    assert (joined["denominator"] == joined["denominator_right"]).all()


def test_each_authority_has_distinct_neighbours_other_than_itself(frames):
    neighbours = frames.neighbours

    assert neighbours.group_by("area_code").len()["len"].unique().to_list() == [5]
    assert (neighbours["area_code"] != neighbours["neighbour_code"]).all()
    assert not neighbours.select("area_code", "neighbour_code").is_duplicated().any()


def test_synthetic_values_sit_inside_their_intervals(frames):
    data = frames.data.drop_nulls("value")

    assert (data["lower95"] <= data["value"]).all() and (data["value"] <= data["upper95"]).all()
    assert (data["lower998"] <= data["lower95"]).all()
    assert (data["upper95"] <= data["upper998"]).all()


def test_some_authority_values_are_missing_but_no_benchmark_values(frames):
    authorities = frames.data.filter(pl.col("area_code").cast(pl.String).str.starts_with("E06"))
    benchmarks = frames.data.filter(~pl.col("area_code").cast(pl.String).str.starts_with("E06"))

    assert 0 < authorities["value"].null_count() < authorities.height * 0.2
    assert benchmarks["value"].null_count() == 0


def test_indicator_metadata_uses_the_engines_words(frames):
    indicators = frames.indicators

    assert set(indicators["polarity"]) <= {"higher_is_better", "lower_is_better",
                                           "no_judgement"}
    assert set(indicators["value_type"]) <= {"proportion", "rate", "mean"}
    assert indicators.filter(pl.col("polarity") == "no_judgement")["target"].null_count() == \
        indicators.filter(pl.col("polarity") == "no_judgement").height
