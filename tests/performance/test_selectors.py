from datetime import date

import pytest

from tests.performance.factories import IndicatorFactory
from tests.performance.files import ENGLAND, NOTTINGHAMSHIRE, tidy_row, write_tidy
from tests.performance.test_services import NFER_HEADER, NOTTINGHAMSHIRE_2025
from tests.published_data import FINGERTIPS_90284, NEIGHBOURS_2025
from trustboard.performance.imports import data_import
from trustboard.performance.models import Area
from trustboard.performance.selectors import (
    IndicatorFilters,
    area_profile,
    indicator_detail,
    indicator_list,
    partnership_area,
)
from trustboard.performance.services import neighbours_import, target_save

pytestmark = pytest.mark.django_db

EAST_MIDLANDS = "E12000004"
NEIGHBOUR_CODES = {"830": "E10000007", "855": "E10000018", "925": "E10000019"}


def _row(area, period, value, spread=1.0, **extra):
    return tidy_row(indicator="LOCAL1", area_code=area, period=period, value=str(value),
                    count="", denominator="", lower95=str(value - spread),
                    upper95=str(value + spread), **extra)


@pytest.fixture
def notts(areas):
    """Nottinghamshire, England, the East Midlands and three of Nottinghamshire's
    neighbours, for a rate where lower is better, over three years."""
    neighbours_import(text=f"{NFER_HEADER}\n{NOTTINGHAMSHIRE_2025}\n", model_year=2025)
    indicator = IndicatorFactory(name="Admissions", source="local", source_id="LOCAL1",
                                 sex="Persons", age="All ages", frequency="financial_year")
    return indicator


@pytest.fixture
def notts_data(notts, tmp_path):
    rows = []
    for period, notts_value, england_value in (("2021/22", 80, 90), ("2022/23", 85, 88),
                                               ("2023/24", 95, 90)):
        rows += [_row(NOTTINGHAMSHIRE, period, notts_value), _row(ENGLAND, period,
                                                                  england_value, 0.2),
                 _row(EAST_MIDLANDS, period, england_value + 2, 0.5)]
        rows += [_row(code, period, 70 + 10 * index)
                 for index, code in enumerate(NEIGHBOUR_CODES.values())]
    data_import(path=write_tidy(tmp_path, rows), by=None)
    return notts


def nottinghamshire():
    return Area.objects.select_related("region").get(code=NOTTINGHAMSHIRE)


# --- indicator list ------------------------------------------------------------------------


def test_indicator_list_shows_the_areas_latest_value_against_england(notts_data):
    row, = indicator_list(IndicatorFilters(area=nottinghamshire(), as_at=date(2024, 6, 1)))

    assert (row.indicator, row.period, row.value, row.england_value) == (
        notts_data, "2023/24", 95, 90)
    assert (row.compared_with_england, row.compared_with_region) == ("worse", "worse")
    assert (row.direction_of_travel, row.is_out_of_date) == ("worsening", False)


def test_indicator_list_filters_by_comparison_with_england(notts_data):
    area = nottinghamshire()

    assert indicator_list(IndicatorFilters(area=area, comparison="better")) == []
    assert len(indicator_list(IndicatorFilters(area=area, comparison="worse"))) == 1


def test_indicator_list_marks_an_old_value_stale(notts_data):
    row, = indicator_list(IndicatorFilters(area=nottinghamshire(), as_at=date(2027, 1, 1)))

    assert row.is_out_of_date


def test_indicator_list_keeps_indicators_without_data(notts_data):
    IndicatorFactory(name="Not yet measured")

    rows = indicator_list(IndicatorFilters(area=nottinghamshire()))

    assert [(row.indicator.name, row.value) for row in rows] == [
        ("Admissions", 95), ("Not yet measured", None)]


def test_indicator_list_searches_names(notts_data):
    IndicatorFactory(name="Not yet measured")

    rows = indicator_list(IndicatorFilters(area=nottinghamshire(), search="measured"))

    assert [row.indicator.name for row in rows] == ["Not yet measured"]


