"""The risks and issues register, and the register of the partnership's strategies.

Nottinghamshire 2015 (000_...): the executives are responsible for "identifying risks and
issues" and for "Monitoring risks and issues and ensuring appropriate mitigation".
Nottinghamshire 2013 (002_..., paragraphs 5 and 12): the Children's Trust "has given its
partnership approval to a number of key strategies that relate to priorities in the CYPF Plan".

A risk is scored on two 1-5 scales, likelihood and impact; its score is their product (1-25).
It has three positions: inherent (before any control), current (as last reviewed) and target.
Each review is kept, dated, with the current scores it found, so the trend of a risk and the
heat map can be read as at any date. An issue is a risk that has happened.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

#: The 1-5 scales of likelihood and impact.
SCALE = range(1, 6)
LIKELIHOOD_LABELS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_LABELS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}


def _scale_field(verbose_name: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(1), MaxValueValidator(5)],
        choices=[(value, str(value)) for value in SCALE])


def _scale_check(field: str, label: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}), name=f"%(class)s_{field}_1_to_5",
        violation_error_message=f"The {label} is on a scale of 1 to 5.")


def risk_band(score: int) -> str:
    """The band a score (likelihood x impact, 1-25) falls in, in words, so no reader needs
    the colour: low 1-4, medium 5-9, high 10-14, very high 15-25."""
    if score >= 15:
        return "Very high"
    if score >= 10:
        return "High"
    if score >= 5:
        return "Medium"
    return "Low"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Risk(models.Model):
    """A risk to the plan, owned by one body and one person, linked to the priorities it threatens.

    The current likelihood and impact are those of the latest review; a review records them,
    dated, in `RiskReview`, so the position as at an earlier date is never lost.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="risks")
    reference = models.CharField(max_length=20, help_text="For example, R3.")
    title = models.CharField(max_length=300)
    cause = models.TextField(help_text="What could make it happen.")
    effect = models.TextField(help_text="What would follow for children and families if it did.")
    body = models.ForeignKey("governance.Body", on_delete=models.PROTECT, related_name="risks",
                             help_text="The body that owns the risk and reviews it.")
    owner = models.ForeignKey("governance.Person", on_delete=models.PROTECT,
                              related_name="risks_owned")
    priorities = models.ManyToManyField("plans.Priority", blank=True, related_name="risks")
    identified_on = models.DateField(help_text="When the risk entered the register.")
    inherent_likelihood = _scale_field("inherent likelihood")
    inherent_impact = _scale_field("inherent impact")
    current_likelihood = _scale_field("current likelihood")
    current_impact = _scale_field("current impact")
    target_likelihood = _scale_field("target likelihood")
    target_impact = _scale_field("target impact")
    target_is_achieved = models.BooleanField(
        "target achieved", default=False,
        help_text="The current score has come down to the target.")
    controls = models.TextField(blank=True, help_text="What is already in place.")
    review_on = models.DateField("next review", help_text="When the owner next reviews it: "
                                 "that of the latest review.")
    status = models.CharField(max_length=10, choices=RiskStatus.choices,
                              default=RiskStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    # An issue is a risk that has happened.
    is_issue = models.BooleanField("has happened (an issue)", default=False)
    occurred_on = models.DateField(null=True, blank=True)
    issue_impact = models.TextField("impact of the issue", blank=True)
    response = models.TextField("response to the issue", blank=True)
    agenda_items = models.ManyToManyField(
        "meetings.AgendaItem", blank=True, related_name="risks",
        help_text="The agenda items that discussed the risk, including those it was escalated to.")
    note = models.CharField(max_length=300, blank=True,
                            help_text="For example, where the risk is illustrative.")
    history = HistoricalRecords(m2m_fields=[priorities, agenda_items])

    class Meta:
        ordering = ["plan", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="risk_reference_unique",
                                    violation_error_message="That reference is taken."),
            _scale_check("inherent_likelihood", "inherent likelihood"),
            _scale_check("inherent_impact", "inherent impact"),
            _scale_check("current_likelihood", "current likelihood"),
            _scale_check("current_impact", "current impact"),
            _scale_check("target_likelihood", "target likelihood"),
            _scale_check("target_impact", "target impact"),
            models.CheckConstraint(
                condition=(Q(status=RiskStatus.OPEN, closed_on__isnull=True)
                           | Q(status=RiskStatus.CLOSED, closed_on__isnull=False)),
                name="risk_closed_has_date",
                violation_error_message="A closed risk has the date it closed; an open one "
                                        "has none."),
            models.CheckConstraint(
                condition=Q(is_issue=False, occurred_on__isnull=True)
                | Q(is_issue=True, occurred_on__isnull=False),
                name="risk_issue_has_date",
                violation_error_message="An issue has the date it happened."),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("risks:risk-detail", args=[self.plan.slug, self.pk])

    @property
    def inherent_score(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def current_score(self) -> int:
        return self.current_likelihood * self.current_impact

    @property
    def target_score(self) -> int:
        return self.target_likelihood * self.target_impact

    @property
    def is_open(self) -> bool:
        return self.status == RiskStatus.OPEN

    def review_is_overdue(self, as_at: datetime.date) -> bool:
        return self.is_open and self.review_on < as_at


class RiskReview(models.Model):
    """A dated review of a risk: the current likelihood and impact the owner found then."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    likelihood = _scale_field("likelihood")
    impact = _scale_field("impact")
    next_review_on = models.DateField("next review",
                                      help_text="When the owner is to review the risk again.")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey("core.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["risk", "-reviewed_on"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "reviewed_on"], name="one_risk_review_a_day",
                                    violation_error_message="This risk already has a review on "
                                                            "that date."),
            _scale_check("likelihood", "likelihood"),
            _scale_check("impact", "impact"),
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("reviewed_on")),
                name="risk_next_review_after_review",
                violation_error_message="The next review falls after this one."),
        ]

    def __str__(self) -> str:
        return f"{self.risk.reference} reviewed {self.reviewed_on}: {self.score}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class MitigationStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class MitigatingAction(models.Model):
    """What is being done to bring a risk down: an action with an owner and due date, or a
    key action of the plan that serves the purpose."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="mitigations")
    text = models.TextField(blank=True)
    owner = models.ForeignKey("governance.Person", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="mitigations_owned")
    due_on = models.DateField(null=True, blank=True)
    key_action = models.ForeignKey("plans.KeyAction", null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="mitigations",
                                   help_text="A key action of the plan that mitigates the risk.")
    status = models.CharField(max_length=10, choices=MitigationStatus.choices,
                              default=MitigationStatus.OPEN)
    done_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["risk", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(key_action__isnull=False)
                | Q(owner__isnull=False, due_on__isnull=False),
                name="mitigation_has_owner_or_key_action",
                violation_error_message="A mitigating action has an owner and a due date, "
                                        "or is a key action of the plan."),
            models.CheckConstraint(
                condition=(Q(status=MitigationStatus.OPEN, done_on__isnull=True)
                           | Q(status=MitigationStatus.DONE, done_on__isnull=False)),
                name="mitigation_done_has_date",
                violation_error_message="A finished action has the date it was done."),
        ]

    def __str__(self) -> str:
        return self.text or str(self.key_action)


class Strategy(models.Model):
    """A strategy the partnership approved, serving priorities of the plan, reviewed by a date."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="strategies")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    owner = models.ForeignKey("governance.Person", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="strategies_owned")
    approved_by = models.ForeignKey(
        "meetings.Decision", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="strategies", help_text="The decision that approved it.")
    approved_on = models.DateField(null=True, blank=True)
    review_on = models.DateField("review by", null=True, blank=True)
    priorities = models.ManyToManyField("plans.Priority", blank=True, related_name="strategies")
    url = models.URLField("link", max_length=500, blank=True,
                          help_text="Where the strategy is published, if it is.")
    note = models.CharField(max_length=300, blank=True,
                            help_text="For example, where a detail is illustrative.")
    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["plan", "title"]
        verbose_name_plural = "strategies"
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="strategy_title_unique",
                                    violation_error_message="The plan already has a strategy "
                                                            "of that title."),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("risks:strategy-detail", args=[self.plan.slug, self.pk])

    def review_is_overdue(self, as_at: datetime.date) -> bool:
        return self.review_on is not None and self.review_on < as_at
