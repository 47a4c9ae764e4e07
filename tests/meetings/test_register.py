"""Declarations of interest at meetings, and the register of members' interests they feed."""

from datetime import date

import pytest
from django.urls import reverse

from tests.governance.factories import MembershipFactory, PersonFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, at
from trustboard.core.errors import RuleError
from trustboard.meetings.models import (
    Declaration,
    ExemptParagraph,
    InterestKind,
    RegisteredInterest,
    StandardItem,
)
from trustboard.meetings.services import (
    declaration_save,
    minutes_draft,
    registered_interest_save,
    standard_items_add,
)

pytestmark = pytest.mark.django_db

# As the LGA model code of conduct (2020) has a member say it, of a contract before the body.
INTEREST = "Trustee of Carers Federation, a bidder for the young carers support contract"


@pytest.fixture
def item():
    meeting = MeetingFactory(starts_at=at(2012, 7, 12, 14), ends_at=at(2012, 7, 12, 16))
    return AgendaItemFactory(meeting=meeting, number=1, title="Young carers: needs assessment")


def _declare(item, person, by, *, kind=InterestKind.DISCLOSABLE_PECUNIARY, interest=INTEREST,
             left_room=False) -> Declaration:
    return declaration_save(declaration=Declaration(
        item=item, person=person, kind=kind, interest=interest, left_room=left_room), by=by)


# --- declarations feed the register ---------------------------------------------------------


def test_a_disclosable_pecuniary_interest_declared_is_added_to_the_register(item, officer):
    person = PersonFactory()
    declaration = _declare(item, person, officer)
    entry = RegisteredInterest.objects.get(person=person)
    assert entry.kind == InterestKind.DISCLOSABLE_PECUNIARY
    assert entry.description == INTEREST
    assert entry.registered_on == date(2012, 7, 12)
    assert entry.review_on == date(2013, 7, 12)
    assert entry.declaration == declaration


def test_a_personal_interest_is_minuted_but_not_registered(item, officer):
    person = PersonFactory()
    _declare(item, person, officer, kind=InterestKind.NON_REGISTRABLE,
             interest="Her son attends a young carers group")
    assert not RegisteredInterest.objects.filter(person=person).exists()


def test_an_interest_declared_on_an_exempt_item_does_not_feed_the_register(item, officer):
    exempt = AgendaItemFactory(meeting=item.meeting, number=2, is_exempt=True,
                               exempt_paragraph=ExemptParagraph.FINANCIAL)
    _declare(exempt, PersonFactory(), officer)
    assert not RegisteredInterest.objects.exists()


def test_declaring_an_interest_already_registered_adds_no_second_entry(item, officer):
    person = PersonFactory()
    _declare(item, person, officer)
    later = AgendaItemFactory(meeting=MeetingFactory(body=item.meeting.body,
                                                     starts_at=at(2012, 9, 20)))
    _declare(later, person, officer, interest=INTEREST.upper())
    assert RegisteredInterest.objects.filter(person=person).count() == 1
    assert Declaration.objects.filter(person=person).count() == 2


def test_a_declaration_with_no_words_is_refused_and_nothing_is_written(item, officer):
    with pytest.raises(RuleError) as error:
        _declare(item, PersonFactory(), officer, interest="   ")
    assert error.value.field == "interest"
    assert not Declaration.objects.exists()
    assert not RegisteredInterest.objects.exists()


def test_the_minutes_record_the_kind_of_interest_and_that_they_left_the_room(item, officer):
    _declare(item, PersonFactory(name="Jo Trustee (placeholder)"), officer, left_room=True)
    minutes = minutes_draft(meeting=item.meeting, by=officer)
    text = minutes.sections.get(item=item).text
    assert (f"Jo Trustee (placeholder) declared a disclosable pecuniary interest: {INTEREST}. "
            "They left the room for this item and took no part in it.") in text


