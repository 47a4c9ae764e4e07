"""The plan's performance: what the dashboard, the exceptions view and the report read."""

import datetime

import pytest
from django.utils import timezone

from tests.plans.conftest import NOTTINGHAMSHIRE, england, period, put
from trustboard.governance.models import Organisation, Person
from trustboard.performance.models import (
    Area,
    Breakdown,
    DataPoint,
    Indicator,
    IndicatorCommentary,
    PublicationApproval,
    StatisticalNeighbour,
    Target,
)
from trustboard.plans.models import ActionUpdate, KeyAction, Priority
from trustboard.plans.selectors import plan_performance
from trustboard.reports.narrative import summary_bullets

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2012, 9, 30)
BASSETLAW, MANSFIELD = "E07000171", "E07000174"


@pytest.fixture
def rate(areas, plan):
    """A rate where lower is better, linked to priority 1, with three years of values."""
    indicator = Indicator.objects.create(name="Child protection plans", polarity="lower_is_better",
                                         frequency="financial_year", frequency_months=12)
    priority = Priority.objects.create(plan=plan, number=1, title="Keep children safe")
    priority.indicators.add(indicator)
    for label, notts, eng in (("2009/10", 30, 35), ("2010/11", 32, 35), ("2011/12", 40, 36),
                              ("2012/13", 20, 35)):
        put(indicator, NOTTINGHAMSHIRE, label, notts)
        england(indicator, label, eng)
    return indicator


def _only(performance):
    [item] = performance.all_indicators
    return item


def test_values_are_cut_at_the_latest_period_ending_by_the_date(rate, plan):
    """2012/13 ends in March 2013: at 30 September 2012 the latest is 2011/12."""
    item = _only(plan_performance(plan=plan, as_at=AS_AT))
    assert (item.period, item.value, item.england_value) == ("2011/12", 40, 36)
    assert [point.period for point in item.series] == ["2009/10", "2010/11", "2011/12"]
    later = _only(plan_performance(plan=plan, as_at=datetime.date(2013, 6, 30)))
    assert (later.period, later.value) == ("2012/13", 20)


def test_an_indicator_is_compared_with_england_its_past_and_its_target(rate, plan):
    Target.objects.create(indicator=rate, period="2011/12", value=35)
    item = _only(plan_performance(plan=plan, as_at=AS_AT))
    assert item.compared_with_england == "worse"
    assert item.direction_of_travel == "worsening"
    assert (item.target, item.target_status) == (35, "red")
    assert not item.is_out_of_date
    assert item.exceptions == ["off target", "worse than England", "worsening"]


def test_neighbour_average_and_rank_come_from_the_statistical_neighbours(rate, plan):
    neighbours = [link.neighbour.code for link in StatisticalNeighbour.objects.filter(
        area__code=NOTTINGHAMSHIRE).select_related("neighbour").order_by("rank")[:3]]
    for code, value in zip(neighbours, (30, 50, 38), strict=True):
        put(rate, code, "2011/12", value)
    item = _only(plan_performance(plan=plan, as_at=AS_AT))
    assert item.neighbour_average == pytest.approx((30 + 50 + 38) / 3)
    # 30 and 38 are better than 40: third of the four areas with a value, seven of the ten
    # neighbours having none.
    assert str(item.neighbour_ranking) == "3 of 4"
    assert item.neighbour_ranking.sentence == "ranked 3 of 4 (3 of 10 neighbours had a value)"


def test_a_value_is_out_of_date_only_once_the_next_was_due_and_has_not_arrived(rate, plan):
    """A financial-year indicator from a source that takes six months to publish: 2009/10
    ends in March 2010, so 2010/11's value was due by September 2011 (end, a year, six
    months)."""
    item = _only(plan_performance(plan=plan, as_at=datetime.date(2014, 3, 1)))
    assert item.period == "2012/13" and not item.is_out_of_date
    DataPoint.objects.filter(period__label__in=["2010/11", "2011/12", "2012/13"]).delete()
    item = _only(plan_performance(plan=plan, as_at=datetime.date(2011, 9, 30)))
    assert (item.period, item.next_due) == ("2009/10", datetime.date(2011, 9, 30))
    assert not item.is_out_of_date
    item = _only(plan_performance(plan=plan, as_at=AS_AT))
    assert item.period == "2009/10" and item.is_out_of_date


