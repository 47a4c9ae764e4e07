import datetime

from django.shortcuts import render
from django.urls import reverse

from trustboard.core.permissions import Permission, permission_required, user_can
from trustboard.core.views import form_page
from trustboard.participation import selectors
from trustboard.participation.forms import (
    EngagementForm,
    FindingForm,
    ResponseForm,
    YouSaidWeDidForm,
)
from trustboard.participation.models import Engagement, Finding, Response
from trustboard.participation.services import (
    engagement_save,
    finding_save,
    response_save,
    topic_for,
)


def you_said_we_did(request):
    """What children, young people and families said and what changed, for anyone."""
    form = YouSaidWeDidForm(request.GET or None, topics=selectors.topic_list())
    filters = form.cleaned_data if form.is_valid() else {}
    return render(request, "participation/you_said_we_did.html", {
        "form": form, "filters": filters,
        "groups": selectors.you_said_we_did(user=request.user, as_at=datetime.date.today(),
                                            **filters),
        "can_edit": user_can(request.user, Permission.EDIT_PLAN),
    })


def engagement_list(request):
    return render(request, "participation/engagement_list.html", {
        "engagements": selectors.engagement_list(),
        "can_edit": user_can(request.user, Permission.EDIT_PLAN),
    })


def engagement_detail(request, pk):
    engagement = selectors.engagement_get(pk=pk)
    return render(request, "participation/engagement_detail.html", {
        "engagement": engagement,
        "rows": selectors.engagement_findings(engagement=engagement, user=request.user,
                                              as_at=datetime.date.today()),
        "can_edit": user_can(request.user, Permission.EDIT_PLAN),
    })


@permission_required(Permission.EDIT_PLAN)
def awaiting_response(request):
    return render(request, "participation/awaiting_response.html", {
        "rows": selectors.findings_awaiting_response(user=request.user,
                                                     as_at=datetime.date.today()),
        "days": selectors.response_days(),
    })


def _engagement_form_page(request, engagement: Engagement, *, title: str, back: str):
    form = EngagementForm(request.POST or None, instance=engagement)
    return form_page(
        request, form=form, title=title, back=back, submit_label="Save engagement",
        intro="Record how many took part, never who: names are never stored.",
        done="Engagement saved.",
        save=lambda form: engagement_save(engagement=form.instance, topics=form.topic_names(),
                                          counts=form.counts(),
                                          by=request.user).get_absolute_url())


@permission_required(Permission.EDIT_PLAN)
def engagement_create(request):
    return _engagement_form_page(request, Engagement(), title="Record an engagement",
                                 back=reverse("participation:engagement-list"))


@permission_required(Permission.EDIT_PLAN)
def engagement_edit(request, pk):
    engagement = selectors.engagement_get(pk=pk)
    return _engagement_form_page(request, engagement, title=f"Change {engagement}",
                                 back=engagement.get_absolute_url())


def _finding_form_page(request, finding: Finding, *, title: str):
    engagement = finding.engagement
    form = FindingForm(request.POST or None, instance=finding, engagement=engagement)

    def save(form):
        form.instance.topic = topic_for(name=form.cleaned_data["topic_name"], by=request.user)
        return finding_save(finding=form.instance, priorities=form.cleaned_data["priorities"],
                            needs_topics=form.cleaned_data["needs_topics"],
                            services=form.cleaned_data["services"],
                            by=request.user).get_absolute_url()

    return form_page(request, form=form, title=title, back=engagement.get_absolute_url(),
                     submit_label="Save finding", done="Finding saved.", save=save,
                     intro="What children, young people or families said, in plain English. "
                           "No names, email addresses or phone numbers.")


@permission_required(Permission.EDIT_PLAN)
def finding_create(request, pk):
    engagement = selectors.engagement_get(pk=pk)
    return _finding_form_page(request, Finding(engagement=engagement),
                              title=f"Add a finding from {engagement}")


@permission_required(Permission.EDIT_PLAN)
def finding_edit(request, pk):
    finding = selectors.finding_get(pk=pk)
    return _finding_form_page(request, finding, title=f"Change the finding {finding}")


@permission_required(Permission.EDIT_PLAN)
def response_edit(request, pk):
    finding = selectors.finding_get(pk=pk)
    response = getattr(finding, "response", None) or Response(finding=finding)
    form = ResponseForm(request.POST or None, instance=response, engagement=finding.engagement)
    return form_page(
        request, form=form, title=f"You said, we did: {finding}",
        back=finding.get_absolute_url(), submit_label="Save response",
        intro=finding.said, done="Response saved.",
        save=lambda form: response_save(response=form.instance, by=request.user
                                        ).finding.get_absolute_url())
