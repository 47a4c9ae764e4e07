"""Tests for engine/checks.py, the argument checks every engine function shares."""

import numpy as np
import polars as pl
import pytest

from trustboard.performance.engine.checks import (
    EngineInputError,
    as_float_array,
    check_choices,
    check_columns,
    check_confidence,
    check_known,
    check_positive,
    check_unique,
)


def test_check_confidence_accepts_a_fraction():
    assert check_confidence(0.998) == 0.998


def test_check_confidence_refuses_a_percentage_rather_than_guessing():
    with pytest.raises(EngineInputError, match="fraction") as error:
        check_confidence(95)

    assert error.value.field == "confidence"


def test_check_positive_refuses_zero_and_infinity():
    for number in (0, float("inf")):
        with pytest.raises(EngineInputError):
            check_positive(number, field="multiplier")


def test_check_columns_names_every_missing_column():
    with pytest.raises(EngineInputError, match="value, lower95") as error:
        check_columns(pl.DataFrame({"area_code": ["E1"]}), ["area_code", "value", "lower95"],
                      frame_name="data")

    assert error.value.field == "data"


def test_check_columns_refuses_something_that_is_not_a_frame():
    with pytest.raises(EngineInputError, match="Polars DataFrame"):
        check_columns({"value": [1]}, ["value"], frame_name="data")


def test_check_choices_shows_the_unexpected_values():
    with pytest.raises(EngineInputError, match="'up'"):
        check_choices(pl.Series(["higher_is_better", "up"]), ["higher_is_better"],
                      field="indicators.polarity")


def test_check_choices_refuses_empty_values_unless_allowed():
    values = pl.Series(["a", None])

    check_choices(values, ["a"], field="f", allow_null=True)
    with pytest.raises(EngineInputError, match="empty"):
        check_choices(values, ["a"], field="f")


def test_check_unique_shows_the_first_repeated_key():
    frame = pl.DataFrame({"indicator_id": [1, 2, 2], "area_code": ["A", "B", "B"]})

    with pytest.raises(EngineInputError, match="indicator_id=2, area_code='B'"):
        check_unique(frame, ["indicator_id", "area_code"], frame_name="data")


def test_check_known_compares_enums_and_strings_as_text():
    values = pl.Series(["E1", "E2"], dtype=pl.Enum(["E1", "E2", "E3"]))

    check_known(values, pl.Series(["E1", "E2"]), field="data.area_code", known_in="areas")
    with pytest.raises(EngineInputError, match="'E2'"):
        check_known(values, pl.Series(["E1"]), field="data.area_code", known_in="areas")


def test_as_float_array_turns_nulls_into_nan():
    array = as_float_array(pl.Series([1, None, 3]), field="count")

    assert array.dtype == np.float64
    assert np.isnan(array[1]) and array[2] == 3.0


def test_as_float_array_refuses_text():
    with pytest.raises(EngineInputError, match="numeric"):
        as_float_array(pl.Series(["1"]), field="count")
    with pytest.raises(EngineInputError, match="numeric"):
        as_float_array(["one"], field="count")
