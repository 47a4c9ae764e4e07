"""Leases: running work says it is alive, so another process can tell when it has died.

A lease is a small file under TRUSTBOARD_DATA_DIR/running/ that the work holds an exclusive
lock on (flock) and touches every HEARTBEAT_SECONDS. The operating system lets go of the
lock however the process ends, kill -9 included, so a lease whose lock anyone can take has
lost its holder. Where locks do not reach across machines (some shared folders), a file not
touched for TRUSTBOARD_JOB_TIMEOUT seconds says the same.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

HEARTBEAT_SECONDS = 10


def _lease_path(name: str) -> Path:
    return Path(settings.DATA_DIR) / "running" / f"{name}.lease"


def _beat(path: Path, stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_SECONDS):
        try:
            os.utime(path)
        except FileNotFoundError:
            return


@contextmanager
def lease_held(name: str) -> Iterator[None]:
    """Hold the lease `name` while the block runs; it is gone when the block ends."""
    path = _lease_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as file:
        # Blocking: a process checking the lease holds its lock for an instant only.
        fcntl.flock(file, fcntl.LOCK_EX)
        file.truncate(0)
        file.write(f"process {os.getpid()} on {socket.gethostname()} since "
                   f"{time.strftime('%Y-%m-%d %H:%M:%S %z')}\n")
        file.flush()
        stop = threading.Event()
        beat = threading.Thread(target=_beat, args=(path, stop), daemon=True,
                                name=f"lease {name}")
        beat.start()
        try:
            yield
        finally:
            stop.set()
            beat.join()
            path.unlink(missing_ok=True)


def lease_is_alive(name: str) -> bool:
    """Whether a living process holds the lease `name` and has touched it lately."""
    try:
        file = open(_lease_path(name), "rb")  # noqa: SIM115 (closed below, which unlocks)
    except FileNotFoundError:
        return False
    with file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            age = time.time() - os.fstat(file.fileno()).st_mtime
            return age <= settings.TRUSTBOARD_JOB_TIMEOUT
        return False
