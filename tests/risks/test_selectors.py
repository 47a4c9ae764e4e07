import datetime

import pytest

from tests.governance.factories import PersonFactory
from tests.risks.factories import PlanFactory, PriorityFactory, current_body, unsaved_risk
from trustboard.risks.models import MitigatingAction, Strategy
from trustboard.risks.selectors import (
    risk_register,
    risks_for_priorities,
    strategies_for_priorities,
)
from trustboard.risks.services import (
    mitigation_save,
    risk_review_record,
    risk_save,
    strategy_save,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date


def _reviewed(officer, plan, reference, scores, *, body=None, priorities=()):
    """A risk identified on 1 January 2012 at the first scores, reviewed each quarter after."""
    first, *later = scores
    risk = risk_save(risk=unsaved_risk(
        plan=plan, reference=reference, body=body or current_body(),
        identified_on=DAY(2012, 1, 1), review_on=DAY(2012, 4, 1),
        current_likelihood=first[0], current_impact=first[1]), by=officer,
        priorities=list(priorities))
    for quarter, (likelihood, impact) in enumerate(later, start=1):
        risk_review_record(risk=risk, reviewed_on=DAY(2012, 1 + 3 * quarter, 1),
                           likelihood=likelihood, impact=impact,
                           next_review_on=DAY(2012, 4 + 3 * quarter, 1), by=officer)
    return risk


@pytest.mark.parametrize(("scores", "trend", "text"), [
    ([(3, 4)], "new", "New: first scored 12 on 1 January 2012"),
    ([(3, 4), (4, 4)], "up", "Up: 16 at the review of 1 April 2012, was 12"),
    ([(4, 4), (3, 4)], "down", "Down: 12 at the review of 1 April 2012, was 16"),
    ([(3, 4), (4, 3)], "steady", "Steady: 12 at the review of 1 April 2012, was 12"),
])
def test_the_trend_is_read_from_the_review_before(officer, scores, trend, text):
    plan = PlanFactory()
    _reviewed(officer, plan, "R1", scores)
    row, = risk_register(plan=plan, as_at=DAY(2012, 5, 1))
    assert (row.trend, row.trend_text) == (trend, text)


def test_the_register_as_at_an_earlier_date_reads_the_scores_and_trend_then(officer):
    plan = PlanFactory()
    _reviewed(officer, plan, "R1", [(2, 3), (3, 4), (5, 4)])
    row, = risk_register(plan=plan, as_at=DAY(2012, 5, 1))
    assert (row.score, row.previous_score, row.trend, row.next_review_on) == (
        12, 6, "up", DAY(2012, 7, 1))
    assert risk_register(plan=plan, as_at=DAY(2011, 12, 31)) == []


def test_a_review_is_overdue_once_its_date_has_passed_without_another(officer):
    plan = PlanFactory()
    _reviewed(officer, plan, "R1", [(3, 4)])
    assert not risk_register(plan=plan, as_at=DAY(2012, 4, 1))[0].review_is_overdue
    assert risk_register(plan=plan, as_at=DAY(2012, 4, 2))[0].review_is_overdue


def test_a_risk_reaches_the_threshold_at_the_threshold_score(officer, settings):
    settings.TRUSTBOARD_RISK_THRESHOLD = 12
    plan = PlanFactory()
    _reviewed(officer, plan, "R1", [(3, 4)])
    _reviewed(officer, plan, "R2", [(2, 5)])
    rows = risk_register(plan=plan, as_at=DAY(2012, 2, 1))
    assert [(row.risk.reference, row.is_above_threshold) for row in rows] == [
        ("R1", True), ("R2", False)]


def test_a_closed_risk_leaves_the_register_on_the_day_it_closed(officer):
    plan = PlanFactory()
    risk = _reviewed(officer, plan, "R1", [(3, 4)])
    risk.status, risk.closed_on = "closed", DAY(2012, 3, 1)
    risk_save(risk=risk, by=officer)
    assert len(risk_register(plan=plan, as_at=DAY(2012, 2, 29))) == 1
    assert risk_register(plan=plan, as_at=DAY(2012, 3, 1)) == []


def test_the_register_reads_any_number_of_risks_in_five_queries(officer,
                                                               django_assert_num_queries):
    plan = PlanFactory()
    body = current_body()
    priority = PriorityFactory(plan=plan)
    for number in range(1, 4):
        risk = _reviewed(officer, plan, f"R{number}", [(3, 4), (4, 4)], body=body,
                         priorities=[priority])
        mitigation_save(mitigation=MitigatingAction(risk=risk, text="Act", owner=PersonFactory(),
                                                    due_on=DAY(2012, 6, 1)), by=officer)
    with django_assert_num_queries(5):
        rows = risk_register(plan=plan, as_at=DAY(2012, 5, 1))
        assert [len(row.mitigations) for row in rows] == [1, 1, 1]
        assert all(row.risk.priorities.all() and row.risk.body.name for row in rows)
    with django_assert_num_queries(5):
        assert len(risks_for_priorities([priority], DAY(2012, 5, 1))[priority.pk]) == 3
    for title in ("CAMHS Strategy", "Child and Family Poverty Strategy"):
        strategy_save(strategy=Strategy(plan=plan, title=title), by=officer,
                      priorities=[priority])
    with django_assert_num_queries(2):
        assert len(strategies_for_priorities([priority], DAY(2012, 5, 1))[priority.pk]) == 2
