"""The analyst's upload page: the file is kept, imported in the background, and reported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.performance.files import fingertips_row, fingertips_text
from trustboard.core.models import Job, JobStatus
from trustboard.performance.models import DataImport, DataPoint, ImportStatus, Indicator
from trustboard.performance.selectors import published_points

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client, django_user_model, areas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    analyst = django_user_model.objects.create_user(
        username="analyst", password="analyst-password-1", role="analyst")
    client.force_login(analyst)
    return client


def upload(client, name: str, text: str, **fields):
    return client.post("/indicators/imports/new/", {
        "file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv"),
        "format": "", "polarity": "lower_is_better", "create_indicators": "on", **fields})


def test_an_upload_queues_an_import_that_the_worker_completes(analyst_client, run_tasks,
                                                              tmp_path):
    text = fingertips_text([fingertips_row(), fingertips_row(**{
        "Area Code": "E92000001", "Area Name": "England", "Value": "72.7"})])
    response = upload(analyst_client, "injuries.csv", text)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    assert job.status == JobStatus.QUEUED and job.title == "Import of injuries.csv"

    run_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result_summary.startswith("2 rows read: 2 data points created")
    assert DataPoint.objects.count() == 2
    record = DataImport.objects.get()
    assert (record.status, record.file_name, record.by.username) == (
        ImportStatus.COMPLETED, "injuries.csv", "analyst")
    assert not list((tmp_path / "media" / "imports").iterdir()), "the stored copy is deleted"
    page = analyst_client.get("/indicators/imports/").text
    assert "injuries.csv" in page and "Completed" in page


def test_a_refused_file_names_its_row_and_column_and_writes_nothing(analyst_client, run_tasks):
    text = fingertips_text([fingertips_row(Value="eighty")])
    upload(analyst_client, "bad.csv", text)
    run_tasks()

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "bad.csv was not imported: 1 error" in job.error
    assert "line 2, 'Value'" in job.error
    assert DataPoint.objects.count() == 0
    assert DataImport.objects.get().status == ImportStatus.FAILED
    page = analyst_client.get(f"/jobs/{job.pk}/").text
    assert "nothing was changed" in page and "line 2, &#x27;Value&#x27;" in page


def test_an_xlsx_that_is_not_a_zip_fails_as_a_workbook_that_cannot_be_opened(analyst_client,
                                                                              run_tasks):
    analyst_client.post("/indicators/imports/new/", {
        "file": SimpleUploadedFile("local.xlsx", b"PK\x03\x04" + b"not a zip file" * 50),
        "format": "", "polarity": "no_judgement"})
    run_tasks()

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "the workbook cannot be opened: it is damaged or is not an Excel workbook" \
        in job.error
    assert "did not expect" not in job.error
    record = DataImport.objects.get()
    assert record.status == ImportStatus.FAILED
    assert "the workbook cannot be opened" in record.error
    assert DataPoint.objects.count() == 0
    page = analyst_client.get("/indicators/imports/").text
    assert "local.xlsx" in page and "Failed" in page


def test_a_file_that_is_not_csv_or_xlsx_is_refused_on_the_form(analyst_client):
    response = upload(analyst_client, "minutes.pdf", "%PDF-1.7")
    assert response.status_code == 200
    assert "minutes.pdf is not a CSV or XLSX file" in response.text
    assert not Job.objects.exists() and not DataImport.objects.exists()


def test_a_file_above_the_limit_is_refused_on_the_form(analyst_client, settings):
    settings.TRUSTBOARD_MAX_IMPORT_BYTES = 100
    response = upload(analyst_client, "big.csv", "x" * 101)
    assert "the largest file the page takes" in response.text
    assert "trustboard import-data" not in response.text  # no command for a web user
    assert not Job.objects.exists()


def test_an_indicator_an_upload_adds_starts_unpublished(analyst_client, run_tasks, client):
    form = analyst_client.get("/indicators/imports/new/").text
    assert "Indicators the import adds start unpublished" in form
    upload(analyst_client, "injuries.csv", fingertips_text([fingertips_row()]))
    run_tasks()

    indicator = Indicator.objects.get()
    assert indicator.approval_required and indicator.owner is None
    assert DataPoint.objects.count() == 1
    assert not published_points(DataPoint.objects.all()).exists()


def test_an_unknown_indicator_is_explained_without_a_command_line_flag(analyst_client,
                                                                       run_tasks):
    upload(analyst_client, "injuries.csv", fingertips_text([fingertips_row()]),
           create_indicators="")
    run_tasks()

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "indicator 90284 is not in Trustboard" in job.error
    assert "--create-indicators" not in job.error
    page = analyst_client.get(f"/jobs/{job.pk}/").text
    assert 'href="/indicators/imports/new/" class="govuk-back-link">Back to the upload form' \
        in page
    assert "Put the file right and upload it again" in page


def test_a_path_or_control_characters_in_the_name_are_not_kept(analyst_client):
    upload(analyst_client, "..\\..\\etc\\pass\x07wd.csv", fingertips_text([fingertips_row()]))
    assert DataImport.objects.get().file_name == "passwd.csv"


@pytest.mark.parametrize("role", ["member", "officer"])
def test_only_analysts_and_officers_may_upload(client, django_user_model, role):
    user = django_user_model.objects.create_user(username=role, password="x-password-123",
                                                 role=role)
    client.force_login(user)
    expected = 403 if role == "member" else 200
    assert client.get("/indicators/imports/new/").status_code == expected
    assert client.get("/indicators/imports/").status_code == expected


def test_the_public_is_sent_to_sign_in(client):
    assert client.get("/indicators/imports/new/").status_code == 302
