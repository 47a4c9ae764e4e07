"""Imports killed mid-way (kill -9): nothing half-written, and marked failed on the next start.

Each test runs real `trustboard` processes on a SQLite file in a temporary folder.
"""

import subprocess

import pytest
from django.utils import timezone

from tests.installation import (
    copy,
    integrity,
    kill,
    large_import_file,
    python,
    query,
    sqlite_installations,
    start,
    trustboard,
    wait_for,
    writing,
)
from trustboard.core.jobs import STOPPED_MESSAGE as JOB_STOPPED
from trustboard.performance.models import DataImport
from trustboard.performance.recovery import (
    INTERRUPTED_MESSAGE,
    STOPPED_MESSAGE,
    data_import_watched,
    imports_recover,
)

ROWS = 300_000


@pytest.fixture
def site(migrated_installation, tmp_path):
    return copy(migrated_installation, tmp_path / "site")


@pytest.fixture
def large_file(site, tmp_path):
    return large_import_file(site, tmp_path / "large.csv", rows=ROWS)


def _killed(process: subprocess.Popen, site) -> None:
    try:
        wait_for(lambda: writing(site) or process.poll() is not None, what="rows written")
        assert process.poll() is None, "the import finished before it could be killed"
    finally:
        kill(process)


def _imports(site) -> list[tuple]:
    return query(site, "SELECT status, error FROM performance_dataimport")


@sqlite_installations
def test_a_killed_command_line_import_writes_nothing_and_fails_on_the_next_start(site,
                                                                                 large_file):
    process = start(site, "import-data", str(large_file), "--quiet", "--create-indicators")
    _killed(process, site)

    assert integrity(site) == "ok"
    assert query(site, "SELECT count(*) FROM performance_datapoint") == [(0,)]
    assert query(site, "SELECT count(*) FROM performance_indicator") == [(0,)]
    assert _imports(site) == [("running", "")]

    trustboard(site, "db-worker", "--batch", "--no-startup-delay", "--verbosity", "0")

    assert _imports(site) == [("failed", STOPPED_MESSAGE)]


@sqlite_installations
def test_a_killed_worker_importing_an_upload_fails_the_job_and_the_import(site, large_file):
    job_id = int(python(site, f"""
from pathlib import Path
from django.core.files.uploadedfile import SimpleUploadedFile
from trustboard.performance.services import data_upload_queue
upload = SimpleUploadedFile("large.csv", Path({str(large_file)!r}).read_bytes())
print(data_upload_queue(upload=upload, by=None, create_indicators=True).pk)
"""))
    stored = list((site / "media" / "imports").iterdir())
    worker = start(site, "db-worker", "--no-reload", "--no-startup-delay", "--verbosity", "0")
    _killed(worker, site)

    assert integrity(site) == "ok"
    assert query(site, "SELECT count(*) FROM performance_datapoint") == [(0,)]
    assert query(site, "SELECT status FROM core_job WHERE id = ?", job_id) == [("running",)]

    trustboard(site, "db-worker", "--batch", "--no-startup-delay", "--verbosity", "0")

    assert query(site, "SELECT status, error FROM core_job WHERE id = ?", job_id) == [
        ("failed", JOB_STOPPED)]
    assert _imports(site) == [("failed", STOPPED_MESSAGE)]
    assert query(site, "SELECT status FROM django_tasks_database_dbtaskresult") == [
        ("FAILED",)]
    assert len(stored) == 1 and not stored[0].exists()


@pytest.mark.django_db
def test_an_interrupted_command_line_import_is_marked_failed_at_once(settings, tmp_path):
    settings.DATA_DIR = tmp_path

    with pytest.raises(KeyboardInterrupt), data_import_watched(file_name="big.csv", by=None):
        raise KeyboardInterrupt

    assert list(DataImport.objects.values_list("status", "error")) == [
        ("failed", INTERRUPTED_MESSAGE)]


@pytest.mark.django_db
def test_a_running_import_whose_process_lives_is_left_running(settings, tmp_path):
    settings.DATA_DIR = tmp_path

    with data_import_watched(file_name="big.csv", by=None) as record:
        assert imports_recover() == []
        assert DataImport.objects.get(pk=record.pk).status == "running"


@pytest.mark.django_db
def test_a_stopped_upload_job_fails_its_import_and_deletes_the_kept_file(settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from trustboard.core.jobs import jobs_recover
    from trustboard.core.models import Job

    settings.DATA_DIR = tmp_path
    stored = default_storage.save("imports/kept.csv", ContentFile(b"Indicator ID\n"))
    record = DataImport.objects.create(file_name="kept.csv", sha256="", format="",
                                       at=timezone.now())
    Job.objects.create(title="Import of kept.csv", status="running",
                       params={"data_import_id": record.pk, "stored_name": stored})

    jobs_recover()

    record.refresh_from_db()
    assert (record.status, record.error) == ("failed", STOPPED_MESSAGE)
    assert not default_storage.exists(stored)


@pytest.mark.django_db
def test_the_import_list_says_why_a_stopped_import_failed(officer_client, settings, tmp_path):
    from django.urls import reverse

    settings.DATA_DIR = tmp_path
    DataImport.objects.create(file_name="big.csv", sha256="", format="fingertips",
                              at=timezone.now(), status="running")
    imports_recover()

    page = officer_client.get(reverse("performance:import-list")).content.decode()

    assert "Why it failed" in page
    assert "The import stopped unexpectedly (the server or worker was restarted)" in page
