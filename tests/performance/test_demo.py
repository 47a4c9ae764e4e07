import pytest

from tests.performance.conftest import FINGERTIPS_90284, NEIGHBOURS_2025, needs_shared_data
from tests.shared_data import SHARED_DATA
from trustboard.performance.demo import performance_demo_load
from trustboard.performance.models import Area, DataPoint, Indicator, StatisticalNeighbour

pytestmark = pytest.mark.django_db


@needs_shared_data(FINGERTIPS_90284)
@needs_shared_data(NEIGHBOURS_2025)
def test_demo_holds_real_injury_admissions_for_nottinghamshire_and_its_neighbours(officer):
    summary = performance_demo_load(by=officer)

    indicator = Indicator.objects.get(source_id="90284")
    assert (indicator.polarity, indicator.multiplier) == ("lower_is_better", 10_000)
    assert DataPoint.objects.filter(indicator=indicator).count() == 6505
    assert summary.messages == []
    neighbours = StatisticalNeighbour.objects.filter(area__code="E10000024", model_year=2025)
    assert neighbours.count() == 10
    assert DataPoint.objects.filter(area__in=[link.neighbour for link in neighbours],
                                    period__label="2023/24").exists()


@needs_shared_data(FINGERTIPS_90284)
def test_demo_loads_twice_without_change(officer):
    performance_demo_load(by=officer)

    again = performance_demo_load(by=officer)

    assert again.data_points == DataPoint.objects.count()


def test_demo_without_the_shared_data_loads_the_areas_and_says_what_it_skipped(officer,
                                                                              tmp_path):
    summary = performance_demo_load(by=officer, folder=tmp_path)

    assert Area.objects.filter(code="E10000024").exists()
    assert not DataPoint.objects.exists()
    assert [message.split(":")[0] for message in summary.messages] == [
        "Statistical neighbours skipped", "Fingertips indicator 90284 skipped",
        "DfE social care indicators skipped"]


SOCIAL_CARE = SHARED_DATA / "dfe_childrens_social_care"


@needs_shared_data(SOCIAL_CARE)
def test_demo_holds_dfe_social_care_figures_as_published(officer):
    """DfE's published 2025 figures for Nottinghamshire (891): 1,475 of 6,390 referrals
    were re-referrals (23.1%); 203 of 727 plans started were second or subsequent (27.9%);
    901 children looked after of 171,572 children (DfE rounds the rate to 53)."""
    performance_demo_load(by=officer)

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
