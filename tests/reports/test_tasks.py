"""A report job killed mid-way (kill -9): nothing written, and failed on the next start."""

import json

from tests.installation import (
    copy,
    integrity,
    kill,
    python,
    query,
    sqlite_installations,
    start,
    trustboard,
    wait_for,
)
from trustboard.core.jobs import STOPPED_MESSAGE

QUEUE_REWRITE = """
from trustboard.core.jobs import job_enqueue
from trustboard.reports.models import Report
from trustboard.reports.services import report_contact
from trustboard.reports.tasks import report_write_task
report = Report.objects.order_by("pk").first()
params = {"kind": report.kind, "plan": report.plan_id, "as_at": report.as_at.isoformat(),
          "committee": report.committee, "agenda_item": report.agenda_item,
          "meeting_date": report.meeting_date.isoformat() if report.meeting_date else None,
          "report_of": report.report_of, "title": report.title,
          "contact": report_contact(report)}
print(job_enqueue(task=report_write_task, user=None, params=params, title="Rewrite").pk)
"""


def _started(site, job_id: int) -> bool:
    """The job has reported a step of its work."""
    try:
        return json.loads((site / "jobs" / f"{job_id}.json").read_text())["done"] >= 1
    except (FileNotFoundError, ValueError):
        return False


@sqlite_installations
def test_a_killed_report_job_writes_nothing_and_fails_on_the_next_start(demo_installation,
                                                                         tmp_path):
    site = copy(demo_installation, tmp_path / "site")
    reports = query(site, "SELECT count(*) FROM reports_report")
    job_id = int(python(site, QUEUE_REWRITE))
    worker = start(site, "db-worker", "--no-reload", "--no-startup-delay", "--verbosity", "0")
    try:
        wait_for(lambda: _started(site, job_id), what="the report to be under way")
    finally:
        kill(worker)

    assert integrity(site) == "ok"
    assert query(site, "SELECT count(*) FROM reports_report") == reports
    assert query(site, "SELECT status FROM core_job WHERE id = ?", job_id) == [("running",)]

    trustboard(site, "db-worker", "--batch", "--no-startup-delay", "--verbosity", "0")

    assert query(site, "SELECT status, error FROM core_job WHERE id = ?", job_id) == [
        ("failed", STOPPED_MESSAGE)]
