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
    CommissioningDecisionForm,
    ForwardPlanForm,
    NeedsDocumentForm,
    ScheduleForm,
)
from trustboard.commissioning.models import NeedsTopic
from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, permission_required
from trustboard.core.views import form_page

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
