"""Every write to commissioning. Each checks, writes in one transaction and names who did it."""

import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify

from trustboard.commissioning.models import (
    BudgetYear,
    CitedReading,
    CommissioningDecision,
    Contribution,
    DecisionKind,
    FundingArrangement,
    NeedsDocument,
    NeedsTopic,
    Service,
    financial_year_label,
)
from trustboard.core.errors import RuleError
from trustboard.core.services import record_save, rows_lock
from trustboard.governance.models import Organisation
from trustboard.meetings.models import AgendaItem, Decision, Meeting, Purpose
from trustboard.meetings.models import DecisionKind as MeetingDecisionKind
from trustboard.meetings.papers import paper_inspect
from trustboard.meetings.services import agenda_item_save, decision_save, meeting_date
from trustboard.performance.models import DataPoint, Indicator
from trustboard.performance.selectors import indicator_readings, partnership_area
from trustboard.risks.models import Strategy


def pounds(amount: Decimal) -> str:
    """£1,234.50, or £1,234 for whole pounds."""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


# Words the pages' own addresses use after needs/ and services/ ("needs/new/").
_RESERVED_SLUGS = {"new"}


def _slug_new(model, text: str, fallback: str) -> str:
    """A slug for a new record from its title, unique among its kind: "short-breaks",
    else "short-breaks-2" and on."""
    base = slugify(text)[:90] or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= _RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def needs_topic_save(*, topic: NeedsTopic, by, indicators: Iterable[Indicator] | None = None,
                     strategies: Iterable[Strategy] | None = None) -> NeedsTopic:
    """Save a needs assessment topic; its evidence indicators, and the strategies of the
    strategies register that answer it, are replaced by those given."""
    topic.title = " ".join(topic.title.split())
    if not topic.slug:
        topic.slug = _slug_new(NeedsTopic, topic.title, "topic")
    record_save(topic, by=by)
    if indicators is not None:
        topic.indicators.set(indicators)
    if strategies is not None:
        topic.strategies.set(strategies)
    return topic


@transaction.atomic
def needs_document_add(*, topic: NeedsTopic, title: str, by, file: File | None = None,
                       url: str = "") -> NeedsDocument:
    """Add a document to a topic: a file passing the meeting papers' checks (a PDF without
    its active content, or a Word document without macros), or a link; never both."""
    title = " ".join((title or "").split())
    if not title:
        raise RuleError("Give the document a title.", field="title")
    if bool(file) == bool(url):
        raise RuleError("Upload a file or give a link, one or the other.", field="file")
    document = NeedsDocument(topic=topic, title=title, url=url, uploaded_by=by)
    if url:
        return record_save(document, by=by)
    inspected = paper_inspect(file)
    extension = "pdf" if inspected.kind == "application/pdf" else "docx"
    stored = default_storage.save(f"needs/{uuid.uuid4().hex}.{extension}", inspected.content)
    document.file.name = stored
    document.original_name = inspected.name
    document.content_type = inspected.kind
    document.size, document.sha256 = inspected.size, inspected.sha256
    document.page_count = inspected.page_count
    try:
        record_save(document, by=by)
    except Exception:
        default_storage.delete(stored)
        raise
    return document


def _service_check(service: Service, funding_partners: list[Organisation] | None) -> None:
    if (service.contract_start and service.contract_end
            and service.contract_end <= service.contract_start):
        raise RuleError("The contract must end after it starts "
                        f"({service.contract_start:%-d %B %Y}).", field="contract_end")
    if service.annual_value is not None and service.annual_value < 0:
        raise RuleError("The annual value cannot be negative.", field="annual_value")
    if (service.commissioning_body is None) == (service.commissioning_partner is None):
        raise RuleError("Name the commissioning body (an integrated commissioning group) or "
                        "the partner commissioning it alone, one or the other.",
                        field="commissioning_body")
    body = service.commissioning_body
    if body is not None and body.scenario_id != service.scenario_id:
        raise RuleError(f"{body.name} is not part of the same arrangement as this service.",
                        field="commissioning_body")
    if service.award_item_id is not None:
        award_body = service.award_item.meeting.body
        if award_body.scenario_id != service.scenario_id:
            raise RuleError("That agenda item belongs to a meeting of another arrangement.",
                            field="award_item")
    if service.funding_arrangement != FundingArrangement.POOLED:
        service.pooled_basis = ""
    elif not service.pooled_basis:
        raise RuleError("Say whether the pooled fund is a section 75 agreement (National "
                        "Health Service Act 2006) or a section 10 pooled fund (Children Act "
                        "2004).", field="pooled_basis")
    if funding_partners is not None:
        if service.funding_arrangement == FundingArrangement.SINGLE and len(funding_partners) > 1:
            raise RuleError("A singly funded service has one funding partner; choose aligned "
                            "or pooled funding for more.", field="funding_partners")
        if (service.funding_arrangement != FundingArrangement.SINGLE
                and len(funding_partners) == 1):
            raise RuleError("Aligned and pooled funding need two partners or more.",
                            field="funding_partners")


