"""The summary as the 2013 Nottinghamshire report words it (paragraph 18)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.reports.builders import action, indicator, plan_performance
from trustboard.reports.markup import parse
from trustboard.reports.narrative import (
    action_bullet,
    compare_indicators,
    indicator_bullets,
    lower_first,
    number_in_words,
    performance_summary,
    summary_bullets,
)

AREA = "Nottinghamshire"


@pytest.mark.parametrize(("number", "words"), [
    (0, "zero"), (1, "one"), (2, "two"), (9, "nine"), (10, "ten"), (11, "eleven"),
    (12, "twelve"), (13, "thirteen"), (15, "fifteen"), (16, "sixteen"), (19, "nineteen"),
    (20, "twenty"), (21, "twenty-one"), (30, "thirty"), (40, "forty"), (44, "forty-four"),
    (58, "fifty-eight"), (70, "seventy"), (80, "eighty"), (99, "ninety-nine"),
    (100, "100"), (101, "101"), (1234, "1,234"),
])
def test_numbers_under_one_hundred_are_words_and_the_rest_figures(number, words):
    assert number_in_words(number) == words


@given(st.integers(min_value=0, max_value=99))
def test_every_number_under_one_hundred_is_written_in_letters(number):
    words = number_in_words(number)
    assert words.replace("-", "").isalpha()
    assert "--" not in words and not words.endswith("-")


def test_no_two_numbers_share_their_words():
    assert len({number_in_words(n) for n in range(100)}) == 100


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        number_in_words(-1)


@pytest.mark.parametrize(("name", "written"), [
    ("Obesity in Reception Year", "obesity in Reception Year"),
    ("GCSE 5 A*-C including English and maths", "GCSE 5 A*-C including English and maths"),
    ("A*-C grades", "A*-C grades"),
    ("NEET young people", "NEET young people"),
    ("initial assessments", "initial assessments"),
])
def test_names_inside_a_sentence_lose_their_capital_but_not_acronyms(name, written):
    assert lower_first(name) == written


def _seed_indicators():
    better = [indicator(f"Better indicator {n}", "better") for n in range(8)]
    worse = [indicator(f"Worse indicator {n}", "worse") for n in range(4)]
    similar = [indicator(f"Similar indicator {n}", "similar") for n in range(4)]
    return better, worse, similar


def test_the_seed_counts_read_as_paragraph_eighteen_does():
    better, worse, similar = _seed_indicators()
    bullets = indicator_bullets(better + worse + similar, AREA)
    assert bullets[0].text == (
        "of the sixteen performance indicators where comparison information is available, "
        "eight show that Nottinghamshire performance exceeds the national average. These are:")
    assert bullets[0].items[0] == "better indicator 0"
    assert bullets[0].items[-1] == "better indicator 7."
    assert len(bullets[0].items) == 8
    assert bullets[1].text == ("for four performance indicators, Nottinghamshire performance "
                               "does not meet the national average. These are:")
    assert len(bullets[1].items) == 4


def test_similar_indicators_are_neither_above_nor_below_and_say_so():
    better, worse, similar = _seed_indicators()
    bullets = indicator_bullets(better + worse + similar, AREA)
    assert bullets[2].text.startswith(
        "for the remaining four, Nottinghamshire performance is similar to the national "
        "average")
    assert [item.rstrip(".") for item in bullets[2].items] == [
        f"similar indicator {n}" for n in range(4)]
    assert not any("similar" in item for item in bullets[0].items + bullets[1].items)


def test_one_better_indicator_is_singular():
    bullets = indicator_bullets(
        [indicator("Obesity", "better"), indicator("Absence", "worse"),
         indicator("Breastfeeding", "worse")], AREA)
    assert bullets[0].text == (
        "of the three performance indicators where comparison information is available, one "
        "shows that Nottinghamshire performance exceeds the national average. This is:")
    assert bullets[0].items == ("obesity.",)
    assert bullets[1].text.startswith("for two performance indicators,")


def test_one_worse_indicator_is_singular():
    bullets = indicator_bullets([indicator("Obesity", "better"), indicator("Absence", "better"),
                                 indicator("Breastfeeding", "worse")], AREA)
    assert bullets[1].text == ("for one performance indicator, Nottinghamshire performance "
                               "does not meet the national average. This is:")


def test_none_better_says_none():
    bullets = indicator_bullets([indicator("A", "worse"), indicator("B", "worse")], AREA)
    assert bullets[0].text == (
        "of the two performance indicators where comparison information is available, none "
        "shows that Nottinghamshire performance exceeds the national average")
    assert bullets[0].items == ()
    assert bullets[1].text.startswith("for two performance indicators")


def test_none_worse_says_none():
    bullets = indicator_bullets([indicator("A", "better"), indicator("B", "similar")], AREA)
    assert bullets[1].text == ("for none of the performance indicators does Nottinghamshire "
                               "performance fall short of the national average")


def test_all_better_says_all():
    bullets = indicator_bullets([indicator(f"I{n}", "better") for n in range(16)], AREA)
    assert "all sixteen show that Nottinghamshire performance exceeds" in bullets[0].text


def test_two_of_two_better_says_both():
    bullets = indicator_bullets([indicator("A", "better"), indicator("B", "better")], AREA)
    assert "available, both show that" in bullets[0].text


def test_all_similar_says_all_similar():
    bullets = indicator_bullets([indicator(f"I{n}", "similar") for n in range(3)], AREA)
    assert bullets[-1].text.startswith("for all three, Nottinghamshire performance is similar")


def test_a_single_comparable_indicator_is_written_as_one():
    bullets = indicator_bullets([indicator("Obesity", "worse")], AREA)
    assert bullets[0].text == ("comparison information is available for one performance "
                               "indicator, and Nottinghamshire performance does not meet the "
                               "national average. This is:")


def test_no_comparable_indicator_says_so():
    bullets = indicator_bullets([indicator("Births", "higher", polarity="no_judgement")], AREA)
    assert bullets[0].text.startswith("none of the performance indicators yet has comparison")
    assert bullets[1].text.startswith("a further one performance indicator has no comparison")


def test_indicators_without_polarity_or_judgement_are_not_counted():
    indicators = [
        indicator("Better", "better"),
        indicator("Worse", "worse"),
        indicator("Higher, no polarity", "higher", polarity="no_judgement"),
        indicator("Lower, no polarity", "lower", polarity="no_judgement"),
        indicator("Better label but no polarity", "better", polarity="no_judgement"),
        indicator("Not compared", "not compared"),
        indicator("No data", None),
        indicator("Similar, no polarity", "similar", polarity="no_judgement"),
    ]
    comparison = compare_indicators(indicators)
    assert comparison.comparable == 3
    assert [one.indicator.name for one in comparison.similar] == ["Similar, no polarity"]
    assert len(comparison.not_comparable) == 5
    bullets = indicator_bullets(indicators, AREA)
    assert bullets[0].text.startswith("of the three performance indicators")
    assert bullets[-1].text.startswith("a further five performance indicators have no "
                                       "comparison with the national average")


def test_an_indicator_under_two_priorities_counts_once():
    shared = indicator("Shared", "better", pk=9001)
    performance = plan_performance([([], [shared, indicator("Own", "worse")]),
                                    ([], [shared])])
    bullets = summary_bullets(performance)
    assert bullets[1].text.startswith("of the two performance indicators")
    assert bullets[1].items == ("shared.",)


def test_all_actions_on_track_reads_as_the_seed():
    bullet = action_bullet([action("1.1", status="on schedule"),
                            action("1.2", status="completed")])
    assert bullet.text == ("good progress is being made in achieving the identified key "
                           "actions. Lead officers/managers have identified that all activities "
                           "are either on schedule or completed")
    assert bullet.items == ()


def test_all_actions_completed_says_completed():
    bullet = action_bullet([action("1.1", status="completed"), action("1.2", status="completed")])
    assert bullet.text.endswith("all activities are completed")


def test_delayed_and_at_risk_actions_are_counted_and_named():
    bullet = action_bullet([
        action("1.1", status="on schedule"), action("1.2", status="completed"),
        action("2.1", "Open the hub", status="delayed"),
        action("2.2", "Train staff", status="delayed"),
        action("3.1", "Publish the strategy", status="at risk"),
    ])
    assert bullet.text == (
        "progress is being made in achieving the identified key actions. Lead "
        "officers/managers have identified that two of the five activities are either on "
        "schedule or completed; two are delayed and one is at risk. These are:")
    assert bullet.items == ("2.1 Open the hub (delayed)", "2.2 Train staff (delayed)",
                            "3.1 Publish the strategy (at risk).")


def test_an_overdue_action_is_counted_as_overdue_with_its_last_update():
    """Past its due date and not completed, an action is overdue whatever its last update
    says, so the report no longer says every activity is on schedule."""
    bullet = action_bullet([
        action("1.1", status="on schedule"), action("1.2", status="completed"),
        action("2.1", "Open the hub", status="overdue", recorded_status_label="On schedule"),
    ])
    assert bullet.text == (
        "progress is being made in achieving the identified key actions. Lead "
        "officers/managers have identified that two of the three activities are either on "
        "schedule or completed; one is overdue. This is:")
    assert bullet.items == ("2.1 Open the hub (overdue; last update: on schedule).",)


def test_one_action_off_track_is_singular():
    bullet = action_bullet([action("1.1"), action("1.2", "Open the hub", status="not started")])
    assert "one of the two activities is either on schedule or completed; one has not " \
           "started. This is:" in bullet.text


def test_no_action_on_track_says_none():
    bullet = action_bullet([action("1.1", status="delayed"), action("1.2", status="delayed")])
    assert "none of the two key actions is on schedule or completed: two are delayed" in \
           bullet.text


def test_no_actions_at_all_says_none_recorded():
    assert action_bullet([]).text == "no key actions have been recorded against the plan yet"


def test_the_summary_is_editable_text_that_reads_back_as_its_points():
    performance = plan_performance([([action("1.1")], [indicator("Obesity", "better"),
                                                       indicator("Absence", "worse")])])
    text = performance_summary(performance)
    block = parse(text)[0]
    assert block.text == "In summary, these performance reports indicate that:"
    assert block.points[0].text.startswith("good progress is being made")
    assert block.points[1].items == ["obesity."]
    assert block.points[2].items == ["absence."]


def test_the_area_name_comes_from_the_plan_performance():
    performance = plan_performance([([], [indicator("A", "better"), indicator("B", "worse")])],
                                   area="Middlesbrough")
    assert "Middlesbrough performance exceeds" in summary_bullets(performance)[1].text
