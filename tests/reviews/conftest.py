import datetime

import pytest

from trustboard.reviews.models import Question, QuestionKind, Questionnaire, Review
from trustboard.reviews.services import (
    Recipient,
    invitations_send,
    question_save,
    questionnaire_question_add,
    questionnaire_save,
    review_save,
    section_add,
)

TODAY = datetime.date(2015, 7, 10)


def link_for(questionnaire, token):
    return f"http://testserver/reviews/answer/{questionnaire.public_id}/{token}/"


@pytest.fixture
def survey(db):
    return build_survey()


def build_survey():
    """A questionnaire of four questions (scale, yes/no with comment, ranked, optional text)
    sent to three people; `tokens` are their links' tokens, in the order invited."""
    review = review_save(review=Review(title="Test review", slug="test-review",
                                       starts_on=datetime.date(2015, 7, 1),
                                       ends_on=datetime.date(2015, 9, 30)), by=None)
    questionnaire = questionnaire_save(questionnaire=Questionnaire(
        review=review, title="Questionnaire to members", closes_on=datetime.date(2015, 8, 14)),
        by=None)
    section = section_add(questionnaire=questionnaire, title="Ratings", by=None)
    questions = [
        question_save(question=Question(code="rating", text="How would you rate it?",
                                        kind=QuestionKind.SCALE), by=None),
        question_save(question=Question(code="purpose", text="Is the purpose right?",
                                        kind=QuestionKind.YES_NO), by=None),
        question_save(question=Question(code="order", text="Rank these",
                                        kind=QuestionKind.RANKED,
                                        options=["Plan", "Voice", "Data"]), by=None),
        question_save(question=Question(code="more", text="Anything else?",
                                        kind=QuestionKind.TEXT), by=None),
    ]
    for number, question in enumerate(questions):
        questionnaire_question_add(questionnaire=questionnaire, question=question, by=None,
                                   section=section, is_required=number < 2,
                                   allows_comment=number == 1)
    sent = invitations_send(questionnaire=questionnaire, by=None, link_for=link_for,
                            today=TODAY, recipients=[
                                Recipient(name="Ada Able", email="ada@example.org",
                                          group="Health"),
                                Recipient(name="Ben Bold", email="ben@example.org",
                                          group="Health"),
                                Recipient(name="Cy Calm", email="cy@example.org",
                                          group="Police")])
    questionnaire.tokens = [link.token for link in sent]
    return questionnaire
