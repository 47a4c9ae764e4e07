"""Every read the commissioning pages, reports and demo need, in a fixed number of queries.

Indicators are read through the one reading (`performance.selectors.indicator_readings`);
whether a contract's value may be shown follows the meetings' one exempt rule.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from trustboard.commissioning.models import (
    BudgetYear,
    CommissioningDecision,
    Contribution,
    DecisionKind,
    FundingArrangement,
    NeedsTopic,
    Service,
    financial_year_label,
)
from trustboard.core.charts import Bar, Chart, comparison_chart
from trustboard.meetings.models import AgendaItem, Meeting, MeetingStatus
from trustboard.performance.selectors import (
    IndicatorReading,
    indicator_readings,
    partnership_area,
)

#: Months ahead the forward plan looks for contracts ending (issue 15: "default 12 months").
DEFAULT_WINDOW_MONTHS = 12
#: Days before a contract ends by which its decision must be taken, to give notice or run a
#: procurement: TRUSTBOARD_COMMISSIONING_NOTICE_DAYS, 90 by default.
DEFAULT_NOTICE_DAYS = 90

#: Kinds of decision that settle what happens when a contract ends.
SETTLING_KINDS = (DecisionKind.RECOMMISSION, DecisionKind.EXTEND, DecisionKind.DECOMMISSION)


def notice_days() -> int:
    return int(getattr(settings, "TRUSTBOARD_COMMISSIONING_NOTICE_DAYS", DEFAULT_NOTICE_DAYS))


def _months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _readings(indicators, as_at: date, *, public: bool) -> dict[int, IndicatorReading]:
    area = partnership_area()
    if not indicators or area is None:
        return {}
    return indicator_readings(list(indicators), area=area, as_at=as_at, public=public)


# Needs --------------------------------------------------------------------------------------


@dataclass
class TopicRow:
    """A needs topic with its evidence indicators' readings and why it is flagged."""

    topic: NeedsTopic
    readings: list[IndicatorReading]
    as_at: date

    @property
    def is_review_overdue(self) -> bool:
        return self.topic.is_review_overdue(self.as_at)

    @property
    def out_of_date(self) -> list[IndicatorReading]:
        return [reading for reading in self.readings if reading.is_out_of_date]

    @property
    def flags(self) -> list[str]:
        flags = []
        if self.is_review_overdue:
            flags.append(f"Review overdue since {self.topic.next_review_on:%-d %B %Y}")
        if self.out_of_date:
            count = len(self.out_of_date)
            flags.append(f"{count} evidence indicator{'s' if count != 1 else ''} out of date")
        return flags

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)


def _topics() -> QuerySet[NeedsTopic]:
    return NeedsTopic.objects.select_related("owner_body").prefetch_related("indicators")


def topic_rows(*, as_at: date, public: bool = True, topics=None) -> list[TopicRow]:
    """Every needs topic (or those given) with its indicators read as at `as_at`."""
    topics = list(_topics() if topics is None else topics)
    indicators = {i.pk: i for topic in topics for i in topic.indicators.all()}
    readings = _readings(indicators.values(), as_at, public=public)
    return [TopicRow(topic=topic, as_at=as_at,
                     readings=[readings[i.pk] for i in topic.indicators.all() if i.pk in readings])
            for topic in topics]


@dataclass
class TopicDetail:
    row: TopicRow
    documents: list
    services: list[Service]
    strategies: list
    decisions: list[CommissioningDecision]
    findings: list = field(default_factory=list)


def topic_detail(*, slug: str, user, as_at: date, public: bool) -> TopicDetail:
    topic = get_object_or_404(
        _topics().prefetch_related("documents", "strategies__plan"), slug=slug)
    row = topic_rows(as_at=as_at, public=public, topics=[topic])[0]
    decisions = list(topic.decisions_citing.visible_to(user).select_related("service", "item"))
    return TopicDetail(row=row, documents=list(topic.documents.all()),
                       services=list(topic.services.order_by("name")),
                       strategies=list(topic.strategies.all()), decisions=decisions,
                       findings=_topic_findings(topic))


