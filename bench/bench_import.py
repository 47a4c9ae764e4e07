"""Benchmark the import: Fingertips-format rows a second into SQLite, and PostgreSQL.

Run from the repository root: `.venv/bin/python bench/bench_import.py [--rows N]`.

It writes a Fingertips export of about a million rows (27 columns, every current
upper-tier authority x 3 sexes x 24 financial years per indicator; about 300 MB) and
imports it into a fresh database file, through `imports.data_import`, the service the
command and the upload page call: parse, check every row, create the indicators, upsert,
one transaction. In the same run it times the baseline on the same file: a plain
`csv.DictReader` loop building DataPoint objects for Django's `bulk_create` (the same
lookups of areas, periods and breakdowns, no checks), which is what an import written
the obvious way does. It checks both wrote the same rows, then repeats the Trustboard
import on a PostgreSQL server of its own (scripts/with_postgres.py) and records that
figure too (target 150,000 rows a second: docs/indicators-import.md, "PostgreSQL: keys
checked once"). Each database measurement runs in a child process, as Django is configured
once per process. The result is bench/results/import.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

from _common import machine, write_result  # noqa: E402

TARGET_ROWS_PER_SECOND = 200_000
POSTGRESQL_TARGET_ROWS_PER_SECOND = 150_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000,
                        help="rows in the generated file (default 1,000,000)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="imports timed on each database; the best counts (default 3)")
    parser.add_argument("--baseline-rows", type=int, default=None,
                        help="time the baseline on only this many rows of the file "
                             "(default: all of them)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--worker", choices=["trustboard", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        print(json.dumps(_worker(options)))
        return

    with tempfile.TemporaryDirectory(prefix="trustboard-bench-") as folder:
        folder = Path(folder)
        source = folder / "fingertips.csv"
        rows = _write_file(source, options.rows)
        print(f"file: {rows:,} rows, {source.stat().st_size / 1e6:,.0f} MB")
        sqlite = _child("trustboard", source, options.repeats, database=folder)
        print(f"Trustboard, SQLite: {sqlite['seconds']:.2f} s, "
              f"{sqlite['rows_per_second']:,.0f} rows/s")
        baseline_source = source
        if options.baseline_rows and options.baseline_rows < rows:
            baseline_source = folder / "fingertips-head.csv"
            with source.open("rb") as whole, baseline_source.open("wb") as head:
                for number, line in enumerate(whole):
                    if number > options.baseline_rows:
                        break
                    head.write(line)
        baseline = _child("baseline", baseline_source, 1, database=folder)
        print(f"baseline (csv.DictReader + bulk_create), SQLite: {baseline['seconds']:.2f} s, "
              f"{baseline['rows_per_second']:,.0f} rows/s")
        if baseline_source == source and baseline["fingerprint"] != sqlite["fingerprint"]:
            raise SystemExit("the baseline and Trustboard wrote different rows: "
                             f"{baseline['fingerprint']} != {sqlite['fingerprint']}")
        postgres = None
        if not options.no_postgres:
            from with_postgres import postgres_server

            with postgres_server() as url:
                postgres = _child("trustboard", source, options.repeats, database_url=url)
            print(f"Trustboard, PostgreSQL: {postgres['seconds']:.2f} s, "
                  f"{postgres['rows_per_second']:,.0f} rows/s")

    value = sqlite["rows_per_second"]
    ratio = value / baseline["rows_per_second"]
    result = {
        "name": "import",
        "metric": (f"Fingertips-format rows a second into SQLite (WAL, a file): {rows:,} rows "
                   f"of 27 columns, checked, upserted and committed in one transaction"),
        "value": round(value),
        "unit": "rows/s",
        "baseline": "csv.DictReader + Django bulk_create of the same rows, SQLite",
        "baseline_value": round(baseline["rows_per_second"]),
        "ratio": round(ratio, 2),
        "target": f">= {TARGET_ROWS_PER_SECOND:,} rows/s into SQLite",
        "met": bool(value >= TARGET_ROWS_PER_SECOND),
        "machine": machine(),
        "rows": rows,
        "sqlite_seconds": round(sqlite["seconds"], 3),
        "baseline_seconds": round(baseline["seconds"], 3),
        "baseline_rows": baseline["rows"],
        "postgresql_value": round(postgres["rows_per_second"]) if postgres else None,
        "postgresql_seconds": round(postgres["seconds"], 3) if postgres else None,
        "postgresql_target": f">= {POSTGRESQL_TARGET_ROWS_PER_SECOND:,} rows/s into PostgreSQL",
        "postgresql_met": (bool(postgres["rows_per_second"] >= POSTGRESQL_TARGET_ROWS_PER_SECOND)
                           if postgres else None),
    }
    path = write_result(result)
    print(f"{ratio:.1f}x the baseline; target {'met' if result['met'] else 'NOT met'}; "
          f"wrote {path}")


def _write_file(path: Path, rows: int) -> int:
    import csv
    import io
    from importlib import resources

    from trustboard.performance.sample_files import fingertips_sample_write

    lookup = (resources.files("trustboard.performance") / "data"
              / "dfe_la_codes_lookup_derived_from_b1.csv").read_text(encoding="utf-8-sig")
    codes = [row["new_la_code"] for row in csv.DictReader(io.StringIO(lookup))
             if row["in_2025"] == "True"]
    return fingertips_sample_write(path, area_codes=codes, rows=rows)


def _child(worker: str, source: Path, repeats: int, *, database: Path | None = None,
           database_url: str | None = None) -> dict:
    timings = []
    for repeat in range(repeats):
        url = database_url or f"sqlite:///{database / f'{worker}-{repeat}.sqlite3'}"
        environment = {**os.environ, "DATABASE_URL": url,
                       "DJANGO_SETTINGS_MODULE": "trustboard.settings"}
        done = subprocess.run(
            [sys.executable, __file__, "--worker", worker, "--file", str(source)],
            env=environment, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"the {worker} run failed:\n{done.stderr}")
        timings.append(json.loads(done.stdout.strip().splitlines()[-1]))
        if database:
            for leftover in database.glob(f"{worker}-{repeat}.sqlite3*"):
                leftover.unlink()
    return min(timings, key=lambda timing: timing["seconds"])


def _worker(options) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Sum

    from trustboard.core.models import User
    from trustboard.performance.models import DataPoint
    from trustboard.performance.services import area_load_national

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    area_load_national()
    analyst = User.objects.create(username="bench", role="analyst")
    path = Path(options.file)
    started = time.perf_counter()
    if options.worker == "trustboard":
        from trustboard.performance.imports import data_import

        record = data_import(path=path, by=analyst, create_indicators=True)
        rows = record.rows
    else:
        rows = _baseline_import(path, analyst)
    seconds = time.perf_counter() - started
    totals = DataPoint.objects.aggregate(rows=Count("id"), values=Sum("value"),
                                         counts=Sum("count"), upper=Sum("upper998"))
    fingerprint = [totals["rows"], *(round(totals[name] or 0, 3)
                                     for name in ("values", "counts", "upper"))]
    return {"seconds": seconds, "rows": rows, "rows_per_second": rows / seconds,
            "fingerprint": fingerprint}


def _baseline_import(path: Path, by) -> int:
    """What an import written the obvious way does: DictReader, dictionaries of ids,
    DataPoint objects and bulk_create, in one transaction, with no checks."""
    import csv
    from datetime import date

    from django.db import transaction

    from trustboard.performance.models import (
        FINGERTIPS,
        Area,
        Breakdown,
        DataImport,
        DataPoint,
        Indicator,
        Period,
    )

    def number(text: str) -> float | None:
        return float(text) if text else None

    rows = 0
    with transaction.atomic(), path.open(newline="", encoding="utf-8-sig") as file:
        provenance = DataImport.objects.create(file_name=path.name, sha256="", format="fingertips",
                                               by=by, at=django_now())
        areas = dict(Area.objects.values_list("code", "pk"))
        indicators: dict[str, int] = {}
        periods: dict[str, int] = {}
        breakdowns: dict[tuple, int] = {}
        batch: list[DataPoint] = []
        for row in csv.DictReader(file):
            rows += 1
            source_id = row["Indicator ID"]
            if source_id not in indicators:
                indicators[source_id] = Indicator.objects.create(
                    name=row["Indicator Name"], source=FINGERTIPS, source_id=source_id).pk
            label = row["Time period"]
            if label not in periods:
                first = int(label[:4])
                periods[label] = Period.objects.create(
                    label=label, start=date(first, 4, 1), end=date(first + 1, 3, 31)).pk
            key = (row["Sex"], row["Age"], row["Category Type"], row["Category"])
            if key not in breakdowns:
                breakdowns[key] = Breakdown.objects.create(
                    sex=key[0], age=key[1], category_type=key[2], category=key[3]).pk
            batch.append(DataPoint(
                indicator_id=indicators[source_id], area_id=areas[row["Area Code"]],
                period_id=periods[label], breakdown_id=breakdowns[key],
                value=number(row["Value"]), lower95=number(row["Lower CI 95.0 limit"]),
                upper95=number(row["Upper CI 95.0 limit"]),
                lower998=number(row["Lower CI 99.8 limit"]),
                upper998=number(row["Upper CI 99.8 limit"]), count=number(row["Count"]),
                denominator=number(row["Denominator"]), value_note=row["Value note"],
                limits_source="published", provenance=provenance))
            if len(batch) >= 10_000:
                DataPoint.objects.bulk_create(batch)
                batch = []
        DataPoint.objects.bulk_create(batch)
    return rows


def django_now():
    from django.utils import timezone

    return timezone.now()


if __name__ == "__main__":
    main()