def test_the_declarations_item_minutes_open_items_declarations_and_not_an_exempt_ones(
        item, officer):
    exempt = AgendaItemFactory(meeting=item.meeting, number=2, is_exempt=True,
                               exempt_paragraph=ExemptParagraph.FINANCIAL)
    _declare(item, PersonFactory(name="Jo Trustee (placeholder)"), officer)
    _declare(exempt, PersonFactory(name="Sam Bidder (placeholder)"), officer,
             interest="Director of the preferred bidder")
    standard_items_add(meeting=item.meeting, by=officer)
    minutes = minutes_draft(meeting=item.meeting, by=officer)
    declared = minutes.sections.get(item__standard=StandardItem.DECLARATIONS).text
    assert "Jo Trustee (placeholder) declared a disclosable pecuniary interest" in declared
    assert "Director of the preferred bidder" not in declared
    item.refresh_from_db()
    assert "Jo Trustee" not in minutes.sections.get(item=item).text
    assert "Director of the preferred bidder" in minutes.sections.get(item=exempt).text


# --- the meeting page ------------------------------------------------------------------------


def test_a_clerk_records_a_declaration_from_the_meeting_page(officer_client, item):
    person = PersonFactory(name="Jo Trustee (placeholder)")
    MembershipFactory(body=item.meeting.body, person=person)
    response = officer_client.post(
        reverse("meetings:declaration-create", args=[item.meeting_id]),
        {"item": item.pk, "person": person.pk, "kind": InterestKind.OTHER_REGISTRABLE,
         "interest": INTEREST, "left_room": "on"})
    assert response.status_code == 302
    page = officer_client.get(item.meeting.get_absolute_url()).content.decode()
    assert (f"Jo Trustee (placeholder), other registrable interest: {INTEREST} (left the room "
            "for this item)") in page


def test_the_declaration_form_offers_the_bodys_members_not_everyone(officer_client, item):
    member = PersonFactory(name="Member of the body (placeholder)")
    MembershipFactory(body=item.meeting.body, person=member)
    PersonFactory(name="Stranger to the body (placeholder)")
    page = officer_client.get(reverse("meetings:declaration-create",
                                      args=[item.meeting_id])).content.decode()
    assert "Member of the body (placeholder)" in page
    assert "Stranger to the body (placeholder)" not in page


# --- members keep their own register ----------------------------------------------------


def _entry(person, **fields) -> RegisteredInterest:
    values = {"kind": InterestKind.OTHER_REGISTRABLE, "description": "Governor, Oak Academy",
              "registered_on": date(2012, 4, 1), "review_on": date(2013, 4, 1)}
    return RegisteredInterest.objects.create(person=person, **{**values, **fields})


def test_a_member_adds_an_interest_to_their_own_register(member_client, member):
    person = PersonFactory(user=member)
    response = member_client.post(reverse("meetings:interest-create"), {
        "kind": InterestKind.DISCLOSABLE_PECUNIARY, "description": "Shares in Notts Care Ltd",
        "registered_on": "2012-05-01"})
    assert response.status_code == 302
    entry = RegisteredInterest.objects.get()
    assert (entry.person, entry.review_on) == (person, date(2013, 5, 1))


