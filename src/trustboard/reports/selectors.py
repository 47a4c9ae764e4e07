"""Reads for reports: which reports a person may see, and the figures a report is written from."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from trustboard.core.permissions import Permission, user_can
from trustboard.reports.models import Report, ReportStatus


def plan_performance_for(*, plan, as_at: datetime.date):
    """The plan's actions and indicators as at a date (plans.selectors.plan_performance).

    Committee reports are public documents, so the report uses the figures as published.
    """
    from trustboard.plans.selectors import plan_performance

    return plan_performance(plan=plan, as_at=as_at, public=True)


def meetings_for(*, start: datetime.date, end: datetime.date) -> list:
    """The year's meetings with public key messages or decisions, for the annual report."""
    from trustboard.meetings.selectors import newsletter

    return newsletter(start=start, end=end)


def visible_reports(user) -> QuerySet[Report]:
    """Every report for those who write them; issued reports for everyone else, the public
    included, since committee reports are public documents."""
    reports = Report.objects.select_related("plan", "created_by", "issued_by")
    if user_can(user, Permission.WRITE_REPORTS):
        return reports
    return reports.filter(status=ReportStatus.ISSUED)


def report_list(*, user) -> QuerySet[Report]:
    return visible_reports(user).order_by("-as_at", "plan__title", "kind", "-version")


def report_get(*, pk: int, user) -> Report:
    report = get_object_or_404(visible_reports(user), pk=pk)
    if report is None:
        raise Http404("No such report.")
    return report


def report_versions(report: Report, *, user) -> QuerySet[Report]:
    """The other versions of the same report (same kind, plan and date)."""
    return (visible_reports(user).filter(kind=report.kind, plan=report.plan, as_at=report.as_at)
            .exclude(pk=report.pk).order_by("-version"))
