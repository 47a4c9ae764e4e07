"""The reports' "Commissioning on evidence" section, written from the demo's commissioning."""

import datetime

import pytest

from trustboard.demo.participation_demo import MANSFIELD_FINDING
from trustboard.plans.models import Plan
from trustboard.reports.sections import COMMISSIONING_HEADING
from trustboard.reports.services import report_prepare

pytestmark = pytest.mark.django_db


def _section(kind: str, as_at: datetime.date) -> dict | None:
    report, _performance = report_prepare(
        kind=kind, plan=Plan.objects.get(slug="cypf-2011-14"), as_at=as_at,
        committee="Children and Young People's Committee")
    return next((one for one in report.sections if one["key"] == "commissioning"), None)


def test_the_annual_report_says_what_was_decommissioned_and_on_what_evidence(demo):
    section = _section("annual", datetime.date(2013, 3, 31))
    assert section["heading"] == COMMISSIONING_HEADING
    text = section["text"]
    assert ("- Decommission Teenage pregnancy outreach (Teenage Pregnancy Integrated "
            "Commissioning Group, 14 November 2012), resting on Under-18 conceptions 34.5 per "
            "1,000 women aged 15 to 17 (2010; England 35.4, similar)") in text
    assert "the needs assessment topic \u201cTeenage pregnancy and young parents\u201d" in text
    assert f"what children and families said: \u201c{MANSFIELD_FINDING}\u201d" in text


def test_the_annual_report_lists_the_needs_topics_approved_in_the_year(demo):
    text = _section("annual", datetime.date(2013, 3, 31))["text"]
    assert ("- Healthy weight, by the Nottinghamshire Health and Wellbeing Board on "
            "6 February 2013") in text


def test_the_six_monthly_report_gives_the_pooled_budget_by_partner(demo):
    text = _section("performance", datetime.date(2013, 3, 31))["text"]
    assert "The partners' pooled funds for 2012/13 come to \u00a31,200,000:" in text
    assert "- NHS Bassetlaw: \u00a380,000" in text


def test_the_reports_never_show_a_value_still_decided_in_an_exempt_item(demo):
    for kind, as_at in (("performance", datetime.date(2013, 3, 31)),
                        ("annual", datetime.date(2013, 3, 31))):
        text = _section(kind, as_at)["text"]
        assert "236,500" not in text and "118,250" not in text


def test_a_report_of_a_period_with_no_commissioning_has_no_such_section(demo):
    assert _section("performance", datetime.date(2012, 3, 31)) is None


def test_a_quiet_half_year_keeps_the_seeds_layout_but_the_annual_report_gives_the_money(demo):
    """The demo's report as at 30 September 2012 is numbered as the seed's; no topic was
    approved and no decision taken in those six months."""
    assert _section("performance", datetime.date(2012, 9, 30)) is None
    annual = _section("annual", datetime.date(2012, 9, 30))["text"]
    assert annual.startswith("The partners' pooled funds for 2012/13 come to \u00a31,200,000:")
