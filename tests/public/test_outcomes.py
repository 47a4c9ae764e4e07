"""The outcomes framework and the benchmarks, as the public reads them.

Middlesbrough's scrutiny panel (seed 004) asked that the trust's outcomes framework be
"publicly available to ensure those not on the Children's Trust can satisfy themselves of
the progress being made", and that the data used be "beyond reproach": the figures here
are the indicator pages' own, and only those an officer approved for publication.
"""

import csv
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from trustboard.performance.models import Area, DataPoint, Indicator, StatisticalNeighbour
from trustboard.performance.selectors import partnership_area
from trustboard.performance.services import indicator_approval_withdraw
from trustboard.plans.models import Plan
from trustboard.plans.selectors import plan_reporting_date

pytestmark = pytest.mark.django_db

NFER = ("src/trustboard/demo/data/statistical_neighbours/"
        "nfer_cs_statistical_neighbours_2025.csv")
BARNSLEY = "E08000016"


def _plan() -> Plan:
    return Plan.objects.order_by("-starts_on").first()


def _priority_url(plan: Plan, number: int, **query) -> str:
    url = reverse("public:outcomes-priority", args=[plan.slug, number])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _ranked_indicator(client, plan: Plan):
    """A priority's indicator whose latest value today is ranked among its neighbours."""
    for priority in plan.priorities.order_by("number"):
        response = client.get(_priority_url(plan, priority.number,
                                             as_at=timezone.localdate().isoformat()))
        for one in response.context["indicators"]:
            if one.reading.neighbour_ranking is not None:
                return priority, one, response
    raise AssertionError("No indicator of the plan is ranked among neighbours.")


def test_the_framework_lists_every_priority_of_the_plan(demo, client):
    plan = _plan()
    page = client.get(reverse("public:outcomes")).content.decode()
    for priority in plan.priorities.all():
        assert priority.title in page
    assert "publicly available" in page


def test_a_priority_shows_each_indicator_with_the_figures_the_indicator_page_shows(
        demo, client):
    plan = _plan()
    _priority, one, response = _ranked_indicator(client, plan)
    page = html.unescape(response.content.decode())
    # The indicator page reads as at today for the partnership's own area, as the public.
    detail = client.get(reverse("performance:indicator-detail",
                                args=[one.reading.indicator.pk])).context["detail"]
    shown, same = one.reading, detail.reading
    assert (shown.period, shown.value, shown.england_value, shown.region_value,
            shown.neighbour_average, shown.compared_with_england,
            shown.direction_of_travel, shown.target_status) == (
        same.period, same.value, same.england_value, same.region_value,
        same.neighbour_average, same.compared_with_england, same.direction_of_travel,
        same.target_status)
    rank = same.neighbour_ranking
    assert rank.ranked == rank.neighbours_with_value + 1  # out of the areas ranked
    assert f"ranked {rank.rank} of {rank.ranked}" in page
    assert one.entry.summary in page  # the report's own sentence
    assert f"Latest value {one.entry.value} ({shown.period}" in page
    assert "Show the data in a table" in page  # each chart has its table


def test_the_framework_reads_as_at_the_plans_reporting_date_and_says_so(demo, client):
    plan = _plan()
    response = client.get(reverse("public:outcomes-plan", args=[plan.slug]))
    reporting_date = plan_reporting_date(plan=plan)
    assert response.context["framework"].as_at == reporting_date
    assert (f"Figures as at {reporting_date.day} {reporting_date:%B %Y}, the plan's "
            "reporting date") in response.content.decode()
    for item in response.context["framework"].performance.priorities:
        for reading in item.indicators:
            assert reading.period_end is None or reading.period_end <= reporting_date


def test_a_district_breakdown_is_charted_where_the_data_has_one(demo, client):
    plan = _plan()
    found = []
    for priority in plan.priorities.order_by("number"):
        response = client.get(_priority_url(plan, priority.number))
        found += [one for one in response.context["indicators"] if one.localities]
    assert found, "The demo has district figures for some indicator."
    one = found[0]
    assert {value.area.name for value in one.reading.localities} <= {
        row[0] for row in one.localities.table.rows}


def test_values_not_approved_for_publication_stay_off_the_framework(
        demo, client, django_user_model):
    officer = django_user_model.objects.get(username="officer")
    plan = _plan()
    priority, one, _response = _ranked_indicator(client, plan)
    indicator = one.reading.indicator
    assert indicator.approval_required
    indicator_approval_withdraw(indicator=indicator, by=officer, reason="Checking the data")
    response = client.get(_priority_url(plan, priority.number,
                                        as_at=timezone.localdate().isoformat()))
    again = next(item for item in response.context["indicators"]
                 if item.reading.indicator.pk == indicator.pk)
    assert again.reading.latest is None
    assert "No value approved for publication" in response.content.decode()


def test_a_bad_date_or_an_unknown_plan_or_priority_is_explained(demo, client):
    plan = _plan()
    response = client.get(reverse("public:outcomes-plan", args=[plan.slug]) + "?as_at=31-02")
    assert response.status_code == 200
    assert "Enter the &#x27;as at&#x27; date as a real date" in response.content.decode()
    missing = client.get(reverse("public:outcomes-plan", args=["no-such-plan"]))
    assert missing.status_code == 404
    assert "There is no plan with the address “no-such-plan”" in missing.content.decode()
    beyond = client.get(_priority_url(plan, 99))
    assert beyond.status_code == 404
    assert "has no priority 99" in beyond.content.decode()


