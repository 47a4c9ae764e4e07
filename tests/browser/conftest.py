"""Browser tests drive Debian's Chromium (never a downloaded browser) through Playwright."""

import os
from pathlib import Path

import pytest

import trustboard

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(trustboard.__file__).parent / "core" / "static" / "vendor" / "axe.min.js"
# WCAG 2.2 AA, as the Public Sector Bodies Accessibility Regulations 2018 require.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900},
            "locale": "en-GB"}


@pytest.fixture
def assert_accessible():
    """Run axe-core on the page as it is now and fail with each violation it finds."""
    source = AXE.read_text()

    def check(page):
        # A click that navigates returns once the new page starts loading: axe must run on
        # the loaded page, not on one being replaced (it then finds no document).
        page.wait_for_load_state("load")
        page.evaluate(source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        problems = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in result["violations"]
        ]
        assert not problems, f"axe-core on {page.url}:\n" + "\n".join(problems)

    return check


@pytest.fixture
def sign_in(live_server):
    def go(page, username: str, password: str):
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()

    return go
