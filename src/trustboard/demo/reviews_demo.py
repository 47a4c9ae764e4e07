"""The 2015 review of the Children's Trust (seed 000) and an illustrative 2013 one to compare.

2015: "Nine Children's Trust Board Members responded to the Survey Monkey questionnaire"
(paragraph 8). The nine sets of answers below give what paragraphs 9-13 report — most members
for more than two years, seven of the nine on purpose, all but one on principles, two thirds
not thinking the scope sufficient, an equal split on performance management — and exactly
Table 1's weighted averages (5.9, 5.9, 5.9, 5.8). The review publishes only those averages
and counts: which member gave which score is illustrative. The comments are the review's own
words (paragraphs 10-17), lightly turned from reported speech where the review reports them.

2013 ("The Children's Trust was last reviewed during 2012 - 2013", paragraph 4): its scores
are illustrative, for the comparison; the review is marked so.
"""

import datetime

from django.contrib.auth import get_user_model

from trustboard.governance.models import Body, Scenario
from trustboard.reviews.bank import question_bank_seed
from trustboard.reviews.models import Answer, Questionnaire, Review
from trustboard.reviews.services import (
    Recipient,
    answer_themes_set,
    answers_submit,
    body_recipients,
    invitations_send,
    questionnaire_question_add,
    questionnaire_save,
    review_save,
    section_add,
)

SLUG_2015 = "board-review-2015"
SLUG_2013 = "board-review-2013"
SCALED = ("effectiveness-rating", "consultation-rating", "partnership-communications-rating",
          "workforce-communications-rating")

SECTIONS_2015 = (
    ("About you", ("membership-length",)),
    ("Purpose and principles", ("purpose", "safeguarding-board-relationship", "principles")),
    ("Scope and priorities", ("scope", "priorities")),
    ("Performance management, consultation and communications",
     ("performance-management", "consultation", "communications")),
    ("Ratings", SCALED),
)
#: Questions that are optional (performance management: one member gave no answer, so the
#: eight who did split equally) or that carry a comment box.
OPTIONAL = {"performance-management", "safeguarding-board-relationship", "priorities",
            "consultation", "communications"}
WITH_COMMENT = {"purpose", "principles", "scope", "performance-management"}

#: One row per respondent: length, purpose, principles, scope, performance management, and
#: the four Table 1 scores. Sums of the scores: 53, 53, 53 and 52, so 53/9 = 5.9 and 52/9 = 5.8.
ANSWERS_2015 = (
    ("More than two years", "Yes", "Yes", "No", "Yes", 7, 6, 5, 6),
    ("More than two years", "No", "Yes", "No", "No", 6, 7, 6, 5),
    ("More than two years", "Yes", "No", "Yes", "Yes", 5, 5, 7, 6),
    ("One to two years", "Yes", "Yes", "No", "No", 6, 6, 6, 7),
    ("More than two years", "Yes", "Yes", "No", None, 8, 5, 6, 5),
    ("More than two years", "No", "Yes", "Yes", "Yes", 4, 7, 5, 6),
    ("Less than a year", "Yes", "Yes", "No", "No", 6, 4, 8, 4),
    ("More than two years", "Yes", "Yes", "Yes", "Yes", 5, 6, 4, 7),
    ("One to two years", "Yes", "Yes", "No", "No", 6, 7, 6, 6),
)

#: Comments under a yes/no question, by respondent (row of ANSWERS_2015), quoted from the seed.
COMMENTS_2015 = {
    "purpose": {  # paragraph 10
        1: "The Children's Trust is not an integrated commissioning group but rather a "
           "strategic group",
        5: "It is not clear if the Children's Trust Board influences the decisions made by "
           "statutory organisations with regard to the commissioning of services",
    },
    "principles": {  # paragraph 12
        2: "The Children's Trust should be more aspirational and explicit in its ambition for "
           "children and young people, including the promoting and championing of their "
           "interests across the partnership.",
        7: "Reduce the number to no more than four key principles.",
    },
    "scope": {  # paragraph 13
        0: "Additional service areas including the provision of primary care to young people, "
           "NEET, housing/homelessness.",
        3: "The Children's Trust could have a scrutiny role in the commissioning arrangements "
           "across the whole children's services landscape (not just health and wellbeing). "
           "This may require consideration of the membership to the Trust.",
    },
    "performance-management": {  # paragraph 15
        1: "The need for a greater focus on outcomes and qualitative measures",
        3: "The need to review the key performance indicators to ensure they accurately assess "
           "the delivery of the key actions",
        6: "The performance management arrangements seemed to reflect those of the County "
           "Council rather than partners.",
    },
}

