"""The plan dashboard, its exceptions, and a member updating what they lead, in Chromium."""

import datetime
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


def _counts_as_at(day):
    """(overdue, on schedule) among the demo's actions as at a day, from the data itself."""
    overdue = on_schedule = 0
    for update in ActionUpdate.objects.select_related("action"):
        late = update.action.due_on < day and update.status != "completed"
        overdue += late
        on_schedule += update.status == "on schedule" and not late
    return overdue, on_schedule


def test_the_lead_and_the_public_see_consistent_statuses_approved_commentary_and_names(
        page, live_server, assert_accessible, sign_in, demo):
    """Issue 12: overdue actions shown as overdue everywhere, unapproved commentary kept from
    the public, and the lead's name on their update."""
    main = page.locator("main")
    overdue, on_schedule = _counts_as_at(datetime.date(2013, 4, 1))
    total = ActionUpdate.objects.count()

    # The public, as at 1 April 2013: 1.1 (due 31 March 2013) is overdue, on every page.
    page.goto(f"{live_server.url}{PLAN}/?as_at=2013-04-01")
    expect(main).not_to_contain_text("every key action either on schedule or completed")
    counts = page.locator(".govuk-summary-list").first
    expect(counts.locator(".govuk-summary-list__row", has_text="Overdue")).to_contain_text(
        f"{overdue} of {total}")
    expect(counts.locator(".govuk-summary-list__row", has_text="On schedule")).to_contain_text(
        f"{on_schedule} of {total}")
    row = page.get_by_role("row", name=re.compile("^1.1 Establish"))
    expect(row).to_contain_text("Overdue (last update: on schedule)")
    assert_accessible(page)
    for view in ("dashboard", "exceptions"):
        page.goto(f"{live_server.url}{PLAN}/{view}/?as_at=2013-04-01")
        expect(main).to_contain_text(f"{overdue} overdue")
        row = page.get_by_role("row", name=re.compile("^1.1 Establish"))
        expect(row).to_contain_text("Overdue (last update: on schedule)")
        expect(row.locator(".govuk-tag")).to_have_count(1)  # one status, never two
        assert_accessible(page)

    # The lead records progress with commentary: it waits for approval, under their name.
    sign_in(page, "member", "demo-member-password")
    page.goto(f"{live_server.url}{PLAN}/mine/")
    expect(main).to_contain_text("Progress as at 30 September 2012, the plan's reporting date")
    page.get_by_role("link", name="open this page as at today").click()
    action = page.get_by_role("group", name=re.compile("^2.2 Implement"))
    expect(action).to_contain_text("Overdue")
    action.get_by_label("Status").select_option(label="At risk")
    action.get_by_label("Commentary").fill("Two posts are vacant; recruitment under way.")
    page.get_by_role("button", name="Save changes").click()
    expect(main).to_contain_text("1 change recorded.")
    action.get_by_role("link", name=re.compile("Its progress and history")).click()
    newest = page.get_by_role("table", name="Progress updates, newest first").locator(
        "tbody tr").first
    expect(newest).to_contain_text("Two posts are vacant")
    expect(newest).to_contain_text("Awaiting approval")
    expect(newest).to_contain_text("Group Manager Early Help (placeholder)")
    expect(newest).to_contain_text(f"{datetime.date.today():%-d %b %Y}")
    history = page.get_by_role("table", name="Changes to this record, newest first")
    expect(history.locator("tbody tr").first).to_contain_text(
        "Group Manager Early Help (placeholder)")
    expect(history.locator("tbody tr").first).to_contain_text("Recorded progress as at")
    assert_accessible(page)
    action_page = page.url

    # The public does not see the words until an officer approves them.
    page.context.clear_cookies()
    # The lead recorded as at today; the plan reads as at its reporting date unless asked.
    today = f"?as_at={datetime.date.today():%Y-%m-%d}"
    for address in (action_page, f"{live_server.url}{PLAN}/{today}",
                    f"{live_server.url}{PLAN}/dashboard/{today}"):
        page.goto(address)
        expect(main).not_to_contain_text("Two posts are vacant")
    expect(page.get_by_role("row", name=re.compile("^2.2 Implement"))).to_contain_text(
        "Overdue (last update: at risk)")
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{live_server.url}{PLAN}/approvals/")
    assert_accessible(page)
    commentary = page.get_by_role("row", name=re.compile("^2.2 Implement"))
    expect(commentary).to_contain_text("Awaiting approval")
    commentary.get_by_role("button", name=re.compile("^Approve")).click()
    expect(main).to_contain_text("The commentary on 2.2 is approved for publication.")
    page.context.clear_cookies()
    page.goto(action_page)
    expect(main).to_contain_text("Two posts are vacant; recruitment under way.")
    expect(main).not_to_contain_text("Awaiting approval")
    page.goto(f"{live_server.url}{PLAN}/{today}")
    expect(page.get_by_role("row", name=re.compile("^2.2 Implement"))).to_contain_text(
        "Two posts are vacant")
    assert_accessible(page)
