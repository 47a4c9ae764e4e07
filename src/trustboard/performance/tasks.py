"""Background work of the indicators: importing a file an analyst uploaded."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from trustboard.core.jobs import job_running
from trustboard.performance.errors import ImportFileError
from trustboard.performance.imports import data_import
from trustboard.performance.models import DataImport, ImportStatus


@task()
def import_uploaded_file(job_id: int) -> None:
    """Import the file stored for the job, all or nothing, then delete the stored copy."""
    with job_running(job_id) as progress:
        params = progress.job.params
        record = DataImport.objects.get(pk=params["data_import_id"])
        by = get_user_model().objects.filter(pk=progress.job.created_by_id).first()
        progress.stage("Checking and writing rows")
        try:
            record = data_import(
                path=default_storage.path(params["stored_name"]), by=by,
                file_name=params["file_name"], format=params["format"] or None,
                create_indicators=params["create_indicators"], polarity=params["polarity"],
                record=record, progress=lambda done, total: progress.update(done, total))
        except ImportFileError as error:
            _record_failed(record, error.message)
            raise
        except Exception as error:
            # Whatever stopped it, the record must not say "queued" for ever.
            _record_failed(record, f"Something went wrong that Trustboard did not expect "
                                   f"({type(error).__name__}); nothing was written.")
            raise
        finally:
            default_storage.delete(params["stored_name"])
        progress.succeed(
            url=reverse("performance:import-list"),
            summary=f"{record.rows:,} rows read: {record.created:,} data points created, "
                    f"{record.updated:,} updated and {record.unchanged:,} unchanged.")


def _record_failed(record: DataImport, error: str) -> None:
    DataImport.objects.filter(pk=record.pk).update(status=ImportStatus.FAILED, error=error,
                                                   finished_at=timezone.now())
