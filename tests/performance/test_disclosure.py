"""Tests for performance/disclosure.py: the threshold setting and the public frame."""

import polars as pl
import pytest
from django.core.exceptions import ImproperlyConfigured

from trustboard.performance.disclosure import (
    disclosure_threshold,
    public_note,
    public_points_frame,
)


def test_the_threshold_is_five_unless_set(settings):
    del settings.TRUSTBOARD_DISCLOSURE_THRESHOLD

    assert disclosure_threshold() == 5


def test_the_threshold_is_read_from_the_setting_as_the_environment_gives_it(settings):
    settings.TRUSTBOARD_DISCLOSURE_THRESHOLD = "10"

    assert disclosure_threshold() == 10


@pytest.mark.parametrize("bad", ["0", "-1", "five", "2.5", ""])
def test_a_threshold_that_is_not_a_whole_number_of_at_least_one_stops_with_the_setting_named(
        settings, bad):
    settings.TRUSTBOARD_DISCLOSURE_THRESHOLD = bad

    with pytest.raises(ImproperlyConfigured, match="TRUSTBOARD_DISCLOSURE_THRESHOLD"):
        disclosure_threshold()


def test_the_public_frame_suppresses_under_the_setting_s_threshold(settings):
    settings.TRUSTBOARD_DISCLOSURE_THRESHOLD = "10"
    frame = pl.DataFrame({"area_code": ["A", "B"], "count": [9.0, 10.0], "value": [1.0, 2.0]})

    result = public_points_frame(frame)

    assert result["suppressed"].to_list() == [True, False]
    assert result["value_note"].to_list() == [public_note(), None]
    assert "fewer than 10" in public_note()
