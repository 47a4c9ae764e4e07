"""The national profiles' own client, fingertips_py 0.4.3, reads Trustboard's public data.

fingertips_py builds every address from `base_url` (https://fingertips.phe.org.uk/api/),
which each of its modules imports by value: pointed at /api/fingertips/ on the live test
server, its calls read what the demo imported from the real 90284 files through the real
importer, and give back what the national site published.

Disclosure control suppresses counts from 1 to 4 for the public. The published 90284 file
has none (its one small count, Rutland's boys in 2021/22, OHID suppressed already: no value,
no count, "Value suppressed for disclosure control due to small count"), so the public
reads every row of the file unchanged; `test_a_small_count_is_suppressed_...` shows what
the public gets where a count is small.
"""

import io
import math

import fingertips_py
import pandas as pd
import polars as pl
import pytest
from fingertips_py import api_calls, metadata, retrieve_data

from tests.performance.files import (
    DERBYSHIRE,
    ENGLAND,
    NOTTINGHAMSHIRE,
    fingertips_row,
    write_fingertips,
)
from tests.published_data import FINGERTIPS_90284, FINGERTIPS_90284_REGIONS
from trustboard.api.fingertips.selectors import METADATA_COLUMNS
from trustboard.performance.imports import data_import
from trustboard.performance.models import Indicator
from trustboard.performance.services import area_load_national
from trustboard.plans.models import Plan, Priority

pytestmark = pytest.mark.django_db

# A row of the national file is one area, parent, breakdown and period (England's rows
# come twice: on their own, and again as the parent of the authorities).
KEY = ["Indicator ID", "Parent Code", "Area Code", "Sex", "Age", "Category Type", "Category",
       "Time period"]
FIGURES = ["Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit",
           "Upper CI 99.8 limit", "Count", "Denominator"]
SAME_TEXT = ["Indicator Name", "Parent Name", "Area Type", "Value note",
             "Compared to England value or percentiles", "Compared to percentiles",
             "Time period Sortable", "Time period range"]
API = "/api/fingertips/"


@pytest.fixture
def fingertips(performance_demo, live_server, monkeypatch):
    """fingertips_py pointed at the live test server, which holds the demo's 90284 data."""
    base = f"{live_server.url}{API}"
    for module in (api_calls, retrieve_data, metadata):
        monkeypatch.setattr(module, "base_url", base)
    return fingertips_py


def _polars(frame: pd.DataFrame) -> pl.DataFrame:
    """A pandas frame as Polars, column by column (NaN as null), with no pyarrow."""
    return pl.DataFrame([pl.Series(str(name), [
        None if isinstance(cell, float) and math.isnan(cell) else cell
        for cell in frame[name].tolist()], strict=False) for name in frame.columns])


def _published(path) -> pl.DataFrame:
    """The published file as fingertips_py's pandas reads the national API's answer."""
    return _polars(pd.read_csv(path, low_memory=False))


def _joined(published: pl.DataFrame, read: pl.DataFrame) -> pl.DataFrame:
    joined = published.join(read, on=KEY, how="full", nulls_equal=True, suffix="_read")
    assert joined.height == published.height == read.height
    return joined


def _differing(joined: pl.DataFrame, column: str) -> pl.DataFrame:
    return joined.filter(~joined[column].eq_missing(joined[f"{column}_read"]))


def test_get_data_by_indicator_ids_gives_every_row_of_the_published_90284_file(fingertips):
    read = fingertips.get_data_by_indicator_ids(90284, 502)

    published = _published(FINGERTIPS_90284)
    assert list(read.columns) == published.columns
    joined = _joined(published, _polars(read))
    assert joined.height == 7208
    for column in FIGURES + SAME_TEXT:
        assert _differing(joined, column).height == 0, column
    assert published.filter(pl.col("Count").is_between(1, 4)).height == 0


def test_the_only_published_suppression_comes_through_with_its_note(fingertips):
    read = _polars(fingertips.get_data_by_indicator_ids(90284, 502))

    rutland = read.filter(pl.col("Area Code") == "E06000017", pl.col("Sex") == "Male",
                          pl.col("Time period") == "2021/22").row(0, named=True)
    assert rutland["Value"] is None and rutland["Count"] is None
    assert rutland["Denominator"] == 3186
    assert rutland["Value note"] == "Value suppressed for disclosure control due to small count"


