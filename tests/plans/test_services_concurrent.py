"""Leads recording progress on the same action at once, each on a connection of their own."""

import datetime

import pytest

from tests.governance.factories import PersonFactory
from tests.threads import at_once, database_for_threads  # noqa: F401 - a fixture
from trustboard.plans.models import ActionUpdate, KeyAction, Plan, Priority
from trustboard.plans.services import (
    action_update_record,
    key_action_save,
    plan_save,
    priority_save,
)


@pytest.fixture
def action(database_for_threads, officer):  # noqa: F811 - the fixture imported
    plan = plan_save(plan=Plan(title="Children, Young People and Families Plan 2011-14",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31)), by=officer)
    priority = priority_save(priority=Priority(plan=plan, number=1, title="Keep children safe"),
                             by=officer)
    return key_action_save(action=KeyAction(
        priority=priority, reference="1.1", title="Establish the Multi-agency Safeguarding Hub",
        lead_officer=PersonFactory(), due_on=datetime.date(2013, 3, 31)), by=officer)


def test_updates_saved_at_once_on_the_same_day_keep_one_row_and_every_wording(action, officer):
    day = datetime.date(2012, 9, 30)

    failures = at_once(lambda number: action_update_record(
        action=action, as_at=day, status="on schedule", commentary=f"From lead {number}",
        by=officer), threads=6, each=2)

    assert failures == []
    assert ActionUpdate.objects.filter(action=action, as_at=day).count() == 1
    assert ActionUpdate.history.filter(action_id=action.pk).count() == 12
