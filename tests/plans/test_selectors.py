import datetime

import pytest

from trustboard.plans.models import ActionUpdate, KeyAction, Plan, Priority
from trustboard.plans.selectors import plan_progress
from trustboard.plans.services import action_update_approve, action_update_record

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


def test_an_action_past_due_and_not_completed_is_overdue_whatever_its_last_update(plan):
    due, completed = KeyAction.objects.filter(priority__number=1)[:2]
    due.due_on = completed.due_on = datetime.date(2013, 3, 31)
    due.save()
    completed.save()
    for action in KeyAction.objects.all():
        _update(action, datetime.date(2012, 9, 1), "on schedule")
    _update(completed, datetime.date(2013, 3, 1), "completed")
    before = plan_progress(plan=plan, as_at=datetime.date(2013, 3, 31))
    assert before.counts == {"on schedule": 20, "completed": 1}
    assert before.all_on_track
    after = plan_progress(plan=plan, as_at=datetime.date(2013, 4, 1))
    row = after.priorities[0].actions[0]
    assert (row.status, row.recorded_status, row.status_label) == (
        "overdue", "on schedule", "Overdue")
    assert after.counts == {"on schedule": 19, "completed": 1, "overdue": 1}
    assert after.status_counts[-1] == ("overdue", "Overdue", 1)
    assert not after.all_on_track


def test_the_public_reads_a_leads_commentary_only_once_approved(plan, django_user_model):
    officer = django_user_model.objects.create_user(username="officer", role="officer")
    action = KeyAction.objects.get(reference="1.1")
    update = action_update_record(action=action, as_at=datetime.date(2012, 9, 1),
                                  status="on schedule", commentary="Hub staffed", by=officer)

    def shown(public):
        row = plan_progress(plan=plan, as_at=datetime.date(2012, 9, 30),
                            public=public).priorities[0].actions[0]
        return row.commentary, row.commentary_awaiting_approval

    assert shown(public=True) == ("", False)
    assert shown(public=False) == ("Hub staffed", True)
    action_update_approve(update=update, by=officer)
    assert shown(public=True) == ("Hub staffed", False)
    assert shown(public=False) == ("Hub staffed", False)
    action_update_record(action=action, as_at=datetime.date(2012, 9, 1), status="on schedule",
                         commentary="Hub staffed and open", by=officer)
    assert shown(public=True) == ("", False)
