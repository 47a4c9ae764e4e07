"""Every read the risks and strategies pages, the report and the golden thread need, as at a
date, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone

from trustboard.meetings.models import Decision, Meeting, MeetingStatus
from trustboard.plans.models import Plan
from trustboard.risks.models import (
    MitigatingAction,
    MitigationStatus,
    Risk,
    RiskReview,
    Strategy,
    risk_band,
)

#: The score (likelihood x impact) at which a risk goes to its body's next meeting and is
#: listed for the board, unless the partnership sets another (TRUSTBOARD_RISK_THRESHOLD).
DEFAULT_THRESHOLD = 15

TREND_WORDS = {"up": "Up", "down": "Down", "steady": "Steady", "new": "New"}


def risk_threshold() -> int:
    """The partnership's escalation threshold: a current score that reaches it escalates."""
    return int(getattr(settings, "TRUSTBOARD_RISK_THRESHOLD", DEFAULT_THRESHOLD))


@dataclass(frozen=True)
class RiskRow:
    """A risk as it stood on a date: its scores then, trend since the review before, flags."""

    risk: Risk
    as_at: datetime.date
    likelihood: int
    impact: int
    last_reviewed_on: datetime.date
    next_review_on: datetime.date
    previous_score: int | None
    threshold: int
    mitigations: list[MitigatingAction] = field(default_factory=list)

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return risk_band(self.score)

    @property
    def trend(self) -> str:
        """up, down or steady since the review before; new when this is its first review."""
        if self.previous_score is None:
            return "new"
        if self.score > self.previous_score:
            return "up"
        return "down" if self.score < self.previous_score else "steady"

    @property
    def trend_label(self) -> str:
        return TREND_WORDS[self.trend]

    @property
    def trend_text(self) -> str:
        if self.previous_score is None:
            return f"New: first scored {self.score} on {self.last_reviewed_on:%-d %B %Y}"
        return (f"{self.trend_label}: {self.score} at the review of "
                f"{self.last_reviewed_on:%-d %B %Y}, was {self.previous_score}")

    @property
    def review_is_overdue(self) -> bool:
        return self.next_review_on < self.as_at

    @property
    def is_above_threshold(self) -> bool:
        """Whether the score reaches the threshold (the issue's "reaches")."""
        return self.score >= self.threshold

    @property
    def is_issue(self) -> bool:
        return self.risk.is_issue and self.risk.occurred_on <= self.as_at

    @property
    def open_mitigations(self) -> list[MitigatingAction]:
        return [action for action in self.mitigations
                if action.status == MitigationStatus.OPEN
                or (action.done_on is not None and action.done_on > self.as_at)]


def _risks(plan: Plan, as_at: datetime.date):
    return _risks_for_plans({plan.pk}, as_at)


def _row(risk: Risk, as_at: datetime.date, threshold: int) -> RiskRow:
    reviews = risk.reviews_as_at
    latest = reviews[0] if reviews else None
    if latest is None:
        likelihood, impact = risk.current_likelihood, risk.current_impact
        reviewed_on, next_review_on = risk.identified_on, risk.review_on
    else:
        likelihood, impact = latest.likelihood, latest.impact
        reviewed_on, next_review_on = latest.reviewed_on, latest.next_review_on
    return RiskRow(risk=risk, as_at=as_at, likelihood=likelihood, impact=impact,
                   last_reviewed_on=reviewed_on, next_review_on=next_review_on,
                   previous_score=reviews[1].score if len(reviews) > 1 else None,
                   threshold=threshold,
                   mitigations=[action for action in risk.mitigation_list
                                if action.key_action_id is None
                                or action.key_action.priority.plan_id == risk.plan_id])


def risk_register(*, plan: Plan, as_at: datetime.date, body_id: int | None = None
                  ) -> list[RiskRow]:
    """The plan's risks open on `as_at` (of one body, if given), highest score first; five
    queries whatever the number of risks."""
    risks = _risks(plan, as_at)
    if body_id is not None:
        risks = risks.filter(body_id=body_id)
    threshold = risk_threshold()
    rows = [_row(risk, as_at, threshold) for risk in risks]
    return sorted(rows, key=lambda row: (-row.score, row.risk.reference))


def risk_detail(*, plan: Plan, pk: int, as_at: datetime.date) -> tuple[Risk, RiskRow | None]:
    """One risk with all its reviews, and its row as at `as_at` (None before it was
    identified or after it closed)."""
    risk = (Risk.objects.select_related("plan", "body", "owner")
            .prefetch_related(Prefetch("reviews", queryset=RiskReview.objects.order_by(
                "-reviewed_on").select_related("recorded_by")), "priorities")
            .get(plan=plan, pk=pk))
    row = next((row for row in risk_register(plan=plan, as_at=as_at) if row.risk.pk == pk), None)
    return risk, row


@dataclass(frozen=True)
class Escalation:
    """A risk at or above the threshold and the next meeting of its body, if any."""

    row: RiskRow
    next_meeting: Meeting | None

    @property
    def is_on_agenda(self) -> bool:
        return self.next_meeting is not None and any(
            item.meeting_id == self.next_meeting.pk for item in self.row.risk.agenda_items.all())


