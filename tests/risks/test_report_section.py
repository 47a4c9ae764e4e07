"""The six-monthly report's section on the risks above the threshold, written from the data."""

import datetime

import pytest

from trustboard.plans.models import Plan
from trustboard.reports.services import report_prepare
from trustboard.risks.models import MitigatingAction

pytestmark = pytest.mark.django_db


def _risks_section(as_at: datetime.date) -> dict | None:
    report, _ = report_prepare(kind="performance", plan=Plan.objects.get(slug="cypf-2011-14"),
                               as_at=as_at, committee="Children and Young People's Committee")
    return next((one for one in report.sections if one["key"] == "risks"), None)


def test_the_six_monthly_report_lists_the_risks_above_the_threshold_with_trend_and_mitigations(
        demo):
    section = _risks_section(datetime.date(2012, 9, 30))
    assert section["heading"] == "Risks and issues above the threshold"
    text = section["text"]
    assert text.startswith("At 30 September 2012 the risk register holds five open risks.")
    assert "two score 15 or more, the partnership's threshold:" in text
    assert ("- R1 Referrals outstrip children's social care capacity during its transformation "
            "(Children's Trust Executive): score 16, up from 12 at the review of 18 June 2012. "
            "Mitigating actions:") in text
    assert "  - key action 1.1 Establish Nottinghamshire's Multi-agency Safeguarding Hub" in text
    assert "score 16, unchanged at the review of 20 July 2012" in text
    assert ("  - commission additional targeted (tier 2) mental health support in schools "
            "(Commissioning manager CAMHS (placeholder), by 31 March 2013)") in text
    assert "R3" not in text


def test_a_risk_above_the_threshold_with_no_open_mitigation_is_said_so(demo):
    MitigatingAction.objects.filter(risk__reference="R2").delete()
    text = _risks_section(datetime.date(2012, 9, 30))["text"]
    assert "R2 Waiting times for specialist CAMHS lengthen as demand grows (CAMHS Integrated " \
           "Commissioning Group): score 16, unchanged at the review of 20 July 2012. No " \
           "mitigating action is open." in text


def test_before_any_risk_was_identified_the_report_has_no_risks_section(demo):
    assert _risks_section(datetime.date(2011, 9, 30)) is None
