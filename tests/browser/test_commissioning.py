"""An officer records commissioning decisions on evidence; the public reads the services."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from trustboard.governance.models import Scenario
from trustboard.participation.models import Engagement, Finding, Method, Topic
from trustboard.plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)

YOUNG_CARERS_VALUE = "236,500"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(demo, live_server):
    """The demo (tests/conftest.py), served: its address."""
    return live_server.url


def _finding() -> Finding:
    engagement = Engagement.objects.create(
        plan=Plan.objects.get(slug="cypf-2011-14"), scenario=Scenario.objects.get(slug="current"),
        title="Sexual health drop-in survey", held_on=datetime.date(2012, 9, 20),
        method=Method.SURVEY, summary="Young people at three drop-ins answered a survey.")
    return Finding.objects.create(
        engagement=engagement, topic=Topic.objects.get_or_create(
            name="Sexual health", slug="sexual-health")[0],
        title="Young people would rather get advice at school",
        said="Most said they would rather see the school nurse than go to a drop-in.")


def test_officer_decommissions_a_service_on_an_indicator_and_a_finding_and_sees_the_reading(
        page, demo, sign_in, assert_accessible):
    finding = _finding()
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{demo}/commissioning/")
    assert_accessible(page)
    page.get_by_role("link", name="Support for young parents").click()
    assert_accessible(page)
    page.get_by_role("link", name="Record a commissioning decision").click()
    assert_accessible(page)
    page.get_by_label("Decommission").check()
    page.get_by_label("Agenda item").select_option(
        label="Teenage Pregnancy Integrated Commissioning Group, 14 November 2012: "
              "1. Teenage pregnancy outreach: future of the contract")
    page.get_by_label("Reason").fill("Young people would rather get advice at school.")
    page.get_by_label("Under-18 conceptions").check()
    page.get_by_label(re.compile(re.escape(finding.title))).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", name="Decommission: Support for young parents")
           ).to_be_visible()
    assert_accessible(page)
    table = page.get_by_role("table", name="Indicators as they stood on 14 November 2012")
    row = table.get_by_role("row", name=re.compile("Under-18 conceptions"))
    expect(row).to_contain_text("2010")
    expect(row).to_contain_text("34.5")
    expect(row).to_contain_text("35.4")
    expect(row).to_contain_text("Current then")
    expect(page.get_by_role("link", name=finding.title)).to_be_visible()


def test_officer_cannot_save_a_decision_with_no_evidence(page, demo, sign_in,
                                                         assert_accessible):
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{demo}/commissioning/services/short-breaks/decisions/new/")
    page.get_by_label("Extend").check()
    page.get_by_label("Agenda item").select_option(
        label="Disability and SEN Integrated Commissioning Group, 5 December 2012: "
              "1. Short breaks: review of the pooled fund")
    page.get_by_label("Reason").fill("Families value the breaks.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Cite the evidence the decision rests on")
    assert_accessible(page)


def test_public_reads_the_services_needs_and_budget_without_the_exempt_contract_value(
        page, demo, assert_accessible):
    for path in ("/commissioning/", "/commissioning/services/young-carers-support/",
                 "/commissioning/needs/", "/commissioning/needs/teenage-pregnancy/",
                 "/commissioning/budget/?year=2012", "/commissioning/decisions/"):
        page.goto(f"{demo}{path}")
        assert_accessible(page)
        assert YOUNG_CARERS_VALUE not in page.content()
    expect(page.get_by_role("heading", name="Commissioning decisions")).to_be_visible()
    page.get_by_role("link", name=re.compile("Decommission: Teenage pregnancy outreach")).click()
    assert_accessible(page)
    expect(page.get_by_text("Current then")).to_be_visible()


def test_officer_reads_the_forward_plan_and_puts_a_contract_on_the_agenda(
        page, demo, sign_in, assert_accessible):
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{demo}/commissioning/needs/teenage-pregnancy/documents/new/")
    assert_accessible(page)
    page.goto(f"{demo}/commissioning/forward-plan/?as_at=2012-10-01")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(
        "Put on this agenda.*Short breaks for disabled children")).click()
    expect(page.get_by_text(re.compile("Short breaks for disabled children: contract ends 31 "
                                       "March 2013, decision needed"))).to_be_visible()
