"""Back up an installation to one file, and restore it into an empty installation.

The file is a gzipped tar holding `manifest.json` (the format and its version, the
database vendor, every table's row count, every uploaded file's size and SHA-256), the
database (`database.sqlite3`, written by SQLite's online backup API, or `database.dump`,
pg_dump's custom format taken in one snapshot), and the uploaded files under `media/`.
Both database copies are consistent while the site runs; the files are taken after the
database (hard-linked into a snapshot first, then hashed and packed from it), so every file
its rows name is there. The secret key is not in the file: a
restored installation has its own, and everyone signs in again.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from trustboard.core.errors import TrustboardError

FORMAT = "trustboard-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
POSTGRES_NAME = "database.dump"
MEDIA = "media"
# Rows every migrated installation has before anyone uses it (core_dataversion is the
# public pages' cache number, written as the site starts).
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission",
                      "sqlite_sequence", "django_session", "core_dataversion"}


class BackupError(TrustboardError):
    """A backup or restore refused, saying why and what to do."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    vendor: str
    rows: int
    tables: int
    files: int
    bytes: int


# --- back up -------------------------------------------------------------------------------


def backup_write(*, output: Path) -> BackupSummary:
    """Write the database and the uploaded files to `output`, whole or not at all."""
    output = Path(output)
    if not output.parent.is_dir():
        raise BackupError(f"There is no folder {output.parent} to write {output.name} into.")
    data_dir = Path(settings.DATA_DIR)
    with (tempfile.TemporaryDirectory(prefix=".backup-", dir=output.parent) as work,
          tempfile.TemporaryDirectory(prefix=".backup-", dir=data_dir) as snapshot):
        work, snapshot = Path(work), Path(snapshot)
        if connection.vendor == "sqlite":
            database = work / SQLITE_NAME
            _sqlite_backup(database)
            counts = _sqlite_counts(database)
        elif connection.vendor == "postgresql":
            database = work / POSTGRES_NAME
            counts = _postgres_dump(database)
        else:
            raise BackupError(f"Trustboard cannot back up a {connection.vendor} database.")
        files = _media_snapshot(snapshot)
        manifest = {
            "format": FORMAT, "version": FORMAT_VERSION, "vendor": connection.vendor,
            "created_at": timezone.now().isoformat(), "migrations": _migrations(),
            "tables": counts, "files": files,
        }
        partial = work / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
            archive.add(database, arcname=database.name)
            for name in sorted(files):
                archive.add(snapshot / name, arcname=f"{MEDIA}/{name}", recursive=False)
        # It holds personal data and password hashes: its owner's eyes only.
        partial.chmod(0o600)
        os.replace(partial, output)  # the backup appears whole or not at all
    return BackupSummary(path=output, vendor=connection.vendor, rows=sum(counts.values()),
                         tables=len(counts), files=len(files),
                         bytes=sum(file["bytes"] for file in files.values()))


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
    archive.addfile(info, io.BytesIO(data))


