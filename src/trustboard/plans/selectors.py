"""Reads of the plan: each action's status as at a date, counted the way the report counts,
and the plan's performance (actions and indicators together) for the dashboard and reports."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from trustboard.governance.models import Body, Person
from trustboard.performance.models import Area, Indicator, PublicationApproval
from trustboard.performance.selectors import (
    IndicatorReading,
    approvals_current,
    indicator_readings,
    partnership_area,
)
from trustboard.plans.models import ActionStatus, ActionUpdate, KeyAction, Plan, Priority


@dataclass(frozen=True)
class ActionProgress:
    action: KeyAction
    latest: ActionUpdate | None

    @property
    def status(self) -> str:
        return self.latest.status if self.latest else ActionStatus.NOT_STARTED


@dataclass(frozen=True)
class PriorityProgress:
    priority: Priority
    actions: list[ActionProgress]
    counts: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class PlanProgress:
    plan: Plan
    as_at: datetime.date
    priorities: list[PriorityProgress]

    @property
    def counts(self) -> Counter:
        return sum((p.counts for p in self.priorities), Counter())

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for each status some action has, most advanced first."""
        counts = self.counts
        return [(status.value, status.label, counts[status])
                for status in reversed(ActionStatus) if counts[status]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def all_on_track(self) -> bool:
        """True when every action is completed or on schedule (2013 report, paragraph 18)."""
        counts = self.counts
        on_track = counts[ActionStatus.COMPLETED] + counts[ActionStatus.ON_SCHEDULE]
        return bool(counts) and on_track == sum(counts.values())


def plan_progress(*, plan: Plan, as_at: datetime.date) -> PlanProgress:
    """Each priority's actions with their latest update on or before `as_at`; three queries."""
    updates = ActionUpdate.objects.filter(as_at__lte=as_at).order_by("-as_at", "-recorded_at")
    priorities = plan.priorities.select_related("accountable_body").prefetch_related(
        Prefetch("actions", queryset=KeyAction.objects.select_related(
            "lead_officer", "lead_organisation").prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="updates_to_date"))),
    )
    result = []
    for priority in priorities:
        actions = [ActionProgress(action=action, latest=next(iter(action.updates_to_date), None))
                   for action in priority.actions.all()]
        result.append(PriorityProgress(priority=priority, actions=actions,
                                       counts=Counter(a.status for a in actions)))
    return PlanProgress(plan=plan, as_at=as_at, priorities=result)


def plan_list():
    return Plan.objects.all()


def plan_get(*, slug: str) -> Plan:
    return get_object_or_404(Plan, slug=slug)


def key_action_get(*, plan: Plan, pk: int) -> KeyAction:
    return get_object_or_404(
        KeyAction.objects.select_related("priority__plan", "lead_officer", "lead_organisation")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.select_related(
            "recorded_by"))),
        priority__plan=plan, pk=pk,
    )


# --- the plan's performance: the dashboard, the exceptions and the six-monthly report -------


@dataclass(frozen=True)
class ActionPerformance:
    action: KeyAction
    status: str
    status_label: str
    commentary: str
    updated_on: date | None
    exceptions: list[str]


@dataclass(frozen=True)
class PriorityPerformance:
    priority: Priority
    actions: list[ActionPerformance]
    indicators: list[IndicatorReading]


@dataclass(frozen=True)
class PlanPerformance:
    plan: Plan
    as_at: date
    area: Area | None
    priorities: list[PriorityPerformance]

    @property
    def all_indicators(self) -> list[IndicatorReading]:
        """Each indicator once, in the order of the priorities it first appears under."""
        seen: dict[int, IndicatorReading] = {}
        for priority in self.priorities:
            for item in priority.indicators:
                seen.setdefault(item.indicator.pk, item)
        return list(seen.values())

    @property
    def all_actions(self) -> list[ActionPerformance]:
        return [action for priority in self.priorities for action in priority.actions]

    def compared(self, label: str) -> list[IndicatorReading]:
        """The indicators (each once) whose comparison with England is `label`."""
        return [item for item in self.all_indicators if item.compared_with_england == label]

    @property
    def comparison_counts(self) -> Counter:
        return Counter(item.compared_with_england for item in self.all_indicators
                       if item.compared_with_england not in (None, "not compared"))

    @property
    def action_counts(self) -> Counter:
        return Counter(action.status for action in self.all_actions)

    @property
    def comparison_summary(self) -> list[tuple[str, int]]:
        """(comparison, count), in the report's order: better, similar, worse, then the rest."""
        order = ["better", "similar", "worse", "higher", "lower"]
        counts = self.comparison_counts
        return [(label, counts[label]) for label in order if counts[label]]

    @property
    def action_summary(self) -> list[tuple[str, int]]:
        counts = self.action_counts
        return [(status.label.lower(), counts[status]) for status in reversed(ActionStatus)
                if counts[status]]


