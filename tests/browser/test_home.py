"""The home page in Chromium: the public find every area and the next meeting; a lead signs
in and finds their work."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from trustboard.core.context_processors import SECTIONS
from trustboard.governance.models import Body, Membership
from trustboard.meetings.models import Meeting, MeetingStatus

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
#: Set to a folder to save screenshots of the home page there (at 1000 px and 375 px).
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def _shoot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def _meeting_in_a_fortnight(body: Body) -> Meeting:
    starts = (timezone.localtime() + datetime.timedelta(days=14)).replace(
        hour=14, minute=0, second=0, microsecond=0)
    return Meeting.objects.create(body=body, starts_at=starts,
                                  ends_at=starts + datetime.timedelta(hours=2),
                                  place="County Hall, West Bridgford",
                                  status=MeetingStatus.SCHEDULED)


def _scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_public_find_every_area_and_the_next_meeting_on_the_home_page_even_on_a_phone(
        page, live_server, assert_accessible, demo):
    board = Body.objects.get(scenario__is_current=True, is_partnership_board=True)
    meeting = _meeting_in_a_fortnight(board)
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(f"{live_server.url}/")

    main = page.locator("main")
    for text, _name, href in SECTIONS:
        assert main.locator(f'a[href="{href}"]', has_text=text).count() >= 1
    next_meetings = main.locator("#next-meetings + ul")
    link = next_meetings.get_by_role("link", name=board.name)
    assert link.first.get_attribute("href") == meeting.get_absolute_url()
    assert f"{timezone.localtime(meeting.starts_at):%-d %B %Y}" in next_meetings.inner_text()
    assert page.locator("footer").get_by_role("link", name="Accessibility statement").count()
    assert_accessible(page)
    _shoot(page, "home-1000")

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.reload()
    assert _scroll_width(page) <= PHONE_WIDTH
    assert_accessible(page)
    _shoot(page, "home-375")

    page.get_by_role("link", name="Accessibility statement").click()
    assert page.get_by_role("heading", name="Enforcement procedure").is_visible()
    assert _scroll_width(page) <= PHONE_WIDTH
    assert_accessible(page)


def test_a_lead_signs_in_and_sees_their_work_with_counts(page, live_server, sign_in,
                                                          assert_accessible, demo):
    membership = Membership.objects.filter(person__user__username="member").first()
    _meeting_in_a_fortnight(membership.body)
    page.set_viewport_size({"width": 1000, "height": 900})
    sign_in(page, "member", "demo-member-password")
    page.goto(f"{live_server.url}/")

    assert page.get_by_role("heading", name="Your work", level=1).is_visible()
    actions = int(page.locator("#count-actions").inner_text())
    assert actions > 0
    assert page.get_by_role("heading", name=f"Key actions to update ({actions})").is_visible()
    assert page.locator("#meetings ~ h3").first.get_by_role("link").inner_text().startswith(
        membership.body.name)
    assert_accessible(page)
    _shoot(page, "your-work-1000")

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.reload()
    assert _scroll_width(page) <= PHONE_WIDTH
    assert_accessible(page)
    _shoot(page, "your-work-375")

    page.get_by_role("link", name="Update them all on one page").click()
    assert "My actions and indicators" in page.title()
