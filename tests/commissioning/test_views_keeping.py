"""Officers keep needs topics, services and their yearly budgets through the pages (Django's
test client, on the demo partnership). Issue 15: "Contract end before start, a contribution
for a partner that is not in the service's funding arrangement, negative money ... each
refused with the field named, nothing written"."""

from decimal import Decimal

import pytest
from django.urls import reverse

from trustboard.commissioning.models import BudgetYear, NeedsTopic, Service
from trustboard.demo.commissioning_demo import (
    COUNCIL,
    DISABILITY_GROUP,
    HEALTH_AND_WELLBEING_BOARD,
    NHS_BASSETLAW,
    NHS_COUNTY,
)
from trustboard.governance.models import Body, Organisation
from trustboard.performance.models import Indicator
from trustboard.risks.models import Strategy

pytestmark = pytest.mark.django_db


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _service_post(**changes) -> dict:
    body = Body.objects.get(name=DISABILITY_GROUP, scenario__is_current=True)
    data = {"name": "Portage home visiting", "description": "Home learning for under-fives "
            "with special educational needs (illustrative).",
            "commissioning_body": body.pk, "contract_start": "2013-04-01",
            "contract_end": "2016-03-31", "annual_value": "240000",
            "funding_arrangement": "aligned",
            "funding_partners": [_org(COUNCIL).pk, _org(NHS_COUNTY).pk]}
    return data | changes


@pytest.fixture
def officer(demo_officer, client):
    client.force_login(demo_officer)
    return client


def test_an_officer_adds_a_needs_topic_and_sees_it_on_its_page(officer):
    board = Body.objects.get(name=HEALTH_AND_WELLBEING_BOARD, scenario__is_current=True)
    indicator = Indicator.objects.get(source_id="CYPF-13")
    response = officer.post(reverse("commissioning:topic-create"), {
        "title": "Young carers", "summary": "Children who care for a family member.",
        "owner_body": board.pk, "approved_on": "2013-02-05", "next_review_on": "2014-02-05",
        "indicators": [indicator.pk]}, follow=True)
    page = response.content.decode()
    assert "The topic is added." in page
    assert "<h1 class=\"govuk-heading-xl\">Young carers</h1>" in page
    assert "5 February 2014" in page and indicator.name in page
    assert NeedsTopic.objects.get(title="Young carers").slug == "young-carers"


def test_an_officer_changes_a_topic_from_its_page(officer):
    topic = NeedsTopic.objects.get(slug="teenage-pregnancy")
    page = officer.get(topic.get_absolute_url()).content.decode()
    assert reverse("commissioning:topic-edit", args=[topic.slug]) in page
    response = officer.post(reverse("commissioning:topic-edit", args=[topic.slug]), {
        "title": topic.title, "summary": "Revised summary.", "owner_body": topic.owner_body_id,
        "approved_on": "2013-02-05", "next_review_on": "2015-02-05"}, follow=True)
    page = response.content.decode()
    assert "The topic is saved." in page and "Revised summary." in page
    assert "5 February 2015" in page


def test_an_officer_adds_a_service_and_sees_it_on_its_page(officer):
    response = officer.post(reverse("commissioning:service-create"), _service_post(),
                            follow=True)
    page = response.content.decode()
    assert "The service is added." in page
    assert "Portage home visiting" in page and "£240,000" in page
    assert "1 April 2013 to 31 March 2016" in page
    service = Service.objects.get(slug="portage-home-visiting")
    assert set(service.funding_partners.values_list("name", flat=True)) == {COUNCIL, NHS_COUNTY}


def test_a_contract_ending_before_it_starts_is_refused_beside_the_end_date(officer):
    response = officer.post(reverse("commissioning:service-create"),
                            _service_post(contract_end="2012-03-31"))
    assert response.status_code == 200
    assert "The contract must end after it starts (1 April 2013)." in (
        response.context["form"].errors["contract_end"])
    assert not Service.objects.filter(name="Portage home visiting").exists()


def test_a_negative_annual_value_is_refused_beside_it(officer):
    service = Service.objects.get(slug="targeted-camhs")
    response = officer.post(reverse("commissioning:service-edit", args=[service.slug]),
                            _service_post(name=service.name, annual_value="-850000"))
    assert response.context["form"].errors["annual_value"] == [
        "The annual value cannot be negative."]
    service.refresh_from_db()
    assert service.annual_value == Decimal("850000")
    assert service.name == "Targeted CAMHS in schools"


def test_an_officer_changes_a_service_from_its_page(officer):
    service = Service.objects.get(slug="targeted-camhs")
    page = officer.get(service.get_absolute_url()).content.decode()
    assert reverse("commissioning:service-edit", args=[service.slug]) in page
    assert reverse("commissioning:budget-set", args=[service.slug]) in page
    response = officer.post(reverse("commissioning:service-edit", args=[service.slug]),
                            _service_post(name=service.name, annual_value="900000"),
                            follow=True)
    assert "The service is saved." in response.content.decode()
    assert "£900,000" in response.content.decode()


