"""The risk register's heat map, and an officer putting a risk on an agenda, in Chromium."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from trustboard.governance.models import Body
from trustboard.meetings.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

RISKS = "/risks/cypf-2011-14"
#: Set to a folder to save the documentation's screenshots of the heat map there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def test_an_officer_reads_the_heat_map_and_puts_a_risk_above_the_threshold_on_an_agenda(
        page, live_server, assert_accessible, sign_in, demo):
    executive = Body.objects.get(scenario__slug="current", name="Children's Trust Executive")
    zone = timezone.get_current_timezone()
    Meeting.objects.create(body=executive, starts_at=datetime.datetime(2030, 5, 16, 14,
                                                                       tzinfo=zone),
                           ends_at=datetime.datetime(2030, 5, 16, 16, tzinfo=zone))
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{live_server.url}{RISKS}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Risks and issues")
    main = page.locator("main")
    expect(main).to_contain_text("1 review overdue: R3 (due 31 August 2012)")
    assert_accessible(page)

    page.get_by_role("link", name="Heat map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk heat map")
    figure = page.get_by_role("img", name="Risks of the whole partnership as at 30 September 2012")
    expect(figure).to_be_visible()
    expect(main).to_contain_text("At or above the threshold of 15: R1")
    page.get_by_text("Show the data in a table").click()
    expect(page.get_by_role("table")).to_contain_text("R1, R2")
    assert_accessible(page)
    if SCREENSHOTS:
        page.locator("figure").screenshot(path=str(Path(SCREENSHOTS) / "risks-heat-map.png"))
    page.set_viewport_size({"width": 375, "height": 900})
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "risks-heat-map-375.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("textbox", name="As at").fill("2012-03-01")
    page.get_by_role("button", name="Show the heat map").click()
    expect(main).to_contain_text("3 open risks: 1 medium, 1 high, 1 very high. At or above "
                                 "the threshold of 15: R2 Waiting times")

    page.goto(f"{live_server.url}{RISKS}/")
    page.get_by_role("link", name="R1 Referrals outstrip").first.click()
    expect(main).to_contain_text("Up: 16 at the review of 18 June 2012, was 12")
    assert_accessible(page)
    page.get_by_role("link", name="Put it on an agenda").click()
    page.get_by_label("Meeting").select_option(label=str(Meeting.objects.get(
        body=executive, starts_at__year=2030)))
    page.get_by_role("button", name="Add to the agenda").click()
    expect(main).to_contain_text("Risk R1: Referrals outstrip children's social care capacity")
    assert_accessible(page)


def test_the_public_reads_the_strategies_register_with_a_review_overdue(page, live_server,
                                                                        assert_accessible, demo):
    page.goto(f"{live_server.url}{RISKS}/strategies/?as_at=2012-09-30")
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategies")
    expect(page.get_by_role("row", name="Child and Family Poverty Strategy")).to_contain_text(
        "Review overdue")
    assert_accessible(page)
    page.get_by_role("link", name="Youth Homelessness Strategy").click()
    expect(page.locator("main")).to_contain_text("The Youth Homelessness Strategy was approved.")
    assert_accessible(page)
    if SCREENSHOTS:
        page.goto(f"{live_server.url}{RISKS}/strategies/?as_at=2012-09-30")
        page.screenshot(path=str(Path(SCREENSHOTS) / "strategies.png"), full_page=True)