def test_a_member_changes_their_own_entry(member_client, member):
    entry = _entry(PersonFactory(user=member))
    response = member_client.post(reverse("meetings:interest-edit", args=[entry.pk]), {
        "kind": entry.kind, "description": entry.description, "registered_on": "2012-04-01",
        "review_on": "2013-04-01", "ended_on": "2012-12-31"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.ended_on == date(2012, 12, 31)


def test_a_member_cannot_change_another_members_entry(member_client, member):
    PersonFactory(user=member)
    entry = _entry(PersonFactory())
    response = member_client.post(reverse("meetings:interest-edit", args=[entry.pk]), {
        "kind": entry.kind, "description": "Changed by someone else", "registered_on":
        "2012-04-01"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.description == "Governor, Oak Academy"


def test_a_member_cannot_register_an_interest_for_someone_else(member):
    PersonFactory(user=member)
    other = PersonFactory()
    with pytest.raises(RuleError) as error:
        registered_interest_save(interest=RegisteredInterest(
            person=other, kind=InterestKind.OTHER_REGISTRABLE, description="Anything",
            registered_on=date(2012, 4, 1)), by=member)
    assert error.value.field == "person"
    assert not RegisteredInterest.objects.exists()


def test_an_officer_changes_anyones_entry(officer_client):
    entry = _entry(PersonFactory())
    response = officer_client.post(reverse("meetings:interest-edit", args=[entry.pk]), {
        "person": entry.person_id, "kind": InterestKind.DISCLOSABLE_PECUNIARY,
        "description": "Governor and paid clerk, Oak Academy", "registered_on": "2012-04-01",
        "review_on": "2013-04-01"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.description == "Governor and paid clerk, Oak Academy"


def test_a_review_before_the_interest_was_registered_is_refused_beside_its_field(
        officer_client):
    person = PersonFactory()
    response = officer_client.post(reverse("meetings:interest-create"), {
        "person": person.pk, "kind": InterestKind.OTHER_REGISTRABLE,
        "description": "Governor, Oak Academy", "registered_on": "2012-04-01",
        "review_on": "2012-03-01"})
    assert response.status_code == 200
    assert "The review falls on or after the date the interest was registered." in \
        response.content.decode()
    assert not RegisteredInterest.objects.exists()


# --- who reads the register --------------------------------------------------------------


def test_the_register_shows_each_persons_interests_and_flags_a_review_due(member_client):
    _entry(PersonFactory(name="Jo Trustee (placeholder)"), review_on=date(2013, 4, 1))
    page = member_client.get(reverse("meetings:register")).content.decode()
    assert "Jo Trustee (placeholder)" in page
    assert "Governor, Oak Academy" in page
    assert "Review due" in page


def test_the_public_signs_in_to_read_a_register_the_partnership_does_not_publish(client,
                                                                                  settings):
    settings.TRUSTBOARD_REGISTER_OF_INTERESTS_PUBLIC = False
    _entry(PersonFactory())
    response = client.get(reverse("meetings:register"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("core:login"))


def test_the_public_reads_a_register_the_partnership_publishes(client, settings):
    settings.TRUSTBOARD_REGISTER_OF_INTERESTS_PUBLIC = True
    _entry(PersonFactory())
    page = client.get(reverse("meetings:register")).content.decode()
    assert "Governor, Oak Academy" in page
    assert "Change" not in page


def test_the_register_is_read_in_one_query_however_many_people(django_assert_num_queries):
    from trustboard.meetings.selectors import register_of_interests

    for _ in range(3):
        person = PersonFactory()
        _entry(person)
        _entry(person, description="Ended", ended_on=date(2012, 6, 1))
    with django_assert_num_queries(1):
        registers = register_of_interests()
    assert [(len(r.current), len(r.ended)) for r in registers] == [(1, 1)] * 3


def test_the_declarations_item_of_the_meeting_page_lists_what_the_reader_may_see(
        client, officer, item):
    exempt = AgendaItemFactory(meeting=item.meeting, number=2, is_exempt=True,
                               exempt_paragraph=ExemptParagraph.FINANCIAL)
    _declare(item, PersonFactory(name="Jo Trustee (placeholder)"), officer)
    _declare(exempt, PersonFactory(name="Sam Bidder (placeholder)"), officer,
             interest="Director of the preferred bidder")
    standard_items_add(meeting=item.meeting, by=officer)
    item.refresh_from_db()
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert (f"Item {item.number}: Jo Trustee (placeholder), disclosable pecuniary interest: "
            f"{INTEREST}") in page
    assert "Director of the preferred bidder" not in page
    client.force_login(officer)
    assert "Director of the preferred bidder" in client.get(
        item.meeting.get_absolute_url()).content.decode()
