"""`trustboard restore FILE`: a backup brought back into an empty installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trustboard.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Restore a file written by `trustboard backup` into this installation, which must "
            "be empty (a new TRUSTBOARD_DATA_DIR, and DATABASE_URL on PostgreSQL). Stop the "
            "site first; run `trustboard migrate` after.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file: str, **options) -> None:
        try:
            summary = backup_restore(path=Path(file))
        except BackupError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Restored {summary.rows:,} rows in {summary.tables} tables and {summary.files:,} "
            f"uploaded files from {summary.path.name}. Run `trustboard migrate` next.")
