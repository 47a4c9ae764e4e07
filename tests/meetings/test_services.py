from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    ScenarioFactory,
)
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    at,
)
from trustboard.core.errors import RuleError
from trustboard.meetings.bank_holidays import is_working_day
from trustboard.meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
)
from trustboard.meetings.services import (
    action_complete,
    action_save,
    agenda_item_save,
    attendance_save,
    decision_save,
    forward_plan_generate,
    meeting_cancel,
    meeting_date,
    meeting_save,
)

pytestmark = pytest.mark.django_db


def planned_days(meetings):
    return [meeting_date(meeting) for meeting in meetings]


# Meetings


def test_meeting_without_an_end_lasts_the_bodys_usual_length(officer):
    body = BodyFactory(meeting_hours=Decimal("1.5"))
    meeting = meeting_save(meeting=Meeting(body=body, starts_at=at(2013, 1, 8, 14)), by=officer)
    assert Meeting.objects.get().ends_at == at(2013, 1, 8, 15, 30)
    assert meeting.history.get().history_user == officer


def test_overlapping_meeting_of_the_same_body_is_refused_naming_the_other(officer):
    first = MeetingFactory(starts_at=at(2013, 1, 8, 10), ends_at=at(2013, 1, 8, 12))
    clash = "already meets on 8 January 2013 from 10:00 to 12:00"
    with pytest.raises(RuleError, match=clash) as error:
        meeting_save(meeting=Meeting(body=first.body, starts_at=at(2013, 1, 8, 11)), by=officer)
    assert error.value.field == "starts_at"
    assert list(Meeting.objects.all()) == [first]


def test_meeting_starting_as_another_ends_is_allowed(officer):
    first = MeetingFactory(starts_at=at(2013, 1, 8, 10), ends_at=at(2013, 1, 8, 12))
    meeting_save(meeting=Meeting(body=first.body, starts_at=at(2013, 1, 8, 12)), by=officer)
    assert Meeting.objects.count() == 2


def test_another_body_may_meet_at_the_same_time(officer):
    first = MeetingFactory(starts_at=at(2013, 1, 8, 10))
    meeting_save(meeting=Meeting(body=BodyFactory(scenario=first.body.scenario),
                                 starts_at=at(2013, 1, 8, 10)), by=officer)
    assert Meeting.objects.count() == 2


def test_a_cancelled_meeting_frees_its_time(officer):
    first = MeetingFactory(starts_at=at(2013, 1, 8, 10))
    meeting_cancel(meeting=first, by=officer)
    meeting_save(meeting=Meeting(body=first.body, starts_at=at(2013, 1, 8, 10)), by=officer)
    assert Meeting.objects.filter(status=MeetingStatus.SCHEDULED).count() == 1


def test_meeting_ending_before_it_starts_is_refused(officer):
    body = BodyFactory()
    with pytest.raises(RuleError) as error:
        meeting_save(meeting=Meeting(body=body, starts_at=at(2013, 1, 8, 10),
                                     ends_at=at(2013, 1, 8, 9)), by=officer)
    assert error.value.field == "ends_at"
    assert not Meeting.objects.exists()


def test_a_held_meeting_cannot_be_cancelled(officer):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    with pytest.raises(RuleError):
        meeting_cancel(meeting=meeting, by=officer)
    assert Meeting.objects.get().status == MeetingStatus.HELD


# Forward plan


def test_board_meeting_three_times_a_year_meets_every_four_months_on_working_days(officer):
    board = BodyFactory(meetings_per_year=3)
    meetings = forward_plan_generate(body=board, start=date(2012, 4, 1), end=date(2013, 3, 31),
                                     by=officer)
    # 1 April 2012 is a Sunday and 1 December 2012 a Saturday.
    assert planned_days(meetings) == [date(2012, 4, 2), date(2012, 8, 1), date(2012, 12, 3)]


def test_plan_moves_a_meeting_off_easter_monday_2013(officer):
    board = BodyFactory(meetings_per_year=3)
    meetings = forward_plan_generate(body=board, start=date(2012, 12, 1), end=date(2013, 11, 30),
                                     by=officer)
    assert planned_days(meetings) == [date(2012, 12, 3), date(2013, 4, 2), date(2013, 8, 1)]


def test_plan_moves_a_meeting_off_christmas_and_boxing_day_2012(officer):
    group = BodyFactory(meetings_per_year=12)
    meetings = forward_plan_generate(body=group, start=date(2012, 1, 25), end=date(2012, 12, 31),
                                     by=officer)
    days = planned_days(meetings)
    assert len(days) == 12
    assert days[-1] == date(2012, 12, 27)
    assert all(is_working_day(day) for day in days)


def test_executive_meeting_five_times_a_year_meets_about_every_ten_weeks(officer):
    executive = BodyFactory(meetings_per_year=5)
    meetings = forward_plan_generate(body=executive, start=date(2012, 4, 1),
                                     end=date(2013, 3, 31), by=officer, weekday=1)
    days = planned_days(meetings)
    assert len(days) == 5
    assert all(day.weekday() == 1 for day in days)
    assert all(63 <= (later - earlier).days <= 77 for earlier, later in pairwise(days))


