"""Commissioning pages through Django's test client, on the demo partnership."""

import pytest
from django.urls import reverse

from trustboard.commissioning.models import CommissioningDecision, Service
from trustboard.demo.participation_demo import MANSFIELD_FINDING
from trustboard.meetings.models import AgendaItem
from trustboard.performance.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_public_service_list_shows_values_but_not_the_exempt_award(demo, client):
    page = client.get(reverse("commissioning:service-list")).content.decode()
    assert "£1,200,000" in page
    assert "236,500" not in page
    assert "Confidential until the award is public" in page


def test_an_officer_reads_the_exempt_award_value_and_bidders(demo_officer, client):
    client.force_login(demo_officer)
    page = client.get(reverse("commissioning:service-detail",
                              args=["young-carers-support"])).content.decode()
    assert "£236,500" in page and "Three local voluntary organisations bid" in page


def test_the_decision_page_shows_the_reading_as_it_stood_then(demo, client):
    decision = CommissioningDecision.objects.get(service__slug="teenage-pregnancy-outreach")
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Indicators as they stood on 14 November 2012" in page
    assert "Under-18 conceptions" in page and "34.5" in page and "35.4" in page
    assert "Current then" in page
    assert "cypf_indicators_illustrative.csv" in page
    assert MANSFIELD_FINDING in page


def test_an_officer_cannot_save_a_decision_with_no_evidence(demo_officer, client):
    client.force_login(demo_officer)
    item = AgendaItem.objects.get(title="Short breaks: review of the pooled fund")
    response = client.post(reverse("commissioning:decision-create", args=["short-breaks"]),
                           {"kind": "extend", "item": item.pk, "reason": "Families value it."})
    assert response.status_code == 200
    assert "Cite the evidence the decision rests on" in response.content.decode()
    assert not CommissioningDecision.objects.filter(service__slug="short-breaks").exists()


def test_an_officer_records_a_decision_citing_an_indicator(demo_officer, client):
    client.force_login(demo_officer)
    item = AgendaItem.objects.get(title="Short breaks: review of the pooled fund")
    indicator = Indicator.objects.get(name__startswith="Level 4 or above")
    response = client.post(reverse("commissioning:decision-create", args=["short-breaks"]),
                           {"kind": "extend", "item": item.pk, "reason": "Families value it.",
                            "indicators": [indicator.pk]})
    decision = CommissioningDecision.objects.get(service__slug="short-breaks")
    assert response.url == decision.get_absolute_url()
    assert decision.cited_readings.get().indicator == indicator


def test_an_officer_puts_a_contract_on_the_agenda_from_the_forward_plan(demo_officer, client):
    client.force_login(demo_officer)
    page = client.get(reverse("commissioning:forward-plan") + "?as_at=2012-10-01")
    assert "Short breaks for disabled children" in page.content.decode()
    meeting = page.context["rows"][0].meeting
    response = client.post(reverse("commissioning:schedule", args=["short-breaks"]),
                           {"meeting": meeting.pk})
    assert response.url == meeting.get_absolute_url()
    assert AgendaItem.objects.filter(
        meeting=meeting, title__startswith="Short breaks for disabled children: contract ends"
    ).exists()


def test_a_topic_page_shows_its_evidence_and_documents(demo, client):
    page = client.get(reverse("commissioning:topic-detail",
                              args=["teenage-pregnancy"])).content.decode()
    assert "Nottinghamshire Health and Wellbeing Board" in page
    assert "Under-18 conceptions" in page
    assert "Teenage pregnancy: needs assessment summary (illustrative)" in page


def test_a_service_and_its_topic_link_the_strategy_in_the_strategies_register(demo, client):
    service = Service.objects.get(slug="short-breaks")
    register_page = service.strategy.get_absolute_url()
    assert register_page.startswith("/risks/")
    for page in (service.get_absolute_url(), reverse("commissioning:topic-detail",
                                                     args=["disabilities-and-sen"])):
        assert f'href="{register_page}">Joint Commissioning Strategy' in client.get(
            page).content.decode()


def test_the_budget_page_has_a_chart_and_its_table(demo, client):
    page = client.get(reverse("commissioning:budget") + "?year=2012").content.decode()
    assert "<svg" in page and "Show the data in a table" in page
    assert "Pooled funds by partner" in page
    assert "left out of these totals" in page


def test_a_services_list_names_its_decommissioned_services(demo, client):
    page = client.get(reverse("commissioning:service-list")).content.decode()
    outreach = Service.objects.get(slug="teenage-pregnancy-outreach")
    assert outreach.name in page and "Decommissioned" in page


def test_a_service_page_shows_what_children_and_families_said_about_it(demo, client):
    page = client.get(reverse("commissioning:service-detail",
                              args=["teenage-pregnancy-outreach"])).content.decode()
    assert MANSFIELD_FINDING in page
