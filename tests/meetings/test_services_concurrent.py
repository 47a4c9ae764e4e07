"""Clerks writing to the same meeting at once, each on a connection of their own."""

import pytest

from tests.meetings.factories import AgendaItemFactory, MeetingFactory, at
from tests.threads import at_once, database_for_threads  # noqa: F401 - a fixture
from trustboard.meetings.models import AgendaItem, KeyMessage, MeetingStatus, Minutes
from trustboard.meetings.services import agenda_item_save, key_message_save, minutes_draft

CLERKS = 6
EACH = 4


@pytest.fixture
def clerk(django_user_model, database_for_threads):  # noqa: F811 - the fixture imported
    return django_user_model.objects.create_user(username="clerk", role="officer")


def test_items_added_at_once_by_several_clerks_are_numbered_one_to_n(clerk):
    meeting = MeetingFactory()

    failures = at_once(lambda number: agenda_item_save(
        item=AgendaItem(meeting_id=meeting.pk, title=f"Item from clerk {number}"), by=clerk),
        threads=CLERKS, each=EACH)

    assert failures == []
    numbers = sorted(AgendaItem.objects.filter(meeting=meeting).values_list("number", flat=True))
    assert numbers == list(range(1, CLERKS * EACH + 1))


def test_key_messages_added_at_once_each_take_their_own_place(clerk):
    meeting = MeetingFactory()

    failures = at_once(lambda number: key_message_save(
        message=KeyMessage(meeting_id=meeting.pk, text=f"Message from clerk {number}"),
        by=clerk), threads=CLERKS, each=EACH)

    assert failures == []
    orders = sorted(KeyMessage.objects.filter(meeting=meeting).values_list("order", flat=True))
    assert orders == list(range(1, CLERKS * EACH + 1))


def test_minutes_drafted_at_once_by_several_officers_are_one_set_of_minutes(clerk):
    meeting = MeetingFactory(starts_at=at(2012, 11, 15, 14), ends_at=at(2012, 11, 15, 16),
                             status=MeetingStatus.HELD)
    AgendaItemFactory(meeting=meeting, number=1, title="Multi-Agency Safeguarding Hub")

    failures = at_once(lambda number: minutes_draft(meeting=meeting, by=clerk),
                       threads=CLERKS, each=1)

    assert failures == []
    minutes = Minutes.objects.get(meeting=meeting)
    orders = list(minutes.sections.order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, len(orders) + 1))
