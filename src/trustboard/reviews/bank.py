"""The question bank's first questions: those of the 2015 Nottinghamshire review (seed 000).

Paragraph 6 lists what the review covered: purpose and the relationship with the Health and
Wellbeing Board, principles and membership, scope and responsibilities, performance
management of the CYPF Plan, consultation, communications. Paragraphs 9-17 report the
answers; paragraph 18 and Table 1 the four questions with "a scale of 1 to 10 (with 1 being
the lowest)", whose wording is Table 1's own. The other questions' wording is drawn from the
paragraphs that report them.
"""

from django.db import transaction

from trustboard.reviews.models import Question, QuestionKind
from trustboard.reviews.services import question_save

LOWEST, HIGHEST = "lowest", "highest"  # "with 1 being the lowest" (paragraph 18)

#: code, topic, kind, text, options (choice questions)
QUESTIONS_2015: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("membership-length", "Membership", QuestionKind.SINGLE,
     "How long have you been a member of the Children's Trust Board?",
     ("Less than a year", "One to two years", "More than two years")),
    ("purpose", "Purpose", QuestionKind.YES_NO,
     "Does the purpose of the Trust outlined in its terms of reference accurately reflect the "
     "work of the Children's Trust?", ()),
    ("safeguarding-board-relationship", "Relationship with the safeguarding board",
     QuestionKind.TEXT,
     "How might the 'active working relationship' with the Nottinghamshire Safeguarding "
     "Children's Board (NSCB) and the Children's Trust be developed further in the future?", ()),
    ("principles", "Principles", QuestionKind.YES_NO,
     "Are the existing principles relevant for the work of the Trust?", ()),
    ("scope", "Scope", QuestionKind.YES_NO,
     "Is the scope of the Children's Trust sufficient?", ()),
    ("priorities", "Priorities", QuestionKind.TEXT,
     "What should the priorities for the Children's Trust Board be over the next two years?",
     ()),
    ("performance-management", "Performance management", QuestionKind.YES_NO,
     "Is the performance management of the Children, Young People and Families (CYPF) Plan "
     "by the Children's Trust effective?", ()),
    ("consultation", "Consultation", QuestionKind.TEXT,
     "How does the Children's Trust Board consult children, young people and families, and "
     "how could it improve?", ()),
    ("communications", "Communications", QuestionKind.TEXT,
     "How could the communications of the Children's Trust be improved?", ()),
    ("effectiveness-rating", "Effectiveness", QuestionKind.SCALE,
     "How would you rate the effectiveness of the Children's Trust in meeting its "
     "responsibilities?", ()),
    ("consultation-rating", "Consultation", QuestionKind.SCALE,
     "How would you rate the consultation with children, young people and families by the "
     "Children's Trust and its partners?", ()),
    ("partnership-communications-rating", "Communications", QuestionKind.SCALE,
     "How would you rate the effectiveness of communications with the wider Partnership?", ()),
    ("workforce-communications-rating", "Communications", QuestionKind.SCALE,
     "How would you rate the effectiveness of communications with the Partnership's "
     "workforce?", ()),
)


@transaction.atomic
def question_bank_seed(*, by) -> dict[str, Question]:
    """Put the 2015 review's questions in the bank (those already there are kept as they are)."""
    bank = {question.code: question for question in Question.objects.filter(
        code__in=[code for code, *_ in QUESTIONS_2015])}
    for code, topic, kind, text, options in QUESTIONS_2015:
        if code not in bank:
            bank[code] = question_save(question=Question(
                code=code, topic=topic, kind=kind, text=text, options=list(options),
                low_label=LOWEST if kind == QuestionKind.SCALE else "",
                high_label=HIGHEST if kind == QuestionKind.SCALE else ""), by=by)
    return bank
