"""Background jobs: enqueue work on the django-tasks queue and report its progress.

An app writes its work as a django-tasks task taking a job id, and wraps the work in
`job_running`, which marks the Job running, hands the work a `JobProgress` and records
success or failure. A TrustboardError (a refused import row, a rule) becomes the
failure message the person reads; anything else is recorded and re-raised for the log.

Progress is written to a file under TRUSTBOARD_DATA_DIR/jobs/, not to the database:
the work runs in one transaction, so rows it writes are invisible until it commits.

Running work holds a lease (core.leases). Should its process die (kill -9, a restart, the
machine going down), `jobs_recover`, which the worker runs as it starts and every minute,
finds the lease gone and marks the job failed with STOPPED_MESSAGE; the work's transaction
was never committed, so nothing of it was written and the person can run it again.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.dispatch import Signal
from django.utils import timezone

from trustboard.core.errors import TrustboardError
from trustboard.core.leases import lease_held, lease_is_alive
from trustboard.core.models import Job, JobStatus, Role
from trustboard.core.permissions import role_of

# Progress is written at most this often, so a fast loop does not spend its time on it.
WRITE_INTERVAL_SECONDS = 0.25

STOPPED_MESSAGE = ("The job stopped unexpectedly (the server or worker was restarted); "
                   "run it again.")
INTERRUPTED_MESSAGE = "The job was interrupted (the worker was stopped); run it again."

# Sent with `job` for each job `jobs_recover` marks failed, so its app can tidy its records.
job_stopped = Signal()
# Sent once per recovery, so apps can recover work that runs outside jobs (a command's import).
recovery_requested = Signal()


def job_enqueue(*, task, title: str, user, params: dict | None = None,
                unit: str = "steps") -> Job:
    """Record a queued Job and put `task(job_id)` on the queue."""
    job = Job.objects.create(title=title, params=params or {}, unit=unit,
                             created_by=user if user and user.is_authenticated else None)
    task.enqueue(job.pk)
    return job


def _progress_path(job_id: int) -> Path:
    return Path(settings.DATA_DIR) / "jobs" / f"{job_id}.json"


class JobProgress:
    """What running work tells its progress page: done of total, and the current stage."""

    def __init__(self, job: Job):
        self.job = job
        self._written_at = 0.0
        self.url = ""
        self.summary = ""

    def update(self, done: int, total: int | None = None, *, stage: str | None = None) -> None:
        self.job.done = done
        if total is not None:
            self.job.total = total
        if stage is not None:
            self.job.stage = stage
        now = time.monotonic()
        if stage is not None or now - self._written_at >= WRITE_INTERVAL_SECONDS:
            self._written_at = now
            self._write()

    def stage(self, stage: str) -> None:
        self.update(self.job.done, stage=stage)

    def succeed(self, *, url: str = "", summary: str = "") -> None:
        """Say where the result is and what it was; recorded when the work returns."""
        self.url, self.summary = url, summary

    def _write(self) -> None:
        path = _progress_path(self.job.pk)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(
            {"done": self.job.done, "total": self.job.total, "stage": self.job.stage}))
        os.replace(partial, path)  # readers never see half a file


def _job_lease(job_id: int) -> str:
    return f"job-{job_id}"


@contextmanager
def job_running(job_id: int) -> Iterator[JobProgress]:
    with lease_held(_job_lease(job_id)):
        job = Job.objects.get(pk=job_id)
        job.status, job.started_at = JobStatus.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])
        progress = JobProgress(job)
        try:
            yield progress
        except TrustboardError as error:
            _finish(job, JobStatus.FAILED, error=str(error))
        except Exception as error:
            name = type(error).__name__
            _finish(job, JobStatus.FAILED,
                    error=f"Something went wrong that Trustboard did not expect ({name}). "
                          "An administrator can find the details in the worker's log.")
            raise
        except BaseException:
            # Ctrl+C twice, or the worker told to stop at once: the work was undone.
            _finish(job, JobStatus.FAILED, error=INTERRUPTED_MESSAGE)
            raise
        else:
            job.result_url, job.result_summary = progress.url, progress.summary
            if job.total is not None:
                job.done = job.total
            _finish(job, JobStatus.SUCCEEDED)


def _finish(job: Job, status: str, *, error: str = "") -> None:
    job.status, job.error, job.finished_at = status, error, timezone.now()
    job.save()
    _progress_path(job.pk).unlink(missing_ok=True)


def jobs_recover() -> list[Job]:
    """Mark failed every running job whose process has died, and return them.

    A job's lease goes with its process, so a running job without a living lease will
    never finish. Queued jobs are left for a worker to pick up. Each failed job is sent
    with `job_stopped`; then `recovery_requested` lets apps recover their own work.
    """
    stopped = []
    for job in Job.objects.filter(status=JobStatus.RUNNING):
        if lease_is_alive(_job_lease(job.pk)):
            continue
        # Only if still running: work finishing meanwhile keeps its own outcome.
        if Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                status=JobStatus.FAILED, error=STOPPED_MESSAGE, finished_at=timezone.now()):
            _progress_path(job.pk).unlink(missing_ok=True)
            job.refresh_from_db()
            job_stopped.send(sender=Job, job=job)
            stopped.append(job)
    _task_results_recover()
    recovery_requested.send(sender=Job)
    return stopped


class WorkerStopped(Exception):
    """What a queue row records when the worker running its task died."""


def worker_lease(worker_id: str) -> str:
    return "worker-" + re.sub(r"[^A-Za-z0-9_-]", "_", worker_id)


def _task_results_recover() -> None:
    """Mark failed the queue's rows still running in a worker that has died."""
    from django_tasks_db.models import DBTaskResult

    for result in DBTaskResult.objects.running():
        if result.worker_ids and lease_is_alive(worker_lease(result.worker_ids[-1])):
            continue
        if DBTaskResult.objects.filter(pk=result.pk, status=result.status).exists():
            result.set_failed(WorkerStopped(STOPPED_MESSAGE))


@dataclass(frozen=True)
class JobState:
    job: Job
    done: int
    total: int | None
    stage: str

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @property
    def text(self) -> str:
        unit = self.job.unit
        if self.total:
            return f"{self.done:,} of {self.total:,} {unit} ({self.percent}%)"
        return f"{self.done:,} {unit} so far"

    def as_json(self) -> dict:
        return {"status": self.job.status, "finished": self.job.is_finished,
                "done": self.done, "total": self.total, "percent": self.percent,
                "stage": self.stage, "text": self.text}


def job_state(job: Job) -> JobState:
    """The job as its page shows it: the row, with live progress while it runs."""
    done, total, stage = job.done, job.total, job.stage
    if job.status == JobStatus.RUNNING:
        try:
            live = json.loads(_progress_path(job.pk).read_text())
        except (FileNotFoundError, ValueError):
            live = {}
        done, total, stage = live.get("done", done), live.get("total", total), live.get(
            "stage", stage)
    return JobState(job=job, done=done, total=total, stage=stage)


def user_can_see_job(user, job: Job) -> bool:
    role = role_of(user)
    return role is not None and (job.created_by_id == user.pk
                                 or role in {Role.ADMINISTRATOR, Role.OFFICER})
