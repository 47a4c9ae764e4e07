"""The demo's 2015 review gives what the published review reports (seed 000)."""

import pytest

from trustboard.reviews.models import Review
from trustboard.reviews.selectors import review_results

pytestmark = pytest.mark.django_db


def test_demo_review_gives_table_1_of_the_2015_review(demo):
    results = review_results(review=Review.objects.get(slug="board-review-2015"))
    assert [row.average_text for row in results.table_1] == ["5.9", "5.9", "5.9", "5.8"]
    assert results.questionnaires[0].respondents == 9
