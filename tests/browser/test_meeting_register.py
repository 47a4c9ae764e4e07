"""A clerk records a declaration and an action; the owner marks the action done in the log;
the register shows the interest declared."""

import os
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trustboard.meetings.models import Action, ActionStatus, AgendaItem, Meeting

pytestmark = pytest.mark.django_db(transaction=True)

#: Set to a folder to save screenshots of the new pages there (docs/images uses them).
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS", "")

OWNER = "Group Manager Early Help (placeholder)"  # the demo `member` sign-in's Person
INTEREST = "Trustee of Nottinghamshire Young Carers, which the strategy funds (illustrative)"
ACTION = "Share the MASH referral pathway with every school (illustrative)"
NOTE = "Sent to every school with the April bulletin."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(demo, live_server):
    return live_server.url


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def _fits_a_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 375


def _open_action_of_the_member() -> int:
    return Action.objects.filter(owner__user__username="member",
                                 status=ActionStatus.OPEN).first().pk


def test_clerk_records_a_declaration_and_an_action_and_the_owner_marks_it_done(
        page, demo, sign_in, assert_accessible):
    meeting = Meeting.objects.get(body__name="Children's Trust Executive",
                                  starts_at__date=date(2013, 3, 21))
    mash = AgendaItem.objects.get(meeting=meeting,
                                  title="Multi-Agency Safeguarding Hub: first months")
    item = str(mash)
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{demo}{meeting.get_absolute_url()}")
    expect(page.get_by_role("heading", name=re.compile("Matters arising"))).to_be_visible()
    expect(page.get_by_text("Sent to every partner's board")).to_have_count(0)
    _shot(page, "meetings-matters-arising")

    page.get_by_role("link", name="Record a declaration").click()
    assert_accessible(page)
    page.get_by_label("Agenda item").select_option(label=item)
    page.get_by_label("Who declared it").select_option(label=OWNER)
    page.get_by_label("Other registrable interest").check()
    page.get_by_label("The interest").fill(INTEREST)
    page.get_by_label("They left the room for this item").check()
    page.get_by_role("button", name="Save").click()
    declared = f"{OWNER}, other registrable interest: {INTEREST} (left the room for this item)"
    expect(page.get_by_text(declared, exact=True)).to_be_visible()  # under its item
    expect(page.get_by_text(f"Item {mash.number}: {declared}", exact=True)).to_be_visible()

    page.get_by_role("link", name="Record an action").click()
    page.get_by_label("Agenda item").select_option(label=item)
    page.get_by_label("Action", exact=True).fill(ACTION)
    page.get_by_label("Owner").select_option(label=OWNER)
    page.get_by_label("Due date").fill("2013-04-30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(ACTION)).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "member", "demo-member-password")
    page.goto(f"{demo}/meetings/actions/")
    assert_accessible(page)
    page.get_by_label("Owner").select_option(label=OWNER)
    page.get_by_role("button", name="Show actions").click()
    assert_accessible(page)
    card = page.locator(".govuk-summary-card", has_text=ACTION)
    expect(card.get_by_text("Overdue")).to_be_visible()
    expect(card.get_by_text("Children's Trust Executive, 21 March 2013")).to_be_visible()
    _shot(page, "meetings-action-log")
    card.get_by_role("link", name=re.compile("Mark done")).click()
    assert_accessible(page)
    page.get_by_label("Done on").fill("2013-04-22")
    page.get_by_label("What was done").fill(NOTE)
    page.get_by_role("button", name="Mark done").click()
    expect(page.get_by_text("Action marked done.")).to_be_visible()
    expect(page.get_by_text(ACTION)).to_have_count(0)

    page.goto(f"{demo}/meetings/interests/")
    assert_accessible(page)
    mine = page.locator("section", has=page.get_by_role("heading", name=OWNER, exact=True))
    expect(mine.get_by_text(INTEREST, exact=True)).to_be_visible()
    expect(mine.get_by_text("Your register")).to_be_visible()
    _shot(page, "meetings-register")

    page.set_viewport_size({"width": 375, "height": 800})
    for name, url in (("action-log", "/meetings/actions/"), ("register", "/meetings/interests/"),
                      ("action-done", f"/meetings/actions/{_open_action_of_the_member()}/done/")):
        page.goto(f"{demo}{url}")
        assert _fits_a_phone(page), f"{url} scrolls sideways at 375 px"
        assert_accessible(page)
        _shot(page, f"phone-meetings-{name}")