@transaction.atomic
def service_save(*, service: Service, by, priorities=None, needs_topics=None,
                 funding_partners: Iterable[Organisation] | None = None,
                 indicators=None) -> Service:
    """Save a commissioned service; links given replace those held, None keeps them.

    A partner leaving the funding arrangement may not leave contributions behind.
    """
    partners = list(funding_partners) if funding_partners is not None else None
    _service_check(service, partners)
    if partners is not None and service.pk is not None:
        stranded = (Contribution.objects.filter(budget_year__service=service)
                    .exclude(partner__in=partners).select_related("partner", "budget_year")
                    .first())
        if stranded is not None:
            raise RuleError(f"{stranded.partner} contributes to this service in "
                            f"{stranded.budget_year.year_label}; take that contribution off "
                            "before taking the partner out of the funding arrangement.",
                            field="funding_partners")
    service.name = " ".join(service.name.split())
    if not service.slug:
        service.slug = _slug_new(Service, service.name, "service")
    record_save(service, by=by)
    for links, values in ((service.priorities, priorities), (service.needs_topics, needs_topics),
                          (service.funding_partners, partners),
                          (service.indicators, indicators)):
        if values is not None:
            links.set(values)
    return service


@transaction.atomic
def budget_year_set(*, service: Service, year: int, by,
                    contributions: Mapping[Organisation, Decimal],
                    total: Decimal | None = None) -> BudgetYear:
    """Record a service's budget for one financial year as its partners' contributions,
    replacing any recorded before.

    Each partner must be in the service's funding arrangement and no amount may be negative.
    A pooled fund's contributions must add up to its total: refused otherwise, naming the
    year and the difference.
    """
    label = financial_year_label(year)
    rows_lock(Service.objects.filter(pk=service.pk))
    partners = set(service.funding_partners.values_list("pk", flat=True))
    for partner, amount in contributions.items():
        if partner.pk not in partners:
            raise RuleError(f"{partner} is not a partner in this service's funding "
                            f"arrangement; add it there first.", field=f"partner_{partner.pk}")
        if amount is None or amount < 0:
            raise RuleError(f"{partner}'s contribution in {label} cannot be negative.",
                            field=f"partner_{partner.pk}")
    added = sum(contributions.values(), Decimal(0))
    if total is not None and total < 0:
        raise RuleError("The total cannot be negative.", field="total")
    if service.funding_arrangement == FundingArrangement.POOLED:
        if total is None:
            raise RuleError(f"Give the pooled fund's total for {label}.", field="total")
        if added != total:
            difference = abs(total - added)
            side = "short of" if added < total else "more than"
            raise RuleError(
                f"In {label} the contributions add up to {pounds(added)}, {pounds(difference)} "
                f"{side} the pooled fund's total of {pounds(total)}.", field="total")
    budget, _created = BudgetYear.objects.get_or_create(
        service=service, year=year, defaults={"total": added})
    budget.total = added if total is None else total
    record_save(budget, by=by)
    for old in budget.contributions.all():
        old._history_user = by
        old.delete()
    for partner, amount in contributions.items():
        record_save(Contribution(budget_year=budget, partner=partner, amount=amount), by=by)
    return budget