_ACTION_EXCEPTIONS = {ActionStatus.DELAYED: "delayed", ActionStatus.AT_RISK: "at risk"}


def plan_performance(*, plan: Plan, as_at: date, body: Body | None = None,
                     owner: Person | None = None, locality: Area | None = None,
                     exceptions_only: bool = False, public: bool = False) -> PlanPerformance:
    """Each priority with its key actions' status and its indicators' latest values as at
    `as_at` (the latest period ending on or before it), benchmarked against England, the
    statistical neighbours, the target and the previous period, with the owner's
    commentary and the figures of the partnership's districts and localities.

    Filters: the priorities `body` is accountable for; the actions `owner` leads and the
    indicators they own; the indicators with figures for `locality` (its figure alone under
    each); only what is outside tolerance (`exceptions_only`). `public=True` keeps values
    and commentary an officer has not approved for publication out.

    Twelve queries whatever the plan's size: priorities, their indicators, actions,
    updates, the area, and the indicators' readings (performance.selectors.
    indicator_readings, with the partnership's districts and localities).
    """
    updates = ActionUpdate.objects.filter(as_at__lte=as_at).order_by("-as_at", "-recorded_at")
    priorities_qs = plan.priorities.select_related("accountable_body").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.select_related("owner")),
        Prefetch("actions", queryset=KeyAction.objects.select_related(
            "lead_officer", "lead_organisation").prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="updates_to_date"))),
    )
    if body is not None:
        priorities_qs = priorities_qs.filter(accountable_body=body)
    priorities = list(priorities_qs)
    indicators = {indicator.pk: indicator for priority in priorities
                  for indicator in priority.indicators.all()}
    area = partnership_area()
    performance = indicator_readings(
        list(indicators.values()), area=area, as_at=as_at, public=public, localities=True,
        locality=locality) if area is not None else {}
    result = []
    for priority in priorities:
        actions = [_action_performance(action, as_at) for action in priority.actions.all()]
        items = [performance[indicator.pk] for indicator in priority.indicators.all()
                 if indicator.pk in performance]
        if owner is not None:
            actions = [a for a in actions if a.action.lead_officer_id == owner.pk]
            items = [i for i in items if i.indicator.owner_id == owner.pk]
        if locality is not None:
            items = [i for i in items if i.localities]
        if exceptions_only:
            actions = [a for a in actions if a.exceptions]
            items = [i for i in items if i.exceptions]
        if (owner is not None or locality is not None or exceptions_only) and not (
                actions or items):
            continue
        result.append(PriorityPerformance(priority=priority, actions=actions, indicators=items))
    return PlanPerformance(plan=plan, as_at=as_at, area=area, priorities=result)


def _action_performance(action: KeyAction, as_at: date) -> ActionPerformance:
    latest = next(iter(action.updates_to_date), None)
    status = latest.status if latest else ActionStatus.NOT_STARTED
    exceptions = [_ACTION_EXCEPTIONS[status]] if status in _ACTION_EXCEPTIONS else []
    if action.due_on and action.due_on < as_at and status != ActionStatus.COMPLETED:
        exceptions.append("overdue")
    return ActionPerformance(
        action=action, status=str(status), status_label=ActionStatus(status).label,
        commentary=latest.commentary if latest else "",
        updated_on=latest.as_at if latest else None, exceptions=exceptions)


def plan_reporting_date(*, plan: Plan) -> date:
    """The date every view of the plan reads as at unless its reader chooses another: the
    one an officer set, else the plan's latest progress update, else today (never after
    the plan's end)."""
    if plan.reporting_date:
        return plan.reporting_date
    return plan_latest_report_date(plan=plan) or min(date.today(), plan.ends_on)


def current_reporting_date() -> date:
    """The reporting date of the latest plan (today when there is none): what pages that
    are not one plan's, such as the indicator list, read as at by default."""
    plan = Plan.objects.order_by("-starts_on").first()
    return plan_reporting_date(plan=plan) if plan else date.today()


def plan_latest_report_date(*, plan: Plan) -> date | None:
    """The date of the latest progress update on any of the plan's actions."""
    return (ActionUpdate.objects.filter(action__priority__plan=plan)
            .order_by("-as_at").values_list("as_at", flat=True).first())


@dataclass(frozen=True)
class ApprovalRow:
    item: IndicatorReading
    approval: PublicationApproval | None

    @property
    def is_approved_to_latest(self) -> bool:
        return bool(self.approval and self.item.period_end
                    and self.approval.up_to >= self.item.period_end)


def approval_rows(items: list[IndicatorReading]) -> list[ApprovalRow]:
    """Each indicator's latest value beside its current approval for publication, in one
    query."""
    current = approvals_current([item.indicator for item in items])
    return [ApprovalRow(item=item, approval=current.get(item.indicator.pk)) for item in items]
