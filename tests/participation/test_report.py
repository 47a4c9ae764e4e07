"""The six-monthly and annual reports say what children and families said and what changed."""

import datetime

import pytest

from trustboard.plans.models import Plan
from trustboard.reports.services import report_prepare

pytestmark = pytest.mark.django_db


def _section(kind: str, as_at: datetime.date) -> str:
    report, _performance = report_prepare(
        kind=kind, plan=Plan.objects.get(slug="cypf-2011-14"), as_at=as_at,
        committee="Children and Young People's Committee")
    return next(one for one in report.sections if one["key"] == "participation")["text"]


def test_the_six_monthly_report_says_what_was_heard_and_what_changed_by_its_date(demo):
    text = _section("performance", datetime.date(2012, 12, 31))
    assert text.startswith("Between July 2012 and December 2012, the partnership heard from "
                           "children, young people and families through five engagements, in "
                           "which 152 people took part. What they said, and what changed")
    assert ("- Children in care: Children in care want to keep the same social worker. We "
            "will, by 30 June 2013: The transformed social care service will tell") in text
    assert ("- Young carers: Young carers want their school to understand. We will, by 31 July "
            "2013: Every secondary school will name a lead for young carers") in text
    # Gedling's youth council had its answer in February, after the report's date.
    assert ("- Mental health: Young people want help with worries without a long wait. The "
            "response is still to come.") in text
    assert text.endswith("Four of the seven findings had a response.")
    assert "settle placement fees" not in text


def test_the_annual_report_says_what_changed_and_what_is_still_to_come(demo):
    text = _section("annual", datetime.date(2013, 3, 31))
    assert "through seven engagements, in which 239 people took part." in text
    assert ("- Children's social care: Families were not told when their worker changed. "
            "The response is still to come.") in text
    assert ("- Getting about: Young people want cheaper buses to college. We cannot: We cannot "
            "set bus fares. Fares are set by the bus companies.") in text
    assert text.endswith("Eight of the nine findings had a response.")


def test_the_seed_report_with_no_engagement_in_its_period_has_no_such_section(demo):
    """The demo's report as at 30 September 2012 still reads as the 2013 report does."""
    report, _performance = report_prepare(
        kind="performance", plan=Plan.objects.get(slug="cypf-2011-14"),
        as_at=datetime.date(2012, 9, 30), committee="Children and Young People's Committee")
    assert "participation" not in [one["key"] for one in report.sections]