def test_indicator_list_as_at_a_date_shows_the_latest_value_ended_by_then(notts_data):
    """As at 31 March 2023, 2022/23 is the latest: 85 (84 to 86) against England's 88 (87.8
    to 88.2) is better where lower is better, and up from 80 it is worsening; the 95 of
    2023/24, worse than England, is not yet there."""
    row, = indicator_list(IndicatorFilters(area=nottinghamshire(), as_at=date(2023, 3, 31)))

    assert (row.period, row.value, row.england_value) == ("2022/23", 85, 88)
    assert (row.compared_with_england, row.direction_of_travel) == ("better", "worsening")
    assert not row.is_out_of_date, "judged against the date asked for, not today"


def test_indicator_list_as_at_a_date_before_any_value_shows_none(notts_data):
    row, = indicator_list(IndicatorFilters(area=nottinghamshire(), as_at=date(2022, 3, 30)))

    assert (row.period, row.value, row.compared_with_england) == (None, None, None)


def test_indicator_list_runs_seven_queries_however_many_indicators(notts_data,
                                                                    django_assert_num_queries):
    """Indicators, then one reading of them all: neighbours, England, data points,
    targets, commentary and approvals."""
    for number in range(5):
        IndicatorFactory(name=f"Extra {number}")
    area = nottinghamshire()

    with django_assert_num_queries(7):
        indicator_list(IndicatorFilters(area=area))


# --- indicator detail ----------------------------------------------------------------------


def test_detail_series_has_england_the_region_and_the_neighbour_average(notts_data):
    detail = indicator_detail(notts_data, nottinghamshire(), as_at=date(2024, 6, 1))

    latest = detail.latest
    assert [point.period for point in detail.series] == ["2021/22", "2022/23", "2023/24"]
    assert (latest.value, latest.england_value, latest.region_value) == (95, 90, 92)
    # Derbyshire 70, Leicestershire 80, Lincolnshire 90: the three of ten with values.
    assert latest.neighbour_average == 80
    assert (str(latest.neighbour_ranking), latest.compared_with_england) == ("4 of 4", "worse")
    assert latest.neighbour_ranking.sentence == "ranked 4 of 4 (3 of 10 neighbours had a value)"


def test_detail_lists_the_neighbours_latest_values_by_rank(notts_data):
    detail = indicator_detail(notts_data, nottinghamshire())

    shown = [(value.area.code, value.rank, value.value) for value in detail.neighbours[:4]]
    assert shown == [(NOTTINGHAMSHIRE, None, 95), ("E10000007", 1, 70), ("E10000018", 2, 80),
                     ("E10000019", 3, 90)]
    assert detail.neighbours[1].closeness == "Close"
    assert detail.neighbour_model_year == 2025


def test_detail_rates_each_period_against_its_own_target(notts_data, officer):
    notts_data.target_tolerance = 5
    notts_data.save()
    target_save(indicator=notts_data, period="2021/22", value=82, by=officer)
    target_save(indicator=notts_data, period="2023/24", value=92, by=officer)

    detail = indicator_detail(notts_data, nottinghamshire())

    assert [(p.target, p.target_status) for p in detail.series] == [
        (82, "green"), (None, None), (92, "amber")]


def _commentary(indicator, period, text, by):
    from trustboard.performance.models import IndicatorCommentary

    return IndicatorCommentary.objects.create(indicator=indicator, area=nottinghamshire(),
                                              period=period, text=text, by=by)


def _approve_up_to(indicator, period_end, label, by):
    from django.utils import timezone

    from trustboard.performance.models import PublicationApproval

    return PublicationApproval.objects.create(indicator=indicator, up_to=period_end,
                                              up_to_period=label, approved_by=by,
                                              approved_at=timezone.now())


def test_detail_gives_the_owners_commentary_newest_period_first_with_who_and_when(
        notts_data, officer):
    _commentary(notts_data, "2022/23", "Fewer admissions after the home safety scheme.", officer)
    _commentary(notts_data, "2023/24", "More admissions since the scheme ended.", officer)

    detail = indicator_detail(notts_data, nottinghamshire())

    assert [(c.period, c.by, c.is_public) for c in detail.commentaries] == [
        ("2023/24", "Pat Officer", False), ("2022/23", "Pat Officer", False)]
    assert detail.commentaries[0].text == "More admissions since the scheme ended."
    assert detail.commentaries[0].at is not None