def _frozen(decision: CommissioningDecision, indicator: Indicator, reading, area
            ) -> CitedReading:
    point = (DataPoint.objects.filter(indicator=indicator, area=area,
                                      period__label=reading.period)
             .select_related("provenance").order_by("pk").first())
    provenance = point.provenance if point else None
    return CitedReading(
        decision=decision, indicator=indicator, as_at=reading.as_at, period=reading.period,
        value=reading.value,
        lower95=reading.lower95, upper95=reading.upper95, unit=indicator.unit,
        england_value=reading.england_value,
        compared_with_england=reading.compared_with_england or "",
        neighbour_average=reading.neighbour_average, source=indicator.source,
        data_import=provenance, import_name=str(provenance) if provenance else "",
        was_out_of_date=reading.is_out_of_date, next_due=reading.next_due)


@transaction.atomic
def commissioning_decision_record(
        *, service: Service, kind: str, item: AgendaItem, reason: str, by,
        needs_topics: Iterable[NeedsTopic] = (), indicators: Iterable[Indicator] = (),
        findings: Iterable = ()) -> CommissioningDecision:
    """Record a decision about a service on an agenda item of the deciding body's meeting,
    with the evidence it rests on; a decision citing no evidence is refused.

    Each cited indicator's published reading on the meeting's date is frozen with the
    decision (value, period, comparison with England, source and import), so the page shows
    what the decision rested on even after newer figures arrive. The decision also enters
    the meeting's own record (meetings.Decision), where "you said, we did" can point to it.
    """
    needs_topics, indicators, findings = list(needs_topics), list(indicators), list(findings)
    if kind not in DecisionKind.values:
        raise RuleError("Choose what was decided.", field="kind")
    body = item.meeting.body
    if body.scenario_id != service.scenario_id:
        raise RuleError(f"{service} belongs to another arrangement than {body.name}; record "
                        "the decision at a meeting of its own arrangement.", field="service")
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("Give the reason for the decision.", field="reason")
    if not (needs_topics or indicators or findings):
        raise RuleError("Cite the evidence the decision rests on: a needs topic, an indicator "
                        "or what children and families said.", field="indicators")
    on = meeting_date(item.meeting)
    area = partnership_area()
    readings = (indicator_readings(indicators, area=area, as_at=on, public=True)
                if indicators and area else {})
    for indicator in indicators:
        reading = readings.get(indicator.pk)
        if reading is None or reading.value is None:
            raise RuleError(f"{indicator} had no published value on {on:%-d %B %Y}, the date "
                            "of the decision; cite another indicator.", field="indicators")
    label = DecisionKind(kind).label
    meeting_decision = decision_save(decision=Decision(
        item=item, kind=MeetingDecisionKind.NOTE,
        text=f"{label}: {service}. {reason}"), by=by)
    decision = record_save(CommissioningDecision(
        service=service, kind=kind, item=item, meeting_decision=meeting_decision,
        decided_on=on, reason=reason, recorded_by=by), by=by)
    decision.needs_topics.set(needs_topics)
    decision.findings.set(findings)
    CitedReading.objects.bulk_create(
        [_frozen(decision, indicator, readings[indicator.pk], area) for indicator in indicators])
    return decision


def _item_title(service: Service) -> str:
    end = f"{service.contract_end:%-d %B %Y}" if service.contract_end else "soon"
    return f"{service.name}: contract ends {end}, decision needed"


@transaction.atomic
def forward_plan_item_add(*, service: Service, meeting: Meeting, by) -> AgendaItem:
    """Put a contract needing a decision on the agenda of `meeting`, in one step, linked to
    the plan priorities the service serves."""
    if service.commissioning_body_id is not None and (
            meeting.body_id != service.commissioning_body_id):
        raise RuleError(f"{service} is commissioned by {service.commissioning_body}; choose one "
                        "of its meetings.", field="meeting")
    if meeting.body.scenario_id != service.scenario_id:
        raise RuleError("That meeting belongs to another arrangement.", field="meeting")
    title = _item_title(service)
    if AgendaItem.objects.filter(meeting=meeting, title=title).exists():
        raise RuleError("That contract is already on this meeting's agenda.", field="meeting")
    return agenda_item_save(
        item=AgendaItem(meeting=meeting, title=title, purpose=Purpose.DECISION,
                        summary=service.description),
        by=by, priorities=list(service.priorities.all()),
        indicators=list(service.indicators.all()))

