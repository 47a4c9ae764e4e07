"""Real installations in a temporary folder, for tests that run `trustboard` as a process.

Each is its own data folder with a SQLite file database (never the test run's in-memory
one), so a test can kill a process mid-way and look at what it left on disk.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

SECRET_KEY = "test-installations-key-" + "x" * 40


# These installations are SQLite files whatever the run's database; run them once per suite.
sqlite_installations = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs SQLite installations of its own, already run in the SQLite suite")


def environment(folder: Path, **extra: str) -> dict[str, str]:
    """The installation's settings: SQLite in `folder` unless `extra` gives a DATABASE_URL."""
    # The test run's own settings stay behind: its database, and the browser tests' leave to
    # call the database from Playwright's event loop, which no installation has.
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({"TRUSTBOARD_DATA_DIR": str(folder), "TRUSTBOARD_SECRET_KEY": SECRET_KEY,
                "TRUSTBOARD_LOG_LEVEL": "ERROR", **extra})
    return env


def command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "trustboard.cli", *arguments]


def trustboard(folder: Path, *arguments: str, **extra: str) -> str:
    """Run `trustboard ARGUMENTS` on the installation; return what it printed."""
    done = subprocess.run(command(*arguments), env=environment(folder, **extra),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def python(folder: Path, code: str) -> str:
    """Run Python with Django set up on the installation; return what it printed."""
    script = "import django\ndjango.setup()\n" + code
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=environment(folder, DJANGO_SETTINGS_MODULE="trustboard.settings"),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def database(folder: Path) -> Path:
    return folder / "trustboard.sqlite3"


def query(folder: Path, sql: str, *parameters) -> list[tuple]:
    connection = sqlite3.connect(database(folder), timeout=20)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def integrity(folder: Path) -> str:
    return query(folder, "PRAGMA integrity_check")[0][0]


def copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    (target / "secret_key").unlink(missing_ok=True)
    return target


def wait_for(condition: Callable[[], bool], *, seconds: float = 60, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def start(folder: Path, *arguments: str) -> subprocess.Popen:
    """Start `trustboard ARGUMENTS` in a process group of its own, as a service runs."""
    return subprocess.Popen(command(*arguments), env=environment(folder),
                            start_new_session=True)


def kill(process: subprocess.Popen) -> None:
    """kill -9 the process and whatever it started (a browser printing a PDF)."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def large_import_file(folder: Path, path: Path, *, rows: int) -> Path:
    """A Fingertips file of about `rows` rows over the installation's upper-tier areas."""
    from trustboard.performance.sample_files import fingertips_sample_write

    codes = [code for (code,) in query(folder, "SELECT code FROM performance_area "
                                               "WHERE code LIKE 'E06%' OR code LIKE 'E10%'")]
    fingertips_sample_write(path, area_codes=codes, rows=rows)
    return path


def writing(folder: Path) -> bool:
    """A long transaction is writing: it has spilled pages to SQLite's WAL."""
    wal = database(folder).with_name("trustboard.sqlite3-wal")
    return wal.exists() and wal.stat().st_size > 2_000_000