def test_the_public_reads_commentary_only_up_to_the_approved_period(notts_data, officer):
    """Values of an indicator needing no approval are public; its commentary is not until
    an officer approves its period (commentary_is_public, as the dashboard does)."""
    _commentary(notts_data, "2022/23", "Approved words.", officer)
    _commentary(notts_data, "2023/24", "Draft words.", officer)
    assert indicator_detail(notts_data, nottinghamshire(), public=True).commentaries == []

    _approve_up_to(notts_data, date(2023, 3, 31), "2022/23", officer)
    detail = indicator_detail(notts_data, nottinghamshire(), public=True)

    assert [c.text for c in detail.commentaries] == ["Approved words."]
    assert detail.latest.period == "2023/24", "the values need no approval"
    signed_in = indicator_detail(notts_data, nottinghamshire())
    assert [(c.text, c.is_public) for c in signed_in.commentaries] == [
        ("Draft words.", False), ("Approved words.", True)]


def test_the_public_reads_no_commentary_on_a_value_it_cannot_see(notts_data, officer):
    notts_data.approval_required = True
    notts_data.save()
    _commentary(notts_data, "2023/24", "Draft words.", officer)
    _approve_up_to(notts_data, date(2023, 3, 31), "2022/23", officer)

    detail = indicator_detail(notts_data, nottinghamshire(), public=True)

    assert (detail.latest.period, detail.commentaries) == ("2022/23", [])


def test_detail_of_an_indicator_without_data_is_empty(notts):
    detail = indicator_detail(notts, nottinghamshire())

    assert (detail.series, detail.latest, detail.reading.is_out_of_date) == ([], None, True)


def test_detail_runs_ten_queries_whatever_the_data(notts_data, django_assert_num_queries):
    """The neighbours, the reading with them (five), England and the latest period's points
    for the comparison chart, and the commentary with its approval."""
    area = nottinghamshire()

    with django_assert_num_queries(10):
        indicator_detail(notts_data, area)


def test_detail_of_real_injury_admissions_gives_nottinghamshires_published_comparison(areas):
    from trustboard.performance.models import Indicator
    from trustboard.performance.services import neighbours_import_file

    neighbours_import_file(path=NEIGHBOURS_2025)
    data_import(path=FINGERTIPS_90284, by=None, create_indicators=True,
                polarity="lower_is_better")

    detail = indicator_detail(Indicator.objects.get(), nottinghamshire())

    latest = detail.latest
    assert latest.period == "2023/24"
    assert latest.neighbour_ranking.ranked == 11, "Nottinghamshire and its ten neighbours"
    assert latest.compared_with_england == "better"  # as published for 2023/24
    assert len(detail.neighbours) == 11


# --- area profile --------------------------------------------------------------------------


def test_profile_row_places_the_area_among_england_and_all_authorities(notts_data):
    row, = area_profile(nottinghamshire())

    assert (row.period, row.value, row.england_value, row.region_value) == (
        "2023/24", 95, 90, 92)
    # Authorities with a value: 70, 80, 90 (neighbours) and 95 (Nottinghamshire).
    assert (row.lowest, row.lower_quartile, row.upper_quartile, row.highest) == (
        70, 77.5, 91.25, 95)
    assert (row.worst, row.best, row.authorities) == (95, 70, 4)
    assert row.compared_with_england == "worse"


def test_profile_as_at_a_date_uses_the_periods_ended_by_then(notts_data):
    row, = area_profile(nottinghamshire(), as_at=date(2023, 3, 31))

    assert (row.period, row.value) == ("2022/23", 85)


def test_profile_runs_nine_queries_whatever_the_data(notts_data, django_assert_num_queries):
    """The indicators, their one reading (six), the authorities and their points."""
    area = nottinghamshire()

    with django_assert_num_queries(9):
        area_profile(area)


def test_a_value_fingertips_does_not_present_reads_with_no_interval(performance_demo):
    """90284, Nottinghamshire 2016/17: "Not presented ..." with -1 in every limit column."""
    from trustboard.performance.models import Indicator

    indicator = Indicator.objects.get(source_id="90284")
    detail = indicator_detail(indicator, partnership_area())
    missing = next(point for point in detail.series if point.period == "2016/17")
    assert (missing.value, missing.lower95, missing.upper95) == (None, None, None)
