"""Sending links and taking answers: every refusal is plain and nothing is counted twice."""

import datetime
import hashlib

import pytest
from django.core import mail

from tests.governance.factories import PersonFactory
from tests.reviews.conftest import TODAY, link_for
from trustboard.core.errors import RuleError
from trustboard.reviews.models import Answer, Invitation, Response
from trustboard.reviews.services import (
    AnswersRefused,
    LinkRefused,
    Recipient,
    answers_save_draft,
    answers_submit,
    invitations_send,
    questionnaire_save,
    reminders_send,
)

pytestmark = pytest.mark.django_db

GOOD = {1: {"score": 7}, 2: {"choices": ["Yes"], "comment": "Clear enough"}}


def _submit(survey, token, data=GOOD, today=TODAY):
    return answers_submit(public_id=survey.public_id, token=token, data=data, today=today)


def test_invitations_store_only_the_hash_of_each_token(survey):
    stored = set(Invitation.objects.values_list("token_hash", flat=True))
    assert stored == {hashlib.sha256(token.encode()).hexdigest() for token in survey.tokens}
    assert not any(token in stored for token in survey.tokens)


def test_sending_emails_each_person_their_own_link(survey, django_capture_on_commit_callbacks):
    # The fixture's emails went on commit; send a reminder to see one go out here.
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(questionnaire=survey, by=None, link_for=link_for, today=TODAY)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ada@example.org", "ben@example.org", "cy@example.org"]
    assert all(f"/reviews/answer/{survey.public_id}/" in message.body for message in mail.outbox)


def test_reminders_go_only_to_those_who_have_not_answered(survey,
                                                           django_capture_on_commit_callbacks):
    _submit(survey, survey.tokens[0])
    with django_capture_on_commit_callbacks(execute=True):
        count = reminders_send(questionnaire=survey, by=None, link_for=link_for, today=TODAY)
    assert count == 2
    assert "ada@example.org" not in [message.to[0] for message in mail.outbox]


def test_a_reminder_replaces_the_old_link(survey):
    reminders_send(questionnaire=survey, by=None, link_for=link_for, today=TODAY)
    with pytest.raises(LinkRefused, match="not recognised"):
        _submit(survey, survey.tokens[1])


def test_an_answer_is_counted_once_and_the_link_is_used_up(survey):
    _submit(survey, survey.tokens[0])
    with pytest.raises(LinkRefused, match="already been sent") as refused:
        _submit(survey, survey.tokens[0])
    assert refused.value.status == 410
    assert Response.objects.count() == 1


def test_a_tampered_token_is_refused(survey):
    with pytest.raises(LinkRefused, match="not recognised"):
        _submit(survey, survey.tokens[0][:-2] + "xx")
    assert not Response.objects.exists()


def test_a_link_for_another_questionnaire_is_refused(survey):
    with pytest.raises(LinkRefused, match="another questionnaire"):
        answers_submit(public_id="00000000-0000-0000-0000-000000000000",
                       token=survey.tokens[0], data=GOOD, today=TODAY)


def test_an_expired_link_is_refused(survey):
    with pytest.raises(LinkRefused, match="closed on 14 August 2015"):
        _submit(survey, survey.tokens[0], today=datetime.date(2015, 8, 15))


def test_a_score_outside_the_scale_is_refused_naming_the_question(survey):
    with pytest.raises(AnswersRefused) as refused:
        _submit(survey, survey.tokens[0], data={**GOOD, 1: {"score": 11}})
    assert refused.value.errors == {"q1": "Question 1: choose a score from 1 to 10."}
    assert not Response.objects.exists()
    assert not Invitation.objects.filter(answered_on__isnull=False).exists()


def test_a_missing_required_answer_is_refused(survey):
    with pytest.raises(AnswersRefused) as refused:
        _submit(survey, survey.tokens[0], data={1: {"score": 4}})
    assert refused.value.errors == {"q2": "Question 2: answer this question; it is required."}


def test_a_ranked_question_must_rank_every_option(survey):
    with pytest.raises(AnswersRefused, match="rank every option"):
        _submit(survey, survey.tokens[0], data={**GOOD, 3: {"choices": ["Voice"]}})


def test_a_draft_is_kept_and_finished_from_the_same_link(survey):
    answers_save_draft(public_id=survey.public_id, token=survey.tokens[0],
                       data={1: {"score": 3}}, today=TODAY)
    invitation = Invitation.objects.get(name="Ada Able")
    assert invitation.draft == {"1": {"score": 3, "choices": [], "text": "", "comment": ""}}
    assert not Response.objects.exists()
    _submit(survey, survey.tokens[0])
    invitation.refresh_from_db()
    assert invitation.draft == {} and invitation.answered_on == TODAY


def test_an_anonymous_answer_keeps_no_link_to_its_person(survey):
    response = _submit(survey, survey.tokens[0])
    assert response.person is None
    assert response.submitted_on == TODAY  # the day, no time
    assert Answer.objects.filter(response=response).count() == 2


def test_anonymity_cannot_be_switched_off_once_answers_are_in(survey):
    _submit(survey, survey.tokens[0])
    survey.is_anonymous = False
    with pytest.raises(RuleError, match="cannot change now"):
        questionnaire_save(questionnaire=survey, by=None)


def test_a_named_questionnaire_keeps_who_answered(survey):
    survey.is_anonymous = False
    questionnaire_save(questionnaire=survey, by=None)
    person = PersonFactory()
    sent = invitations_send(questionnaire=survey, by=None, link_for=link_for, today=TODAY,
                            recipients=[Recipient(name=person.name, email="", person=person)])
    assert _submit(survey, sent[0].token).person == person
