"""Every write to the risks and strategies registers. Each checks everything before it
writes, writes in one transaction and names who did it."""

import datetime

from django.db import transaction

from trustboard.core.errors import RuleError
from trustboard.core.services import record_save
from trustboard.meetings.models import AgendaItem, Decision, DecisionKind, Meeting, Purpose
from trustboard.plans.models import KeyAction, Plan, Priority
from trustboard.risks.models import (
    SCALE,
    MitigatingAction,
    MitigationStatus,
    Risk,
    RiskReview,
    RiskStatus,
    Strategy,
)

_SCALE_FIELDS = {
    "inherent_likelihood": "inherent likelihood", "inherent_impact": "inherent impact",
    "current_likelihood": "current likelihood", "current_impact": "current impact",
    "target_likelihood": "target likelihood", "target_impact": "target impact",
}


def _refuse_off_scale(value, *, field: str, label: str) -> None:
    if value not in SCALE:
        raise RuleError(f"The {label} is scored from 1 to 5; {value} is not on the scale.",
                        field=field)


def _refuse_other_plan(*, plan: Plan, priorities, field: str = "priorities") -> None:
    for priority in priorities or ():
        if priority.plan_id != plan.pk:
            raise RuleError(f"Priority {priority} belongs to another plan, not {plan}.",
                            field=field)


def _refuse_other_scenario_body(body) -> None:
    if body is not None and not body.scenario.is_current:
        raise RuleError(f"{body.name} belongs to the proposal '{body.scenario.name}', not to "
                        "the partnership's arrangement as it is.", field="body")


def _refuse_bad_scores(risk: Risk) -> None:
    for field, label in _SCALE_FIELDS.items():
        _refuse_off_scale(getattr(risk, field), field=field, label=label)
    if risk.target_score > risk.inherent_score:
        raise RuleError(f"The target score ({risk.target_score}) is above the inherent score "
                        f"({risk.inherent_score}): a target is where the risk is being brought "
                        "down to.", field="target_likelihood")
    if risk.target_is_achieved and risk.current_score > risk.target_score:
        raise RuleError(f"The target ({risk.target_score}) cannot be marked as achieved while "
                        f"the current score ({risk.current_score}) is above it.",
                        field="target_is_achieved")


@transaction.atomic
def risk_save(*, risk: Risk, by, priorities=None) -> Risk:
    """Enter a risk in the register, or change it; a new risk's first review is the day it
    was identified, at its current scores.

    The current scores of a risk already entered change only through a review
    (`risk_review_record`), so its trend and heat map as at any date stay true.
    """
    _refuse_bad_scores(risk)
    _refuse_other_scenario_body(risk.body if risk.body_id else None)
    _refuse_other_plan(plan=risk.plan, priorities=priorities)
    is_new = risk.pk is None
    if not is_new:
        latest = risk.reviews.order_by("-reviewed_on").first()
        if latest is not None and (latest.likelihood, latest.impact) != (
                risk.current_likelihood, risk.current_impact):
            raise RuleError("Record a review to change the current scores, so the change is "
                            "dated.", field="current_likelihood")
    if risk.status == RiskStatus.OPEN:
        risk.closed_on = None
    elif risk.closed_on is None:
        raise RuleError("Give the date the risk closed.", field="closed_on")
    if not risk.is_issue:
        risk.occurred_on = None
    elif risk.occurred_on is None:
        raise RuleError("Give the date the risk happened, as it is now an issue.",
                        field="occurred_on")
    if is_new and risk.review_on <= risk.identified_on:
        raise RuleError("The next review falls after the day the risk was identified.",
                        field="review_on")
    risk.title = " ".join(risk.title.split())
    record_save(risk, by=by)
    if priorities is not None:
        risk.priorities.set(priorities)
    if is_new:
        record_save(RiskReview(risk=risk, reviewed_on=risk.identified_on,
                               likelihood=risk.current_likelihood, impact=risk.current_impact,
                               next_review_on=risk.review_on, note="Identified.",
                               recorded_by=by), by=by)
    return risk


@transaction.atomic
def risk_review_record(*, risk: Risk, reviewed_on: datetime.date, likelihood: int, impact: int,
                       next_review_on: datetime.date, note: str = "", by) -> RiskReview:
    """Record a dated review of a risk's current likelihood and impact and its next review.

    The latest review sets the risk's current scores and next review date; an earlier one
    (entered late) is kept in the history without moving them. A target marked achieved
    that the new score rises above is no longer achieved.
    """
    _refuse_off_scale(likelihood, field="likelihood", label="likelihood")
    _refuse_off_scale(impact, field="impact", label="impact")
    if reviewed_on < risk.identified_on:
        raise RuleError(f"The risk was identified on {risk.identified_on:%-d %B %Y}; a review "
                        "cannot come before.", field="reviewed_on")
    if next_review_on <= reviewed_on:
        raise RuleError("The next review falls after this one.", field="next_review_on")
    review = (RiskReview.objects.filter(risk=risk, reviewed_on=reviewed_on).first()
              or RiskReview(risk=risk, reviewed_on=reviewed_on))
    review.likelihood, review.impact = likelihood, impact
    review.next_review_on, review.note, review.recorded_by = next_review_on, note.strip(), by
    record_save(review, by=by)
    latest = risk.reviews.order_by("-reviewed_on").first()
    if latest.pk == review.pk:
        risk.current_likelihood, risk.current_impact = likelihood, impact
        risk.review_on = next_review_on
        if risk.current_score > risk.target_score:
            risk.target_is_achieved = False
        record_save(risk, by=by)
    return review