def test_with_regions_as_parents_every_row_of_the_regions_export_comes_back(fingertips):
    """Column 23 compares each authority with its region; the recent trend (the latest
    period's rows) is the statistics engine's and agrees with this export's on every row."""
    read = fingertips.get_data_by_indicator_ids(90284, 502, parent_area_type_id=6)

    published = _published(FINGERTIPS_90284_REGIONS)
    assert list(read.columns) == published.columns
    joined = _joined(published, _polars(read))
    assert joined.height == 6847
    region = "Compared to Regions (statistical) value or percentiles"
    for column in [*FIGURES, "Value note", "Compared to England value or percentiles", region,
                   "Recent Trend"]:
        assert _differing(joined, column).height == 0, column


def test_the_england_exports_recent_trend_is_the_one_column_that_differs(fingertips):
    """The national site's two exports of 90284 disagree on 232 recent trends (England's
    export says "Increasing and getting worse" where the regions' export, and the falling
    values, say "Decreasing and getting better"). Trustboard gives one trend for both."""
    read = _polars(fingertips.get_data_by_indicator_ids(90284, 502))

    joined = _joined(_published(FINGERTIPS_90284), read)
    differing = _differing(joined, "Recent Trend")
    regions = _published(FINGERTIPS_90284_REGIONS).unique(KEY[2:]).select(
        *KEY[2:], pl.col("Recent Trend").alias("regions_trend"))
    against_regions = differing.join(regions, on=KEY[2:], nulls_equal=True)
    assert differing.height == against_regions.height == 288  # 232 rows, England's twice
    assert (against_regions["Recent Trend_read"] == against_regions["regions_trend"]).all()


def test_metadata_calls_describe_90284(fingertips):
    one = fingertips.get_metadata_for_indicator(90284)
    frame = fingertips.get_metadata(indicator_ids=[90284])
    every = fingertips.get_metadata_for_all_indicators_from_csv()

    assert one["IID"] == 90284 and one["Descriptive"]["Name"].startswith("Hospital admissions")
    assert fingertips.get_multiplier_and_calculation_for_indicator(90284) == (10_000, "Byar")
    assert list(frame.columns) == METADATA_COLUMNS
    assert frame.loc[0, "Indicator ID"] == 90284 and frame.loc[0, "Polarity"] == (
        "RAG - Low is good")
    assert 90284 in set(every["Indicator ID"])


def test_area_calls_give_the_national_area_types_and_areas(fingertips):
    authorities = fingertips.get_areas_for_area_type(502)

    assert len(authorities) == 153
    assert authorities[NOTTINGHAMSHIRE]["Name"] == "Nottinghamshire"
    assert {15, 6, 502, 501} <= set(fingertips.get_all_areas())
    assert fingertips.get_area_types_as_dict()[502]["Name"] == "Counties & UAs (from Apr 2023)"
    assert fingertips.get_all_areas_for_all_indicators()[90284] == [6, 15, 502]


def test_ages_sexes_and_value_notes_are_those_of_the_data(fingertips):
    ages = fingertips.get_all_ages()

    assert "<15 yrs" in {age["Name"] for age in ages.values()}
    assert fingertips.get_age_id("<15 yrs") == fingertips.metadata.make_request(
        f"{metadata.base_url}ages", "Name")["<15 yrs"]["Id"]
    assert {1: "Male", 2: "Female", 4: "Persons"}.items() <= fingertips.get_all_sexes().items()
    assert "Value suppressed for disclosure control due to small count" in set(
        fingertips.get_all_value_notes().values())


def test_profiles_are_plans_and_their_groups_the_priorities(fingertips):
    plan = Plan.objects.create(title="Children and Young People's Plan 2011-14",
                               slug="cypp", starts_on="2011-04-01", ends_on="2014-03-31")
    priority = Priority.objects.create(plan=plan, number=1, title="Safe from harm")
    priority.indicators.add(Indicator.objects.get(source_id="90284"))

    profile = fingertips.get_profile_by_id(plan.pk)

    assert profile == {"Id": plan.pk, "Name": plan.title, "Key": "cypp",
                       "GroupIds": [priority.pk]}
    assert fingertips.metadata.get_profile_by_key("cypp")["Id"] == plan.pk
    assert fingertips.get_area_type_ids_for_profile(plan.pk) == [15, 6, 502]
    assert list(fingertips.get_metadata(profile_ids=plan.pk)["Indicator ID"]) == [90284]
    data = fingertips.get_all_data_for_profile(plan.pk, area_type_id=502)
    assert len(data) == 7208


# --- bad input, through Django's test client ---------------------------------------------


@pytest.fixture
def injuries(performance_demo):
    return Indicator.objects.get(source_id="90284")


