"""Builders for the reviews tests of interviews, review reports and the register."""

from __future__ import annotations

import datetime

from trustboard.reviews.models import (
    YES,
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireQuestion,
    Response,
    Review,
)
from trustboard.reviews.recommendation_models import RecommendationSource, SourceKind

#: Table 1 of the 2015 review, question and weighted average score.
TABLE_1 = [
    ("How would you rate the effectiveness of the Children's Trust In meeting its "
     "responsibilities?", "5.9"),
    ("How would you rate the consultation with children, young people and families by the "
     "Children's Trust and its partners?", "5.9"),
    ("How would you rate the effectiveness of communications with the wider Partnership?",
     "5.9"),
    ("How would you rate the effectiveness of communications with the Partnership's "
     "workforce?", "5.8"),
]
#: Nine respondents' scores whose averages are Table 1's: 53/9 = 5.89, 52/9 = 5.78.
SCORES = {"5.9": [6, 6, 6, 6, 6, 6, 6, 6, 5], "5.8": [6, 6, 6, 6, 6, 6, 6, 5, 5]}
#: Paragraphs 10, 12 and 13: yes answers of nine.
YES_NO = [("purpose", "Does the purpose of the Trust in its terms of reference accurately "
                      "reflect the work of the Children's Trust?", 7),
          ("principles", "Are the existing principles relevant for the work of the Trust?", 8),
          ("scope", "Is the scope of the Children's Trust sufficient?", 3)]


def review_2015(*, slug: str = "board-review-2015", comment: str = "") -> Review:
    """The 2015 review with nine anonymous responses giving Table 1 and the counts."""
    review = Review.objects.create(title="Review of the Children's Trust 2015", slug=slug,
                                   starts_on=datetime.date(2015, 7, 1),
                                   ends_on=datetime.date(2015, 9, 30))
    questionnaire = Questionnaire.objects.create(review=review, title="Board members",
                                                 closes_on=datetime.date(2015, 8, 31))
    items = []
    for number, (code, text, _yes) in enumerate(YES_NO, start=1):
        question = Question.objects.create(code=f"{slug}-{code}", text=text,
                                           kind=QuestionKind.YES_NO)
        items.append(QuestionnaireQuestion.objects.create(
            questionnaire=questionnaire, question=question, number=number))
    for number, (text, _score) in enumerate(TABLE_1, start=len(items) + 1):
        question = Question.objects.create(code=f"{slug}-scale-{number}", text=text,
                                           kind=QuestionKind.SCALE)
        items.append(QuestionnaireQuestion.objects.create(
            questionnaire=questionnaire, question=question, number=number))
    for index in range(9):
        response = Response.objects.create(questionnaire=questionnaire,
                                           submitted_on=datetime.date(2015, 8, 1))
        for item, (_code, _text, yes) in zip(items[:3], YES_NO, strict=True):
            Answer.objects.create(response=response, item=item,
                                  choices=[YES if index < yes else "No"],
                                  comment=comment if index == 0 else "")
        for item, (_text, score) in zip(items[3:], TABLE_1, strict=True):
            Answer.objects.create(response=response, item=item, score=SCORES[score][index])
    return review


def scrutiny_source(**fields) -> RecommendationSource:
    values = {"kind": SourceKind.SCRUTINY, "title": "Ad Hoc Children's Trust Scrutiny Panel: "
              "final report", "slug": "middlesbrough-scrutiny",
              "made_by": "Middlesbrough Council Ad Hoc Children's Trust Scrutiny Panel",
              "addressed_to": "Middlesbrough Children's Trust", **fields}
    return RecommendationSource.objects.create(**values)
