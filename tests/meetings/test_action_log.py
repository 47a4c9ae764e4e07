"""The action log, marking an action done, and matters arising at the body's next meeting."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.governance.factories import MembershipFactory, PersonFactory
from tests.meetings.factories import ActionFactory, AgendaItemFactory, MeetingFactory, at
from trustboard.core.errors import RuleError
from trustboard.meetings.models import Action, ActionStatus, ExemptParagraph, MeetingStatus
from trustboard.meetings.selectors import action_log, matters_arising
from trustboard.meetings.services import action_complete, minutes_draft

pytestmark = pytest.mark.django_db

TODAY = date(2012, 10, 1)
# Middlesbrough 2011, recommendation 20: the plan should "specify what actions are expected
# from which partners"; these are the kind of actions a board's log carries.
HOMELESSNESS = "Publish the Youth Homelessness Strategy to partners"
MASH = "Bring the MASH implementation plan to the Executive"
SECRET = "Conclude the negotiations with the named provider"


@pytest.fixture
def first():
    """The Executive's meeting of 17 May 2012, with an open and an exempt item."""
    return MeetingFactory(starts_at=at(2012, 5, 17, 14), ends_at=at(2012, 5, 17, 16),
                          status=MeetingStatus.HELD)


@pytest.fixture
def item(first):
    return AgendaItemFactory(meeting=first, number=1, title="Youth Homelessness Strategy")


@pytest.fixture
def exempt_item(first):
    return AgendaItemFactory(meeting=first, number=2, title="Placement costs",
                             is_exempt=True, exempt_paragraph=ExemptParagraph.FINANCIAL)


def _texts(entries) -> list[str]:
    return [entry.action.text for entry in entries]


# --- the log --------------------------------------------------------------------------------


def test_the_log_lists_overdue_actions_first_then_by_due_date_and_leaves_out_done_ones(
        item, officer, django_assert_num_queries):
    ActionFactory(item=item, text="Due later", due_date=date(2012, 12, 1))
    ActionFactory(item=item, text="No due date")
    ActionFactory(item=item, text="Overdue a little", due_date=date(2012, 9, 20))
    ActionFactory(item=item, text="Overdue a lot", due_date=date(2012, 6, 29))
    ActionFactory(item=item, text="Done", due_date=date(2012, 6, 1),
                  status=ActionStatus.DONE, done_on=date(2012, 6, 1))
    with django_assert_num_queries(1):
        entries = action_log(user=officer, today=TODAY)
    assert _texts(entries) == ["Overdue a lot", "Overdue a little", "Due later", "No due date"]
    assert [entry.is_overdue for entry in entries] == [True, True, False, False]


def test_the_log_filters_by_body_and_by_owner(client, item):
    owner = PersonFactory(name="Group Manager Early Help (placeholder)")
    ActionFactory(item=item, text=HOMELESSNESS, owner=owner)
    ActionFactory(item=item, text=MASH)
    elsewhere = AgendaItemFactory(meeting=MeetingFactory())
    ActionFactory(item=elsewhere, text="An action of another body", owner=owner)
    url = reverse("meetings:action-log")
    by_owner = client.get(url, {"owner": owner.pk}).content.decode()
    assert HOMELESSNESS in by_owner and "An action of another body" in by_owner
    assert MASH not in by_owner
    both = client.get(url, {"owner": owner.pk, "body": item.meeting.body_id}).content.decode()
    assert HOMELESSNESS in both
    assert "An action of another body" not in both and MASH not in both


def test_the_public_log_never_shows_an_action_on_an_exempt_item(client, item, exempt_item):
    ActionFactory(item=item, text=HOMELESSNESS)
    ActionFactory(item=exempt_item, text=SECRET)
    page = client.get(reverse("meetings:action-log")).content.decode()
    assert HOMELESSNESS in page
    assert SECRET not in page and "Placement costs" not in page


def test_a_member_of_the_body_sees_its_exempt_actions_in_the_log(member_client, member,
                                                                   exempt_item):
    MembershipFactory(body=exempt_item.meeting.body, person=PersonFactory(user=member))
    ActionFactory(item=exempt_item, text=SECRET)
    assert SECRET in member_client.get(reverse("meetings:action-log")).content.decode()