def test_an_out_of_date_indicator_is_not_an_exception(rate, plan):
    DataPoint.objects.filter(period__label__in=["2010/11", "2011/12", "2012/13"]).delete()
    performance = plan_performance(plan=plan, as_at=AS_AT, exceptions_only=True)
    assert _only(plan_performance(plan=plan, as_at=AS_AT)).is_out_of_date
    assert performance.all_indicators == []


def test_the_publication_lag_of_the_indicator_moves_when_its_next_value_is_due(rate, plan):
    DataPoint.objects.filter(period__label__in=["2010/11", "2011/12", "2012/13"]).delete()
    rate.publication_lag_months = 12
    rate.save()
    item = _only(plan_performance(plan=plan, as_at=AS_AT))
    assert item.next_due == datetime.date(2012, 3, 31) and item.is_out_of_date
    rate.publication_lag_months = 20
    rate.save()
    assert not _only(plan_performance(plan=plan, as_at=AS_AT)).is_out_of_date


def test_district_figures_are_shown_against_the_county_so_one_is_not_hidden(rate, plan):
    put(rate, BASSETLAW, "2011/12", 60, 4)
    put(rate, MANSFIELD, "2011/12", 39, 4)
    item = _only(plan_performance(plan=plan, as_at=AS_AT))
    assert [(v.area.name, v.compared_with_area) for v in item.localities] == [
        ("Bassetlaw", "worse"), ("Mansfield", "similar")]
    assert "worse in Bassetlaw" in item.exceptions


def test_the_locality_filter_keeps_indicators_with_figures_there(rate, plan, areas):
    other = Indicator.objects.create(name="Other", polarity="higher_is_better")
    Priority.objects.get(number=1).indicators.add(other)
    put(rate, BASSETLAW, "2011/12", 60, 4)
    bassetlaw = Area.objects.get(code=BASSETLAW)
    performance = plan_performance(plan=plan, as_at=AS_AT, locality=bassetlaw)
    assert [i.indicator for i in performance.all_indicators] == [rate]
    assert [v.area for v in performance.all_indicators[0].localities] == [bassetlaw]


def test_commentary_is_the_owners_words_on_the_value_shown(rate, plan, officer):
    IndicatorCommentary.objects.create(indicator=rate, area=Area.objects.get(
        code=NOTTINGHAMSHIRE), period="2011/12", text="More referrals after the MASH opened.",
                                       by=officer)
    item = _only(plan_performance(plan=plan, as_at=AS_AT))
    assert item.commentary_text == "More referrals after the MASH opened."
    assert (item.commentary.by, item.commentary.is_public) == ("Pat Officer", False)
    assert _only(plan_performance(plan=plan, as_at=datetime.date(2011, 9, 30))).commentary is None


def test_public_performance_hides_values_and_commentary_not_approved(rate, plan, officer):
    rate.approval_required = True
    rate.save()
    IndicatorCommentary.objects.create(indicator=rate, area=Area.objects.get(
        code=NOTTINGHAMSHIRE), period="2011/12", text="Draft words.", by=officer)
    assert _only(plan_performance(plan=plan, as_at=AS_AT, public=True)).value is None
    approval = PublicationApproval.objects.create(
        indicator=rate, up_to=datetime.date(2011, 3, 31), up_to_period="2010/11",
        approved_by=officer, approved_at=timezone.now())
    item = _only(plan_performance(plan=plan, as_at=AS_AT, public=True))
    assert (item.period, item.value, item.commentary) == ("2010/11", 32, None)
    approval.up_to, approval.up_to_period = datetime.date(2012, 3, 31), "2011/12"
    approval.save()
    item = _only(plan_performance(plan=plan, as_at=AS_AT, public=True))
    assert (item.period, item.value, item.commentary_text) == ("2011/12", 40, "Draft words.")
    approval.withdrawn_at = timezone.now()
    approval.save()
    assert _only(plan_performance(plan=plan, as_at=AS_AT, public=True)).value is None
    assert _only(plan_performance(plan=plan, as_at=AS_AT)).value == 40  # signed in


