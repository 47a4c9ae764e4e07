"""Pages for papers, the pack, minutes, coverage, attendance and editing the agenda."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.governance.factories import MembershipFactory, PersonFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    at,
    pdf_bytes,
    upload,
)
from trustboard.core.models import Job
from trustboard.meetings.models import (
    AgendaItem,
    ExemptParagraph,
    MeetingStatus,
    PackVersion,
    Paper,
)
from trustboard.meetings.services import minutes_draft, pack_publish, paper_upload
from trustboard.plans.models import Plan, Priority

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Award of the young carers support contract"
SECRET_PAPER = "Tender evaluation"


@pytest.fixture
def meeting(officer):
    meeting = MeetingFactory(starts_at=at(2012, 7, 12, 14), ends_at=at(2012, 7, 12, 16),
                             status=MeetingStatus.HELD)
    strategy = AgendaItemFactory(meeting=meeting, number=1, title="Looked After Children Strategy")
    secret = AgendaItemFactory(meeting=meeting, number=2, title=SECRET_TITLE, is_exempt=True,
                               exempt_paragraph=ExemptParagraph.FINANCIAL)
    DecisionFactory(item=secret, text="Preferred bidder endorsed.")
    paper_upload(item=strategy, title="The strategy", file=upload("lac.pdf", pdf_bytes("LAC")),
                 by=officer)
    paper_upload(item=secret, title=SECRET_PAPER, file=upload("t.pdf", pdf_bytes("Tender")),
                 by=officer)
    return meeting


def _member_of(meeting, user):
    MembershipFactory(body=meeting.body, person=PersonFactory(user=user))


def _upload_page(client, meeting, name: str, content: bytes):
    item = meeting.items.get(number=1)
    return client.post(reverse("meetings:paper-create", args=[meeting.pk]), {
        "item": item.pk, "title": "Uploaded paper",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf")})


def test_officer_uploads_a_paper_and_it_is_listed(officer_client, meeting):
    response = _upload_page(officer_client, meeting, "report.pdf", pdf_bytes("Report"))
    assert response.status_code == 302
    page = officer_client.get(meeting.get_absolute_url()).content.decode()
    assert "Uploaded paper" in page


@pytest.mark.parametrize(("name", "content", "message"), [
    ("report.pdf", b"<html><script>alert(1)</script></html>", "not really a PDF"),
    ("<script>alert(1)<script>.pdf", b"%PDF-", "contains markup"),
    ("report.exe", b"MZ", "named .pdf or .docx"),
])
def test_upload_page_refuses_bad_files_beside_the_file_field(officer_client, meeting, name,
                                                            content, message):
    response = _upload_page(officer_client, meeting, name, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'href="#id_file"' in page
    assert not Paper.objects.filter(title="Uploaded paper").exists()


def test_upload_page_refuses_a_file_above_the_limit(officer_client, meeting, settings):
    settings.TRUSTBOARD_MAX_PAPER_BYTES = 1000
    page = _upload_page(officer_client, meeting, "big.pdf", pdf_bytes("Big")).content.decode()
    assert "a paper can be at most" in page


def test_members_cannot_upload(member_client, meeting):
    assert _upload_page(member_client, meeting, "a.pdf", pdf_bytes("A")).status_code == 403


def test_public_reads_an_open_paper_but_not_an_exempt_one(client, meeting):
    open_paper = Paper.objects.get(title="The strategy")
    secret = Paper.objects.get(title=SECRET_PAPER)
    response = client.get(open_paper.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(secret.get_absolute_url()).status_code == 404


def test_member_of_the_body_reads_the_exempt_paper_uncached(member_client, member, meeting):
    _member_of(meeting, member)
    response = member_client.get(Paper.objects.get(title=SECRET_PAPER).get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_member_of_another_body_cannot_read_the_exempt_paper(member_client, member, meeting):
    MembershipFactory(person=PersonFactory(user=member))
    assert member_client.get(Paper.objects.get(title=SECRET_PAPER).get_absolute_url()
                             ).status_code == 404


def test_papers_are_not_served_from_a_public_media_address(client, meeting):
    paper = Paper.objects.get(title=SECRET_PAPER)
    assert client.get("/media/" + paper.file.name).status_code == 404
    assert paper.file.name not in client.get(meeting.get_absolute_url()).content.decode()


def test_officer_publishes_the_pack_and_the_queue_writes_it(officer_client, meeting,
                                                             run_tasks):
    url = reverse("meetings:pack-publish", args=[meeting.pk])
    response = officer_client.post(url)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert not PackVersion.objects.exists()
    run_tasks()
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert job.result_url == meeting.get_absolute_url()
    version = PackVersion.objects.get(meeting=meeting)
    assert job.result_summary.startswith(
        f"Agenda pack version 1 published: {version.public_pages} pages")
    with version.public_pdf.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    page = officer_client.get(job.result_url).content.decode()
    assert "Agenda pack, version 1" in page
    assert "Full pack for members, version 1" in page


def test_a_supplement_after_publishing_queues_the_next_version(officer_client, meeting,
                                                               officer, run_tasks):
    pack_publish(meeting=meeting, by=officer)
    response = _upload_page(officer_client, meeting, "late.pdf", pdf_bytes("Late report"))
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    paper = Paper.objects.get(title="Uploaded paper")
    assert paper.is_supplement
    assert meeting.pack_versions.count() == 1  # not published in the request
    run_tasks()
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    latest = meeting.pack_versions.order_by("-number").first()
    assert latest.number == 2
    assert "Uploaded paper" in officer_client.get(meeting.get_absolute_url()).content.decode()


def test_a_paper_before_publishing_goes_back_to_the_meeting_and_queues_nothing(
        officer_client, meeting):
    response = _upload_page(officer_client, meeting, "early.pdf", pdf_bytes("Early"))
    assert response["Location"] == meeting.get_absolute_url()
    assert not Job.objects.exists()


def test_a_paper_that_cannot_be_read_fails_the_job_and_writes_no_pack(officer_client, meeting,
                                                                      run_tasks):
    Path(Paper.objects.get(title="The strategy").file.path).write_bytes(b"%PDF-1.4\ngarbage")
    officer_client.post(reverse("meetings:pack-publish", args=[meeting.pk]))
    run_tasks()
    job = Job.objects.get()
    assert job.status == "failed"
    assert "\u201cThe strategy\u201d (item 1) cannot be read" in job.error
    assert not PackVersion.objects.exists()
    assert "cannot be read" in officer_client.get(job.get_absolute_url()).content.decode()


def test_pack_of_a_cancelled_meeting_is_refused_before_it_is_queued(officer_client, meeting):
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    page = officer_client.post(reverse("meetings:pack-publish", args=[meeting.pk])
                               ).content.decode()
    assert "its pack cannot be published" in page
    assert not Job.objects.exists()


def test_member_cannot_publish_the_pack(member_client, meeting):
    response = member_client.post(reverse("meetings:pack-publish", args=[meeting.pk]))
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_public_gets_the_public_pack_and_not_the_full_one(client, meeting, officer):
    pack_publish(meeting=meeting, by=officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Agenda pack, version 1" in page
    assert "Full pack" not in page
    response = client.get(reverse("meetings:pack-download", args=[meeting.pk, 1]))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    full = client.get(reverse("meetings:pack-download-full", args=[meeting.pk, 1]))
    assert full.status_code == 302 and "/sign-in/" in full["Location"]


def test_pack_is_withdrawn_from_the_public_when_the_clerk_makes_an_item_exempt(
        officer_client, meeting, officer):
    client = Client()  # the public, beside the clerk's signed-in client
    pack_publish(meeting=meeting, by=officer)
    item = meeting.items.get(number=1)
    officer_client.post(reverse("meetings:item-edit", args=[item.pk]), {
        "title": item.title, "purpose": "decision", "is_exempt": "on",
        "exempt_paragraph": ExemptParagraph.FINANCIAL})
    item.refresh_from_db()
    assert item.is_exempt

    public = client.get(meeting.get_absolute_url()).content.decode()
    assert "Agenda pack, version 1" not in public
    assert "The agenda pack has not been published yet." in public
    response = client.get(reverse("meetings:pack-download", args=[meeting.pk, 1]))
    assert response.status_code == 404

    clerk = officer_client.get(meeting.get_absolute_url()).content.decode()
    assert "The public has no current agenda pack. Version 1 was withdrawn" in clerk
    assert "Withdrawn from the public" in clerk
    kept = officer_client.get(reverse("meetings:pack-download", args=[meeting.pk, 1]))
    assert kept.status_code == 200
    assert kept["Cache-Control"] == "private, no-store"


def test_member_of_the_body_gets_the_full_pack(member_client, member, meeting, officer):
    _member_of(meeting, member)
    pack_publish(meeting=meeting, by=officer)
    response = member_client.get(reverse("meetings:pack-download-full", args=[meeting.pk, 1]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_member_of_another_body_does_not_get_the_full_pack(member_client, member, meeting,
                                                           officer):
    MembershipFactory(person=PersonFactory(user=member))
    pack_publish(meeting=meeting, by=officer)
    assert member_client.get(reverse("meetings:pack-download-full", args=[meeting.pk, 1])
                             ).status_code == 404


def test_public_minutes_leave_out_the_exempt_item(client, meeting, officer):
    minutes_draft(meeting=meeting, by=officer)
    page = client.get(reverse("meetings:minutes-detail", args=[meeting.pk])).content.decode()
    assert "Looked After Children Strategy" in page
    assert SECRET_TITLE not in page
    assert "Preferred bidder endorsed." not in page


def test_officer_drafts_edits_and_approves_minutes_then_edits_are_refused(officer_client,
                                                                         meeting):
    later = MeetingFactory(body=meeting.body, starts_at=at(2012, 9, 20, 14),
                           ends_at=at(2012, 9, 20, 16))
    officer_client.post(reverse("meetings:minutes-draft", args=[meeting.pk]))
    section = meeting.minutes.sections.get(item__number=1)
    edit = reverse("meetings:minutes-section-edit", args=[section.pk])
    officer_client.post(edit, {"text": "The strategy was approved unanimously."})
    response = officer_client.post(reverse("meetings:minutes-approve", args=[meeting.pk]),
                                   {"approved_at": later.pk})
    assert response.status_code == 302
    page = officer_client.get(reverse("meetings:minutes-detail", args=[meeting.pk])
                              ).content.decode()
    assert "The strategy was approved unanimously." in page
    assert "20 September 2012" in page
    refused = officer_client.post(edit, {"text": "Changed later."}).content.decode()
    assert "are frozen; they cannot change" in refused


def test_officer_edits_a_meeting(officer_client, meeting):
    officer_client.post(reverse("meetings:meeting-edit", args=[meeting.pk]), {
        "body": meeting.body.pk, "date": "2012-07-12", "starts": "15:00", "ends": "17:00",
        "place": "Mansfield Civic Centre", "status": "held"})
    meeting.refresh_from_db()
    assert meeting.place == "Mansfield Civic Centre"
    assert meeting.items.count() == 2


def test_officer_cancels_a_scheduled_meeting(officer_client):
    meeting = MeetingFactory()
    officer_client.post(reverse("meetings:meeting-cancel", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_officer_edits_an_item_and_links_it_to_a_priority(officer_client, meeting):
    plan = Plan.objects.create(title="CYPF Plan", slug="cypf", starts_on=at(2011, 4, 1).date(),
                               ends_on=at(2014, 3, 31).date())
    priority = Priority.objects.create(plan=plan, number=1, title="Keep children safe")
    item = meeting.items.get(number=1)
    officer_client.post(reverse("meetings:item-edit", args=[item.pk]), {
        "title": "Looked After Children Strategy 2012-15", "purpose": "decision",
        "priorities": [priority.pk]})
    item.refresh_from_db()
    assert item.title == "Looked After Children Strategy 2012-15"
    assert list(item.priorities.all()) == [priority]
    assert "priority 1. Keep children safe" in officer_client.get(
        meeting.get_absolute_url()).content.decode()


def test_officer_removes_an_item_without_records(officer_client, meeting):
    item = AgendaItemFactory(meeting=meeting, number=3, title="Any other business")
    officer_client.post(reverse("meetings:item-delete", args=[item.pk]))
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_item_with_a_decision_cannot_be_removed(officer_client, meeting):
    item = meeting.items.get(number=2)
    page = officer_client.post(reverse("meetings:item-delete", args=[item.pk])).content.decode()
    assert "has 1 decision and 1 paper on record" in page
    assert AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("name", ["meetings:meeting-edit", "meetings:meeting-cancel",
                                  "meetings:paper-create", "meetings:pack-publish",
                                  "meetings:minutes-draft"])
def test_officer_pages_refuse_members(member_client, meeting, name):
    assert member_client.get(reverse(name, args=[meeting.pk])).status_code == 403


def test_coverage_page_shows_uncovered_priorities(client, meeting):
    plan = Plan.objects.create(title="CYPF Plan", slug="cypf", starts_on=at(2011, 4, 1).date(),
                               ends_on=at(2014, 3, 31).date())
    covered = Priority.objects.create(plan=plan, number=1, title="Keep children safe")
    Priority.objects.create(plan=plan, number=2, title="Early help")
    meeting.items.get(number=1).priorities.add(covered)
    page = client.get(reverse("meetings:coverage") + f"?plan={plan.pk}&year=2012"
                      ).content.decode()
    assert "Priority 2. Early help" in page
    assert meeting.body.name in page


def test_attendance_page_lists_key_decision_makers_absent(client, meeting):
    MembershipFactory(body=meeting.body, role="chair",
                      person__name="Corporate Director (placeholder)")
    page = client.get(reverse("meetings:attendance-report") + "?year=2012").content.decode()
    assert "Corporate Director (placeholder) (chair): absent" in page


def test_meeting_list_flags_a_meeting_on_a_bank_holiday(client):
    MeetingFactory(starts_at=at(2013, 4, 1), ends_at=at(2013, 4, 1, 12))
    page = client.get(reverse("meetings:meeting-list")).content.decode()
    assert "meets on a bank holiday (Easter Monday)" in page


def test_meeting_page_shows_quoracy(client, meeting):
    meeting.body.quorum = 3
    meeting.body.save()
    assert "Not quorate" in client.get(meeting.get_absolute_url()).content.decode()


def test_meeting_edit_form_shows_the_meeting_as_it_is(officer_client, meeting):
    page = officer_client.get(reverse("meetings:meeting-edit", args=[meeting.pk])
                              ).content.decode()
    assert 'value="2012-07-12"' in page
    assert 'value="14:00"' in page


def test_officer_plans_a_boards_year_from_the_page(officer_client):
    from tests.governance.factories import BodyFactory

    board = BodyFactory(meetings_per_year=3)
    response = officer_client.post(reverse("meetings:forward-plan-generate"), {
        "body": board.pk, "start": "2016-04-01", "end": "2017-03-31", "weekday": "",
        "starts": "10:00"})
    assert response.status_code == 302
    assert board.meetings.count() == 3
