from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from trustboard.core.permissions import Permission, permission_required, user_can
from trustboard.core.views import form_page
from trustboard.governance.models import Body
from trustboard.plans.selectors import plan_get, plan_reporting_date
from trustboard.risks import selectors
from trustboard.risks.forms import (
    AsAtForm,
    EscalateForm,
    MitigationForm,
    ReviewForm,
    RiskForm,
    StrategyForm,
)
from trustboard.risks.heat_map import heat_map_chart
from trustboard.risks.models import MitigatingAction, Risk, Strategy
from trustboard.risks.services import (
    mitigation_save,
    risk_escalate,
    risk_review_record,
    risk_save,
    strategy_save,
)


def _reading(request, plan):
    """The date and body a register page reads as at, from its GET form."""
    form = AsAtForm(request.GET or None, bodies=Body.objects.filter(
        risks__plan=plan).distinct().order_by("name"))
    chosen = form.cleaned_data if form.is_valid() else {}
    reporting_date = plan_reporting_date(plan=plan)
    return form, chosen.get("as_at") or reporting_date, chosen.get("body"), reporting_date


@permission_required(Permission.VIEW_RISKS)
def risk_list(request, slug):
    plan = plan_get(slug=slug)
    form, as_at, body, reporting_date = _reading(request, plan)
    rows = selectors.risk_register(plan=plan, as_at=as_at, body_id=body.pk if body else None)
    return render(request, "risks/risk_list.html", {
        "plan": plan, "form": form, "as_at": as_at, "body": body, "rows": rows,
        "is_reporting_date": as_at == reporting_date, "threshold": selectors.risk_threshold(),
        "escalations": selectors.risk_escalations(rows=rows, as_at=as_at),
        "overdue": [row for row in rows if row.review_is_overdue],
    })


@permission_required(Permission.VIEW_RISKS)
def heat_map(request, slug):
    plan = plan_get(slug=slug)
    form, as_at, body, _reporting_date = _reading(request, plan)
    rows = selectors.risk_register(plan=plan, as_at=as_at, body_id=body.pk if body else None)
    threshold = selectors.risk_threshold()
    title = (f"Risks of {body.name if body else 'the whole partnership'} as at "
             f"{as_at:%-d %B %Y}")
    return render(request, "risks/heat_map.html", {
        "plan": plan, "form": form, "as_at": as_at, "body": body, "rows": rows,
        "threshold": threshold, "chart": heat_map_chart(title, rows, threshold=threshold),
    })


@permission_required(Permission.VIEW_RISKS)
def risk_detail(request, slug, pk):
    plan = plan_get(slug=slug)
    form, as_at, _body, _reporting_date = _reading(request, plan)
    risk, row = selectors.risk_detail(plan=plan, pk=pk, as_at=as_at)
    escalation = selectors.risk_escalations(rows=[row], as_at=as_at) if row else []
    return render(request, "risks/risk_detail.html", {
        "plan": plan, "risk": risk, "row": row, "as_at": as_at, "form": form,
        "escalation": escalation[0] if escalation else None,
        "threshold": selectors.risk_threshold(),
    })


@permission_required(Permission.EDIT_RISKS)
def risk_edit(request, slug, pk=None):
    plan = plan_get(slug=slug)
    risk = get_object_or_404(Risk, plan=plan, pk=pk) if pk else Risk(plan=plan)
    form = RiskForm(request.POST or None, instance=risk, plan=plan)

    def save(form):
        saved = risk_save(risk=form.save(commit=False), by=request.user,
                          priorities=list(form.cleaned_data["priorities"]))
        return saved.get_absolute_url()

    return form_page(request, form=form, save=save,
                     title=f"Change {risk}" if pk else f"Add a risk to {plan}",
                     back=risk.get_absolute_url() if pk else reverse("risks:risk-list",
                                                                     args=[plan.slug]),
                     done="Risk saved.")


