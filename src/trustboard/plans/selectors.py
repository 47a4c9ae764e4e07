"""Reads of the plan: each action's status as at a date, counted the way the report counts,
and the plan's performance (actions and indicators together) for the dashboard and reports."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from trustboard.core.selectors import FieldChange, HistoryEntry
from trustboard.governance.models import Body, Person
from trustboard.performance.models import Area, Indicator, PublicationApproval
from trustboard.performance.selectors import (
    IndicatorReading,
    approvals_current,
    indicator_readings,
    partnership_area,
    user_display_name,
)
from trustboard.plans.models import (
    OVERDUE,
    SHOWN_STATUSES,
    ActionStatus,
    ActionUpdate,
    KeyAction,
    Plan,
    Priority,
    action_shown_status,
    status_label,
)


@dataclass(frozen=True)
class ActionProgress:
    action: KeyAction
    latest: ActionUpdate | None
    as_at: datetime.date | None = None
    public: bool = False

    @property
    def commentary(self) -> str:
        """The latest update's commentary, unless the public may not read it yet."""
        if self.latest is None or (self.public and not self.latest.commentary_is_public):
            return ""
        return self.latest.commentary

    @property
    def commentary_awaiting_approval(self) -> bool:
        return bool(self.commentary) and not self.latest.commentary_is_public

    @property
    def recorded_status(self) -> str:
        """What the lead last reported (not started when they have reported nothing)."""
        return self.latest.status if self.latest else ActionStatus.NOT_STARTED

    @property
    def status(self) -> str:
        """The one status the action shows: overdue when past due and not completed."""
        if self.as_at is None:
            return self.recorded_status
        return action_shown_status(due_on=self.action.due_on, status=self.recorded_status,
                                   as_at=self.as_at)

    @property
    def is_overdue(self) -> bool:
        return self.status == OVERDUE

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def recorded_status_label(self) -> str:
        return status_label(self.recorded_status)


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
        """(status, label, count) for each status some action shows, most advanced first;
        an overdue action counts as overdue only."""
        counts = self.counts
        return [(status, label, counts[status])
                for status, label in reversed(SHOWN_STATUSES) if counts[status]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def all_on_track(self) -> bool:
        """True when every action is completed or on schedule and none is overdue (2013
        report, paragraph 18)."""
        counts = self.counts
        on_track = counts[ActionStatus.COMPLETED] + counts[ActionStatus.ON_SCHEDULE]
        return bool(counts) and on_track == sum(counts.values())


def plan_progress(*, plan: Plan, as_at: datetime.date, public: bool = False) -> PlanProgress:
    """Each priority's actions with their latest update on or before `as_at` (with who
    recorded it); three queries. Each action shows one status (overdue when past due and not
    completed). `public=True` leaves out commentary not approved for publication."""
    updates = _updates_to(as_at)
    priorities = plan.priorities.select_related("accountable_body").prefetch_related(
        Prefetch("actions", queryset=KeyAction.objects.select_related(
            "lead_officer", "lead_organisation").prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="updates_to_date"))),
    )
    result = []
    for priority in priorities:
        actions = [ActionProgress(action=action, as_at=as_at, public=public,
                                  latest=next(iter(action.updates_to_date), None))
                   for action in priority.actions.all()]
        result.append(PriorityProgress(priority=priority, actions=actions,
                                       counts=Counter(a.status for a in actions)))
    return PlanProgress(plan=plan, as_at=as_at, priorities=result)


def _updates_to(as_at: datetime.date):
    return (ActionUpdate.objects.filter(as_at__lte=as_at)
            .select_related("recorded_by__person", "approved_by__person")
            .order_by("-as_at", "-recorded_at"))


def plan_list():
    return Plan.objects.all()


def plan_get(*, slug: str) -> Plan:
    return get_object_or_404(Plan, slug=slug)


def key_action_get(*, plan: Plan, pk: int) -> KeyAction:
    return get_object_or_404(
        KeyAction.objects.select_related("priority__plan", "lead_officer", "lead_organisation")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.select_related(
            "recorded_by__person", "approved_by__person"))),
        priority__plan=plan, pk=pk,
    )


@dataclass(frozen=True)
class UpdateRow:
    """A progress update as a page shows it: who recorded it and when, and its commentary
    unless the public may not read it yet."""

    update: ActionUpdate
    recorded_by: str
    commentary: str
    awaiting_approval: bool
    approved_by: str


def key_action_progress(*, action: KeyAction, as_at: datetime.date,
                        public: bool = False) -> tuple[ActionProgress, list[UpdateRow]]:
    """The action's status as at `as_at` and every update, newest first, from the updates
    key_action_get fetched (no further query)."""
    updates = list(action.updates.all())
    latest = next((one for one in updates if one.as_at <= as_at), None)
    rows = [UpdateRow(update=one, recorded_by=user_display_name(one.recorded_by),
                      commentary="" if public and not one.commentary_is_public
                      else one.commentary,
                      awaiting_approval=not public and one.commentary_awaiting_approval,
                      approved_by=user_display_name(one.approved_by))
            for one in updates]
    return ActionProgress(action=action, latest=latest, as_at=as_at, public=public), rows


_UPDATE_FIELDS = ("as_at", "status", "commentary")


