import pytest

from trustboard.performance.demo import (
    DEMO_DATA,
    INJURIES_REGIONS_FILE,
    DemoDataMissing,
    demo_data_files,
    performance_demo_load,
)
from trustboard.performance.models import Area, DataPoint, Indicator, StatisticalNeighbour
from trustboard.performance.selectors import IndicatorFilters, indicator_list

pytestmark = pytest.mark.django_db


def test_demo_holds_real_injury_admissions_for_nottinghamshire_and_its_neighbours(officer):
    summary = performance_demo_load(by=officer)

    indicator = Indicator.objects.get(source_id="90284")
    assert (indicator.polarity, indicator.multiplier) == ("lower_is_better", 10_000)
    # 6,505 for England and the authorities, and 342 for the nine regions: three sexes a
    # year from 2012/13, persons alone for 2010/11 and 2011/12.
    assert DataPoint.objects.filter(indicator=indicator).count() == 6505 + 342
    assert DataPoint.objects.filter(indicator=indicator, area__code="E12000004").exists()
    assert summary.data_points == DataPoint.objects.count()
    neighbours = StatisticalNeighbour.objects.filter(area__code="E10000024", model_year=2025)
    assert neighbours.count() == 10
    assert DataPoint.objects.filter(area__in=[link.neighbour for link in neighbours],
                                    period__label="2023/24").exists()


def test_demo_loads_twice_without_change(performance_demo):
    """`performance_demo` is the loader's first run; the second adds and changes nothing."""
    points, history = DataPoint.objects.count(), DataPoint.history.count()

    again = performance_demo_load(by=None)

    assert again.data_points == points
    assert (DataPoint.objects.count(), DataPoint.history.count()) == (points, history)


def test_demo_without_its_published_files_stops_naming_each_and_writes_nothing(tmp_path):
    with pytest.raises(DemoDataMissing) as refused:
        performance_demo_load(by=None, folder=tmp_path)

    for path in demo_data_files(tmp_path):
        assert str(path) in refused.value.message
    assert not Area.objects.exists()


def test_demo_missing_one_published_file_names_that_file_alone(tmp_path):
    for path in demo_data_files(DEMO_DATA):
        if path.name != INJURIES_REGIONS_FILE.name:
            copy = tmp_path / path.relative_to(DEMO_DATA)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.symlink_to(path)

    with pytest.raises(DemoDataMissing) as refused:
        performance_demo_load(by=None, folder=tmp_path)

    assert refused.value.message.startswith(
        f"The demo's published data are missing: {tmp_path / INJURIES_REGIONS_FILE}. ")


def test_demo_compares_each_authority_with_its_region_as_fingertips_publishes(
        performance_demo):
    """Fingertips 90284 against regions, 2023/24: Derbyshire (61.8) is better than England
    (72.7) but worse than the East Midlands (54.9); Nottinghamshire (55.6) is similar to it."""

    def latest(code):
        row, = [row for row in indicator_list(IndicatorFilters(area=Area.objects.get(code=code)))
                if row.indicator.source_id == "90284"]
        return row.period, row.compared_with_england, row.compared_with_region

    assert latest("E10000007") == ("2023/24", "better", "worse")
    assert latest("E10000024") == ("2023/24", "better", "similar")


def test_demo_holds_dfe_social_care_figures_as_published(performance_demo):
    """DfE's published 2025 figures for Nottinghamshire (891): 1,475 of 6,390 referrals
    were re-referrals (23.1%); 203 of 727 plans started were second or subsequent (27.9%);
    901 children looked after of 171,572 children (DfE rounds the rate to 53)."""

    def latest(source_id):
        return DataPoint.objects.get(indicator__source_id=source_id, area__code="E10000024",
                                     period__label="2024/25")

    rereferrals = latest("dfe-c1-rereferrals")
    assert (rereferrals.value, rereferrals.count, rereferrals.denominator) == (23.1, 1475, 6390)
    assert rereferrals.lower95 < 23.1 < rereferrals.upper95, "limits computed from the counts"
    assert latest("dfe-d3-subsequent-cpp").value == 27.9
    assert latest("dfe-cla-rate").value == 52.5
    assert DataPoint.objects.filter(indicator__source_id="dfe-b1-cin-rate",
                                    period__label="2012/13").exists(), "from 2013 on"
    england = DataPoint.objects.get(indicator__source_id="dfe-c1-rereferrals",
                                    area__code="E92000001", period__label="2024/25")
    assert england.value == 22.6