def test_the_log_offers_mark_done_only_on_the_members_own_actions(member_client, member, item):
    own = ActionFactory(item=item, text=HOMELESSNESS, owner=PersonFactory(user=member))
    other = ActionFactory(item=item, text=MASH)
    page = member_client.get(reverse("meetings:action-log")).content.decode()
    assert reverse("meetings:action-complete", args=[own.pk]) in page
    assert reverse("meetings:action-complete", args=[other.pk]) not in page


# --- marking an action done -------------------------------------------------------------------


def test_the_owner_marks_their_action_done_with_a_note(member_client, member, item):
    action = ActionFactory(item=item, text=HOMELESSNESS, owner=PersonFactory(user=member))
    response = member_client.post(reverse("meetings:action-complete", args=[action.pk]), {
        "done_on": "2012-06-20", "note": "Sent to every partner on 20 June."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on, action.done_note) == (
        ActionStatus.DONE, date(2012, 6, 20), "Sent to every partner on 20 June.")
    assert HOMELESSNESS not in member_client.get(reverse("meetings:action-log")).content.decode()


def test_a_member_cannot_mark_done_an_action_someone_else_owns(member_client, member, item):
    PersonFactory(user=member)
    action = ActionFactory(item=item, text=MASH)
    response = member_client.post(reverse("meetings:action-complete", args=[action.pk]), {
        "done_on": "2012-06-20", "note": "Not mine to say."})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_the_service_refuses_a_member_who_does_not_own_the_action(member, item):
    PersonFactory(user=member)
    action = ActionFactory(item=item)
    with pytest.raises(RuleError):
        action_complete(action=action, on=date(2012, 6, 20), by=member)
    assert Action.objects.get(pk=action.pk).status == ActionStatus.OPEN


def test_a_clerk_marks_any_action_done(officer, item):
    action = action_complete(action=ActionFactory(item=item), on=date(2012, 6, 20),
                             note="Done at the July meeting.", by=officer)
    assert action.status == ActionStatus.DONE


def test_an_action_cannot_be_marked_done_on_a_day_still_to_come(officer_client, item):
    action = ActionFactory(item=item)
    tomorrow = timezone.localdate().toordinal() + 1
    response = officer_client.post(reverse("meetings:action-complete", args=[action.pk]), {
        "done_on": date.fromordinal(tomorrow).isoformat(), "note": "Will be done."})
    assert response.status_code == 200
    assert "An action cannot be marked done on a day still to come." in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_the_public_cannot_reach_an_exempt_action_to_mark_it_done(client, exempt_item):
    action = ActionFactory(item=exempt_item, text=SECRET)
    response = client.get(reverse("meetings:action-complete", args=[action.pk]))
    assert response.status_code == 302  # to sign in; signed in, not found (the matrix)


# --- matters arising ----------------------------------------------------------------------


@pytest.fixture
def next_meeting(first):
    """The body's next meeting, 12 July 2012."""
    return MeetingFactory(body=first.body, starts_at=at(2012, 7, 12, 14),
                          ends_at=at(2012, 7, 12, 16))


def test_matters_arising_lists_the_actions_due_since_the_bodys_last_meeting(
        item, next_meeting, officer):
    ActionFactory(item=item, text="Due before the last meeting", due_date=date(2012, 5, 1))
    ActionFactory(item=item, text=HOMELESSNESS, due_date=date(2012, 6, 29))
    ActionFactory(item=item, text="Due on the day", due_date=date(2012, 7, 12))
    ActionFactory(item=item, text=MASH, due_date=date(2012, 11, 15))
    other_body = AgendaItemFactory(meeting=MeetingFactory(starts_at=at(2012, 5, 18)))
    ActionFactory(item=other_body, text="Another body's action", due_date=date(2012, 6, 1))
    assert [matter.action.text for matter in matters_arising(next_meeting, officer)] == [
        HOMELESSNESS, "Due on the day"]


def test_the_next_meeting_page_shows_matters_arising_with_what_was_done(
        client, officer, item, next_meeting):
    action = ActionFactory(item=item, text=HOMELESSNESS, due_date=date(2012, 6, 29))
    action_complete(action=action, on=date(2012, 6, 20), note="Sent to every partner.",
                    by=officer)
    page = client.get(next_meeting.get_absolute_url()).content.decode()
    assert HOMELESSNESS in page
    assert "Sent to every partner." in page


def test_the_minutes_record_matters_arising(officer, item, next_meeting):
    action = ActionFactory(item=item, text=HOMELESSNESS, due_date=date(2012, 6, 29),
                           owner=PersonFactory(name="Group Manager Early Help (placeholder)"))
    action_complete(action=action, on=date(2012, 6, 20), note="Sent to every partner.",
                    by=officer)
    minutes = minutes_draft(meeting=next_meeting, by=officer)
    section = minutes.sections.get(heading="Matters arising")
    assert section.text == (
        f"{HOMELESSNESS} (Group Manager Early Help (placeholder), due 29 June 2012; from item 1 "
        "of 17 May 2012): done on 20 June 2012. Sent to every partner.")


def test_the_public_minutes_leave_out_matters_arising_from_an_exempt_item(
        client, officer, item, exempt_item, next_meeting):
    ActionFactory(item=item, text=HOMELESSNESS, due_date=date(2012, 6, 29))
    ActionFactory(item=exempt_item, text=SECRET, due_date=date(2012, 6, 29))
    minutes = minutes_draft(meeting=next_meeting, by=officer)
    assert SECRET in minutes.sections.get(item=exempt_item).text
    public = client.get(reverse("meetings:minutes-detail", args=[next_meeting.pk]))
    assert HOMELESSNESS in public.content.decode()
    assert SECRET not in public.content.decode()
    assert SECRET not in client.get(next_meeting.get_absolute_url()).content.decode()


def test_minutes_say_still_open_of_an_action_done_only_after_the_meeting(
        officer, item, next_meeting):
    action = ActionFactory(item=item, text=HOMELESSNESS, due_date=date(2012, 6, 29))
    action_complete(action=action, on=date(2012, 8, 1), note="Sent late.", by=officer)
    minutes = minutes_draft(meeting=next_meeting, by=officer)
    text = minutes.sections.get(heading="Matters arising").text
    assert text.endswith("still open.")
    assert "Sent late." not in text


def test_with_the_standard_items_matters_arising_are_minuted_under_their_item(
        officer, item, next_meeting):
    from trustboard.meetings.models import StandardItem
    from trustboard.meetings.services import standard_items_add

    ActionFactory(item=item, text=HOMELESSNESS, due_date=date(2012, 6, 29))
    standard_items_add(meeting=next_meeting, by=officer)
    minutes = minutes_draft(meeting=next_meeting, by=officer)
    assert HOMELESSNESS in minutes.sections.get(item__standard=StandardItem.MATTERS_ARISING).text
    assert not minutes.sections.filter(heading="Matters arising", item=None).exists()


def test_members_read_an_exempt_items_matters_arising_right_after_the_matters_arising_item(
        officer, item, exempt_item, next_meeting):
    from trustboard.meetings.models import StandardItem
    from trustboard.meetings.selectors import minutes_entries
    from trustboard.meetings.services import standard_items_add

    ActionFactory(item=exempt_item, text=SECRET, due_date=date(2012, 6, 29))
    AgendaItemFactory(meeting=next_meeting, number=1, title="Early Help Strategy")
    standard_items_add(meeting=next_meeting, by=officer)
    minutes = minutes_draft(meeting=next_meeting, by=officer)
    headings = [entry.heading for entry in minutes_entries(minutes, officer)]
    arising = next(i for i, entry in enumerate(minutes_entries(minutes, officer))
                   if getattr(entry, "item", None) and entry.item.standard
                   == StandardItem.MATTERS_ARISING)
    assert headings[arising + 1] == "Matters arising from an exempt item: Placement costs"
