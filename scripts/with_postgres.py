"""Run a command against a throwaway PostgreSQL 15 server of its own.

The machines run everything as root, which PostgreSQL refuses, so the server runs as
the `postgres` system user in a temporary folder that user owns, on a free loopback
port. DATABASE_URL points the command at it; the server and folder go when it ends.

    python scripts/with_postgres.py -- pytest -q
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

SERVER_USER = "postgres"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(*command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", SERVER_USER, "--", *command]
    return list(command)


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise SystemExit(f"{name} not found: install PostgreSQL 15 (apt-get install postgresql).")


@contextlib.contextmanager
def postgres_server():
    folder = Path(tempfile.mkdtemp(prefix="trustboard-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, user=SERVER_USER)
    data, port = folder / "data", _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run(_as_server_user(_pg_bin("initdb"), "-D", str(data), "-U", "trustboard",
                                   "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"), **quiet)
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off " \
              "-c full_page_writes=off"
    subprocess.run(_as_server_user(_pg_bin("pg_ctl"), "-D", str(data), "-o", options,
                                   "-l", str(folder / "server.log"), "-w", "start"), **quiet)
    try:
        yield f"postgres://trustboard@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user(_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast",
                                       "-w", "stop"), stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1:] if "--" in argv else argv
    if not command:
        raise SystemExit(__doc__)
    with postgres_server() as url:
        print(f"PostgreSQL for this run: {url}", flush=True)
        return subprocess.run(command, env={**os.environ, "DATABASE_URL": url}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
