"""Pages for a review's interviews, their themes, and writing its report."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from trustboard.core.jobs import job_enqueue
from trustboard.core.permissions import Permission, permission_required
from trustboard.core.views import form_page
from trustboard.reviews.followup_forms import (
    InterviewForm,
    InterviewNoteForm,
    ReviewReportWriteForm,
)
from trustboard.reviews.followup_models import Interview
from trustboard.reviews.interview_selectors import interview_summary
from trustboard.reviews.interviews import interview_note_add, interview_save
from trustboard.reviews.models import Review
from trustboard.reviews.report_tasks import review_report_write_task


def _review(slug: str) -> Review:
    return get_object_or_404(Review.objects.select_related("scenario_proposed"), slug=slug)


@permission_required(Permission.RUN_REVIEWS)
def interview_list(request, slug):
    """Who was interviewed, and what they said; interview notes are the officers' own."""
    review = _review(slug)
    return render(request, "reviews/interview_list.html",
                  {"review": review, "summary": interview_summary(review=review)})


@permission_required(Permission.RUN_REVIEWS)
def theme_list(request, slug):
    """Each theme, how many interviewees raised it, and their words."""
    review = _review(slug)
    return render(request, "reviews/theme_list.html",
                  {"review": review, "summary": interview_summary(review=review)})


@permission_required(Permission.RUN_REVIEWS)
def interview_add(request, slug):
    review = _review(slug)
    back = reverse("reviews:interview-list", args=[slug])

    def save(form):
        interview = form.save(commit=False)
        interview.review = review
        interview_save(interview=interview, by=request.user)
        return back

    return form_page(request, form=InterviewForm(request.POST or None),
                     title="Add an interview", back=back, done="Interview saved.", save=save,
                     submit_label="Save the interview")


@permission_required(Permission.RUN_REVIEWS)
def interview_note(request, slug, pk):
    review = _review(slug)
    interview = get_object_or_404(Interview, review=review, pk=pk)
    back = reverse("reviews:interview-list", args=[slug]) + f"#interview-{interview.pk}"

    def save(form):
        interview_note_add(interview=interview, text=form.cleaned_data["text"],
                           themes=form.theme_names(), by=request.user)
        return back

    return form_page(request, form=InterviewNoteForm(request.POST or None),
                     title=f"Add a note: {interview}", back=back, done="Note saved.",
                     save=save, submit_label="Save the note")


@permission_required(Permission.RUN_REVIEWS)
def review_report_write(request, slug):
    """Ask for the review's report; the background queue writes it, the job page shows
    progress."""
    review = _review(slug)
    form = ReviewReportWriteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        params = {"review": review.pk, **form.params(),
                  "back": {"url": reverse("reviews:interview-list", args=[slug]),
                           "label": "Back to the review's interviews"}}
        job = job_enqueue(task=review_report_write_task, user=request.user, params=params,
                          title=f"The report of {review}", unit="steps")
        return redirect(job)
    return render(request, "core/form.html", {
        "form": form, "title": f"Write the report of {review}",
        "back": reverse("reviews:interview-list", args=[slug]),
        "submit_label": "Write the report",
        "intro": "Trustboard writes the draft from the questionnaire's answers (Table 1 and "
                 "the counts in words), the interviews and their themes, and the arrangement "
                 "the review proposes set beside the current one, in the committee report "
                 "format, as HTML, Word and PDF. You can edit its text before you issue it; "
                 "issuing puts its recommendations in the recommendations register.",
    })
