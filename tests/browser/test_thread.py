"""The golden thread in Chromium: a lead follows a gap from the matrix to the record, mends
it, and the gap goes; the page reads on a phone."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

THREAD = "/thread/cypf-2011-14/?as_at=2013-03-31"
PHONE_WIDTH = 375
#: Set to a folder to save the documentation's screenshots of the thread there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def test_a_lead_follows_a_gap_from_the_matrix_to_their_action_and_mends_it(
        page, live_server, sign_in, assert_accessible, demo):
    sign_in(page, "member", "demo-member-password")
    page.goto(f"{live_server.url}{THREAD}")
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("The golden thread")
    expect(main).to_contain_text("Key action 2.2 was last updated on 30 September 2012")
    if SCREENSHOTS:
        # The documentation shows the whole matrix at once, not inside its scrolling box.
        page.set_viewport_size({"width": 1500, "height": 900})
        page.evaluate("""() => {
            document.querySelector('.govuk-width-container').style.maxWidth = 'none';
            document.querySelector('.tb-table-scroll').style.overflow = 'visible';
        }""")
        page.locator("#matrix").screenshot(path=str(Path(SCREENSHOTS) / "thread-matrix.png"))
        page.reload()
    assert_accessible(page)

    page.get_by_role("link", name="2 gaps in priority 2").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Provide children, young people and families with early help")
    assert_accessible(page)
    gap = page.locator("li.tb-finding", has_text="Key action 2.2 was last updated")
    gap.get_by_role("link", name=re.compile(r"^2\.2 ")).click()
    page.get_by_role("link", name="Record progress").click()
    page.get_by_label("Progress as at").fill("2013-03-31")
    page.get_by_label("On schedule").check()
    page.get_by_label("Commentary").fill("Early help assessments now used in every district.")
    page.get_by_role("button", name="Record progress").click()
    expect(main).to_contain_text("Early help assessments now used in every district.")

    page.goto(f"{live_server.url}{THREAD}")
    expect(main).not_to_contain_text("Key action 2.2 was last updated")
    expect(main).to_contain_text("Key action 2.3 was last updated on 30 September 2012")
    expect(page.get_by_role("link", name="1 gap in priority 2")).to_be_visible()


def test_the_public_reads_the_thread_on_a_phone_without_sideways_scroll(
        page, live_server, assert_accessible, demo):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.goto(f"{live_server.url}{THREAD}")
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "phone-thread.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert_accessible(page)
    page.get_by_role("link", name="3 key actions of priority 2").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Key actions:")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert_accessible(page)
