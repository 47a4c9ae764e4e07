"""The demo's 2015 review interviews, its issued report, and the register's
recommendations (Middlesbrough, paragraphs 19-26, with illustrative responses)."""

import pytest

from trustboard.reports.models import ReportKind
from trustboard.reviews.followup_models import IntervieweeGroup
from trustboard.reviews.interview_selectors import interview_summary
from trustboard.reviews.models import Review
from trustboard.reviews.recommendation_models import RecommendationSource, SourceKind

pytestmark = pytest.mark.usefixtures("demo")


def test_the_review_interviewed_eight_members_and_three_senior_managers():
    summary = interview_summary(review=Review.objects.get(slug="board-review-2015"))
    assert summary.count(IntervieweeGroup.MEMBER) == 8  # paragraph 19
    assert summary.count(IntervieweeGroup.SENIOR_MANAGER) == 3
    themes = {one.name: one.sources for one in summary.themes}
    assert themes["Membership: providers, schools, the Police"] == 3


def test_the_review_report_is_issued_and_its_recommendations_are_in_the_register():
    review = Review.objects.get(slug="board-review-2015")
    assert review.scenario_proposed.name == "proposed 2015"
    source = RecommendationSource.objects.get(review=review)
    assert source.kind == SourceKind.BOARD_REVIEW
    assert source.report.kind == ReportKind.REVIEW and source.report.is_issued
    assert source.recommendations.first().text == (
        "The Children's Trust Board notes the findings of the review as outlined in this "
        "report.")


def test_the_scrutiny_panels_recommendations_are_quoted_with_illustrative_progress():
    source = RecommendationSource.objects.get(kind=SourceKind.SCRUTINY)
    assert source.is_illustrative
    numbers = list(source.recommendations.values_list("number", flat=True))
    assert numbers == ["19", "20", "21", "22", "23", "24", "25", "26"]
    assert source.recommendations.get(number="24").text.endswith(
        "The Panel would like to hear how the Children's Trust will seek to do this.")
    assert source.recommendations.get(number="19").status == "done"
    assert source.recommendations.get(number="25").status == "closed"
