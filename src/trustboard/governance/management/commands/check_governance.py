"""`trustboard check_governance`: the structure's findings, for a person or a script."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustboard.governance.checks import scenario_findings
from trustboard.governance.models import Scenario
from trustboard.governance.selectors import scenario_find


class Command(BaseCommand):
    help = (
        "Check a scenario's structure against the seed papers and the Children Act 2004: "
        "chairs, the safeguarding board, statutory partners, lines to the board, reporting "
        "cycles, reporting to the council executive and NHS board, meeting load and quorum. "
        "Exits 0 whatever it finds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scenario", metavar="NAME",
                            help="Scenario name or slug (default: the current arrangement).")
        parser.add_argument("--json", action="store_true",
                            help="Print a JSON list of {rule, title, severity, message, citation, "
                                 "subjects}.")
        parser.add_argument("--max-bodies-per-person", type=int, metavar="N",
                            help="Flag people on more bodies than this "
                                 "(default: TRUSTBOARD_MAX_BODIES_PER_PERSON).")

    def handle(self, *args, **options) -> None:
        scenario = self._scenario(options["scenario"])
        findings = scenario_findings(scenario,
                                     max_bodies_per_person=options["max_bodies_per_person"])
        if options["json"]:
            self.stdout.write(json.dumps([f.as_dict() for f in findings], indent=2,
                                         ensure_ascii=False))
            return
        counts = {level: sum(f.severity == level for f in findings)
                  for level in ("high", "medium", "low")}
        summary = ", ".join(f"{count} {level}" for level, count in counts.items())
        self.stdout.write(f"{scenario.name}: {len(findings)} finding"
                          f"{'' if len(findings) == 1 else 's'} ({summary})")
        for finding in findings:
            self.stdout.write(f"[{finding.severity}] {finding.rule}: {finding.message}")
            self.stdout.write(f"    Check: {finding.title}")
            self.stdout.write(f"    Source: {finding.citation}")

    def _scenario(self, name: str | None) -> Scenario:
        scenario = (scenario_find(name=name) if name
                    else Scenario.objects.filter(is_current=True).first())
        if scenario is not None:
            return scenario
        names = ", ".join(Scenario.objects.order_by("name").values_list("name", flat=True))
        known = f"Scenarios: {names}." if names else "There are no scenarios yet."
        if name:
            raise CommandError(f"There is no scenario called {name!r}. {known}")
        raise CommandError(f"No scenario is marked current; choose one with --scenario. {known}")
