"""Every write to the plan: officers keep it, leads record progress on their own actions."""

import datetime

from django.db import transaction
from django.utils.text import slugify

from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, user_can
from trustboard.core.services import record_save
from trustboard.plans.models import ActionUpdate, KeyAction, Plan, PlanRefresh, Priority


@transaction.atomic
def plan_save(*, plan: Plan, by) -> Plan:
    plan.slug = plan.slug or slugify(plan.title)[:100]
    return record_save(plan, by=by)


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
    update = ActionUpdate.objects.filter(action=action, as_at=as_at).first() or ActionUpdate(
        action=action, as_at=as_at)
    update.status, update.commentary, update.recorded_by = status, commentary.strip(), by
    return record_save(update, by=by)
