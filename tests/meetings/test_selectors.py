from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    at,
)
from trustboard.governance.models import MembershipRole
from trustboard.meetings.models import (
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Decision,
    ExemptParagraph,
    MeetingStatus,
)
from trustboard.meetings.selectors import (
    attendance_rates,
    forward_plan_clashes,
    item_is_visible,
    meeting_quorum,
    open_actions,
    visible_items,
)

pytestmark = pytest.mark.django_db

PUBLIC = AnonymousUser()


@pytest.fixture
def executive_agenda():
    """The Children's Trust Executive with one open item and one exempt (paragraph 3)."""
    executive = BodyFactory(name="Children's Trust Executive")
    meeting = MeetingFactory(body=executive)
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes of the last meeting")
    AgendaItemFactory(meeting=meeting, number=2, is_exempt=True,
                      exempt_paragraph=ExemptParagraph.FINANCIAL,
                      title="Award of the young carers support contract")
    return meeting


def titles(items):
    return [item.title for item in items]


def exempt_item(meeting):
    return meeting.items.get(is_exempt=True)


def seat_for(user, body, **fields):
    return MembershipFactory(body=body, person=PersonFactory(user=user), **fields)


# Visibility of exempt items


def test_public_sees_the_agenda_without_the_exempt_item(executive_agenda,
                                                        django_assert_num_queries):
    with django_assert_num_queries(8):
        items = visible_items(PUBLIC, executive_agenda)
    assert titles(items) == ["Minutes of the last meeting"]
    assert not item_is_visible(PUBLIC, exempt_item(executive_agenda))


def test_member_of_another_body_does_not_see_the_exempt_item(executive_agenda, member):
    seat_for(member, BodyFactory(scenario=executive_agenda.body.scenario))
    assert titles(visible_items(member, executive_agenda)) == ["Minutes of the last meeting"]
    assert not item_is_visible(member, exempt_item(executive_agenda))


def test_member_of_the_body_sees_the_exempt_item(executive_agenda, member,
                                                 django_assert_num_queries):
    seat_for(member, executive_agenda.body)
    with django_assert_num_queries(8):
        items = visible_items(member, executive_agenda)
    assert titles(items) == ["Minutes of the last meeting",
                             "Award of the young carers support contract"]
    assert item_is_visible(member, exempt_item(executive_agenda))


def test_former_member_of_the_body_no_longer_sees_the_exempt_item(executive_agenda, member):
    seat_for(member, executive_agenda.body, start_date=date(2010, 1, 1),
             end_date=date(2012, 1, 1))
    assert len(visible_items(member, executive_agenda)) == 1
    assert not item_is_visible(member, exempt_item(executive_agenda))


def test_officer_sees_the_exempt_item_without_a_seat(executive_agenda, officer):
    assert len(visible_items(officer, executive_agenda)) == 2
    assert item_is_visible(officer, exempt_item(executive_agenda))


def test_decision_on_an_exempt_item_is_hidden_from_the_public(executive_agenda):
    DecisionFactory(item=exempt_item(executive_agenda), text="Contract awarded to provider A")
    DecisionFactory(item=executive_agenda.items.get(number=1), text="Minutes agreed")
    assert [d.text for d in Decision.objects.visible_to(PUBLIC)] == ["Minutes agreed"]


def test_open_item_is_visible_to_the_public():
    assert item_is_visible(PUBLIC, AgendaItemFactory())


# Quorum


@pytest.fixture
def board_of_three():
    board = BodyFactory(quorum=3)
    chair, vice, member = (
        MembershipFactory(body=board, role=role).person
        for role in (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.MEMBER)
    )
    return board, chair, vice, member


def test_substitute_counts_for_the_member_they_replace(board_of_three, django_assert_num_queries):
    board, chair, vice, member = board_of_three
    meeting = MeetingFactory(body=board)
    AttendanceFactory(meeting=meeting, person=chair)
    AttendanceFactory(meeting=meeting, person=vice)
    AttendanceFactory(meeting=meeting, person=member, status=AttendanceStatus.APOLOGIES)
    AttendanceFactory(meeting=meeting, substitute_for=member)
    with django_assert_num_queries(2):
        quorum = meeting_quorum(meeting)
    assert (quorum.present, quorum.required, quorum.has_quorum) == (3, 3, True)


def test_observers_and_guests_do_not_make_a_quorum(board_of_three):
    board, chair, vice, _member = board_of_three
    meeting = MeetingFactory(body=board)
    observer = MembershipFactory(body=board, role=MembershipRole.PARTICIPANT_OBSERVER).person
    for person in (chair, vice, observer):
        AttendanceFactory(meeting=meeting, person=person)
    AttendanceFactory(meeting=meeting)  # an invited guest with no seat
    quorum = meeting_quorum(meeting)
    assert (quorum.present, quorum.has_quorum) == (2, False)


def test_body_without_a_quorum_set_has_no_answer():
    meeting = MeetingFactory(body=BodyFactory(quorum=None))
    assert meeting_quorum(meeting).has_quorum is None


# Attendance rates


def test_cancelled_meetings_never_count_against_anyone(django_assert_num_queries):
    board = BodyFactory()
    seat = MembershipFactory(body=board)
    held = MeetingFactory(body=board, starts_at=at(2013, 1, 8), status=MeetingStatus.HELD)
    MeetingFactory(body=board, starts_at=at(2013, 4, 9), status=MeetingStatus.CANCELLED)
    AttendanceFactory(meeting=held, person=seat.person)
    with django_assert_num_queries(3):
        rates = attendance_rates(start=date(2013, 1, 1), end=date(2013, 12, 31))
    rate = rates.people[seat.person]
    assert (rate.expected, rate.present, rate.rate) == (1, 1, 1.0)


