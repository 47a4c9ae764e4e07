"""`trustboard export-data`: data points as a Fingertips or tidy file."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustboard.performance.exports import ExportError, data_export
from trustboard.performance.imports import FORMATS
from trustboard.performance.models import Area, Indicator


class Command(BaseCommand):
    help = ("Write data points in the format they are imported in: the Fingertips CSV export "
            "or the tidy CSV (XLSX when FILE ends in .xlsx). Text a spreadsheet would run as a "
            "formula is written with a leading apostrophe.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicator", action="append", metavar="ID",
                            help="An indicator's Fingertips (or other source) id, or its "
                                 "Trustboard number; repeat for more (default: all).")
        parser.add_argument("--area", metavar="CODE", help="Only this area's rows (GSS code).")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--output", metavar="FILE", required=True)
        parser.add_argument("--public", action="store_true",
                            help="Open data: only values approved for publication.")

    def handle(self, *args, **options) -> None:
        indicators = None
        if options["indicator"]:
            indicators = [self._indicator(given) for given in options["indicator"]]
        area = options["area"]
        if area and not Area.objects.filter(code=area).exists():
            raise CommandError(f"No area has the code {area}.")
        try:
            written = data_export(output=options["output"], format=options["format"],
                                  indicators=indicators, area_code=area,
                                  public=options["public"])
        except ExportError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from error
        self.stdout.write(f"Wrote {written:,} rows to {options['output']}.")

    @staticmethod
    def _indicator(given: str) -> Indicator:
        found = list(Indicator.objects.filter(source_id=given))
        if not found and given.isdigit():
            found = list(Indicator.objects.filter(pk=int(given)))
        if len(found) != 1:
            raise CommandError(f"No one indicator has the id {given}." if not found else
                               f"Several indicators have the id {given}; use the Trustboard "
                               f"number instead.")
        return found[0]
