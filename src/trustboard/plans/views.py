import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from trustboard.core.errors import RuleError
from trustboard.core.page_cache import public_page_cache
from trustboard.core.permissions import Permission, permission_required, user_can
from trustboard.core.views import form_page
from trustboard.performance.models import Indicator
from trustboard.performance.selectors import partnership_area
from trustboard.performance.services import (
    indicator_approval_withdraw,
    indicator_approve,
    user_can_comment_indicator,
)
from trustboard.plans import selectors
from trustboard.plans.forms import (
    ActionUpdateForm,
    ApprovalForm,
    AsAtForm,
    CommentaryApprovalForm,
    DashboardForm,
    KeyActionForm,
    MyUpdatesForm,
    PriorityForm,
    ReportingDateForm,
)
from trustboard.plans.models import Priority
from trustboard.plans.services import (
    action_update_approval_withdraw,
    action_update_approve,
    action_update_record,
    key_action_save,
    my_updates_record,
    plan_reporting_date_set,
    priority_save,
    user_can_update_action,
)


def plan_list(request):
    return render(request, "plans/plan_list.html", {"plans": selectors.plan_list()})


def plan_detail(request, slug):
    plan = selectors.plan_get(slug=slug)
    form = AsAtForm(request.GET or None)
    reporting_date = selectors.plan_reporting_date(plan=plan)
    as_at = (form.cleaned_data["as_at"] if form.is_valid() else None) or reporting_date
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "form": form, "as_at": as_at, "is_reporting_date": as_at == reporting_date,
        "progress": selectors.plan_progress(plan=plan, as_at=as_at,
                                            public=not request.user.is_authenticated),
    })


def key_action_detail(request, slug, pk):
    plan = selectors.plan_get(slug=slug)
    action = selectors.key_action_get(plan=plan, pk=pk)
    progress, updates = selectors.key_action_progress(
        action=action, as_at=datetime.date.today(), public=not request.user.is_authenticated)
    return render(request, "plans/key_action_detail.html", {
        "plan": plan, "action": action, "progress": progress, "updates": updates,
        "can_update": user_can_update_action(request.user, action),
        "history": selectors.key_action_history(action=action)
        if request.user.is_authenticated else None,
    })


@permission_required(Permission.UPDATE_OWN_ACTIONS)
def key_action_update(request, slug, pk):
    plan = selectors.plan_get(slug=slug)
    action = selectors.key_action_get(plan=plan, pk=pk)
    if not user_can_update_action(request.user, action):
        raise PermissionDenied("Only the lead officer or a partnership officer can update this.")
    form = ActionUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action_update_record(action=action, by=request.user, **form.cleaned_data)
        except RuleError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"Progress on {action.reference} recorded.")
            return redirect("plans:key-action-detail", slug=plan.slug, pk=action.pk)
    return render(request, "core/form.html", {
        "form": form, "title": f"Update {action.reference}: {action.title}",
        "back": action.get_absolute_url(), "submit_label": "Record progress",
    })


@permission_required(Permission.EDIT_PLAN)
def plan_reporting_date(request, slug):
    plan = selectors.plan_get(slug=slug)
    form = ReportingDateForm(request.POST or None,
                             initial={"reporting_date": plan.reporting_date})
    return form_page(
        request, form=form, title=f"Reporting date of {plan}", back=plan.get_absolute_url(),
        done="Reporting date saved: every view of the plan now reads as at it by default.",
        save=lambda form: plan_reporting_date_set(plan=plan, by=request.user,
                                                  **form.cleaned_data).get_absolute_url())


# --- the dashboard and the exceptions -------------------------------------------------------


@public_page_cache
def plan_dashboard(request, slug, exceptions_only=False):
    plan = selectors.plan_get(slug=slug)
    area = partnership_area()
    form = DashboardForm(request.GET or None, plan=plan, area=area)
    filters = form.cleaned_data if form.is_valid() else {}
    reporting_date = selectors.plan_reporting_date(plan=plan)
    as_at = filters.get("as_at") or reporting_date
    exceptions_only = exceptions_only or bool(filters.get("exceptions"))
    performance = selectors.plan_performance(
        plan=plan, as_at=as_at, body=filters.get("body"), owner=filters.get("owner"),
        locality=filters.get("locality"), exceptions_only=exceptions_only,
        public=not request.user.is_authenticated)
    return render(request, "plans/dashboard.html", {
        "plan": plan, "form": form, "performance": performance,
        "is_reporting_date": as_at == reporting_date,
        "exceptions_only": exceptions_only, "query": request.GET.urlencode(),
    })


def plan_exceptions(request, slug):
    return plan_dashboard(request, slug, exceptions_only=True)


# --- my actions and indicators --------------------------------------------------------------


