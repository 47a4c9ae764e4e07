import datetime

import pytest

from trustboard.demo.reports_demo import OFFICER_SECTIONS
from trustboard.reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_earlier_report_is_issued_quoting_the_seed_and_marked_illustrative(demo):
    report = Report.objects.get(as_at=datetime.date(2012, 3, 31))
    assert report.is_issued and report.meeting_date == datetime.date(2012, 7, 9)
    assert "(illustrative)" in report.title
    sections = {one["key"]: one["text"] for one in report.sections}
    assert all(sections[key] == text for key, text in OFFICER_SECTIONS.items())
    assert "Illustrative: this earlier report is not one of the seed papers" in \
        sections["background"]
    assert not report.pdf_file  # written on first download
