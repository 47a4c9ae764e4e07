"""The demo's declarations, registers of interests and actions open and done."""

from datetime import date

import pytest
from django.urls import reverse

from trustboard.meetings.models import (
    Action,
    ActionStatus,
    Minutes,
    RegisteredInterest,
    StandardItem,
)

pytestmark = pytest.mark.django_db


def test_the_demo_member_has_a_register_of_interests(demo):
    entries = RegisteredInterest.objects.filter(person__user__username="member")
    assert entries.count() == 2
    assert all("(illustrative)" in entry.description for entry in entries)


def test_a_registrable_interest_declared_in_the_demo_fed_the_register(demo):
    entry = RegisteredInterest.objects.get(declaration__isnull=False)
    assert entry.person.name == "Voluntary sector representative (placeholder)"
    assert entry.registered_on == date(2012, 5, 17)


def test_the_demo_log_has_actions_open_and_done_with_notes(demo):
    done = Action.objects.filter(status=ActionStatus.DONE)
    assert done.count() == 3
    assert all(action.done_note.endswith("(illustrative).") for action in done)
    assert Action.objects.filter(status=ActionStatus.OPEN).count() >= 3


def test_the_demo_minutes_record_declarations_and_matters_arising(demo):
    minutes = Minutes.objects.get(meeting__body__name="Children's Trust Executive",
                                  meeting__starts_at__date=date(2012, 7, 12))
    arising = minutes.sections.get(item__standard=StandardItem.MATTERS_ARISING).text
    assert "Publish the Youth Homelessness Strategy to partners" in arising
    assert "done on 27 June 2012" in arising
    declared = minutes.sections.get(item__standard=StandardItem.DECLARATIONS).text
    assert "Headteacher representative (placeholder) declared a non-registrable (personal) " \
           "interest" in declared
    assert "Paid trustee" not in declared  # declared on the exempt item, minuted under it


def test_the_public_action_log_of_the_demo_leaves_out_the_exempt_action(demo, client):
    page = client.get(reverse("meetings:action-log")).content.decode()
    assert "Send the refreshed CYPF Plan to each partner&#x27;s board" in page
    assert "Conclude the negotiations with the named provider" not in page
