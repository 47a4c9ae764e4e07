"""`trustboard import-data FILE`: indicator data from a Fingertips or tidy file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from trustboard.performance.errors import ImportFileError
from trustboard.performance.imports import FORMATS, data_import
from trustboard.performance.models import Polarity, ValueType
from trustboard.performance.recovery import data_import_watched


class Command(BaseCommand):
    help = ("Import indicator data from a Fingertips CSV export or a tidy CSV/XLSX file "
            "(docs/indicators-import.md). Every row is checked; if any is wrong nothing is "
            "written and the errors are listed with their lines. Importing the same file "
            "again changes nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--format", choices=FORMATS,
                            help="The file's format (default: told from its header).")
        parser.add_argument("--create-indicators", "--indicator-create", action="store_true",
                            dest="create_indicators",
                            help="Add the Fingertips indicators the file names that Trustboard "
                                 "does not hold yet, from their id and name.")
        parser.add_argument("--polarity", choices=Polarity.values,
                            default=Polarity.NO_JUDGEMENT,
                            help="Polarity of indicators the import adds (default: "
                                 "no_judgement; set it on the indicator later if unsure).")
        parser.add_argument("--value-type", choices=ValueType.values,
                            help="Value type of indicators the import adds (default: told from "
                                 "the figures).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TextColumn("rows"), TimeElapsedColumn(),
                      disable=options["quiet"] or options["verbosity"] == 0,
                      transient=True) as bar:
            task = bar.add_task(f"Importing {path.name}", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            try:
                # From the command line nobody is signed in; the import records no user.
                with data_import_watched(file_name=path.name, by=None) as record:
                    record = data_import(path=path, by=None, format=options["format"],
                                         create_indicators=options["create_indicators"],
                                         polarity=options["polarity"],
                                         value_type=options["value_type"], progress=progress,
                                         record=record)
            except ImportFileError as error:
                raise CommandError(error.message) from error
        self.stdout.write(
            f"Imported {path.name} ({record.format}): {record.rows:,} rows read; "
            f"{record.created:,} data points created, {record.updated:,} updated, "
            f"{record.unchanged:,} unchanged.")