def test_quarterly_plan_makes_four_meetings_at_the_hour_asked(officer):
    group = BodyFactory(meetings_per_year=4, meeting_hours=Decimal("2"))
    meetings = forward_plan_generate(body=group, start=date(2013, 1, 7), end=date(2013, 12, 31),
                                     by=officer, hour=14)
    assert planned_days(meetings) == [date(2013, 1, 7), date(2013, 4, 8), date(2013, 7, 8),
                                      date(2013, 10, 7)]
    assert all(m.ends_at - m.starts_at == timedelta(hours=2) for m in meetings)
    assert {m.starts_at.astimezone(at(2013, 1, 1).tzinfo).hour for m in meetings} == {14}


def test_running_the_plan_again_adds_nothing(officer):
    board = BodyFactory(meetings_per_year=3)
    forward_plan_generate(body=board, start=date(2012, 4, 1), end=date(2013, 3, 31), by=officer)
    again = forward_plan_generate(body=board, start=date(2012, 4, 1), end=date(2013, 3, 31),
                                  by=officer)
    assert again == []
    assert Meeting.objects.count() == 3


def test_plan_leaves_alone_a_slot_where_the_body_already_meets(officer):
    board = BodyFactory(meetings_per_year=3)
    MeetingFactory(body=board, starts_at=at(2012, 8, 14))
    meetings = forward_plan_generate(body=board, start=date(2012, 4, 1), end=date(2013, 3, 31),
                                     by=officer)
    assert planned_days(meetings) == [date(2012, 4, 2), date(2012, 12, 3)]


def test_plan_ending_before_it_starts_is_refused(officer):
    board = BodyFactory(meetings_per_year=3)
    with pytest.raises(RuleError) as error:
        forward_plan_generate(body=board, start=date(2013, 4, 1), end=date(2013, 3, 31),
                              by=officer)
    assert error.value.field == "end"
    assert not Meeting.objects.exists()


# Agenda


def test_exempt_item_without_its_paragraph_is_refused(officer):
    meeting = MeetingFactory()
    with pytest.raises(RuleError) as error:
        agenda_item_save(item=AgendaItem(meeting=meeting, title="Award of the young carers "
                                         "support contract", is_exempt=True), by=officer)
    assert error.value.field == "exempt_paragraph"
    assert not AgendaItem.objects.exists()


def test_exempt_paragraph_outside_schedule_12a_is_refused(officer):
    meeting = MeetingFactory()
    with pytest.raises(RuleError):
        agenda_item_save(item=AgendaItem(meeting=meeting, title="Contract", is_exempt=True,
                                         exempt_paragraph=8), by=officer)
    assert not AgendaItem.objects.exists()


def test_open_item_drops_a_paragraph(officer):
    item = agenda_item_save(item=AgendaItem(meeting=MeetingFactory(), title="Minutes",
                                            exempt_paragraph=3), by=officer)
    assert AgendaItem.objects.get(pk=item.pk).exempt_paragraph is None


def test_new_item_is_numbered_after_the_last(officer):
    item = AgendaItemFactory(number=4)
    added = agenda_item_save(item=AgendaItem(meeting=item.meeting, title="Any other business"),
                             by=officer)
    assert added.number == 5


def test_item_number_used_twice_in_a_meeting_is_refused(officer):
    item = AgendaItemFactory(number=1)
    with pytest.raises(RuleError, match="already has an item with that number"):
        agenda_item_save(item=AgendaItem(meeting=item.meeting, number=1, title="Apologies"),
                         by=officer)
    assert AgendaItem.objects.count() == 1


# Attendance


def test_substitute_for_someone_not_on_the_body_is_refused(officer):
    meeting = MeetingFactory()
    outsider = PersonFactory()
    with pytest.raises(RuleError, match="is not a member") as error:
        attendance_save(attendance=Attendance(meeting=meeting, person=PersonFactory(),
                                              substitute_for=outsider), by=officer)
    assert error.value.field == "substitute_for"
    assert not Attendance.objects.exists()


def test_substitute_for_someone_whose_seat_has_ended_is_refused(officer):
    meeting = MeetingFactory(starts_at=at(2013, 1, 8))
    former = MembershipFactory(body=meeting.body, end_date=date(2012, 12, 31)).person
    with pytest.raises(RuleError, match="is not a member"):
        attendance_save(attendance=Attendance(meeting=meeting, person=PersonFactory(),
                                              substitute_for=former), by=officer)
    assert not Attendance.objects.exists()


def test_member_cannot_also_attend_as_a_substitute(officer):
    meeting = MeetingFactory()
    member, other = (MembershipFactory(body=meeting.body).person for _ in range(2))
    with pytest.raises(RuleError, match="in their own right"):
        attendance_save(attendance=Attendance(meeting=meeting, person=member,
                                              substitute_for=other), by=officer)
    assert not Attendance.objects.exists()


