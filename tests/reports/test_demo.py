"""The demo's report for 30 September 2012 reads as the 2013 report does: its sub-sections in
the seed's order, the summary as paragraph 18 saying what the seed's paragraph 18 says."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from trustboard.demo import cypf_indicators
from trustboard.plans.models import Plan
from trustboard.reports.document import document_build
from trustboard.reports.narrative import lower_first
from trustboard.reports.render import pdf_render
from trustboard.reports.services import partnership_name, report_prepare

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2012, 9, 30)


@pytest.fixture
def demo_report(demo):
    report, performance = report_prepare(
        kind="performance", plan=Plan.objects.get(slug="cypf-2011-14"), as_at=AS_AT,
        committee="Children and Young People's Committee", meeting_date=datetime.date(2013, 1, 14),
        agenda_item="8", report_of="Corporate Director for Children, Families and Cultural "
                                   "Services")
    return report, document_build(report, performance, partnership=partnership_name())


def _summary(document):
    return next(paragraph for section in document.sections
                for paragraph in section.paragraphs
                if paragraph.text.startswith("In summary, these performance reports"))


def _expected(label):
    return sorted(lower_first(spec.name) for spec in cypf_indicators.INDICATORS
                  if spec.expected == label)


def test_paragraph_eighteen_counts_and_names_as_the_seed(demo_report):
    _, document = demo_report
    actions, better, worse, similar = _summary(document).points[:4]
    assert actions.text == (
        "good progress is being made in achieving the identified key actions. Lead "
        "officers/managers have identified that all activities are either on schedule or "
        "completed")
    assert better.text == (
        "of the sixteen performance indicators where comparison information is available, "
        "eight show that Nottinghamshire performance exceeds the national average. These are:")
    assert sorted(item.rstrip(".") for item in better.items) == _expected("better")
    assert worse.text == ("for four performance indicators, Nottinghamshire performance does "
                          "not meet the national average. These are:")
    assert sorted(item.rstrip(".") for item in worse.items) == _expected("worse")
    assert similar.text.startswith("for the remaining four, Nottinghamshire performance is "
                                   "similar to the national average")
    assert sorted(item.rstrip(".") for item in similar.items) == _expected("similar")


def _numbered(document):
    return {paragraph.number: paragraph for section in document.sections
            for paragraph in section.paragraphs if section.style == "numbered"}


def test_the_summary_is_paragraph_eighteen_and_other_options_nineteen(demo_report):
    _, document = demo_report
    assert _summary(document).number == "18."
    # Then the risks above the threshold (issue 16), which the seed did not have: its
    # paragraphs from 19 on come one later.
    assert _numbered(document)["19."].text.startswith("At 30 September 2012 the risk register")
    options = next(s for s in document.sections if s.heading == "Other Options Considered")
    assert options.paragraphs[0].number == "20."
    assert len(_numbered(document)) == 27  # the seed's 26, of which 25 and 26 the comments


def test_the_sub_sections_have_the_seeds_headings_in_its_order(demo_report):
    _, document = demo_report
    headings = [(s.heading, s.paragraphs[0].number) for s in document.sections
                if s.heading and s.level == 3][:3]
    assert headings == [("Children's Trust: Activities and Achievements", "10."),
                        ("Locality Management Groups", "13."),
                        ("Progress against Performance Indicators: six-month performance "
                         "report", "16.")]


def test_paragraphs_written_from_the_data_say_what_the_seed_says(demo_report):
    _, document = demo_report
    paragraphs = _numbered(document)
    assert paragraphs["4."].text.startswith(
        "The Children's Trust Executive is an officer group which coordinates the work of the "
        "Children's Trust, agreeing partnership action to implement the strategic priorities "
        "identified in the CYPF Plan. It is chaired by the Corporate Director, Children, "
        "Families and Cultural Services")
    assert "is a participant observer." in paragraphs["4."].text
    assert "It oversees three integrated commissioning groups" in paragraphs["6."].text
    assert "seven Locality Management Groups" in paragraphs["13."].text
    # Paragraph 12: "given its partnership approval to: Nottinghamshire's Youth Homelessness
    # Strategy; Nottinghamshire's Looked After Children Strategy."
    assert [point.text for point in paragraphs["12."].points] == [
        "Youth Homelessness Strategy", "Looked After Children Strategy"]
    assert [point.text for point in paragraphs["9."].points][1] == (
        "the development of Locality Management Groups")


def test_the_officer_paragraphs_are_carried_from_the_earlier_report(demo_report):
    _, document = demo_report
    paragraphs = _numbered(document)
    assert paragraphs["7."].text.startswith("Over recent months, the Children's Trust "
                                            "Executive has been considering its role and remit")
    assert paragraphs["11."].text == ("Between April and November 2012, key initiatives "
                                      "supported by the Children's Trust were:")
    assert len(paragraphs["11."].points) == 6
    assert paragraphs["15."].text == ("Some specific examples of effective locality working "
                                      "include:")


def test_the_demo_pdf_prints_paragraph_eighteen_with_page_numbers(demo_report):
    _, document = demo_report
    reader = PdfReader(io.BytesIO(pdf_render(document)))
    assert f"Page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert ("of the sixteen performance indicators where comparison information is available, "
            "eight show that Nottinghamshire performance exceeds the national average") in text
    assert "for four performance indicators, Nottinghamshire performance does not meet the " \
           "national average" in text
    assert "Appendix 1" in text and "Priority 7" in text


def test_every_rank_is_out_of_the_areas_ranked(demo_report):
    """The demo report once said "(ranked 11 of 10)": a rank counts the area itself."""
    _, document = demo_report
    ranks = [(entry.name, entry.neighbours) for priority in document.appendix.priorities
             for entry in priority.indicators if "ranked" in entry.neighbours]
    assert ranks, "the demo's indicators have statistical neighbours' figures"
    for name, text in ranks:
        rank, ranked = map(int, re.search(r"ranked (\d+) of (\d+)", text).groups())
        assert 1 <= rank <= ranked <= 11, f"{name}: {text}"
    assert "ranked 11 of 11" in dict(ranks)[
        "Children who are the subject of a child protection plan"]