@transaction.atomic
def mitigation_save(*, mitigation: MitigatingAction, by) -> MitigatingAction:
    """Record a mitigating action: one with an owner and due date, or a key action of the
    risk's own plan."""
    risk = mitigation.risk
    if mitigation.key_action_id is not None:
        key_action = KeyAction.objects.select_related("priority").get(pk=mitigation.key_action_id)
        if key_action.priority.plan_id != risk.plan_id:
            raise RuleError(f"Key action {key_action.reference} belongs to another plan, not "
                            f"{risk.plan}.", field="key_action")
    else:
        if mitigation.owner_id is None:
            raise RuleError("Name the owner of the mitigating action, or link a key action of "
                            "the plan.", field="owner")
        if mitigation.due_on is None:
            raise RuleError("Give the date the mitigating action is due.", field="due_on")
        if not mitigation.text.strip():
            raise RuleError("Say what the mitigating action is.", field="text")
    if mitigation.status == MitigationStatus.OPEN:
        mitigation.done_on = None
    elif mitigation.done_on is None:
        raise RuleError("Give the date the action was done.", field="done_on")
    mitigation.text = mitigation.text.strip()
    return record_save(mitigation, by=by)


def _meeting_day(meeting: Meeting) -> datetime.date:
    from django.utils import timezone

    return timezone.localtime(meeting.starts_at).date()


@transaction.atomic
def risk_escalate(*, risk: Risk, meeting: Meeting, threshold: int, by) -> AgendaItem:
    """Put a risk at or above the partnership's threshold on the agenda of a meeting of its
    body, as an item for discussion linked to the risk's priorities.

    The agenda item is written through the meetings service, so its rules (a cancelled
    meeting, approved minutes) hold here too.
    """
    from trustboard.meetings.services import agenda_item_save

    if meeting.body_id != risk.body_id:
        raise RuleError(f"That meeting is of {meeting.body}, not of {risk.body}, which owns "
                        "the risk.", field="meeting")
    if not risk.is_open:
        raise RuleError("The risk is closed.", field="meeting")
    if risk.current_score < threshold:
        raise RuleError(f"The risk's score ({risk.current_score}) is below the partnership's "
                        f"threshold ({threshold}).", field="meeting")
    if risk.agenda_items.filter(meeting=meeting).exists():
        raise RuleError("The risk is already on that meeting's agenda.", field="meeting")
    item = agenda_item_save(
        item=AgendaItem(
            meeting=meeting, title=f"Risk {risk.reference}: {risk.title}",
            purpose=Purpose.DISCUSSION,
            summary=(f"Escalated from the risk register: current score {risk.current_score} "
                     f"(likelihood {risk.current_likelihood} x impact {risk.current_impact}), "
                     f"at or above the partnership's threshold of {threshold}. "
                     f"Owner: {risk.owner}.")),
        by=by, priorities=list(risk.priorities.all()))
    risk.agenda_items.add(item)
    return item


@transaction.atomic
def strategy_save(*, strategy: Strategy, by, priorities=None) -> Strategy:
    """Enter a strategy in the register, or change it; the decision that approved it must be
    one of kind "approve a strategy"."""
    _refuse_other_plan(plan=strategy.plan, priorities=priorities)
    if strategy.approved_by_id is not None:
        decision = Decision.objects.select_related("item__meeting").get(
            pk=strategy.approved_by_id)
        if decision.kind != DecisionKind.APPROVE_STRATEGY:
            raise RuleError("That decision did not approve a strategy.", field="approved_by")
        if strategy.approved_on is None:
            strategy.approved_on = _meeting_day(decision.item.meeting)
    if (strategy.review_on is not None and strategy.approved_on is not None
            and strategy.review_on <= strategy.approved_on):
        raise RuleError("The review falls after the strategy was approved.", field="review_on")
    strategy.title = " ".join(strategy.title.split())
    if not strategy.title:
        raise RuleError("Give the strategy's title.", field="title")
    record_save(strategy, by=by)
    if priorities is not None:
        strategy.priorities.set(priorities)
    return strategy


def _plan_for(day: datetime.date, priorities: list[Priority]) -> Plan | None:
    if priorities:
        return priorities[0].plan
    return Plan.objects.filter(starts_on__lte=day, ends_on__gte=day).order_by("-starts_on").first()


@transaction.atomic
def strategy_record_approval(*, decision: Decision, by) -> Strategy | None:
    """Create or update the register's entry for the strategy a decision approved.

    Called by the meetings service that records a decision of kind "approve a strategy".
    The strategy is the agenda item's subject (its title), in the plan of the item's
    priorities or else the plan in force on the day of the meeting; it serves the item's
    priorities. With no plan in force there is no register to enter it in: None.
    """
    item = decision.item
    day = _meeting_day(item.meeting)
    priorities = list(item.priorities.select_related("plan"))
    plan = _plan_for(day, priorities)
    if plan is None:
        return None
    strategy = (Strategy.objects.filter(plan=plan, approved_by=decision).first()
                or Strategy.objects.filter(plan=plan, title__iexact=" ".join(item.title.split()))
                .first()
                or Strategy(plan=plan, title=item.title))
    strategy.approved_by, strategy.approved_on = decision, day
    linked = set(strategy.priorities.all()) if strategy.pk else set()
    return strategy_save(strategy=strategy, by=by,
                         priorities=sorted(linked | {p for p in priorities if p.plan_id == plan.pk},
                                           key=lambda priority: priority.number))
