"""Background work of meetings: publishing the agenda pack, with progress on the job's page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from trustboard.core.errors import RuleError
from trustboard.core.jobs import job_running
from trustboard.meetings.models import Meeting
from trustboard.meetings.services import pack_publish


@task()
def pack_publish_task(job_id: int) -> None:
    """Publish the next version of the job's meeting's agenda pack, all or nothing."""
    with job_running(job_id) as progress:
        meeting = Meeting.objects.filter(pk=progress.job.params["meeting"]).first()
        if meeting is None:
            raise RuleError("The meeting has been deleted since its pack was asked for.")
        by = get_user_model().objects.filter(pk=progress.job.created_by_id).first()
        version = pack_publish(
            meeting=meeting, by=by,
            progress=lambda done, total, stage: progress.update(done, total, stage=stage))
        summary = f"Agenda pack version {version.number} published: {version.public_pages} pages"
        if version.full_pdf:
            summary += f"; the members\u2019 full pack has {version.full_pages} pages"
        progress.succeed(url=meeting.get_absolute_url(), summary=summary + ".")
