"""`trustboard backup --output FILE`: the database and uploaded files in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustboard.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = ("Write one consistent file of the database and the uploaded files, while the site "
            "runs (SQLite's backup API, or pg_dump on PostgreSQL). `trustboard restore FILE` "
            "brings it back into an empty installation.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, metavar="FILE",
                            help="The file to write, e.g. trustboard-2026-12-06.tar.gz.")

    def handle(self, *args, output: str, **options) -> None:
        try:
            summary = backup_write(output=Path(output))
        except BackupError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Backed up {summary.rows:,} rows in {summary.tables} tables ({summary.vendor}) "
            f"and {summary.files:,} uploaded files ({summary.bytes / 1e6:,.1f} MB) to "
            f"{summary.path}.")
