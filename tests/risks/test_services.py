import datetime

import pytest

from tests.governance.factories import BodyFactory, PersonFactory, ScenarioFactory
from tests.meetings.factories import AgendaItemFactory, DecisionFactory, MeetingFactory, at
from tests.risks.factories import (
    KeyActionFactory,
    PlanFactory,
    PriorityFactory,
    current_body,
    unsaved_risk,
)
from trustboard.core.errors import RuleError
from trustboard.meetings.models import AgendaItem, DecisionKind, MeetingStatus
from trustboard.risks.models import MitigatingAction, Risk, RiskReview, Strategy
from trustboard.risks.services import (
    mitigation_save,
    risk_escalate,
    risk_review_record,
    risk_save,
    strategy_record_approval,
    strategy_save,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date


def test_a_new_risk_is_entered_with_its_first_review_at_its_current_scores(officer):
    plan = PlanFactory()
    priority = PriorityFactory(plan=plan)
    risk = risk_save(risk=unsaved_risk(plan=plan), by=officer, priorities=[priority])
    review = RiskReview.objects.get(risk=risk)
    assert (review.reviewed_on, review.score, review.next_review_on) == (
        DAY(2012, 1, 10), 16, DAY(2012, 4, 10))
    assert list(risk.priorities.all()) == [priority]
    assert risk.history.first().history_user == officer


@pytest.mark.parametrize("field", ["inherent_likelihood", "current_impact", "target_likelihood"])
@pytest.mark.parametrize("value", [0, 6])
def test_a_score_off_the_1_to_5_scale_is_refused_naming_the_field(officer, field, value):
    with pytest.raises(RuleError) as refused:
        risk_save(risk=unsaved_risk(**{field: value}), by=officer)
    assert refused.value.field == field
    assert "1 to 5" in refused.value.message
    assert not Risk.objects.exists() and not RiskReview.objects.exists()


def test_a_target_marked_achieved_while_the_current_score_is_above_it_is_refused(officer):
    with pytest.raises(RuleError) as refused:
        risk_save(risk=unsaved_risk(target_is_achieved=True), by=officer)
    assert refused.value.field == "target_is_achieved"
    assert "current score (16)" in refused.value.message
    assert not Risk.objects.exists()


def test_a_target_above_the_inherent_score_is_refused(officer):
    with pytest.raises(RuleError) as refused:
        risk_save(risk=unsaved_risk(inherent_likelihood=2, inherent_impact=2), by=officer)
    assert refused.value.field == "target_likelihood"
    assert not Risk.objects.exists()


def test_a_priority_of_another_plan_is_refused_and_nothing_is_written(officer):
    other = PriorityFactory()
    with pytest.raises(RuleError) as refused:
        risk_save(risk=unsaved_risk(), by=officer, priorities=[other])
    assert refused.value.field == "priorities"
    assert not Risk.objects.exists() and not RiskReview.objects.exists()


def test_a_body_of_a_proposed_arrangement_is_refused(officer):
    proposal = BodyFactory(scenario=ScenarioFactory(name="Proposal 2015"))
    with pytest.raises(RuleError) as refused:
        risk_save(risk=unsaved_risk(body=proposal), by=officer)
    assert refused.value.field == "body"
    assert "Proposal 2015" in refused.value.message
    assert not Risk.objects.exists()


def test_current_scores_change_only_through_a_dated_review(officer):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    risk.current_likelihood = 2
    with pytest.raises(RuleError) as refused:
        risk_save(risk=risk, by=officer)
    assert refused.value.field == "current_likelihood"


def test_a_review_moves_the_current_scores_and_the_next_review(officer):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    risk_review_record(risk=risk, reviewed_on=DAY(2012, 4, 2), likelihood=3, impact=4,
                       next_review_on=DAY(2012, 7, 2), by=officer)
    risk.refresh_from_db()
    assert (risk.current_score, risk.review_on) == (12, DAY(2012, 7, 2))
    assert risk.reviews.count() == 2


def test_a_review_entered_late_keeps_the_later_scores_current(officer):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    risk_review_record(risk=risk, reviewed_on=DAY(2012, 6, 1), likelihood=3, impact=3,
                       next_review_on=DAY(2012, 9, 1), by=officer)
    risk_review_record(risk=risk, reviewed_on=DAY(2012, 3, 1), likelihood=5, impact=4,
                       next_review_on=DAY(2012, 6, 1), by=officer)
    risk.refresh_from_db()
    assert (risk.current_score, risk.review_on) == (9, DAY(2012, 9, 1))


@pytest.mark.parametrize(("field", "likelihood", "impact"), [("likelihood", 6, 3),
                                                             ("impact", 3, 0)])
def test_a_review_off_the_scale_is_refused_and_nothing_is_written(officer, field, likelihood,
                                                                  impact):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    with pytest.raises(RuleError) as refused:
        risk_review_record(risk=risk, reviewed_on=DAY(2012, 4, 2), likelihood=likelihood,
                           impact=impact, next_review_on=DAY(2012, 7, 2), by=officer)
    assert refused.value.field == field
    assert risk.reviews.count() == 1


def test_a_review_that_raises_the_score_above_the_target_unmarks_it_achieved(officer):
    risk = risk_save(risk=unsaved_risk(current_likelihood=2, current_impact=3,
                                       target_is_achieved=True), by=officer)
    risk_review_record(risk=risk, reviewed_on=DAY(2012, 4, 2), likelihood=4, impact=3,
                       next_review_on=DAY(2012, 7, 2), by=officer)
    risk.refresh_from_db()
    assert risk.target_is_achieved is False


def test_a_risk_that_happened_becomes_an_issue_with_its_impact_and_response(officer):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    risk.is_issue, risk.occurred_on = True, DAY(2012, 5, 1)
    risk.issue_impact, risk.response = "Twelve assessments late.", "Agency social workers."
    risk_save(risk=risk, by=officer)
    risk.refresh_from_db()
    assert risk.is_issue and risk.response == "Agency social workers."


def test_an_issue_with_no_date_it_happened_is_refused(officer):
    with pytest.raises(RuleError) as refused:
        risk_save(risk=unsaved_risk(is_issue=True), by=officer)
    assert refused.value.field == "occurred_on"


def test_a_mitigating_action_with_no_owner_is_refused(officer):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    with pytest.raises(RuleError) as refused:
        mitigation_save(mitigation=MitigatingAction(risk=risk, text="Recruit",
                                                    due_on=DAY(2012, 6, 1)), by=officer)
    assert refused.value.field == "owner"
    assert not MitigatingAction.objects.exists()


def test_a_mitigating_action_may_be_a_key_action_of_the_same_plan(officer):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    key_action = KeyActionFactory(priority=PriorityFactory(plan=risk.plan))
    action = mitigation_save(mitigation=MitigatingAction(risk=risk, key_action=key_action),
                             by=officer)
    assert action.key_action == key_action and action.owner is None


def test_a_key_action_of_another_plan_is_refused_as_a_mitigation(officer):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    with pytest.raises(RuleError) as refused:
        mitigation_save(mitigation=MitigatingAction(risk=risk, key_action=KeyActionFactory()),
                        by=officer)
    assert refused.value.field == "key_action"
    assert not MitigatingAction.objects.exists()


def test_escalating_a_risk_puts_it_on_the_agenda_of_its_bodys_meeting(officer):
    body = current_body()
    plan = PlanFactory()
    priority = PriorityFactory(plan=plan)
    risk = risk_save(risk=unsaved_risk(plan=plan, body=body), by=officer, priorities=[priority])
    meeting = MeetingFactory(body=body, starts_at=at(2012, 11, 15))
    item = risk_escalate(risk=risk, meeting=meeting, threshold=15, by=officer)
    assert item.title == f"Risk R1: {risk.title}"
    assert list(item.priorities.all()) == [priority]
    assert list(risk.agenda_items.all()) == [item]
    assert "current score 16" in item.summary


def test_a_risk_below_the_threshold_is_not_escalated(officer):
    body = current_body()
    risk = risk_save(risk=unsaved_risk(body=body), by=officer)
    meeting = MeetingFactory(body=body)
    with pytest.raises(RuleError) as refused:
        risk_escalate(risk=risk, meeting=meeting, threshold=20, by=officer)
    assert "below the partnership's threshold (20)" in refused.value.message
    assert not AgendaItem.objects.exists()


def test_a_risk_is_not_escalated_to_a_cancelled_meeting(officer):
    body = current_body()
    risk = risk_save(risk=unsaved_risk(body=body), by=officer)
    meeting = MeetingFactory(body=body, status=MeetingStatus.CANCELLED)
    with pytest.raises(RuleError):
        risk_escalate(risk=risk, meeting=meeting, threshold=15, by=officer)
    assert not AgendaItem.objects.exists() and not risk.agenda_items.exists()


def test_a_strategy_serves_priorities_of_its_own_plan_only(officer):
    plan = PlanFactory()
    with pytest.raises(RuleError) as refused:
        strategy_save(strategy=Strategy(plan=plan, title="CAMHS Strategy"), by=officer,
                      priorities=[PriorityFactory()])
    assert refused.value.field == "priorities"
    assert not Strategy.objects.exists()


def test_a_strategy_is_approved_only_by_a_decision_that_approves_a_strategy(officer):
    with pytest.raises(RuleError) as refused:
        strategy_save(strategy=Strategy(plan=PlanFactory(), title="CAMHS Strategy",
                                        approved_by=DecisionFactory(kind=DecisionKind.NOTE)),
                      by=officer)
    assert refused.value.field == "approved_by"


def test_a_decision_approving_a_strategy_enters_it_in_the_register(officer):
    plan = PlanFactory()
    priority = PriorityFactory(plan=plan)
    item = AgendaItemFactory(title="Youth Homelessness Strategy",
                             meeting=MeetingFactory(starts_at=at(2012, 5, 17)))
    item.priorities.set([priority])
    decision = DecisionFactory(item=item, kind=DecisionKind.APPROVE_STRATEGY,
                               text="The Youth Homelessness Strategy was approved.")
    strategy = strategy_record_approval(decision=decision, by=officer)
    assert (strategy.title, strategy.plan, strategy.approved_by, strategy.approved_on) == (
        "Youth Homelessness Strategy", plan, decision, DAY(2012, 5, 17))
    assert list(strategy.priorities.all()) == [priority]


def test_a_second_approval_updates_the_entry_rather_than_adding_one(officer):
    plan = PlanFactory()
    strategy_save(strategy=Strategy(plan=plan, title="CAMHS Strategy",
                                    review_on=DAY(2014, 1, 1)), by=officer)
    item = AgendaItemFactory(title="CAMHS strategy", meeting=MeetingFactory(
        starts_at=at(2012, 7, 12)))
    decision = DecisionFactory(item=item, kind=DecisionKind.APPROVE_STRATEGY)
    strategy_record_approval(decision=decision, by=officer)
    strategy = Strategy.objects.get()
    assert (strategy.title, strategy.approved_by, strategy.review_on) == (
        "CAMHS Strategy", decision, DAY(2014, 1, 1))


def test_recording_an_approve_strategy_decision_through_meetings_fills_the_register(officer):
    from trustboard.meetings.models import Decision
    from trustboard.meetings.services import decision_save

    PlanFactory()
    item = AgendaItemFactory(title="Looked After Children Strategy",
                             meeting=MeetingFactory(starts_at=at(2012, 7, 12)))
    decision_save(decision=Decision(item=item, kind=DecisionKind.APPROVE_STRATEGY,
                                    text="Approved."), by=officer)
    assert Strategy.objects.get().title == "Looked After Children Strategy"


def test_a_mitigation_owner_must_be_a_person(officer):
    risk = risk_save(risk=unsaved_risk(), by=officer)
    action = mitigation_save(mitigation=MitigatingAction(
        risk=risk, text="Recruit", owner=PersonFactory(), due_on=DAY(2012, 6, 1)), by=officer)
    assert action.history.first().history_user == officer
