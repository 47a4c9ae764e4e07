"""Benchmark the site under load: 50 simulated people for 60 seconds, on SQLite and PostgreSQL.

Run from the repository root: `.venv/bin/python bench/bench_load.py [--users N] [--seconds N]`.

For each database it loads the demo partnership into a fresh database (SQLite in WAL mode
in a temporary folder; PostgreSQL on a server of its own, scripts/with_postgres.py), starts
gunicorn as `make serve` does with 3 sync workers, and runs `--users` simulated people on
threads for `--seconds`, each pausing a moment (up to `--think` seconds) between requests:

- the public (12 in 20) read public pages: home, indicators, an indicator, the plan's dashboard,
  the meetings list and a meeting;
- members (5 in 20) sign in through the real form (with its CSRF token) and read pages or record
  progress on a key action they lead (the form, then the POST);
- officers (3 in 20) sign in and read pages, add agenda items to meetings or add key messages.

Every write carries a token of its own. Afterwards the run counts requests a second, the
95th percentile time, the server errors (5xx) and the writes whose success page came back
but whose token is not in the database (lost), and looks for "database is locked" in
gunicorn's log. Each database runs in a child process, as Django is configured once per
process. The result is bench/results/load.json; the machine's other work makes the
figures noisy.
"""

from __future__ import annotations

import argparse
import datetime
import html
import http.cookiejar
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from _common import machine, write_result  # noqa: E402

BIN = Path(sys.executable).parent
WORKERS = 3
PLAN = "cypf-2011-14"
MEMBER = ("member", "demo-member-password")
OFFICER = ("officer", "demo-officer-password")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0,
                        help="the longest pause between one person's requests (default 1 s)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        print(json.dumps(_worker(options)))
        return

    runs = {"sqlite": _child(options, database_url=None)}
    _report("SQLite", runs["sqlite"])
    if not options.no_postgres:
        from with_postgres import postgres_server

        with postgres_server() as url:
            runs["postgresql"] = _child(options, database_url=url)
        _report("PostgreSQL", runs["postgresql"])

    failures = sum(run["server_errors"] + run["lost_writes"] + run["database_locked"]
                   for run in runs.values())
    sqlite = runs["sqlite"]
    result = {
        "name": "load",
        "metric": (f"requests a second, SQLite, {options.users} simulated people (public, "
                   f"members, officers) for {options.seconds:.0f} s against gunicorn with "
                   f"{WORKERS} sync workers, demo data; every database's run below"),
        "value": sqlite["requests_per_second"],
        "unit": "requests/s",
        "baseline": "none: the targets are no 5xx, no lost write, no 'database is locked'",
        "baseline_value": None,
        "ratio": None,
        "target": "0 server errors, 0 lost writes, 0 'database is locked' on each database",
        "met": failures == 0,
        "machine": machine(),
        "users": options.users,
        "seconds": options.seconds,
        "think_seconds_at_most": options.think,
        "runs": runs,
    }
    path = write_result(result)
    print(f"targets {'met' if result['met'] else 'NOT met'}; wrote {path}")


def _report(name: str, run: dict) -> None:
    print(f"{name}: {run['requests']:,} requests, {run['requests_per_second']:.1f}/s, "
          f"p95 {run['p95_ms']:.0f} ms, 5xx {run['server_errors']}, "
          f"writes {run['writes_confirmed']:,} confirmed, {run['writes_refused']} refused, "
          f"lost {run['lost_writes']}, 'database is locked' {run['database_locked']}")


