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


def partnership_structure():
    """The arrangement in force (governance.selectors.scenario_structure): its bodies with
    their current members, and the lines between them; None if no scenario is current.

    Five queries, however many bodies there are.
    """
    from trustboard.governance.selectors import scenario_current, scenario_structure

    scenario = scenario_current()
    return None if scenario is None else scenario_structure(scenario=scenario)


def approvals_for(*, body, start: datetime.date, end: datetime.date) -> list:
    """The strategies the body approved in the period, for the report's approvals paragraph.
    One query."""
    from trustboard.meetings.selectors import strategies_approved

    return strategies_approved(body=body, start=start, end=end)


def report_carried_from(*, kind: str, plan, as_at: datetime.date) -> Report | None:
    """The latest issued report of the same kind and plan, as at an earlier date: the one a
    new draft takes the officer's own sections from. Drafts and later reports never count.
    One query."""
    if plan.pk is None:
        return None
    return (Report.objects.filter(kind=kind, plan=plan, status=ReportStatus.ISSUED,
                                  as_at__lt=as_at)
            .order_by("-as_at", "-version").first())


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