#: Free-text answers, by respondent, quoted from the seed.
TEXTS_2015 = {
    "safeguarding-board-relationship": {  # paragraph 11
        0: "Business planning to be closely aligned or if possible fully integrated",
        1: "A joint meeting each year, as previously held",
        2: "Need to avoid the duplication of business",
        3: "Key issues from the Children's Trust Board are reported to the NSCB by the "
           "independent chair in his report",
        4: "Active engagement in the development of the next Children, Young People and "
           "Families Plan through a joint workshop",
        5: "Annual report of the Children's Trust Board to the NSCB as well as the NSCB's "
           "annual report being presented to the Children's Trust Board.",
    },
    "priorities": {  # paragraph 14
        0: "The monitoring of the impact of an increased workforce in 0-5 services & the "
           "expansion of FNP service",
        2: "To provide information about partnership activities to staff at all levels within "
           "partner organisations to enable them to understand the strategic direction of the "
           "Children's Trust and how it impacts on their work.",
        4: "To provide updates to the Health and Wellbeing Board on progress in integrated "
           "commissioning, and provide advice on how the needs of children, young people and "
           "families can be met within planning for health and wellbeing improvements across "
           "all public services",
        6: "To ensure commissioned activities are based on an understanding about the needs of "
           "local children and young people, and on evidence that they are likely to achieve "
           "the desired impact - links to the JSNA",
        8: "To identify where services are, or could be, jointly commissioned by all or some "
           "of the partners within the Children's Trust and provide strategic direction of "
           "integrated commissioning arrangements.",
    },
    "consultation": {  # paragraph 16
        1: "Consultation with children, young people and families is primarily delivered by "
           "services presenting to the Board. This could be tightened to a requirement of all "
           "appropriate reports being presented at Board meetings.",
    },
    "communications": {  # paragraph 17
        3: "Improving the web presence",
        7: "The key messages from each meeting to be communicated via Board Members and a "
           "regular newsletter.",
    },
}

#: Themes an officer gave the answers on the safeguarding board (paragraph 11): illustrative.
THEMES_2015 = {
    "Business planning": "Joint planning", "Active engagement": "Joint planning",
    "A joint meeting": "Meeting together", "Need to avoid": "Duplication",
    "Key issues": "Reporting to each other", "Annual report": "Reporting to each other",
}

#: Illustrative 2013 scores for the same four questions (averages 5.4, 5.0, 5.5, 4.6).
ANSWERS_2013 = (
    (6, 5, 6, 5), (5, 4, 5, 4), (6, 6, 7, 5), (4, 5, 5, 4),
    (7, 5, 6, 6), (5, 6, 4, 4), (5, 4, 6, 5), (5, 5, 5, 4),
)


def _link(questionnaire: Questionnaire, token: str) -> str:
    return f"/reviews/answer/{questionnaire.public_id}/{token}/"


def _questionnaire(review: Review, title: str, closes_on: datetime.date, sections, bank,
                   by) -> Questionnaire:
    questionnaire = questionnaire_save(questionnaire=Questionnaire(
        review=review, title=title, closes_on=closes_on,
        opens_on=closes_on - datetime.timedelta(days=42), is_anonymous=True,
        introduction="Your answers are anonymous: they are kept with no link to you or to "
                     "your invitation."), by=by)
    for title, codes in sections:
        section = section_add(questionnaire=questionnaire, title=title, by=by)
        for code in codes:
            questionnaire_question_add(
                questionnaire=questionnaire, question=bank[code], section=section, by=by,
                is_required=code not in OPTIONAL, allows_comment=code in WITH_COMMENT)
    return questionnaire


