"""Background jobs: queued on the real database backend, run by the worker, shown on a page."""

import pytest
from django.urls import reverse
from django_tasks import task

from trustboard.core.errors import ImportRowError
from trustboard.core.jobs import job_enqueue, job_running, job_state, jobs_recover
from trustboard.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@task()
def count_to(job_id: int) -> None:
    with job_running(job_id) as progress:
        total = Job.objects.get(pk=job_id).params["to"]
        for done in range(1, total + 1):
            progress.update(done, total, stage="Counting")
        progress.succeed(url="/indicators/", summary=f"Counted to {total}.")


@task()
def refuse_row(job_id: int) -> None:
    with job_running(job_id):
        raise ImportRowError("the value is not a number.", row=7, column="Value",
                             source="data.csv")


@task()
def break_down(job_id: int) -> None:
    with job_running(job_id):
        raise ZeroDivisionError


def test_a_queued_job_waits_for_the_worker_then_finishes_with_its_result(officer, run_tasks):
    job = job_enqueue(task=count_to, title="Count to five", user=officer, params={"to": 5})
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED

    run_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total) == (5, 5)
    assert job.result_url == "/indicators/"
    assert job.result_summary == "Counted to 5."
    assert job.started_at <= job.finished_at


def test_a_refused_row_becomes_the_failure_message_the_person_reads(officer, run_tasks):
    job = job_enqueue(task=refuse_row, title="Import data.csv", user=officer)
    run_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "data.csv, line 7, 'Value': the value is not a number."


def test_an_unexpected_error_is_recorded_without_its_internals(officer, run_tasks):
    job = job_enqueue(task=break_down, title="Break", user=officer)
    run_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "did not expect (ZeroDivisionError)" in job.error


def test_running_progress_is_read_from_the_progress_file(officer, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    job = Job.objects.create(title="Import", created_by=officer, unit="rows")
    with job_running(job.pk) as progress:
        progress.update(250, 1000, stage="Checking rows")
        state = job_state(Job.objects.get(pk=job.pk))
        assert (state.done, state.total, state.stage, state.percent) == (
            250, 1000, "Checking rows", 25)
    assert not list((tmp_path / "jobs").iterdir())


def test_the_job_page_follows_progress_then_links_the_result(officer_client, officer,
                                                             run_tasks):
    job = job_enqueue(task=count_to, title="Count to three", user=officer, params={"to": 3})
    page = officer_client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "Waiting to start" in page and "Check progress" in page
    assert "job-progress.js" in page
    state = officer_client.get(reverse("core:job-state", args=[job.pk])).json()
    assert state == {"status": "queued", "finished": False, "done": 0, "total": None,
                     "percent": None, "stage": "", "text": "0 steps so far"}

    run_tasks()
    page = officer_client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "job-progress.js" not in page
    assert "Counted to 3." in page and 'href="/indicators/"' in page
    assert officer_client.get(reverse("core:job-state", args=[job.pk])).json()["finished"]


def test_only_its_owner_and_officers_see_a_job(client, officer, django_user_model):
    analyst = django_user_model.objects.create_user(
        username="analyst", password="analyst-password-1", role="analyst")
    other = django_user_model.objects.create_user(
        username="other", password="other-password-1", role="analyst")
    job = Job.objects.create(title="Import", created_by=analyst)
    url = reverse("core:job", args=[job.pk])

    assert client.get(url).status_code == 302  # the public is sent to sign in
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.get(reverse("core:job-state", args=[job.pk])).status_code == 404
    client.force_login(analyst)
    assert client.get(url).status_code == 200
    client.force_login(officer)
    assert client.get(url).status_code == 200



def test_a_running_job_whose_process_died_is_marked_failed(officer, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    job = Job.objects.create(title="Import", created_by=officer, status=JobStatus.RUNNING)

    assert jobs_recover() == [job]

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == ("The job stopped unexpectedly (the server or worker was restarted); "
                         "run it again.")
    assert job.finished_at is not None


def test_a_running_job_whose_process_lives_is_left_running(officer, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    job = Job.objects.create(title="Import", created_by=officer)
    with job_running(job.pk):
        assert jobs_recover() == []
        assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING


def test_a_queued_job_is_left_for_the_worker(officer, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    job = job_enqueue(task=count_to, title="Count to two", user=officer, params={"to": 2})

    assert jobs_recover() == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


def test_a_queue_row_running_in_a_dead_worker_is_marked_failed(officer, settings, tmp_path):
    from django_tasks_db.models import DBTaskResult

    settings.DATA_DIR = tmp_path
    job_enqueue(task=count_to, title="Count to two", user=officer, params={"to": 2})
    DBTaskResult.objects.get().claim("worker-that-died")

    jobs_recover()

    result = DBTaskResult.objects.get()
    assert result.status == "FAILED"
    assert result.exception_class_path == "trustboard.core.jobs.WorkerStopped"


def test_the_worker_marks_stopped_jobs_failed_as_it_starts(officer, run_tasks):
    job = Job.objects.create(title="Report", created_by=officer, status=JobStatus.RUNNING)

    run_tasks()

    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
