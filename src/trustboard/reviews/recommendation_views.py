"""Pages of the recommendations register: every source, and a page per source for the
body that has to answer, with each recommendation's response and progress."""

import datetime

from django.shortcuts import render
from django.urls import reverse

from trustboard.core.permissions import Permission, permission_required, user_can
from trustboard.core.views import form_page
from trustboard.reviews import recommendation_selectors as selectors
from trustboard.reviews.followup_forms import (
    ActionForm,
    RecommendationForm,
    ResponseForm,
    SourceForm,
)
from trustboard.reviews.recommendation_models import (
    Recommendation,
    RecommendationAction,
)
from trustboard.reviews.recommendations import (
    recommendation_action_save,
    recommendation_respond,
    recommendation_save,
    recommendation_source_save,
)


@permission_required(Permission.VIEW_REVIEWS)
def source_list(request):
    return render(request, "reviews/source_list.html", {
        "sources": selectors.register_progress(today=datetime.date.today()),
        "can_edit": user_can(request.user, Permission.RUN_REVIEWS)})


@permission_required(Permission.VIEW_REVIEWS)
def source_detail(request, source):
    source = selectors.source_get(slug=source)
    return render(request, "reviews/source_detail.html", {
        "source": source,
        "progress": selectors.source_progress(source, today=datetime.date.today()),
        "today": datetime.date.today(),
        "can_edit": user_can(request.user, Permission.RUN_REVIEWS)})


@permission_required(Permission.RUN_REVIEWS)
def source_add(request):
    return form_page(
        request, form=SourceForm(request.POST or None), title="Add a source of recommendations",
        back=reverse("recommendations:source-list"), done="Source saved.",
        save=lambda form: recommendation_source_save(source=form.save(commit=False),
                                                     by=request.user).get_absolute_url())


@permission_required(Permission.RUN_REVIEWS)
def recommendation_add(request, source):
    source = selectors.source_get(slug=source)
    form = RecommendationForm(request.POST or None,
                              instance=Recommendation(source=source))
    return form_page(
        request, form=form, title=f"Add a recommendation: {source}",
        back=source.get_absolute_url(), done="Recommendation saved.",
        save=lambda form: recommendation_save(recommendation=form.save(commit=False),
                                              by=request.user) and source.get_absolute_url())


@permission_required(Permission.RUN_REVIEWS)
def recommendation_response(request, source, pk):
    source = selectors.source_get(slug=source)
    recommendation = selectors.recommendation_get(source=source, pk=pk)
    form = ResponseForm(request.POST or None, initial={
        "response": recommendation.response, "response_reason": recommendation.response_reason,
        "owner": recommendation.owner, "responded_on": recommendation.responded_on})
    back = f"{source.get_absolute_url()}#recommendation-{recommendation.pk}"
    return form_page(
        request, form=form, title=f"Response to recommendation {recommendation.number}",
        back=back, done="Response saved.", submit_label="Save the response",
        save=lambda form: recommendation_respond(
            recommendation=recommendation, response=form.cleaned_data["response"],
            reason=form.cleaned_data["response_reason"], owner=form.cleaned_data["owner"],
            responded_on=form.cleaned_data["responded_on"], by=request.user) and back)


@permission_required(Permission.RUN_REVIEWS)
def action_edit(request, source, pk, action=None):
    source = selectors.source_get(slug=source)
    recommendation = selectors.recommendation_get(source=source, pk=pk)
    instance = (selectors.action_get(recommendation=recommendation, pk=action) if action
                else RecommendationAction(recommendation=recommendation))
    back = f"{source.get_absolute_url()}#recommendation-{recommendation.pk}"
    return form_page(
        request, form=ActionForm(request.POST or None, instance=instance),
        title=(f"Progress on an action: recommendation {recommendation.number}" if action
               else f"Add an action: recommendation {recommendation.number}"),
        back=back, done="Action saved.", submit_label="Save the action",
        save=lambda form: recommendation_action_save(action=form.instance,
                                                     by=request.user) and back)


