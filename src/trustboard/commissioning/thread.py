"""Commissioning's part of the golden thread: the services commissioned for each priority as
at the date read, and the gaps (a service with no outcome indicator, a commissioning decision
citing no evidence, a needs topic past its review date). The thread's interface is in
trustboard.thread.providers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from trustboard.commissioning.models import (
    CommissioningDecision,
    DecisionKind,
    NeedsTopic,
    Service,
)
from trustboard.thread.providers import Gap, Kind, Link, Subject, ThreadContext

KINDS = [Kind("services", "Services", order=50)]

OUTCOMES = (
    "Middlesbrough scrutiny panel, paragraph 8: the trust should \"concentrate on identifying "
    "the outcomes it would like to deliver and commission for\"; paragraph 22: \"an outcomes "
    "based measuring framework\""
)
EVIDENCE = (
    "Middlesbrough scrutiny panel, paragraph 11: \"commissioning decisions are taken on the "
    "best possible evidence\"; Nottinghamshire 2015 review: \"To ensure commissioned "
    "activities are based on an understanding about the needs of local children and young "
    "people, and on evidence\""
)
NEEDS_CURRENT = (
    "Nottinghamshire 2015 review: commissioned activities \"based on an understanding about "
    "the needs of local children and young people ... links to the JSNA\"; Middlesbrough "
    "scrutiny panel, paragraph 11: \"detailed, current and reliable data\""
)


@dataclass(frozen=True)
class _Service:
    pk: int
    name: str
    url: str
    provider: str
    lead_id: int | None
    priority_ids: list[int]
    has_indicator: bool


def links(context: ThreadContext) -> dict[int, list[Link]]:
    """Each priority's services in contract as at the date read."""
    result: dict[int, list[Link]] = {}
    for service in _services(context):
        link = Link(kind="services", id=service.pk, title=service.name, url=service.url,
                    detail=f"Provided by {service.provider}" if service.provider else "")
        for priority_id in service.priority_ids:
            result.setdefault(priority_id, []).append(link)
    return result


def gaps(context: ThreadContext) -> list[Gap]:
    found = [Gap(rule="service-without-outcome-indicator", severity="medium",
                 message=f"The service “{service.name}” has no outcome indicator to show "
                         "what it achieves for children.",
                 citation=OUTCOMES,
                 subjects=[Subject("services", service.pk, service.name, service.url)],
                 priority_id=service.priority_ids[0],
                 leads=frozenset({service.lead_id}) if service.lead_id else frozenset())
             for service in _services(context) if not service.has_indicator]
    services = {service.pk: service for service in _services(context)}
    for pk, service_id, kind, decided_on in _decisions_without_evidence(context):
        service = services.get(service_id)
        kind = DecisionKind(kind).label.lower() if kind in DecisionKind.values else kind
        title = f"{kind.capitalize()} {service.name if service else 'a service'}"
        found.append(Gap(
            rule="commissioning-decision-without-evidence", severity="high",
            message=f"The decision of {decided_on:%-d %B %Y} to {kind} "
                    f"{service.name if service else 'a service'} cites no evidence: no needs "
                    "topic, indicator reading or finding from children and families.",
            citation=EVIDENCE,
            subjects=[Subject("commissioning-decisions", pk, title,
                              reverse("commissioning:decision-detail", args=[pk]))],
            priority_id=service.priority_ids[0] if service else None,
            leads=frozenset({service.lead_id}) if service and service.lead_id else frozenset()))
    for pk, title, slug, review_on in _topics_overdue(context):
        found.append(Gap(
            rule="needs-topic-review-overdue", severity="medium",
            message=f"The needs assessment topic “{title}” was due for review by "
                    f"{review_on:%-d %B %Y}.",
            citation=NEEDS_CURRENT,
            subjects=[Subject("needs-topics", pk, title,
                              reverse("commissioning:topic-detail", args=[slug]))]))
    return found


def _services(context: ThreadContext) -> list[_Service]:
    """The services of the plan's priorities in contract as at the date; two queries."""

    def read() -> list[_Service]:
        rows = (Service.priorities.through.objects
                .filter(priority_id__in=context.priority_ids)
                .filter(Q(service__contract_start__isnull=True)
                        | Q(service__contract_start__lte=context.as_at))
                .filter(Q(service__contract_end__isnull=True)
                        | Q(service__contract_end__gte=context.as_at))
                .order_by("service__name")
                .values_list("service_id", "priority_id", "service__name", "service__slug",
                             "service__provider__name", "service__provider_name",
                             "service__lead_commissioner_id"))
        services: dict[int, dict] = {}
        for pk, priority_id, name, slug, provider, provider_name, lead_id in rows:
            entry = services.setdefault(pk, {
                "pk": pk, "name": name,
                "url": reverse("commissioning:service-detail", args=[slug]),
                "provider": provider or provider_name, "lead_id": lead_id, "priority_ids": []})
            entry["priority_ids"].append(priority_id)
        measured = set(Service.indicators.through.objects.filter(
            service_id__in=list(services)).values_list("service_id", flat=True))
        return [_Service(**entry, has_indicator=pk in measured)
                for pk, entry in services.items()]

    return context.remember("commissioning.services", read)


def _decisions_without_evidence(context: ThreadContext):
    """Decisions in the twelve months to the date about services of the plan's priorities,
    as the reader may see them, that cite no needs topic, reading or finding; one query."""
    if context.public:
        decisions = CommissioningDecision.objects.filter(item__is_exempt=False)
    elif context.user is None:
        decisions = CommissioningDecision.objects.all()
    else:
        decisions = CommissioningDecision.objects.visible_to(context.user)
    return list(
        decisions.filter(decided_on__gte=context.since, decided_on__lte=context.as_at,
                         service__priorities__in=context.priority_ids)
        .exclude(Exists(CommissioningDecision.needs_topics.through.objects.filter(
            commissioningdecision_id=OuterRef("pk"))))
        .exclude(Exists(CommissioningDecision.findings.through.objects.filter(
            commissioningdecision_id=OuterRef("pk"))))
        .exclude(cited_readings__isnull=False)
        .distinct().order_by("decided_on", "pk")
        .values_list("pk", "service_id", "kind", "decided_on"))


def _topics_overdue(context: ThreadContext):
    """Needs topics behind the plan (through its priorities' services or indicators) past
    their review date; one query."""
    ids = context.priority_ids
    return list(
        NeedsTopic.objects.filter(next_review_on__lt=context.as_at)
        .filter(Exists(Service.needs_topics.through.objects.filter(
                    needstopic_id=OuterRef("pk"),
                    service__priorities__in=ids))
                | Exists(NeedsTopic.indicators.through.objects.filter(
                    needstopic_id=OuterRef("pk"),
                    indicator__priorities__in=ids)))
        .order_by("next_review_on", "title").values_list("pk", "title", "slug", "next_review_on"))

