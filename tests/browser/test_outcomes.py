"""The public reads the outcomes framework and another authority's benchmark: axe-core
clean, by keyboard alone, and on a 375 px phone without scrolling the page sideways."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
#: Set to a folder to save screenshots of the pages at 1000 px and at phone width there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def _tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's text is `name`, then Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"No focusable element called {name!r} within {limit} tabs.")


def _check_widths(page, name: str, assert_accessible) -> None:
    """Screenshots at 1000 px and 375 px; at 375 px the page does not scroll sideways."""
    for width in (1000, PHONE_WIDTH):
        page.set_viewport_size({"width": width, "height": 900})
        if SCREENSHOTS:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-{width}.png"),
                            full_page=width == PHONE_WIDTH)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_public_reads_the_outcomes_framework_by_keyboard_and_on_a_phone(
        page, live_server, assert_accessible, demo):
    page.goto(f"{live_server.url}/")
    _tab_to(page, "Outcomes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes framework")
    assert_accessible(page)
    _tab_to(page, "Work together to keep children and young people safe")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Work together to keep children and young people safe")
    expect(page.locator("main")).to_contain_text("the plan's reporting date")
    expect(page.locator("main")).to_contain_text(re.compile(r"ranked \d+ of \d+"))
    assert_accessible(page)
    page.get_by_text("Show the data in a table").first.click()
    assert_accessible(page)
    _check_widths(page, "outcomes-priority", assert_accessible)
    page.goto(f"{live_server.url}/outcomes/cypf-2011-14/")
    _check_widths(page, "outcomes-plan", assert_accessible)


def test_the_public_finds_another_authority_and_reads_its_benchmark(
        page, live_server, assert_accessible, demo):
    page.goto(f"{live_server.url}/benchmarks/")
    assert_accessible(page)
    page.get_by_label("Find a local authority").focus()
    page.keyboard.type("Barnsley")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("1 local authority found for “Barnsley”")
    _tab_to(page, "Barnsley")
    expect(page.get_by_role("heading", level=1)).to_have_text("Barnsley")
    neighbours = page.locator("#neighbours li")
    expect(neighbours).to_have_count(10)
    expect(page.locator("main")).to_contain_text(re.compile(r"ranked \d+ of \d+"))
    assert_accessible(page)
    _check_widths(page, "benchmark-barnsley", assert_accessible)
    response = page.goto(f"{live_server.url}/benchmarks/E99999999/")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("There is no upper-tier local authority")
    assert_accessible(page)
