from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.governance.factories import BodyFactory, MembershipFactory, PersonFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    at,
)
from trustboard.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    ExemptParagraph,
    KeyMessage,
)

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Award of the young carers support contract"
SECRET_DECISION = "Preferred bidder endorsed at the tendered price."


@pytest.fixture
def meeting():
    meeting = MeetingFactory(starts_at=at(2012, 7, 12), ends_at=at(2012, 7, 12, 12))
    open_item = AgendaItemFactory(meeting=meeting, number=1, title="Looked After Children Strategy")
    DecisionFactory(item=open_item, text="The strategy was approved.")
    exempt = AgendaItemFactory(meeting=meeting, number=2, title=SECRET_TITLE, is_exempt=True,
                               exempt_paragraph=ExemptParagraph.FINANCIAL)
    DecisionFactory(item=exempt, text=SECRET_DECISION)
    KeyMessage.objects.create(meeting=meeting, text="Be a good corporate parent.", order=1)
    KeyMessage.objects.create(meeting=meeting, item=exempt, text="Secret message.", order=2)
    return meeting


def _page(client, meeting) -> str:
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_public_meeting_page_hides_the_exempt_item_and_its_decision(client, meeting):
    page = _page(client, meeting)
    assert "Looked After Children Strategy" in page
    assert "The strategy was approved." in page
    assert SECRET_TITLE not in page
    assert SECRET_DECISION not in page
    assert "Secret message." not in page


def test_member_of_the_body_sees_the_exempt_item_with_its_paragraph(member_client, member,
                                                                      meeting):
    MembershipFactory(body=meeting.body, person=PersonFactory(user=member))
    page = _page(member_client, meeting)
    assert SECRET_TITLE in page
    assert SECRET_DECISION in page
    assert "Exempt: Schedule 12A paragraph 3" in page


def test_member_of_another_body_does_not_see_the_exempt_item(member_client, member, meeting):
    MembershipFactory(body=BodyFactory(), person=PersonFactory(user=member))
    page = _page(member_client, meeting)
    assert SECRET_TITLE not in page
    assert SECRET_DECISION not in page


def test_officer_sees_the_exempt_item(officer_client, meeting):
    assert SECRET_TITLE in _page(officer_client, meeting)


def test_meeting_page_shows_attendance_and_quorum(client, meeting):
    seat = MembershipFactory(body=meeting.body)
    Attendance.objects.create(meeting=meeting, person=seat.person)
    page = _page(client, meeting)
    assert seat.person.name in page
    assert "voting member" in page


OFFICER_PAGES = ["meetings:item-create", "meetings:attendance-edit", "meetings:decision-create",
                 "meetings:action-create", "meetings:key-message-create"]


@pytest.mark.parametrize("name", OFFICER_PAGES)
def test_officer_forms_refuse_members(member_client, meeting, name):
    assert member_client.get(reverse(name, args=[meeting.pk])).status_code == 403


@pytest.mark.parametrize("name", OFFICER_PAGES)
def test_officer_forms_send_the_public_to_sign_in(client, meeting, name):
    response = client.get(reverse(name, args=[meeting.pk]))
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_meeting_create_refuses_members(member_client):
    assert member_client.get(reverse("meetings:meeting-create")).status_code == 403


def test_officer_creates_a_meeting(officer_client):
    body = BodyFactory()
    response = officer_client.post(reverse("meetings:meeting-create"), {
        "body": body.pk, "date": "2013-05-16", "starts": "14:00", "ends": "16:00",
        "place": "County Hall", "status": "scheduled"})
    assert response.status_code == 302
    assert body.meetings.get().place == "County Hall"


def test_meeting_create_refuses_an_overlap(officer_client, meeting):
    response = officer_client.post(reverse("meetings:meeting-create"), {
        "body": meeting.body.pk, "date": "2012-07-12", "starts": "11:00", "status": "scheduled"})
    assert response.status_code == 200
    assert "already meets" in response.content.decode()
    assert meeting.body.meetings.count() == 1


def test_officer_adds_an_exempt_item(officer_client, meeting):
    officer_client.post(reverse("meetings:item-create", args=[meeting.pk]), {
        "title": "Residential placement costs", "purpose": "decision", "is_exempt": "on",
        "exempt_paragraph": "3"})
    item = AgendaItem.objects.get(title="Residential placement costs")
    # At the end, the exclusion of the press and public added before the exempt business.
    assert [str(item) for item in meeting.items.order_by("number")] == [
        "1. Looked After Children Strategy", "2. Exclusion of the press and public",
        f"3. {SECRET_TITLE}", "4. Residential placement costs"]
    assert (item.is_exempt, item.exempt_paragraph) == (True, 3)


