from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from trustboard.core.errors import RuleError
from trustboard.core.jobs import job_state, user_can_see_job
from trustboard.core.models import Job


def health(request):
    """For load balancers and the pages benchmark: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


def _job_seen_by(request, pk) -> Job:
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=pk)
    if not user_can_see_job(request.user, job):
        raise Http404("No such job.")
    return job


@login_required
def job_detail(request, pk):
    """Progress of a background job, then its outcome; a script follows it while it runs."""
    return render(request, "core/job.html", {"state": job_state(_job_seen_by(request, pk))})


@login_required
def job_state_json(request, pk):
    return JsonResponse(job_state(_job_seen_by(request, pk)).as_json())


def form_page(request, *, form, save, title: str, back: str, done: str, **context):
    """Show a GOV.UK form page; on a valid post call `save`, which returns where to go next.

    A RuleError from the service appears beside its field, or above the form.
    """
    if request.method == "POST" and form.is_valid():
        try:
            target = save(form)
        except RuleError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, done)
            return redirect(target)
    return render(request, context.pop("template", "core/form.html"),
                  {"form": form, "title": title, "back": back, **context})
