"""Writes for reports: draft one from the data, edit it, write its files, issue it.

An issued report is frozen: every change is refused with a RuleError, and its HTML, DOCX
and PDF stay in storage as they were issued. Writing the report again makes a new draft
version beside it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from trustboard.commissioning.selectors import commissioning_summary
from trustboard.core.errors import RuleError
from trustboard.core.services import number_next, record_save
from trustboard.participation.selectors import participation_summary
from trustboard.plans.models import Plan
from trustboard.reports import selectors
from trustboard.reports.document import ReportDocument, document_build
from trustboard.reports.models import FORMATS, Report, ReportKind, ReportStatus
from trustboard.reports.render import body_render, html_render, pdf_render
from trustboard.reports.sections import (
    Context,
    carried_forward,
    default_sections,
    default_title,
    sub_section_headings,
)
from trustboard.reports.signals import report_issued
from trustboard.risks.selectors import risk_register

Progress = Callable[[int, int, str], None]

#: The steps a report takes, for progress bars.
STEPS = ("Reading the plan's figures", "Writing the narrative", "Drawing the charts",
         "Writing the HTML", "Writing the Word document", "Writing the PDF")


def _quiet(done: int, total: int, stage: str) -> None:
    """Progress nobody watches."""


def partnership_name() -> str:
    return settings.TRUSTBOARD_PARTNERSHIP_NAME


def period_start_for(kind: str, as_at: datetime.date) -> datetime.date:
    """The first day of the six months (a year for the annual report) ending on `as_at`:
    1 April 2012 for 30 September 2012."""
    months = 12 if kind == ReportKind.ANNUAL else 6
    following = as_at + datetime.timedelta(days=1)
    year, month = divmod(following.month - 1 - months, 12)
    day = following.day
    while True:
        try:
            return datetime.date(following.year + year, month + 1, day)
        except ValueError:
            day -= 1


def report_prepare(*, kind: str, plan, as_at: datetime.date, committee: str,
                   meeting_date: datetime.date | None = None, agenda_item: str = "",
                   report_of: str = "", contact: str = "", title: str = "",
                   period_start: datetime.date | None = None, performance=None,
                   officer_sections: dict[str, str] | None = None) -> tuple:
    """An unsaved draft with the default sections written from the data, and the figures.

    The officer's own sections (sections.OFFICER_SECTIONS) are those of the latest issued
    report of the same kind and plan as at an earlier date, unless `officer_sections` gives
    them; a six-monthly report is, in practice, the last one brought up to date.
    """
    if kind == ReportKind.REVIEW:
        raise RuleError("A board review report is written from its review's page.",
                        field="kind")
    if kind not in ReportKind.values:
        raise RuleError(f"Unknown kind of report '{kind}': use one of "
                        f"{', '.join(ReportKind.values)}.", field="kind")
    if as_at < plan.starts_on:
        raise RuleError(f"The plan starts on {plan.starts_on:%-d %B %Y}; choose a date after "
                        "that.", field="as_at")
    if performance is None:
        performance = selectors.plan_performance_for(plan=plan, as_at=as_at)
    period_start = period_start or period_start_for(kind, as_at)
    refresh = (plan.refreshes.filter(approved_on__lte=as_at).order_by("approved_on").last()
               if plan.pk else None)
    decisions = (selectors.meetings_for(start=period_start, end=as_at)
                 if kind == ReportKind.ANNUAL else None)
    recommendations = None
    if kind == ReportKind.ANNUAL:
        from trustboard.reviews.recommendation_selectors import register_progress

        recommendations = register_progress(today=as_at, until=as_at)
    structure = approvals = risks = None
    if kind == ReportKind.PERFORMANCE:
        risks = risk_register(plan=plan, as_at=as_at) if plan.pk else None
        structure = selectors.partnership_structure()
        board = getattr(structure, "board", None)
        approvals = (selectors.approvals_for(body=board, start=period_start, end=as_at)
                     if board is not None else None)
    if officer_sections is None:
        officer_sections = carried_forward(
            selectors.report_carried_from(kind=kind, plan=plan, as_at=as_at))
    partnership = partnership_name()
    commissioning = (commissioning_summary(start=period_start, end=as_at)
                     if kind in (ReportKind.PERFORMANCE, ReportKind.ANNUAL) else None)
    context = Context(kind=kind, plan=plan, refresh=refresh, performance=performance,
                      partnership=partnership, committee=committee, as_at=as_at,
                      period_start=period_start, report_of=report_of, contact=contact,
                      decisions=decisions, structure=structure, approvals=approvals,
                      risks=risks, carried=officer_sections, commissioning=commissioning,
                      participation=participation_summary(
                          plan=plan, starts_on=period_start or plan.starts_on, ends_on=as_at)
                      if plan.pk else None, recommendations=recommendations)
    report = Report(kind=kind, plan=plan, as_at=as_at, period_start=period_start,
                    title=title or default_title(kind, partnership, committee, as_at),
                    committee=committee, meeting_date=meeting_date, agenda_item=agenda_item,
                    report_of=report_of, sections=default_sections(context))
    return report, performance


def report_document(report: Report, performance=None) -> ReportDocument:
    if report.kind == ReportKind.REVIEW:
        # A board review report is written from its review (reviews/report.py), with no
        # appendix of the plan's figures.
        return document_build(report, None, partnership=partnership_name())
    if performance is None:
        performance = selectors.plan_performance_for(plan=report.plan, as_at=report.as_at)
    return document_build(report, performance, partnership=partnership_name())


def report_body(report: Report, performance=None) -> str:
    """A draft as its page shows it, written from the figures as at its date."""
    return body_render(report_document(report, performance))


CONTACT_LEAD = "please contact:"


def report_contact(report: Report) -> str:
    """The contact lines of a report's signature section, for its next version."""
    for section in report.sections:
        if section.get("key") == "signature" and CONTACT_LEAD in section.get("text", ""):
            return section["text"].split(CONTACT_LEAD, 1)[1].strip()
    return ""