def _topic_findings(topic: NeedsTopic) -> list:
    """What children and families said, tagged to this topic by participation (if it tags
    findings to needs topics), and findings cited by decisions resting on this topic."""
    from trustboard.participation.models import Finding

    tagged = Q(commissioning_decisions__needs_topics=topic)
    for link in Finding._meta.get_fields():
        if link.many_to_many and not link.auto_created and link.related_model is NeedsTopic:
            tagged |= Q(**{link.name: topic})
    return list(Finding.objects.filter(tagged).select_related("engagement").distinct())


def document_get(*, pk: int):
    from trustboard.commissioning.models import NeedsDocument

    return get_object_or_404(NeedsDocument.objects.exclude(file=""), pk=pk)


# Services and their values ------------------------------------------------------------------


def hidden_award_items(user) -> set[int]:
    """The award items whose contract value and bidders `user` may not see: exempt items the
    meetings' one rule (AgendaItem.objects.visible_to) keeps from them."""
    awards = AgendaItem.objects.filter(contract_awards__isnull=False, is_exempt=True)
    visible = set(awards.visible_to(user).values_list("pk", flat=True))
    return set(awards.values_list("pk", flat=True)) - visible


def value_is_visible(service: Service, hidden: set[int]) -> bool:
    return service.award_item_id is None or service.award_item_id not in hidden


@dataclass
class ServiceRow:
    service: Service
    value_visible: bool
    latest_decision: CommissioningDecision | None

    @property
    def is_decommissioned(self) -> bool:
        return bool(self.latest_decision and
                    self.latest_decision.kind == DecisionKind.DECOMMISSION)


def _services() -> QuerySet[Service]:
    return Service.objects.select_related(
        "commissioning_body", "commissioning_partner", "provider", "lead_commissioner",
        "strategy__plan", "award_item")


def service_rows(*, user, scenario_slug: str = "current") -> list[ServiceRow]:
    """The scenario's services, each saying whether `user` may see its value."""
    hidden = hidden_award_items(user)
    services = list(_services().filter(scenario__slug=scenario_slug).prefetch_related(
        Prefetch("decisions", queryset=CommissioningDecision.objects.visible_to(user)
                 .order_by("-decided_on", "-pk"), to_attr="visible_decisions")))
    return [ServiceRow(service=service, value_visible=value_is_visible(service, hidden),
                       latest_decision=(service.visible_decisions or [None])[0])
            for service in services]


@dataclass
class ServiceDetail:
    service: Service
    value_visible: bool
    readings: list[IndicatorReading]
    budgets: list[BudgetYear]
    decisions: list[CommissioningDecision]
    award_item_visible: bool
    findings: list = field(default_factory=list)


def service_detail(*, slug: str, user, as_at: date, public: bool) -> ServiceDetail:
    service = get_object_or_404(_services().select_related("award_item__meeting__body")
                                .prefetch_related("priorities", "needs_topics",
                                                  "funding_partners", "indicators"), slug=slug)
    hidden = hidden_award_items(user)
    visible = value_is_visible(service, hidden)
    readings = _readings(service.indicators.all(), as_at, public=public)
    budgets = list(service.budget_years.prefetch_related("contributions__partner")) \
        if visible else []
    decisions = list(service.decisions.visible_to(user).select_related("item__meeting__body"))
    award_visible = service.award_item_id is None or service.award_item_id not in hidden
    return ServiceDetail(service=service, value_visible=visible,
                         readings=list(readings.values()), budgets=budgets,
                         decisions=decisions, award_item_visible=award_visible,
                         findings=list(service.findings.select_related("engagement")))


def service_get(*, slug: str) -> Service:
    return get_object_or_404(Service.objects.select_related("scenario"), slug=slug)


