"""The public reads the wide pages on a 375 px phone without scrolling the page sideways."""

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
#: Set to a folder to save a screenshot of each page at phone width there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def test_the_public_reads_indicators_dashboard_and_structure_on_a_phone_without_sideways_scroll(
        page, live_server, assert_accessible, demo):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    wide = {}
    for name, path in (("indicators", "/indicators/"),
                       ("dashboard", "/plan/cypf-2011-14/dashboard/"),
                       ("structure", "/structure/current/")):
        page.goto(f"{live_server.url}{path}")
        if SCREENSHOTS:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"phone-{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            wide[path] = width
        assert_accessible(page)
    assert wide == {}, f"pages wider than the {PHONE_WIDTH} px phone: {wide}"
