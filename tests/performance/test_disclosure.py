"""Tests for performance/disclosure.py: the threshold, and what the public reads of small counts."""

import io
import re
from datetime import date

import polars as pl
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from trustboard.performance.disclosure import (
    disclosure_threshold,
    public_note,
    suppressed_point_ids,
)
from trustboard.performance.exports import data_export
from trustboard.performance.models import (
    ENGLAND_CODE,
    Area,
    AreaKind,
    Breakdown,
    DataPoint,
    Period,
)
from trustboard.performance.selectors import area_get, indicator_detail, indicator_readings

from .factories import IndicatorFactory


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


def test_the_public_reading_suppresses_under_the_setting_s_threshold(settings, small_counts):
    settings.TRUSTBOARD_DISCLOSURE_THRESHOLD = "13"
    indicator, _county, _districts = small_counts

    hidden = suppressed_point_ids(DataPoint.objects.filter(indicator=indicator))

    counts = DataPoint.objects.filter(pk__in=hidden).values_list("count", flat=True)
    assert sorted(counts) == [3.0, 7.0, 12.0]
    assert "fewer than 13" in public_note()


# --- the public reading, on a county and four of its districts with small counts -------------

NOTTINGHAMSHIRE = "E10000024"
AS_AT = date(2025, 3, 31)
POPULATION = 2_437.0  # each district's children, illustrative


def _text(page) -> str:
    """The page's words, without its charts' drawing (whose coordinates are numbers too)."""
    return re.sub(r"<svg.*?</svg>", "", page.text, flags=re.DOTALL)


def _put(indicator, area, period, breakdown, count, denominator=POPULATION):
    value = count / denominator * 10_000
    return DataPoint(indicator=indicator, area=area, period=period, breakdown=breakdown,
                     count=count, denominator=denominator, value=value, lower95=value * 0.8,
                     upper95=value * 1.2)


def _small_counts(counts):
    """Illustrative admissions: Nottinghamshire's total and one district per count."""
    indicator = IndicatorFactory(name="Admissions (illustrative small counts)",
                                 approval_required=False)
    breakdown = Breakdown.objects.get_or_create(sex=indicator.sex, age=indicator.age)[0]
    period = Period.objects.get_or_create(label="2023/24", start=date(2023, 4, 1),
                                          end=date(2024, 3, 31))[0]
    county = Area.objects.get(code=NOTTINGHAMSHIRE)
    districts = list(Area.objects.filter(parent=county, kind=AreaKind.DISTRICT)
                     .order_by("name")[:len(counts)])
    DataPoint.objects.bulk_create([
        _put(indicator, Area.objects.get(code=ENGLAND_CODE), period, breakdown, 50_000.0,
             10_000_000.0),
        _put(indicator, county, period, breakdown, float(sum(counts)),
             POPULATION * len(counts)),
        *(_put(indicator, district, period, breakdown, float(count))
          for district, count in zip(districts, counts, strict=True))])
    return indicator, county, districts


@pytest.fixture
def small_counts(areas):
    # The seed asks for the outcomes framework to be public; these districts' counts of
    # 3, 7, 12 and 40 under a county total of 62 are the case subtraction would expose.
    return _small_counts([3, 7, 12, 40])


def test_the_public_reads_a_small_count_as_suppressed_with_the_note(client, small_counts):
    indicator, _county, districts = small_counts

    page = _text(client.get(f"/indicators/{indicator.pk}/", {"area": districts[0].code}))

    assert "Suppressed" in page
    assert public_note() in page
    assert "Not compared (suppressed)" in page
    assert "12.3" not in page, "Ashfield's rate: 3 in 2,437 children, per 10,000"


def test_the_public_reads_the_next_smallest_district_as_suppressed_too(client, small_counts):
    indicator, _county, districts = small_counts

    page = _text(client.get(f"/indicators/{indicator.pk}/", {"area": districts[1].code}))

    assert public_note() in page
    assert "28.7" not in page, "the second district's rate: 7 in 2,437, per 10,000"


def test_the_public_reads_larger_districts_as_published(client, small_counts):
    indicator, _county, districts = small_counts

    page = _text(client.get(f"/indicators/{indicator.pk}/", {"area": districts[2].code}))

    assert "49.2" in page and public_note() not in page


