import pytest
from django.db import IntegrityError

from tests.performance.factories import IndicatorFactory
from trustboard.performance.models import (
    Area,
    AreaKind,
    Breakdown,
    DataPoint,
    Period,
    StatisticalNeighbour,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(areas):
    from datetime import date

    return {"indicator": IndicatorFactory(), "area": Area.objects.get(code="E10000024"),
            "period": Period.objects.create(label="2023/24", start=date(2023, 4, 1),
                                            end=date(2024, 3, 31)),
            "breakdown": Breakdown.objects.create()}


def test_a_data_point_is_held_once_per_indicator_area_period_and_breakdown(key):
    DataPoint.objects.create(value=1, **key)

    with pytest.raises(IntegrityError):
        DataPoint.objects.create(value=2, **key)


def test_the_database_refuses_a_lower_limit_above_the_upper(key):
    with pytest.raises(IntegrityError):
        DataPoint.objects.create(value=1, lower95=2, upper95=1, **key)


def test_a_breakdown_defaults_to_persons_of_all_ages(db):
    breakdown = Breakdown.objects.create()

    assert (breakdown.sex, breakdown.age, breakdown.category) == ("Persons", "All ages", "")


def test_an_authority_cannot_be_its_own_neighbour(areas):
    county = Area.objects.get(code="E10000024")

    with pytest.raises(IntegrityError):
        StatisticalNeighbour.objects.create(area=county, neighbour=county, rank=1,
                                            model_year=2025)


def test_two_current_areas_cannot_share_a_dfe_number(areas):
    with pytest.raises(IntegrityError):
        Area.objects.create(code="E06999999", name="Copy", kind=AreaKind.UPPER_TIER,
                            dfe_la_code="891")