def test_exempt_item_without_paragraph_is_refused(officer_client, meeting):
    response = officer_client.post(reverse("meetings:item-create", args=[meeting.pk]), {
        "title": "Residential placement costs", "purpose": "decision", "is_exempt": "on"})
    assert response.status_code == 200
    assert "paragraph of Schedule 12A" in response.content.decode()
    assert not AgendaItem.objects.filter(title="Residential placement costs").exists()


def test_officer_records_attendance_with_radios(officer_client, meeting):
    present, away = MembershipFactory(body=meeting.body), MembershipFactory(body=meeting.body)
    url = reverse("meetings:attendance-edit", args=[meeting.pk])
    assert 'type="radio"' in officer_client.get(url).content.decode()
    officer_client.post(url, {f"person_{present.person_id}": "present",
                              f"person_{away.person_id}": "apologies"})
    statuses = dict(meeting.attendances.values_list("person_id", "status"))
    assert statuses == {present.person_id: AttendanceStatus.PRESENT,
                        away.person_id: AttendanceStatus.APOLOGIES}


def test_officer_records_a_decision_and_an_action(officer_client, meeting):
    item = meeting.items.get(number=1)
    owner = PersonFactory()
    officer_client.post(reverse("meetings:decision-create", args=[meeting.pk]),
                        {"item": item.pk, "kind": "note", "text": "Noted the report."})
    officer_client.post(reverse("meetings:action-create", args=[meeting.pk]),
                        {"item": item.pk, "text": "Write to schools.", "owner": owner.pk,
                         "due_date": "2012-09-01"})
    assert Decision.objects.filter(item=item, text="Noted the report.").exists()
    assert item.actions.get().owner == owner


def test_officer_adds_a_key_message(officer_client, meeting):
    officer_client.post(reverse("meetings:key-message-create", args=[meeting.pk]),
                        {"text": "Schools join the MASH."})
    message = meeting.key_messages.get(text="Schools join the MASH.")
    assert message.order == 3


@pytest.mark.parametrize("fmt", ["", "&format=email"])
def test_newsletter_has_key_messages_and_no_exempt_text(officer_client, meeting, fmt):
    response = officer_client.get(
        reverse("meetings:newsletter") + f"?from=2012-07-01&to=2012-07-31{fmt}")
    page = response.content.decode()
    assert "Be a good corporate parent." in page
    assert "The strategy was approved." in page
    assert SECRET_TITLE not in page
    assert SECRET_DECISION not in page
    assert "Secret message." not in page


def test_newsletter_leaves_out_meetings_outside_the_period(client, meeting):
    page = client.get(reverse("meetings:newsletter") + "?from=2012-08-01&to=2012-08-31"
                      ).content.decode()
    assert "Be a good corporate parent." not in page


def test_newsletter_refuses_a_period_ending_before_it_starts(client):
    page = client.get(reverse("meetings:newsletter") + "?from=2012-08-01&to=2012-07-01"
                      ).content.decode()
    assert "The period must end after it starts." in page


def test_meeting_list_links_feeds(client, meeting):
    page = client.get(reverse("meetings:meeting-list")).content.decode()
    assert reverse("meetings:calendar") in page
    assert reverse("meetings:body-calendar", args=[meeting.body.pk]) in page
    assert meeting.get_absolute_url() in page


def _events(response) -> list:
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_partnership_feed_parses_and_has_every_meeting(client, meeting):
    other = MeetingFactory(starts_at=at(2012, 9, 1), ends_at=at(2012, 9, 1, 12))
    events = _events(client.get(reverse("meetings:calendar")))
    assert {event.decoded("dtstart").date() for event in events} == {
        date(2012, 7, 12), date(2012, 9, 1)}
    assert {str(event["summary"]) for event in events} == {meeting.body.name, other.body.name}


def test_body_feed_has_only_that_body(client, meeting):
    MeetingFactory(starts_at=at(2012, 9, 1), ends_at=at(2012, 9, 1, 12))
    events = _events(client.get(reverse("meetings:body-calendar", args=[meeting.body.pk])))
    assert [str(event["summary"]) for event in events] == [meeting.body.name]
    assert SECRET_TITLE not in client.get(reverse("meetings:calendar")).content.decode()
