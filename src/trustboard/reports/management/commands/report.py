"""`trustboard report performance --plan SLUG --as-at DATE --format html|docx|pdf --output FILE`,
and `trustboard report review --review SLUG --format html|docx|pdf --output FILE`.

Writes a report from the data straight to a file, as the page's background task does,
without keeping a draft: for scripts, and for checking a report before a meeting.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from trustboard.core.errors import TrustboardError
from trustboard.plans.models import Plan
from trustboard.reports.document import document_build
from trustboard.reports.models import FORMATS, ReportKind
from trustboard.reports.render import render
from trustboard.reports.services import partnership_name, report_prepare

DEFAULT_COMMITTEE = "Children and Young People's Committee"


def _date(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} '{value}' is not a date: write it as YYYY-MM-DD, for "
                           "example 2012-09-30.") from None


class Command(BaseCommand):
    help = ("Write a committee report from the plan's key actions and indicators as at a date: "
            "the six-monthly performance report, the annual report, or an update to another "
            "body, as HTML, Word (DOCX) or PDF.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=ReportKind.values,
                            help="performance, annual, update or review.")
        parser.add_argument("--plan", help="The plan's slug, e.g. cypf-2011-14 (not for a "
                                           "review).")
        parser.add_argument("--as-at", dest="as_at",
                            help="Progress and figures as at this date (YYYY-MM-DD; not for "
                                 "a review).")
        parser.add_argument("--review", help="For a review report, the review's slug, e.g. "
                                             "board-review-2015.")
        parser.add_argument("--format", required=True, dest="format",
                            help="html, docx or pdf.")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--committee", default=None,
                            help=f"Who it goes to (default: {DEFAULT_COMMITTEE}; for an "
                                 "update, the Health and Wellbeing Board).")
        parser.add_argument("--meeting-date", dest="meeting_date", default=None,
                            help="The meeting's date (YYYY-MM-DD).")
        parser.add_argument("--agenda-item", dest="agenda_item", default="")
        parser.add_argument("--report-of", dest="report_of", default="",
                            help="Whose report it is, e.g. 'Corporate Director for Children, "
                                 "Families and Cultural Services'.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, **options) -> None:
        format = options["format"].lower()
        if format not in FORMATS:
            raise CommandError(f"--format '{options['format']}' is not one Trustboard writes: "
                               f"use {', '.join(FORMATS)}.")
        if options["kind"] == ReportKind.REVIEW:
            self._review(options, format)
            return
        for option in ("plan", "as_at"):
            if not options[option]:
                raise CommandError(f"--{option.replace('_', '-')} is required for a "
                                   f"{options['kind']} report.")
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            known = ", ".join(Plan.objects.values_list("slug", flat=True)[:10]) or "none yet"
            raise CommandError(f"--plan '{options['plan']}' is not a plan's slug (plans: "
                               f"{known}).")
        as_at = _date(options["as_at"], "--as-at")
        meeting_date = (_date(options["meeting_date"], "--meeting-date")
                        if options["meeting_date"] else None)
        output = _output(options["output"])
        committee = options["committee"] or (
            "Health and Wellbeing Board" if options["kind"] == ReportKind.UPDATE
            else DEFAULT_COMMITTEE)
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), transient=True,
                      disable=options["quiet"] or options["verbosity"] == 0) as bar:
            task = bar.add_task("Reading the plan's figures", total=3)
            try:
                report, performance = report_prepare(
                    kind=options["kind"], plan=plan, as_at=as_at, committee=committee,
                    meeting_date=meeting_date, agenda_item=options["agenda_item"],
                    report_of=options["report_of"])
                bar.update(task, completed=1, description="Drawing the charts")
                document = document_build(report, performance, partnership=partnership_name())
                bar.update(task, completed=2, description=f"Writing the {format.upper()}")
                content = render(document, format)
            except TrustboardError as error:
                raise CommandError(error.message) from error
            bar.update(task, completed=3)
        _write(output, content)
        self.stdout.write(f"Wrote {report.title}, as at {as_at:%-d %B %Y}, to {output} "
                          f"({len(content):,} bytes).")

    def _review(self, options, format: str) -> None:
        """The board review report, written from the review's answers and interviews."""
        from trustboard.reviews.models import Review
        from trustboard.reviews.report import (
            DEFAULT_COMMITTEE as REVIEW_COMMITTEE,
        )
        from trustboard.reviews.report import (
            review_report_document,
            review_report_prepare,
        )

        if not options["review"]:
            raise CommandError("--review is required for a review report: give the review's "
                               "slug, e.g. board-review-2015.")
        review = Review.objects.filter(slug=options["review"]).first()
        if review is None:
            known = ", ".join(Review.objects.values_list("slug", flat=True)[:10]) or "none yet"
            raise CommandError(f"--review '{options['review']}' is not a review's slug "
                               f"(reviews: {known}).")
        meeting_date = (_date(options["meeting_date"], "--meeting-date")
                        if options["meeting_date"] else None)
        output = _output(options["output"])
        try:
            report = review_report_prepare(
                review=review, committee=options["committee"] or REVIEW_COMMITTEE,
                meeting_date=meeting_date, agenda_item=options["agenda_item"],
                report_of=options["report_of"])
            content = render(review_report_document(report), format)
        except TrustboardError as error:
            raise CommandError(error.message) from error
        _write(output, content)
        self.stdout.write(f"Wrote {report.title} to {output} ({len(content):,} bytes).")


def _output(value: str) -> Path:
    output = Path(value)
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK) or (
            output.exists() and not os.access(output, os.W_OK)):
        raise CommandError(f"--output '{output}' cannot be written: check the folder "
                           "exists and you may write to it.")
    return output


def _write(output: Path, content: bytes) -> None:
    try:
        output.write_bytes(content)
    except OSError as error:
        raise CommandError(f"--output '{output}' cannot be written: {error.strerror}.") \
            from error
