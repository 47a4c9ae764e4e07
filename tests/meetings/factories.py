from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory

from tests.governance.factories import BodyFactory, PersonFactory
from trustboard.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    DecisionKind,
    Meeting,
)

LONDON = ZoneInfo("Europe/London")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A time in the partnership's own time zone."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    starts_at = factory.Sequence(lambda n: at(2013, 1, 7) + timedelta(days=n))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    place = "County Hall, West Bridgford"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    kind = DecisionKind.NOTE
    text = "Noted."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    item = factory.SubFactory(AgendaItemFactory)
    text = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(PersonFactory)
