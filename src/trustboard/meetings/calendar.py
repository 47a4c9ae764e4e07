"""An iCalendar (RFC 5545) feed of meetings, for a body or the whole partnership.

Only what the public may see goes in: the body, the time, the place and the status.
Agenda items are left out, so an exempt item can never reach a calendar.
"""

from collections.abc import Iterable
from datetime import UTC

from icalendar import Calendar, Event

from trustboard.meetings.models import Meeting, MeetingStatus

PRODUCT_ID = "-//Trustboard//Meetings//EN"
UID_DOMAIN = "meetings.trustboard"

# RFC 5545 section 3.8.1.11: the statuses an event may have.
_EVENT_STATUS = {
    MeetingStatus.SCHEDULED: "TENTATIVE",
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    """A UID that stays the same however often the meeting is moved or renamed."""
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def icalendar_feed(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """Build a calendar of `meetings` (with their bodies, and joint bodies, loaded) named `name`.

    Times are written in UTC so no VTIMEZONE is needed; DTSTAMP and LAST-MODIFIED are
    the meeting's last change, so an unchanged feed is byte-for-byte the same.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", meeting.updated_at.astimezone(UTC))
        event.add("last-modified", meeting.updated_at.astimezone(UTC))
        event.add("dtstart", meeting.starts_at.astimezone(UTC))
        event.add("dtend", meeting.ends_at.astimezone(UTC))
        summary = " and ".join([meeting.body.name, *(body.name for body in
                                                      meeting.joint_bodies.all())])
        if len(summary) > len(meeting.body.name):
            summary += " (joint meeting)"
        event.add("summary", f"{summary} (cancelled)" if meeting.is_cancelled else summary)
        if meeting.place:
            event.add("location", meeting.place)
        event.add("status", _EVENT_STATUS[meeting.status])
        calendar.add_component(event)
    return calendar.to_ical()
