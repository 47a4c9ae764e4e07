"""Benchmark the golden thread of a large plan: every priority's links and the gaps.

Run from the repository root: `.venv/bin/python bench/bench_thread.py`.

It makes a fresh SQLite database in a temporary folder and builds the synthetic plan
(trustboard.thread.synthetic): 10 priorities, 100 key actions (most with a progress
update), 200 indicators with up to three years of values for the county and England, 50
meetings of 500 agenda items (one in ten exempt) and 100 decisions, and, where their apps
are installed, 100 services, 200 engagements with a finding each and 100 risks. Then it
times, best of three, `thread.selectors.plan_thread` as the `trustboard thread` command
reads it (every provider found among the installed apps), counting its queries. Target:
under 0.5 s.

Baseline, measured in the same run: the naive thread, read priority by priority and record
by record as a first version would (each priority's actions, then each action's latest
update; each priority's indicators and their readings; each priority's agenda items, then
each item's decisions), with the same gap rules; it reads only the kinds on main before the
other apps, so it flatters the naive way. The result is bench/results/thread.json.
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

TARGET_SECONDS = 0.5
AS_AT = datetime.date(2012, 9, 30)


def _setup_django(folder: str) -> None:
    os.environ["TRUSTBOARD_DATA_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustboard.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _naive_thread(plan) -> tuple[dict[int, dict[str, int]], int]:
    """(links counted by priority and kind, gaps) read one priority, action and item at a
    time."""
    from trustboard.meetings.models import AgendaItem, MeetingStatus
    from trustboard.performance.selectors import indicator_readings, partnership_area
    from trustboard.plans.models import OVERDUE, action_shown_status
    from trustboard.thread.providers import months_before

    since, stale = months_before(AS_AT, 12), months_before(AS_AT, 3)
    area = partnership_area()
    counts: dict[int, dict[str, int]] = {}
    gaps = 0
    for priority in plan.priorities.order_by("number"):
        row = counts.setdefault(priority.pk, {})
        actions = list(priority.actions.all())
        row["key-actions"] = len(actions)
        for action in actions:
            latest = action.updates.filter(as_at__lte=AS_AT).order_by("-as_at").first()
            status = latest.status if latest else "not started"
            gaps += action_shown_status(due_on=action.due_on, status=status,
                                        as_at=AS_AT) == OVERDUE
            gaps += status != "completed" and (latest is None or latest.as_at < stale)
        indicators = list(priority.indicators.select_related("owner"))
        row["indicators"] = len(indicators)
        readings = indicator_readings(indicators, area=area, as_at=AS_AT) if indicators else {}
        gaps += not indicators
        gaps += bool(indicators) and all(r.is_out_of_date for r in readings.values())
        gaps += sum(indicator.owner_id is None for indicator in indicators)
        items = list(AgendaItem.objects.filter(
            priorities=priority, meeting__starts_at__date__gte=since,
            meeting__starts_at__date__lte=AS_AT).exclude(
            meeting__status=MeetingStatus.CANCELLED).select_related("meeting__body"))
        items += [item for action in actions for item in action.agenda_items.filter(
            meeting__starts_at__date__gte=since, meeting__starts_at__date__lte=AS_AT).exclude(
            meeting__status=MeetingStatus.CANCELLED).select_related("meeting__body")]
        row["agenda-items"] = len({item.pk for item in items})
        row["decisions"] = sum(len(item.decisions.all()) for item in
                               {item.pk: item for item in items}.values())
        gaps += not items
    return counts, gaps


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="trustboard-bench-thread-") as folder:
        _setup_django(folder)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from trustboard.thread.selectors import plan_thread
        from trustboard.thread.synthetic import SyntheticSize, thread_synthetic_plan

        size = SyntheticSize()
        plan = thread_synthetic_plan(size=size, as_at=AS_AT)

        def thread():
            return plan_thread(plan=plan, as_at=AS_AT)

        def naive():
            return _naive_thread(plan)

        with CaptureQueriesContext(connection) as queries:
            result = thread()
        thread_queries = len(queries)
        with CaptureQueriesContext(connection) as queries:
            naive_counts, _ = naive()
        naive_queries = len(queries)
        for row in result.priorities:
            for kind in ("key-actions", "indicators", "agenda-items", "decisions"):
                assert row.cell(kind).count == naive_counts[row.priority.pk][kind], (
                    f"the thread and the naive reading disagree on {kind} of priority "
                    f"{row.priority.number}")
        seconds, result = best_of(thread)
        baseline_seconds, _ = best_of(naive)
    links = sum(cell.count for row in result.priorities for cell in row.cells)
    print(f"thread: {seconds:.3f} s, {thread_queries} queries, {links} links, "
          f"{len(result.gaps)} gaps")
    print(f"naive, priority by priority: {baseline_seconds:.3f} s, {naive_queries} queries")
    path = write_result({
        "name": "thread",
        "metric": f"seconds to read a plan's golden thread ({size.priorities} priorities, "
                  f"{size.actions} key actions, {size.indicators} indicators, {size.items} "
                  f"agenda items, and {size.services} services, {size.engagements} "
                  f"engagements and {size.risks} risks where those apps are installed), best "
                  "of three, SQLite",
        "value": round(seconds, 4),
        "unit": "s",
        "baseline": "the naive thread read priority by priority, action by action and item "
                    "by item (key actions, indicators, agenda items and decisions only)",
        "baseline_value": round(baseline_seconds, 4),
        "ratio": round(baseline_seconds / seconds, 2),
        "target": f"< {TARGET_SECONDS} s",
        "met": seconds < TARGET_SECONDS,
        "machine": machine(),
        "queries": thread_queries,
        "baseline_queries": naive_queries,
        "links": links,
        "gaps": len(result.gaps),
    })
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