@permission_required(Permission.EDIT_RISKS)
def risk_review(request, slug, pk):
    risk = get_object_or_404(Risk.objects.select_related("plan"), plan__slug=slug, pk=pk)
    form = ReviewForm(request.POST or None, initial={
        "likelihood": risk.current_likelihood, "impact": risk.current_impact})
    return form_page(
        request, form=form, title=f"Review {risk}", back=risk.get_absolute_url(),
        done="Review recorded.", submit_label="Record the review",
        save=lambda form: risk_review_record(risk=risk, by=request.user, **form.cleaned_data)
        .risk.get_absolute_url())


@permission_required(Permission.EDIT_RISKS)
def mitigation_add(request, slug, pk):
    risk = get_object_or_404(Risk.objects.select_related("plan"), plan__slug=slug, pk=pk)
    form = MitigationForm(request.POST or None, instance=MitigatingAction(risk=risk),
                          plan=risk.plan)
    return form_page(
        request, form=form, title=f"Add a mitigating action to {risk}",
        back=risk.get_absolute_url(), done="Mitigating action saved.",
        save=lambda form: mitigation_save(mitigation=form.save(commit=False), by=request.user)
        .risk.get_absolute_url())


@permission_required(Permission.EDIT_RISKS)
def risk_escalate_view(request, slug, pk):
    risk = get_object_or_404(Risk.objects.select_related("plan", "body", "owner"),
                             plan__slug=slug, pk=pk)
    as_at = plan_reporting_date(plan=risk.plan)
    suggested = selectors.risk_escalations(
        rows=selectors.risk_register(plan=risk.plan, as_at=as_at, body_id=risk.body_id),
        as_at=as_at)
    next_meeting = next((item.next_meeting for item in suggested if item.row.risk.pk == risk.pk),
                        None)
    form = EscalateForm(request.POST or None, risk=risk,
                        initial={"meeting": next_meeting.pk if next_meeting else None})
    return form_page(
        request, form=form, title=f"Put {risk} on an agenda of {risk.body.name}",
        back=risk.get_absolute_url(), submit_label="Add to the agenda",
        done="The risk is on the agenda.",
        intro="The item is added for discussion, linked to the risk's priorities; the "
              "meeting's agenda shows it straight away.",
        save=lambda form: risk_escalate(risk=risk, meeting=form.cleaned_data["meeting"],
                                        threshold=selectors.risk_threshold(), by=request.user)
        .meeting.get_absolute_url())


def strategy_list(request, slug):
    plan = plan_get(slug=slug)
    form, as_at, _body, reporting_date = _reading(request, plan)
    return render(request, "risks/strategy_list.html", {
        "plan": plan, "form": form, "as_at": as_at, "is_reporting_date": as_at == reporting_date,
        "rows": selectors.strategy_register(plan=plan, as_at=as_at, user=request.user),
        "can_edit": user_can(request.user, Permission.EDIT_RISKS),
    })


def strategy_detail(request, slug, pk):
    plan = plan_get(slug=slug)
    row = selectors.strategy_detail(plan=plan, pk=pk, as_at=plan_reporting_date(plan=plan),
                                    user=request.user)
    return render(request, "risks/strategy_detail.html", {
        "plan": plan, "row": row, "strategy": row.strategy,
        "can_edit": user_can(request.user, Permission.EDIT_RISKS),
    })


@permission_required(Permission.EDIT_RISKS)
def strategy_edit(request, slug, pk=None):
    plan = plan_get(slug=slug)
    strategy = get_object_or_404(Strategy, plan=plan, pk=pk) if pk else Strategy(plan=plan)
    form = StrategyForm(request.POST or None, instance=strategy, plan=plan)
    return form_page(
        request, form=form, title=f"Change {strategy}" if pk else f"Add a strategy to {plan}",
        back=strategy.get_absolute_url() if pk else reverse("risks:strategy-list",
                                                            args=[plan.slug]),
        done="Strategy saved.",
        save=lambda form: strategy_save(strategy=form.save(commit=False), by=request.user,
                                        priorities=list(form.cleaned_data["priorities"]))
        .get_absolute_url())
