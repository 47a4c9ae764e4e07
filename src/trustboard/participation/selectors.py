"""Reads of participation: the engagements, and "you said, we did" by topic and locality.

A finding with no response more than `TRUSTBOARD_PARTICIPATION_RESPONSE_DAYS` days after its
engagement is flagged; `finding_is_overdue` is the one definition every page and report uses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from trustboard.commissioning.models import CommissioningDecision
from trustboard.meetings.models import Decision
from trustboard.participation.models import (
    CountKind,
    Engagement,
    Finding,
    ParticipantCount,
    Response,
    Topic,
)
from trustboard.performance.models import Area, AreaKind


def response_days() -> int:
    """How long a finding may wait for its response before it is flagged (default 91 days,
    about three months)."""
    return int(getattr(settings, "TRUSTBOARD_PARTICIPATION_RESPONSE_DAYS", 91))


def finding_is_overdue(*, held_on: datetime.date, has_response: bool, as_at: datetime.date,
                       days: int) -> bool:
    """Whether a finding is flagged as at a date: no response and more than `days` days
    since its engagement."""
    return not has_response and as_at > held_on + datetime.timedelta(days=days)


@dataclass(frozen=True)
class FindingRow:
    """One "you said, we did": the finding, its engagement and response, and whether the
    response is overdue. `decision` is None when the reader may not see the decision."""

    finding: Finding
    response: Response | None
    decision: Decision | None
    service_change: CommissioningDecision | None
    is_overdue: bool
    response_due_on: datetime.date

    @property
    def engagement(self) -> Engagement:
        return self.finding.engagement


@dataclass(frozen=True)
class TopicGroup:
    topic: Topic
    rows: list[FindingRow]


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.filter(findings__isnull=False).distinct().order_by("name")


def locality_list() -> QuerySet[Area]:
    """The districts and localities engagements can be held in."""
    return Area.objects.filter(kind__in=[AreaKind.DISTRICT, AreaKind.LOCALITY],
                               is_current=True).order_by("name")


def _findings(*, topic: Topic | None = None, locality: Area | None = None,
              engagement: Engagement | None = None) -> QuerySet[Finding]:
    findings = Finding.objects.select_related(
        "topic", "engagement__locality", "response__key_action__priority__plan",
        "response__decision__item__meeting__body", "response__service_change__service",
    ).prefetch_related("priorities", "needs_topics", "services")
    if topic is not None:
        findings = findings.filter(topic=topic)
    if locality is not None:
        findings = findings.filter(engagement__locality=locality)
    if engagement is not None:
        findings = findings.filter(engagement=engagement)
    return findings.order_by("topic__name", "-engagement__held_on", "pk")


def _rows(findings, *, user, as_at: datetime.date) -> list[FindingRow]:
    findings = list(findings)
    days = response_days()
    responses = {finding.pk: getattr(finding, "response", None) for finding in findings}
    decision_ids = {response.decision_id for response in responses.values()
                    if response is not None and response.decision_id is not None}
    visible = set(Decision.objects.visible_to(user).filter(pk__in=decision_ids)
                  .values_list("pk", flat=True)) if decision_ids else set()
    change_ids = {response.service_change_id for response in responses.values()
                  if response is not None and response.service_change_id is not None}
    visible_changes = set(CommissioningDecision.objects.visible_to(user).filter(
        pk__in=change_ids).values_list("pk", flat=True)) if change_ids else set()
    rows = []
    for finding in findings:
        response = responses[finding.pk]
        held_on = finding.engagement.held_on
        rows.append(FindingRow(
            finding=finding, response=response,
            decision=response.decision if response is not None
            and response.decision_id in visible else None,
            service_change=response.service_change if response is not None
            and response.service_change_id in visible_changes else None,
            is_overdue=finding_is_overdue(held_on=held_on, has_response=response is not None,
                                          as_at=as_at, days=days),
            response_due_on=held_on + datetime.timedelta(days=days)))
    return rows


def you_said_we_did(*, user, as_at: datetime.date, topic: Topic | None = None,
                    locality: Area | None = None) -> list[TopicGroup]:
    """Every finding and its response, by topic (a fixed number of queries)."""
    groups: dict[int, TopicGroup] = {}
    for row in _rows(_findings(topic=topic, locality=locality), user=user, as_at=as_at):
        groups.setdefault(row.finding.topic_id,
                          TopicGroup(topic=row.finding.topic, rows=[])).rows.append(row)
    return list(groups.values())


def findings_awaiting_response(*, user, as_at: datetime.date) -> list[FindingRow]:
    """Findings with no response yet, overdue first, then the oldest."""
    rows = _rows(_findings().filter(response__isnull=True), user=user, as_at=as_at)
    return sorted(rows, key=lambda row: (not row.is_overdue, row.response_due_on))


def engagement_list(*, locality: Area | None = None) -> QuerySet[Engagement]:
    engagements = Engagement.objects.select_related(
        "locality", "run_by_organisation").prefetch_related("topics").annotate(
        finding_count=Count("findings", distinct=True),
        response_count=Count("findings__response", distinct=True),
        taking_part=Count("counts", filter=Q(counts__kind=CountKind.AGE_BAND)))
    if locality is not None:
        engagements = engagements.filter(locality=locality)
    return engagements


def engagement_get(*, pk: int) -> Engagement:
    return get_object_or_404(
        Engagement.objects.select_related("locality", "run_by_organisation", "run_by_person",
                                          "plan", "scenario")
        .prefetch_related("topics", Prefetch("counts", ParticipantCount.objects.order_by("pk"))),
        pk=pk)


def engagement_findings(*, engagement: Engagement, user,
                        as_at: datetime.date) -> list[FindingRow]:
    return _rows(_findings(engagement=engagement).order_by("pk"), user=user, as_at=as_at)


def finding_get(*, pk: int) -> Finding:
    return get_object_or_404(Finding.objects.select_related(
        "engagement__plan", "engagement__scenario", "topic"), pk=pk)


@dataclass(frozen=True)
class ParticipationSummary:
    """What a report says of the period: how many engagements, how many took part, and what
    children and families said and what changed."""

    engagement_count: int
    participant_count: int
    rows: list[FindingRow]

    @property
    def responded(self) -> int:
        return sum(row.response is not None for row in self.rows)

    @property
    def overdue(self) -> int:
        return sum(row.is_overdue for row in self.rows)


def participation_summary(*, plan, starts_on: datetime.date, ends_on: datetime.date,
                          user=None) -> ParticipationSummary:
    """The engagements of a plan held in a period and their findings as they stood at its end
    (a response given later counts as none yet), for the six-monthly and annual reports.
    Decisions are shown as the public may see them unless a user is given."""
    engagements = Engagement.objects.filter(plan=plan, held_on__range=(starts_on, ends_on))
    people = ParticipantCount.objects.filter(
        engagement__in=engagements, kind=CountKind.AGE_BAND).values_list("count", flat=True)
    findings = _findings().filter(engagement__in=engagements).order_by(
        "topic__name", "engagement__held_on", "pk")
    rows = [row if row.response is None or row.response.responded_on <= ends_on
            else replace(row, response=None, decision=None, service_change=None,
                         is_overdue=finding_is_overdue(
                             held_on=row.engagement.held_on, has_response=False,
                             as_at=ends_on, days=response_days()))
            for row in _rows(findings, user=user or AnonymousUser(), as_at=ends_on)]
    return ParticipationSummary(engagement_count=engagements.count(),
                                participant_count=sum(people), rows=rows)
