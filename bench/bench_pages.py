"""Benchmark the pages: requests a second of the indicator and dashboard pages, against a
trivial Django view served by the same server.

Run from the repository root: `.venv/bin/python bench/bench_pages.py [--seconds N]`.

It loads the demo partnership into a fresh SQLite database, starts gunicorn as
`make serve` does (two sync workers on this 2-core machine), and for each page sends
requests from four client threads for `--seconds`, after a warm-up. The baseline is
`/health/`, a view that returns "ok" without touching the database: the most a Django
page can be served at on this server. DESIGN.md asks each page for at least half the
baseline's rate. The result is bench/results/pages.json.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _common import machine, write_result  # noqa: E402

BIN = Path(sys.executable).parent
TARGET_RATIO = 0.5
CLIENTS = 4
WARM_UP_SECONDS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trustboard-bench-pages-") as folder:
        env = {**os.environ, "TRUSTBOARD_DATA_DIR": folder, "TRUSTBOARD_SECURE_COOKIES": "0",
               "TRUSTBOARD_ALLOWED_HOSTS": "127.0.0.1"}
        subprocess.run([BIN / "trustboard", "demo", "--load-only"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        port = _free_port()
        server = subprocess.Popen(
            [BIN / "gunicorn", "trustboard.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2"], env=env, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(f"{base}/health/")
            pages = {"trivial view (/health/)": "/health/", "indicator list": "/indicators/"}
            detail = re.search(r'href="(/indicators/\d+/)"', _get(f"{base}/indicators/"))
            if detail:
                pages["indicator page"] = detail.group(1)
            dashboard = "/plan/cypf-2011-14/dashboard/"
            if _status(f"{base}{dashboard}") == 200:
                pages["plan dashboard"] = dashboard
            rates = {name: _rate(f"{base}{path}", options.seconds)
                     for name, path in pages.items()}
        finally:
            server.terminate()
            server.wait(timeout=10)
    baseline = rates.pop("trivial view (/health/)")
    ratios = {name: round(rate / baseline, 3) for name, rate in rates.items()}
    slowest = min(ratios, key=ratios.get)
    for name, rate in rates.items():
        print(f"{name}: {rate:,.0f} requests/s ({ratios[name]:.2f} of the trivial view)")
    print(f"trivial view: {baseline:,.0f} requests/s")
    path = write_result({
        "name": "pages",
        "metric": f"requests a second of the slowest page ({slowest}) as a share of a trivial "
                  f"view's, gunicorn with 2 sync workers, {CLIENTS} client threads, demo data",
        "value": ratios[slowest],
        "unit": "ratio",
        "baseline": "/health/: a Django view returning 'ok' without the database",
        "baseline_value": round(baseline, 1),
        "ratio": ratios[slowest],
        "target": f">= {TARGET_RATIO} of the trivial view's requests a second",
        "met": ratios[slowest] >= TARGET_RATIO,
        "machine": machine(),
        "pages": {name: {"requests_per_second": round(rate, 1), "ratio": ratios[name]}
                  for name, rate in rates.items()},
    })
    print(f"wrote {path}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within 30 s")


def _rate(url: str, seconds: float) -> float:
    """Requests a second answered from CLIENTS threads over `seconds`, after warming every
    worker up the same way (each loads the statistics modules on its first page)."""
    _load(url, WARM_UP_SECONDS)
    return _load(url, seconds)


def _load(url: str, seconds: float) -> float:
    done = [0] * CLIENTS
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        while time.monotonic() < stop:
            _get(url)
            done[index] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(index,)) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


if __name__ == "__main__":
    main()