def _sqlite_backup(target: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # The online backup copies one consistent state while others keep writing.
        connection.connection.backup(copy)
    finally:
        copy.close()


def _sqlite_tables(database: sqlite3.Connection) -> list[str]:
    return [name for (name,) in database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def _sqlite_counts(path: Path) -> dict[str, int]:
    database = sqlite3.connect(path)
    try:
        return {table: database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in _sqlite_tables(database)}
    finally:
        database.close()


def _postgres_arguments() -> tuple[list[str], dict[str, str]]:
    config = settings.DATABASES["default"]
    arguments = ["--dbname", config["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(key):
            arguments += [option, str(config[key])]
    env = {**os.environ}
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return arguments, env


def _postgres_dump(target: Path) -> dict[str, int]:
    """pg_dump the database; return the row counts of the same snapshot."""
    arguments, env = _postgres_arguments()
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = {}
            for table in sorted(tables):
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
            _run([_postgres_tool("pg_dump"), "--format", "custom", "--no-owner",
                  "--no-privileges", "--snapshot", snapshot, "--file", str(target), *arguments],
                 env=env)
        finally:
            cursor.execute("COMMIT")
    return counts


def _postgres_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise BackupError(f"{name} is needed for a PostgreSQL database: install PostgreSQL's "
                      "client tools (apt-get install postgresql-client).")


def _run(command: list[str], *, env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def _media_snapshot(snapshot: Path) -> dict[str, dict]:
    """Link every uploaded file into `snapshot`; return each one's size and SHA-256.

    Storage never rewrites a file in place, so a hard link holds it as it was however the
    site goes on; a file deleted meanwhile (an import's upload, once imported) is left out.
    """
    root = Path(settings.MEDIA_ROOT)
    files = {}
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        if not path.is_file() or path.is_symlink():
            continue
        name = path.relative_to(root).as_posix()
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            try:
                os.link(path, target)
            except OSError:  # another filesystem, or one without hard links
                shutil.copy2(path, target)
        except FileNotFoundError:
            continue
        files[name] = {"bytes": target.stat().st_size, "sha256": _sha256(target)}
    return files


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return latest


# --- restore -------------------------------------------------------------------------------


def backup_restore(*, path: Path) -> BackupSummary:
    """Bring a backup back into this installation, which must be empty.

    Everything is checked before anything is written: that the file is a Trustboard
    backup of this database vendor, that every file in it matches its checksum, and that
    the installation holds no data and no uploaded files.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no file {path}.")
    media_root = Path(settings.MEDIA_ROOT)
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=data_dir) as work:
        work = Path(work)
        manifest = _manifest(path)
        _refuse_unless_empty(media_root)
        _unpack(path, work, manifest)
        if manifest["vendor"] == "sqlite":
            _sqlite_restore(work / SQLITE_NAME)
        else:
            _postgres_restore(work / POSTGRES_NAME)
        counts = _restored_counts(manifest["tables"])
        if counts != manifest["tables"]:
            raise BackupError(f"{path.name} was restored but its rows do not add up to its "
                              "manifest's; restore it again into an empty installation.")
        unpacked = work / MEDIA
        if unpacked.is_dir():
            if media_root.exists():
                media_root.rmdir()  # empty, as checked
            media_root.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(unpacked, media_root)
    files = manifest["files"]
    return BackupSummary(path=path, vendor=manifest["vendor"], rows=sum(counts.values()),
                         tables=len(counts), files=len(files),
                         bytes=sum(file["bytes"] for file in files.values()))


def _not_a_backup(path: Path, why: str) -> BackupError:
    return BackupError(f"{path.name} is not a Trustboard backup ({why}); make one with "
                       "`trustboard backup --output FILE`.")


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise _not_a_backup(path, "it is not a tar file") from error


def _manifest(path: Path) -> dict:
    """The backup's manifest, read from its start, refused unless this installation's kind."""
    with _open(path) as archive:
        try:
            member = archive.next()
            if member is None or member.name != MANIFEST:
                raise _not_a_backup(path, f"it does not start with {MANIFEST}")
            manifest = json.loads(archive.extractfile(member).read())
        except (tarfile.TarError, OSError, EOFError, ValueError) as error:
            raise _not_a_backup(path, f"its {MANIFEST} cannot be read") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_a_backup(path, f"its {MANIFEST} is not Trustboard's")
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(f"{path.name} is a backup in format version "
                          f"{manifest.get('version')}; this Trustboard reads version "
                          f"{FORMAT_VERSION}.")
    vendor = manifest.get("vendor")
    if vendor != connection.vendor:
        raise BackupError(
            f"{path.name} is a backup of a {vendor} database, and this installation uses "
            f"{connection.vendor}: restore it into an installation using {vendor} "
            "(DATABASE_URL, docs/operating.md).")
    return manifest


def _unpack(path: Path, work: Path, manifest: dict) -> None:
    """Unpack the backup into `work`, refusing anything its manifest does not account for."""
    database = SQLITE_NAME if manifest["vendor"] == "sqlite" else POSTGRES_NAME
    expected = {database} | {f"{MEDIA}/{name}" for name in manifest["files"]}
    with _open(path) as archive:
        try:
            for member in archive:
                if member.name != MANIFEST:
                    _check_member(path, member, expected)
                    archive.extract(member, work, filter="data")
        except (tarfile.TarError, OSError, EOFError) as error:
            raise _not_a_backup(path, f"it cannot be read whole: {error}") from error
    missing = sorted(name for name in expected if not (work / name).is_file())
    if missing:
        raise BackupError(f"{path.name} is incomplete: {', '.join(missing[:5])} missing.")
    for name, file in manifest["files"].items():
        unpacked = work / MEDIA / name
        if unpacked.stat().st_size != file["bytes"] or _sha256(unpacked) != file["sha256"]:
            raise BackupError(f"{path.name} is damaged: {MEDIA}/{name} does not match its "
                              "checksum.")


def _check_member(path: Path, member: tarfile.TarInfo, expected: set[str]) -> None:
    name = PurePosixPath(member.name)
    if member.isdir() and str(name) in {MEDIA} | {
            str(parent) for entry in expected for parent in PurePosixPath(entry).parents}:
        return
    if not member.isfile() or member.name not in expected or ".." in name.parts:
        raise _not_a_backup(path, f"it holds {member.name!r}, which its manifest does not list")


def _user_rows() -> dict[str, int]:
    """Rows in every table but those a freshly migrated installation fills itself."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table not in BOOKKEEPING_TABLES:
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
    return counts


def _refuse_unless_empty(media_root: Path) -> None:
    held = {table: rows for table, rows in _user_rows().items() if rows}
    if held:
        tables = ", ".join(sorted(held)[:3])
        raise BackupError(
            f"This installation is not empty ({sum(held.values()):,} rows, in {tables} and "
            "others); restore only into a new, empty installation: set TRUSTBOARD_DATA_DIR "
            "(and DATABASE_URL) to new ones.")
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"This installation already has uploaded files in {media_root}; "
                          "restore only into a new, empty installation.")


def _sqlite_restore(database: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(database)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _postgres_restore(dump: Path) -> None:
    arguments, env = _postgres_arguments()
    connection.close()
    _run([_postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
          "--no-privileges", "--single-transaction", "--exit-on-error", *arguments, str(dump)],
         env=env)


def _restored_counts(expected: dict[str, int]) -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in expected:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts
