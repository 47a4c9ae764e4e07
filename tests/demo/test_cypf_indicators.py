"""The demo's sixteen indicators give the 2013 report's counts (seed 002, paragraph 18)."""

import datetime

import pytest

from trustboard.demo import cypf_indicators
from trustboard.performance.models import Indicator, PublicationApproval
from trustboard.plans.models import Plan
from trustboard.plans.selectors import plan_performance

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2012, 9, 30)


@pytest.fixture
def performance(demo):
    return plan_performance(plan=Plan.objects.get(slug="cypf-2011-14"), as_at=AS_AT,
                            public=True)


def _names(items):
    return sorted(item.indicator.name for item in items)


def test_eight_better_four_worse_and_four_similar_at_30_september_2012(performance):
    """Paragraph 18: "of the sixteen performance indicators where comparison information is
    available, eight show that Nottinghamshire performance exceeds the national average"
    and four "does not meet the national average"."""
    assert len(performance.all_indicators) == 16
    assert performance.comparison_counts == {"better": 8, "worse": 4, "similar": 4}
    expected = {spec.name: spec.expected for spec in cypf_indicators.INDICATORS}
    for label in ("better", "worse", "similar"):
        assert _names(performance.compared(label)) == sorted(
            name for name, wanted in expected.items() if wanted == label)


def test_every_priority_has_indicators_and_every_action_is_on_track(performance):
    assert all(priority.indicators for priority in performance.priorities)
    assert {a.status for a in performance.all_actions} == {"on schedule", "completed"}


def test_the_exceptions_view_has_values_off_target_and_worsening(performance):
    reasons = {item.indicator.name: item.exceptions for item in performance.all_indicators}
    off_target = [name for name, why in reasons.items() if "off target" in why]
    worsening = [name for name, why in reasons.items() if "worsening" in why]
    assert len(off_target) >= 2 and len(worsening) >= 2
    breastfeeding = next(item for item in performance.all_indicators
                         if item.indicator.name.startswith("Breastfeeding"))
    assert len(breastfeeding.localities) == 7
    assert "worse in Bassetlaw" in breastfeeding.exceptions
    assert breastfeeding.commentary


def test_the_demo_figures_say_they_are_illustrative_and_are_approved(performance):
    demo = Indicator.objects.filter(source=cypf_indicators.SOURCE)
    assert demo.count() == 16
    assert all("Illustrative value for the demo" in i.definition for i in demo)
    assert all(i.owner_id for i in demo)
    assert PublicationApproval.objects.filter(indicator__in=demo,
                                              withdrawn_at__isnull=True).count() == 16
    assert all(item.value is not None for item in performance.all_indicators)
