"""Every write to the plan: officers keep it, leads record progress on their own actions."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, user_can
from trustboard.core.services import record_delete, record_save, rows_lock
from trustboard.performance.models import (
    Area,
    DataPoint,
    Indicator,
    IndicatorCommentary,
    Period,
    PublicationApproval,
)
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
    # Two leads saving the same day at once: the second waits, then corrects the first's.
    rows_lock(KeyAction.objects.filter(pk=action.pk))
    update = ActionUpdate.objects.filter(action=action, as_at=as_at).first() or ActionUpdate(
        action=action, as_at=as_at)
    update.status, update.commentary, update.recorded_by = status, commentary.strip(), by
    return record_save(update, by=by)


# --- indicator commentary and approval for publication -----------------------------------


def user_can_comment_indicator(user, indicator: Indicator) -> bool:
    """Officers and analysts comment on any indicator; a member on those they own."""
    if user_can(user, Permission.EDIT_PLAN) or user_can(user, Permission.EDIT_INDICATORS):
        return True
    person = getattr(user, "person", None) if user.is_authenticated else None
    return (user_can(user, Permission.UPDATE_OWN_ACTIONS) and person is not None
            and indicator.owner_id == person.pk)


@transaction.atomic
def indicator_commentary_record(*, indicator: Indicator, area: Area, period: str, text: str,
                                by) -> IndicatorCommentary | None:
    """Record (or change) the owner's commentary on the indicator's value for a period;
    empty text removes it. The history keeps every earlier wording."""
    if by is not None and not user_can_comment_indicator(by, indicator):
        raise RuleError("Only the indicator's owner or a partnership officer can comment "
                        "on its values.")
    commentary = IndicatorCommentary.objects.filter(
        indicator=indicator, area=area, period=period).first()
    text = text.strip()
    if not text:
        if commentary is not None:
            record_delete(commentary, by=by)
        return None
    if commentary is not None and commentary.text == text:
        return commentary
    commentary = commentary or IndicatorCommentary(indicator=indicator, area=area, period=period)
    commentary.text, commentary.by = text, by
    return record_save(commentary, by=by)


@transaction.atomic
def indicator_approve(*, indicator: Indicator, by, period: Period | None = None,
                      ) -> PublicationApproval:
    """Approve the indicator's values and commentary for publication up to `period` (its
    latest period with data when not given). The approval before it stays in the history."""
    if by is not None and not user_can(by, Permission.APPROVE_PUBLICATION):
        raise RuleError("Only a partnership officer can approve figures for publication.")
    if period is None:
        period = (Period.objects.filter(pk__in=DataPoint.objects.filter(
            indicator=indicator, value__isnull=False).values("period_id"))
            .order_by("-end").first())
    if period is None:
        raise RuleError(f"{indicator.name} has no values to approve yet.")
    current = PublicationApproval.objects.filter(indicator=indicator,
                                                 withdrawn_at__isnull=True).first()
    if current is not None and current.up_to == period.end:
        return current
    now = timezone.now()
    if current is not None:
        current.withdrawn_at, current.withdrawn_by = now, by
        current.reason = f"Replaced by an approval up to {period.label}."
        record_save(current, by=by)
    return record_save(PublicationApproval(
        indicator=indicator, up_to=period.end, up_to_period=period.label, approved_by=by,
        approved_at=now), by=by)


@transaction.atomic
def indicator_approval_withdraw(*, indicator: Indicator, by, reason: str = "") -> int:
    """Withdraw the indicator's approval: its values leave public pages and open data until
    an officer approves them again. Returns how many approvals were withdrawn."""
    if not user_can(by, Permission.APPROVE_PUBLICATION):
        raise RuleError("Only a partnership officer can withdraw an approval.")
    withdrawn = 0
    for approval in PublicationApproval.objects.filter(indicator=indicator,
                                                       withdrawn_at__isnull=True):
        approval.withdrawn_at, approval.withdrawn_by = timezone.now(), by
        approval.reason = reason.strip() or "Withdrawn."
        record_save(approval, by=by)
        withdrawn += 1
    return withdrawn


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
        if status != shown.status or commentary.strip() != shown.commentary:
            action_update_record(action=action, as_at=as_at, status=status,
                                 commentary=commentary, by=user)
            changed += 1
    for indicator, (period, text, shown) in indicators.items():
        if text.strip() != shown:
            indicator_commentary_record(indicator=indicator, area=area, period=period,
                                        text=text, by=user)
            changed += 1
    return changed
