"""`trustboard thread --plan SLUG`: the plan's golden thread, for a person or a script."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustboard.plans.models import Plan
from trustboard.plans.selectors import plan_reporting_date
from trustboard.thread.selectors import plan_thread


class Command(BaseCommand):
    help = (
        "Show a plan's golden thread: for each priority, its key actions, indicators, agenda "
        "items, decisions and the other records that serve it, with the gaps (a priority no "
        "meeting discussed, no indicator, overdue actions...). Everything is read, exempt "
        "items included. Exits 0 whatever it finds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", metavar="SLUG", required=True,
                            help="The plan's slug, e.g. cypf-2011-14.")
        parser.add_argument("--as-at", metavar="DATE",
                            help="Read as at this date, YYYY-MM-DD (default: the plan's "
                                 "reporting date).")
        parser.add_argument("--json", action="store_true",
                            help="Print a JSON object with plan, as_at, priorities (number, "
                                 "title, links by kind) and gaps (rule, severity, message, "
                                 "citation, subjects).")

    def handle(self, *args, **options) -> None:
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            slugs = ", ".join(Plan.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"--plan: there is no plan {options['plan']!r}. "
                               + (f"Plans: {slugs}." if slugs else "There are no plans yet."))
        as_at = self._as_at(options["as_at"]) or plan_reporting_date(plan=plan)
        thread = plan_thread(plan=plan, as_at=as_at)
        if options["json"]:
            self.stdout.write(json.dumps(thread.as_dict(), indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{plan.title}: the golden thread as at {as_at:%-d %B %Y}")
        for row in thread.priorities:
            counts = ", ".join(f"{cell.kind.label.lower()} {cell.count}" for cell in row.cells)
            self.stdout.write(f"{row.priority.number}. {row.priority.title}: {counts}")
        self.stdout.write(f"{len(thread.gaps)} gap{'' if len(thread.gaps) == 1 else 's'}")
        for gap in thread.gaps:
            self.stdout.write(f"[{gap.severity}] {gap.rule}: {gap.message}")
            self.stdout.write(f"    Source: {gap.citation}")

    def _as_at(self, text: str | None) -> datetime.date | None:
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--as-at: {text!r} is not a date; write it as YYYY-MM-DD.") \
                from None
