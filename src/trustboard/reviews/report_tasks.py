"""The board review report written in the background, with progress on the job's page."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django_tasks import task

from trustboard.core.errors import RuleError
from trustboard.core.jobs import job_running
from trustboard.reviews.models import Review
from trustboard.reviews.report import review_report_draft_create


@task()
def review_report_write_task(job_id: int) -> None:
    """Write a draft review report and its HTML, Word and PDF from the job's parameters."""
    with job_running(job_id) as progress:
        params = dict(progress.job.params)
        params.pop("back", None)
        review = Review.objects.filter(pk=params.pop("review")).first()
        if review is None:
            raise RuleError("The review has been deleted since the report was asked for.")
        user = get_user_model().objects.filter(pk=progress.job.created_by_id).first()
        meeting_date = params.pop("meeting_date", None)
        report = review_report_draft_create(
            review=review, by=user,
            meeting_date=datetime.date.fromisoformat(meeting_date) if meeting_date else None,
            progress=lambda done, total, stage: progress.update(done, total, stage=stage),
            **params)
        progress.succeed(url=report.get_absolute_url(),
                         summary=f"{report.title}, version {report.version}: written as HTML, "
                                 "Word and PDF.")
