import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.governance.factories import BodyFactory, MembershipFactory, PersonFactory
from tests.meetings.factories import AgendaItemFactory, DecisionFactory, MeetingFactory, at
from tests.performance.factories import IndicatorFactory
from trustboard.meetings.models import MeetingStatus
from trustboard.plans.models import ActionUpdate, KeyAction, Plan, Priority
from trustboard.thread.selectors import plan_thread
from trustboard.thread.synthetic import SyntheticSize, thread_synthetic_plan

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2012, 9, 30)


@pytest.fixture
def plan():
    return Plan.objects.create(title="CYPF Plan 2011-14", slug="cypf-2011-14",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))


@pytest.fixture
def priority(plan):
    return Priority.objects.create(plan=plan, number=1,
                                   title="Work together to keep children safe")


def _rules(thread, rule):
    return [gap for gap in thread.gaps if gap.rule == rule]


def _titles(thread, kind, number=1):
    row = next(row for row in thread.priorities if row.priority.number == number)
    return [link.title for link in row.cell(kind).links]


def test_the_matrix_has_a_column_for_each_kind_in_the_plans_order(priority):
    thread = plan_thread(plan=priority.plan, as_at=AS_AT)
    assert [kind.slug for kind in thread.kinds][:4] == [
        "key-actions", "indicators", "agenda-items", "decisions"]


def test_a_priority_with_no_indicator_is_a_gap_and_one_with_an_indicator_is_not(priority):
    assert _rules(plan_thread(plan=priority.plan, as_at=AS_AT), "priority-without-indicator")
    priority.indicators.add(IndicatorFactory(owner=PersonFactory()))
    assert not _rules(plan_thread(plan=priority.plan, as_at=AS_AT),
                      "priority-without-indicator")


def test_an_indicator_with_no_owner_is_a_gap_naming_it(priority):
    indicator = IndicatorFactory(name="Under-18 conceptions", owner=None)
    priority.indicators.add(indicator)
    [gap] = _rules(plan_thread(plan=priority.plan, as_at=AS_AT), "indicator-without-owner")
    assert [subject.title for subject in gap.subjects] == ["Under-18 conceptions"]
    assert gap.subjects[0].url == f"/indicators/{indicator.pk}/"
    indicator.owner = PersonFactory()
    indicator.save()
    assert not _rules(plan_thread(plan=priority.plan, as_at=AS_AT), "indicator-without-owner")


def test_a_priority_whose_indicators_have_no_value_in_their_frequency_is_a_gap(priority):
    priority.indicators.add(IndicatorFactory(owner=PersonFactory()))
    [gap] = _rules(plan_thread(plan=priority.plan, as_at=AS_AT),
                   "priority-without-current-value")
    assert "None of priority 1's 1 indicator has a value within its frequency" in gap.message


def test_a_key_action_past_due_and_not_completed_is_a_gap_for_its_lead(priority):
    lead = PersonFactory()
    action = KeyAction.objects.create(priority=priority, reference="1.1", title="Launch MASH",
                                      lead_officer=lead, due_on=datetime.date(2012, 6, 30))
    ActionUpdate.objects.create(action=action, as_at=datetime.date(2012, 9, 1),
                                status="on schedule")
    thread = plan_thread(plan=priority.plan, as_at=AS_AT)
    [gap] = _rules(thread, "key-action-overdue")
    assert gap.message == ("Key action 1.1 was due on 30 June 2012 and is not completed "
                           "(last update: on schedule).")
    assert thread.gaps_led_by(lead.pk) == [gap]
    assert thread.gaps_led_by(PersonFactory().pk) == []
    ActionUpdate.objects.create(action=action, as_at=datetime.date(2012, 9, 20),
                                status="completed")
    assert not _rules(plan_thread(plan=priority.plan, as_at=AS_AT), "key-action-overdue")


def test_a_key_action_with_no_update_for_three_months_is_a_gap_unless_completed(priority):
    action = KeyAction.objects.create(priority=priority, reference="1.1", title="Launch MASH")
    update = ActionUpdate.objects.create(action=action, as_at=datetime.date(2012, 6, 29),
                                         status="on schedule")
    [gap] = _rules(plan_thread(plan=priority.plan, as_at=AS_AT), "key-action-no-update")
    assert gap.message.startswith("Key action 1.1 was last updated on 29 June 2012")
    update.as_at = datetime.date(2012, 6, 30)
    update.save()
    assert not _rules(plan_thread(plan=priority.plan, as_at=AS_AT), "key-action-no-update")
    update.as_at, update.status = datetime.date(2011, 6, 30), "completed"
    update.save()
    assert not _rules(plan_thread(plan=priority.plan, as_at=AS_AT), "key-action-no-update")


