import datetime

import pytest

from trustboard.plans.models import Plan
from trustboard.reviews.recommendation_models import ActionStatus, RecommendationAction
from trustboard.thread.selectors import plan_thread

pytestmark = pytest.mark.django_db


def _past_due(as_at=datetime.date(2012, 9, 30)):
    thread = plan_thread(plan=Plan.objects.get(slug="cypf-2011-14"), as_at=as_at)
    return [gap for gap in thread.gaps if gap.rule == "recommendation-past-due"]


def test_a_recommendation_whose_action_is_past_due_is_a_gap_linking_to_it(demo):
    """Middlesbrough's scrutiny panel, paragraphs 19-26, in the demo's register."""
    gaps = _past_due()
    assert [gap.subjects[0].title.rsplit(" ", 1)[-1] for gap in gaps] == ["21", "22", "24",
                                                                           "26"]
    first = gaps[0].subjects[0]
    assert first.url.startswith("/recommendations/")
    assert first.url.endswith(f"#recommendation-{first.id}")
    assert gaps[0].priority_id is None  # made to the partnership, not to one priority


def test_completing_the_action_mends_the_gap(demo):
    gap = _past_due()[0]
    RecommendationAction.objects.filter(recommendation_id=gap.subjects[0].id).update(
        status=ActionStatus.COMPLETED)
    assert gap.subjects[0].id not in [one.subjects[0].id for one in _past_due()]
