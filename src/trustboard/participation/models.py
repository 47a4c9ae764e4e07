"""The voice of children, young people and families: engagements, findings, responses.

Plymouth 2014: the partnership must "champion the voice of children and young people and
parents in service design". Each engagement records who ran it and how many took part, never
who: names are never stored. Each finding ("you said") gets a response ("we did").
"""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Method(models.TextChoices):
    SURVEY = "survey", "Survey"
    GROUP = "group", "Group"
    EVENT = "event", "Event"
    YOUTH_COUNCIL = "youth council", "Youth council"
    CONSULTATION = "consultation", "Consultation"
    COMPLAINT_THEMES = "complaint themes", "Complaint themes"


class Topic(models.Model):
    """What an engagement was about, the heading the public reads "you said, we did" under."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('participation:you-said-we-did')}?topic={self.slug}"


class Engagement(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.PROTECT, related_name="engagements",
        help_text="The plan whose priorities and key actions its findings are tagged to.")
    scenario = models.ForeignKey(
        "governance.Scenario", on_delete=models.PROTECT, related_name="engagements",
        help_text="The arrangement whose meetings' decisions its responses link to.")
    title = models.CharField(max_length=200)
    held_on = models.DateField("date")
    locality = models.ForeignKey(
        "performance.Area", null=True, blank=True, on_delete=models.PROTECT,
        related_name="engagements",
        help_text="The district or locality; empty for the whole area.")
    method = models.CharField(max_length=20, choices=Method.choices)
    run_by_organisation = models.ForeignKey(
        "governance.Organisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="engagements", verbose_name="run by (organisation)")
    run_by_person = models.ForeignKey(
        "governance.Person", null=True, blank=True, on_delete=models.PROTECT,
        related_name="engagements", verbose_name="run by (person)",
        help_text="The officer who ran it; never a child or family member.")
    summary = models.TextField(
        help_text="What was done and with whom, in plain English; the public reads it. "
                  "No names, email addresses or phone numbers.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="engagements")
    is_illustrative = models.BooleanField(
        default=False, help_text="Made up for the demonstration; shown as illustrative.")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:engagement-detail", args=[self.pk])


class AgeBand(models.TextChoices):
    UNDER_5 = "0-4", "Under 5"
    FROM_5_TO_10 = "5-10", "5 to 10"
    FROM_11_TO_15 = "11-15", "11 to 15"
    FROM_16_TO_18 = "16-18", "16 to 18"
    FROM_19_TO_25 = "19-25", "19 to 25"
    PARENTS = "parents", "Parents and carers"


class ParticipantGroup(models.TextChoices):
    CHILDREN_IN_CARE = "children in care", "Children in care"
    CARE_LEAVERS = "care leavers", "Care leavers"
    YOUNG_CARERS = "young carers", "Young carers"
    DISABLED = "disabled", "Disabled children and young people"
    SEND = "send", "Children and young people with special educational needs"
    YOUNG_PARENTS = "young parents", "Young parents"
    YOUTH_JUSTICE = "youth justice", "Young people known to youth justice"


class CountKind(models.TextChoices):
    AGE_BAND = "age band", "Age band"
    GROUP = "group", "Group"


class ParticipantCount(models.Model):
    """How many took part, by age band or by group; counts only, never who."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="counts")
    kind = models.CharField(max_length=10, choices=CountKind.choices)
    category = models.CharField(
        max_length=20,
        choices=[*AgeBand.choices, *ParticipantGroup.choices])
    count = models.IntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "kind", "category"],
                                    name="participant_count_once",
                                    violation_error_message="That count is already recorded."),
            models.CheckConstraint(condition=Q(count__gte=0),
                                   name="participant_count_not_negative",
                                   violation_error_message="A count cannot be negative."),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.count}"


class Finding(models.Model):
    """One thing children, young people or families said ("you said")."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE,
                                   related_name="findings")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="findings")
    title = models.CharField(
        max_length=200, help_text="A short name for the finding, for example "
                                  "\"Young people want the drop-in open after school\".")
    said = models.TextField(
        "what they said", help_text="In plain English, as the public will read it. No names.")
    priorities = models.ManyToManyField("plans.Priority", blank=True, related_name="findings")
    needs_topics = models.ManyToManyField(
        "commissioning.NeedsTopic", blank=True, related_name="findings",
        verbose_name="needs", help_text="The needs assessment topics it bears on.")
    services = models.ManyToManyField(
        "commissioning.Service", blank=True, related_name="findings",
        help_text="The commissioned services it is about.")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[priorities, needs_topics, services])

    class Meta:
        ordering = ["engagement", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.engagement.get_absolute_url()}#finding-{self.pk}"

    def response_due_on(self, *, days: int) -> datetime.date:
        return self.engagement.held_on + datetime.timedelta(days=days)


class ResponseKind(models.TextChoices):
    DID = "we did", "We did"
    WILL = "we will", "We will"
    CANNOT = "we cannot", "We cannot"


class Response(models.Model):
    """What the partnership did about a finding ("we did"), and what it followed from."""

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="response")
    kind = models.CharField(max_length=10, choices=ResponseKind.choices)
    text = models.TextField(
        "what we did or will do", help_text="In plain English, as the public will read it.")
    will_by = models.DateField(
        "by when", null=True, blank=True, help_text="For \"we will\": the date it will be done.")
    reason = models.TextField(
        "why not", blank=True, help_text="For \"we cannot\": the reason, in plain English.")
    responded_on = models.DateField()
    decision = models.ForeignKey(
        "meetings.Decision", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="participation_responses", help_text="The decision that followed.")
    key_action = models.ForeignKey(
        "plans.KeyAction", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="participation_responses", help_text="The key action that followed.")
    service_change = models.ForeignKey(
        "commissioning.CommissioningDecision", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="participation_responses",
        help_text="The commissioning decision about a service that followed.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["finding"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ResponseKind.WILL) | Q(will_by__isnull=False),
                name="response_we_will_has_date",
                violation_error_message="Say by when: \"we will\" needs a date."),
            models.CheckConstraint(
                condition=~Q(kind=ResponseKind.CANNOT) | ~Q(reason=""),
                name="response_we_cannot_has_reason",
                violation_error_message="Say why: \"we cannot\" needs a reason."),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"
