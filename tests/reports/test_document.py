"""The report built once: numbered paragraphs, sections in the seed's order, Appendix 1."""

import re

from tests.reports.builders import indicator, plan_performance
from tests.reports.conftest import PARTNERSHIP, draft_for
from trustboard.reports.document import document_build, number_sections


def _headings(document):
    return [section.heading for section in document.sections if section.heading]


def test_sections_follow_the_committee_report_format(document):
    headings = _headings(document)
    expected = ["Purpose of the Report", "Information and Advice", "Other Options Considered",
                "Reason/s for Recommendation/s", "Statutory and Policy Implications",
                "RECOMMENDATION/S", "Background Papers"]
    assert [heading for heading in headings if heading in expected] == expected


def test_paragraph_numbers_continue_through_the_sections(document):
    numbers = [paragraph.number for section in document.sections
               if section.style == "numbered" for paragraph in section.paragraphs]
    assert numbers == [f"{n}." for n in range(1, len(numbers) + 1)]
    purpose = document.sections[0]
    assert purpose.paragraphs[0].number == "1."
    options = next(s for s in document.sections if s.heading == "Other Options Considered")
    assert options.paragraphs[0].text.startswith("The activities reported on here contribute "
                                                 "to the implementation of the")


def test_recommendations_count_on_their_own(document):
    recommendations = next(s for s in document.sections if s.heading == "RECOMMENDATION/S")
    assert recommendations.paragraphs[0].number == "1)"
    assert recommendations.paragraphs[0].text == (
        "That the Children and Young People's Committee notes the contents of the report.")


def test_the_summary_paragraph_is_numbered_and_carries_its_points(document):
    summary = next(paragraph for section in document.sections
                   for paragraph in section.paragraphs
                   if paragraph.text.startswith("In summary, these performance reports"))
    assert summary.number.endswith(".")
    assert summary.points[1].text.startswith("of the four performance indicators where "
                                             "comparison information is available, two show")


def test_an_officer_added_paragraph_renumbers_the_rest():
    sections = [
        {"key": "a", "heading": "A", "level": 2, "style": "numbered", "text": "One.\n\nTwo."},
        {"key": "b", "heading": "B", "level": 3, "style": "numbered", "text": "Three."},
        {"key": "r", "heading": "R", "level": 2, "style": "recommendations", "text": "X\n\nY"},
        {"key": "c", "heading": "C", "level": 2, "style": "numbered", "text": "Four."},
        {"key": "p", "heading": "P", "level": 2, "style": "plain", "text": "Paper"},
    ]
    numbered = number_sections(sections)
    assert [p.number for s in numbered for p in s.paragraphs] == [
        "1.", "2.", "3.", "1)", "2)", "4.", ""]


def test_appendix_lists_each_priority_with_actions_and_indicators(document):
    appendix = document.appendix
    assert appendix.title == "Appendix 1"
    assert [p.number for p in appendix.priorities] == [1, 2, 3]
    first = appendix.priorities[0]
    assert [a.reference for a in first.actions] == ["1.1", "1.2"]
    assert first.actions[1].status_label == "Completed"
    entry = first.indicators[0]
    assert entry.value == "50.0%"
    assert entry.england == "45.0%"
    assert entry.comparison == "Better than England"
    assert entry.neighbours == "47.0% (ranked 3 of 11)"  # the area and its ten neighbours
    assert entry.target == "55.0%"
    assert entry.direction == "Improving"


def test_a_shared_indicator_appears_under_each_priority_but_its_chart_is_drawn_once(document):
    under_first = document.appendix.priorities[0].indicators[1]
    under_third = document.appendix.priorities[2].indicators[0]
    assert under_first.name == under_third.name
    assert under_first.chart is not None and under_third.chart is None
    assert under_third.shown_under == 1
    assert [entry.name for entry in document.charts].count(under_first.name) == 1


def test_every_id_in_the_html_is_unique(document):
    from collections import Counter

    from trustboard.reports.render import html_render

    ids = Counter(re.findall(r' id="([^"]+)"', html_render(document)))
    assert [name for name, count in ids.items() if count > 1] == []


def test_an_indicator_without_a_series_has_no_chart(document):
    births = document.appendix.priorities[1].indicators[2]
    assert births.chart is None
    assert births.comparison == "Higher than England"


def test_commentary_is_quoted(document):
    assert document.appendix.priorities[0].indicators[1].commentary == (
        "Absence continues to fall.")


def test_a_draft_says_it_is_a_draft(performance):
    document = document_build(draft_for(performance), performance, partnership=PARTNERSHIP)
    assert document.status_line == "Draft: not yet issued"
    issued = document_build(draft_for(performance, status="issued"), performance,
                            partnership=PARTNERSHIP)
    assert issued.status_line == ""


def test_a_missing_value_is_shown_as_a_dash():
    performance = plan_performance([([], [indicator("A", None, value=None, england_value=None,
                                                    series=False)])])
    document = document_build(draft_for(performance), performance, partnership=PARTNERSHIP)
    entry = document.appendix.priorities[0].indicators[0]
    assert (entry.value, entry.england, entry.comparison) == ("\u2013", "\u2013", "\u2013")


def test_annual_report_has_its_own_sections(performance):
    document = document_build(draft_for(performance, kind="annual"), performance,
                              partnership=PARTNERSHIP)
    headings = _headings(document)
    assert "Progress on the priorities" in headings
    assert "Meetings and decisions" in headings
    assert document.title_block.title.startswith("Annual report of Nottinghamshire")


def test_update_goes_to_the_named_body_with_the_matters_outside_tolerance():
    # Worse than England is outside tolerance: the reading says so itself.
    performance = plan_performance([([], [indicator("Breastfeeding", "worse",
                                                    commentary="Peer support is starting.")])])
    document = document_build(draft_for(performance, kind="update",
                                        committee="Health and Wellbeing Board"),
                              performance, partnership=PARTNERSHIP)
    assert document.title_block.title == (
        "Nottinghamshire Children's Trust: update to the Health and Wellbeing Board")
    attention = next(s for s in document.sections if s.key == "attention")
    assert attention.heading == "Matters for the Health and Wellbeing Board's attention"
    assert attention.paragraphs[0].points[0].text == (
        "Breastfeeding (worse than England). Commentary: Peer support is starting.")


def test_parts_cut_the_appendix_at_priorities_and_keep_everything_once(document):
    head, tail = document.parts(2)
    assert head.sections == document.sections and not head.continuation
    assert tail.sections == [] and tail.continuation and tail.appendix.continued
    numbers = [p.number for part in (head, tail) for p in part.appendix.priorities]
    assert numbers == [p.number for p in document.appendix.priorities] == [1, 2, 3]
    assert head.appendix.priorities and tail.appendix.priorities


def test_parts_balance_by_indicators(performance):
    big = plan_performance([([], [indicator(f"Indicator {n}") for n in range(12)]),
                            ([], [indicator("Alone")]),
                            ([], [indicator(f"Later {n}") for n in range(12)])])
    document = document_build(draft_for(big), big, partnership=PARTNERSHIP)
    head, tail = document.parts(2)
    # The sections and the first priority's twelve indicators are the larger half; the
    # other two priorities' thirteen make the second.
    assert [p.number for p in head.appendix.priorities] == [1]
    assert [p.number for p in tail.appendix.priorities] == [2, 3]


def test_a_single_priority_is_never_cut(performance):
    one = plan_performance([([], [indicator("Only")])])
    document = document_build(draft_for(one), one, partnership=PARTNERSHIP)
    assert document.parts(2) == [document]