@pytest.mark.parametrize(("query", "status", "named"), [
    ("indicator_ids=99999999&child_area_type_id=502", 404, "99999999"),
    ("indicator_ids=90284,abc&child_area_type_id=502", 400, "indicator_ids"),
    ("indicator_ids=&child_area_type_id=502", 400, "indicator_ids"),
    ("indicator_ids=90284", 400, "child_area_type_id"),
    ("indicator_ids=90284&child_area_type_id=7", 404, "child_area_type_id"),
    ("indicator_ids=90284&child_area_type_id=502&parent_area_type_id=x", 400,
     "parent_area_type_id"),
    ("indicator_ids=90284&child_area_type_id=6&parent_area_type_id=502", 400,
     "parent_area_type_id"),
])
def test_a_bad_data_request_is_a_4xx_naming_the_parameter(client, injuries, query, status,
                                                          named):
    response = client.get(f"{API}all_data/csv/by_indicator_id?{query}")

    assert response.status_code == status
    assert named in response.json()["Message"]


@pytest.mark.parametrize("path", [
    "indicator_metadata/by_indicator_id?indicator_ids=1e5",
    "areas/by_area_type?area_type_id=999",
    "areas/by_area_type",
    "profile?profile_id=424242",
    "indicator_metadata/csv/by_group_id?group_id=424242",
    "available_data?indicator_id=-1",
])
def test_unknown_or_malformed_ids_are_refused_with_a_message(client, injuries, path):
    response = client.get(API + path)

    assert response.status_code in (400, 404)
    assert response.json()["Message"]


def test_the_api_is_read_only(client, injuries):
    response = client.post(f"{API}all_data/csv/by_indicator_id?indicator_ids=90284"
                           "&child_area_type_id=502")

    assert response.status_code == 405


def test_an_indicator_not_from_fingertips_is_read_by_trustboards_own_id(client, injuries):
    looked_after = Indicator.objects.get(source_id="dfe-cla-rate")

    read = _csv(client, f"indicator_ids={looked_after.pk}&child_area_type_id=502")

    assert set(read["Indicator ID"]) == {str(looked_after.pk)}
    assert NOTTINGHAMSHIRE in set(read["Area Code"])
    listed = client.get(f"{API}available_data?indicator_id={looked_after.pk}").json()
    assert {"IndicatorId": looked_after.pk, "AreaTypeId": 502} in listed


# --- what the public may read -------------------------------------------------------------


def _csv(client, query: str) -> pl.DataFrame:
    response = client.get(f"{API}all_data/csv/by_indicator_id?{query}")
    assert response.status_code == 200
    return pl.read_csv(io.BytesIO(b"".join(response.streaming_content)), infer_schema=False)


@pytest.fixture
def small_counts(db, tmp_path):
    """An indicator with a count of 3 for Nottinghamshire, published without approval."""
    area_load_national()
    data_import(path=write_fingertips(tmp_path, [
        fingertips_row(**{"Indicator ID": "93000", "Area Code": ENGLAND, "Parent Code": "",
                          "Count": "5000", "Value": "90"}),
        fingertips_row(**{"Indicator ID": "93000", "Count": "3", "Value": "2.2",
                          "Lower CI 95.0 limit": "0.5", "Upper CI 95.0 limit": "6.4"}),
        fingertips_row(**{"Indicator ID": "93000", "Area Code": DERBYSHIRE, "Count": "700"}),
    ]), by=None, create_indicators=True)
    indicator = Indicator.objects.get(source_id="93000")
    indicator.approval_required = False
    indicator.save()
    return indicator


def test_a_small_count_is_suppressed_with_its_value_limits_and_a_note(client, small_counts):
    read = _csv(client, "indicator_ids=93000&child_area_type_id=502")

    notts = read.filter(pl.col("Area Code") == NOTTINGHAMSHIRE).row(0, named=True)
    assert [notts[name] for name in FIGURES[:-1]] == [None] * 6
    assert notts["Value note"]
    assert notts["Compared to England value or percentiles"] == "Not compared"
    derbyshire = read.filter(pl.col("Area Code") == DERBYSHIRE).row(0, named=True)
    assert derbyshire["Count"] == "700"


def test_values_awaiting_approval_are_not_served(client, small_counts):
    small_counts.approval_required = True
    small_counts.save()

    read = _csv(client, "indicator_ids=93000&child_area_type_id=502")

    assert read.height == 0
    assert read.columns[:3] == ["Indicator ID", "Indicator Name", "Parent Code"]