def test_a_member_with_no_record_counts_as_absent():
    board = BodyFactory()
    seat = MembershipFactory(body=board)
    MeetingFactory(body=board, starts_at=at(2013, 1, 8), status=MeetingStatus.HELD)
    rate = attendance_rates(start=date(2013, 1, 1), end=date(2013, 12, 31)).people[seat.person]
    assert (rate.expected, rate.absent, rate.rate) == (1, 1, 0.0)


def test_rates_add_up_per_organisation():
    police = OrganisationFactory(name="Nottinghamshire Police")
    board = BodyFactory()
    first, second = (MembershipFactory(body=board, person=PersonFactory(organisation=police))
                     for _ in range(2))
    meeting = MeetingFactory(body=board, starts_at=at(2013, 1, 8), status=MeetingStatus.HELD)
    AttendanceFactory(meeting=meeting, person=first.person)
    AttendanceFactory(meeting=meeting, person=second.person, status=AttendanceStatus.APOLOGIES)
    AttendanceFactory(meeting=meeting, substitute_for=second.person)
    rate = attendance_rates(start=date(2013, 1, 1), end=date(2013, 12, 31)).organisations[police]
    assert (rate.expected, rate.present, rate.apologies, rate.substituted) == (2, 1, 1, 1)
    assert rate.rate == 0.5


def test_meetings_before_someone_joined_are_not_expected_of_them():
    board = BodyFactory()
    seat = MembershipFactory(body=board, start_date=date(2013, 3, 1))
    MeetingFactory(body=board, starts_at=at(2013, 1, 8), status=MeetingStatus.HELD)
    MeetingFactory(body=board, starts_at=at(2013, 4, 9), status=MeetingStatus.HELD)
    rates = attendance_rates(start=date(2013, 1, 1), end=date(2013, 12, 31))
    assert rates.people[seat.person].expected == 1


# Actions carried forward


def test_action_is_carried_to_each_meeting_until_done(officer, django_assert_num_queries):
    board = BodyFactory()
    action = ActionFactory(item__meeting=MeetingFactory(body=board, starts_at=at(2013, 1, 8)))
    assert list(open_actions(body=board, as_of=date(2013, 4, 9), user=officer)) == [action]
    action.status, action.done_on = ActionStatus.DONE, date(2013, 5, 1)
    action.save()
    assert list(open_actions(body=board, as_of=date(2013, 4, 9), user=officer)) == [action]
    with django_assert_num_queries(1):
        assert list(open_actions(body=board, as_of=date(2013, 7, 9), user=officer)) == []


def test_open_actions_leave_out_those_of_later_meetings_and_other_bodies(officer):
    board = BodyFactory()
    ActionFactory(item__meeting=MeetingFactory(body=board, starts_at=at(2013, 6, 4)))
    ActionFactory(item__meeting=MeetingFactory(starts_at=at(2013, 1, 8)))
    assert not open_actions(body=board, as_of=date(2013, 4, 9), user=officer).exists()


def test_actions_on_an_exempt_item_are_hidden_from_the_public(executive_agenda):
    ActionFactory(item=exempt_item(executive_agenda), text="Negotiate with provider A")
    ActionFactory(item=executive_agenda.items.get(number=1), text="Publish the minutes")
    actions = open_actions(body=executive_agenda.body, as_of=date(2013, 12, 31), user=PUBLIC)
    assert [action.text for action in actions] == ["Publish the minutes"]


# Clashes


def test_bodies_sharing_a_member_meeting_the_same_day_clash(django_assert_num_queries):
    board, executive = BodyFactory(name="Board"), BodyFactory(name="Executive")
    director = PersonFactory(name="Director of Children's Services")
    for body in (board, executive):
        MembershipFactory(body=body, person=director)
    MeetingFactory(body=board, starts_at=at(2013, 1, 8, 10))
    MeetingFactory(body=executive, starts_at=at(2013, 1, 8, 14))
    MeetingFactory(body=executive, starts_at=at(2013, 1, 9, 14))
    with django_assert_num_queries(2):
        clashes = forward_plan_clashes(start=date(2013, 1, 1), end=date(2013, 1, 31))
    assert [(c.day, c.kind, c.people) for c in clashes] == [
        (date(2013, 1, 8), "shared members", (director,))]


def test_bodies_without_a_shared_member_do_not_clash():
    MeetingFactory(starts_at=at(2013, 1, 8, 10))
    MeetingFactory(starts_at=at(2013, 1, 8, 14))
    assert forward_plan_clashes(start=date(2013, 1, 1), end=date(2013, 1, 31)) == []


def test_a_meeting_on_a_bank_holiday_is_flagged():
    meeting = MeetingFactory(starts_at=at(2013, 4, 1))
    clashes = forward_plan_clashes(start=date(2013, 4, 1), end=date(2013, 4, 30))
    assert [(c.kind, c.meetings, c.holiday) for c in clashes] == [
        ("bank holiday", (meeting,), "Easter Monday")]


def test_a_cancelled_meeting_does_not_clash():
    MeetingFactory(starts_at=at(2013, 4, 1), status=MeetingStatus.CANCELLED)
    assert forward_plan_clashes(start=date(2013, 4, 1), end=date(2013, 4, 30)) == []


def test_visible_to_is_the_same_rule_for_a_queryset_and_one_item(executive_agenda, member):
    seat_for(member, BodyFactory())
    for item in AgendaItem.objects.all():
        shown = AgendaItem.objects.visible_to(member).filter(pk=item.pk).exists()
        assert shown == item_is_visible(member, item)
