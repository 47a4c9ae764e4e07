"""Every write to the plan: officers keep it, leads record progress on their own actions."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, user_can
from trustboard.core.services import record_save, rows_lock
from trustboard.performance.models import Area
from trustboard.performance.services import (
    indicator_commentary_record,
)
from trustboard.plans.models import ActionUpdate, KeyAction, Plan, PlanRefresh, Priority


@transaction.atomic
def plan_save(*, plan: Plan, by) -> Plan:
    plan.slug = plan.slug or slugify(plan.title)[:100]
    return record_save(plan, by=by)


@transaction.atomic
def plan_reporting_date_set(*, plan: Plan, reporting_date: datetime.date | None, by) -> Plan:
    """Set the date every view of the plan reads as at by default (none: the latest
    progress update's date); it cannot fall before the plan starts."""
    if reporting_date is not None and reporting_date < plan.starts_on:
        raise RuleError(f"The plan starts on {plan.starts_on:%-d %B %Y}: its reporting date "
                        "cannot be before that.", field="reporting_date")
    plan.reporting_date = reporting_date
    return plan_save(plan=plan, by=by)


@transaction.atomic
def plan_refresh_record(*, plan: Plan, title: str, approved_on: datetime.date, by,
                        approved_by: str = "", summary: str = "") -> PlanRefresh:
    """Record an annual refresh; the plan's earlier state stays in its history."""
    if not plan.starts_on <= approved_on <= plan.ends_on:
        raise RuleError(f"A refresh of {plan} must be approved within the plan's period "
                        f"({plan.starts_on:%-d %B %Y} to {plan.ends_on:%-d %B %Y}).",
                        field="approved_on")
    return record_save(PlanRefresh(plan=plan, title=title, approved_on=approved_on,
                                   approved_by=approved_by, summary=summary), by=by)


@transaction.atomic
def priority_save(*, priority: Priority, by) -> Priority:
    return record_save(priority, by=by)


@transaction.atomic
def key_action_save(*, action: KeyAction, by) -> KeyAction:
    plan = action.priority.plan
    if action.due_on and not plan.starts_on <= action.due_on <= plan.ends_on:
        raise RuleError(f"The due date falls outside {plan} ({plan.starts_on:%Y} to "
                        f"{plan.ends_on:%Y}).", field="due_on")
    return record_save(action, by=by)


def user_can_update_action(user, action: KeyAction) -> bool:
    """Officers update any action; a member updates the actions they lead."""
    if user_can(user, Permission.EDIT_PLAN):
        return True
    person = getattr(user, "person", None) if user.is_authenticated else None
    return (user_can(user, Permission.UPDATE_OWN_ACTIONS) and person is not None
            and action.lead_officer_id == person.pk)


@transaction.atomic
def action_update_record(*, action: KeyAction, as_at: datetime.date, status: str,
                         commentary: str, by) -> ActionUpdate:
    """Record (or correct) the action's status on a date, with the lead's commentary."""
    if not user_can_update_action(by, action):
        raise RuleError("Only the action's lead officer or a partnership officer can update it.")
    if as_at > datetime.date.today():
        raise RuleError("An update cannot be dated in the future.", field="as_at")
    # Two leads saving the same day at once: the second waits, then corrects the first's.
    rows_lock(KeyAction.objects.filter(pk=action.pk))
    update = ActionUpdate.objects.filter(action=action, as_at=as_at).first() or ActionUpdate(
        action=action, as_at=as_at)
    commentary = commentary.strip()
    if commentary != update.commentary:
        # New words reach the public only once an officer approves them, as for indicators.
        update.approved_by, update.approved_at = None, None
    update.status, update.commentary = status, commentary
    update.recorded_by, update.recorded_at = by, timezone.now()
    return record_save(update, by=by)


@transaction.atomic
def action_update_approve(*, update: ActionUpdate, by) -> ActionUpdate:
    """Approve a progress update's commentary for publication: the public pages show it
    from now on, until its lead changes the words. The history names the officer."""
    if by is not None and not user_can(by, Permission.APPROVE_PUBLICATION):
        raise RuleError("Only a partnership officer can approve commentary for publication.")
    if not update.commentary:
        raise RuleError(f"The update to {update.action.reference} as at "
                        f"{update.as_at:%-d %B %Y} has no commentary to approve.")
    if update.approved_at is not None:
        return update
    update.approved_by, update.approved_at = by, timezone.now()
    return record_save(update, by=by)


@transaction.atomic
def action_update_approval_withdraw(*, update: ActionUpdate, by) -> ActionUpdate:
    """Take a progress update's commentary off the public pages until it is approved
    again."""
    if not user_can(by, Permission.APPROVE_PUBLICATION):
        raise RuleError("Only a partnership officer can withdraw an approval.")
    if update.approved_at is None:
        return update
    update.approved_by, update.approved_at = None, None
    return record_save(update, by=by)


@transaction.atomic
def my_updates_record(*, user, area: Area, as_at: datetime.date, actions: dict,
                      indicators: dict) -> int:
    """Record what a lead changed on the "My actions and indicators" page, all or nothing.

    `actions` maps each key action to (status, commentary, its ActionPerformance as shown);
    `indicators` maps each indicator to (period, commentary, commentary as shown). Only what
    changed is written; each write is checked against the user's rights and kept in the
    history. Returns how many records changed.
    """
    changed = 0
    for action, (status, commentary, shown) in actions.items():
        if status != shown.recorded_status or commentary.strip() != shown.commentary:
            action_update_record(action=action, as_at=as_at, status=status,
                                 commentary=commentary, by=user)
            changed += 1
    for indicator, (period, text, shown) in indicators.items():
        if text.strip() != shown:
            indicator_commentary_record(indicator=indicator, area=area, period=period,
                                        text=text, by=user)
            changed += 1
    return changed
