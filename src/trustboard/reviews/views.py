import csv
from functools import wraps

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, permission_required
from trustboard.core.views import form_page
from trustboard.reviews import selectors
from trustboard.reviews.bank import question_bank_seed
from trustboard.reviews.charts import distribution_chart
from trustboard.reviews.exports import answers_csv_rows
from trustboard.reviews.forms import (
    AnswerPage,
    InviteForm,
    QuestionAddForm,
    QuestionForm,
    QuestionnaireForm,
    ReviewForm,
    SectionForm,
)
from trustboard.reviews.models import Question, Questionnaire
from trustboard.reviews.services import (
    AnswersRefused,
    LinkRefused,
    answer_themes_set,
    answers_save_draft,
    answers_submit,
    body_recipients,
    invitation_from_link,
    invitations_send,
    question_save,
    questionnaire_question_add,
    questionnaire_save,
    reminders_send,
    review_save,
    section_add,
)


def _link_maker(request):
    def link_for(questionnaire: Questionnaire, token: str) -> str:
        return request.build_absolute_uri(
            reverse("reviews:answer", args=[questionnaire.public_id, token]))
    return link_for


@permission_required(Permission.VIEW_REVIEWS)
def review_list(request):
    return render(request, "reviews/review_list.html", {"reviews": selectors.review_list()})


@permission_required(Permission.RUN_REVIEWS)
def review_create(request):
    form = ReviewForm(request.POST or None)
    return form_page(request, form=form, title="Start a review",
                     back=reverse("reviews:review-list"), done="Review started.",
                     save=lambda form: review_save(review=form.instance, by=request.user))


@permission_required(Permission.VIEW_REVIEWS)
def review_detail(request, slug):
    review = selectors.review_get(slug=slug)
    return render(request, "reviews/review_detail.html", {
        "review": review, "questionnaires": selectors.questionnaire_list(review=review)})


@permission_required(Permission.VIEW_REVIEWS)
def review_results(request, slug):
    review = selectors.review_get(slug=slug)
    results = selectors.review_results(review=review)
    charts = {(survey.questionnaire_id, question.number): distribution_chart(question)
              for survey in results.questionnaires for question in survey.questions
              if question.scale}
    return render(request, "reviews/results.html", {
        "review": review, "results": results, "charts": charts})


@permission_required(Permission.RUN_REVIEWS)
def questionnaire_create(request, slug):
    review = selectors.review_get(slug=slug)
    form = QuestionnaireForm(request.POST or None, instance=Questionnaire(review=review))
    return form_page(request, form=form, title="Add a questionnaire",
                     back=review.get_absolute_url(),
                     done="Questionnaire added: now add its questions.",
                     save=lambda form: questionnaire_save(questionnaire=form.instance,
                                                          by=request.user))


@permission_required(Permission.RUN_REVIEWS)
def questionnaire_edit(request, slug, pk):
    questionnaire = selectors.questionnaire_get(review=selectors.review_get(slug=slug), pk=pk)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    return form_page(request, form=form, title="Change the questionnaire",
                     back=questionnaire.get_absolute_url(), done="Questionnaire saved.",
                     save=lambda form: questionnaire_save(questionnaire=form.instance,
                                                          by=request.user))


@permission_required(Permission.RUN_REVIEWS)
def questionnaire_detail(request, slug, pk):
    questionnaire = selectors.questionnaire_get(review=selectors.review_get(slug=slug), pk=pk)
    invitations = list(selectors.invitation_list(questionnaire=questionnaire))
    answered = sum(invitation.has_answered for invitation in invitations)
    return render(request, "reviews/questionnaire_detail.html", {
        "questionnaire": questionnaire, "review": questionnaire.review,
        "items": selectors.questionnaire_items(questionnaire=questionnaire),
        "invitations": invitations, "answered": answered,
        "rate": round(100 * answered / len(invitations)) if invitations else None})


@permission_required(Permission.RUN_REVIEWS)
def section_create(request, slug, pk):
    questionnaire = selectors.questionnaire_get(review=selectors.review_get(slug=slug), pk=pk)
    return form_page(request, form=SectionForm(request.POST or None), title="Add a section",
                     back=questionnaire.get_absolute_url(), done="Section added.",
                     save=lambda form: section_add(questionnaire=questionnaire, by=request.user,
                                                   **form.cleaned_data).questionnaire)


@permission_required(Permission.RUN_REVIEWS)
def question_add(request, slug, pk):
    questionnaire = selectors.questionnaire_get(review=selectors.review_get(slug=slug), pk=pk)
    form = QuestionAddForm(request.POST or None, questionnaire=questionnaire)
    return form_page(request, form=form, title="Add a question from the bank",
                     back=questionnaire.get_absolute_url(), done="Question added.",
                     save=lambda form: questionnaire_question_add(
                         questionnaire=questionnaire, by=request.user,
                         **form.cleaned_data).questionnaire)