def test_an_officer_signed_in_reads_every_figure(officer_client, small_counts):
    indicator, _county, districts = small_counts

    page = _text(officer_client.get(f"/indicators/{indicator.pk}/",
                                    {"area": districts[0].code}))

    assert "12.3" in page and "Suppressed" not in page


def test_the_county_s_districts_breakdown_hides_both_for_the_public(small_counts):
    indicator, county, _districts = small_counts

    public = indicator_readings([indicator], area=county, as_at=AS_AT, public=True,
                                localities=True)[indicator.pk]
    signed_in = indicator_readings([indicator], area=county, as_at=AS_AT,
                                   localities=True)[indicator.pk]

    assert [(value.value is None, value.is_suppressed) for value in public.localities] == [
        (True, True), (True, True), (False, False), (False, False)]
    assert [value.compared_with_area for value in public.localities][:2] == [
        "not compared", "not compared"]
    assert not any(value.is_suppressed for value in signed_in.localities)
    assert public.count == 62.0, "the county's own total stays shown"


def _what_the_public_reads(indicator, county, districts):
    """Each figure the public can read: the county's count and each district's count, or
    the count its value, denominator and multiplier give back."""
    def count_of(area):
        detail = indicator_detail(indicator, area_get(code=area.code), as_at=AS_AT,
                                  public=True)
        latest = detail.latest
        if latest is None or latest.is_suppressed:
            return None
        if latest.count is not None:
            return latest.count
        if latest.value is not None and latest.denominator:
            return round(latest.value * latest.denominator / 10_000)
        return None
    return count_of(county), [count_of(district) for district in districts]


@pytest.mark.parametrize("counts", [
    [3, 7, 12, 40], [1, 1, 7, 20], [4, 4, 4, 7], [2, 0, 9, 30], [3, 12, 12, 40],
    [6, 9, 12, 40]])
def test_no_suppressed_district_can_be_worked_out_from_the_public_pages(areas, counts):
    indicator, county, districts = _small_counts(counts)

    total, shown = _what_the_public_reads(indicator, county, districts)

    hidden = [count for count, seen in zip(counts, shown, strict=True) if seen is None]
    assert all(seen in (None, count) for count, seen in zip(counts, shown, strict=True))
    assert all(count == 0 or count >= 5 for count, seen in zip(counts, shown, strict=True)
               if seen is not None), "no count under 5 is shown"
    if total is not None and hidden:
        assert len(hidden) >= 2, "one hidden district would be the total minus the rest"
        assert sum(hidden) > len(hidden), "hidden counts of 1 each would be known"


def test_the_open_data_download_suppresses_as_the_pages_do_and_the_full_one_does_not(
        small_counts):
    indicator, _county, districts = small_counts
    public, full = io.BytesIO(), io.BytesIO()

    data_export(output=public, format="tidy", indicators=[indicator], public=True)
    data_export(output=full, format="tidy", indicators=[indicator])

    def rows(buffer):
        frame = pl.read_csv(io.BytesIO(buffer.getvalue()), infer_schema_length=0)
        return {row["area_code"]: row for row in frame.iter_rows(named=True)}
    shown, everything = rows(public), rows(full)
    assert [shown[d.code]["count"] for d in districts] == [None, None, "12", "40"]
    assert shown[districts[0].code]["value"] is None
    assert shown[districts[0].code]["value_note"] == public_note()
    assert [everything[d.code]["count"] for d in districts] == ["3", "7", "12", "40"]


def test_the_public_plan_dashboard_hides_the_small_districts_and_an_officer_sees_them(
        officer_client, small_counts):
    from trustboard.plans.models import Plan, Priority

    indicator, _county, _districts = small_counts
    plan = Plan.objects.create(title="Children and Young People's Plan", slug="cyp-plan",
                               starts_on=date(2023, 4, 1), ends_on=date(2026, 3, 31))
    Priority.objects.create(plan=plan, number=1, title="Safe").indicators.add(indicator)

    public = _text(Client().get(f"/plan/{plan.slug}/dashboard/"))
    signed_in = _text(officer_client.get(f"/plan/{plan.slug}/dashboard/"))

    assert public.count("Not compared (suppressed)") == 2 and public_note() in public
    assert "12.3" not in public and "49.2" in public
    assert "12.3" in signed_in and "Suppressed" not in signed_in


