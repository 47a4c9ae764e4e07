"""Benchmark the performance report: 7 priorities and 100 indicators, each format.

Run from the repository root: `.venv/bin/python bench/bench_reports.py`.

It makes a fresh SQLite database in a temporary folder, loads the national areas and
Nottinghamshire's ten statistical neighbours, and builds a synthetic plan: seven
priorities of five key actions each (with progress updates), and 100 indicators (ten of
them linked to two priorities) with four years of values for Nottinghamshire, England and
the neighbours. Then it times, best of three, writing the report in each format the way
`trustboard report performance` does: read the plan's figures (plans.selectors
.plan_performance), build the document (narrative, tables, a trend chart per indicator)
and render it as HTML, DOCX (charts as PNG) or PDF (WeasyPrint). Target: under 3 s each.

Baseline: the naive way of producing all three files, each format written from scratch
(figures read, charts drawn, document built three times), against what the background
task does: read and build once, then render the three formats from the one document.
The result is bench/results/reports.json.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from _common import best_of, machine, write_result  # noqa: E402

TARGET_SECONDS = 3.0
PRIORITIES, ACTIONS, INDICATORS, SHARED = 7, 5, 100, 10
AS_AT = datetime.date(2012, 9, 30)
YEARS = (2008, 2009, 2010, 2011)
NOTTINGHAMSHIRE = "E10000024"
NFER = ("old_la_code,la_name,region_ind,region_name,"
        + ",".join(f"SN_{n},SN_{n}P" for n in range(1, 11)) + "\n"
        + "891,Nottinghamshire,4,East Midlands,"
        + ",".join(f"{code},Close " for code in
                   (830, 855, 925, 916, 940, 936, 885, 881, 886, 938)) + "\n")


def _setup_django(folder: str) -> None:
    os.environ["TRUSTBOARD_DATA_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustboard.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _synthetic_plan():
    """The plan, its actions and 100 indicators with four years of data."""
    import random

    from trustboard.performance.models import (
        ENGLAND_CODE,
        Area,
        Breakdown,
        DataPoint,
        Indicator,
        Period,
        StatisticalNeighbour,
    )
    from trustboard.performance.services import area_load_national, neighbours_import
    from trustboard.plans.models import ActionUpdate, KeyAction, Plan, Priority

    area_load_national()
    neighbours_import(text=NFER, model_year=2025)
    random.seed(2013)
    plan = Plan.objects.create(title="Children, Young People and Families Plan 2011-14",
                               slug="cypf-2011-14", starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))
    priorities = [Priority.objects.create(plan=plan, number=n, title=f"Priority {n}")
                  for n in range(1, PRIORITIES + 1)]
    statuses = ["on schedule", "completed", "on schedule", "at risk", "on schedule"]
    for priority in priorities:
        for index in range(ACTIONS):
            action = KeyAction.objects.create(priority=priority,
                                              reference=f"{priority.number}.{index + 1}",
                                              title=f"Key action {index + 1}")
            ActionUpdate.objects.create(action=action, as_at=datetime.date(2012, 9, 1),
                                        status=statuses[index], commentary="Progress noted.")
    periods = [Period.objects.get_or_create(label=f"{year}/{(year + 1) % 100:02d}",
                                            start=datetime.date(year, 4, 1),
                                            end=datetime.date(year + 1, 3, 31))[0]
               for year in YEARS]
    breakdown = Breakdown.objects.get_or_create(sex="Persons", age="All ages")[0]
    codes = [NOTTINGHAMSHIRE, ENGLAND_CODE, *StatisticalNeighbour.objects.filter(
        area__code=NOTTINGHAMSHIRE).values_list("neighbour__code", flat=True)]
    areas = {area.code: area for area in Area.objects.filter(code__in=codes)}
    points = []
    for number in range(1, INDICATORS + 1):
        indicator = Indicator.objects.create(
            name=f"Synthetic indicator {number}", unit="%", multiplier=100,
            value_type="proportion",
            polarity=("higher_is_better", "lower_is_better", "no_judgement")[number % 3])
        priorities[number % PRIORITIES].indicators.add(indicator)
        if number <= SHARED:
            priorities[(number + 1) % PRIORITIES].indicators.add(indicator)
        base = random.uniform(20, 80)
        for code, area in areas.items():
            for offset, period in enumerate(periods):
                value = base + random.uniform(-6, 6) + offset
                spread = 0.3 if code == ENGLAND_CODE else 2.0
                points.append(DataPoint(indicator=indicator, area=area, period=period,
                                        breakdown=breakdown, value=value,
                                        lower95=value - spread, upper95=value + spread))
    DataPoint.objects.bulk_create(points, batch_size=2000)
    return plan, len(points)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="trustboard-bench-reports-") as folder:
        _setup_django(folder)
        from trustboard.reports.document import document_build
        from trustboard.reports.render import render
        from trustboard.reports.services import partnership_name, report_prepare

        plan, points = _synthetic_plan()
        print(f"plan: {PRIORITIES} priorities, {PRIORITIES * ACTIONS} key actions, "
              f"{INDICATORS} indicators, {points:,} data points")

        def build():
            report, performance = report_prepare(kind="performance", plan=plan, as_at=AS_AT,
                                                 committee="Children and Young People's "
                                                           "Committee")
            return document_build(report, performance, partnership=partnership_name())

        seconds = {}
        sizes = {}
        for format in ("html", "docx", "pdf"):
            seconds[format], content = best_of(lambda format=format: render(build(), format))
            sizes[format] = len(content)
            print(f"{format}: {seconds[format]:.2f} s ({sizes[format]:,} bytes)")

        def shared():
            document = build()
            return [render(document, format) for format in ("html", "docx", "pdf")]

        shared_seconds, _ = best_of(shared)
        naive_seconds = sum(seconds.values())
        print(f"all three from one document: {shared_seconds:.2f} s; "
              f"each from scratch: {naive_seconds:.2f} s")
        slowest = max(seconds.values())
        write_result({
            "name": "reports",
            "metric": f"seconds to write the performance report in its slowest format "
                      f"(read, build, render) for {PRIORITIES} priorities, "
                      f"{PRIORITIES * ACTIONS} key actions and {INDICATORS} indicators "
                      "with a trend chart each, SQLite",
            "value": round(slowest, 3),
            "unit": "s",
            "baseline": "all three formats written each from scratch (figures read, charts "
                        "drawn, document built per format), against one document rendered "
                        "three ways as the background task does",
            "baseline_value": round(naive_seconds, 3),
            "ratio": round(naive_seconds / shared_seconds, 2),
            "target": f"< {TARGET_SECONDS:g} s for each of HTML, DOCX and PDF",
            "met": all(value < TARGET_SECONDS for value in seconds.values()),
            "machine": machine(),
            "html_seconds": round(seconds["html"], 3),
            "docx_seconds": round(seconds["docx"], 3),
            "pdf_seconds": round(seconds["pdf"], 3),
            "all_three_shared_seconds": round(shared_seconds, 3),
            "bytes": sizes,
            "data_points": points,
        })


if __name__ == "__main__":
    main()