# Budgets ------------------------------------------------------------------------------------


@dataclass
class BudgetLine:
    name: str
    amount: Decimal


@dataclass
class Budget:
    """A financial year's commissioning budget, by partner, funding arrangement and priority.

    Services whose value `user` may not see (an award still decided in an exempt item) are
    left out of every total, and counted in `withheld`, so no total gives their value away.
    """

    year: int
    years: list[int]
    by_partner: list[BudgetLine]
    by_arrangement: list[BudgetLine]
    by_priority: list[BudgetLine]
    total: Decimal
    pooled_by_partner: list[BudgetLine]
    withheld: int

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def chart(self) -> Chart | None:
        if not self.by_partner:
            return None
        return comparison_chart(
            f"Commissioning budget by partner, {self.year_label} (£ thousands)",
            [Bar(name=line.name, value=float(line.amount) / 1000, comparison="not compared")
             for line in self.by_partner],
            None, "", "£ thousands", decimals=1)


def _lines(totals: dict[str, Decimal]) -> list[BudgetLine]:
    return [BudgetLine(name=name, amount=amount)
            for name, amount in sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))]


def budget_years() -> list[int]:
    return sorted(set(BudgetYear.objects.values_list("year", flat=True)))


def budget(*, year: int | None, user, scenario_slug: str = "current") -> Budget | None:
    """Totals for one financial year (the latest with a budget when none is asked)."""
    years = sorted(set(BudgetYear.objects.filter(service__scenario__slug=scenario_slug)
                       .values_list("year", flat=True)))
    if not years:
        return None
    if year not in years:
        year = years[-1]
    hidden = hidden_award_items(user)
    contributions = list(Contribution.objects.filter(
        budget_year__year=year, budget_year__service__scenario__slug=scenario_slug,
    ).select_related("partner", "budget_year__service").prefetch_related(
        "budget_year__service__priorities"))
    by_partner: dict[str, Decimal] = defaultdict(Decimal)
    by_arrangement: dict[str, Decimal] = defaultdict(Decimal)
    by_priority: dict[str, Decimal] = defaultdict(Decimal)
    pooled: dict[str, Decimal] = defaultdict(Decimal)
    withheld = set()
    for contribution in contributions:
        service = contribution.budget_year.service
        if not value_is_visible(service, hidden):
            withheld.add(service.pk)
            continue
        by_partner[contribution.partner.name] += contribution.amount
        by_arrangement[service.get_funding_arrangement_display()] += contribution.amount
        if service.funding_arrangement == FundingArrangement.POOLED:
            pooled[contribution.partner.name] += contribution.amount
        priorities = list(service.priorities.all())
        if not priorities:
            by_priority["Not linked to a priority"] += contribution.amount
        for priority in priorities:
            # A service serving several priorities counts in full under each.
            by_priority[str(priority)] += contribution.amount
    return Budget(year=year, years=years, by_partner=_lines(by_partner),
                  by_arrangement=_lines(by_arrangement), by_priority=_lines(by_priority),
                  total=sum(by_partner.values(), Decimal(0)),
                  pooled_by_partner=_lines(pooled), withheld=len(withheld))


# Forward plan -------------------------------------------------------------------------------


@dataclass
class ForwardPlanRow:
    service: Service
    deadline: date  # the last day a decision leaves the notice needed before the contract ends
    meeting: Meeting | None  # the latest meeting of the body at which it can be decided in time


