"""How an app adds its records to the golden thread, and the gaps it sees in them.

The thread (issue 16) shows, for each priority of a plan, everything that serves it: key
actions, indicators, agenda items, decisions, strategies, services, engagements, risks,
recommendations. The thread knows none of these models. Each app that has something to
add writes a module `thread.py` beside its models that exposes three names:

    KINDS: list[Kind]
        The kinds of link it adds, e.g. ``Kind("risks", "Risks", order=70)``. The order
        places the kind's column in the matrix (plans 10-19, performance 20-29, meetings
        30-39, strategies 40, commissioning 50, participation 60, risks 70, reviews 80).

    def links(context: ThreadContext) -> dict[int, list[Link]]:
        For each priority id of ``context.priorities``, the records of its kinds that
        serve it, as ``Link``s, in the order a reader should see them.

    def gaps(context: ThreadContext) -> list[Gap]:
        What is missing or late in its records, each ``Gap`` with its rule id (a slug,
        e.g. ``"risk-without-mitigation"``), severity, a plain-English message, the
        citation it rests on (a seed paragraph or statute) and the records concerned.

The thread finds the module itself: every installed app whose package has a ``thread``
module is a provider (``thread_providers``); nothing needs registering here.

Rules a provider keeps:

- A fixed number of queries whatever the plan's size: read each kind with one queryset
  (``select_related``/``prefetch_related``) for all of ``context.priorities`` at once,
  never one query per priority. ``links`` and ``gaps`` may share what they read through
  ``context.remember(key, read)``, which calls ``read()`` once per computation.
- Only what ``context`` may see: when ``context.public`` is true, only public records
  (no exempt agenda item, nothing unpublished or unapproved); otherwise filter through the
  app's own visibility rules with ``context.user`` (e.g. ``AgendaItem.objects.visible_to``).
  ``user=None`` with ``public=False`` is the ``trustboard thread`` command: everything.
- Read as at ``context.as_at`` (nothing created or dated after it counts) and, where the
  rule says "in the last twelve months", from ``context.since``.
- Say who leads what a gap concerns (``Gap.leads``, person ids) so a member sees the gaps
  in what they lead, and which priority it belongs to (``Gap.priority_id``) where one does.
- Use the app's own selectors; a provider is a thin translation into Links and Gaps.

A minimal provider (``risks/thread.py``)::

    from trustboard.thread.providers import Gap, Kind, Link, Subject, ThreadContext

    KINDS = [Kind("risks", "Risks", order=70)]

    def links(context: ThreadContext) -> dict[int, list[Link]]:
        result: dict[int, list[Link]] = {}
        for risk in _risks(context):
            for priority in risk.priorities.all():
                result.setdefault(priority.pk, []).append(Link(
                    kind="risks", id=risk.pk, title=risk.title,
                    url=risk.get_absolute_url(), detail=f"Current score {risk.score}"))
        return result

    def gaps(context: ThreadContext) -> list[Gap]:
        return [Gap(rule="risk-without-mitigation", severity="high",
                    message=f"{risk.title} is above the threshold with no mitigating action.",
                    citation=RISKS_AND_ISSUES,
                    subjects=[Subject("risks", risk.pk, risk.title, risk.get_absolute_url())],
                    leads=frozenset({risk.owner_id}) if risk.owner_id else frozenset())
                for risk in _risks(context) if ...]

    def _risks(context):
        return context.remember("risks", lambda: list(
            Risk.objects.filter(...).prefetch_related("priorities")))
"""

from __future__ import annotations

import calendar
import datetime
import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, Protocol

from django.apps import apps

if TYPE_CHECKING:
    from trustboard.plans.models import Plan, Priority

Severity = Literal["high", "medium", "low"]
SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Kind:
    """A kind of record the thread links to a priority: a column of the matrix."""

    slug: str  # in URLs and the JSON's `links`, e.g. "key-actions"
    label: str  # the column heading, plural: "Key actions"
    order: int = 100


@dataclass(frozen=True)
class Link:
    """One record that serves a priority, as the thread lists it."""

    kind: str  # a Kind's slug
    id: int | str
    title: str
    url: str = ""  # the record's own page; empty when it has none
    detail: str = ""  # a few words: its status, latest value, date ("On schedule")

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title}


@dataclass(frozen=True)
class Subject:
    """A record a gap concerns."""

    kind: str
    id: int | str
    title: str
    url: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "title": self.title}


@dataclass(frozen=True)
class Gap:
    """Something missing or late in the thread, in the shape of the governance checks'
    findings (rule, severity, message, citation, subjects)."""

    rule: str
    severity: Severity
    message: str
    citation: str
    subjects: list[Subject] = field(default_factory=list)
    priority_id: int | None = None  # the priority it belongs to, if one
    leads: frozenset[int] = frozenset()  # ids of the people who lead what it concerns

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "citation": self.citation,
                "subjects": [subject.as_dict() for subject in self.subjects]}


@dataclass
class ThreadContext:
    """What a provider is asked about: a plan's priorities, as at a date, for a reader."""

    plan: Plan
    priorities: list[Priority]
    as_at: datetime.date
    user: Any = None  # the reader; None and public=False: the command, which reads everything
    public: bool = False
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def since(self) -> datetime.date:
        """Twelve months before `as_at`: the window of "in the last twelve months"."""
        return months_before(self.as_at, 12)

    @property
    def priority_ids(self) -> list[int]:
        return [priority.pk for priority in self.priorities]

    def remember(self, key: str, read: Callable[[], Any]) -> Any:
        """`read()` once per thread computation, so `links` and `gaps` can share a read."""
        if key not in self._memo:
            self._memo[key] = read()
        return self._memo[key]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


class Provider(Protocol):
    KINDS: list[Kind]

    def links(self, context: ThreadContext) -> dict[int, list[Link]]: ...

    def gaps(self, context: ThreadContext) -> list[Gap]: ...


def thread_providers() -> list[ModuleType]:
    """Each installed app's `thread` module, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.thread"
        if config.name == "trustboard.thread" or not config.name.startswith("trustboard."):
            continue
        if importlib.util.find_spec(name) is not None:
            found.append(importlib.import_module(name))
    return found
