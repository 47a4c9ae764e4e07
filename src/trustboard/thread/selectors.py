"""The golden thread of a plan as at a date: every priority with the records that serve it,
kind by kind, and the gaps, read from each app's provider (thread/providers.py).

Issue 16; Middlesbrough's panel (paragraph 8) asks whether the trust can show it made a
difference, not only that its partners share a vision.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.shortcuts import get_object_or_404

from trustboard.plans.models import Plan, Priority
from trustboard.thread.providers import (
    SEVERITY_ORDER,
    Gap,
    Kind,
    Link,
    ThreadContext,
    thread_providers,
)


@dataclass(frozen=True)
class Cell:
    """One square of the matrix: a priority's links of one kind."""

    kind: Kind
    links: list[Link]

    @property
    def count(self) -> int:
        return len(self.links)


@dataclass(frozen=True)
class PriorityThread:
    priority: Priority
    cells: list[Cell]
    gaps: list[Gap] = field(default_factory=list)

    def cell(self, kind: str) -> Cell | None:
        return next((cell for cell in self.cells if cell.kind.slug == kind), None)


@dataclass(frozen=True)
class Thread:
    plan: Plan
    as_at: datetime.date
    kinds: list[Kind]
    priorities: list[PriorityThread]
    gaps: list[Gap]

    def gaps_led_by(self, person_id: int | None) -> list[Gap]:
        """The gaps in what a person leads (their key actions, the indicators they own)."""
        return [gap for gap in self.gaps if person_id is not None and person_id in gap.leads]

    def as_dict(self) -> dict[str, Any]:
        """The command's JSON: plan, as_at, priorities (number, title, links by kind) and
        gaps (rule, severity, message, citation, subjects)."""
        return {
            "plan": self.plan.slug,
            "as_at": self.as_at.isoformat(),
            "priorities": [
                {"number": row.priority.number, "title": row.priority.title,
                 "links": {cell.kind.slug: [link.as_dict() for link in cell.links]
                           for cell in row.cells}}
                for row in self.priorities],
            "gaps": [gap.as_dict() for gap in self.gaps],
        }


def plan_thread(*, plan: Plan, as_at: datetime.date, user=None, public: bool = False,
                providers: list[ModuleType] | None = None) -> Thread:
    """Each priority of `plan` with its links of every kind as at `as_at`, and the gaps,
    most severe first, as `user` may see them (`public=True`: only what is public).

    A fixed number of queries whatever the plan's size: one for the priorities and each
    provider's own (each reads its kinds for all priorities at once).
    """
    providers = thread_providers() if providers is None else providers
    priorities = list(plan.priorities.select_related("accountable_body").order_by("number"))
    context = ThreadContext(plan=plan, priorities=priorities, as_at=as_at, user=user,
                            public=public)
    kinds = sorted((kind for provider in providers for kind in provider.KINDS),
                   key=lambda kind: (kind.order, kind.label))
    links: dict[int, list[Link]] = {}
    gaps: list[Gap] = []
    for provider in providers:
        for priority_id, found in provider.links(context).items():
            links.setdefault(priority_id, []).extend(found)
        gaps.extend(provider.gaps(context))
    order = {priority.pk: priority.number for priority in priorities}
    gaps.sort(key=lambda gap: (SEVERITY_ORDER[gap.severity],
                               order.get(gap.priority_id, 10_000), gap.rule))
    rows = []
    for priority in priorities:
        mine = links.get(priority.pk, [])
        cells = [Cell(kind=kind, links=[link for link in mine if link.kind == kind.slug])
                 for kind in kinds]
        rows.append(PriorityThread(priority=priority, cells=cells,
                                   gaps=[gap for gap in gaps if gap.priority_id == priority.pk]))
    return Thread(plan=plan, as_at=as_at, kinds=kinds, priorities=rows, gaps=gaps)


def priority_get(*, plan: Plan, number: int) -> Priority:
    return get_object_or_404(Priority, plan=plan, number=number)
