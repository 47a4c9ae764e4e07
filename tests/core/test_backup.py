"""Backup and restore: the demo backed up, restored elsewhere, and found identical."""

import io
import os
import signal
import sqlite3
import stat
import subprocess
import tarfile

import pytest

from tests.installation import (
    command,
    copy,
    database,
    environment,
    integrity,
    kill,
    large_import_file,
    query,
    sqlite_installations,
    start,
    trustboard,
    wait_for,
    writing,
)


@pytest.fixture
def demo_site(demo_installation, tmp_path):
    return copy(demo_installation, tmp_path / "demo")


def _refusal(folder, *arguments) -> str:
    done = subprocess.run(command(*arguments), env=environment(folder), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode != 0
    return done.stderr


def _rows(folder) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(database(folder))
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
                for table in tables}
    finally:
        connection.close()


def _files(folder) -> dict[str, bytes]:
    media = folder / "media"
    return {path.relative_to(media).as_posix(): path.read_bytes()
            for path in media.rglob("*") if path.is_file()}


@sqlite_installations
def test_the_demo_restored_elsewhere_has_every_row_and_file(demo_site, tmp_path):
    backup = tmp_path / "trustboard.tar.gz"

    said = trustboard(demo_site, "backup", "--output", str(backup))
    restored = tmp_path / "restored"
    trustboard(restored, "restore", str(backup))

    assert said.startswith("Backed up ")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    rows = _rows(demo_site)
    assert rows["governance_body"] and rows["meetings_paper"]
    assert _rows(restored) == rows
    files = _files(demo_site)
    assert files and _files(restored) == files


@sqlite_installations
def test_a_backup_restores_into_a_migrated_empty_installation(demo_site, empty_installation,
                                                              tmp_path):
    backup = tmp_path / "trustboard.tar.gz"
    trustboard(demo_site, "backup", "--output", str(backup))
    empty = copy(empty_installation, tmp_path / "empty")

    trustboard(empty, "restore", str(backup))

    assert _rows(empty) == _rows(demo_site)


@sqlite_installations
def test_a_backup_made_during_an_import_holds_what_was_committed_before_it(
        migrated_installation, tmp_path):
    site = copy(migrated_installation, tmp_path / "site")
    large = large_import_file(site, tmp_path / "large.csv", rows=300_000)
    backup, restored = tmp_path / "trustboard.tar.gz", tmp_path / "restored"
    importing = start(site, "import-data", str(large), "--quiet", "--create-indicators")
    try:
        wait_for(lambda: writing(site), what="the import to be writing")
        # Frozen mid-transaction, holding SQLite's write lock, however slow the backup is.
        os.killpg(importing.pid, signal.SIGSTOP)
        assert importing.poll() is None, "the import finished before the backup"
        trustboard(site, "backup", "--output", str(backup))
    finally:
        kill(importing)

    trustboard(restored, "restore", str(backup))

    assert integrity(restored) == "ok"
    assert query(restored, "SELECT count(*) FROM performance_area") == query(
        site, "SELECT count(*) FROM performance_area")
    assert query(restored, "SELECT count(*) FROM performance_datapoint") == [(0,)]
    assert query(restored, "SELECT status FROM performance_dataimport") == [("running",)]


@sqlite_installations
def test_restore_refuses_an_installation_holding_data_and_changes_nothing(demo_site, tmp_path):
    backup = tmp_path / "trustboard.tar.gz"
    trustboard(demo_site, "backup", "--output", str(backup))
    before = _rows(demo_site)

    error = _refusal(demo_site, "restore", str(backup))

    assert "This installation is not empty" in error
    assert "restore only into a new, empty installation" in error
    assert _rows(demo_site) == before


@sqlite_installations
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    other = tmp_path / "notes.tar.gz"
    with tarfile.open(other, "w:gz") as archive:
        archive.add(__file__, arcname="notes.py")

    error = _refusal(tmp_path / "site", "restore", str(other))

    assert "notes.tar.gz is not a Trustboard backup (it does not start with manifest.json)" \
        in error
    assert not (tmp_path / "site" / "media").exists()


@sqlite_installations
def test_restore_refuses_a_damaged_backup(demo_site, tmp_path):
    backup = tmp_path / "trustboard.tar.gz"
    trustboard(demo_site, "backup", "--output", str(backup))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(backup) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data[:-1] + b"!"
            target.addfile(member, io.BytesIO(data))

    error = _refusal(tmp_path / "site", "restore", str(damaged))

    assert "damaged.tar.gz is damaged: media/" in error
    assert "does not match its checksum" in error


@pytest.fixture
def postgres_databases():
    """Two new databases on the run's PostgreSQL server; skipped when the run uses SQLite."""
    import os
    import uuid

    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("runs on PostgreSQL: scripts/with_postgres.py")
    server, names = url.rsplit("/", 1)[0], [f"backup_{uuid.uuid4().hex[:8]}_{n}" for n in "ab"]
    with psycopg.connect(url, autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')
    yield [f"{server}/{name}" for name in names]
    with psycopg.connect(url, autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_rows(url) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(url) as connection:
        tables = [name for (name,) in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(),
                              key=repr) for table in tables}


# Marked by hand: it reaches the run's PostgreSQL server through installations of its
# own, not through pytest-django, so nothing marks it and the PostgreSQL pass (-m database)
# would leave it out.
@pytest.mark.database
def test_the_demo_on_postgresql_restored_elsewhere_has_every_row_and_file(postgres_databases,
                                                                          tmp_path):
    source, target = postgres_databases
    original, restored = tmp_path / "original", tmp_path / "restored"
    original.mkdir()
    backup = tmp_path / "trustboard.tar.gz"
    trustboard(original, "demo", "--load-only", DATABASE_URL=source)

    trustboard(original, "backup", "--output", str(backup), DATABASE_URL=source)
    trustboard(restored, "restore", str(backup), DATABASE_URL=target)

    rows = _postgres_rows(source)
    assert rows["governance_body"] and rows["meetings_paper"]
    assert _postgres_rows(target) == rows
    assert _files(restored) == _files(original)
