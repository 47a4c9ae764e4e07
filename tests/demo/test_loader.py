from decimal import Decimal

import pytest

from trustboard.demo.loader import demo_is_loaded
from trustboard.governance.models import Body, Membership, Scenario

pytestmark = pytest.mark.django_db


def test_demo_has_the_two_nottinghamshire_scenarios(demo):
    assert demo_is_loaded()
    assert list(Scenario.objects.values_list("name", "is_current")) == [
        ("current", True), ("proposed 2015", False)]


def test_current_has_the_seven_locality_management_groups_of_the_2013_report(demo):
    groups = Body.objects.filter(scenario__slug="current", kind="locality group")
    assert sorted(group.locality for group in groups) == [
        "Ashfield", "Bassetlaw", "Broxtowe", "Gedling", "Mansfield", "Newark and Sherwood",
        "Rushcliffe"]


def test_current_executive_has_the_nscb_chair_as_participant_observer(demo):
    """2013 report, paragraph 4: "The Chair of Nottinghamshire Safeguarding Children Board is
    a participant observer"."""
    seat = Membership.objects.get(body__scenario__slug="current",
                                  body__name="Children's Trust Executive",
                                  person__name="NSCB independent chair (placeholder)")
    assert seat.role == "participant observer"


def test_proposed_board_meets_three_times_and_executives_five(demo):
    """2015 review, paragraphs 26 and 30."""
    bodies = {body.name: body for body in Body.objects.filter(scenario__slug="proposed-2015")}
    assert bodies["Children's Trust Board"].meetings_per_year == 3
    assert bodies["Children's Trust Board"].is_partnership_board
    assert bodies["Help and Protection Executive"].meetings_per_year == 5
    assert bodies["Health and Wellbeing Executive"].meetings_per_year == 5
    assert {"North Locality Group", "Central Locality Group", "South Locality Group"} <= set(
        bodies)
    assert bodies["Children's Trust Board"].meeting_hours == Decimal("2.5")


def test_demo_people_are_obviously_placeholders(demo):
    from trustboard.governance.models import Person

    assert all("(placeholder)" in name for name in Person.objects.values_list("name", flat=True))


def test_the_plan_has_seven_priorities_all_on_track_at_30_september_2012(demo):
    """2013 report, paragraph 18: "all activities are either on schedule or completed"."""
    import datetime

    from trustboard.plans.models import Plan
    from trustboard.plans.selectors import plan_progress

    plan = Plan.objects.get(slug="cypf-2011-14")
    progress = plan_progress(plan=plan, as_at=datetime.date(2012, 9, 30))
    assert len(progress.priorities) == 7
    assert progress.all_on_track


def _comparison():
    from trustboard.governance.metrics import scenario_comparison

    return scenario_comparison(Scenario.objects.get(slug="current"),
                               Scenario.objects.get(slug="proposed-2015"))


def test_the_2015_board_replaces_the_children_s_trust_executive(demo):
    """2015 review, Diagram 1: the Children's Trust Board in place of the Executive."""
    comparison = _comparison()
    replaced = [str(replacement) for replacement in comparison.bodies_replaced]

    assert "Children's Trust Executive replaced by Children's Trust Board" in replaced
    assert ("Ashfield Locality Management Group, Bassetlaw Locality Management Group, "
            "Mansfield Locality Management Group and Newark and Sherwood Locality Management "
            "Group replaced by North Locality Group") in replaced
    assert "Children's Trust Executive" not in comparison.bodies_removed
    assert "Children's Trust Board" not in comparison.bodies_added


def test_bodies_outside_the_partnership_are_left_out_of_the_hours_and_named(demo):
    comparison = _comparison()
    outside = ["Children and Young People's Committee",
               "Nottinghamshire Health and Wellbeing Board",
               "Nottinghamshire Safeguarding Children Board"]

    assert comparison.membership_unknown_before == outside
    assert comparison.membership_unknown_after == outside
    assert (comparison.total_hours_before, comparison.total_hours_after) == (1216, 561)
