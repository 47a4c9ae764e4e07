import pytest
from django.db import IntegrityError, transaction

from tests.governance.factories import BodyFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from trustboard.meetings.models import StandardItem

pytestmark = pytest.mark.django_db


def test_an_agenda_item_says_which_standard_item_it_is():
    item = AgendaItemFactory(title="Apologies for absence", standard=StandardItem.APOLOGIES)
    item.refresh_from_db()
    assert item.get_standard_display() == "Apologies and substitutions"
    assert AgendaItemFactory(meeting=item.meeting).standard == ""


def test_a_meeting_has_each_standard_item_once():
    item = AgendaItemFactory(standard=StandardItem.DECLARATIONS)
    AgendaItemFactory(meeting=item.meeting)  # ordinary items are many
    AgendaItemFactory(meeting=item.meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=item.meeting, standard=StandardItem.DECLARATIONS)


def test_a_joint_meeting_keeps_its_lead_body_and_names_the_other():
    health_and_wellbeing = BodyFactory(name="Health and Wellbeing Board")
    meeting = MeetingFactory()
    meeting.joint_bodies.add(health_and_wellbeing)
    assert list(health_and_wellbeing.joint_meetings.all()) == [meeting]
    assert meeting.body != health_and_wellbeing
