import pytest
from icalendar import Calendar

from tests.meetings.factories import AgendaItemFactory, MeetingFactory, at
from trustboard.meetings.calendar import icalendar_feed
from trustboard.meetings.models import MeetingStatus, Paper, PaperKind
from trustboard.meetings.selectors import meeting_list

pytestmark = pytest.mark.django_db


def events(feed: bytes):
    return Calendar.from_ical(feed).walk("VEVENT")


def test_feed_parses_back_with_one_event_per_meeting():
    MeetingFactory(body__name="Children's Trust Board", starts_at=at(2013, 1, 8, 14),
                   place="County Hall")
    MeetingFactory(body__name="Children's Trust Executive", starts_at=at(2013, 6, 4, 10))
    calendar = Calendar.from_ical(icalendar_feed(meeting_list(), name="Nottinghamshire"))
    assert str(calendar["X-WR-CALNAME"]) == "Nottinghamshire"
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [
        "Children's Trust Board", "Children's Trust Executive"]


def test_event_has_the_meetings_time_place_and_a_timestamp():
    meeting = MeetingFactory(starts_at=at(2013, 6, 4, 10), place="County Hall")
    (event,) = events(icalendar_feed([meeting], name="Board"))
    # 10:00 in London on 4 June 2013 is 09:00 UTC (British Summer Time).
    assert event.decoded("DTSTART") == at(2013, 6, 4, 10)
    assert event.decoded("DTEND") == at(2013, 6, 4, 12)
    assert event["DTSTART"].to_ical() == b"20130604T090000Z"
    assert str(event["LOCATION"]) == "County Hall"
    assert event.decoded("DTSTAMP") == meeting.updated_at.replace(microsecond=0)


def test_uids_are_stable_between_feeds_and_distinct_between_meetings():
    meetings = [MeetingFactory(), MeetingFactory()]
    first = [str(e["UID"]) for e in events(icalendar_feed(meetings, name="All"))]
    again = [str(e["UID"]) for e in events(icalendar_feed(meetings[::-1], name="All"))]
    assert sorted(first) == sorted(again)
    assert len(set(first)) == 2


def test_a_scheduled_meeting_is_published_as_confirmed():
    meeting = MeetingFactory(status=MeetingStatus.SCHEDULED)
    (event,) = events(icalendar_feed([meeting], name="Board"))
    assert str(event["STATUS"]) == "CONFIRMED"


def _paper(item, title: str) -> Paper:
    return Paper.objects.create(item=item, title=title, file=f"papers/{title}.pdf",
                                original_name=f"{title}.pdf", content_type=PaperKind.PDF,
                                size=10, sha256="0" * 64)


def _attachments(event) -> list[str]:
    found = event.get("ATTACH", [])
    return [str(value) for value in (found if isinstance(found, list) else [found])]


def test_feed_from_the_site_gives_each_meeting_its_pages_address_and_public_papers(client):
    from django.urls import reverse

    item = AgendaItemFactory(title="Youth Homelessness Strategy")
    public = _paper(item, "Youth Homelessness Strategy 2012-15")
    exempt = AgendaItemFactory(meeting=item.meeting, is_exempt=True, exempt_paragraph=3,
                               title="Award of the young carers support contract")
    _paper(exempt, "tender evaluation")

    (event,) = events(client.get(reverse("meetings:calendar")).content)

    assert str(event["URL"]) == f"http://testserver/meetings/{item.meeting.pk}/"
    assert _attachments(event) == [f"http://testserver/meetings/papers/{public.pk}/"]
    assert event["ATTACH"].params["FMTTYPE"] == "application/pdf"


def test_a_body_calendar_leaves_out_an_exempt_items_papers_too(client):
    from django.urls import reverse

    item = AgendaItemFactory(is_exempt=True, exempt_paragraph=3)
    _paper(item, "tender evaluation")
    (event,) = events(client.get(reverse("meetings:body-calendar",
                                         args=[item.meeting.body_id])).content)
    assert _attachments(event) == []
    assert str(event["URL"]).endswith(item.meeting.get_absolute_url())


def test_cancelled_meeting_is_published_as_cancelled():
    meeting = MeetingFactory(status=MeetingStatus.CANCELLED)
    (event,) = events(icalendar_feed([meeting], name="Board"))
    assert str(event["STATUS"]) == "CANCELLED"


def test_feed_never_carries_agenda_items():
    item = AgendaItemFactory(is_exempt=True, exempt_paragraph=3,
                             title="Residential placement costs: named provider negotiations")
    feed = icalendar_feed([item.meeting], name="Executive")
    assert b"Residential placement" not in feed
