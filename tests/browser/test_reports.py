"""An officer writes the six-monthly performance report from the page and downloads it."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_writes_the_performance_report_and_downloads_every_format(
        page, live_server, assert_accessible, sign_in, django_user_model, run_tasks, tmp_path,
        demo):
    django_user_model.objects.create_user(username="writer", password="writer-password-1",
                                          role="officer")
    sign_in(page, "writer", "writer-password-1")
    page.goto(f"{live_server.url}/reports/")
    assert_accessible(page)
    page.get_by_role("button", name="Write a report").click()
    assert_accessible(page)
    page.get_by_label("Six-monthly performance report").check()
    page.get_by_label("Progress and figures as at").fill("2012-09-30")
    page.get_by_label("Date of the meeting").fill("2013-01-14")
    page.get_by_label("Agenda item").fill("8")
    page.get_by_role("button", name="Write the report").click()

    expect(page.get_by_text("Waiting to start")).to_be_visible()
    assert_accessible(page)
    run_tasks()
    try:
        page.reload()
    except PlaywrightError:  # the page's own progress script navigated first, as the job ended
        page.wait_for_load_state()
    expect(page.get_by_text("written as HTML, Word and PDF")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See the result").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Officer group report")
    paragraph_18 = re.compile(
        "of the sixteen performance indicators where comparison information is available, "
        "eight show that Nottinghamshire performance exceeds the national average")
    expect(page.get_by_text(paragraph_18)).to_be_visible()
    assert_accessible(page)
    for label, suffix in (("Download as a web page (HTML)", ".html"),
                          ("Download as Word (DOCX)", ".docx"), ("Download as PDF", ".pdf")):
        with page.expect_download() as info:
            page.get_by_role("link", name=re.compile(re.escape(label))).click()
        download = info.value
        assert download.suggested_filename.endswith(suffix)
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert saved.stat().st_size > 1000

    page.get_by_role("button", name="Edit the text").click()
    assert_accessible(page)
    expect(page.get_by_label("Key initiatives supported (written by the officer)")
           ).to_have_accessible_description(re.compile(
               r"Key initiatives the partnership supported during the period .*carried "
               "forward to the next report"))
    page.get_by_label("Purpose of the Report").fill("To report progress to the Committee.")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_text("To report progress to the Committee.")).to_be_visible()
    page.get_by_role("button", name="Issue this version").click()
    expect(page.get_by_text("can no longer be changed")).to_be_visible()
    expect(page.get_by_role("button", name="Edit the text")).to_have_count(0)
    assert_accessible(page)