def test_actions_are_rated_by_their_status_and_due_date(rate, plan):
    priority = Priority.objects.get(number=1)
    due = datetime.date(2012, 9, 15)
    for reference, status in (("1.1", "delayed"), ("1.2", "at risk"), ("1.3", "on schedule"),
                              ("1.4", "completed")):
        action = KeyAction.objects.create(priority=priority, reference=reference, title="A",
                                          due_on=due)
        ActionUpdate.objects.create(action=action, as_at=datetime.date(2012, 9, 1),
                                    status=status, commentary=f"{status} words")
    actions = plan_performance(plan=plan, as_at=AS_AT).all_actions
    assert [(a.status, a.recorded_status, a.exceptions) for a in actions] == [
        ("overdue", "delayed", ["overdue"]), ("overdue", "at risk", ["overdue"]),
        ("overdue", "on schedule", ["overdue"]), ("completed", "completed", [])]
    assert actions[0].status_text == "Overdue (last update: delayed)"
    assert actions[0].commentary == "delayed words"
    assert actions[0].updated_on == datetime.date(2012, 9, 1)
    early = plan_performance(plan=plan, as_at=datetime.date(2012, 9, 10)).all_actions
    assert [(a.status, a.exceptions) for a in early] == [
        ("delayed", ["delayed"]), ("at risk", ["at risk"]), ("on schedule", []),
        ("completed", [])]


def test_an_overdue_action_is_counted_as_overdue_and_never_on_schedule(rate, plan):
    priority = Priority.objects.get(number=1)
    for reference, due in (("1.1", datetime.date(2012, 6, 30)), ("1.2", None)):
        action = KeyAction.objects.create(priority=priority, reference=reference, title="A",
                                          due_on=due)
        ActionUpdate.objects.create(action=action, as_at=datetime.date(2012, 9, 1),
                                    status="on schedule")
    performance = plan_performance(plan=plan, as_at=AS_AT)
    assert performance.action_summary == [("on schedule", 1), ("overdue", 1)]
    exceptions = plan_performance(plan=plan, as_at=AS_AT, exceptions_only=True)
    assert [a.action.reference for a in exceptions.all_actions] == ["1.1"]


def test_exceptions_only_keeps_what_is_outside_tolerance(rate, plan):
    fine = Indicator.objects.create(name="Fine", polarity="lower_is_better")
    priority = Priority.objects.get(number=1)
    priority.indicators.add(fine)
    for label in ("2010/11", "2011/12"):
        put(fine, NOTTINGHAMSHIRE, label, 10)
        england(fine, label, 30)
    on_time = KeyAction.objects.create(priority=priority, reference="1.1", title="On time")
    ActionUpdate.objects.create(action=on_time, as_at=AS_AT, status="on schedule")
    late = KeyAction.objects.create(priority=priority, reference="1.2", title="Late")
    ActionUpdate.objects.create(action=late, as_at=AS_AT, status="delayed")
    Priority.objects.create(plan=plan, number=2, title="Nothing wrong")
    performance = plan_performance(plan=plan, as_at=AS_AT, exceptions_only=True)
    assert [p.priority.number for p in performance.priorities] == [1]
    assert [i.indicator for i in performance.all_indicators] == [rate]
    assert [a.action for a in performance.all_actions] == [late]


def test_filters_by_owner_and_accountable_body(rate, plan, areas):
    organisation = Organisation.objects.create(name="County Council")
    lead = Person.objects.create(name="Lead", organisation=organisation)
    rate.owner = lead
    rate.save()
    unowned = Indicator.objects.create(name="Unowned")
    priority = Priority.objects.get(number=1)
    priority.indicators.add(unowned)
    mine = KeyAction.objects.create(priority=priority, reference="1.1", title="Mine",
                                    lead_officer=lead)
    KeyAction.objects.create(priority=priority, reference="1.2", title="Not mine")
    performance = plan_performance(plan=plan, as_at=AS_AT, owner=lead)
    assert [i.indicator for i in performance.all_indicators] == [rate]
    assert [a.action for a in performance.all_actions] == [mine]
    from trustboard.governance.models import Body, Scenario
    scenario = Scenario.objects.create(name="Current", slug="current")
    body = Body.objects.create(name="Executive", scenario=scenario)
    assert plan_performance(plan=plan, as_at=AS_AT, body=body).priorities == []
    priority.accountable_body = body
    priority.save()
    assert len(plan_performance(plan=plan, as_at=AS_AT, body=body).priorities) == 1