def test_a_report_prints_suppressed_where_the_public_reading_is(small_counts):
    from trustboard.reports.document import indicator_entry

    indicator, _county, districts = small_counts
    reading = indicator_readings([indicator], area=districts[0], as_at=AS_AT,
                                 public=True)[indicator.pk]

    entry = indicator_entry(reading, districts[0].name, {})

    assert (entry.value, entry.comparison) == ("Suppressed", "Not compared (suppressed)")


def test_the_public_indicator_list_and_profile_show_a_small_county_total_as_suppressed(
        officer_client, areas):
    indicator, county, _districts = _small_counts([1, 2, 0])  # a county total of 3

    listed = _text(Client().get("/indicators/", {"as_at": "2025-03-31"}))
    profile = _text(Client().get(f"/indicators/areas/{county.code}/"))
    signed_in = _text(officer_client.get("/indicators/", {"as_at": "2025-03-31"}))

    assert "Not compared (suppressed)" in listed and public_note() in listed
    assert "Suppressed to protect privacy, so left out of the chart" in profile
    assert indicator.name in profile
    assert "Suppressed" not in signed_in


def test_the_golden_thread_says_a_suppressed_value_is_suppressed(small_counts):
    from trustboard.performance.thread import _link

    indicator, _county, districts = small_counts
    reading = indicator_readings([indicator], area=districts[0], as_at=AS_AT,
                                 public=True)[indicator.pk]

    assert _link(indicator, reading).detail == "2023/24: suppressed to protect privacy"


def test_a_small_count_for_one_sex_takes_the_other_with_it_in_the_download(small_counts):
    indicator, county, _districts = small_counts
    period = Period.objects.get(label="2023/24")
    points = []
    for sex, count in (("Male", 3.0), ("Female", 59.0)):
        breakdown = Breakdown.objects.get_or_create(sex=sex, age=indicator.age)[0]
        points.append(_put(indicator, county, period, breakdown, count))
    DataPoint.objects.bulk_create(points)
    public = io.BytesIO()

    data_export(output=public, format="tidy", indicators=[indicator], public=True,
                area_code=county.code)

    frame = pl.read_csv(io.BytesIO(public.getvalue()), infer_schema_length=0).filter(
        pl.col("area_code") == county.code)
    counts = dict(zip(frame["sex"], frame["count"], strict=True))
    # Persons 62 - Female 59 would give Male's 3 back.
    assert counts == {"Persons": "62", "Male": None, "Female": None}


def test_the_api_hides_the_same_figures_as_the_download(client, small_counts):
    """One rule for every channel: the API judges each period over every area and
    breakdown, so Female's 59 is not given out where the download hides it."""
    indicator, county, _districts = small_counts
    period = Period.objects.get(label="2023/24")
    DataPoint.objects.bulk_create([
        _put(indicator, county, period,
             Breakdown.objects.get_or_create(sex=sex, age=indicator.age)[0], count)
        for sex, count in (("Male", 3.0), ("Female", 59.0))])

    rows = client.get(f"/api/v1/indicators/{indicator.pk}/data",
                      {"area": county.code, "period": "2023/24"}).json()["items"]

    counts = {row["sex"]: (row["count"], row["suppressed"]) for row in rows}
    assert counts == {"Persons": (62, False), "Male": (None, True), "Female": (None, True)}


def test_the_open_data_file_hides_the_same_figures_as_the_download(client, small_counts):
    indicator, county, _districts = small_counts
    period = Period.objects.get(label="2023/24")
    DataPoint.objects.bulk_create([
        _put(indicator, county, period,
             Breakdown.objects.get_or_create(sex=sex, age=indicator.age)[0], count)
        for sex, count in (("Male", 3.0), ("Female", 59.0))])

    response = client.get("/open-data/indicator-values-tidy.csv")

    frame = pl.read_csv(io.BytesIO(b"".join(response.streaming_content)),
                        infer_schema_length=0).filter(
        (pl.col("area_code") == county.code) & (pl.col("period") == "2023/24"))
    assert dict(zip(frame["sex"], frame["count"], strict=True)) == {
        "Persons": "62", "Male": None, "Female": None}
