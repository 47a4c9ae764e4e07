"""The migrations and the models agree.

The suite's own databases are made from the models (`--no-migrations`, docs/testing.md),
while an installation is made by running the migrations: these tests hold the two to one
schema, so what the suite tests is what `trustboard migrate` builds.
"""

import re
import sqlite3
from collections.abc import Callable

import pytest
from django.db import connection

from tests.installation import command, database, environment


def _sqlite_schema(execute: Callable[[str], list[tuple]]) -> dict[str, dict]:
    """Each table's columns, indexes, foreign keys and named constraints, as SQLite holds
    them, in an order that does not depend on how the table was built."""
    schema = {}
    tables = execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name "
                     "NOT LIKE 'sqlite_%' AND name != 'django_migrations' ORDER BY name")
    for table, sql in tables:
        indexes = set()
        for _, name, unique, origin, _partial in execute(f'PRAGMA index_list("{table}")'):
            columns = tuple(row[2] for row in execute(f'PRAGMA index_info("{name}")'))
            # An automatic index (origin "u" or "pk") is named by SQLite, in the order the
            # table's constraints were written.
            indexes.add((name if origin == "c" else origin, unique, columns))
        schema[table] = {
            "columns": {row[1:] for row in execute(f'PRAGMA table_info("{table}")')},
            "indexes": indexes,
            "foreign keys": {row[2:] for row in execute(f'PRAGMA foreign_key_list("{table}")')},
            "constraints": set(re.findall(r'CONSTRAINT "([^"]+)" (CHECK|UNIQUE) ', sql)),
        }
    return schema


def _test_database_schema() -> dict[str, dict]:
    def execute(sql: str) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    return _sqlite_schema(execute)


def _installation_schema(folder) -> dict[str, dict]:
    link = sqlite3.connect(database(folder))
    try:
        return _sqlite_schema(lambda sql: link.execute(sql).fetchall())
    finally:
        link.close()


@pytest.mark.django_db
def test_the_migrations_build_the_schema_the_suite_builds_from_the_models(request):
    if connection.vendor != "sqlite":
        pytest.skip("the installation is SQLite; its schema is compared with SQLite's")
    migrated = _installation_schema(request.getfixturevalue("migrated_installation"))
    from_models = _test_database_schema()

    assert sorted(migrated) == sorted(from_models)
    differences = {table: {part: (migrated[table][part] ^ from_models[table][part])
                           for part in migrated[table]
                           if migrated[table][part] != from_models[table][part]}
                   for table in migrated if migrated[table] != from_models[table]}
    assert differences == {}
    assert len(migrated) > 100
    assert migrated["performance_datapoint"]["constraints"] == {
        ("one_data_point_per_key", "UNIQUE"), ("lower95_not_above_upper95", "CHECK"),
        ("lower998_not_above_upper998", "CHECK")}


def test_no_model_change_lacks_its_migration(tmp_path):
    import subprocess

    done = subprocess.run(command("makemigrations", "--check", "--dry-run"),
                          env=environment(tmp_path), capture_output=True, text=True,
                          timeout=300)

    assert done.returncode == 0, f"a model changed without a migration:\n{done.stdout}"
    assert "No changes detected" in done.stdout
