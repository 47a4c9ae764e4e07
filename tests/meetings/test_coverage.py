"""Agenda coverage of the plan, and the key decision makers absent from held meetings."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory, at
from trustboard.meetings.models import AttendanceStatus, ExemptParagraph, MeetingStatus
from trustboard.meetings.selectors import (
    agenda_coverage,
    financial_year,
    key_decision_makers_absent,
)
from trustboard.plans.models import KeyAction, Plan, Priority

pytestmark = pytest.mark.django_db
PUBLIC = AnonymousUser()


@pytest.fixture
def plan():
    plan = Plan.objects.create(title="Children, Young People and Families Plan 2011-14",
                               slug="cypf-2011-14", starts_on=date(2011, 4, 1),
                               ends_on=date(2014, 3, 31))
    safe = Priority.objects.create(plan=plan, number=1, title="Work together to keep children "
                                   "and young people safe")
    early = Priority.objects.create(plan=plan, number=2, title="Provide children, young people "
                                    "and families with early help")
    Priority.objects.create(plan=plan, number=3, title="Improve the health of children and "
                            "young people")
    KeyAction.objects.create(priority=safe, reference="1.1", title="Establish the MASH")
    KeyAction.objects.create(priority=safe, reference="1.2", title="Transform social care")
    KeyAction.objects.create(priority=early, reference="2.1", title="Launch Pathway to "
                             "Provision")
    return plan


def _item(body, day, plan, *, priorities=(), actions=(), **extra):
    meeting = MeetingFactory(body=body, starts_at=at(*day), ends_at=at(*day, 12),
                             status=extra.pop("status", MeetingStatus.HELD))
    item = AgendaItemFactory(meeting=meeting, **extra)
    item.priorities.set(Priority.objects.filter(plan=plan, number__in=priorities))
    item.key_actions.set(KeyAction.objects.filter(priority__plan=plan, reference__in=actions))
    return item


def test_coverage_shows_what_each_body_covered_and_what_none_did(plan):
    executive, hwb = BodyFactory(name="Children's Trust Executive"), BodyFactory(
        name="Health and Wellbeing Board")
    _item(executive, (2012, 5, 17), plan, actions=["1.1"])
    _item(executive, (2012, 7, 12), plan, priorities=[1])
    _item(hwb, (2012, 6, 6), plan, priorities=[2])
    start, end = financial_year(2012)
    coverage = agenda_coverage(plan=plan, user=PUBLIC, start=start, end=end)
    rows = {entry.body.name: entry for entry in coverage.bodies}
    assert rows["Children's Trust Executive"].meetings == 2
    assert [p.number for p in rows["Children's Trust Executive"].priorities] == [1]
    assert [a.reference for a in rows["Children's Trust Executive"].key_actions] == ["1.1"]
    assert [p.number for p in rows["Health and Wellbeing Board"].priorities] == [2]
    assert [p.number for p in coverage.priorities_uncovered] == [3]
    assert [a.reference for a in coverage.key_actions_uncovered] == ["1.2", "2.1"]


def test_coverage_leaves_out_cancelled_meetings_and_other_years(plan):
    body = BodyFactory()
    _item(body, (2012, 5, 17), plan, priorities=[1], status=MeetingStatus.CANCELLED)
    _item(body, (2013, 5, 16), plan, priorities=[2])
    coverage = agenda_coverage(plan=plan, user=PUBLIC, start=date(2012, 4, 1),
                               end=date(2013, 3, 31))
    assert coverage.bodies == []
    assert len(coverage.priorities_uncovered) == 3


def test_coverage_counts_an_exempt_item_only_for_those_who_see_it(plan, officer):
    _item(BodyFactory(), (2012, 7, 12), plan, priorities=[3], is_exempt=True,
          exempt_paragraph=ExemptParagraph.FINANCIAL)
    start, end = date(2012, 4, 1), date(2013, 3, 31)
    assert len(agenda_coverage(plan=plan, user=PUBLIC, start=start,
                               end=end).priorities_uncovered) == 3
    assert len(agenda_coverage(plan=plan, user=officer, start=start,
                               end=end).priorities_uncovered) == 2


def test_coverage_queries_do_not_grow_with_the_meetings(plan, django_assert_max_num_queries):
    bodies = [BodyFactory() for _ in range(3)]
    for index in range(12):
        _item(bodies[index % 3], (2012, 4 + index % 9, 1 + index), plan,
              priorities=[1 + index % 3], actions=["1.1", "2.1"][: index % 3])
    with django_assert_max_num_queries(5):
        coverage = agenda_coverage(plan=plan, user=PUBLIC, start=date(2012, 4, 1),
                                   end=date(2013, 3, 31))
        assert len(coverage.bodies) == 3


def test_financial_year_runs_april_to_march():
    assert financial_year(2012) == (date(2012, 4, 1), date(2013, 3, 31))


def test_chair_giving_apologies_is_a_key_decision_maker_absent(django_assert_max_num_queries):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    chair = MembershipFactory(body=meeting.body, role="chair", person__seniority_tier=3)
    junior = MembershipFactory(body=meeting.body, role="member", person__seniority_tier=4)
    AttendanceFactory(meeting=meeting, person=chair.person, status=AttendanceStatus.APOLOGIES)
    AttendanceFactory(meeting=meeting, person=junior.person, status=AttendanceStatus.APOLOGIES)
    with django_assert_max_num_queries(3):
        absent = key_decision_makers_absent(start=date(2013, 1, 1), end=date(2013, 12, 31))
    assert [(entry.meeting, [a.membership.person for a in entry.absences])
            for entry in absent] == [(meeting, [chair.person])]
    assert absent[0].absences[0].status == AttendanceStatus.APOLOGIES


def test_senior_member_with_no_record_is_absent_but_cancelled_meetings_never_count():
    held = MeetingFactory(status=MeetingStatus.HELD)
    MeetingFactory(body=held.body, status=MeetingStatus.CANCELLED)
    director = MembershipFactory(body=held.body, role="member", person__seniority_tier=2)
    absent = key_decision_makers_absent(start=date(2013, 1, 1), end=date(2013, 12, 31))
    assert [(entry.meeting, entry.absences[0].membership) for entry in absent] == [
        (held, director)]
    assert absent[0].absences[0].status == AttendanceStatus.ABSENT
