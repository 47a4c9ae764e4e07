"""The indicator pages on Nottinghamshire's real published figures (Fingertips 90284)."""

import pytest

from tests.performance.conftest import FINGERTIPS_90284, needs_shared_data
from trustboard.performance.demo import performance_demo_load
from trustboard.performance.models import Indicator

pytestmark = [pytest.mark.django_db, needs_shared_data(FINGERTIPS_90284)]


@pytest.fixture
def injuries(officer):
    performance_demo_load(by=officer)
    return Indicator.objects.get(source_id="90284")


def test_the_indicator_page_gives_the_published_latest_value_and_comparison(client, injuries):
    page = client.get(f"/indicators/{injuries.pk}/")
    assert page.status_code == 200
    # Fingertips 90284, Nottinghamshire 2023/24: 55.6 per 10,000, better than England (72.7).
    assert "Latest (2023/24)" in page.text
    assert "55.6" in page.text and "72.7" in page.text
    assert "Better" in page.text


def test_the_indicator_page_draws_trend_and_neighbour_charts_with_tables(client, injuries):
    page = client.get(f"/indicators/{injuries.pk}/")
    assert page.text.count('role="img"') == 2
    assert page.text.count("Show the data in a table") == 2
    assert "Leicestershire" in page.text, "a 2025 statistical neighbour of Nottinghamshire"


def test_a_missing_value_draws_no_interval(client, injuries):
    """2016/17 is 'Not presented' with -1 limits in the file; nothing is drawn for it."""
    page = client.get(f"/indicators/{injuries.pk}/")
    assert "-1.0" not in page.text


def test_the_indicator_list_links_each_indicator(client, injuries):
    page = client.get("/indicators/")
    assert page.status_code == 200
    assert f'href="/indicators/{injuries.pk}/"' in page.text


def test_the_list_filters_by_comparison_with_england(client, injuries):
    assert injuries.name not in client.get("/indicators/", {"comparison": "worse"}).text
    assert injuries.name in client.get("/indicators/", {"comparison": "better"}).text


def test_the_list_filters_by_owner(client, injuries):
    from tests.governance.factories import PersonFactory

    owner = PersonFactory(name="Public Health Intelligence Lead")
    injuries.owner = owner
    injuries.save()
    other = Indicator.objects.exclude(pk=injuries.pk).first()
    page = client.get("/indicators/", {"owner": owner.pk}).text
    assert injuries.name in page
    assert other is None or other.name not in page
    assert "Public Health Intelligence Lead" in client.get("/indicators/").text, "offered"


def test_the_list_filters_by_plan_priority(client, injuries):
    import datetime

    from trustboard.plans.models import Plan, Priority

    plan = Plan.objects.create(title="CYPF Plan 2011-14", slug="cypf-2011-14",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))
    safety = Priority.objects.create(plan=plan, number=3, title="Keeping children safe")
    safety.indicators.add(injuries)
    other = Indicator.objects.exclude(pk=injuries.pk).first()

    page = client.get("/indicators/", {"priority": safety.pk}).text
    assert injuries.name in page
    assert other is None or other.name not in page
    assert "3. Keeping children safe" in client.get("/indicators/").text, "offered"


def test_the_area_profile_draws_a_spine_chart(client, injuries):
    page = client.get("/indicators/areas/E10000024/")
    assert page.status_code == 200
    assert 'role="img"' in page.text
    assert "149.0" in page.text, "the worst authority's rate in 2023/24"


def test_an_unknown_area_is_not_found(client, injuries):
    assert client.get("/indicators/areas/E99999999/").status_code == 404


def test_the_public_sees_a_changed_figure_at_once_though_pages_are_cached(client, injuries):
    from trustboard.performance.models import DataPoint

    assert "55.6" in client.get("/indicators/").text
    point = DataPoint.objects.get(indicator=injuries, area__code="E10000024",
                                  period__label="2023/24", breakdown__sex="Persons")
    DataPoint.objects.filter(pk=point.pk).update(value=44.4)  # no save(): no signals
    page = client.get("/indicators/").text
    assert "44.4" in page and "55.6" not in page