def _child(options, *, database_url: str | None) -> dict:
    environment = dict(os.environ)
    if database_url:
        environment["DATABASE_URL"] = database_url
    else:
        environment.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, __file__, "--worker", "--users", str(options.users),
         "--seconds", str(options.seconds), "--think", str(options.think)],
        env=environment, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the load run failed:\n{done.stderr[-5000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- one database: the child process -------------------------------------------------------


def _worker(options) -> dict:
    with tempfile.TemporaryDirectory(prefix="trustboard-bench-load-") as folder:
        os.environ.update({"TRUSTBOARD_DATA_DIR": folder, "TRUSTBOARD_SECURE_COOKIES": "0",
                           "TRUSTBOARD_ALLOWED_HOSTS": "127.0.0.1",
                           "DJANGO_SETTINGS_MODULE": "trustboard.settings"})
        if "DATABASE_URL" in os.environ:
            _empty_postgres()
        subprocess.run([BIN / "trustboard", "demo", "--load-only"], check=True,
                       stdout=subprocess.DEVNULL)
        targets = _targets()
        port = _free_port()
        log = Path(folder) / "gunicorn.log"
        with log.open("w") as log_file:
            server = subprocess.Popen(
                [BIN / "gunicorn", "trustboard.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(WORKERS), "--timeout", "120"],
                stdout=log_file, stderr=subprocess.STDOUT)
            try:
                base = f"http://127.0.0.1:{port}"
                _wait_until_up(f"{base}/health/")
                tally = _run(base, targets, users=options.users, seconds=options.seconds,
                             think=options.think)
            finally:
                server.terminate()
                server.wait(timeout=30)
        lost = _lost_writes(tally)
        locked = log.read_text(errors="replace").count("database is locked")
    times = sorted(tally.times)
    return {
        "database": targets["vendor"],
        "requests": len(times),
        "requests_per_second": round(len(times) / tally.elapsed, 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1) if times else None,
        "median_ms": round(times[len(times) // 2] * 1000, 1) if times else None,
        "server_errors": tally.server_errors,
        "other_failures": tally.other_failures,
        "writes_confirmed": sum(len(tokens) for tokens in tally.written.values()),
        "writes_by_kind": {kind: len(tokens) for kind, tokens in tally.written.items()},
        "writes_refused": tally.refused,
        "lost_writes": lost,
        "database_locked": locked,
        "sign_ins": tally.sign_ins,
    }


def _empty_postgres() -> None:
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    connection.close()


def _targets() -> dict:
    """What the simulated people read and write, found in the demo."""
    import django

    django.setup()
    from django.db import connection

    from trustboard.meetings.models import Meeting, MeetingStatus, MinutesStatus
    from trustboard.performance.models import Indicator
    from trustboard.plans.models import KeyAction

    meetings = list(Meeting.objects.exclude(status=MeetingStatus.CANCELLED)
                    .exclude(minutes__status=MinutesStatus.APPROVED)
                    .order_by("-starts_at").values_list("pk", flat=True)[:5])
    actions = list(KeyAction.objects.filter(lead_officer__user__username=MEMBER[0],
                                            priority__plan__slug=PLAN)
                   .values_list("pk", flat=True))
    indicators = list(Indicator.objects.values_list("pk", flat=True)[:20])
    if not (meetings and actions and indicators):
        raise SystemExit("the demo has no open meeting, member's action or indicator")
    public = ["/", "/indicators/", f"/plan/{PLAN}/dashboard/", "/meetings/",
              *(f"/indicators/{pk}/" for pk in indicators),
              *(f"/meetings/{pk}/" for pk in meetings)]
    vendor = connection.vendor
    connection.close()
    return {"vendor": vendor, "meetings": meetings, "actions": actions, "public": public}


@dataclass
class _Tally:
    times: list[float] = field(default_factory=list)
    server_errors: int = 0
    other_failures: int = 0
    refused: int = 0
    sign_ins: int = 0
    # What each kind of write said it saved: kind -> tokens.
    written: dict[str, list[str]] = field(default_factory=lambda: {
        "agenda item": [], "key message": [], "progress": []})
    elapsed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Person:
    """One simulated person: their own cookies, so their own session and CSRF token."""

    def __init__(self, base: str, tally: _Tally):
        self.base, self.tally = base, tally
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects())

    def request(self, path: str, form: dict | None = None) -> tuple[int, str]:
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(
                    urllib.request.Request(f"{self.base}{path}", data=data,
                                           headers={"Referer": f"{self.base}{path}"}),
                    timeout=120) as response:
                status, body = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode("utf-8", "replace")
        except OSError:
            status, body = 0, ""
        with self.tally.lock:
            self.tally.times.append(time.perf_counter() - started)
            if status >= 500:
                self.tally.server_errors += 1
            elif status == 0:
                self.tally.other_failures += 1
        return status, body

    def submit(self, path: str, form: dict) -> int:
        """GET the form page for its CSRF token, then POST `form`; return the POST's status."""
        status, page = self.request(path)
        token = CSRF.search(page) if status == 200 else None
        if token is None:
            return status
        return self.request(path, {**form, "csrfmiddlewaretoken": html.unescape(token[1])})[0]

    def sign_in(self, username: str, password: str) -> bool:
        if self.submit("/sign-in/", {"username": username, "password": password}) == 302:
            with self.tally.lock:
                self.tally.sign_ins += 1
            return True
        return False

    def wrote(self, kind: str, token: str, status: int) -> None:
        with self.tally.lock:
            if status == 302:
                self.tally.written[kind].append(token)
            elif status < 500:
                self.tally.refused += 1


def _run(base: str, targets: dict, *, users: int, seconds: float, think: float) -> _Tally:
    tally = _Tally()
    start = threading.Barrier(users + 1)
    ends_at: list[float] = []

    def person(number: int) -> None:
        chooser = random.Random(number)
        role = ("public" if number % 20 < 12 else "member" if number % 20 < 17 else "officer")
        visitor = _Person(base, tally)
        start.wait()
        if role != "public" and not visitor.sign_in(*(MEMBER if role == "member" else OFFICER)):
            return
        writes = 0
        while time.monotonic() < ends_at[0]:
            time.sleep(chooser.uniform(0, think))
            if role == "public" or chooser.random() < 0.6:
                visitor.request(chooser.choice(targets["public"]))
                continue
            writes += 1
            token = f"load-{number}-{writes}"
            if role == "member":
                path = f"/plan/{PLAN}/actions/{chooser.choice(targets['actions'])}/update/"
                status = visitor.submit(path, {
                    "as_at": datetime.date.today().isoformat(), "status": "on schedule",
                    "commentary": token})
                visitor.wrote("progress", token, status)
            elif writes % 2:
                meeting = chooser.choice(targets["meetings"])
                status = visitor.submit(f"/meetings/{meeting}/items/new/",
                                        {"title": token, "purpose": "discussion"})
                visitor.wrote("agenda item", token, status)
            else:
                meeting = chooser.choice(targets["meetings"])
                status = visitor.submit(f"/meetings/{meeting}/messages/new/", {"text": token})
                visitor.wrote("key message", token, status)

    threads = [threading.Thread(target=person, args=(number,), daemon=True)
               for number in range(users)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    ends_at.append(began + seconds)
    start.wait()
    for thread in threads:
        thread.join(timeout=seconds + 180)
    tally.elapsed = time.monotonic() - began
    return tally


def _lost_writes(tally: _Tally) -> int:
    """Count the writes whose success page came back but which the database does not hold."""
    from trustboard.meetings.models import AgendaItem, KeyMessage
    from trustboard.plans.models import ActionUpdate

    held = {
        "agenda item": set(AgendaItem.objects.filter(title__startswith="load-")
                           .values_list("title", flat=True)),
        "key message": set(KeyMessage.objects.filter(text__startswith="load-")
                           .values_list("text", flat=True)),
        # A day's progress is corrected in place; its history keeps every wording.
        "progress": set(ActionUpdate.history.filter(commentary__startswith="load-")
                        .values_list("commentary", flat=True)),
    }
    return sum(len(set(tokens) - held[kind]) for kind, tokens in tally.written.items())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not start: {url}")


if __name__ == "__main__":
    main()
