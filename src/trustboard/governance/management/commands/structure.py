"""`trustboard structure export|import`: a scenario to and from a YAML structure file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trustboard.core.errors import ImportRowError
from trustboard.governance.models import Membership, Scenario
from trustboard.governance.structure_file import scenario_export_yaml, scenario_import_yaml


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class Command(BaseCommand):
    help = ("Export a scenario as a YAML structure file, or import a structure file as a new "
            "scenario. See docs/structure-file.md.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="export|import")
        export = actions.add_parser(
            "export", help="Write a scenario as a structure file.",
            description="Write a scenario as a structure file, to standard output by default.")
        export.add_argument("--scenario", required=True, metavar="NAME",
                            help="The scenario's name or slug.")
        export.add_argument("--output", metavar="FILE",
                            help="Write to this file instead of standard output.")
        load = actions.add_parser(
            "import", help="Create a new scenario from a structure file.",
            description="Create a new scenario from a structure file; nothing is written if "
                        "any line is wrong.")
        load.add_argument("file", metavar="FILE")
        load.add_argument("--as", dest="name", metavar="NAME",
                          help="Name of the new scenario (default: the file's scenario name).")

    def handle(self, *args, **options):
        if options["action"] == "export":
            self.export(name=options["scenario"], output=options["output"])
        else:
            self.load(path=Path(options["file"]), name=options["name"])

    def export(self, *, name: str, output: str | None) -> None:
        scenario = Scenario.objects.filter(name=name).first() or Scenario.objects.filter(
            slug=name).first()
        if scenario is None:
            names = list(Scenario.objects.order_by("name").values_list("name", flat=True))
            known = ("Scenarios: " + "; ".join(names) + ".") if names else "There are none yet."
            raise CommandError(f"No scenario is called '{name}'. {known}")
        text = scenario_export_yaml(scenario)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
        self.stdout.write(f"Wrote scenario '{scenario.name}' to {output}")

    def load(self, *, path: Path, name: str | None) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"There is no file {path}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path.name} is not UTF-8 text.") from error
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        try:
            # From the command line nobody is signed in; the history shows the system.
            scenario = scenario_import_yaml(text, by=None, name=name, source=path.name)
        except ImportRowError as error:
            raise CommandError(error.message) from error
        memberships = Membership.objects.filter(body__scenario=scenario).count()
        self.stdout.write(
            f"Imported scenario '{scenario.name}': "
            f"{_counted(scenario.bodies.count(), 'body', 'bodies')}, "
            f"{_counted(memberships, 'membership', 'memberships')}, "
            f"{_counted(scenario.relationships.count(), 'relationship', 'relationships')}"
        )
