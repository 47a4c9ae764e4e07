"""`trustboard import-neighbours FILE`: statistical neighbours from an NFER/DfE wide CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustboard.core.errors import TrustboardError
from trustboard.performance.services import neighbours_import_file


class Command(BaseCommand):
    help = ("Import children's services statistical neighbours from the DfE/NFER wide CSV "
            "(old_la_code, la_name, SN_1, SN_1P ... SN_10, SN_10P). Each listed authority's "
            "ten neighbours for the model year replace those held; nothing is written if any "
            "line is wrong.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--year", type=int, metavar="YYYY",
                            help="The model's year (default: the year in the file's name).")
        parser.add_argument("--source", help="Who published the model (default: NFER/DfE).")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"There is no file {path}.")
        try:
            counts = neighbours_import_file(path=path, model_year=options["year"],
                                            source=options["source"])
        except TrustboardError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Statistical neighbours for {counts.areas} authorities: "
                          f"{counts.changed} changed, {counts.unchanged} unchanged.")
