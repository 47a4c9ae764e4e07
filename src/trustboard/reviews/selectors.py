"""Every read of reviews, and the results of their questionnaires as plain dataclasses.

The results API, for pages, exports and the review report alike::

    results = review_results(review=review)            # ReviewResults
    for survey in results.questionnaires:              # QuestionnaireResults
        survey.respondents, survey.invited, survey.response_rate_text
        for question in survey.questions:              # QuestionResult
            question.text, question.kind, question.answered
            question.scale            # ScaleResult or None: average_text "5.9", counts
            question.options          # OptionCount: option, count, share ("two thirds of
                                      #   respondents"), sentence ("Two thirds of respondents
                                      #   answered No.")
            question.comments         # Comment(text, theme): comments and free-text answers
            question.themes           # ThemeGroup(theme, comments), "" last as "No theme"
        survey.groups                 # GroupResult per group of at least the minimum size
        survey.hidden_groups          # how many groups were too small to show
    results.table_1                   # ScaledRow per scaled question: Table 1 of 2015
    results.comparison                # ComparisonRow: the same scaled question in the
                                      #   previous review, this one, and the change
    results.previous_title            # the previous review's title, or ""

No result carries an answer's id, response, person, invitation or date: nothing from here
can tie an answer to whoever gave it. The share in words follows the 2015 review's own
phrasing (`share_in_words`).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from trustboard.reviews.models import (
    CHOICE_KINDS,
    Answer,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireQuestion,
    Review,
)

#: What a figure that cannot be worked out shows: an en dash.
MISSING = "\u2013"

_NUMBERS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen", "twenty")
_FRACTIONS = ((1, 2, "half of respondents"), (1, 3, "a third of respondents"),
              (2, 3, "two thirds of respondents"), (1, 4, "a quarter of respondents"),
              (3, 4, "three quarters of respondents"))


def number_in_words(number: int) -> str:
    return _NUMBERS[number] if 0 <= number < len(_NUMBERS) else str(number)


def share_in_words(count: int, total: int) -> str:
    """Say how many of the respondents as the 2015 review does.

    "seven of the nine respondents", "two thirds of respondents", "all but one of the
    respondents", "none of the respondents", "all nine respondents".
    """
    if total <= 0:
        return "no respondents"
    if count == 0:
        return "none of the respondents"
    if count == total:
        return "the one respondent" if total == 1 else f"all {number_in_words(total)} respondents"
    if count == total - 1 and total >= 4:
        return "all but one of the respondents"
    for numerator, denominator, words in _FRACTIONS:
        if total >= 6 and count * denominator == total * numerator:
            return words
    return f"{number_in_words(count)} of the {number_in_words(total)} respondents"


def one_decimal(value: float | Decimal | None) -> str:
    """Round half up to one decimal, as a survey tool prints a weighted average (5.9)."""
    if value is None:
        return MISSING
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class OptionCount:
    option: str
    count: int
    share: str  # in words, e.g. "seven of the nine respondents"
    rank_average: str = ""  # for a ranked question: the average rank given, e.g. "1.4"

    @property
    def sentence(self) -> str:
        share = self.share[0].upper() + self.share[1:]
        return f"{share} answered {self.option}."


@dataclass(frozen=True)
class ScaleResult:
    average: Decimal | None  # rounded to one decimal
    average_text: str  # "5.9"
    scale_min: int
    scale_max: int
    low_label: str
    high_label: str
    counts: tuple[tuple[int, int], ...]  # (score, how many gave it), every score of the scale


@dataclass(frozen=True)
class Comment:
    text: str
    theme: str


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    comments: tuple[Comment, ...]


@dataclass(frozen=True)
class QuestionResult:
    number: int
    code: str
    topic: str
    section: str
    text: str
    kind: str
    kind_label: str
    answered: int
    scale: ScaleResult | None
    options: tuple[OptionCount, ...]
    comments: tuple[Comment, ...]

    @property
    def themes(self) -> tuple[ThemeGroup, ...]:
        grouped: dict[str, list[Comment]] = defaultdict(list)
        for comment in self.comments:
            grouped[comment.theme].append(comment)
        return tuple(ThemeGroup(theme=theme or "No theme", comments=tuple(grouped[theme]))
                     for theme in sorted(grouped, key=lambda theme: (not theme, theme)))


@dataclass(frozen=True)
class GroupResult:
    group: str
    respondents: int
    averages: tuple[tuple[str, str], ...]  # (question text, average "5.9") per scaled question


@dataclass(frozen=True)
class QuestionnaireResults:
    questionnaire_id: int
    title: str
    is_anonymous: bool
    closes_on: object
    invited: int
    respondents: int
    questions: tuple[QuestionResult, ...]
    groups: tuple[GroupResult, ...]
    hidden_groups: int
    minimum_group_size: int

    @property
    def response_rate(self) -> int | None:
        return round(100 * self.respondents / self.invited) if self.invited else None

    @property
    def response_rate_text(self) -> str:
        if not self.invited:
            return f"{self.respondents} responses; nobody invited yet"
        return f"{self.respondents} of {self.invited} answered ({self.response_rate}%)"


@dataclass(frozen=True)
class ScaledRow:
    number: int
    code: str
    text: str
    average_text: str
    answered: int


@dataclass(frozen=True)
class ComparisonRow:
    code: str
    text: str
    previous_text: str
    current_text: str
    change_text: str  # "+0.4", "-0.2", "no change", MISSING when either is missing


@dataclass(frozen=True)
class ReviewResults:
    title: str
    slug: str
    is_illustrative: bool
    questionnaires: tuple[QuestionnaireResults, ...]
    table_1: tuple[ScaledRow, ...]
    previous_title: str
    previous_is_illustrative: bool
    comparison: tuple[ComparisonRow, ...]


# -- Lists and objects -------------------------------------------------------------------

def review_list() -> QuerySet[Review]:
    return Review.objects.select_related("previous_review", "scenario_proposed").annotate(
        questionnaire_count=Count("questionnaires", distinct=True))


def review_get(*, slug: str) -> Review:
    return get_object_or_404(
        Review.objects.select_related("previous_review", "scenario_proposed", "body_reviewed"),
        slug=slug)


def questionnaire_get(*, review: Review, pk: int) -> Questionnaire:
    return get_object_or_404(Questionnaire.objects.select_related("review"), review=review,
                             pk=pk)


def questionnaire_list(*, review: Review) -> QuerySet[Questionnaire]:
    return review.questionnaires.annotate(
        invited=Count("invitations", distinct=True),
        answered=Count("invitations", filter=Q(invitations__answered_on__isnull=False),
                       distinct=True))


def questionnaire_items(*, questionnaire: Questionnaire) -> list[QuestionnaireQuestion]:
    return list(questionnaire.items.select_related("question", "section"))


def invitation_list(*, questionnaire: Questionnaire) -> QuerySet[Invitation]:
    """Who was invited and whether they have answered: never what they answered."""
    return questionnaire.invitations.only(
        "id", "questionnaire_id", "name", "email", "group", "sent_on", "reminded_on",
        "reminders_sent", "answered_on").order_by("name")


def questionnaire_comments(*, questionnaire: Questionnaire) -> QuerySet[Answer]:
    """Every answer with words in it, by question then by its words, for filing by theme."""
    return (Answer.objects.filter(item__questionnaire=questionnaire)
            .exclude(text="", comment="").select_related("item__question")
            .only("id", "text", "comment", "theme", "item__number", "item__question__text")
            .order_by("item__number", "text", "comment"))


def question_bank() -> QuerySet[Question]:
    return Question.objects.annotate(use_count=Count("uses"))


# -- Results -----------------------------------------------------------------------------

def _average(scores: list[int]) -> Decimal | None:
    if not scores:
        return None
    return Decimal(sum(scores)) / Decimal(len(scores))


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _question_result(item: QuestionnaireQuestion, answers: list[dict]) -> QuestionResult:
    question = item.question
    scale = None
    options: tuple[OptionCount, ...] = ()
    if question.kind == QuestionKind.SCALE:
        scores = [answer["score"] for answer in answers if answer["score"] is not None]
        answered = len(scores)
        average = _rounded(_average(scores))
        scale = ScaleResult(
            average=average, average_text=one_decimal(average), scale_min=question.scale_min,
            scale_max=question.scale_max, low_label=question.low_label,
            high_label=question.high_label,
            counts=tuple((score, scores.count(score))
                         for score in range(question.scale_min, question.scale_max + 1)))
    elif question.kind in CHOICE_KINDS:
        picked = [answer["choices"] for answer in answers if answer["choices"]]
        answered = len(picked)
        counted = []
        for option in question.choices:
            count = sum(option in choices for choices in picked)
            rank_average = ""
            if question.kind == QuestionKind.RANKED:
                ranks = [choices.index(option) + 1 for choices in picked if option in choices]
                rank_average = one_decimal(_average(ranks)) if ranks else MISSING
            counted.append(OptionCount(option=option, count=count,
                                       share=share_in_words(count, answered),
                                       rank_average=rank_average))
        if question.kind == QuestionKind.RANKED:
            counted.sort(key=lambda option: (option.rank_average == MISSING,
                                             Decimal(option.rank_average)
                                             if option.rank_average != MISSING else 0))
        options = tuple(counted)
    else:
        answered = sum(bool(answer["text"]) for answer in answers)
    comments = tuple(
        Comment(text=words, theme=answer["theme"])
        for answer in sorted(answers, key=lambda answer: (answer["theme"] == "",
                                                          answer["theme"],
                                                          answer["text"] or answer["comment"]))
        for words in (answer["text"], answer["comment"]) if words
    )
    return QuestionResult(
        number=item.number, code=question.code, topic=question.topic,
        section=item.section.title if item.section else "", text=question.text,
        kind=question.kind, kind_label=question.get_kind_display(), answered=answered,
        scale=scale, options=options, comments=comments)


def questionnaire_results(*, questionnaire: Questionnaire) -> QuestionnaireResults:
    """Counts, averages, shares in words and comments for one questionnaire (four queries)."""
    items = questionnaire_items(questionnaire=questionnaire)
    rows = list(Answer.objects.filter(item__questionnaire=questionnaire)
                .values("item_id", "score", "choices", "text", "comment", "theme",
                        "response__group")
                # By the words given, never by anything that follows the order of answering.
                .order_by("item_id", "text", "comment", "score"))
    by_item: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_item[row["item_id"]].append(row)
    counts = questionnaire.invitations.aggregate(
        invited=Count("id"), answered=Count("id", filter=Q(answered_on__isnull=False)))
    group_sizes = dict(questionnaire.responses.values_list("group").annotate(n=Count("id"))
                       .values_list("group", "n"))
    groups, hidden = [], 0
    scaled = [item for item in items if item.question.kind == QuestionKind.SCALE]
    for group, size in sorted(group_sizes.items()):
        if not group:
            continue
        if size < questionnaire.minimum_group_size:
            hidden += 1
            continue
        groups.append(GroupResult(group=group, respondents=size, averages=tuple(
            (item.question.text, one_decimal(_average(
                [row["score"] for row in by_item[item.pk]
                 if row["response__group"] == group and row["score"] is not None])))
            for item in scaled)))
    return QuestionnaireResults(
        questionnaire_id=questionnaire.pk, title=questionnaire.title,
        is_anonymous=questionnaire.is_anonymous, closes_on=questionnaire.closes_on,
        invited=counts["invited"],
        respondents=sum(group_sizes.values()),
        questions=tuple(_question_result(item, by_item[item.pk]) for item in items),
        groups=tuple(groups), hidden_groups=hidden,
        minimum_group_size=questionnaire.minimum_group_size)


def _scaled_averages(review: Review) -> dict[str, tuple[str, Decimal | None]]:
    """Each scaled bank question the review asked: its text and its rounded average."""
    rows = (Answer.objects.filter(item__questionnaire__review=review,
                                  item__question__kind=QuestionKind.SCALE,
                                  score__isnull=False)
            .values_list("item__question__code", "item__question__text", "score"))
    scores: dict[str, list[int]] = defaultdict(list)
    texts: dict[str, str] = {}
    for code, text, score in rows:
        scores[code].append(score)
        texts[code] = text
    return {code: (texts[code], _rounded(_average(values))) for code, values in scores.items()}


def _change(previous: Decimal | None, current: Decimal | None) -> str:
    if previous is None or current is None:
        return MISSING
    change = current - previous
    return "no change" if change == 0 else f"{change:+.1f}"


def review_results(*, review: Review) -> ReviewResults:
    """The results of every questionnaire of a review, Table 1 and the comparison with the
    previous review's same scaled questions."""
    surveys = tuple(questionnaire_results(questionnaire=questionnaire)
                    for questionnaire in review.questionnaires.all())
    table_1 = tuple(
        ScaledRow(number=question.number, code=question.code, text=question.text,
                  average_text=question.scale.average_text, answered=question.answered)
        for survey in surveys for question in survey.questions if question.scale)
    comparison: tuple[ComparisonRow, ...] = ()
    previous = review.previous_review
    if previous is not None:
        before = _scaled_averages(previous)
        now = {row.code: Decimal(row.average_text) if row.answered else None
               for row in table_1}
        comparison = tuple(
            ComparisonRow(code=row.code, text=row.text,
                          previous_text=one_decimal(before[row.code][1])
                          if row.code in before else MISSING,
                          current_text=row.average_text,
                          change_text=_change(before.get(row.code, ("", None))[1],
                                              now[row.code]))
            for row in table_1)
    return ReviewResults(
        title=review.title, slug=review.slug, is_illustrative=review.is_illustrative,
        questionnaires=surveys, table_1=table_1,
        previous_title=previous.title if previous else "",
        previous_is_illustrative=previous.is_illustrative if previous else False,
        comparison=comparison)
