"""The results as the 2015 review words them, computed in a fixed number of queries."""

from decimal import Decimal

import pytest

from tests.reviews.conftest import TODAY
from trustboard.reviews.models import Review
from trustboard.reviews.selectors import (
    one_decimal,
    questionnaire_results,
    review_results,
    share_in_words,
)
from trustboard.reviews.services import answers_submit


@pytest.mark.parametrize(("count", "total", "words"), [
    (7, 9, "seven of the nine respondents"),  # 2015 review, paragraph 10
    (6, 9, "two thirds of respondents"),  # paragraph 13
    (8, 9, "all but one of the respondents"),  # paragraph 12
    (4, 8, "half of respondents"),  # paragraph 15, "an equal split"
    (0, 9, "none of the respondents"),
    (9, 9, "all nine respondents"),
    (1, 1, "the one respondent"),
    (2, 3, "two of the three respondents"),
    (25, 30, "25 of the 30 respondents"),
])
def test_share_in_words_follows_the_review(count, total, words):
    assert share_in_words(count, total) == words


def test_weighted_averages_round_half_up_to_one_decimal_as_table_1_prints_them():
    assert one_decimal(Decimal(53) / 9) == "5.9"
    assert one_decimal(Decimal(52) / 9) == "5.8"
    assert one_decimal(Decimal("5.25")) == "5.3"


def _answer(survey, scores_and_choices):
    for token, (score, choice, ranking) in zip(survey.tokens, scores_and_choices, strict=False):
        answers_submit(public_id=survey.public_id, token=token, today=TODAY, data={
            1: {"score": score}, 2: {"choices": [choice]}, 3: {"choices": ranking}})


@pytest.mark.django_db
def test_results_count_choices_and_rank_options(survey):
    _answer(survey, [(6, "Yes", ["Voice", "Plan", "Data"]), (5, "Yes", ["Voice", "Data", "Plan"]),
                     (3, "No", ["Plan", "Voice", "Data"])])
    results = questionnaire_results(questionnaire=survey)
    scale, purpose, ranked, _ = results.questions
    assert scale.scale.average_text == "4.7"
    assert dict(scale.scale.counts)[5] == 1
    assert [(option.option, option.count) for option in purpose.options] == [("Yes", 2),
                                                                            ("No", 1)]
    assert purpose.options[0].sentence == "Two of the three respondents answered Yes."
    assert [(option.option, option.rank_average) for option in ranked.options] == [
        ("Voice", "1.3"), ("Plan", "2.0"), ("Data", "2.7")]
    assert results.response_rate_text == "3 of 3 answered (100%)"


@pytest.mark.django_db
def test_results_are_read_in_a_fixed_number_of_queries(survey, django_assert_num_queries):
    _answer(survey, [(6, "Yes", []), (5, "No", [])])
    # The review, its questionnaires, then four for each: items, answers, counts, groups.
    with django_assert_num_queries(6):
        review_results(review=Review.objects.get(slug="test-review"))


@pytest.mark.django_db
def test_the_comparison_sets_the_same_scaled_question_side_by_side(survey):
    from tests.reviews.conftest import link_for
    from trustboard.reviews.models import Questionnaire
    from trustboard.reviews.services import (
        Recipient,
        invitations_send,
        questionnaire_question_add,
        questionnaire_save,
        review_save,
    )
    _answer(survey, [(6, "Yes", []), (4, "No", [])])
    later = review_save(review=Review(title="Later", slug="later", starts_on=TODAY,
                                      ends_on=TODAY,
                                      previous_review=Review.objects.get(slug="test-review")),
                        by=None)
    questionnaire = questionnaire_save(questionnaire=Questionnaire(
        review=later, title="Again", closes_on=TODAY), by=None)
    questionnaire_question_add(questionnaire=questionnaire, by=None,
                               question=survey.items.get(number=1).question)
    sent = invitations_send(questionnaire=questionnaire, by=None, link_for=link_for,
                            today=TODAY, recipients=[Recipient(name="Dee", email="")])
    answers_submit(public_id=questionnaire.public_id, token=sent[0].token, today=TODAY,
                   data={1: {"score": 7}})
    row, = review_results(review=later).comparison
    assert (row.previous_text, row.current_text, row.change_text) == ("5.0", "7.0", "+2.0")