def _store(report: Report, format: str, content: bytes) -> None:
    # Only drafts are ever written (issued reports are frozen), so the old file can go.
    field = report.file_for(format)
    if field:
        field.delete(save=False)
    field.save(f"reports/{report.pk}/{report.file_name(format)}", ContentFile(content),
               save=False)


def _write_files(report: Report, document: ReportDocument, progress: Progress,
                 done: int) -> None:
    from trustboard.reports.word import docx_render

    total = len(STEPS)
    progress(done, total, STEPS[done])
    html = html_render(document)
    _store(report, "html", html.encode("utf-8"))
    progress(done + 1, total, STEPS[done + 1])
    _store(report, "docx", docx_render(document))
    progress(done + 2, total, STEPS[done + 2])
    _store(report, "pdf", pdf_render(document))
    report.files_are_current = True


@transaction.atomic
def report_draft_create(*, by, progress: Progress | None = None, performance=None,
                        files: bool = True, **fields) -> Report:
    """Write a new draft from the data, with its HTML, DOCX and PDF; the next version of the
    same report (kind, plan, date) if there is one already.

    With `files=False` (the demo loader) the files are left to be written when first asked
    for, which saves the seconds the PDF takes.
    """
    progress = progress or _quiet
    total = len(STEPS)
    progress(0, total, STEPS[0])
    report, performance = report_prepare(performance=performance, **fields)
    progress(1, total, STEPS[1])
    report.version = number_next(
        among=Report.objects.filter(kind=report.kind, plan=report.plan_id, as_at=report.as_at),
        field="version", lock=Plan.objects.filter(pk=report.plan_id))
    report.created_by = by if by is not None and by.is_authenticated else None
    record_save(report, by=report.created_by)
    if not files:
        return report
    progress(2, total, STEPS[2])
    document = report_document(report, performance)
    _write_files(report, document, progress, 3)
    record_save(report, by=report.created_by)
    return report


def _refuse_if_issued(report: Report) -> None:
    if report.is_issued:
        raise RuleError(f"Version {report.version} was issued on "
                        f"{timezone.localtime(report.issued_at):%-d %B %Y} and cannot be "
                        "changed. Write a new version to change it.")


EDITABLE_FIELDS = ("title", "committee", "meeting_date", "agenda_item", "report_of")


@transaction.atomic
def report_edit(*, report: Report, by, sections: dict[str, str] | None = None,
                **fields) -> Report:
    """Change a draft's title block and its sections' text (by section key).

    A sub-section's heading moves to its first part that is written.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    _refuse_if_issued(report)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise RuleError(f"These cannot be edited: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(report, name, value)
    if sections:
        keys = {section["key"] for section in report.sections}
        missing = set(sections) - keys
        if missing:
            raise RuleError(f"The report has no section '{sorted(missing)[0]}'.")
        report.sections = sub_section_headings(
            [{**section, "text": sections.get(section["key"], section["text"])}
             for section in report.sections])
    report.files_are_current = False
    return record_save(report, by=by)


@transaction.atomic
def report_files_refresh(*, report: Report, by=None, performance=None) -> Report:
    """Write a draft's files again after its text changed; an issued report's are kept."""
    if report.is_issued or report.files_are_current:
        return report
    _write_files(report, report_document(report, performance), _quiet, 3)
    return record_save(report, by=by)


@transaction.atomic
def report_issue(*, report: Report, by, performance=None, files: bool = True) -> Report:
    """Issue the draft: write its files one last time and freeze it.

    With `files=False` (the demo loader) the files are written from the frozen text when
    first downloaded.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    _refuse_if_issued(report)
    report.status, report.issued_at = ReportStatus.ISSUED, timezone.now()
    report.issued_by = by if by is not None and by.is_authenticated else None
    document = report_document(report, performance)
    report.issued_body = body_render(document)
    if files:
        _write_files(report, document, _quiet, 3)
    record_save(report, by=by)
    report_issued.send(sender=Report, report=report, by=by)
    return report


def report_file(report: Report, format: str):
    """The stored file of one format, written first if the draft changed since."""
    if format not in FORMATS:
        raise RuleError(f"Unknown format '{format}': use html, docx or pdf.", field="format")
    if not report.is_issued and (not report.files_are_current or not report.file_for(format)):
        report_files_refresh(report=report)
    elif report.is_issued and not report.file_for(format):
        _issued_files_write(report=report)
    return report.file_for(format)


@transaction.atomic
def _issued_files_write(*, report: Report) -> None:
    """Write the files of a report issued without them, from its frozen text."""
    _write_files(report, report_document(report), _quiet, 3)
    report.save(update_fields=["html_file", "docx_file", "pdf_file", "files_are_current"])
