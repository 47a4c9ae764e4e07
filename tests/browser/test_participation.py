"""The public reads "you said, we did" by topic and locality without signing in; an officer
records an engagement, a finding and its response. In Chromium, axe-core on every page."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trustboard.participation.models import Response

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
#: Set to a folder to save the documentation's screenshots there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def test_the_public_reads_you_said_we_did_by_topic_and_locality(page, live_server,
                                                                assert_accessible, demo):
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="You said, we did").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did")
    assert_accessible(page)

    page.get_by_label("Topic").select_option(label="Mental health")
    page.get_by_role("button", name="Show").click()
    main = page.locator("main")
    expect(main).to_contain_text("Young people want help with worries without a long wait")
    expect(main).to_contain_text("We will, by 30 September 2013")
    expect(main).not_to_contain_text("Young carers want their school to understand")
    assert_accessible(page)

    page.get_by_label("Topic").select_option(label="Every topic")
    page.get_by_label("Locality").select_option(label="Mansfield")
    page.get_by_role("button", name="Show").click()
    expect(main).to_contain_text("Showing every topic, in Mansfield.")
    expect(main).to_contain_text("the sexual health drop-in is not somewhere they would go")
    expect(main).to_contain_text("Service change: Decommission Teenage pregnancy outreach")
    expect(main).not_to_contain_text("cheaper buses")
    _shot(page, "participation-you-said-we-did")
    assert_accessible(page)

    page.get_by_role("link", name="Mansfield young people's group: sexual health").first.click()
    expect(page.get_by_role("table")).to_contain_text("Care leavers")
    assert_accessible(page)

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    for path, name in (("/participation/", "phone-participation"),
                       ("/participation/engagements/", "phone-participation-engagements")):
        page.goto(f"{live_server.url}{path}")
        _shot(page, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, path
        assert_accessible(page)


def test_an_officer_records_an_engagement_a_finding_and_the_response(
        page, live_server, assert_accessible, sign_in, demo):
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{live_server.url}/participation/")
    page.get_by_role("link", name="Findings awaiting a response").click()
    expect(page.locator("main")).to_contain_text("Families were not told when their worker")
    assert_accessible(page)

    page.goto(f"{live_server.url}/participation/engagements/")
    page.get_by_role("link", name="Record an engagement").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Rushcliffe youth forum: getting about")
    page.get_by_label("Date").fill("2013-02-12")
    page.get_by_label("Locality").select_option(label="Rushcliffe")
    page.get_by_label("Youth council").check()
    page.get_by_label("Summary").fill("Ring 0115 977 3000 to join.")
    page.get_by_label("Topics").fill("Getting about")
    page.get_by_label("11 to 15 (age)").fill("10")
    page.get_by_role("button", name="Save engagement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Summary looks like it holds a phone number")
    _shot(page, "participation-refused")
    assert_accessible(page)
    page.get_by_label("Summary").fill("The forum talked about buses to school and college.")
    page.get_by_role("button", name="Save engagement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rushcliffe youth forum: getting about")
    assert_accessible(page)

    page.get_by_role("link", name="Add a finding").click()
    page.get_by_label("Topic").fill("Getting about")
    page.get_by_label("Title").fill("Young people want a later bus home")
    page.get_by_label("What they said").fill("The last bus leaves before clubs finish.")
    page.get_by_label("6. Prepare young people for adulthood, learning and work").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save finding").click()
    page.get_by_role("link", name="Record the response").click()
    page.get_by_label("We will").check()
    page.get_by_label("What we did or will do").fill("We will ask the bus company for a later "
                                                     "service on Fridays.")
    page.get_by_role("button", name="Save response").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("needs a date")
    assert_accessible(page)
    page.get_by_label("By when").fill("2013-09-01")
    page.get_by_role("button", name="Save response").click()
    expect(page.locator("main")).to_contain_text("We will, by 1 September 2013")
    assert Response.objects.get(finding__title="Young people want a later bus home"
                                ).will_by.isoformat() == "2013-09-01"
