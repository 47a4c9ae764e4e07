"""Commissioning pages: thin views over selectors and services.

A contract value still decided in an exempt item reaches a page only through
`selectors.hidden_award_items`, which asks the meetings' one rule.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from trustboard.commissioning import selectors, services
from trustboard.commissioning.forms import (
    BudgetYearForm,
    CommissioningDecisionForm,
    ForwardPlanForm,
    NeedsDocumentForm,
    NeedsTopicForm,
    ScheduleForm,
    ServiceForm,
)
from trustboard.commissioning.models import BudgetYear, NeedsTopic, Service
from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, permission_required
from trustboard.core.views import form_page
from trustboard.governance.selectors import scenario_current

commission = permission_required(Permission.EDIT_PLAN)


def _public(request) -> bool:
    return not request.user.is_authenticated


def topic_list(request):
    rows = selectors.topic_rows(as_at=timezone.localdate(), public=_public(request))
    return render(request, "commissioning/topic_list.html", {"rows": rows})


def topic_detail(request, slug):
    detail = selectors.topic_detail(slug=slug, user=request.user, as_at=timezone.localdate(),
                                    public=_public(request))
    return render(request, "commissioning/topic_detail.html", {"detail": detail,
                                                               "topic": detail.row.topic})


@commission
def document_add(request, slug):
    topic = get_object_or_404(NeedsTopic, slug=slug)
    return form_page(
        request, form=NeedsDocumentForm(request.POST or None, request.FILES or None),
        title=f"Add a document: {topic}", back=topic.get_absolute_url(), multipart=True,
        done="The document is added.",
        save=lambda form: services.needs_document_add(
            topic=topic, by=request.user, title=form.cleaned_data["title"],
            file=form.cleaned_data["file"], url=form.cleaned_data["url"]).topic)


def _topic_page(request, topic: NeedsTopic, *, title: str, back: str, done: str):
    form = NeedsTopicForm(request.POST or None, instance=topic, scenario=scenario_current())
    return form_page(
        request, form=form, title=title, back=back, done=done, submit_label="Save the topic",
        save=lambda form: services.needs_topic_save(
            topic=form.instance, by=request.user,
            indicators=form.cleaned_data["indicators"],
            strategies=form.cleaned_data["strategies"]).get_absolute_url())


@commission
def topic_create(request):
    return _topic_page(request, NeedsTopic(), title="Add a needs assessment topic",
                       back=reverse("commissioning:topic-list"), done="The topic is added.")


@commission
def topic_edit(request, slug):
    topic = get_object_or_404(NeedsTopic, slug=slug)
    return _topic_page(request, topic, title=f"Change the topic: {topic}",
                       back=topic.get_absolute_url(), done="The topic is saved.")


def document_download(request, pk):
    document = selectors.document_get(pk=pk)
    extension = "pdf" if document.is_pdf else "docx"
    response = FileResponse(document.file.open("rb"), content_type=document.content_type,
                            as_attachment=not document.is_pdf,
                            filename=f"needs-document-{document.pk}.{extension}")
    response["Cache-Control"] = "public, max-age=300"
    return response


def service_list(request):
    return render(request, "commissioning/service_list.html",
                  {"rows": selectors.service_rows(user=request.user)})


def service_detail(request, slug):
    detail = selectors.service_detail(slug=slug, user=request.user, as_at=timezone.localdate(),
                                      public=_public(request))
    return render(request, "commissioning/service_detail.html",
                  {"detail": detail, "service": detail.service})


def _service_page(request, service: Service, *, title: str, back: str, done: str):
    scenario = scenario_current() if service.scenario_id is None else service.scenario
    form = ServiceForm(request.POST or None, instance=service, scenario=scenario)

    def save(form):
        if form.instance.scenario_id is None:
            if scenario is None:
                raise RuleError("No arrangement is marked as in force: mark one current "
                                "before adding services.")
            form.instance.scenario = scenario
        data = form.cleaned_data
        return services.service_save(
            service=form.instance, by=request.user, priorities=data["priorities"],
            needs_topics=data["needs_topics"], funding_partners=data["funding_partners"],
            indicators=data["indicators"]).get_absolute_url()

    return form_page(request, form=form, title=title, back=back, done=done, save=save,
                     submit_label="Save the service")


@commission
def service_create(request):
    return _service_page(request, Service(), title="Add a commissioned service",
                         back=reverse("commissioning:service-list"),
                         done="The service is added.")


@commission
def service_edit(request, slug):
    service = selectors.service_get(slug=slug)
    return _service_page(request, service, title=f"Change the service: {service}",
                         back=service.get_absolute_url(), done="The service is saved.")


@commission
def budget_set(request, slug):
    """Set each funding partner's contribution to a service for one financial year;
    ?year=2025 starts from what 2025/26 holds."""
    service = selectors.service_get(slug=slug)
    year = request.GET.get("year", "")
    held = (BudgetYear.objects.filter(service=service, year=int(year))
            .prefetch_related("contributions").first() if year.isdigit() else None)
    today = timezone.localdate()
    initial = ({"year": held.year, "total": held.total} if held else
               {"year": int(year) if year.isdigit() else
                today.year if today.month >= 4 else today.year - 1})
    amounts = {c.partner_id: c.amount for c in held.contributions.all()} if held else {}
    form = BudgetYearForm(request.POST or None, service=service, initial=initial,
                          initial_amounts=amounts)

    def save(form):
        try:
            services.budget_year_set(service=service, year=form.cleaned_data["year"],
                                     by=request.user, contributions=form.contributions(),
                                     total=form.cleaned_data.get("total"))
        except RuleError as error:
            raise RuleError(error.message, field=form.field_of(error.field)) from error
        return service.get_absolute_url()

    return form_page(
        request, form=form, title=f"Set a year's contributions: {service}",
        back=service.get_absolute_url(), done="The year's contributions are saved.", save=save,
        intro="Give each funding partner's contribution for the financial year; it replaces "
              "any recorded for that year." + (
                  " A pooled fund's contributions must add up to its total."
                  if "total" in form.fields else ""),
        submit_label="Save the contributions")


def budget(request):
    year = request.GET.get("year", "")
    budget = selectors.budget(year=int(year) if year.isdigit() else None, user=request.user)
    return render(request, "commissioning/budget.html", {"budget": budget})


@login_required
def forward_plan(request):
    form = ForwardPlanForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    months = data.get("months") or selectors.DEFAULT_WINDOW_MONTHS
    as_at = data.get("as_at") or timezone.localdate()
    rows = selectors.forward_plan(today=as_at, months=months)
    return render(request, "commissioning/forward_plan.html",
                  {"form": form, "rows": rows, "months": months, "as_at": as_at,
                   "notice_days": selectors.notice_days()})


@require_POST
@commission
def forward_plan_schedule(request, slug):
    """Put a contract on the agenda of the meeting the forward plan named, in one step."""
    service = selectors.service_get(slug=slug)
    form = ScheduleForm(request.POST, service=service)
    back = reverse("commissioning:forward-plan")
    if not form.is_valid():
        return redirect(back)
    try:
        item = services.forward_plan_item_add(service=service, meeting=form.cleaned_data["meeting"],
                                              by=request.user)
    except RuleError as error:
        return render(request, "commissioning/schedule_refused.html",
                      {"service": service, "message": error.message, "back": back}, status=400)
    return redirect(item.meeting.get_absolute_url())


@commission
def decision_create(request, slug):
    service = selectors.service_get(slug=slug)
    form = CommissioningDecisionForm(request.POST or None, service=service)
    return form_page(
        request, form=form, title=f"Record a commissioning decision: {service}",
        back=service.get_absolute_url(), done="The decision is recorded.",
        intro="Cite the evidence the decision rests on: at least one needs topic, indicator "
              "or finding. A decision citing none is refused.",
        submit_label="Record the decision",
        save=lambda form: services.commissioning_decision_record(
            service=service, by=request.user, **form.cleaned_data).get_absolute_url())


def decision_detail(request, pk):
    decision = selectors.decision_detail(pk=pk, user=request.user)
    return render(request, "commissioning/decision_detail.html", {"decision": decision})


def decision_list(request):
    return render(request, "commissioning/decision_list.html",
                  {"decisions": selectors.decision_list(user=request.user)})
