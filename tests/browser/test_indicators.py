"""The public reads Nottinghamshire's indicators, benchmarked, with charts and tables."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

#: Set to a folder to save the documentation's screenshots of the indicator pages there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def test_the_public_reads_an_indicator_against_england_and_neighbours(
        page, live_server, assert_accessible, demo):
    page.goto(f"{live_server.url}/indicators/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Hospital admissions caused by")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hospital admissions")
    assert_accessible(page)
    page.get_by_text("Show the data in a table").first.click()
    expect(page.get_by_role("table").first).to_contain_text("2023/24")
    assert_accessible(page)
    page.goto(f"{live_server.url}/indicators/areas/E10000024/")
    expect(page.get_by_role("img").first).to_be_visible()
    assert_accessible(page)


def test_an_analyst_uploads_a_file_and_follows_its_import(
        page, live_server, assert_accessible, sign_in, django_user_model, run_tasks, tmp_path,
        settings):
    from tests.performance.files import fingertips_row, fingertips_text
    from trustboard.performance.services import area_load_national

    settings.MEDIA_ROOT = tmp_path / "media"
    area_load_national()
    django_user_model.objects.create_user(username="analyst", password="analyst-password-1",
                                          role="analyst")
    data = tmp_path / "injuries.csv"
    data.write_text(fingertips_text([fingertips_row()]), encoding="utf-8")

    sign_in(page, "analyst", "analyst-password-1")
    page.goto(f"{live_server.url}/indicators/")
    page.get_by_role("link", name="Import indicator data").click()
    assert_accessible(page)
    page.get_by_label("Data file").set_input_files(str(data))
    page.get_by_label("Add the Fingertips indicators").check()
    page.get_by_role("button", name="Upload and import").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Import of injuries.csv")
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    assert_accessible(page)
    run_tasks()
    page.reload()
    expect(page.get_by_text("1 rows read: 1 data points created")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See the result").click()
    expect(page.get_by_role("table")).to_contain_text("injuries.csv")
    assert_accessible(page)


def test_an_officer_makes_an_indicator_wait_for_approval_and_the_public_page_follows(
        page, live_server, assert_accessible, sign_in, browser, demo):
    from trustboard.performance.models import Indicator

    injuries = Indicator.objects.get(name__startswith="Hospital admissions caused by")
    address = f"{live_server.url}/indicators/{injuries.pk}/"
    public = browser.new_page()
    public.goto(address)
    expect(public.locator("main")).to_contain_text("Latest (2023/24)")
    expect(public.get_by_role("link", name=re.compile("Change the indicator"))).to_have_count(0)

    sign_in(page, "officer", "demo-officer-password")
    page.goto(address)
    page.get_by_role("link", name=re.compile("Change the indicator's settings")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(injuries.name)
    expect(page.locator("#approval-effect")).to_contain_text("If you tick this, they leave")
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "indicator-settings.png"), full_page=True)
    assert_accessible(page)
    page.get_by_label("Target tolerance").fill("-1")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("alert")).to_contain_text("The target tolerance is how far short")
    assert_accessible(page)
    page.get_by_label("Target tolerance").fill("5")
    page.get_by_label("Publish only once approved").check()
    page.get_by_role("button", name="Save settings").click()

    expect(page.locator("main")).to_contain_text("have left the public pages and open data")
    expect(page.locator("main")).to_contain_text("Latest (2023/24)")  # signed in: all values
    assert_accessible(page)
    public.reload()
    expect(public.locator("main")).to_contain_text("No values for Nottinghamshire yet")


def test_the_public_reads_the_owners_approved_commentary_on_an_indicator(
        page, live_server, assert_accessible, demo):
    from trustboard.performance.models import Indicator

    plans = Indicator.objects.get(name="Children who are the subject of a child protection plan")
    page.goto(f"{live_server.url}/indicators/{plans.pk}/")
    commentary = page.get_by_role("heading", name="What the owner says")
    expect(commentary).to_be_visible()
    expect(page.locator("main")).to_contain_text("The rise follows the thresholds review")
    if SCREENSHOTS:
        page.set_viewport_size({"width": 1280, "height": 900})
        top = page.get_by_role("heading", level=1).bounding_box()["y"] - 60
        page.screenshot(path=str(Path(SCREENSHOTS) / "indicator-commentary.png"),
                        full_page=True, clip={"x": 0, "y": top, "width": 1280, "height": 1000})
    assert_accessible(page)
