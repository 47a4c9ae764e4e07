import pytest

from tests.performance.conftest import FINGERTIPS_90284, NEIGHBOURS_2025, needs_shared_data
from trustboard.performance.demo import performance_demo_load
from trustboard.performance.models import Area, DataPoint, Indicator, StatisticalNeighbour

pytestmark = pytest.mark.django_db


@needs_shared_data(FINGERTIPS_90284)
@needs_shared_data(NEIGHBOURS_2025)
def test_demo_holds_real_injury_admissions_for_nottinghamshire_and_its_neighbours(officer):
    summary = performance_demo_load(by=officer)

    indicator = Indicator.objects.get(source_id="90284")
    assert (indicator.polarity, indicator.multiplier) == ("lower_is_better", 10_000)
    assert summary.data_points == 6505 and summary.messages == []
    neighbours = StatisticalNeighbour.objects.filter(area__code="E10000024", model_year=2025)
    assert neighbours.count() == 10
    assert DataPoint.objects.filter(area__in=[link.neighbour for link in neighbours],
                                    period__label="2023/24").exists()


@needs_shared_data(FINGERTIPS_90284)
def test_demo_loads_twice_without_change(officer):
    performance_demo_load(by=officer)

    again = performance_demo_load(by=officer)

    assert again.data_points == DataPoint.objects.count() == 6505


def test_demo_without_the_shared_data_loads_the_areas_and_says_what_it_skipped(officer,
                                                                              tmp_path):
    summary = performance_demo_load(by=officer, folder=tmp_path)

    assert Area.objects.filter(code="E10000024").exists()
    assert not DataPoint.objects.exists()
    assert [message.split(":")[0] for message in summary.messages] == [
        "Statistical neighbours skipped", "Fingertips indicator 90284 skipped"]