def test_an_indicator_under_two_priorities_is_counted_once(rate, plan):
    Priority.objects.create(plan=plan, number=2, title="Again").indicators.add(rate)
    performance = plan_performance(plan=plan, as_at=AS_AT)
    assert [len(p.indicators) for p in performance.priorities] == [1, 1]
    assert performance.comparison_counts == {"worse": 1}


def _plan_with(plan, priorities: int, per_priority: int):
    breakdown = Breakdown.objects.get_or_create(sex="Persons", age="All ages")[0]
    notts, eng = Area.objects.get(code=NOTTINGHAMSHIRE), Area.objects.get(code="E92000001")
    neighbour = StatisticalNeighbour.objects.filter(area=notts).first().neighbour
    bassetlaw = Area.objects.get(code=BASSETLAW)
    periods = [period(label) for label in ("2010/11", "2011/12")]
    points = []
    for number in range(1, priorities + 1):
        priority = Priority.objects.create(plan=plan, number=number, title=f"Priority {number}")
        indicators = Indicator.objects.bulk_create(
            Indicator(name=f"P{number} indicator {index}", polarity="lower_is_better")
            for index in range(per_priority))
        priority.indicators.add(*indicators)
        for index in range(3):
            action = KeyAction.objects.create(priority=priority, reference=f"{number}.{index}",
                                              title="Action")
            ActionUpdate.objects.create(action=action, as_at=AS_AT, status="on schedule")
        for indicator in indicators:
            Target.objects.create(indicator=indicator, period="2011/12", value=10)
            IndicatorCommentary.objects.create(indicator=indicator, area=notts,
                                               period="2011/12", text="Words")
            for when in periods:
                points += [DataPoint(indicator=indicator, area=area, period=when,
                                     breakdown=breakdown, value=value, lower95=value - 1,
                                     upper95=value + 1)
                           for area, value in ((notts, 12), (eng, 11), (neighbour, 9),
                                               (bassetlaw, 14))]
    DataPoint.objects.bulk_create(points)


@pytest.mark.parametrize("priorities,per_priority", [(1, 1), (7, 100)])
def test_performance_reads_in_a_fixed_number_of_queries(areas, plan, priorities, per_priority,
                                                        django_assert_num_queries):
    _plan_with(plan, priorities, per_priority)
    # 11, and one more for the public: is any count small enough to suppress (disclosure)?
    with django_assert_num_queries(12):
        performance = plan_performance(plan=plan, as_at=AS_AT, public=True)
        items = performance.all_indicators
    assert len(items) == priorities * per_priority
    assert items[0].neighbour_average == 9 and items[0].localities[0].value == 14
    assert items[0].target_status == "red"


def test_the_reports_sentence_on_key_actions_says_how_many_are_overdue(rate, plan):
    """Seed 002, paragraph 18, is said only when true: an overdue action is named as one."""
    priority = Priority.objects.get(number=1)
    for reference, due in (("1.1", datetime.date(2012, 6, 30)), ("1.2", None)):
        action = KeyAction.objects.create(priority=priority, reference=reference,
                                          title="Open the hub", due_on=due)
        ActionUpdate.objects.create(action=action, as_at=datetime.date(2012, 9, 1),
                                    status="on schedule")
    bullet = summary_bullets(plan_performance(plan=plan, as_at=AS_AT, public=True))[0]
    assert "all activities are either on schedule or completed" not in bullet.text
    assert "one of the two activities is either on schedule or completed; one is overdue" \
        in bullet.text
    assert bullet.items == ("1.1 Open the hub (overdue; last update: on schedule).",)