def forward_plan(*, today: date, months: int = DEFAULT_WINDOW_MONTHS,
                 scenario_slug: str = "current") -> list[ForwardPlanRow]:
    """Contracts ending within `months` of `today` with no decision settling them since they
    started, each with the latest meeting of its commissioning body that is early enough."""
    notice = notice_days()
    until = _months_after(today, months)
    settled = CommissioningDecision.objects.filter(kind__in=SETTLING_KINDS)
    services = list(_services().filter(
        scenario__slug=scenario_slug, contract_end__gte=today, contract_end__lte=until,
    ).exclude(pk__in=settled.values("service")).order_by("contract_end", "name"))
    bodies = {service.commissioning_body_id for service in services} - {None}
    meetings = list(Meeting.objects.filter(body__in=bodies, starts_at__date__gte=today)
                    .exclude(status=MeetingStatus.CANCELLED).select_related("body")
                    .order_by("starts_at"))
    rows = []
    for service in services:
        deadline = date.fromordinal(service.contract_end.toordinal() - notice)
        in_time = [meeting for meeting in meetings
                   if meeting.body_id == service.commissioning_body_id
                   and timezone.localtime(meeting.starts_at).date() <= deadline]
        rows.append(ForwardPlanRow(service=service, deadline=deadline,
                                   meeting=in_time[-1] if in_time else None))
    return rows


# Decisions ----------------------------------------------------------------------------------


def decision_detail(*, pk: int, user) -> CommissioningDecision:
    """A decision with its frozen readings and cited evidence, if `user` may see its item."""
    return get_object_or_404(
        CommissioningDecision.objects.visible_to(user).select_related(
            "service", "item__meeting__body", "recorded_by")
        .prefetch_related("needs_topics", "findings__engagement",
                          "cited_readings__indicator", "cited_readings__data_import"), pk=pk)


def decision_list(*, user, kinds=None, start: date | None = None, end: date | None = None
                  ) -> list[CommissioningDecision]:
    decisions = CommissioningDecision.objects.visible_to(user).select_related(
        "service", "item__meeting__body").prefetch_related(
        "needs_topics", "findings", "cited_readings__indicator")
    if kinds:
        decisions = decisions.filter(kind__in=kinds)
    if start:
        decisions = decisions.filter(decided_on__gte=start)
    if end:
        decisions = decisions.filter(decided_on__lte=end)
    return list(decisions)


def decision_item_choices(service: Service) -> QuerySet[AgendaItem]:
    """Agenda items of meetings of the service's arrangement a decision may be recorded on."""
    return (AgendaItem.objects.filter(meeting__body__scenario=service.scenario_id)
            .exclude(meeting__status=MeetingStatus.CANCELLED)
            .select_related("meeting__body").order_by("-meeting__starts_at", "number"))


# Reports ------------------------------------------------------------------------------------


@dataclass
class CommissioningSummary:
    """What the six-monthly and annual reports say of commissioning in a period, as the
    public may read it: reports are public documents, so an award still decided in an exempt
    item, and its money, are left out."""

    topics_reviewed: list[NeedsTopic]
    decisions: list[CommissioningDecision]
    pooled: Budget | None

    @property
    def has_activity(self) -> bool:
        """Topics approved or decisions taken in the period."""
        return bool(self.topics_reviewed or self.decisions)

    @property
    def has_pooled_funds(self) -> bool:
        return bool(self.pooled and self.pooled.pooled_by_partner)


def financial_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def commissioning_summary(*, start: date | None, end: date,
                          scenario_slug: str = "current") -> CommissioningSummary:
    """Needs topics approved, decisions taken (with the evidence each cited) between `start`
    and `end`, and the pooled budget of the financial year `end` falls in."""
    from django.contrib.auth.models import AnonymousUser

    public = AnonymousUser()
    topics = NeedsTopic.objects.select_related("owner_body").filter(approved_on__lte=end)
    if start:
        topics = topics.filter(approved_on__gte=start)
    year = financial_year_of(end)
    pooled = budget(year=year, user=public, scenario_slug=scenario_slug)
    return CommissioningSummary(
        topics_reviewed=list(topics.order_by("approved_on", "title")),
        decisions=list(reversed(decision_list(user=public, start=start, end=end))),
        pooled=pooled if pooled and pooled.year == year else None)