def test_only_meetings_of_the_twelve_months_before_count_as_discussing_a_priority(priority):
    old = AgendaItemFactory(meeting=MeetingFactory(starts_at=at(2011, 9, 29)), title="Old")
    old.priorities.add(priority)
    thread = plan_thread(plan=priority.plan, as_at=AS_AT)
    assert _titles(thread, "agenda-items") == []
    [gap] = _rules(thread, "priority-not-discussed")
    assert gap.message.startswith("No meeting discussed priority 1 in the twelve months from "
                                  "30 September 2011 to 30 September 2012")
    recent = AgendaItemFactory(meeting=MeetingFactory(starts_at=at(2011, 9, 30)),
                               title="MASH update")
    recent.priorities.add(priority)
    DecisionFactory(item=recent, text="The MASH goes live in October.")
    thread = plan_thread(plan=priority.plan, as_at=AS_AT)
    assert _titles(thread, "agenda-items") == ["MASH update"]
    assert _titles(thread, "decisions") == ["The MASH goes live in October."]
    assert not _rules(thread, "priority-not-discussed")


def test_an_item_on_one_of_its_key_actions_discusses_the_priority(priority):
    action = KeyAction.objects.create(priority=priority, reference="1.1", title="Launch MASH")
    item = AgendaItemFactory(meeting=MeetingFactory(starts_at=at(2012, 7, 12)))
    item.key_actions.add(action)
    thread = plan_thread(plan=priority.plan, as_at=AS_AT)
    assert _titles(thread, "agenda-items") == [item.title]
    assert not _rules(thread, "priority-not-discussed")


def test_a_cancelled_meeting_and_one_after_the_date_do_not_count(priority):
    for meeting in (MeetingFactory(starts_at=at(2012, 7, 12), status=MeetingStatus.CANCELLED),
                    MeetingFactory(starts_at=at(2012, 10, 1))):
        AgendaItemFactory(meeting=meeting).priorities.add(priority)
    assert _rules(plan_thread(plan=priority.plan, as_at=AS_AT), "priority-not-discussed")


def test_an_exempt_item_counts_only_for_those_who_may_see_it(priority, officer, member,
                                                              django_user_model):
    """Schedule 12A: an exempt item is for the body's members and officers alone."""
    body = BodyFactory()
    exempt = AgendaItemFactory(meeting=MeetingFactory(body=body, starts_at=at(2012, 7, 12)),
                               title="Award of the young carers support contract",
                               is_exempt=True, exempt_paragraph=3)
    exempt.priorities.add(priority)
    MembershipFactory(body=body, person=PersonFactory(user=member))
    outsider = django_user_model.objects.create_user(username="outsider", role="member")
    for user, sees in ((officer, True), (member, True), (outsider, False)):
        thread = plan_thread(plan=priority.plan, as_at=AS_AT, user=user)
        assert _titles(thread, "agenda-items") == (
            ["Award of the young carers support contract"] if sees else [])
        assert bool(_rules(thread, "priority-not-discussed")) is not sees
    public = plan_thread(plan=priority.plan, as_at=AS_AT, public=True)
    assert _titles(public, "agenda-items") == []


def test_the_json_has_the_agreed_keys(priority):
    KeyAction.objects.create(priority=priority, reference="1.1", title="Launch MASH")
    data = plan_thread(plan=priority.plan, as_at=AS_AT).as_dict()
    assert set(data) == {"plan", "as_at", "priorities", "gaps"}
    assert data["priorities"][0]["links"]["key-actions"] == [
        {"id": KeyAction.objects.get().pk, "title": "1.1 Launch MASH"}]
    assert set(data["gaps"][0]) == {"rule", "severity", "message", "citation", "subjects"}
    assert [gap["severity"] for gap in data["gaps"]] == sorted(
        (gap["severity"] for gap in data["gaps"]), key=["high", "medium", "low"].index)


def _queries(plan, user) -> int:
    with CaptureQueriesContext(connection) as queries:
        thread = plan_thread(plan=plan, as_at=AS_AT, user=user)
        assert thread.priorities and thread.gaps
    return len(queries)


def test_the_thread_is_read_in_a_fixed_number_of_queries_whatever_the_plans_size(
        officer, django_assert_num_queries):
    small = thread_synthetic_plan(size=SyntheticSize(
        priorities=2, actions=10, indicators=20, items=50, services=10, engagements=20,
        risks=10), slug="small")
    large = thread_synthetic_plan(size=SyntheticSize(), slug="large")
    expected = _queries(small, officer)
    with django_assert_num_queries(expected):
        thread = plan_thread(plan=large, as_at=AS_AT, user=officer)
    assert len(thread.priorities) == 10
    assert sum(row.cell("key-actions").count for row in thread.priorities) == 100
    assert sum(row.cell("agenda-items").count for row in thread.priorities) == 500
    assert sum(row.cell("services").count for row in thread.priorities) == 100
    assert sum(row.cell("you-said-we-did").count for row in thread.priorities) == 200
    assert sum(row.cell("risks").count for row in thread.priorities) == 100
