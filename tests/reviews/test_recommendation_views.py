"""The register's pages: a page per source for the body that has to answer; officers
record responses and actions, refused input is shown beside its field."""

import datetime

import pytest
from django.urls import reverse

from tests.reviews.factories import scrutiny_source
from trustboard.reviews.recommendation_models import (
    Recommendation,
    RecommendationAction,
    RecommendationResponse,
)
from trustboard.reviews.recommendations import recommendation_save

pytestmark = pytest.mark.django_db

ASKS = "The Panel would like to hear how the Children's Trust will seek to do this."


@pytest.fixture
def recommendation(officer):
    source = scrutiny_source(asks=ASKS, is_illustrative=True)
    return recommendation_save(recommendation=Recommendation(
        source=source, number="24", text="That the Children's Trust becomes much more heavily "
        "involved in influencing the commissioning <b>and</b> decommissioning of services."),
        by=officer)


def test_a_member_reads_each_recommendation_with_its_response(member_client, recommendation):
    page = member_client.get(recommendation.source.get_absolute_url()).content.decode()
    assert "Recommendation 24" in page
    assert ASKS.replace("'", "&#x27;") in page
    assert "Response awaited" in page
    assert "the responses, owners, actions and progress are made up" in page
    assert "commissioning &lt;b&gt;and&lt;/b&gt; decommissioning" in page
    assert "Record the response" not in page


def test_the_register_lists_each_source_with_its_counts(member_client, recommendation):
    page = member_client.get(reverse("recommendations:source-list")).content.decode()
    assert "Ad Hoc Children&#x27;s Trust Scrutiny Panel: final report" in page
    assert "Illustrative responses" in page


def test_the_public_is_sent_to_sign_in(client, recommendation):
    response = client.get(recommendation.source.get_absolute_url())
    assert response.status_code == 302 and "/sign-in/" in response.url


def test_not_accepted_with_no_reason_is_shown_beside_the_reason(officer_client,
                                                                recommendation):
    url = reverse("recommendations:recommendation-response",
                  args=[recommendation.source.slug, recommendation.pk])
    page = officer_client.post(url, {"response": "not_accepted", "response_reason": ""})
    assert page.status_code == 200
    assert ('<a href="#id_response_reason">Give the reason the recommendation was not '
            'accepted.</a>') in page.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.response == RecommendationResponse.AWAITED


def test_an_officer_records_the_response_and_an_action(officer_client, recommendation):
    source = recommendation.source
    officer_client.post(reverse("recommendations:recommendation-response",
                                args=[source.slug, recommendation.pk]),
                        {"response": "accepted", "owner": "Director of Children's Services"})
    response = officer_client.post(
        reverse("recommendations:action-add", args=[source.slug, recommendation.pk]),
        {"text": "Report commissioning intentions to the Trust", "owner": "Head of "
         "Commissioning", "due_on": "2011-03-31", "status": "on_schedule"})
    assert response.status_code == 302
    action = RecommendationAction.objects.get()
    assert action.due_on == datetime.date(2011, 3, 31)
    page = officer_client.get(source.get_absolute_url()).content.decode()
    assert "Accepted" in page and "Head of Commissioning" in page and "In progress" in page


def test_an_action_with_no_owner_is_refused_beside_the_owner(officer_client, recommendation):
    page = officer_client.post(
        reverse("recommendations:action-add",
                args=[recommendation.source.slug, recommendation.pk]),
        {"text": "Report commissioning intentions", "owner": "", "due_on": "2011-03-31",
         "status": "not_started"})
    assert "Give the action&#x27;s owner" in page.content.decode()
    assert not RecommendationAction.objects.exists()


def test_a_repeated_number_is_refused_beside_the_number(officer_client, recommendation):
    page = officer_client.post(
        reverse("recommendations:recommendation-add", args=[recommendation.source.slug]),
        {"number": "24", "text": "Again"})
    assert "already has a recommendation numbered 24" in page.content.decode()
    assert Recommendation.objects.count() == 1
