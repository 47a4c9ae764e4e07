import datetime

import pytest

from tests.governance.factories import PersonFactory
from tests.plans.conftest import NOTTINGHAMSHIRE, put
from trustboard.core.errors import RuleError
from trustboard.performance.models import Indicator, PublicationApproval
from trustboard.performance.services import indicator_approve
from trustboard.plans.models import ActionUpdate, KeyAction, Plan, Priority
from trustboard.plans.services import (
    action_update_approve,
    action_update_record,
    key_action_save,
    plan_refresh_record,
    plan_save,
    priority_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(officer):
    """Nottinghamshire's CYPF Plan 2011-14, approved by the County Council in September 2011."""
    return plan_save(plan=Plan(title="Children, Young People and Families Plan 2011-14",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31),
                               approved_by="Nottinghamshire County Council",
                               approved_on=datetime.date(2011, 9, 22)), by=officer)


@pytest.fixture
def action(plan, officer):
    priority = priority_save(priority=Priority(plan=plan, number=1,
                                               title="Keep children safe"), by=officer)
    return key_action_save(action=KeyAction(
        priority=priority, reference="1.1", title="Establish the Multi-agency Safeguarding Hub",
        lead_officer=PersonFactory(), due_on=datetime.date(2013, 3, 31)), by=officer)


def test_a_plan_gets_its_address_from_its_title(plan):
    assert plan.slug == "children-young-people-and-families-plan-2011-14"


def test_a_refresh_must_be_approved_within_the_plan(plan, officer):
    """2013 report, paragraph 3: the 2012-13 Annual Refresh was approved in September 2012."""
    refresh = plan_refresh_record(plan=plan, title="2012-13 Annual Refresh",
                                  approved_on=datetime.date(2012, 9, 10), by=officer,
                                  approved_by="Children and Young People's Committee")
    assert list(plan.refreshes.all()) == [refresh]
    with pytest.raises(RuleError) as refused:
        plan_refresh_record(plan=plan, title="Too late", approved_on=datetime.date(2015, 1, 1),
                            by=officer)
    assert refused.value.field == "approved_on"
    assert plan.refreshes.count() == 1


def test_a_key_action_due_outside_the_plan_is_refused(plan, action, officer):
    late = KeyAction(priority=action.priority, reference="1.2", title="Later",
                     due_on=datetime.date(2016, 1, 1))
    with pytest.raises(RuleError, match="outside"):
        key_action_save(action=late, by=officer)
    assert KeyAction.objects.count() == 1


def test_an_officer_records_progress_with_commentary(action, officer):
    update = action_update_record(action=action, as_at=datetime.date(2012, 9, 30),
                                  status="on schedule", commentary=" MASH live in 2013 ",
                                  by=officer)
    assert (update.status, update.commentary, update.recorded_by) == (
        "on schedule", "MASH live in 2013", officer)
    assert update.history.first().history_user == officer


def test_a_second_update_on_the_same_day_corrects_the_first(action, officer):
    day = datetime.date(2012, 9, 30)
    action_update_record(action=action, as_at=day, status="at risk", commentary="", by=officer)
    action_update_record(action=action, as_at=day, status="on schedule", commentary="",
                         by=officer)
    assert list(ActionUpdate.objects.values_list("status", flat=True)) == ["on schedule"]


def test_the_lead_member_updates_their_own_action(action, member):
    action.lead_officer.user = member
    action.lead_officer.save()
    member.refresh_from_db()
    update = action_update_record(action=action, as_at=datetime.date(2012, 9, 30),
                                  status="completed", commentary="Done", by=member)
    assert update.recorded_by == member


def test_another_member_cannot_update_the_action(action, member):
    with pytest.raises(RuleError, match="lead officer"):
        action_update_record(action=action, as_at=datetime.date(2012, 9, 30),
                             status="completed", commentary="", by=member)
    assert not ActionUpdate.objects.exists()


def test_an_update_cannot_be_dated_in_the_future(action, officer):
    with pytest.raises(RuleError, match="future"):
        action_update_record(action=action, as_at=datetime.date.today()
                             + datetime.timedelta(days=1), status="completed", commentary="",
                             by=officer)


def test_an_indicator_without_an_owner_or_a_definition_cannot_be_approved(officer, areas):
    indicator = Indicator.objects.create(name="Injuries", approval_required=True)
    put(indicator, NOTTINGHAMSHIRE, "2011/12", 120.0)
    with pytest.raises(RuleError, match="Injuries needs an owner and a definition"):
        indicator_approve(indicator=indicator, by=officer)
    indicator.owner = PersonFactory()
    indicator.save()
    with pytest.raises(RuleError, match="Injuries needs a definition"):
        indicator_approve(indicator=indicator, by=officer)
    assert not PublicationApproval.objects.exists()
    indicator.definition = "Hospital admissions for injuries, children aged 0 to 14."
    indicator.save()
    assert indicator_approve(indicator=indicator, by=officer).up_to_period == "2011/12"


def test_changing_the_words_takes_the_commentary_back_for_approval(action, officer):
    update = action_update_record(action=action, as_at=datetime.date(2012, 9, 30),
                                  status="on schedule", commentary="Hub staffed", by=officer)
    action_update_approve(update=update, by=officer)
    same = action_update_record(action=action, as_at=datetime.date(2012, 9, 30),
                                status="at risk", commentary="Hub staffed", by=officer)
    assert same.commentary_is_public  # a new status alone keeps the approved words public
    changed = action_update_record(action=action, as_at=datetime.date(2012, 9, 30),
                                   status="at risk", commentary="Hub short-staffed", by=officer)
    assert not changed.commentary_is_public and changed.commentary_awaiting_approval


def test_only_an_officer_approves_commentary(action, member, officer):
    update = action_update_record(action=action, as_at=datetime.date(2012, 9, 30),
                                  status="on schedule", commentary="Hub staffed", by=officer)
    with pytest.raises(RuleError, match="Only a partnership officer"):
        action_update_approve(update=update, by=member)
