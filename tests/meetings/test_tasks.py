"""Publishing the agenda pack in the background."""

import pytest

from tests.meetings.factories import AgendaItemFactory, MeetingFactory, pdf_bytes, upload
from trustboard.core.models import Job
from trustboard.meetings.models import PackVersion
from trustboard.meetings.services import pack_publish_queue, paper_upload

pytestmark = pytest.mark.django_db


def test_job_says_which_version_was_published_and_how_long_it_is(officer, run_tasks):
    item = AgendaItemFactory(meeting=MeetingFactory(), number=1, title="Early Help")
    paper_upload(item=item, title="Strategy", file=upload("s.pdf", pdf_bytes("S", pages=2)),
                 by=officer)
    job = pack_publish_queue(meeting=item.meeting, by=officer)
    run_tasks()
    job.refresh_from_db()
    version = PackVersion.objects.get()
    assert job.status == "succeeded", job.error
    assert job.result_summary == f"Agenda pack version 1 published: {version.public_pages} pages."
    assert job.done == job.total and job.result_url == item.meeting.get_absolute_url()


def test_job_for_a_deleted_meeting_fails_with_a_reason(officer, run_tasks):
    item = AgendaItemFactory(meeting=MeetingFactory(), number=1)
    job = pack_publish_queue(meeting=item.meeting, by=officer)
    item.meeting.delete()
    run_tasks()
    job = Job.objects.get(pk=job.pk)
    assert job.status == "failed"
    assert job.error == "The meeting has been deleted since its pack was asked for."
