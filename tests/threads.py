"""Writers at once: threads with their own database connections, as gunicorn's workers are.

Use the `database_for_threads` fixture (import it into the test module) and `at_once`.
"""

import sqlite3
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections


@pytest.fixture
def database_for_threads(transactional_db, tmp_path):
    """A database every thread can write to with its own connection and committed
    transactions, as production's workers do.

    The suite's in-memory SQLite is shared between connections through SQLite's shared
    cache, whose locks are not waited for; on SQLite the test moves to a copy in a file,
    opened as settings.py opens production's (WAL, IMMEDIATE transactions, a busy timeout).
    Records made before this fixture are copied; the in-memory database is put back after.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    settings = connection.settings_dict  # the one dict every thread's connection is made from
    memory_name, memory = settings["NAME"], connection.connection
    path = tmp_path / "trustboard.sqlite3"
    copy = sqlite3.connect(path)
    memory.backup(copy)
    copy.close()
    connection.connection = None  # kept open below: closing it would drop the database
    settings["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        settings["NAME"], connection.connection = memory_name, memory


def at_once(work: Callable[[int], object], *, threads: int, each: int) -> list[BaseException]:
    """Run `work(thread_number)` `each` times on `threads` threads started together; return
    what they raised."""
    start = threading.Barrier(threads)
    failures: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            for _ in range(each):
                work(number)
        except BaseException as error:  # reported by the test
            failures.append(error)
        finally:
            connections.close_all()

    running = [threading.Thread(target=writer, args=(number,)) for number in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(timeout=120)
    return failures