def test_a_pooled_fund_short_of_its_total_is_refused_naming_the_year_and_difference(officer):
    service = Service.objects.get(slug="short-breaks")
    response = officer.post(reverse("commissioning:budget-set", args=[service.slug]), {
        "year": "2014", "total": "1250000", f"partner_{_org(COUNCIL).pk}": "750000",
        f"partner_{_org(NHS_COUNTY).pk}": "420000", f"partner_{_org(NHS_BASSETLAW).pk}": "79000"})
    assert response.context["form"].errors["total"] == [
        "In 2014/15 the contributions add up to £1,249,000, £1,000 short of the pooled "
        "fund's total of £1,250,000."]
    assert not BudgetYear.objects.filter(service=service, year=2014).exists()


def test_an_officer_sets_a_years_contributions_and_sees_them_on_the_service(officer):
    service = Service.objects.get(slug="short-breaks")
    response = officer.post(reverse("commissioning:budget-set", args=[service.slug]), {
        "year": "2014", "total": "1250000", f"partner_{_org(COUNCIL).pk}": "750000",
        f"partner_{_org(NHS_COUNTY).pk}": "420000", f"partner_{_org(NHS_BASSETLAW).pk}": "80000"},
        follow=True)
    page = response.content.decode()
    assert "The year&#x27;s contributions are saved." in page
    assert "2014/15: £1,250,000" in page and "£420,000" in page


def test_the_contributions_page_starts_from_what_the_year_holds(officer):
    service = Service.objects.get(slug="short-breaks")
    form = officer.get(reverse("commissioning:budget-set", args=[service.slug]),
                       {"year": "2013"}).context["form"]
    assert form[f"partner_{_org(NHS_COUNTY).pk}"].value() == Decimal("410000")
    assert form["total"].value() == Decimal("1230000")


def test_a_contribution_from_a_partner_outside_the_funding_arrangement_is_refused(officer):
    service = Service.objects.get(slug="targeted-camhs")
    outsider = _org(NHS_BASSETLAW)
    response = officer.post(reverse("commissioning:budget-set", args=[service.slug]), {
        "year": "2013", f"partner_{_org(COUNCIL).pk}": "500000",
        "other_partner": outsider.pk, "other_amount": "20000"})
    assert response.context["form"].errors["other_partner"] == [
        "NHS Bassetlaw is not a partner in this service's funding arrangement; add it there "
        "first."]
    assert not BudgetYear.objects.filter(service=service, year=2013).exists()


def test_a_negative_contribution_is_refused_beside_that_partner(officer):
    service = Service.objects.get(slug="targeted-camhs")
    council = _org(COUNCIL)
    response = officer.post(reverse("commissioning:budget-set", args=[service.slug]), {
        "year": "2013", f"partner_{council.pk}": "-5", f"partner_{_org(NHS_COUNTY).pk}": "1"})
    assert response.context["form"].errors[f"partner_{council.pk}"] == [
        "Nottinghamshire County Council's contribution in 2013/14 cannot be negative."]
    assert not BudgetYear.objects.filter(service=service, year=2013).exists()


def test_an_officer_finds_the_add_links_on_the_lists(officer):
    assert "Add a commissioned service" in officer.get(
        reverse("commissioning:service-list")).content.decode()
    assert "Add a needs assessment topic" in officer.get(
        reverse("commissioning:topic-list")).content.decode()


def test_only_officers_see_the_links_to_add_and_change(demo, client):
    pages = [client.get(reverse("commissioning:service-list")).content.decode(),
             client.get(reverse("commissioning:topic-list")).content.decode(),
             client.get(reverse("commissioning:service-detail",
                                args=["short-breaks"])).content.decode()]
    for page in pages:
        assert "Add a commissioned service" not in page
        assert "Add a needs assessment topic" not in page
        assert "Set a year&#x27;s contributions" not in page
        assert "Change the service" not in page


def test_a_topic_names_strategies_from_the_one_strategies_register(officer):
    """The 2013 report (paragraph 5) names the Joint Commissioning Strategy among those the
    Trust approved: the topic links the register's entry, not a copy of it."""
    strategy = Strategy.objects.get(plan__slug="cypf-2011-14",
                                    title="Child and Family Poverty Strategy")
    topic = NeedsTopic.objects.get(slug="teenage-pregnancy")
    response = officer.post(reverse("commissioning:topic-edit", args=[topic.slug]), {
        "title": topic.title, "summary": topic.summary, "owner_body": topic.owner_body_id,
        "approved_on": "2013-02-05", "next_review_on": "2015-02-05",
        "strategies": [strategy.pk]}, follow=True)
    page = response.content.decode()
    assert f'href="{strategy.get_absolute_url()}">Child and Family Poverty Strategy</a>' in page
    assert list(strategy.needs_topics.all()) == [topic]
