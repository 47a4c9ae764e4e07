"""Minutes: drafted from the record, approved at the body's next meeting, then frozen."""

import pytest

from tests.governance.factories import MembershipFactory
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    at,
)
from trustboard.core.errors import RuleError
from trustboard.meetings.models import (
    AttendanceStatus,
    DecisionKind,
    ExemptParagraph,
    MeetingStatus,
    MinutesSection,
    MinutesStatus,
)
from trustboard.meetings.selectors import minutes_sections
from trustboard.meetings.services import (
    agenda_item_save,
    minutes_approve,
    minutes_draft,
    minutes_section_save,
)

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Residential placement costs: named provider negotiations"


@pytest.fixture
def meeting():
    meeting = MeetingFactory(starts_at=at(2012, 11, 15, 14), ends_at=at(2012, 11, 15, 16),
                             status=MeetingStatus.HELD)
    chair = MembershipFactory(body=meeting.body, person__name="Corporate Director (placeholder)")
    away = MembershipFactory(body=meeting.body, person__name="Probation manager (placeholder)")
    AttendanceFactory(meeting=meeting, person=chair.person)
    AttendanceFactory(meeting=meeting, person=away.person, status=AttendanceStatus.APOLOGIES)
    mash = AgendaItemFactory(meeting=meeting, number=1,
                             title="Multi-Agency Safeguarding Hub: implementation plan")
    DecisionFactory(item=mash, kind=DecisionKind.NOTE,
                    text="The Executive supported the MASH implementation plan.")
    ActionFactory(item=mash, text="Report the first months of the MASH", owner=chair.person)
    secret = AgendaItemFactory(meeting=meeting, number=2, title=SECRET_TITLE, is_exempt=True,
                               exempt_paragraph=ExemptParagraph.FINANCIAL)
    DecisionFactory(item=secret, text="Officers may settle fees within the ceiling.")
    return meeting


@pytest.fixture
def next_meeting(meeting):
    return MeetingFactory(body=meeting.body, starts_at=at(2013, 1, 17, 14),
                          ends_at=at(2013, 1, 17, 16), status=MeetingStatus.HELD)


def test_draft_minutes_come_from_attendance_decisions_and_actions(meeting, officer):
    minutes = minutes_draft(meeting=meeting, by=officer)
    sections = {section.heading: section.text for section in minutes.sections.all()}
    assert sections["Present"] == "Corporate Director (placeholder)"
    assert sections["Apologies"] == "Probation manager (placeholder)"
    mash = sections["1. Multi-Agency Safeguarding Hub: implementation plan"]
    assert ("RESOLVED that the following be noted: The Executive supported the MASH "
            "implementation plan.") in mash
    assert "ACTION: Report the first months of the MASH (Corporate Director" in mash
    assert minutes.status == MinutesStatus.DRAFT


def test_public_minutes_leave_out_the_exempt_item(meeting, officer):
    from django.contrib.auth.models import AnonymousUser

    minutes = minutes_draft(meeting=meeting, by=officer)
    public = " ".join(section.heading + section.text
                      for section in minutes_sections(minutes, AnonymousUser()))
    assert "Multi-Agency Safeguarding Hub" in public
    assert SECRET_TITLE not in public
    assert "settle fees" not in public
    assert SECRET_TITLE in " ".join(s.heading for s in minutes_sections(minutes, officer))


def test_officer_edits_a_draft_section(meeting, officer):
    section = minutes_draft(meeting=meeting, by=officer).sections.get(item__number=1)
    section.text = "The Executive supported the plan after discussion of police staffing."
    minutes_section_save(section=section, by=officer)
    section.refresh_from_db()
    assert section.text.startswith("The Executive supported the plan after discussion")


def test_minutes_are_approved_at_the_next_meeting_on_its_date(meeting, next_meeting, officer):
    minutes = minutes_approve(minutes=minutes_draft(meeting=meeting, by=officer),
                              at=next_meeting, by=officer)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    assert minutes.approved_at == next_meeting
    assert minutes.approved_on.isoformat() == "2013-01-17"


def test_approved_minutes_are_frozen(meeting, next_meeting, officer):
    minutes = minutes_draft(meeting=meeting, by=officer)
    minutes_approve(minutes=minutes, at=next_meeting, by=officer)
    section = minutes.sections.get(item__number=1)
    section.text = "Rewritten after the event."
    with pytest.raises(RuleError, match="approved at the meeting of 17 January 2013 and are "
                                        "frozen") as refused:
        minutes_section_save(section=section, by=officer)
    assert refused.value.field == "text"
    assert MinutesSection.objects.get(pk=section.pk).text != "Rewritten after the event."
    with pytest.raises(RuleError, match="frozen"):
        minutes_draft(meeting=meeting, by=officer)


def test_agenda_of_a_meeting_with_approved_minutes_cannot_change(meeting, next_meeting,
                                                                 officer):
    minutes_approve(minutes=minutes_draft(meeting=meeting, by=officer), at=next_meeting,
                    by=officer)
    item = meeting.items.get(number=1)
    item.title = "Renamed"
    with pytest.raises(RuleError, match="approved on 17 January 2013"):
        agenda_item_save(item=item, by=officer)


def test_minutes_cannot_be_approved_at_a_later_meeting_than_the_next(meeting, next_meeting,
                                                                     officer):
    later = MeetingFactory(body=meeting.body, starts_at=at(2013, 3, 21, 14),
                           ends_at=at(2013, 3, 21, 16))
    minutes = minutes_draft(meeting=meeting, by=officer)
    with pytest.raises(RuleError, match="the meeting of 17 January 2013") as refused:
        minutes_approve(minutes=minutes, at=later, by=officer)
    assert refused.value.field == "approved_at"
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.DRAFT


def test_minutes_cannot_be_approved_by_another_body(meeting, next_meeting, officer):
    other = MeetingFactory(starts_at=at(2012, 12, 5), ends_at=at(2012, 12, 5, 12))
    with pytest.raises(RuleError, match="next meeting of"):
        minutes_approve(minutes=minutes_draft(meeting=meeting, by=officer), at=other,
                        by=officer)


def test_cancelled_meeting_is_skipped_when_finding_the_next(meeting, next_meeting, officer):
    next_meeting.status = MeetingStatus.CANCELLED
    next_meeting.save()
    march = MeetingFactory(body=meeting.body, starts_at=at(2013, 3, 21, 14),
                           ends_at=at(2013, 3, 21, 16))
    minutes = minutes_approve(minutes=minutes_draft(meeting=meeting, by=officer), at=march,
                              by=officer)
    assert minutes.approved_at == march


def test_minutes_cannot_be_approved_before_the_next_meeting_happens(meeting, officer):
    future = MeetingFactory(body=meeting.body, starts_at=at(2099, 1, 15),
                            ends_at=at(2099, 1, 15, 12))
    with pytest.raises(RuleError, match="has not happened yet"):
        minutes_approve(minutes=minutes_draft(meeting=meeting, by=officer), at=future,
                        by=officer)
