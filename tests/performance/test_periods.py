from datetime import date

import pytest

from trustboard.performance.periods import PeriodError, period_index, period_parse


@pytest.mark.parametrize(("label", "start", "end", "span"), [
    ("2023", date(2023, 1, 1), date(2023, 12, 31), "1y"),
    ("2023/24", date(2023, 4, 1), date(2024, 3, 31), "1y"),
    ("2023-24", date(2023, 4, 1), date(2024, 3, 31), "1y"),
    ("1999/00", date(1999, 4, 1), date(2000, 3, 31), "1y"),
    ("2021 - 23", date(2021, 1, 1), date(2023, 12, 31), "3y"),
    ("2020/21 - 22/23", date(2020, 4, 1), date(2023, 3, 31), "3y"),
    ("2012 Q3", date(2012, 7, 1), date(2012, 9, 30), "1q"),
    ("2023/24 Q4", date(2024, 1, 1), date(2024, 3, 31), "1q"),
    ("Jan 2023", date(2023, 1, 1), date(2023, 1, 31), "1m"),
    ("2024 February", date(2024, 2, 1), date(2024, 2, 29), "1m"),
])
def test_period_labels_cover_the_dates_the_national_sites_mean(label, start, end, span):
    parsed = period_parse(label)

    assert (parsed.start, parsed.end, parsed.range) == (start, end, span)


def test_split_year_of_an_academic_indicator_starts_in_september():
    parsed = period_parse("2023/24", academic=True)

    assert (parsed.start, parsed.end) == (date(2023, 9, 1), date(2024, 8, 31))


def test_2011_12_is_a_split_year_not_december():
    assert period_parse("2011-12").end == date(2012, 3, 31)


def test_sortable_period_is_first_year_quarter_and_month():
    assert [period_parse(label).sortable for label in ("2010/11", "2012 Q3", "Mar 2020")] == [
        20100000, 20120300, 20200003]


@pytest.mark.parametrize("label", ["2023/25", "2023 Q5", "Spring 2023", "", "2023-01"])
def test_period_parse_refuses_labels_of_no_known_form(label):
    with pytest.raises(PeriodError, match="2023/24"):
        period_parse(label)


def test_period_index_counts_months_for_the_engine():
    assert period_index(date(2023, 4, 15)) == 2023 * 12 + 3