def risk_escalations(*, rows: list[RiskRow], as_at: datetime.date) -> list[Escalation]:
    """The rows at or above the threshold, each with its body's next meeting after `as_at`
    (one query): the suggestions for agendas and the list for the board."""
    above = [row for row in rows if row.is_above_threshold]
    bodies = {row.risk.body_id for row in above}
    next_meetings: dict[int, Meeting] = {}
    if bodies:
        start = timezone.make_aware(datetime.datetime.combine(
            as_at + datetime.timedelta(days=1), datetime.time.min))
        meetings = (Meeting.objects.filter(body_id__in=bodies, starts_at__gte=start)
                    .exclude(status=MeetingStatus.CANCELLED).select_related("body")
                    .order_by("-starts_at"))
        # Read from the latest back, so the earliest meeting of each body is the one kept.
        next_meetings = {meeting.body_id: meeting for meeting in meetings}
    return [Escalation(row=row, next_meeting=next_meetings.get(row.risk.body_id))
            for row in above]


def risks_for_priorities(priorities, as_at: datetime.date) -> dict[int, list[RiskRow]]:
    """The risks open on `as_at` linked to each priority (by priority id), for the golden
    thread; a fixed number of queries for any number of priorities of one plan."""
    priorities = list(priorities)
    ids = {priority.pk for priority in priorities}
    found: dict[int, list[RiskRow]] = {pk: [] for pk in ids}
    if not priorities:
        return found
    threshold = risk_threshold()
    plan_ids = {priority.plan_id for priority in priorities}
    risks = (_risks_for_plans(plan_ids, as_at).filter(priorities__in=ids).distinct())
    for risk in risks:
        row = _row(risk, as_at, threshold)
        for priority in risk.priorities.all():
            if priority.pk in ids:
                found[priority.pk].append(row)
    return found


def _risks_for_plans(plan_ids, as_at):
    return (Risk.objects.filter(plan_id__in=plan_ids, identified_on__lte=as_at)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=as_at))
            .select_related("plan", "body", "owner")
            .prefetch_related(
                Prefetch("reviews", queryset=RiskReview.objects.filter(reviewed_on__lte=as_at)
                         .order_by("-reviewed_on"), to_attr="reviews_as_at"),
                Prefetch("mitigations", queryset=MitigatingAction.objects.select_related(
                    "owner", "key_action__priority__plan"), to_attr="mitigation_list"),
                "priorities", "agenda_items"))


@dataclass(frozen=True)
class StrategyRow:
    strategy: Strategy
    as_at: datetime.date
    decision_is_visible: bool

    @property
    def review_is_overdue(self) -> bool:
        return self.strategy.review_is_overdue(self.as_at)


def _strategies(plan_ids, as_at: datetime.date):
    return (Strategy.objects.filter(plan_id__in=plan_ids)
            .filter(Q(approved_on__isnull=True) | Q(approved_on__lte=as_at))
            .select_related("plan", "owner", "approved_by__item__meeting__body")
            .prefetch_related("priorities"))


def plan_strategies(*, plan: Plan, as_at: datetime.date) -> list[Strategy]:
    """The plan's strategies approved by `as_at` (or undated), with their priorities."""
    return list(_strategies({plan.pk}, as_at))


def strategy_register(*, plan: Plan, as_at: datetime.date, user) -> list[StrategyRow]:
    """The plan's strategies approved by `as_at` (or undated), each flagged when past its
    review date; the approving decision shown only to those who may see its item."""
    strategies = list(_strategies({plan.pk}, as_at))
    decision_ids = [s.approved_by_id for s in strategies if s.approved_by_id is not None]
    visible = set(Decision.objects.visible_to(user).filter(pk__in=decision_ids)
                  .values_list("pk", flat=True)) if decision_ids else set()
    return [StrategyRow(strategy=s, as_at=as_at, decision_is_visible=s.approved_by_id in visible)
            for s in strategies]


def strategy_detail(*, plan: Plan, pk: int, as_at: datetime.date, user) -> StrategyRow:
    strategy = _strategies({plan.pk}, datetime.date.max).get(pk=pk)
    visible = strategy.approved_by_id is not None and Decision.objects.visible_to(user).filter(
        pk=strategy.approved_by_id).exists()
    return StrategyRow(strategy=strategy, as_at=as_at, decision_is_visible=visible)


def strategies_for_priorities(priorities, as_at: datetime.date) -> dict[int, list[StrategyRow]]:
    """The strategies approved by `as_at` serving each priority (by priority id), for the
    golden thread; two queries for any number of priorities."""
    priorities = list(priorities)
    ids = {priority.pk for priority in priorities}
    found: dict[int, list[StrategyRow]] = {pk: [] for pk in ids}
    if not priorities:
        return found
    strategies = _strategies({p.plan_id for p in priorities}, as_at).filter(
        priorities__in=ids).distinct()
    for strategy in strategies:
        row = StrategyRow(strategy=strategy, as_at=as_at, decision_is_visible=False)
        for priority in strategy.priorities.all():
            if priority.pk in ids:
                found[priority.pk].append(row)
    return found