def _review_2013(bank, body: Body, by) -> Review:
    review = review_save(review=Review(
        title="Review of the Children's Trust 2012-13", slug=SLUG_2013,
        body_reviewed=body, starts_on=datetime.date(2012, 10, 1),
        ends_on=datetime.date(2013, 3, 31), is_illustrative=True,
        summary="Illustrative: the 2012-13 review is mentioned in the 2015 review "
                "(paragraph 4) but its scores are not published; these are made up for the "
                "comparison."), by=by)
    closes_on = datetime.date(2013, 1, 31)
    questionnaire = _questionnaire(review, "Questionnaire to Children's Trust members, 2013",
                                   closes_on, (("Ratings", SCALED),), bank, by)
    recipients = [Recipient(name=f"Board member {number} (illustrative)", email="")
                  for number in range(1, 11)]
    sent = invitations_send(questionnaire=questionnaire, recipients=recipients, by=by,
                            link_for=_link, today=closes_on - datetime.timedelta(days=30))
    for link, scores in zip(sent, ANSWERS_2013, strict=False):
        answers_submit(public_id=questionnaire.public_id, token=link.token,
                       today=closes_on - datetime.timedelta(days=10),
                       data={number: {"score": score}
                             for number, score in enumerate(scores, start=1)})
    return review


def reviews_demo_load() -> Review:
    """Load the 2013 and 2015 reviews, answered through the same links a member would use."""
    by = get_user_model().objects.get(username="officer")
    bank = question_bank_seed(by=by)
    executive = Body.objects.get(scenario__slug="current", name="Children's Trust Executive")
    previous = _review_2013(bank, executive, by)
    review = review_save(review=Review(
        title="Review of the Nottinghamshire Children's Trust Board 2015", slug=SLUG_2015,
        body_reviewed=executive, previous_review=previous,
        scenario_proposed=Scenario.objects.get(name="proposed 2015"),
        starts_on=datetime.date(2015, 7, 1), ends_on=datetime.date(2015, 9, 30),
        summary="The review covered the purpose of the Children's Trust, its principles and "
                "membership, its scope and responsibilities, performance management of the "
                "CYPF Plan, consultation with children, young people and families, and "
                "communications (paragraph 6)."), by=by)
    closes_on = datetime.date(2015, 8, 14)
    questionnaire = _questionnaire(
        review, "Questionnaire to Children's Trust Board Members", closes_on, SECTIONS_2015,
        bank, by)
    sent_on = datetime.date(2015, 7, 6)
    sent = invitations_send(questionnaire=questionnaire, by=by, link_for=_link, today=sent_on,
                            recipients=body_recipients(body=executive, as_at=sent_on))
    items = {item.question.code: item for item in questionnaire.items.select_related("question")}
    # Results broken down by how long respondents have been members (paragraph 9).
    questionnaire.group_question = items["membership-length"]
    questionnaire_save(questionnaire=questionnaire, by=by)
    numbers = {code: item.number for code, item in items.items()}
    for row, (link, answers) in enumerate(zip(sent, ANSWERS_2015, strict=False)):
        length, purpose, principles, scope, performance, *scores = answers
        data = {numbers["membership-length"]: {"choices": [length]}}
        for code, choice in (("purpose", purpose), ("principles", principles),
                             ("scope", scope), ("performance-management", performance)):
            data[numbers[code]] = {"choices": [choice] if choice else [],
                                   "comment": COMMENTS_2015.get(code, {}).get(row, "")}
        for code, texts in TEXTS_2015.items():
            data[numbers[code]] = {"text": texts.get(row, "")}
        for code, score in zip(SCALED, scores, strict=True):
            data[numbers[code]] = {"score": score}
        answers_submit(public_id=questionnaire.public_id, token=link.token, data=data,
                       today=datetime.date(2015, 7, 6) + datetime.timedelta(days=2 + row))
    answer_themes_set(questionnaire=questionnaire, by=by, themes={
        str(answer.pk): theme
        for answer in Answer.objects.filter(item__questionnaire=questionnaire,
                                            item__question__code="safeguarding-board-relationship")
        for start, theme in THEMES_2015.items() if answer.text.startswith(start)})
    return review
