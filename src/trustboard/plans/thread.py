"""The plan's part of the golden thread: each priority's key actions with their status as
at the date read, and the gaps in them (overdue, or no update for three months)."""

from __future__ import annotations

from django.urls import reverse

from trustboard.plans.models import OVERDUE, ActionStatus
from trustboard.plans.selectors import ActionProgress, plan_progress
from trustboard.thread.providers import (
    Gap,
    Kind,
    Link,
    Subject,
    ThreadContext,
    months_before,
)

KINDS = [Kind("key-actions", "Key actions", order=10)]

KEY_ACTIONS_TRACKED = (
    "Nottinghamshire 2013, paragraph 16: \"For each priority, there are a number of key "
    "actions and performance indicators to track progress and assess impact for children, "
    "young people or families.\""
)
ON_SCHEDULE = (
    "Nottinghamshire 2013, paragraph 18: \"Lead officers/managers have identified that all "
    "activities are either on schedule or completed\""
)
#: A lead reports at least once a quarter: the six-monthly report is read from updates no
#: older than its period's halfway point.
UPDATE_MONTHS = 3


def links(context: ThreadContext) -> dict[int, list[Link]]:
    """Each priority's key actions, with the status each shows as at the date read."""
    return {priority_id: [Link(kind="key-actions", id=row.action.pk,
                               title=f"{row.action.reference} {row.action.title}",
                               url=_url(context, row), detail=row.status_label)
                          for row in rows]
            for priority_id, rows in _actions(context).items()}


def gaps(context: ThreadContext) -> list[Gap]:
    """A key action past due and not completed; one not completed with no update for three
    months (or none at all)."""
    found = []
    stale_before = months_before(context.as_at, UPDATE_MONTHS)
    for priority_id, rows in _actions(context).items():
        for row in rows:
            action = row.action
            subject = Subject("key-actions", action.pk, f"{action.reference} {action.title}",
                              _url(context, row))
            leads = frozenset({action.lead_officer_id}) if action.lead_officer_id else frozenset()
            if row.status == OVERDUE:
                found.append(Gap(
                    rule="key-action-overdue", severity="high",
                    message=(f"Key action {action.reference} was due on "
                             f"{action.due_on:%-d %B %Y} and is not completed (last "
                             f"update: {row.recorded_status_label.lower()})."),
                    citation=ON_SCHEDULE, subjects=[subject], priority_id=priority_id,
                    leads=leads))
            if row.recorded_status == ActionStatus.COMPLETED:
                continue
            if row.latest is None or row.latest.as_at < stale_before:
                when = ("has no progress update" if row.latest is None else
                        f"was last updated on {row.latest.as_at:%-d %B %Y}")
                found.append(Gap(
                    rule="key-action-no-update", severity="medium",
                    message=(f"Key action {action.reference} {when}: no update in the "
                             f"{UPDATE_MONTHS} months to {context.as_at:%-d %B %Y}."),
                    citation=KEY_ACTIONS_TRACKED, subjects=[subject], priority_id=priority_id,
                    leads=leads))
    return found


def _actions(context: ThreadContext) -> dict[int, list[ActionProgress]]:
    def read() -> dict[int, list[ActionProgress]]:
        progress = plan_progress(plan=context.plan, as_at=context.as_at, public=context.public)
        return {row.priority.pk: row.actions for row in progress.priorities}

    return context.remember("plans.actions", read)


def _url(context: ThreadContext, row: ActionProgress) -> str:
    return reverse("plans:key-action-detail", args=[context.plan.slug, row.action.pk])

