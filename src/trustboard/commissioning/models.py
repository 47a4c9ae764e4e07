"""Commissioning on evidence: needs assessment topics, commissioned services and their money,
and the decisions taken about them with the evidence each rested on.

Nottinghamshire 2015 asks the trust to "ensure commissioned activities are based on an
understanding about the needs of local children and young people, and on evidence";
Middlesbrough's panel wants commissioning and decommissioning decisions "taken on the best
possible evidence" (paragraphs 11, 24).
"""

from datetime import date

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


def financial_year_label(year: int) -> str:
    """2025 reads as 2025/26: the financial year starting on 1 April of `year`."""
    return f"{year}/{(year + 1) % 100:02d}"


class NeedsTopic(models.Model):
    """A topic of the Joint Strategic Needs Assessment's children and young people's chapter,
    owned and approved by a body (in Nottinghamshire, the Health and Wellbeing Board)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(blank=True)
    owner_body = models.ForeignKey(
        "governance.Body", on_delete=models.PROTECT, related_name="needs_topics",
        verbose_name="owned and approved by")
    approved_on = models.DateField("date approved", null=True, blank=True)
    next_review_on = models.DateField("next review date", null=True, blank=True)
    indicators = models.ManyToManyField(
        "performance.Indicator", blank=True, related_name="needs_topics",
        help_text="The indicators this topic's evidence rests on.")
    strategies = models.ManyToManyField(
        "risks.Strategy", blank=True, related_name="needs_topics",
        help_text="Strategies in the strategies register that answer this need.")
    is_illustrative = models.BooleanField(
        default=False, help_text="Made up for the demonstration, not from a real assessment.")
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(approved_on__isnull=True) | Q(next_review_on__isnull=True)
                           | Q(next_review_on__gt=F("approved_on"))),
                name="needs_topic_review_after_approval",
                violation_error_message="The next review date must fall after the date "
                                        "the topic was approved."),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commissioning:topic-detail", args=[self.slug])

    def is_review_overdue(self, on: date) -> bool:
        return self.next_review_on is not None and self.next_review_on < on


class NeedsDocument(models.Model):
    """A document of a needs topic: a file uploaded under the same checks as meeting papers
    (meetings/papers.py), or a link to where it is published."""

    topic = models.ForeignKey(NeedsTopic, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    url = models.URLField("link", max_length=500, blank=True)
    file = models.FileField(max_length=200, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="Bytes.")
    sha256 = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey("core.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="needs_document_file_or_link",
                violation_error_message="A document is either an uploaded file or a link."),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url or reverse("commissioning:document-download", args=[self.pk])

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"


class FundingArrangement(models.TextChoices):
    SINGLE = "single", "Single (one partner funds it)"
    ALIGNED = "aligned", "Aligned (partners fund it side by side)"
    POOLED = "pooled", "Pooled fund"


class PooledBasis(models.TextChoices):
    SECTION_75 = "s75", "Section 75 agreement, National Health Service Act 2006"
    SECTION_10 = "s10", "Section 10 pooled fund, Children Act 2004"


class Service(models.Model):
    """A commissioned service, its contract and the partners who fund it."""

    scenario = models.ForeignKey("governance.Scenario", on_delete=models.CASCADE,
                                 related_name="services")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField("what it does", blank=True)
    priorities = models.ManyToManyField("plans.Priority", blank=True, related_name="services")
    needs_topics = models.ManyToManyField(NeedsTopic, blank=True, related_name="services",
                                          verbose_name="needs it serves")
    strategy = models.ForeignKey(
        "risks.Strategy", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="services", help_text="The strategy in the strategies register it serves.")
    commissioning_body = models.ForeignKey(
        "governance.Body", null=True, blank=True, on_delete=models.PROTECT,
        related_name="services_commissioned",
        help_text="An integrated commissioning group; leave blank when a partner commissions "
                  "it alone.")
    commissioning_partner = models.ForeignKey(
        "governance.Organisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="services_commissioned", help_text="The partner commissioning it alone.")
    lead_commissioner = models.ForeignKey("governance.Person", null=True, blank=True,
                                          on_delete=models.SET_NULL,
                                          related_name="services_led")
    provider = models.ForeignKey("governance.Organisation", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="services_provided",
                                 verbose_name="provider organisation")
    provider_name = models.CharField(
        max_length=200, blank=True,
        help_text="The provider, when it is not one of the partnership's organisations.")
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)
    annual_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                       validators=[MinValueValidator(0)],
                                       help_text="Pounds a year.")
    funding_arrangement = models.CharField(max_length=10, choices=FundingArrangement.choices,
                                           default=FundingArrangement.SINGLE)
    pooled_basis = models.CharField("pooled under", max_length=5, choices=PooledBasis.choices,
                                    blank=True)
    funding_partners = models.ManyToManyField(
        "governance.Organisation", blank=True, related_name="services_funded",
        help_text="The partners in its funding arrangement.")
    indicators = models.ManyToManyField("performance.Indicator", blank=True,
                                        related_name="services",
                                        verbose_name="outcome indicators")
    award_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="contract_awards",
        help_text="The agenda item deciding the contract's award: while it is exempt "
                  "(Schedule 12A paragraph 3), the value and bidders follow its visibility.")
    bidders = models.TextField(blank=True, help_text="Who bid for the contract.")
    is_illustrative = models.BooleanField(
        default=False, help_text="Made up for the demonstration, not a real contract.")
    history = HistoricalRecords(m2m_fields=[priorities, needs_topics, funding_partners,
                                            indicators])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(contract_start__isnull=True) | Q(contract_end__isnull=True)
                           | Q(contract_end__gt=F("contract_start"))),
                name="service_contract_ends_after_start",
                violation_error_message="The contract must end after it starts."),
            models.CheckConstraint(
                condition=Q(annual_value__isnull=True) | Q(annual_value__gte=0),
                name="service_value_not_negative",
                violation_error_message="The annual value cannot be negative."),
            models.CheckConstraint(
                condition=(Q(funding_arrangement=FundingArrangement.POOLED) & ~Q(pooled_basis=""))
                | (~Q(funding_arrangement=FundingArrangement.POOLED) & Q(pooled_basis="")),
                name="service_pooled_names_basis",
                violation_error_message="A pooled fund names its legal basis (section 75 or "
                                        "section 10); other arrangements name none."),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("commissioning:service-detail", args=[self.slug])

    @property
    def commissioner_name(self) -> str:
        return str(self.commissioning_body or self.commissioning_partner or "")

    @property
    def provider_display(self) -> str:
        return str(self.provider or self.provider_name)


class BudgetYear(models.Model):
    """A service's budget for one financial year; its partners' contributions add up to it."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="budget_years")
    year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts: 2025 for 2025/26.")
    total = models.DecimalField(max_digits=12, decimal_places=2,
                                validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "year"]
        constraints = [
            models.UniqueConstraint(fields=["service", "year"], name="budget_year_unique",
                                    violation_error_message="That year's budget is recorded."),
            models.CheckConstraint(condition=Q(total__gte=0), name="budget_total_not_negative",
                                   violation_error_message="A budget cannot be negative."),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.year_label}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


