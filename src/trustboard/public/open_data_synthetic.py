"""A million published data points, built fast, to measure the open data downloads.

Used by bench/bench_open_data.py and the bounded-memory test: England, 9 regions and 150
upper-tier authorities, 25 financial years and 5 breakdowns make 20,000 points an
indicator; 50 indicators (national ones, with Fingertips ids, needing no approval) make
1,000,000. The small tables go through the ORM; the points are written with executemany,
one indicator at a time, as a bulk import would. Illustrative numbers, not real ones.
"""

from __future__ import annotations

import datetime

import numpy as np
from django.db import connection, transaction

from trustboard.performance.models import (
    ENGLAND_CODE,
    Area,
    AreaKind,
    Breakdown,
    DataPoint,
    Indicator,
    Period,
)

REGIONS = 9
AUTHORITIES = 150
YEARS = 25
BREAKDOWNS = (("Persons", "0-14 yrs"), ("Male", "0-14 yrs"), ("Female", "0-14 yrs"),
              ("Persons", "0-4 yrs"), ("Persons", "5-14 yrs"))
INDICATORS = 50
POINTS_PER_INDICATOR = (1 + REGIONS + AUTHORITIES) * YEARS * len(BREAKDOWNS)


@transaction.atomic
def million_points_build(*, indicators: int = INDICATORS, seed: int = 17) -> int:
    """Build `indicators` x 20,000 data points (a million by default); return how many."""
    england = Area.objects.create(code=ENGLAND_CODE, name="England", kind=AreaKind.ENGLAND)
    regions = Area.objects.bulk_create(
        Area(code=f"E120000{number:02d}", name=f"Region {number}", kind=AreaKind.REGION,
             parent=england) for number in range(1, REGIONS + 1))
    authorities = Area.objects.bulk_create(
        Area(code=f"E10{number:06d}", name=f"Authority {number}", kind=AreaKind.UPPER_TIER,
             parent=regions[number % REGIONS], region=regions[number % REGIONS])
        for number in range(AUTHORITIES))
    periods = Period.objects.bulk_create(
        Period(label=f"{year}/{(year + 1) % 100:02d}", start=datetime.date(year, 4, 1),
               end=datetime.date(year + 1, 3, 31)) for year in range(2000, 2000 + YEARS))
    breakdowns = Breakdown.objects.bulk_create(Breakdown(sex=sex, age=age)
                                               for sex, age in BREAKDOWNS)
    made = Indicator.objects.bulk_create(
        Indicator(name=f"Synthetic indicator {number}", source_id=str(93000 + number),
                  source="Fingertips", approval_required=False)
        for number in range(indicators))
    area_ids = [england.pk, *(area.pk for area in regions),
                *(area.pk for area in authorities)]
    keys = np.array([(area, period.pk, breakdown.pk) for area in area_ids
                     for period in periods for breakdown in breakdowns])
    rng = np.random.default_rng(seed)
    table = DataPoint._meta.db_table
    sql = (f"INSERT INTO {table} (indicator_id, area_id, period_id, breakdown_id, value, "
           "lower95, upper95, lower998, upper998, count, denominator, value_note, "
           "limits_source) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', '')")
    with connection.cursor() as cursor:
        for indicator in made:
            denominator = rng.integers(5_000, 200_000, len(keys)).astype(float)
            # One count in twenty is under 5, so disclosure control has work to do.
            count = np.where(rng.random(len(keys)) < 0.05, rng.integers(1, 5, len(keys)),
                             rng.integers(5, 2_000, len(keys))).astype(float)
            value = count / denominator * 10_000
            spread = np.sqrt(count) / denominator * 10_000
            cursor.executemany(sql, zip(
                [indicator.pk] * len(keys), keys[:, 0].tolist(), keys[:, 1].tolist(),
                keys[:, 2].tolist(), value.round(4).tolist(),
                (value - 1.96 * spread).round(4).tolist(),
                (value + 1.96 * spread).round(4).tolist(),
                (value - 3.09 * spread).round(4).tolist(),
                (value + 3.09 * spread).round(4).tolist(), count.tolist(),
                denominator.tolist(), strict=True))
    return len(made) * len(keys)
