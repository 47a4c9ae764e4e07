"""An officer cannot tie an anonymous answer to a person: not through a page, the CSV export
or the database rows themselves."""

import uuid

import pytest
from django.db import connection
from django.urls import reverse

from tests.reviews.conftest import TODAY
from trustboard.reviews.models import Answer, Invitation, Response
from trustboard.reviews.services import answers_save_draft, answers_submit

pytestmark = pytest.mark.django_db

SECRET = "Written by the first to be invited"


def _answer_all(survey):
    for token, comment in zip(survey.tokens, (SECRET, "", ""), strict=True):
        answers_submit(public_id=survey.public_id, token=token, today=TODAY,
                       data={1: {"score": 5}, 2: {"choices": ["Yes"], "comment": comment}})


def _columns(model) -> dict[str, str]:
    """Every column of the model's table in the database, with its type."""
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor,
                                                                      model._meta.db_table)
    return {column.name: connection.introspection.get_field_type(column.type_code, column)
            for column in description}


def test_response_and_answer_rows_hold_no_link_to_an_invitation(survey):
    columns = {**_columns(Response), **_columns(Answer)}
    assert not any("invitation" in name for name in columns)
    assert not any(kind == "DateTimeField" for kind in columns.values())
    related = {field.related_model for model in (Response, Answer)
               for field in model._meta.get_fields() if field.is_relation and field.concrete}
    assert Invitation not in related


def test_an_anonymous_response_has_no_person_only_the_day_and_a_random_id(survey):
    _answer_all(survey)
    for response in Response.objects.all():
        assert response.person_id is None
        assert response.group == ""  # the invitation's group (Health, Police) is not copied
        assert response.submitted_on == TODAY
        assert isinstance(response.pk, uuid.UUID) and response.pk.version == 4
    assert all(answer.pk.version == 4 for answer in Answer.objects.all())


def test_responses_are_ordered_by_their_random_id_not_by_when_they_came(survey):
    assert Response._meta.ordering == ["questionnaire", "id"]
    assert Answer._meta.ordering == ["item", "id"]


def test_answers_and_responses_keep_no_history(survey):
    assert not hasattr(Response, "history") and not hasattr(Answer, "history")


def test_answering_leaves_no_timed_history_row_on_the_invitation(survey):
    before = Invitation.history.count()
    answers_save_draft(public_id=survey.public_id, token=survey.tokens[0], today=TODAY,
                       data={1: {"score": 5}})
    _answer_all(survey)
    assert Invitation.history.count() == before
    assert not Invitation.history.filter(answered_on__isnull=False).exists()


def test_the_draft_is_emptied_when_the_answers_are_sent(survey):
    answers_save_draft(public_id=survey.public_id, token=survey.tokens[0], today=TODAY,
                       data={2: {"choices": ["Yes"], "comment": SECRET}})
    _answer_all(survey)
    assert not Invitation.objects.exclude(draft={}).exists()


def test_no_page_or_export_shows_an_answer_beside_its_person(officer_client, survey):
    _answer_all(survey)
    who = officer_client.get(survey.get_absolute_url()).content.decode()
    assert "Ada Able" in who and SECRET not in who
    results = officer_client.get(reverse("reviews:results", args=["test-review"]))
    assert SECRET in results.content.decode()
    # Whole names: "Ben" alone is in the navigation's "Benchmarks".
    assert not any(name in results.content.decode()
                   for name in ("Ada Able", "Ben Bold", "Cy Calm"))
    export = officer_client.get(reverse("reviews:answers-export",
                                        args=["test-review", survey.pk])).content.decode()
    assert SECRET in export and "Ada" not in export and "Health" not in export


def test_the_results_selector_carries_no_ids_people_or_dates(survey):
    from dataclasses import fields

    from trustboard.reviews.selectors import Comment, OptionCount, QuestionResult
    names = {field.name for model in (Comment, OptionCount, QuestionResult)
             for field in fields(model)}
    assert not names & {"id", "pk", "response", "person", "invitation", "submitted_on"}


def test_an_anonymous_response_is_grouped_only_by_what_the_respondent_answered(survey):
    survey.group_question = survey.items.get(number=2)
    survey.save()
    _answer_all(survey)
    assert set(Response.objects.values_list("group", flat=True)) == {"Yes"}
