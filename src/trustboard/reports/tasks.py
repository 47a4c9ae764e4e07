"""Reports written in the background, with progress on the job's page."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django_tasks import task

from trustboard.core.errors import RuleError
from trustboard.core.jobs import job_running
from trustboard.plans.models import Plan
from trustboard.reports.services import report_draft_create


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@task()
def report_write_task(job_id: int) -> None:
    """Write a draft report, and its HTML, Word and PDF files, from the job's parameters."""
    with job_running(job_id) as progress:
        params = dict(progress.job.params)
        plan = Plan.objects.filter(pk=params.pop("plan")).first()
        if plan is None:
            raise RuleError("The plan has been deleted since the report was asked for.")
        user = get_user_model().objects.filter(pk=progress.job.created_by_id).first()
        for name in ("as_at", "meeting_date", "period_start"):
            params[name] = _date(params.get(name))
        report = report_draft_create(
            by=user, plan=plan,
            progress=lambda done, total, stage: progress.update(done, total, stage=stage),
            **params)
        progress.succeed(url=report.get_absolute_url(),
                         summary=f"{report.title}, version {report.version}: written as HTML, "
                                 "Word and PDF.")