def test_the_framework_pages_run_a_fixed_number_of_queries(
        demo, client, django_assert_num_queries):
    plan = _plan()
    # One query more than a signed-in reading: small counts judged over every area.
    with django_assert_num_queries(14):
        client.get(_priority_url(plan, 1))
    with django_assert_num_queries(14):
        client.get(reverse("public:outcomes-plan", args=[plan.slug]))


# --- benchmarks --------------------------------------------------------------------------


def _nfer_neighbours(area: Area) -> list[str]:
    with open(NFER, encoding="utf-8-sig", newline="") as file:
        row = next(row for row in csv.DictReader(file)
                   if row["old_la_code"] == area.dfe_la_code)
    codes = [row[f"SN_{rank}"] for rank in range(1, 11)]
    names = dict(Area.objects.filter(dfe_la_code__in=codes, is_current=True)
                 .values_list("dfe_la_code", "name"))
    return [names[code] for code in codes]


def test_the_benchmarks_list_every_authority_by_region_and_find_one_by_name(demo, client):
    page = client.get(reverse("public:benchmarks")).content.decode()
    for area in Area.objects.filter(kind="upper tier", is_current=True):
        assert reverse("public:benchmark-area", args=[area.code]) in page
    assert "East Midlands" in page
    found = client.get(reverse("public:benchmarks") + "?q=barns")
    assert [a.name for g in found.context["groups"] for a in g.authorities] == ["Barnsley"]
    nothing = client.get(reverse("public:benchmarks") + "?q=Atlantis").content.decode()
    assert "No local authority has a name or code like “Atlantis”" in nothing


def test_another_authoritys_benchmark_lists_its_own_ten_neighbours_from_the_nfer_table(
        demo, client):
    barnsley = Area.objects.get(code=BARNSLEY)
    assert barnsley != partnership_area()
    response = client.get(reverse("public:benchmark-area", args=[BARNSLEY]))
    assert response.status_code == 200
    benchmark = response.context["benchmark"]
    assert [link.neighbour.name for link in benchmark.links] == _nfer_neighbours(barnsley)
    for one in response.context["indicators"]:
        # The authority first, then its ten neighbours, closest first.
        assert [value.area.name for value in one.neighbours[1:]] == _nfer_neighbours(barnsley)


def test_a_benchmark_shows_the_figures_and_rank_of_the_indicator_page(demo, client):
    response = client.get(reverse("public:benchmark-area", args=[BARNSLEY]))
    page = response.content.decode()
    items = response.context["indicators"]
    names = {one.indicator.name for one in items}
    # The national data covers every authority: injuries (Fingertips 90284) and re-referrals.
    assert any("Hospital admissions caused by" in name for name in names)
    assert any("Re-referrals" in name for name in names)
    for one in items:
        detail = client.get(reverse("performance:indicator-detail", args=[one.indicator.pk])
                            + f"?area={BARNSLEY}").context["detail"]
        assert (one.reading.period, one.reading.value, one.reading.england_value,
                one.reading.region_value, one.reading.neighbour_ranking) == (
            detail.reading.period, detail.reading.value, detail.reading.england_value,
            detail.reading.region_value, detail.reading.neighbour_ranking)
        assert [(v.area.code, v.value) for v in one.neighbours] == [
            (v.area.code, v.value) for v in detail.neighbours]
        rank = one.reading.neighbour_ranking
        assert f"ranked {rank.rank} of {rank.ranked}" in page
        assert one.neighbour_chart is not None and one.neighbour_chart.svg in page


def test_a_small_count_of_a_neighbour_is_not_shown_to_the_public(demo, client):
    injuries = Indicator.objects.get(source_id="90284")
    first = StatisticalNeighbour.objects.filter(area__code=BARNSLEY).order_by(
        "-model_year", "rank").select_related("neighbour").first().neighbour
    response = client.get(reverse("public:benchmark-area", args=[BARNSLEY]))
    one = next(item for item in response.context["indicators"]
               if item.indicator.pk == injuries.pk)
    shown = one.neighbours[1]
    assert shown.area == first and shown.value is not None
    DataPoint.objects.filter(indicator=injuries, area=first, period__label=one.reading.period,
                             value=shown.value).update(count=3)
    response = client.get(reverse("public:benchmark-area", args=[BARNSLEY]))
    one = next(item for item in response.context["indicators"]
               if item.indicator.pk == injuries.pk)
    hidden = one.neighbours[1]
    assert hidden.area == first
    assert hidden.value is None and hidden.lower95 is None and hidden.count is None
    assert hidden.value_note in response.content.decode()
    assert not any(row[0].startswith(first.name) and f"{shown.value:.1f}" in "".join(row)
                   for row in one.neighbour_chart.table.rows)


def test_an_unknown_authority_code_is_a_404_that_says_so(demo, client):
    response = client.get(reverse("public:benchmark-area", args=["E99999999"]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no upper-tier local authority with the code “E99999999”" in page
    assert reverse("public:benchmarks") in page


def test_a_benchmark_page_runs_a_fixed_number_of_queries(
        demo, client, django_assert_num_queries):
    with django_assert_num_queries(13):
        client.get(reverse("public:benchmark-area", args=[BARNSLEY]))
    with django_assert_num_queries(13):
        client.get(reverse("public:benchmark-area", args=["E10000024"]))


def test_the_site_navigation_links_the_framework_and_the_benchmarks(demo, client):
    page = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("public:outcomes")}"' in page
    assert f'href="{reverse("public:benchmarks")}"' in page
