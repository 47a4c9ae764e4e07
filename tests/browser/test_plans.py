"""The plan dashboard, its exceptions, and a member updating what they lead, in Chromium."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trustboard.plans.models import ActionUpdate

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = "/plan/cypf-2011-14"
#: Set to a folder to save the documentation's screenshot of the dashboard there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def test_the_public_filters_the_dashboard_and_drills_down(page, live_server,
                                                          assert_accessible, demo):
    page.goto(f"{live_server.url}{PLAN}/")
    page.get_by_role("link", name="Performance dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance dashboard")
    expect(page.locator("main")).to_contain_text("as at 30 September 2012")
    expect(page.locator("main")).to_contain_text("8 better, 4 similar, 4 worse")
    if SCREENSHOTS:
        page.set_viewport_size({"width": 1400, "height": 1000})
        top = page.locator("#priority-3").bounding_box()["y"] - 20
        page.screenshot(path=str(Path(SCREENSHOTS) / "dashboard.png"), full_page=True,
                        clip={"x": 0, "y": top, "width": 1400, "height": 1300})
    assert_accessible(page)
    page.get_by_text(re.compile(r"By district: 7 areas, worse than Nottinghamshire in "
                                r"Ashfield, Bassetlaw")).click()
    expect(page.get_by_role("table", name=re.compile("Breastfeeding.*by district"))
           ).to_contain_text("Rushcliffe")
    assert_accessible(page)

    page.get_by_label("District or locality").select_option(label="Bassetlaw")
    page.get_by_role("button", name="Apply filters").click()
    main = page.locator("main")
    expect(main).to_contain_text("Breastfeeding prevalence at 6 to 8 weeks")
    expect(main).not_to_contain_text("Overall absence in primary")
    assert "locality=" in page.url
    page.get_by_label("Lead officer or indicator owner").select_option(
        label="Deputy Director (placeholder)")
    page.get_by_label("District or locality").select_option(label="The whole area")
    page.get_by_role("button", name="Apply filters").click()
    expect(main).to_contain_text("Core assessments for children's social care")
    expect(main).not_to_contain_text("Breastfeeding prevalence")

    page.get_by_role("link", name="Show only exceptions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exceptions")
    expect(main).to_contain_text("Nothing is outside tolerance.")  # the filter is kept
    page.goto(f"{live_server.url}{PLAN}/")
    page.get_by_role("link", name="Exceptions").click()
    expect(main).to_contain_text("Children who are the subject of a child protection plan")
    expect(main).not_to_contain_text("Core assessments for children's social care")
    assert_accessible(page)

    page.get_by_role("link", name="Children who are the subject of a child protection plan"
                     ).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Children who are the subject of a child protection plan")


def test_a_member_updates_the_actions_and_indicators_they_lead(page, live_server,
                                                               assert_accessible, sign_in,
                                                               demo):
    sign_in(page, "member", "demo-member-password")
    page.goto(f"{live_server.url}{PLAN}/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions and indicators")
    main = page.locator("main")
    expect(main).to_contain_text("2.2 Implement the Early Intervention and Prevention Strategy")
    expect(main).not_to_contain_text("1.1 Establish Nottinghamshire's Multi-agency")
    assert_accessible(page)
    action = page.get_by_role("group", name=re.compile("^2.2 Implement"))
    action.get_by_label("Status").select_option(label="At risk")
    action.get_by_label("Commentary").fill("Two posts are vacant; recruitment under way.")
    page.get_by_role("group", name="Children who are the subject of a child protection plan"
                     ).get_by_label(re.compile("Commentary on 2011/12")).fill(
        "Early help should reduce the number of plans.")
    page.get_by_role("button", name="Save changes").click()
    expect(main).to_contain_text("2 changes recorded.")
    update = ActionUpdate.objects.filter(action__reference="2.2").order_by("-as_at").first()
    assert (update.status, update.commentary) == (
        "at risk", "Two posts are vacant; recruitment under way.")
    assert update.recorded_by.username == "member"
    assert_accessible(page)
