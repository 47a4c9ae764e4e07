"""An iCalendar (RFC 5545) feed of meetings, for a body or the whole partnership.

Only what the public may see goes in: the body, the time, the place, the status, the
meeting page's address and the public papers' addresses. Agenda items are left out and the
papers are read as the public reads them, so an exempt item can never reach a calendar.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC

from django.contrib.auth.models import AnonymousUser
from icalendar import Calendar, Event, vUri

from trustboard.meetings.models import Meeting, MeetingStatus, Paper

PRODUCT_ID = "-//Trustboard//Meetings//EN"
UID_DOMAIN = "meetings.trustboard"

# RFC 5545 section 3.8.1.11: the statuses an event may have.
_EVENT_STATUS = {
    # A scheduled meeting is going ahead unless it is cancelled: calendars show a TENTATIVE
    # event as if the reader might not go, so it is CONFIRMED from the day it is scheduled.
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    """A UID that stays the same however often the meeting is moved or renamed."""
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def public_papers(meetings: list[Meeting]) -> dict[int, list[Paper]]:
    """Each meeting's papers the public may read, in agenda order: one query."""
    papers: dict[int, list[Paper]] = defaultdict(list)
    for paper in (Paper.objects.visible_to(AnonymousUser())
                  .filter(item__meeting__in=meetings).select_related("item")
                  .order_by("item__number", "uploaded_at", "pk")):
        papers[paper.item.meeting_id].append(paper)
    return papers


def icalendar_feed(meetings: Iterable[Meeting], *, name: str,
                   absolute_uri: Callable[[str], str] | None = None) -> bytes:
    """Build a calendar of `meetings` (with their bodies, and joint bodies, loaded) named `name`.

    Times are written in UTC so no VTIMEZONE is needed; DTSTAMP and LAST-MODIFIED are
    the meeting's last change, so an unchanged feed is byte-for-byte the same. Given
    `absolute_uri` (a request's `build_absolute_uri`), each event carries the meeting page's
    address (URL) and each public paper's (ATTACH, RFC 5545 section 3.8.1.1): one query more.
    """
    meetings = list(meetings)
    papers = public_papers(meetings) if absolute_uri is not None else {}
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
        if absolute_uri is not None:
            event.add("url", vUri(absolute_uri(meeting.get_absolute_url())))
            for paper in papers[meeting.pk]:
                event.add("attach", vUri(absolute_uri(paper.get_absolute_url())),
                          parameters={"FMTTYPE": paper.content_type})
        calendar.add_component(event)
    return calendar.to_ical()
