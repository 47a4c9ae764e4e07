from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trustboard.core.errors import RuleError
from trustboard.core.jobs import job_enqueue
from trustboard.core.permissions import Permission, permission_required, user_can
from trustboard.reports import selectors, services
from trustboard.reports.forms import ReportEditForm, ReportWriteForm
from trustboard.reports.models import FORMATS, ReportKind
from trustboard.reports.tasks import report_write_task


def report_list(request):
    return render(request, "reports/report_list.html",
                  {"reports": selectors.report_list(user=request.user)})


@permission_required(Permission.WRITE_REPORTS)
def report_write(request):
    """Ask for a report; the background queue writes it while the job page shows progress."""
    form = ReportWriteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = job_enqueue(task=report_write_task, user=request.user, params=form.params(),
                          title=f"{dict(form.fields['kind'].choices)[data['kind']]}, "
                                f"{data['plan']}, as at {data['as_at']:%-d %B %Y}",
                          unit="steps")
        return redirect(job)
    return render(request, "core/form.html", {
        "form": form, "title": "Write a report", "back": "/reports/",
        "submit_label": "Write the report",
        "intro": "Trustboard writes the draft from the plan's key actions and indicators as "
                 "at the date you give, in the committee report format, as HTML, Word and "
                 "PDF. You can edit its text before you issue it.",
    })


def report_detail(request, pk):
    report = selectors.report_get(pk=pk, user=request.user)
    body = report.issued_body if report.is_issued else services.report_body(report)
    return render(request, "reports/report_detail.html", {
        "report": report, "body": body, "formats": FORMATS,
        "versions": selectors.report_versions(report, user=request.user),
        "can_write": user_can(request.user, Permission.WRITE_REPORTS),
    })


@permission_required(Permission.WRITE_REPORTS)
def report_edit(request, pk):
    report = selectors.report_get(pk=pk, user=request.user)
    form = ReportEditForm(request.POST or None, report=report)
    if report.is_issued:
        messages.info(request, "This version has been issued and cannot be changed.")
        return redirect(report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_edit(report=report, by=request.user, **form.changes())
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Report saved.")
            return redirect(report)
    return render(request, "core/form.html", {
        "form": form, "title": f"Edit {report.title}", "back": report.get_absolute_url(),
        "submit_label": "Save the report",
    })


@require_POST
@permission_required(Permission.WRITE_REPORTS)
def report_issue(request, pk):
    report = selectors.report_get(pk=pk, user=request.user)
    try:
        services.report_issue(report=report, by=request.user)
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Version {report.version} issued. It can no longer be "
                                  "changed.")
    return redirect(report)


@require_POST
@permission_required(Permission.WRITE_REPORTS)
def report_rewrite(request, pk):
    """Write the report again from today's data, as a new draft version."""
    report = selectors.report_get(pk=pk, user=request.user)
    if report.kind == ReportKind.REVIEW:
        # A board review report is written from its review's answers and interviews.
        from trustboard.reviews.models import ReviewReport

        link = ReviewReport.objects.select_related("review").get(report=report)
        return redirect("reviews:review-report-write", link.review.slug)
    params = {"kind": report.kind, "plan": report.plan_id, "as_at": report.as_at.isoformat(),
              "committee": report.committee, "agenda_item": report.agenda_item,
              "meeting_date": report.meeting_date.isoformat() if report.meeting_date else None,
              "report_of": report.report_of, "title": report.title,
              "contact": services.report_contact(report)}
    job = job_enqueue(task=report_write_task, user=request.user, params=params, unit="steps",
                      title=f"{report.title}: a new version")
    return redirect(job)


def report_download(request, pk, format):
    report = selectors.report_get(pk=pk, user=request.user)
    if format not in FORMATS:
        raise Http404("No such format.")
    stored = services.report_file(report, format)
    return FileResponse(stored.open("rb"), content_type=FORMATS[format], as_attachment=True,
                        filename=report.file_name(format))
