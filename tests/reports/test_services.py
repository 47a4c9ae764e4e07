"""Drafting, editing, issuing: an issued report is frozen and its files kept."""

import datetime

import pytest
from docx import Document

from tests.reports.conftest import write_draft
from trustboard.core.errors import RuleError
from trustboard.reports.models import Report
from trustboard.reports.services import (
    period_start_for,
    report_draft_create,
    report_edit,
    report_file,
    report_issue,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("figures")]


def test_a_draft_is_written_with_its_three_files(plan, officer):
    steps = []
    report = write_draft(plan, officer, progress=lambda done, total, stage: steps.append(stage))
    report.refresh_from_db()
    assert report.status == "draft" and report.version == 1
    assert report.files_are_current
    for format in ("html", "docx", "pdf"):
        assert report.file_for(format).size > 0
    assert steps[0] == "Reading the plan's figures" and steps[-1] == "Writing the PDF"
    assert report.history.first().history_user == officer


def test_the_draft_starts_from_the_seed_sections_and_the_summary(plan, officer):
    report = write_draft(plan, officer)
    headings = [section["heading"] for section in report.sections]
    assert headings[:2] == ["Purpose of the Report", "Information and Advice"]
    text = "\n".join(section["text"] for section in report.sections)
    assert "of the two performance indicators where comparison information is available, " \
           "one shows that Nottinghamshire performance exceeds the national average" in text
    assert "The Plan was approved by the County Council in September 2011." in text


def test_writing_again_makes_the_next_version(plan, officer):
    first = write_draft(plan, officer)
    second = write_draft(plan, officer)
    assert (first.version, second.version) == (1, 2)


def test_editing_a_draft_changes_its_text_and_marks_its_files_out_of_date(plan, officer):
    report = write_draft(plan, officer)
    report_edit(report=report, by=officer, title="New title",
                sections={"purpose": "To tell the Committee how the Plan is going."})
    report.refresh_from_db()
    assert report.title == "New title"
    assert report.sections[0]["text"] == "To tell the Committee how the Plan is going."
    assert not report.files_are_current
    docx = Document(report_file(report, "docx").open("rb"))
    assert "To tell the Committee how the Plan is going." in [p.text for p in docx.paragraphs]
    report.refresh_from_db()
    assert report.files_are_current


def test_editing_refuses_an_unknown_section(plan, officer):
    report = write_draft(plan, officer)
    with pytest.raises(RuleError, match="no section 'nonsense'"):
        report_edit(report=report, by=officer, sections={"nonsense": "x"})


def test_issuing_freezes_the_report(plan, officer):
    report = write_draft(plan, officer)
    issued = report_issue(report=report, by=officer)
    assert issued.status == "issued" and issued.issued_by == officer
    assert issued.issued_at is not None
    assert "Draft: not yet issued" not in issued.issued_body
    assert "Obesity" in issued.issued_body
    with pytest.raises(RuleError, match="cannot be changed"):
        report_edit(report=issued, by=officer, title="Changed after issue")
    issued.refresh_from_db()
    assert issued.title != "Changed after issue"
    with pytest.raises(RuleError, match="cannot be changed"):
        report_issue(report=issued, by=officer)


def test_issued_files_are_kept_when_a_new_version_is_written(plan, officer):
    issued = report_issue(report=write_draft(plan, officer), by=officer)
    pdf_name, pdf_bytes = issued.pdf_file.name, issued.pdf_file.open("rb").read()
    issued.pdf_file.close()
    newer = write_draft(plan, officer)
    assert newer.version == 2 and newer.status == "draft"
    issued = Report.objects.get(pk=issued.pk)
    assert issued.pdf_file.name == pdf_name
    assert report_file(issued, "pdf").open("rb").read() == pdf_bytes


def test_a_date_before_the_plan_is_refused_and_nothing_is_written(plan, officer):
    with pytest.raises(RuleError, match="The plan starts on 1 April 2011") as error:
        report_draft_create(by=officer, kind="performance", plan=plan,
                            as_at=datetime.date(2010, 1, 1), committee="Committee")
    assert error.value.field == "as_at"
    assert not Report.objects.exists()


@pytest.mark.parametrize(("kind", "as_at", "start"), [
    ("performance", datetime.date(2012, 9, 30), datetime.date(2012, 4, 1)),
    ("performance", datetime.date(2012, 3, 31), datetime.date(2011, 10, 1)),
    ("performance", datetime.date(2012, 8, 31), datetime.date(2012, 3, 1)),
    ("annual", datetime.date(2013, 3, 31), datetime.date(2012, 4, 1)),
])
def test_the_period_runs_six_months_or_a_year_to_the_date(kind, as_at, start):
    assert period_start_for(kind, as_at) == start


REMIT = ("Over recent months, the Children's Trust Executive has been considering its role and "
         "remit, especially its relationship to the Nottinghamshire Health and Wellbeing Board.")


def _officer_report(plan, officer, as_at, remit, *, issue=True):
    report = report_draft_create(by=officer, files=False, kind="performance", plan=plan,
                                 as_at=as_at, committee="Children and Young People's Committee",
                                 officer_sections={"remit": remit})
    return report_issue(report=report, by=officer, files=False) if issue else report


def _section(report, key):
    return next((one for one in report.sections if one["key"] == key), None)


def test_a_draft_carries_the_officer_sections_of_the_latest_earlier_issued_report(plan,
                                                                                  officer):
    """2013 report, paragraph 7, carried from the report six months before."""
    _officer_report(plan, officer, datetime.date(2011, 9, 30), "A year ago.")
    _officer_report(plan, officer, datetime.date(2012, 3, 31), REMIT)
    report = write_draft(plan, officer)
    assert _section(report, "remit")["text"] == REMIT
    keys = [one["key"] for one in report.sections]
    assert keys.index("remit") < keys.index("performance")


def test_drafts_and_later_reports_are_not_carried_forward(plan, officer):
    _officer_report(plan, officer, datetime.date(2012, 3, 31), REMIT)
    _officer_report(plan, officer, datetime.date(2012, 6, 30), "An unissued draft.",
                    issue=False)
    _officer_report(plan, officer, datetime.date(2013, 3, 31), "A later report.")
    assert _section(write_draft(plan, officer), "remit")["text"] == REMIT


def test_with_no_earlier_issued_report_the_officer_sections_are_empty(plan, officer):
    _officer_report(plan, officer, datetime.date(2012, 3, 31), "Only a draft.", issue=False)
    report = write_draft(plan, officer)
    for key in ("strategies", "remit", "activities", "localities"):
        assert _section(report, key)["text"] == ""


def test_an_annual_report_refuses_an_officer_section(plan, officer):
    report = report_draft_create(by=officer, files=False, kind="annual", plan=plan,
                                 as_at=datetime.date(2013, 3, 31), committee="Committee")
    with pytest.raises(RuleError):
        report_edit(report=report, by=officer, sections={"remit": "Remit."})
    report.refresh_from_db()
    assert _section(report, "remit") is None


def test_an_issued_report_kept_without_files_writes_them_when_first_downloaded(plan,
                                                                              officer):
    issued = _officer_report(plan, officer, datetime.date(2012, 3, 31), REMIT)
    assert issued.is_issued and not issued.docx_file
    docx = Document(report_file(issued, "docx").open("rb"))
    assert REMIT in [p.text for p in docx.paragraphs]
    issued.refresh_from_db()
    assert issued.docx_file and issued.pdf_file and issued.status == "issued"