@permission_required(Permission.RUN_REVIEWS)
def questionnaire_invite(request, slug, pk):
    questionnaire = selectors.questionnaire_get(review=selectors.review_get(slug=slug), pk=pk)

    def send(form):
        recipients = list(form.cleaned_data["people"])
        if form.cleaned_data["body"]:
            members = body_recipients(body=form.cleaned_data["body"],
                                      as_at=timezone.localdate())
            recipients += [member for member in members if member.email]
            # A link is shown once, in its email: without an address it could reach nobody.
            unreachable = [member.name for member in members if not member.email]
            if unreachable:
                messages.warning(request, "Not invited, having no email address (add one on "
                                          "their page, then send again): "
                                          + "; ".join(unreachable) + ".")
        sent = invitations_send(questionnaire=questionnaire, recipients=recipients,
                                by=request.user, link_for=_link_maker(request))
        messages.info(request, f"{len(sent)} invited; anyone already invited was left out.")
        return questionnaire

    return form_page(request, form=InviteForm(request.POST or None),
                     title="Send the questionnaire", back=questionnaire.get_absolute_url(),
                     done="Invitations sent.", save=send,
                     submit_label="Send invitations",
                     intro="Each person gets their own link, usable once, that needs no account.")


@require_POST
@permission_required(Permission.RUN_REVIEWS)
def questionnaire_remind(request, slug, pk):
    questionnaire = selectors.questionnaire_get(review=selectors.review_get(slug=slug), pk=pk)
    try:
        count = reminders_send(questionnaire=questionnaire, by=request.user,
                               link_for=_link_maker(request))
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Reminders sent to {count} who have not answered.")
    return redirect(questionnaire)


@permission_required(Permission.RUN_REVIEWS)
def answers_export(request, slug, pk):
    questionnaire = selectors.questionnaire_get(review=selectors.review_get(slug=slug), pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="answers-{questionnaire.pk}.csv"'
    csv.writer(response).writerows(answers_csv_rows(questionnaire=questionnaire))
    return response


@permission_required(Permission.RUN_REVIEWS)
def comment_themes(request, slug, pk):
    questionnaire = selectors.questionnaire_get(review=selectors.review_get(slug=slug), pk=pk)
    if request.method == "POST":
        themes = {key.removeprefix("theme-"): value for key, value in request.POST.items()
                  if key.startswith("theme-")}
        try:
            count = answer_themes_set(questionnaire=questionnaire, themes=themes,
                                      by=request.user)
        except RuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Themes saved ({count} changed).")
            return redirect(request.path)
    return render(request, "reviews/comment_themes.html", {
        "questionnaire": questionnaire, "review": questionnaire.review,
        "answers": selectors.questionnaire_comments(questionnaire=questionnaire)})


@permission_required(Permission.RUN_REVIEWS)
def question_bank(request):
    if request.method == "POST":
        before = Question.objects.count()
        question_bank_seed(by=request.user)
        messages.success(request, f"{Question.objects.count() - before} of the 2015 review's "
                                  "questions added; those already in the bank were kept.")
        return redirect(request.path)
    return render(request, "reviews/question_bank.html",
                  {"questions": selectors.question_bank()})


@permission_required(Permission.RUN_REVIEWS)
def question_create(request):
    form = QuestionForm(request.POST or None, instance=Question())
    return form_page(request, form=form, title="Add a question to the bank",
                     back=reverse("reviews:question-bank"), done="Question added to the bank.",
                     save=lambda form: question_save(question=form.instance, by=request.user)
                     and reverse("reviews:question-bank"))


def _private_link(view):
    """Keep a page opened by a secret link out of caches and out of other pages' Referer."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = never_cache(view)(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response
    return wrapped


@_private_link
def answer(request, public_id, token):
    """The one-use answering page: public by design, opened by its link's token alone."""
    try:
        invitation = invitation_from_link(public_id=public_id, token=token)
    except LinkRefused as refused:
        return render(request, "reviews/link_refused.html", {"message": refused.message},
                      status=refused.status)
    questionnaire = invitation.questionnaire
    items = selectors.questionnaire_items(questionnaire=questionnaire)
    if request.method == "POST":
        page = AnswerPage(items, data=request.POST)
        saving = request.POST.get("action") == "save"
        if not page.errors:
            try:
                if saving:
                    answers_save_draft(public_id=public_id, token=token, data=page.data())
                else:
                    answers_submit(public_id=public_id, token=token, data=page.data())
            except AnswersRefused as refused:
                page.add_errors(refused.errors)
            except LinkRefused as refused:
                return render(request, "reviews/link_refused.html",
                              {"message": refused.message}, status=refused.status)
            else:
                if saving:
                    messages.success(request, "Your answers are saved. Open the same link "
                                              "again to finish and send them.")
                    return redirect(request.path)
                return render(request, "reviews/answer_thanks.html",
                              {"questionnaire": questionnaire})
    else:
        page = AnswerPage(items, draft=invitation.draft)
    return render(request, "reviews/answer.html", {
        "questionnaire": questionnaire, "page": page.with_errors(), "invitation": invitation})