class Contribution(models.Model):
    """One partner's contribution to a service's budget in a financial year."""

    budget_year = models.ForeignKey(BudgetYear, on_delete=models.CASCADE,
                                    related_name="contributions")
    partner = models.ForeignKey("governance.Organisation", on_delete=models.PROTECT,
                                related_name="contributions")
    amount = models.DecimalField(max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget_year", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["budget_year", "partner"],
                                    name="contribution_once_per_partner",
                                    violation_error_message="That partner's contribution for "
                                                            "the year is recorded."),
            models.CheckConstraint(condition=Q(amount__gte=0),
                                   name="contribution_not_negative",
                                   violation_error_message="A contribution cannot be negative."),
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.amount}"


class DecisionKind(models.TextChoices):
    COMMISSION = "commission", "Commission"
    RECOMMISSION = "recommission", "Recommission"
    EXTEND = "extend", "Extend"
    VARY = "vary", "Vary"
    DECOMMISSION = "decommission", "Decommission"


class CommissioningDecisionQuerySet(models.QuerySet):
    def visible_to(self, user, *, today: date | None = None):
        """Decisions on items `user` may see: the meetings' one rule (exempt_visibility_q)."""
        from django.utils import timezone

        from trustboard.meetings.models import exempt_visibility_q

        rule = exempt_visibility_q(user, item_path="item__", today=today or timezone.localdate())
        return self if rule is None else self.filter(rule)


class CommissioningDecision(models.Model):
    """A decision about a service, taken at a meeting of the deciding body on an agenda item,
    with its reason and the evidence it cites (needs topics, indicator readings as they stood
    on the day, and what children and families said)."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT,
                             related_name="commissioning_decisions",
                             verbose_name="agenda item")
    meeting_decision = models.OneToOneField(
        "meetings.Decision", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="commissioning_decision",
        help_text="The decision in the meeting's record.")
    decided_on = models.DateField()
    reason = models.TextField()
    needs_topics = models.ManyToManyField(NeedsTopic, blank=True,
                                          related_name="decisions_citing")
    findings = models.ManyToManyField("participation.Finding", blank=True,
                                      related_name="commissioning_decisions",
                                      verbose_name="participation findings")
    recorded_by = models.ForeignKey("core.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[needs_topics, findings])

    objects = CommissioningDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.service}"

    def get_absolute_url(self) -> str:
        return reverse("commissioning:decision-detail", args=[self.pk])


class CitedReading(models.Model):
    """An indicator's reading as it stood on the decision date, frozen when the decision was
    saved, so anyone can later see what the decision rested on even after new data arrive."""

    decision = models.ForeignKey(CommissioningDecision, on_delete=models.CASCADE,
                                 related_name="cited_readings")
    indicator = models.ForeignKey("performance.Indicator", on_delete=models.PROTECT,
                                  related_name="cited_by_decisions")
    as_at = models.DateField()
    period = models.CharField(max_length=40)
    value = models.FloatField()
    lower95 = models.FloatField(null=True, blank=True)
    upper95 = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=100, blank=True)
    england_value = models.FloatField(null=True, blank=True)
    compared_with_england = models.CharField(max_length=20, blank=True)
    neighbour_average = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True)
    data_import = models.ForeignKey("performance.DataImport", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    import_name = models.CharField(max_length=255, blank=True)
    was_out_of_date = models.BooleanField(default=False)
    next_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["decision", "indicator__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "indicator"],
                                    name="cited_reading_once_per_decision"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.period})"
