"""Meetings as a clerk runs them (issue 13): standard business, exempt items listed to the
public by their paragraph of Schedule 12A after the exclusion resolution, joint meetings."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    ScenarioFactory,
)
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, at, pdf_bytes, upload
from trustboard.core.errors import RuleError
from trustboard.meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Decision,
    DecisionKind,
    ExemptParagraph,
    Meeting,
    MeetingStatus,
    Purpose,
    StandardItem,
)
from trustboard.meetings.selectors import last_meeting_cycle
from trustboard.meetings.services import (
    agenda_item_move,
    agenda_item_save,
    attendance_record,
    decision_save,
    meeting_save,
    minutes_draft,
    pack_publish,
    paper_upload,
)

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Award of the young carers support contract"
SECRET_PAPER = "Young carers support contract: tender evaluation"
STANDARD_TITLES = ["Apologies and substitutions", "Declarations of interest",
                   "Minutes of the last meeting", "Matters arising", "Any other business",
                   "Date of next meeting"]


def _titles(meeting) -> list[str]:
    return [str(item) for item in meeting.items.order_by("number")]


@pytest.fixture
def body():
    return BodyFactory(name="Children's Trust Executive", quorum=6,
                       scenario=ScenarioFactory(name="arrangement-2013", is_current=True))


@pytest.fixture
def meeting(body, officer):
    return meeting_save(meeting=Meeting(body=body, starts_at=at(2012, 7, 12, 14),
                                        status=MeetingStatus.HELD), by=officer)


def _add(meeting, officer, title, *, paragraph=None, public_title=""):
    return agenda_item_save(item=AgendaItem(
        meeting=meeting, title=title, purpose=Purpose.DECISION, is_exempt=paragraph is not None,
        exempt_paragraph=paragraph, public_title=public_title), by=officer)


@pytest.fixture
def agenda(meeting, officer):
    """The July 2012 agenda: an open item and the exempt contract award (paragraph 3)."""
    _add(meeting, officer, "Looked After Children Strategy")
    secret = _add(meeting, officer, SECRET_TITLE, paragraph=ExemptParagraph.FINANCIAL)
    paper_upload(item=secret, title=SECRET_PAPER, by=officer,
                 file=upload("tender.pdf", pdf_bytes(SECRET_PAPER)))
    decision_save(decision=Decision(item=secret, kind=DecisionKind.AWARD_CONTRACT,
                                    text="Preferred bidder at the tendered price."), by=officer)
    return meeting


# Standard business


def test_a_new_meetings_agenda_starts_with_the_standard_items(meeting):
    assert _titles(meeting) == [f"{n}. {title}" for n, title in enumerate(STANDARD_TITLES, 1)]
    assert meeting.items.get(number=1).standard == StandardItem.APOLOGIES


def test_a_new_item_goes_before_any_other_business_and_the_next_meeting(meeting, officer):
    _add(meeting, officer, "Looked After Children Strategy")
    assert _titles(meeting)[3:] == ["4. Matters arising", "5. Looked After Children Strategy",
                                    "6. Any other business", "7. Date of next meeting"]


def test_an_exempt_item_follows_the_exclusion_of_the_press_and_public(agenda):
    assert _titles(agenda)[4:] == [
        "5. Looked After Children Strategy", "6. Any other business", "7. Date of next meeting",
        "8. Exclusion of the press and public", f"9. {SECRET_TITLE}"]


def test_the_clerk_moves_a_standard_item_and_removes_another(officer_client, meeting):
    aob = meeting.items.get(standard=StandardItem.AOB)
    response = officer_client.post(reverse("meetings:item-move", args=[aob.pk, "down"]))
    assert response.status_code == 302
    assert _titles(meeting)[4:] == ["5. Date of next meeting", "6. Any other business"]
    matters = meeting.items.get(standard=StandardItem.MATTERS_ARISING)
    officer_client.post(reverse("meetings:item-delete", args=[matters.pk]))
    assert "Matters arising" not in " ".join(_titles(meeting))
    assert _titles(meeting)[3] == "4. Date of next meeting"


def test_an_exempt_item_cannot_move_above_the_exclusion(agenda, officer):
    secret = agenda.items.get(title=SECRET_TITLE)
    with pytest.raises(RuleError, match="after the press and public are excluded"):
        agenda_item_move(item=secret, up=True, by=officer)
    assert _titles(agenda)[-1] == f"9. {SECRET_TITLE}"


def test_the_meeting_page_offers_to_move_items_with_buttons(officer_client, meeting):
    page = officer_client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:item-move", args=[meeting.items.get(number=2).pk, "up"]) in page
    assert "Move down<span class=\"govuk-visually-hidden\"> item 1</span>" in page


# Exempt business as the public sees it


def test_public_agenda_lists_the_exempt_item_by_its_paragraph_after_the_exclusion(client,
                                                                                   agenda):
    page = client.get(agenda.get_absolute_url()).content.decode()
    assert "9. Exempt item: Schedule 12A paragraph 3" in page
    assert "Item not for publication" in page  # no public title given: the generic one
    assert ("To resolve that the press and public be excluded from the meeting for the "
            "following item of business, on the grounds that it involves the likely disclosure "
            "of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A to the "
            "Local Government Act 1972.") in page
    assert page.index("Exclusion of the press and public") < page.index("Exempt item:")
    assert SECRET_TITLE not in page and SECRET_PAPER not in page
    assert "Preferred bidder" not in page


def test_public_agenda_shows_the_public_title_the_clerk_gave(client, meeting, officer):
    _add(meeting, officer, SECRET_TITLE, paragraph=3, public_title="Award of a support contract")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Award of a support contract" in page and SECRET_TITLE not in page


def test_members_see_the_exempt_item_and_what_the_public_sees_of_it(officer_client, agenda):
    page = officer_client.get(agenda.get_absolute_url()).content.decode()
    assert SECRET_TITLE in page
    assert "The public sees: &ldquo;Exempt item: Schedule 12A paragraph 3: Item not for " \
           "publication&rdquo;" in page


def test_public_minutes_record_the_item_taken_in_private_and_any_decision_made_public(
        client, agenda, officer):
    private = Decision.objects.get(item__title=SECRET_TITLE)
    decision_save(decision=Decision(item=private.item, kind=DecisionKind.AGREE, is_public=True,
                                    text="A support contract was awarded for three years."),
                  by=officer)
    minutes_draft(meeting=agenda, by=officer)
    page = client.get(reverse("meetings:minutes-detail", args=[agenda.pk])).content.decode()
    assert "9. Exempt item: Schedule 12A paragraph 3" in page
    assert "This item was taken in private, the press and public having been excluded." in page
    assert ("RESOLVED that the following be agreed: A support contract was awarded for three "
            "years.") in page
    assert ("RESOLVED that the press and public be excluded from the meeting for the following "
            "item of business") in page
    assert SECRET_TITLE not in page and "Preferred bidder" not in page


def test_public_pack_lists_the_exempt_line_with_no_paper(agenda, officer):
    version = pack_publish(meeting=agenda, by=officer)
    with version.public_pdf.open("rb") as stored:
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(stored).pages).split())
    assert "9. Exempt item: Schedule 12A paragraph 3: Item not for publication" in text
    assert "paragraph 3 of Part 1 of Schedule 12A" in text
    assert SECRET_TITLE not in text and SECRET_PAPER not in text
    assert version.public_pages == version.full_pages - 1  # the exempt paper stays out


def test_minutes_word_each_kind_of_decision_as_a_committee_would(meeting, officer):
    item = _add(meeting, officer, "Young carers support")
    committee = BodyFactory(scenario=meeting.body.scenario, name="Children and Young People's "
                                                                 "Committee")
    for kind, text, target in (
            (DecisionKind.AWARD_CONTRACT, "To the preferred bidder.", None),
            (DecisionKind.APPROVE_STRATEGY, "The Young Carers Strategy.", None),
            (DecisionKind.NOTE, "The report on young carers.", None),
            (DecisionKind.RECOMMEND, "The refreshed plan, for approval.", committee)):
        decision_save(decision=Decision(item=item, kind=kind, text=text, target_body=target),
                      by=officer)
    minute = minutes_draft(meeting=meeting, by=officer).sections.get(item=item).text
    assert minute.split("\n\n") == [
        "RESOLVED that the contract be awarded: To the preferred bidder.",
        "RESOLVED that the strategy be approved: The Young Carers Strategy.",
        "RESOLVED that the following be noted: The report on young carers.",
        "RESOLVED that the following be recommended to Children and Young People's Committee: "
        "The refreshed plan, for approval."]


def test_standard_items_are_minuted_from_the_record(meeting, officer):
    later = meeting_save(meeting=Meeting(body=meeting.body, starts_at=at(2012, 9, 20, 14),
                                         place="County Hall"), by=officer)
    away = MembershipFactory(body=meeting.body, person=PersonFactory(name="Probation manager"))
    attendance_record(meeting=meeting, statuses={away.person_id: AttendanceStatus.APOLOGIES},
                      by=officer)
    sections = {section.item.standard: section.text for section in
                minutes_draft(meeting=meeting, by=officer).sections.exclude(item=None)}
    assert sections[StandardItem.APOLOGIES] == "Apologies were received from Probation manager."
    assert sections[StandardItem.DECLARATIONS] == "No interests were declared."
    assert sections[StandardItem.NEXT_MEETING] == (
        "The next meeting will be held on Thursday 20 September 2012 at 14:00, County Hall.")
    assert later.items.count() == 6


# Meetings that have not started


@pytest.fixture
def upcoming(body, officer):
    MembershipFactory.create_batch(7, body=body, role="member")
    return meeting_save(meeting=Meeting(body=body,
                                        starts_at=timezone.now() + timedelta(days=30)), by=officer)


def test_a_scheduled_meeting_shows_its_quorum_not_that_it_is_not_quorate(officer_client,
                                                                         upcoming):
    page = officer_client.get(upcoming.get_absolute_url()).content.decode()
    assert "Quorum: 6 voting members" in page
    assert "Not quorate" not in page and "0 voting members present" not in page
    assert reverse("meetings:attendance-edit", args=[upcoming.pk]) not in page
    assert reverse("meetings:minutes-draft", args=[upcoming.pk]) not in page


def test_attendance_and_minutes_wait_until_the_meeting_starts(upcoming, officer):
    person = upcoming.body.memberships.first().person_id
    with pytest.raises(RuleError, match="once the meeting has started"):
        attendance_record(meeting=upcoming, statuses={person: "present"}, by=officer)
    with pytest.raises(RuleError, match="once the meeting has started"):
        minutes_draft(meeting=upcoming, by=officer)


def test_approving_minutes_before_the_next_meeting_exists_links_to_adding_it(officer_client,
                                                                             meeting, officer):
    minutes_draft(meeting=meeting, by=officer)
    page = officer_client.get(reverse("meetings:minutes-approve", args=[meeting.pk]))
    text = page.content.decode()
    assert "has not been arranged yet" in text
    assert f'{reverse("meetings:meeting-create")}?body={meeting.body.pk}' in text
    form = officer_client.get(f'{reverse("meetings:meeting-create")}?body={meeting.body.pk}')
    assert f'<option value="{meeting.body.pk}" selected>' in form.content.decode()


# The arrangement in force


def test_only_bodies_of_the_arrangement_in_force_are_offered(officer_client, body):
    proposed = BodyFactory(name="Children's Trust Board (proposed)",
                           scenario=ScenarioFactory(name="proposed 2015"))
    page = officer_client.get(reverse("meetings:meeting-create")).content.decode()
    assert body.name.replace("'", "&#x27;") in page and proposed.name not in page
    plan = officer_client.get(reverse("meetings:forward-plan-generate")).content.decode()
    assert proposed.name not in plan


def test_a_body_of_a_proposed_arrangement_cannot_meet(body, officer):
    proposed = BodyFactory(scenario=ScenarioFactory(name="proposed 2015"))
    with pytest.raises(RuleError, match="not the arrangement in force"):
        meeting_save(meeting=Meeting(body=proposed, starts_at=at(2015, 6, 1)), by=officer)


def test_the_public_never_sees_the_arrangements_slug(client, meeting):
    for url in (meeting.get_absolute_url(), reverse("meetings:meeting-list")):
        text = re.sub(r"<[^>]+>", " ", client.get(url).content.decode())
        assert "arrangement-2013" not in text


# Joint meetings (2015 review, paragraph 11: "A joint meeting each year, as previously held")


@pytest.fixture
def joint(body, officer):
    safeguarding = BodyFactory(name="Safeguarding Children Board", quorum=2,
                               scenario=body.scenario)
    for person_body, name in ((body, "Deputy Director"), (safeguarding, "NSCB chair"),
                              (safeguarding, "Police superintendent")):
        MembershipFactory(body=person_body, person=PersonFactory(name=name), role="member")
    return meeting_save(meeting=Meeting(body=safeguarding, starts_at=at(2012, 12, 13, 14)),
                        joint_bodies=[body], by=officer)


def test_a_joint_meeting_has_both_bodies_members_and_a_quorum_for_each(officer_client, joint,
                                                                       body):
    form = officer_client.get(reverse("meetings:attendance-edit", args=[joint.pk]))
    for name in ("Deputy Director", "NSCB chair", "Police superintendent"):
        assert name in form.content.decode()
    people = {m.person.name: m.person_id for m in joint.body.memberships.all()}
    attendance_record(meeting=joint, by=None, statuses={
        pk: AttendanceStatus.PRESENT for pk in people.values()})
    page = officer_client.get(joint.get_absolute_url()).content.decode()
    assert "Safeguarding Children Board and Children&#x27;s Trust Executive, 13 December" in page
    assert "<strong>Safeguarding Children Board</strong>: <strong class=\"govuk-tag " \
           "govuk-tag--green\">Quorate</strong> 2 voting members present; 2 needed." in page
    assert "<strong>Children&#x27;s Trust Executive</strong>: <strong class=\"govuk-tag " \
           "govuk-tag--red\">Not quorate</strong> 0 voting members present; 6 needed." in page


def test_a_joint_meeting_is_on_both_bodies_calendars(client, joint, body):
    for calendar_body in (joint.body, body):
        feed = client.get(reverse("meetings:body-calendar", args=[calendar_body.pk]))
        events = Calendar.from_ical(feed.content).walk("VEVENT")
        assert [str(event["summary"]) for event in events] == [
            "Safeguarding Children Board and Children's Trust Executive (joint meeting)"]
    page = client.get(reverse("meetings:meeting-list")).content.decode()
    assert page.count(joint.get_absolute_url()) == 2


def test_a_joint_body_cannot_be_in_two_meetings_at_once(joint, body, officer):
    with pytest.raises(RuleError, match="already meets on 13 December 2012"):
        meeting_save(meeting=Meeting(body=body, starts_at=at(2012, 12, 13, 15)), by=officer)


def test_officer_sets_up_a_joint_meeting_from_the_form(officer_client, body):
    other = BodyFactory(name="Safeguarding Children Board", scenario=body.scenario)
    officer_client.post(reverse("meetings:meeting-create"), {
        "body": other.pk, "joint_bodies": [body.pk], "date": "2012-12-13", "starts": "14:00",
        "status": "scheduled"})
    meeting = Meeting.objects.get(body=other)
    assert list(meeting.joint_bodies.all()) == [body]


# The newsletter


def test_the_newsletter_opens_on_the_last_meeting_cycle(client, body, officer):
    for day in (date(2013, 1, 17), date(2013, 3, 21)):
        MeetingFactory(body=body, starts_at=at(day.year, day.month, day.day, 14))
    assert last_meeting_cycle(today=date(2013, 4, 1)) == (date(2013, 1, 18), date(2013, 3, 21))
    page = client.get(reverse("meetings:newsletter")).content.decode()
    assert "Newsletter: 18 January 2013 to 21 March 2013" in page
    assert 'value="2013-01-18"' in page


def test_the_demo_lists_its_exempt_items_by_paragraph_and_has_a_joint_meeting(demo, client):
    award = AgendaItem.objects.get(title=SECRET_TITLE)
    page = client.get(award.meeting.get_absolute_url()).content.decode()
    assert "Exempt item: Schedule 12A paragraph 3" in page
    assert "Award of a support contract (illustrative public title)" in page
    assert SECRET_TITLE not in page
    assert _titles(award.meeting)[0] == "1. Apologies and substitutions"
    joint = Meeting.objects.get(joint_bodies__isnull=False)
    assert {joint.body.name, *joint.joint_bodies.values_list("name", flat=True)} == {
        "Nottinghamshire Safeguarding Children Board", "Children's Trust Executive"}
    assert AgendaItemFactory._meta.model.objects.filter(meeting=joint).count() == 8


def test_members_of_each_body_of_a_joint_meeting_see_its_exempt_items(client, joint, body,
                                                                     member, officer):
    _add(joint, officer, SECRET_TITLE, paragraph=ExemptParagraph.FINANCIAL)
    client.force_login(member)
    assert SECRET_TITLE not in client.get(joint.get_absolute_url()).content.decode()
    MembershipFactory(body=body, person=PersonFactory(name="Sam Member", user=member))
    page = client.get(joint.get_absolute_url()).content.decode()
    assert SECRET_TITLE in page  # a member of the Executive, meeting jointly
    other = MeetingFactory(body=BodyFactory(scenario=body.scenario), starts_at=at(2012, 12, 14))
    _add(other, officer, "Another body's secret", paragraph=ExemptParagraph.FINANCIAL)
    assert "Another body&#x27;s secret" not in client.get(other.get_absolute_url()).content.decode()
