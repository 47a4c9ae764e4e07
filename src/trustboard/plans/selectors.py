"""Reads of the plan: each action's status as at a date, counted the way the report counts."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

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
