"""The recommendations register's writes: refusals name the field and write nothing."""

import datetime

import pytest

from tests.reviews.factories import scrutiny_source
from trustboard.core.errors import RuleError
from trustboard.reviews.recommendation_models import (
    ActionStatus,
    Recommendation,
    RecommendationAction,
    RecommendationResponse,
    RecommendationStatus,
)
from trustboard.reviews.recommendations import (
    recommendation_action_progress,
    recommendation_action_save,
    recommendation_respond,
    recommendation_save,
    recommendations_add,
)

pytestmark = pytest.mark.django_db

PARAGRAPH_24 = ("That the Children's Trust becomes much more heavily involved in influencing "
                "the commissioning and decommissioning of services for children and their "
                "families, making the case for service change where reliable intelligence "
                "supports the point. The Panel would like to hear how the Children's Trust "
                "will seek to do this.")


@pytest.fixture
def recommendation(officer):
    return recommendation_save(recommendation=Recommendation(
        source=scrutiny_source(), number="24", text=PARAGRAPH_24), by=officer)


def test_a_recommendation_is_saved_open_and_awaiting_its_response(recommendation, officer):
    recommendation.refresh_from_db()
    assert recommendation.response == RecommendationResponse.AWAITED
    assert recommendation.status == RecommendationStatus.OPEN
    assert recommendation.body == "Middlesbrough Children's Trust"
    assert recommendation.history.first().history_user == officer


def test_a_number_repeated_in_one_source_is_refused_naming_the_number(recommendation,
                                                                       officer):
    with pytest.raises(RuleError) as error:
        recommendation_save(recommendation=Recommendation(
            source=recommendation.source, number="24", text="Another"), by=officer)
    assert error.value.field == "number"
    assert "already has a recommendation numbered 24" in error.value.message
    assert Recommendation.objects.count() == 1


def test_a_list_repeating_a_number_adds_none_of_it(officer):
    source = scrutiny_source()
    with pytest.raises(RuleError) as error:
        recommendations_add(source=source, items=[("19", "One"), ("20", "Two"), ("19", "Three")],
                            by=officer)
    assert error.value.field == "number"
    assert not Recommendation.objects.exists()


def test_not_accepted_without_a_reason_is_refused_and_nothing_changes(recommendation,
                                                                      officer):
    with pytest.raises(RuleError) as error:
        recommendation_respond(recommendation=recommendation,
                               response=RecommendationResponse.NOT_ACCEPTED, reason="  ",
                               by=officer)
    assert error.value.field == "response_reason"
    recommendation.refresh_from_db()
    assert recommendation.response == RecommendationResponse.AWAITED


def test_not_accepted_with_its_reason_closes_the_recommendation(recommendation, officer):
    recommendation_respond(recommendation=recommendation,
                           response=RecommendationResponse.NOT_ACCEPTED,
                           reason="Commissioning decisions rest with each partner.",
                           owner="Director of Children's Services", by=officer)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.CLOSED
    assert recommendation.owner == "Director of Children's Services"


@pytest.mark.parametrize(("field", "values"), [("owner", {"owner": ""}),
                                               ("due_on", {"due_on": None})])
def test_an_action_without_an_owner_or_due_date_is_refused_naming_it(
        recommendation, officer, field, values):
    fields = {"text": "Report commissioning plans to the Trust", "owner": "Head of "
              "Commissioning", "due_on": datetime.date(2011, 3, 31), **values}
    with pytest.raises(RuleError) as error:
        recommendation_action_save(action=RecommendationAction(
            recommendation=recommendation, **fields), by=officer)
    assert error.value.field == field
    assert not RecommendationAction.objects.exists()


def test_the_status_follows_the_actions_until_done(recommendation, officer):
    recommendation_respond(recommendation=recommendation,
                           response=RecommendationResponse.ACCEPTED, by=officer)
    first, second = (recommendation_action_save(action=RecommendationAction(
        recommendation=recommendation, text=text, owner="Head of Commissioning",
        due_on=datetime.date(2011, 3, 31)), by=officer) for text in ("One", "Two"))
    recommendation_action_progress(action=first, status=ActionStatus.COMPLETED,
                                   progress="Done.", updated_on=datetime.date(2011, 2, 1),
                                   by=officer)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.IN_PROGRESS
    recommendation_action_progress(action=second, status=ActionStatus.COMPLETED,
                                   updated_on=datetime.date(2011, 3, 1), by=officer)
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.DONE
    assert recommendation.completed_on == datetime.date(2011, 3, 1)


def test_the_database_refuses_not_accepted_without_a_reason_too(recommendation):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=recommendation.pk).update(
            response=RecommendationResponse.NOT_ACCEPTED, response_reason="")
