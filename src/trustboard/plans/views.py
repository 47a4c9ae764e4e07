import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, permission_required
from trustboard.core.selectors import history_of
from trustboard.plans import selectors
from trustboard.plans.forms import ActionUpdateForm, AsAtForm
from trustboard.plans.services import action_update_record, user_can_update_action


def plan_list(request):
    return render(request, "plans/plan_list.html", {"plans": selectors.plan_list()})


def plan_detail(request, slug):
    plan = selectors.plan_get(slug=slug)
    form = AsAtForm(request.GET or None)
    as_at = (form.cleaned_data["as_at"] if form.is_valid() else None) or datetime.date.today()
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "form": form,
        "progress": selectors.plan_progress(plan=plan, as_at=as_at),
    })


def key_action_detail(request, slug, pk):
    plan = selectors.plan_get(slug=slug)
    action = selectors.key_action_get(plan=plan, pk=pk)
    return render(request, "plans/key_action_detail.html", {
        "plan": plan, "action": action,
        "can_update": user_can_update_action(request.user, action),
        "history": history_of(action) if request.user.is_authenticated else None,
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
