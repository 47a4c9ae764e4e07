"""The demo's report for 30 September 2012 says what paragraph 18 of the 2013 report says."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from trustboard.demo import cypf_indicators
from trustboard.demo.loader import demo_load
from trustboard.plans.models import Plan
from trustboard.reports.document import document_build
from trustboard.reports.narrative import lower_first
from trustboard.reports.render import pdf_render
from trustboard.reports.services import partnership_name, report_prepare

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2012, 9, 30)


@pytest.fixture
def demo_report():
    demo_load()
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
