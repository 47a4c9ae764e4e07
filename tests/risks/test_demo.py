import datetime

import pytest

from trustboard.plans.models import Plan
from trustboard.risks.models import Strategy
from trustboard.risks.selectors import risk_escalations, risk_register

pytestmark = pytest.mark.django_db
AS_AT = datetime.date(2012, 9, 30)


def test_the_demo_has_two_risks_above_the_threshold_and_one_overdue_review(demo):
    rows = risk_register(plan=Plan.objects.get(slug="cypf-2011-14"), as_at=AS_AT)
    assert [row.risk.reference for row in rows if row.is_above_threshold] == ["R1", "R2"]
    assert [row.risk.reference for row in rows if row.review_is_overdue] == ["R3"]
    assert {row.risk.body.name for row in rows} == {
        "Children's Trust Executive", "CAMHS Integrated Commissioning Group",
        "Disability and SEN Integrated Commissioning Group",
        "Teenage Pregnancy Integrated Commissioning Group"}
    assert all("Illustrative" in row.risk.note for row in rows)


def test_the_demos_risk_r1_is_suggested_for_the_executives_november_meeting(demo):
    rows = risk_register(plan=Plan.objects.get(slug="cypf-2011-14"), as_at=AS_AT)
    escalation = next(e for e in risk_escalations(rows=rows, as_at=AS_AT)
                      if e.row.risk.reference == "R1")
    assert escalation.next_meeting.starts_at.date() == datetime.date(2012, 11, 15)
    assert escalation.row.trend == "up"


def test_the_demos_strategies_are_those_the_2013_report_names(demo):
    strategies = {s.title: s for s in Strategy.objects.filter(plan__slug="cypf-2011-14")}
    assert len(strategies) == 6
    homelessness = strategies["Youth Homelessness Strategy"]
    assert homelessness.approved_by.text == "The Youth Homelessness Strategy was approved."
    assert homelessness.approved_on == datetime.date(2012, 5, 17)
    assert strategies["Child and Family Poverty Strategy"].review_is_overdue(AS_AT)
