"""Imports whose process died mid-way: seen running by everyone, then marked failed.

An import is one transaction, so a killed one wrote nothing; what is left is its record.
A command-line import commits its record as running before it starts and holds a lease
(core.leases) while it runs; an uploaded file's import is followed by its job. When the
worker's recovery (core.jobs.jobs_recover) finds either dead, the record is marked failed
with STOPPED_MESSAGE, and the uploaded file kept for the job is deleted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.utils import timezone

from trustboard.core.jobs import job_stopped, recovery_requested
from trustboard.core.leases import lease_held, lease_is_alive
from trustboard.core.models import Job
from trustboard.performance.errors import ImportFileError
from trustboard.performance.models import DataImport, ImportStatus

STOPPED_MESSAGE = ("The import stopped unexpectedly (the server or worker was restarted) "
                   "and nothing was written; import the file again.")
INTERRUPTED_MESSAGE = "The import was interrupted and nothing was written; import the file again."


def _import_lease(record_id: int) -> str:
    return f"import-{record_id}"


@contextmanager
def data_import_watched(*, file_name: str, by) -> Iterator[DataImport]:
    """A running import record, committed so everyone sees it, to pass to `data_import`.

    A refused file leaves no record (the person has the errors before them); an interrupted
    import leaves a failed one; a killed one stays running until recovery fails it.
    """
    record = DataImport.objects.create(file_name=file_name[:255], sha256="", format="", by=by,
                                       at=timezone.now(), status=ImportStatus.RUNNING)
    with lease_held(_import_lease(record.pk)):
        try:
            yield record
        except ImportFileError:
            DataImport.objects.filter(pk=record.pk).delete()
            raise
        except BaseException:
            _failed(DataImport.objects.filter(pk=record.pk), INTERRUPTED_MESSAGE)
            raise


def _failed(records, message: str) -> int:
    return records.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]).update(
        status=ImportStatus.FAILED, error=message, finished_at=timezone.now())


def imports_recover(**_) -> list[int]:
    """Mark failed the running imports whose process has died; return their ids."""
    stopped = []
    for record_id in DataImport.objects.filter(status=ImportStatus.RUNNING).values_list(
            "pk", flat=True):
        if not lease_is_alive(_import_lease(record_id)) and _failed(
                DataImport.objects.filter(pk=record_id), STOPPED_MESSAGE):
            stopped.append(record_id)
    return stopped


def data_import_stopped(*, job: Job, **_) -> None:
    """The import a stopped job was running failed too; its kept upload is deleted."""
    record_id, stored_name = job.params.get("data_import_id"), job.params.get("stored_name")
    if record_id is None:
        return
    _failed(DataImport.objects.filter(pk=record_id), STOPPED_MESSAGE)
    if stored_name:
        default_storage.delete(stored_name)


def connect() -> None:
    job_stopped.connect(data_import_stopped, sender=Job, dispatch_uid="performance-import")
    recovery_requested.connect(imports_recover, sender=Job, dispatch_uid="performance-imports")
