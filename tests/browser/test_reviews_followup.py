"""An officer reads the 2015 review's themes, writes its report, issues it, and finds its
recommendations in the register beside Middlesbrough's; every page passes axe-core, and the
register reads on a 375 px phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "/tmp/trustboard-reviews-followup"


def test_officer_writes_the_review_report_and_follows_its_recommendations(
        page, live_server, assert_accessible, sign_in, django_user_model, run_tasks, demo):
    django_user_model.objects.create_user(username="writer", password="writer-password-1",
                                          role="officer")
    sign_in(page, "writer", "writer-password-1")
    page.goto(f"{live_server.url}/reviews/board-review-2015/interviews/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Interviews")
    assert_accessible(page)
    page.get_by_role("link", name="Themes raised").click()
    expect(page.get_by_role("row", name=re.compile("Membership: providers, schools, the "
                                                   "Police 3 of 11"))).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}-themes.png", full_page=False)

    page.goto(f"{live_server.url}/reviews/board-review-2015/report/write/")
    assert_accessible(page)
    page.get_by_role("button", name="Write the report").click()
    assert_accessible(page)
    run_tasks()
    page.reload()
    expect(page.get_by_text("written as HTML, Word and PDF")).to_be_visible()
    page.get_by_role("link", name="See the result").click()
    expect(page.get_by_role("row", name=re.compile("workforce\\? 5.8"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Issue this version").click()
    expect(page.get_by_text("issued. It can no longer be changed")).to_be_visible()

    page.goto(f"{live_server.url}/recommendations/")
    assert_accessible(page)
    page.get_by_role("link", name="Ad Hoc Children's Trust Scrutiny Panel: final report").click()
    expect(page.get_by_text("The Panel would like to hear how the Children's Trust will seek "
                            "to do this.", exact=False).first).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=f"{SHOTS}-source-375.png", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="Record the response to recommendation 23").click()
    page.get_by_label("Not accepted").check()
    page.get_by_role("button", name="Save the response").click()
    expect(page.get_by_role("link", name="Give the reason the recommendation was not "
                                         "accepted.")).to_be_visible()
    assert_accessible(page)
