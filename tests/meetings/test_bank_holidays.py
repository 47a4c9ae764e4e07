from datetime import date

import pytest

from trustboard.meetings.bank_holidays import (
    bank_holiday_name,
    bank_holidays,
    easter_sunday,
    is_working_day,
)


def test_2012_matches_the_dates_published_on_gov_uk():
    # gov.uk, England and Wales 2012: the Spring bank holiday moved for the Diamond Jubilee.
    assert list(bank_holidays(2012)) == [
        date(2012, 1, 2), date(2012, 4, 6), date(2012, 4, 9), date(2012, 5, 7),
        date(2012, 6, 4), date(2012, 6, 5), date(2012, 8, 27), date(2012, 12, 25),
        date(2012, 12, 26),
    ]


def test_2022_matches_the_dates_published_on_gov_uk():
    # gov.uk, England and Wales 2022: Platinum Jubilee, the State Funeral, Christmas on a Sunday.
    assert list(bank_holidays(2022)) == [
        date(2022, 1, 3), date(2022, 4, 15), date(2022, 4, 18), date(2022, 5, 2),
        date(2022, 6, 2), date(2022, 6, 3), date(2022, 8, 29), date(2022, 9, 19),
        date(2022, 12, 26), date(2022, 12, 27),
    ]


def test_christmas_on_a_saturday_moves_both_days_to_monday_and_tuesday():
    assert bank_holidays(2021)[date(2021, 12, 27)] == "Christmas Day (substitute day)"
    assert bank_holidays(2021)[date(2021, 12, 28)] == "Boxing Day (substitute day)"


def test_early_may_bank_holiday_2020_moved_to_ve_day():
    assert bank_holiday_name(date(2020, 5, 8)) == "Early May bank holiday"
    assert bank_holiday_name(date(2020, 5, 4)) is None


@pytest.mark.parametrize(("year", "easter"), [
    (2010, date(2010, 4, 4)), (2013, date(2013, 3, 31)), (2019, date(2019, 4, 21)),
    (2024, date(2024, 3, 31)), (2030, date(2030, 4, 21)),
])
def test_easter_sunday_follows_the_gregorian_computus(year, easter):
    assert easter_sunday(year) == easter


def test_easter_monday_2013_is_not_a_working_day():
    assert bank_holiday_name(date(2013, 4, 1)) == "Easter Monday"
    assert not is_working_day(date(2013, 4, 1))


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2013, 1, 5))
    assert is_working_day(date(2013, 1, 7))


def test_years_outside_the_published_range_are_refused():
    with pytest.raises(ValueError, match="2010 to 2030"):
        bank_holidays(2031)
