"""The board review report: Table 1 and the counts of paragraphs 9-13 of the 2015 review,
written from the answers, in HTML, Word and PDF; interviews, the option, recommendations."""

import datetime
import io
import subprocess

import pytest
from docx import Document

from tests.reviews.factories import review_2015
from trustboard.governance.models import Scenario
from trustboard.reports.models import ReportKind
from trustboard.reports.services import report_file, report_issue
from trustboard.reviews.followup_models import Interview, IntervieweeGroup
from trustboard.reviews.interviews import interview_note_add, interview_save
from trustboard.reviews.recommendation_models import RecommendationSource, SourceKind
from trustboard.reviews.report import (
    review_report_draft_create,
    review_report_prepare,
)

pytestmark = pytest.mark.usefixtures("demo")

HOSTILE = "<script>alert('x')</script> & \"quotes\""


@pytest.fixture
def officer(django_user_model):
    """The demo's officer."""
    return django_user_model.objects.get(username="officer")


@pytest.fixture
def review(officer):
    review = review_2015(slug="test-review-2015", comment=HOSTILE)
    review.scenario_proposed = Scenario.objects.get(name="proposed 2015")
    review.save()
    for role, group in (("Chair of the Children's Trust Board", IntervieweeGroup.MEMBER),
                        ("Associate Director for Public Health",
                         IntervieweeGroup.SENIOR_MANAGER)):
        interview = interview_save(interview=Interview(
            review=review, role=role, organisation="Nottinghamshire County Council",
            group=group, held_on=datetime.date(2015, 9, 1)), by=officer)
        interview_note_add(interview=interview, text="A champion for children and young "
                           "people.", themes=["What works well"], by=officer)
    return review


def _text(report) -> str:
    return "\n".join(section["text"] for section in report.sections)


def test_the_report_prints_table_1_from_the_answers(review):
    report = review_report_prepare(review=review)
    table = next(one["table"] for one in report.sections if "table" in one)
    assert table["headers"] == ["Review Question", "Weighted average score"]
    assert [row[1] for row in table["rows"]] == ["5.9", "5.9", "5.9", "5.8"]
    assert table["rows"][0][0].startswith("How would you rate the effectiveness of the "
                                          "Children's Trust")


def test_the_report_gives_the_counts_in_words_as_paragraphs_8_to_13_do(review):
    text = _text(review_report_prepare(review=review))
    assert "Nine Board Members responded to the questionnaire" in text
    assert "Seven of the nine respondents answered \u201cYes\u201d" in text  # paragraph 10
    assert "All but one of the respondents answered \u201cYes\u201d" in text  # paragraph 12
    assert "Two thirds of respondents answered \u201cNo\u201d" in text  # paragraph 13


def test_the_interviews_are_counted_by_group_with_their_themes(review):
    text = _text(review_report_prepare(review=review))
    assert ("Individual interviews were undertaken with 1 member of the Children's Trust "
            "Board, as well as 1 Senior Manager.") in text
    assert "What works well: raised by two of the two interviewees." in text


def test_the_option_is_set_beside_current_with_its_meeting_hours(review):
    text = _text(review_report_prepare(review=review))
    assert "\u201cproposed 2015\u201d" in text
    assert "hours of members' time a year against" in text
    assert "Children's Trust Board: three meetings a year" in text


def test_the_word_document_has_table_1_as_a_real_table(review, officer):
    report = review_report_draft_create(review=review, by=officer)
    document = Document(io.BytesIO(report_file(report, "docx").open("rb").read()))
    table = next(one for one in document.tables
                 if one.rows[0].cells[0].text == "Review Question")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[1] for row in rows] == ["5.9", "5.9", "5.9", "5.8"]
    assert rows[3][0] == ("How would you rate the effectiveness of communications with the "
                          "Partnership's workforce?")
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Seven of the nine respondents" in body
    assert HOSTILE in body  # the text as typed, not markup


def test_the_pdf_prints_table_1_and_the_counts(review, officer, tmp_path):
    report = review_report_draft_create(review=review, by=officer)
    path = tmp_path / "review.pdf"
    path.write_bytes(report_file(report, "pdf").open("rb").read())
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "Table 1 Answers to the review questions with a scaled answer" in text
    assert "workforce? 5.8" in text
    assert text.count("5.9") >= 3
    assert "All but one of the respondents" in text
    assert "<script>alert('x')</script>" in text


def test_typed_text_is_escaped_in_the_html(review, officer):
    report = review_report_draft_create(review=review, by=officer)
    html = report_file(report, "html").open("rb").read().decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_issuing_the_report_puts_its_recommendations_in_the_register(review, officer):
    report = review_report_draft_create(review=review, by=officer, files=False)
    assert report.kind == ReportKind.REVIEW
    report_issue(report=report, by=officer, files=False)
    source = RecommendationSource.objects.get(review=review)
    assert source.kind == SourceKind.BOARD_REVIEW
    assert [(one.number, one.text) for one in source.recommendations.all()] == [
        ("1", "The Children's Trust Board notes the findings of the review as outlined in "
              "this report."),
        ("2", "The Children's Trust Board identifies and agrees the next stages of the review "
              "including further consultation which might be required.")]


def test_a_second_version_is_numbered_after_the_first(review, officer):
    first = review_report_draft_create(review=review, by=officer, files=False)
    second = review_report_draft_create(review=review, by=officer, files=False)
    assert (first.version, second.version) == (1, 2)
