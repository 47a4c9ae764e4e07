"""The reports pages: officers write, edit and issue; everyone reads issued reports."""

import datetime

import pytest
from django.utils.html import escape

from tests.reports.conftest import write_draft
from trustboard.core.models import Job
from trustboard.reports.document import number_sections
from trustboard.reports.models import Report
from trustboard.reports.services import report_draft_create, report_issue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("figures")]


def test_officer_asks_for_a_report_and_the_queue_writes_it(officer_client, plan, run_tasks):
    response = officer_client.post("/reports/write/", {
        "kind": "performance", "plan": plan.pk, "as_at": "2012-09-30",
        "committee": "Children and Young People's Committee", "meeting_date": "2013-01-14",
        "agenda_item": "8", "report_of": "Corporate Director", "contact": "Maggie Pape",
    })
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    run_tasks()
    job.refresh_from_db()
    report = Report.objects.get()
    assert job.status == "succeeded", job.error
    assert job.result_url == f"/reports/{report.pk}/"
    assert report.meeting_date == datetime.date(2013, 1, 14) and report.agenda_item == "8"
    page = officer_client.get(job.result_url).content.decode()
    assert "Issue this version" in page and "Download as PDF" in page


def test_a_member_cannot_write_a_report(member_client):
    assert member_client.get("/reports/write/").status_code == 403


def test_drafts_are_hidden_from_members_and_the_public(client, member_client, plan, officer):
    report = write_draft(plan, officer)
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert member_client.get(f"/reports/{report.pk}/").status_code == 404
    assert member_client.get(f"/reports/{report.pk}/download/pdf/").status_code == 404
    assert escape(report.title) not in member_client.get("/reports/").content.decode()


def test_issued_reports_are_public_documents(client, plan, officer):
    report = report_issue(report=write_draft(plan, officer), by=officer)
    assert escape(report.title) in client.get("/reports/").content.decode()
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Obesity" in page and "Issue this version" not in page
    response = client.get(f"/reports/{report.pk}/download/docx/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="cypf-2011-14-')


def test_officer_edits_the_narrative_then_issues(officer_client, plan, officer):
    report = write_draft(plan, officer)
    form = officer_client.get(f"/reports/{report.pk}/edit/").content.decode()
    assert "Purpose of the Report" in form
    data = {"title": report.title, "committee": report.committee, "meeting_date": "",
            "agenda_item": "8", "report_of": "Corporate Director"}
    for section in report.sections:
        data[f"section_{section['key']}"] = section["text"]
    data["section_purpose"] = "To report progress to the Committee."
    assert officer_client.post(f"/reports/{report.pk}/edit/", data).status_code == 302
    assert "To report progress to the Committee." in officer_client.get(
        f"/reports/{report.pk}/").content.decode()
    officer_client.post(f"/reports/{report.pk}/issue/")
    report.refresh_from_db()
    assert report.is_issued
    response = officer_client.post(f"/reports/{report.pk}/edit/", data | {"title": "Changed"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title != "Changed"


def test_downloads_are_served_in_each_format(officer_client, plan, officer):
    report = write_draft(plan, officer)
    types = {"html": "text/html", "docx": "application/vnd.openxmlformats", "pdf":
             "application/pdf"}
    for format, content_type in types.items():
        response = officer_client.get(f"/reports/{report.pk}/download/{format}/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert b"".join(response.streaming_content)
    assert officer_client.get(f"/reports/{report.pk}/download/odt/").status_code == 404


def test_writing_a_new_version_queues_a_job(officer_client, plan, officer, run_tasks):
    report = report_issue(report=write_draft(plan, officer), by=officer)
    officer_client.post(f"/reports/{report.pk}/rewrite/")
    run_tasks()
    newer = Report.objects.exclude(pk=report.pk).get()
    assert newer.version == 2 and newer.title == report.title
    assert "Maggie" not in newer.sections[-1]["text"]  # no contact was given the first time


def _form_data(report) -> dict:
    data = {"title": report.title, "committee": report.committee, "meeting_date": "",
            "agenda_item": "8", "report_of": "Corporate Director"}
    return data | {f"section_{one['key']}": one["text"] for one in report.sections}


def _numbers(report) -> dict[str, list[str]]:
    return {one.key: [p.number for p in one.paragraphs]
            for one in number_sections(report.sections)}


def test_a_first_report_offers_a_box_for_each_officer_section_with_its_hint(officer_client,
                                                                           plan, officer):
    report = write_draft(plan, officer)
    form = officer_client.get(f"/reports/{report.pk}/edit/").content.decode()
    for label in ("Strategies approved in earlier years (written by the officer)",
                  "Changes to the role and remit (written by the officer)",
                  "Key initiatives supported (written by the officer)",
                  "The work of the locality groups, with examples (written by the officer)"):
        assert escape(label) in form
    assert escape("Key initiatives the partnership supported during the period (2013 "
                  "report, paragraphs 10 and 11).") in form
    assert "carried forward to the next report" in form


def test_officer_writes_the_activities_of_a_first_report_and_the_numbers_follow_on(
        officer_client, plan, officer):
    report = write_draft(plan, officer)
    before = _numbers(report)
    assert before["activities"] == [] and before["remit"] == []
    data = _form_data(report) | {"section_activities": "Activities one.\n\nActivities two."}
    assert officer_client.post(f"/reports/{report.pk}/edit/", data).status_code == 302
    report.refresh_from_db()
    after = _numbers(report)
    focus = int(after["focus"][-1].rstrip("."))
    assert after["activities"] == [f"{focus + 1}.", f"{focus + 2}."]
    summary = int(before["performance"][-1].rstrip("."))
    assert after["performance"][-1] == f"{summary + 2}."
    assert after["options"] == [f"{summary + 3}."]
    page = officer_client.get(f"/reports/{report.pk}/").content.decode()
    heading = escape("Children's Trust: Activities and Achievements")
    assert page.count(heading) == 1
    assert page.index(heading) < page.index("Activities one.") < page.index(
        "Activities two.") < page.index("Progress against Performance Indicators")


def test_issued_officer_text_is_carried_into_the_next_report(officer_client, plan, officer):
    report = write_draft(plan, officer)
    data = _form_data(report) | {"section_localities": "Localities one."}
    officer_client.post(f"/reports/{report.pk}/edit/", data)
    officer_client.post(f"/reports/{report.pk}/issue/")
    following = report_draft_create(by=officer, kind="performance", plan=plan,
                                    as_at=datetime.date(2013, 3, 31), committee="Committee",
                                    files=False)
    texts = {one["key"]: one["text"] for one in following.sections}
    assert texts["localities"] == "Localities one."
    assert texts["strategies"] == texts["remit"] == texts["activities"] == ""


