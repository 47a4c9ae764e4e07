"""The demo, built once per test session and put back into each test's database in moments.

`demo_load()` builds the whole Nottinghamshire partnership through the services (areas,
real published indicator data, meetings with their PDF papers and packs, reports): tens of
seconds. A test that needs it asks for the `demo` fixture instead. The session builds the
demo once into the (migrated, empty) test database, records every row the build added,
table by table, and empties those tables again; `demo` then writes the rows into the
test's own database (inside its transaction, so the test ends as it always does) and
copies the papers and packs into the test's MEDIA_ROOT. The build commits, as `make demo`
does, so work it queues on commit is in the rows too.

Rows are recorded in the database's own text form, so nothing is converted on the way:
SQLite's quote() gives each value as an SQL literal, PostgreSQL's COPY its text format.
The page cache's data version is a counter, not data: it is left out, and raised when the
rows go in, as any write raises it.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from trustboard.core.models import DataVersion
from trustboard.core.page_cache import data_changed

_CHUNK = 500  # rows per INSERT on SQLite


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    model: type
    rows: object  # SQLite: list of "(literal, ...)" strings; PostgreSQL: COPY text (bytes)


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[Table, ...]
    media: Path

    def restore(self, *, media_root: Path) -> None:
        """Add the recorded rows to the database, and copy the files under `media_root`."""
        _write(self.tables, empty_first=False)
        shutil.copytree(self.media, media_root, dirs_exist_ok=True)


def _models() -> dict[str, type]:
    return {model._meta.db_table: model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy and model is not DataVersion}


def _read(cursor, table: str, model) -> Table:
    quote = connection.ops.quote_name
    columns = tuple(field.column for field in model._meta.concrete_fields)
    order = quote(model._meta.pk.column)
    if connection.vendor == "postgresql":
        query = (f"COPY (SELECT {', '.join(map(quote, columns))} FROM {quote(table)} "
                 f"ORDER BY {order}) TO STDOUT")
        with cursor.copy(query) as copy:
            rows = b"".join(bytes(block) for block in copy)
    else:
        literals = " || ',' || ".join(f"quote({quote(column)})" for column in columns)
        cursor.execute(f"SELECT '(' || {literals} || ')' FROM {quote(table)} ORDER BY {order}")
        rows = [row[0] for row in cursor.fetchall()]
    return Table(table, columns, model, rows)


def _tables() -> dict[str, Table]:
    with connection.cursor() as cursor:
        return {table: _read(cursor, table, model) for table, model in _models().items()}


def _write(tables: tuple[Table, ...], *, empty_first: bool) -> None:
    """Insert each table's rows, first emptying the tables if `empty_first`. Rows a test
    made before asking for the demo stay, as they would have with `demo_load()`."""
    quote = connection.ops.quote_name
    # One transaction (a savepoint inside a test's own), so the deferred foreign keys are
    # checked once every table holds its rows.
    with transaction.atomic(), connection.cursor() as cursor, _keys_trusted(cursor):
        if empty_first:
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(table.name)}")
        for table in tables:
            columns = ", ".join(map(quote, table.columns))
            if connection.vendor == "postgresql":
                if table.rows:
                    with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
                        copy.write(table.rows)
            else:
                for start in range(0, len(table.rows), _CHUNK):
                    values = ",".join(table.rows[start:start + _CHUNK])
                    cursor.execute(f"INSERT INTO {quote(table.name)} ({columns}) VALUES {values}")
        if connection.vendor == "postgresql":
            for statement in connection.ops.sequence_reset_sql(
                    no_style(), [table.model for table in tables]):
                cursor.execute(statement)
        data_changed()


@contextlib.contextmanager
def _keys_trusted(cursor) -> Iterator[None]:
    """On PostgreSQL, write the rows without queueing a check of each foreign key.

    The rows were read from a database that held them, so their keys hold. Queued, the
    checks of a demo's rows (tens of thousands) ran when each test ended (Django's TestCase
    checks deferred constraints before it rolls back), and again in every test of a module
    that restored the demo once: the test's rollback undoes the checks as well. With
    `session_replication_role = replica` none is queued. It needs a superuser, as the
    suite's own server (scripts/with_postgres.py) has; with another role the checks are
    queued as before."""
    trusted = False
    if connection.vendor == "postgresql":
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        trusted = cursor.fetchone()[0]
    if trusted:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        if trusted:
            cursor.execute("SET session_replication_role = DEFAULT")


def snapshot_build(*, build, media: Path) -> Snapshot:
    """Run `build()` (which writes its files under `media`), record the rows it added, and
    take them out again."""
    before = _tables()
    build()
    after = _tables()
    changed = tuple(table for name, table in after.items() if table.rows != before[name].rows)
    altered = [table.name for table in changed if before[table.name].rows]
    if altered:
        raise AssertionError(f"The build changed rows that were there before it, in "
                             f"{', '.join(altered)}: a snapshot can only add rows.")
    _write(tuple(before[table.name] for table in changed), empty_first=True)
    return Snapshot(tables=changed, media=media)