@permission_required(Permission.UPDATE_OWN_ACTIONS)
def my_updates(request, slug):
    """A lead updates every action they lead and comments on every indicator they own, from
    one page; officers see and update the whole plan."""
    plan = selectors.plan_get(slug=slug)
    everything = user_can(request.user, Permission.EDIT_PLAN)
    person = getattr(request.user, "person", None)
    # Leads report as at the plan's reporting date unless the page is asked for another.
    chosen = AsAtForm(request.GET or None)
    reporting_date = selectors.plan_reporting_date(plan=plan)
    as_at = (chosen.cleaned_data["as_at"] if chosen.is_valid() else None) or reporting_date
    performance = selectors.plan_performance(plan=plan, as_at=as_at,
                                             owner=None if everything else person)
    if not everything and person is None:
        performance = None
    actions = [a for a in performance.all_actions if user_can_update_action(
        request.user, a.action)] if performance else []
    indicators = [i for i in performance.all_indicators if i.period and user_can_comment_indicator(
        request.user, i.indicator)] if performance else []
    form = MyUpdatesForm(request.POST or None, actions=actions, indicators=indicators,
                         initial={"as_at": as_at})
    if request.method == "POST" and form.is_valid():
        try:
            changed = my_updates_record(
                user=request.user, area=performance.area, as_at=form.cleaned_data["as_at"],
                actions={item.action: (form.cleaned_data[f"status_{item.action.pk}"],
                                       form.cleaned_data[f"commentary_{item.action.pk}"],
                                       item) for item in actions},
                indicators={item.indicator: (item.period,
                                             form.cleaned_data[f"indicator_{item.indicator.pk}"],
                                             item.commentary_text) for item in indicators})
        except RuleError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"{changed} change{'s' if changed != 1 else ''} recorded."
                             if changed else "Nothing had changed.")
            return redirect(reverse("plans:my-updates", args=[plan.slug])
                            + f"?as_at={form.cleaned_data['as_at']:%Y-%m-%d}")
    return render(request, "plans/my_updates.html", {
        "plan": plan, "form": form, "person": person, "everything": everything,
        "as_at": as_at, "is_reporting_date": as_at == reporting_date,
        "area": performance.area if performance else None,
    })


# --- approval for publication ---------------------------------------------------------------


@permission_required(Permission.APPROVE_PUBLICATION)
def approvals(request, slug):
    plan = selectors.plan_get(slug=slug)
    if request.method == "POST" and "update" in request.POST:
        return _commentary_approval(request, plan)
    if request.method == "POST":
        form = ApprovalForm(request.POST)
        if form.is_valid():
            indicator = get_object_or_404(Indicator, pk=form.cleaned_data["indicator"],
                                          priorities__plan=plan)
            try:
                if "withdraw" in request.POST:
                    indicator_approval_withdraw(indicator=indicator, by=request.user,
                                                reason=form.cleaned_data["reason"])
                    messages.success(request, f"Approval of {indicator.name} withdrawn: the "
                                              "public no longer see its values.")
                else:
                    approval = indicator_approve(indicator=indicator, by=request.user)
                    messages.success(request, f"{indicator.name} approved for publication up "
                                              f"to {approval.up_to_period}.")
            except RuleError as error:
                messages.error(request, error.message)
        return redirect("plans:approvals", slug=plan.slug)
    as_at = selectors.plan_reporting_date(plan=plan)
    performance = selectors.plan_performance(plan=plan, as_at=as_at)
    return render(request, "plans/approvals.html", {
        "plan": plan, "rows": selectors.approval_rows(performance.all_indicators),
        # Commentary waits for approval whatever date it was recorded as at.
        "commentary_rows": selectors.action_commentary_rows(plan=plan,
                                                            as_at=datetime.date.today())})


def _commentary_approval(request, plan):
    """Approve a key action's commentary for publication, or withdraw its approval."""
    form = CommentaryApprovalForm(request.POST)
    if form.is_valid():
        update = selectors.action_update_get(plan=plan, pk=form.cleaned_data["update"])
        try:
            if "withdraw" in request.POST:
                action_update_approval_withdraw(update=update, by=request.user)
                messages.success(request, f"Approval of the commentary on "
                                          f"{update.action.reference} withdrawn: the public no "
                                          "longer see it.")
            else:
                action_update_approve(update=update, by=request.user)
                messages.success(request, f"The commentary on {update.action.reference} is "
                                          "approved for publication.")
        except RuleError as error:
            messages.error(request, error.message)
    return redirect("plans:approvals", slug=plan.slug)


# --- editing priorities and key actions -----------------------------------------------------


def _links_saved(form, instance):
    instance.indicators.set(form.cleaned_data["indicators"])
    return instance


@permission_required(Permission.EDIT_PLAN)
def priority_edit(request, slug, pk):
    plan = selectors.plan_get(slug=slug)
    priority = get_object_or_404(Priority, plan=plan, pk=pk)
    form = PriorityForm(request.POST or None, instance=priority)

    def save(form):
        _links_saved(form, priority_save(priority=form.instance, by=request.user))
        return reverse("plans:plan-detail", args=[plan.slug]) + f"#priority-{priority.number}"

    return form_page(request, form=form, save=save, title=f"Change priority {priority.number}",
                     back=plan.get_absolute_url(), done=f"Priority {priority.number} saved.")


@permission_required(Permission.EDIT_PLAN)
def key_action_edit(request, slug, pk):
    plan = selectors.plan_get(slug=slug)
    action = selectors.key_action_get(plan=plan, pk=pk)
    form = KeyActionForm(request.POST or None, instance=action)

    def save(form):
        return _links_saved(form, key_action_save(action=form.instance, by=request.user)
                            ).get_absolute_url()

    return form_page(request, form=form, save=save, title=f"Change {action.reference}",
                     back=action.get_absolute_url(), done=f"{action.reference} saved.")
