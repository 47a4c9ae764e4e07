"""An officer redesigns the partnership in the browser; members and the public only read."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(demo, live_server):
    """The demo (tests/conftest.py), served: its address."""
    return live_server.url


def _hours(page) -> int:
    heading = page.get_by_role("heading", name=re.compile("Meeting hours a year")).inner_text()
    before, after = re.findall(r"\d+", heading.replace(",", ""))
    return int(after) - int(before)


def test_officer_copies_current_merges_two_groups_and_sees_hours_fall(
        page, demo, sign_in, assert_accessible):
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{demo}/structure/current/")
    assert_accessible(page)
    page.get_by_role("link", name="Copy to a new scenario").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("single commissioning group")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("single commissioning group")

    page.get_by_role("link", name="Merge bodies").click()
    assert_accessible(page)
    page.get_by_label("CAMHS Integrated Commissioning Group").check()
    page.get_by_label("Teenage Pregnancy Integrated Commissioning Group").check()
    page.get_by_label("Name of the merged body").fill("Children's Health Commissioning Group")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Children's Health Commissioning Group")
    formed_from = page.get_by_text("CAMHS Integrated Commissioning Group, Teenage Pregnancy")
    expect(formed_from).to_be_visible()
    assert_accessible(page)

    page.goto(f"{demo}/structure/single-commissioning-group/")
    diagram = page.locator("figure.tb-diagram svg")
    expect(diagram.locator("g.node title", has_text="Children's Health Commissioning Group")
           ).to_have_count(1)
    expect(diagram.locator("g.node title", has_text="CAMHS Integrated")).to_have_count(0)

    page.goto(f"{demo}/structure/")
    page.get_by_label("Compare").select_option("current")
    page.get_by_label("with").select_option("single-commissioning-group")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_text(
        "CAMHS Integrated Commissioning Group and Teenage Pregnancy Integrated Commissioning "
        "Group replaced by Children's Health Commissioning Group")).to_be_visible()
    assert _hours(page) < 0, "one group of four meeting six times replaces two"
    assert_accessible(page)


def test_member_reads_history_but_cannot_edit(page, demo, sign_in, assert_accessible):
    sign_in(page, "member", "demo-member-password")
    page.goto(f"{demo}/structure/current/")
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()
    expect(page.get_by_role("link", name="Copy to a new scenario")).to_have_count(0)
    response = page.goto(f"{demo}/structure/current/copy/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    assert_accessible(page)


PUBLIC_PAGES = [
    "/", "/sign-in/", "/structure/", "/structure/current/", "/structure/current/checks/",
    "/structure/proposed-2015/", "/structure/compare/?before=current&after=proposed-2015",
    "/structure/organisations/", "/structure/people/", "/plan/",
    "/plan/cypf-2011-14/?as_at=2012-09-30",
]


def test_every_public_structure_page_passes_axe(page, demo, assert_accessible):
    for path in PUBLIC_PAGES:
        response = page.goto(f"{demo}{path}")
        assert response.status == 200, path
        assert_accessible(page)
    page.goto(f"{demo}/structure/current/")
    page.get_by_role("link", name="Children's Trust Executive").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Children's Trust Executive")
    assert_accessible(page)
    page.get_by_role("link", name="Corporate Director (placeholder)").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nottinghamshire County Council").click()
    assert_accessible(page)
    page.goto(f"{demo}/plan/cypf-2011-14/")
    page.get_by_role("link", name=re.compile("Multi-agency Safeguarding Hub")).click()
    assert_accessible(page)


def test_a_lead_member_records_progress_on_their_key_action(page, demo, sign_in,
                                                             assert_accessible):
    sign_in(page, "member", "demo-member-password")
    page.goto(f"{demo}/plan/cypf-2011-14/")
    page.get_by_role("link", name=re.compile("Early Intervention and Prevention")).click()
    page.get_by_role("link", name="Record progress").click()
    assert_accessible(page)
    page.get_by_label("Progress as at").fill("2013-03-31")
    page.get_by_label("At risk").check()
    page.get_by_label("Commentary").fill("Recruitment of family support workers is behind.")
    page.get_by_role("button", name="Record progress").click()
    expect(page.get_by_text("Recruitment of family support workers is behind.")).to_be_visible()
    assert_accessible(page)


def test_every_officer_form_passes_axe(page, demo, sign_in, assert_accessible):
    sign_in(page, "officer", "demo-officer-password")
    for path in ["/structure/import/", "/structure/current/edit/", "/structure/current/merge/",
                 "/structure/current/bodies/new/", "/structure/current/lines/new/",
                 "/structure/organisations/new/", "/structure/people/new/", "/structure/new/"]:
        response = page.goto(f"{demo}{path}")
        assert response.status == 200, path
        assert_accessible(page)
    page.get_by_role("button", name="Save").click()  # an empty person: errors shown
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)


def test_the_structure_can_be_read_with_the_keyboard_alone(page, demo):
    page.goto(f"{demo}/structure/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "current":
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/structure/current/$"))
