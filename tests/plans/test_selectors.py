import datetime

import pytest

from trustboard.plans.models import ActionUpdate, KeyAction, Plan, Priority
from trustboard.plans.selectors import plan_progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = Plan.objects.create(title="CYPF Plan 2011-14", slug="cypf-2011-14",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))
    for number in range(1, 8):
        priority = Priority.objects.create(plan=plan, number=number, title=f"Priority {number}")
        for index in range(3):
            KeyAction.objects.create(priority=priority, reference=f"{number}.{index + 1}",
                                     title="Action")
    return plan


def _update(action, day, status):
    ActionUpdate.objects.create(action=action, as_at=day, status=status)


def test_progress_takes_the_latest_update_on_or_before_the_date(plan):
    action = KeyAction.objects.first()
    _update(action, datetime.date(2012, 3, 31), "at risk")
    _update(action, datetime.date(2012, 9, 30), "on schedule")
    _update(action, datetime.date(2013, 3, 31), "completed")
    progress = plan_progress(plan=plan, as_at=datetime.date(2012, 9, 30))
    assert progress.priorities[0].actions[0].status == "on schedule"


def test_an_action_with_no_update_counts_as_not_started(plan):
    progress = plan_progress(plan=plan, as_at=datetime.date(2012, 9, 30))
    assert progress.counts == {"not started": 21}
    assert not progress.all_on_track


def test_all_on_track_when_every_action_is_completed_or_on_schedule(plan):
    """2013 report, paragraph 18: "all activities are either on schedule or completed"."""
    for index, action in enumerate(KeyAction.objects.all()):
        _update(action, datetime.date(2012, 9, 1), "completed" if index % 2 else "on schedule")
    assert plan_progress(plan=plan, as_at=datetime.date(2012, 9, 30)).all_on_track


def test_progress_reads_in_three_queries_whatever_the_plan_size(plan,
                                                                django_assert_num_queries):
    for action in KeyAction.objects.all():
        _update(action, datetime.date(2012, 9, 1), "on schedule")
    with django_assert_num_queries(3):
        progress = plan_progress(plan=plan, as_at=datetime.date(2012, 9, 30))
        assert len(progress.priorities) == 7