def test_substitute_for_a_member_is_recorded(officer):
    meeting = MeetingFactory()
    member = MembershipFactory(body=meeting.body).person
    attendance_save(attendance=Attendance(meeting=meeting, person=PersonFactory(),
                                          substitute_for=member), by=officer)
    assert Attendance.objects.get().substitute_for == member


def test_attendance_at_a_cancelled_meeting_is_refused(officer):
    meeting = MeetingFactory(status=MeetingStatus.CANCELLED)
    with pytest.raises(RuleError, match="cancelled"):
        attendance_save(attendance=Attendance(meeting=meeting, person=PersonFactory()),
                        by=officer)
    assert not Attendance.objects.exists()


# Decisions and actions


def test_tasking_a_group_without_a_deadline_is_refused(officer):
    item = AgendaItemFactory()
    group = BodyFactory(scenario=item.meeting.body.scenario)
    with pytest.raises(RuleError) as error:
        decision_save(decision=Decision(item=item, kind=DecisionKind.TASK_GROUP,
                                        text="Draft the strategy", target_body=group),
                      by=officer)
    assert error.value.field == "deadline"
    assert not Decision.objects.exists()


def test_recommendation_to_a_body_of_another_arrangement_is_refused(officer):
    item = AgendaItemFactory()
    elsewhere = BodyFactory(scenario=ScenarioFactory())
    with pytest.raises(RuleError, match="not part of the same arrangement"):
        decision_save(decision=Decision(item=item, kind=DecisionKind.RECOMMEND,
                                        text="Adopt", target_body=elsewhere), by=officer)
    assert not Decision.objects.exists()


def test_tasking_a_group_records_the_body_and_deadline(officer):
    item = AgendaItemFactory(meeting=MeetingFactory(starts_at=at(2013, 1, 8)))
    group = BodyFactory(scenario=item.meeting.body.scenario)
    decision_save(decision=Decision(item=item, kind=DecisionKind.TASK_GROUP, text="Report back",
                                    target_body=group, deadline=date(2013, 3, 1)), by=officer)
    stored = Decision.objects.get()
    assert (stored.target_body, stored.deadline) == (group, date(2013, 3, 1))


def test_approving_a_strategy_drops_a_target_body(officer):
    item = AgendaItemFactory()
    decision_save(decision=Decision(item=item, kind=DecisionKind.APPROVE_STRATEGY,
                                    text="Youth Homelessness Strategy approved",
                                    target_body=BodyFactory()), by=officer)
    assert Decision.objects.get().target_body is None


def test_action_from_a_decision_takes_its_item(officer):
    decision = DecisionFactory()
    action = action_save(action=Action(decision=decision, text="Circulate the strategy",
                                       owner=PersonFactory()), by=officer)
    assert Action.objects.get(pk=action.pk).item == decision.item


def test_action_from_a_decision_on_another_item_is_refused(officer):
    decision = DecisionFactory()
    with pytest.raises(RuleError) as error:
        action_save(action=Action(decision=decision, item=AgendaItemFactory(), text="Circulate",
                                  owner=PersonFactory()), by=officer)
    assert error.value.field == "decision"
    assert not Action.objects.exists()


def test_completing_an_action_records_the_day(officer):
    action = ActionFactory(item__meeting__starts_at=at(2013, 1, 8))
    action_complete(action=action, on=date(2013, 2, 1), by=officer)
    stored = Action.objects.get()
    assert (stored.status, stored.done_on) == (ActionStatus.DONE, date(2013, 2, 1))


def test_action_cannot_be_done_before_the_meeting_that_raised_it(officer):
    action = ActionFactory(item__meeting__starts_at=at(2013, 1, 8))
    with pytest.raises(RuleError) as error:
        action_complete(action=action, on=date(2013, 1, 1), by=officer)
    assert error.value.field == "done_on"
    assert Action.objects.get().status == ActionStatus.OPEN



def test_merging_bodies_carries_their_meetings_to_the_merged_body(officer):
    from tests.governance.factories import BodyFactory
    from trustboard.governance.services import body_merge
    from trustboard.meetings.models import Meeting

    board = BodyFactory(name="Children's Trust Board")
    executive = BodyFactory(scenario=board.scenario, name="Children's Trust Executive")
    meeting = MeetingFactory(body=executive)
    result = body_merge(bodies=[board, executive], name="Children's Partnership", by=officer)
    assert Meeting.objects.get(pk=meeting.pk).body == result.body


def test_a_body_with_meetings_cannot_be_deleted_and_says_why(officer):
    from trustboard.core.errors import RuleError
    from trustboard.governance.services import body_delete

    meeting = MeetingFactory()
    with pytest.raises(RuleError, match="cannot be deleted while records refer to it"):
        body_delete(body=meeting.body, by=officer)
