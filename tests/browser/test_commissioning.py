"""An officer records commissioning decisions on evidence; the public reads the services."""

import datetime
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trustboard.governance.models import Scenario
from trustboard.participation.models import Engagement, Finding, Method, Topic
from trustboard.plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)

YOUNG_CARERS_VALUE = "236,500"
PHONE_WIDTH = 375
#: Set to a folder to save the documentation's screenshots of the keeping forms there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def _shots(page, name: str) -> None:
    """The page as it is, full width and 375 px wide (then back), if SCREENSHOTS is set."""
    if not SCREENSHOTS:
        return
    page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(size)


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


def _choose_item(page, meeting: str, title: str) -> None:
    """Choose the agenda item by its meeting and title, whatever number it has after the
    agenda's standard items."""
    choice = page.get_by_label("Agenda item")
    option = choice.locator("option").filter(
        has_text=re.compile(re.escape(meeting) + r"\d+\. " + re.escape(title)))
    choice.select_option(option.get_attribute("value"))


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
    _choose_item(page, "Teenage Pregnancy Integrated Commissioning Group, 14 November 2012: ",
                 "Teenage pregnancy outreach: future of the contract")
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
    _choose_item(page, "Disability and SEN Integrated Commissioning Group, 5 December 2012: ",
                 "Short breaks: review of the pooled fund")
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


def test_officer_adds_a_pooled_service_and_sets_a_years_contributions(
        page, demo, sign_in, assert_accessible):
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{demo}/commissioning/needs/")
    page.get_by_role("link", name="Add a needs assessment topic").click()
    assert_accessible(page)
    _shots(page, "commissioning-topic-form")
    page.goto(f"{demo}/commissioning/")
    page.get_by_role("link", name="Add a commissioned service").click()
    assert_accessible(page)
    _shots(page, "commissioning-service-form")
    page.get_by_label("Name", exact=True).fill("Portage home visiting")
    page.get_by_label("What it does").fill("Home learning for under-fives with special "
                                           "educational needs (illustrative).")
    page.get_by_label("Commissioning body").select_option(
        label="Disability and SEN Integrated Commissioning Group")
    page.get_by_label("Contract start").fill("2013-04-01")
    page.get_by_label("Contract end").fill("2016-03-31")
    page.get_by_label("Annual value (£)").fill("300000")
    page.get_by_label("Pooled fund", exact=True).check()
    page.get_by_label(re.compile("^Section 75 agreement")).check()
    page.get_by_label("Nottinghamshire County Council", exact=True).check()
    page.get_by_label("NHS Nottinghamshire County", exact=True).check()
    page.get_by_role("button", name="Save the service").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portage home visiting")
    expect(page.locator("main")).to_contain_text("The service is added.")
    assert_accessible(page)

    page.get_by_role("link", name="Set a year's contributions").click()
    page.get_by_label("Financial year starting in").fill("2014")
    page.get_by_label("Pooled fund's total (£)").fill("300000")
    page.get_by_label("Nottinghamshire County Council (£)").fill("200000")
    page.get_by_label("NHS Nottinghamshire County (£)").fill("90000")
    page.get_by_role("button", name="Save the contributions").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "In 2014/15 the contributions add up to £290,000, £10,000 short of the pooled "
        "fund's total of £300,000.")
    assert_accessible(page)
    _shots(page, "commissioning-contributions-refused")
    page.get_by_label("NHS Nottinghamshire County (£)").fill("100000")
    page.get_by_role("button", name="Save the contributions").click()
    expect(page.get_by_role("table", name="2014/15: £300,000")).to_contain_text("£100,000")
    assert_accessible(page)
