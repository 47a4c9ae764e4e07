"""A person makes and revokes an API token on their own page; anyone reads the API's
documentation page. Both pass axe-core at full width and 375 px."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trustboard.api.models import ApiToken
from trustboard.core.models import Role, User

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
#: Set to a folder to save the documentation's screenshots of these pages there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def _both_widths(page, assert_accessible, name: str) -> None:
    """axe-core on the page at its width and at 375 px (screenshots of each if asked)."""
    size = page.viewport_size
    for width in (size["width"], PHONE_WIDTH):
        page.set_viewport_size({"width": width, "height": 800})
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if SCREENSHOTS:
            suffix = "-phone" if width == PHONE_WIDTH else ""
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}{suffix}.png"),
                            full_page=True)
    page.set_viewport_size(size)


def test_an_analyst_makes_a_token_sees_it_once_and_revokes_it(page, live_server, sign_in,
                                                               assert_accessible):
    User.objects.create_user(username="analyst", password="analyst-password",
                             role=Role.ANALYST)
    sign_in(page, "analyst", "analyst-password")
    page.goto(f"{live_server.url}/api/tokens/")
    page.get_by_label("Name").fill("Weekly import script")
    page.get_by_role("button", name="Make token").click()

    token = page.get_by_label("Your new token").input_value()
    assert token.startswith("tb_")
    expect(page.get_by_text("it is shown only once")).to_be_visible()
    _both_widths(page, assert_accessible, "api-tokens")

    page.goto(f"{live_server.url}/api/tokens/")
    expect(page.get_by_label("Your new token")).to_have_count(0)
    page.get_by_role("button", name="Revoke Weekly import script").click()
    expect(page.get_by_text("The token 'Weekly import script' is revoked")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Revoked \d"))).to_be_visible()
    assert ApiToken.objects.get().revoked_at is not None
    assert_accessible(page)


def test_the_documentation_page_lists_the_endpoints_and_links_the_schema(page, live_server,
                                                                          assert_accessible):
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.get_by_role("heading", name="Trustboard API", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="GET /api/v1/indicators",
                            exact=True)).to_be_visible()
    page.get_by_role("link", name="OpenAPI 3 schema (JSON)").click()
    assert page.url.endswith("/api/v1/openapi.json")
    page.go_back()
    _both_widths(page, assert_accessible, "api-docs")
