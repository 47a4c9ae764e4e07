import datetime

import pytest

from trustboard.performance.models import (
    ENGLAND_CODE,
    Area,
    Breakdown,
    DataPoint,
    Indicator,
    Period,
)
from trustboard.performance.services import area_load_national, neighbours_import
from trustboard.plans.models import Plan

NOTTINGHAMSHIRE = "E10000024"
NFER_HEADER = ("old_la_code,la_name,region_ind,region_name,"
               + ",".join(f"SN_{n},SN_{n}P" for n in range(1, 11)))
NOTTINGHAMSHIRE_2025 = ("891,Nottinghamshire,4,East Midlands,"
                        + ",".join(f"{code},Close " for code in
                                   (830, 855, 925, 916, 940, 936, 885, 881, 886, 938)))
YEARS = {"2009/10": 2009, "2010/11": 2010, "2011/12": 2011, "2012/13": 2012}


@pytest.fixture
def areas(db):
    area_load_national()
    neighbours_import(text=f"{NFER_HEADER}\n{NOTTINGHAMSHIRE_2025}\n", model_year=2025)


@pytest.fixture
def plan(db):
    return Plan.objects.create(title="CYPF Plan 2011-14", slug="cypf-2011-14",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))


def period(label: str) -> Period:
    year = YEARS[label]
    return Period.objects.get_or_create(label=label, start=datetime.date(year, 4, 1),
                                        end=datetime.date(year + 1, 3, 31))[0]


def put(indicator: Indicator, code: str, label: str, value: float, spread: float = 1.0):
    """One headline value with a 95% interval of +/- spread."""
    breakdown = Breakdown.objects.get_or_create(sex=indicator.sex, age=indicator.age)[0]
    return DataPoint.objects.create(
        indicator=indicator, area=Area.objects.get(code=code), period=period(label),
        breakdown=breakdown, value=value, lower95=value - spread, upper95=value + spread)


def england(indicator, label, value):
    return put(indicator, ENGLAND_CODE, label, value, 0.1)
