"""The background import: whatever ends it, its import record says how it ended."""

import pytest
from django.utils import timezone

from trustboard.core.jobs import job_enqueue
from trustboard.core.models import Job, JobStatus
from trustboard.performance import tasks
from trustboard.performance.models import DataImport, ImportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings, tmp_path):
    """A file stored and its import queued, as the upload page leaves them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    (tmp_path / "media" / "imports").mkdir(parents=True)
    (tmp_path / "media" / "imports" / "stored.xlsx").write_bytes(b"PK\x03\x04" + b"x" * 100)
    record = DataImport.objects.create(file_name="local.xlsx", sha256="", format="",
                                       at=timezone.now())
    job = job_enqueue(task=tasks.import_uploaded_file, title="Import of local.xlsx", user=None,
                      params={"data_import_id": record.pk, "stored_name": "imports/stored.xlsx",
                              "file_name": "local.xlsx", "format": "",
                              "create_indicators": False, "polarity": "no_judgement"})
    return job, record


def test_a_workbook_that_cannot_be_opened_marks_the_record_failed(queued, tmp_path):
    job, record = queued

    tasks.import_uploaded_file.call(job.pk)

    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED
    assert record.error.startswith("local.xlsx was not imported: 1 error.")
    assert "the workbook cannot be opened" in record.error
    assert record.finished_at is not None
    assert Job.objects.get().status == JobStatus.FAILED
    assert not (tmp_path / "media" / "imports" / "stored.xlsx").exists()


def test_an_unexpected_error_marks_the_record_failed_not_queued(queued, monkeypatch):
    job, record = queued

    def broken(**options):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tasks, "data_import", broken)
    with pytest.raises(RuntimeError):
        tasks.import_uploaded_file.call(job.pk)

    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED
    assert "did not expect (RuntimeError)" in record.error
    assert "did not expect" in Job.objects.get().error
