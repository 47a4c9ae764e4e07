"""`trustboard report review --review SLUG --format html|docx|pdf --output FILE`."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from tests.reviews.factories import review_2015
from trustboard.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return Plan.objects.create(title="Children, Young People and Families Plan 2014-16",
                               slug="cypf-2014-16", starts_on=datetime.date(2014, 4, 1),
                               ends_on=datetime.date(2016, 3, 31))


def test_writes_the_review_report_as_word_with_table_1(plan, tmp_path):
    review_2015()
    output = tmp_path / "review.docx"
    out = io.StringIO()
    call_command("report", "review", "--review", "board-review-2015", "--format", "docx",
                 "--output", str(output), "--quiet", stdout=out)
    assert "Wrote Review of" in out.getvalue()
    table = next(one for one in Document(str(output)).tables
                 if one.rows[0].cells[0].text == "Review Question")
    assert [row.cells[1].text for row in table.rows[1:]] == ["5.9", "5.9", "5.9", "5.8"]


def test_an_unknown_review_is_refused_naming_the_option(plan, tmp_path):
    review_2015()
    with pytest.raises(CommandError, match=r"--review 'nope' is not a review's slug "
                                           r"\(reviews: board-review-2015\)"):
        call_command("report", "review", "--review", "nope", "--format", "html",
                     "--output", str(tmp_path / "x.html"))


def test_a_review_report_needs_the_review(tmp_path):
    with pytest.raises(CommandError, match="--review is required"):
        call_command("report", "review", "--format", "html", "--output",
                     str(tmp_path / "x.html"))
