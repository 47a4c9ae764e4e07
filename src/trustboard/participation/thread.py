"""Participation's part of the golden thread: for each priority, the engagements whose
findings were tagged to it in the twelve months to the date read and each "you said, we did"
(a finding and its response), and the gap of a finding with no response after its time. The
thread's interface is in trustboard.thread.providers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from trustboard.participation.models import Finding, ResponseKind
from trustboard.participation.selectors import finding_is_overdue, response_days
from trustboard.thread.providers import Gap, Kind, Link, Subject, ThreadContext

KINDS = [Kind("engagements", "Engagements", order=60),
         Kind("you-said-we-did", "You said, we did", order=61)]

HEARD = (
    "Plymouth 2014: the partnership must \"Champion the voice of children and young people "
    "and parents in service design\" and asks \"How do we ensure parent, children and young "
    "people's voices are heard?\""
)


@dataclass(frozen=True)
class _Finding:
    pk: int
    title: str
    engagement_id: int
    engagement_title: str
    held_on: datetime.date
    run_by_id: int | None
    response: str  # "We did: ..." as at the date, or "" when none yet
    priority_ids: list[int]

    @property
    def engagement_url(self) -> str:
        return reverse("participation:engagement-detail", args=[self.engagement_id])

    @property
    def url(self) -> str:
        return f"{self.engagement_url}#finding-{self.pk}"


def links(context: ThreadContext) -> dict[int, list[Link]]:
    """Each priority's engagements (once each) and its findings with their responses."""
    result: dict[int, list[Link]] = {}
    seen: set[tuple[int, int]] = set()
    for finding in _findings(context):
        for priority_id in finding.priority_ids:
            links_of = result.setdefault(priority_id, [])
            if (priority_id, finding.engagement_id) not in seen:
                seen.add((priority_id, finding.engagement_id))
                links_of.append(Link(kind="engagements", id=finding.engagement_id,
                                     title=finding.engagement_title,
                                     url=finding.engagement_url,
                                     detail=f"{finding.held_on:%-d %B %Y}"))
            links_of.append(Link(kind="you-said-we-did", id=finding.pk, title=finding.title,
                                 url=finding.url,
                                 detail=finding.response or "No response yet"))
    return result


def gaps(context: ThreadContext) -> list[Gap]:
    """A finding tagged to a priority with no response after its time."""
    days = response_days()
    return [Gap(rule="finding-without-response", severity="medium",
                message=f"Children and families said “{finding.title}” at "
                        f"{finding.engagement_title} on {finding.held_on:%-d %B %Y}, and no "
                        f"response was recorded within {days} days.",
                citation=HEARD,
                subjects=[Subject("you-said-we-did", finding.pk, finding.title, finding.url)],
                priority_id=finding.priority_ids[0],
                leads=frozenset({finding.run_by_id}) if finding.run_by_id else frozenset())
            for finding in _findings(context)
            if finding_is_overdue(held_on=finding.held_on, has_response=bool(finding.response),
                                  as_at=context.as_at, days=days)]


def _findings(context: ThreadContext) -> list[_Finding]:
    """Findings tagged to the plan's priorities from engagements of the twelve months to the
    date, each with its response as at the date; one query."""

    def read() -> list[_Finding]:
        labels = dict(ResponseKind.choices)
        rows = (Finding.priorities.through.objects
                .filter(priority_id__in=context.priority_ids,
                        finding__engagement__held_on__gte=context.since,
                        finding__engagement__held_on__lte=context.as_at)
                .order_by("-finding__engagement__held_on", "finding_id")
                .values_list("finding_id", "priority_id", "finding__title",
                             "finding__engagement_id", "finding__engagement__title",
                             "finding__engagement__held_on",
                             "finding__engagement__run_by_person_id",
                             "finding__response__kind", "finding__response__text",
                             "finding__response__responded_on"))
        found: dict[int, dict] = {}
        for (pk, priority_id, title, engagement_id, engagement_title, held_on, run_by_id,
             kind, text, responded_on) in rows:
            answered = kind and responded_on is not None and responded_on <= context.as_at
            entry = found.setdefault(pk, {
                "pk": pk, "title": title, "engagement_id": engagement_id,
                "engagement_title": engagement_title, "held_on": held_on,
                "run_by_id": run_by_id,
                "response": f"{labels.get(kind, kind)}: {text}" if answered else "",
                "priority_ids": []})
            entry["priority_ids"].append(priority_id)
        return [_Finding(**entry) for entry in found.values()]

    return context.remember("participation.findings", read)
