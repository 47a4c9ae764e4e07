"""The public reads Nottinghamshire's indicators, benchmarked, with charts and tables."""

import re

import pytest
from playwright.sync_api import expect

from trustboard.demo.loader import demo_load

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_public_reads_an_indicator_against_england_and_neighbours(
        page, live_server, assert_accessible):
    demo_load()
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
