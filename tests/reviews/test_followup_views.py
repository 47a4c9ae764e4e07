"""A review's interviews and themes pages, and asking for its report."""

import datetime

import pytest
from django.urls import reverse

from tests.reviews.factories import review_2015
from trustboard.core.models import Job
from trustboard.plans.models import Plan
from trustboard.reviews.followup_models import Interview, ReviewReport
from trustboard.reviews.recommendation_models import RecommendationSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    return review_2015()


def test_an_officer_adds_an_interview_and_a_note_with_themes(officer_client, review):
    officer_client.post(reverse("reviews:interview-add", args=[review.slug]), {
        "role": "Group Manager for Childhood & Early Help", "organisation": "Nottinghamshire "
        "County Council", "group": "senior_manager", "held_on": "2015-09-10",
        "topic": "the locality management groups"})
    interview = Interview.objects.get()
    officer_client.post(reverse("reviews:interview-note-add", args=[review.slug, interview.pk]),
                        {"text": "Link the Trust with the proposed <locality> groups.",
                         "themes": "Localities, Membership"})
    page = officer_client.get(reverse("reviews:theme-list", args=[review.slug])).content.decode()
    assert "Localities" in page and "1 of 1" in page
    assert "Link the Trust with the proposed &lt;locality&gt; groups." in page
    assert "Group Manager for Childhood &amp; Early Help, Nottinghamshire County Council" in page


def test_an_interview_with_no_date_is_refused_beside_the_date(officer_client, review):
    page = officer_client.post(reverse("reviews:interview-add", args=[review.slug]), {
        "role": "Chair", "organisation": "Nottinghamshire County Council",
        "group": "member", "held_on": ""})
    assert page.status_code == 200 and not Interview.objects.exists()


def test_a_member_cannot_read_the_interview_notes(member_client, review):
    assert member_client.get(reverse("reviews:interview-list",
                                     args=[review.slug])).status_code == 403


def test_asking_for_the_report_queues_a_job_that_writes_it(officer_client, review,
                                                            run_tasks):
    Plan.objects.create(title="Plan", slug="plan", starts_on=datetime.date(2014, 4, 1),
                        ends_on=datetime.date(2016, 3, 31))
    response = officer_client.post(reverse("reviews:review-report-write", args=[review.slug]),
                                   {"committee": "Children's Trust Board"})
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    run_tasks()
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    report = ReviewReport.objects.get(review=review).report
    assert job.result_url == report.get_absolute_url()
    assert all(report.file_for(format).size > 0 for format in ("html", "docx", "pdf"))


def test_writing_a_review_report_again_goes_to_its_review(officer_client, review, officer):
    from trustboard.reviews.report import review_report_draft_create

    Plan.objects.create(title="Plan", slug="plan", starts_on=datetime.date(2014, 4, 1),
                        ends_on=datetime.date(2016, 3, 31))
    report = review_report_draft_create(review=review, by=officer, files=False)
    response = officer_client.post(reverse("reports:report-rewrite", args=[report.pk]))
    assert response.url == reverse("reviews:review-report-write", args=[review.slug])


def test_an_officer_adds_a_source_of_recommendations(officer_client):
    response = officer_client.post(reverse("recommendations:source-add"), {
        "kind": "inspection", "title": "Inspection of services for children in need of help "
        "and protection", "made_by": "Ofsted", "addressed_to": "The partnership"})
    source = RecommendationSource.objects.get()
    assert response.url == source.get_absolute_url()
    assert source.slug == "inspection-of-services-for-children-in-need-of-help-and-protection"
