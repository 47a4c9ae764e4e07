"""The public reads a small count as suppressed, with the reason, on an accessible page."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

#: Set to a folder to save the documentation's screenshots there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def test_the_public_reads_a_small_count_as_suppressed_with_why(page, live_server,
                                                                 assert_accessible):
    from tests.performance.test_disclosure import _small_counts
    from trustboard.performance.services import area_load_national

    area_load_national()
    indicator, _county, districts = _small_counts([3, 7, 12, 40])

    page.goto(f"{live_server.url}/indicators/{indicator.pk}/?area={districts[0].code}")

    expect(page.get_by_text("Not compared (suppressed)").first).to_be_visible()
    expect(page.get_by_text("Suppressed to protect privacy").first).to_be_visible()
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "disclosure-suppressed.png"))
        page.set_viewport_size({"width": 375, "height": 900})
        page.screenshot(path=str(Path(SCREENSHOTS) / "disclosure-suppressed-phone.png"))
