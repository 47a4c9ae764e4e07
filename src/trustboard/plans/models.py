"""The Children, Young People and Families Plan: priorities, key actions and their progress.

Nottinghamshire 2013: "For each priority, there are a number of key actions and performance
indicators to track progress"; "Lead officers/managers have identified that all activities
are either on schedule or completed".
"""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Plan(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    approved_by = models.CharField(max_length=200, blank=True,
                                   help_text="For example, the County Council.")
    approved_on = models.DateField(null=True, blank=True)
    reporting_date = models.DateField(
        null=True, blank=True,
        help_text="The date the plan's progress and figures are read as at, unless a reader "
                  "chooses another: the end of the latest reporting period.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")),
                                   name="plan_ends_after_it_starts",
                                   violation_error_message="A plan must end after it starts."),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan-detail", args=[self.slug])


class PlanRefresh(models.Model):
    """An annual refresh, approved on a date; the plan as it stood is kept in history."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="refreshes")
    title = models.CharField(max_length=200, help_text="For example, 2012-13 Annual Refresh.")
    approved_by = models.CharField(max_length=200, blank=True)
    approved_on = models.DateField()
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "approved_on"]

    def __str__(self) -> str:
        return self.title


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    outcome = models.TextField("outcome sought", blank=True)
    accountable_body = models.ForeignKey(
        "governance.Body", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="priorities",
    )
    indicators = models.ManyToManyField(
        "performance.Indicator", blank=True, related_name="priorities",
        help_text="The performance indicators that track progress on this priority.")
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique",
                                    violation_error_message="That priority number is taken."),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ActionStatus(models.TextChoices):
    """The words the 2013 report uses for progress, in order of concern."""

    DELAYED = "delayed", "Delayed"
    AT_RISK = "at risk", "At risk"
    NOT_STARTED = "not started", "Not started"
    ON_SCHEDULE = "on schedule", "On schedule"
    COMPLETED = "completed", "Completed"


#: The status an action past its due date and not completed shows, whatever its last update
#: says. It is worked out, never recorded: a lead reports one of ActionStatus.
OVERDUE = "overdue"
#: Every status an action can show, with its label, most concerning first.
SHOWN_STATUSES = ((OVERDUE, "Overdue"), *((status.value, status.label) for status in ActionStatus))


def action_is_overdue(*, due_on: datetime.date | None, status: str,
                      as_at: datetime.date) -> bool:
    """Whether an action is overdue as at a date: due before it and not completed, whatever
    its last update says. The one definition every page, count and report uses."""
    return due_on is not None and due_on < as_at and status != ActionStatus.COMPLETED


def action_shown_status(*, due_on: datetime.date | None, status: str | None,
                        as_at: datetime.date) -> str:
    """The one status an action shows as at a date: overdue when it is, else its last
    recorded status (not started when it has none)."""
    status = status or ActionStatus.NOT_STARTED
    return OVERDUE if action_is_overdue(due_on=due_on, status=status, as_at=as_at) else status


def status_label(status: str) -> str:
    return dict(SHOWN_STATUSES)[status]


class KeyAction(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=20, help_text="For example, 1.3.")
    title = models.CharField(max_length=400)
    lead_officer = models.ForeignKey(
        "governance.Person", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="key_actions",
    )
    lead_organisation = models.ForeignKey(
        "governance.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="key_actions",
    )
    due_on = models.DateField(null=True, blank=True)
    indicators = models.ManyToManyField(
        "performance.Indicator", blank=True, related_name="key_actions",
        help_text="The indicators this action should move.")
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        ordering = ["priority__number", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "reference"],
                                    name="key_action_reference_unique",
                                    violation_error_message="That reference is taken."),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:key-action-detail", args=[self.priority.plan.slug, self.pk])


class ActionUpdate(models.Model):
    """A dated status report by the lead, with the commentary the report quotes."""

    action = models.ForeignKey(KeyAction, on_delete=models.CASCADE, related_name="updates")
    as_at = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    commentary = models.TextField(blank=True)
    recorded_by = models.ForeignKey("core.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey("core.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    help_text="The officer who approved the commentary for "
                                              "publication.")
    approved_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When the commentary was approved for publication; empty while it waits. "
                  "Changing the commentary clears it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-as_at", "-recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["action", "as_at"], name="one_update_a_day",
                                    violation_error_message="This action already has an "
                                                            "update on that date; change it."),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference}: {self.get_status_display()} at {self.as_at}"

    @property
    def commentary_is_public(self) -> bool:
        """The public reads a lead's commentary only once an officer has approved it, as
        for an indicator's commentary."""
        return bool(self.commentary) and self.approved_at is not None

    @property
    def commentary_awaiting_approval(self) -> bool:
        return bool(self.commentary) and self.approved_at is None