def key_action_history(*, action: KeyAction, limit: int = 25) -> list[HistoryEntry]:
    """The changes to the action and to its progress updates, newest first, each naming who
    made it as pages name people (their person's name, else their full name); two queries."""
    links = [one.name for one in KeyAction._meta.many_to_many]
    own = list(action.history.select_related("history_user__person")
               .order_by("-history_date", "-pk")[: limit + 1])
    entries = []
    for newer, older in zip(own[:limit], [*own[1:], None], strict=False):
        changes, what = [], _HISTORY_ACTIONS[newer.history_type]
        if older is not None and newer.history_type == "~":
            changes = _changes(KeyAction, newer.diff_against(older, excluded_fields=links))
            if not changes:
                what = "Changed the indicators"
        entries.append(HistoryEntry(when=newer.history_date,
                                    who=user_display_name(newer.history_user) or "System",
                                    action=what, changes=changes))
    previous: dict[int, object] = {}
    for row in ActionUpdate.history.filter(action_id=action.pk).select_related(
            "history_user__person").order_by("history_date", "history_id"):
        older = previous.get(row.id)
        previous[row.id] = row
        changes = []
        if row.history_type == "+":
            what = f"Recorded progress as at {row.as_at:%-d %b %Y}: {row.get_status_display()}"
        elif row.history_type == "-":
            what = f"Deleted the progress update as at {row.as_at:%-d %b %Y}"
        elif older is not None and row.approved_at and not older.approved_at:
            what = f"Approved the commentary as at {row.as_at:%-d %b %Y} for publication"
        else:
            what = f"Changed the progress update as at {row.as_at:%-d %b %Y}"
            if older is not None:
                changes = _changes(ActionUpdate, row.diff_against(older, included_fields=list(
                    _UPDATE_FIELDS)))
        entries.append(HistoryEntry(when=row.history_date,
                                    who=user_display_name(row.history_user) or "System",
                                    action=what, changes=changes))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


_HISTORY_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _changes(model, delta) -> list[FieldChange]:
    return [FieldChange(field=str(model._meta.get_field(change.field).verbose_name).capitalize(),
                        old="(blank)" if change.old in (None, "") else str(change.old),
                        new="(blank)" if change.new in (None, "") else str(change.new))
            for change in delta.changes]


def action_commentary_rows(*, plan: Plan, as_at: datetime.date) -> list[ActionProgress]:
    """Each action whose latest update as at `as_at` has commentary (what the public pages
    show once approved), for officers to approve; three queries."""
    progress = plan_progress(plan=plan, as_at=as_at)
    return [row for priority in progress.priorities for row in priority.actions
            if row.latest is not None and row.latest.commentary]


def action_update_get(*, plan: Plan, pk: int) -> ActionUpdate:
    return get_object_or_404(ActionUpdate.objects.select_related("action"),
                             action__priority__plan=plan, pk=pk)


# --- the plan's performance: the dashboard, the exceptions and the six-monthly report -------


@dataclass(frozen=True)
class ActionPerformance:
    action: KeyAction
    status: str  # the one status shown: "overdue" when past due and not completed
    status_label: str
    commentary: str
    updated_on: date | None
    exceptions: list[str]
    # Additions beyond the agreed interface:
    recorded_status: str = ""  # what the lead last reported, when it differs from `status`
    recorded_status_label: str = ""
    commentary_by: str = ""
    commentary_awaiting_approval: bool = False

    @property
    def status_text(self) -> str:
        """The status in words, with the last report when the action is overdue:
        "Overdue (last update: on schedule)"."""
        if self.status == OVERDUE and self.recorded_status_label:
            return f"{self.status_label} (last update: {self.recorded_status_label.lower()})"
        return self.status_label


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
        """(status, count), most advanced first; an overdue action counts as overdue only."""
        counts = self.action_counts
        return [(label.lower(), counts[status]) for status, label in reversed(SHOWN_STATUSES)
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
    updates = _updates_to(as_at)
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
        actions = [_action_performance(action, as_at, public) for action in priority.actions.all()]
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


def _action_performance(action: KeyAction, as_at: date, public: bool = False
                        ) -> ActionPerformance:
    progress = ActionProgress(action=action, latest=next(iter(action.updates_to_date), None),
                              as_at=as_at, public=public)
    status, latest = progress.status, progress.latest
    if status == OVERDUE:
        exceptions = ["overdue"]
    else:
        exceptions = [_ACTION_EXCEPTIONS[status]] if status in _ACTION_EXCEPTIONS else []
    return ActionPerformance(
        action=action, status=str(status), status_label=progress.status_label,
        commentary=progress.commentary,
        updated_on=latest.as_at if latest else None, exceptions=exceptions,
        recorded_status=str(progress.recorded_status),
        recorded_status_label=progress.recorded_status_label,
        commentary_by=user_display_name(latest.recorded_by) if progress.commentary else "",
        commentary_awaiting_approval=progress.commentary_awaiting_approval)


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

    @property
    def is_awaiting_approval(self) -> bool:
        """The latest value is kept from the public until an officer approves it."""
        return bool(self.item.period and self.item.indicator.approval_required
                    and not self.is_approved_to_latest)


def approval_rows(items: list[IndicatorReading]) -> list[ApprovalRow]:
    """Each indicator's latest value beside its current approval for publication, in one
    query."""
    current = approvals_current([item.indicator for item in items])
    return [ApprovalRow(item=item, approval=current.get(item.indicator.pk)) for item in items]
