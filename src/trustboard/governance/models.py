"""The partnership's structure: who meets, who sits where, and who answers to whom.

Organisations and people are shared by every scenario; bodies, memberships and
relationships belong to one scenario, so a proposal can be drawn beside what is.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local authority", "Local authority"
    NHS = "nhs", "NHS"
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth justice", "Youth justice"
    EDUCATION = "education", "Schools and colleges"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    EMPLOYMENT = "employment", "Employment and skills"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other"


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.OTHER)
    is_relevant_partner = models.BooleanField(
        "relevant partner (Children Act 2004 s.10)", default=False,
        help_text="Under the duty to co-operate to improve children's wellbeing.",
    )
    is_safeguarding_partner = models.BooleanField(
        "safeguarding partner (Working Together 2023)", default=False,
        help_text="The local authority, the integrated care board or the chief officer of police.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:organisation-detail", args=[self.pk])

    @property
    def is_statutory(self) -> bool:
        return self.is_relevant_partner or self.is_safeguarding_partner


class Person(models.Model):
    name = models.CharField(max_length=200, unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    seniority_tier = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="1 is the chief executive; the 2015 review asks for tier 2 or 3 on the board.",
    )
    is_elected_member = models.BooleanField("elected member", default=False)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:person-detail", args=[self.pk])


class Scenario(models.Model):
    """One arrangement of the partnership: as it is, or as proposed."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    is_current = models.BooleanField(
        "current arrangement", default=False,
        help_text="The structure in force; the public sees this one first.",
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="scenarios",
        help_text="The partners this arrangement is for; checks look for each on the board.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        ordering = ["-is_current", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_scenario"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:scenario-detail", args=[self.slug])


class BodyKind(models.TextChoices):
    TRUST_BOARD = "trust board", "Children's trust board"
    EXECUTIVE = "executive group", "Executive group"
    COMMISSIONING_GROUP = "integrated commissioning group", "Integrated commissioning group"
    LOCALITY_GROUP = "locality group", "Locality management group"
    DELIVERY_PARTNERSHIP = "delivery partnership", "Delivery partnership"
    HEALTH_AND_WELLBEING_BOARD = "health and wellbeing board", "Health and Wellbeing Board"
    SAFEGUARDING_BOARD = "safeguarding board", "Safeguarding children board or partnership"
    STRATEGIC_PARTNERSHIP = "local strategic partnership", "Local strategic partnership"
    COUNCIL_EXECUTIVE = "council executive", "Council executive or committee"
    NHS_BOARD = "nhs board", "NHS board"
    SCRUTINY = "scrutiny", "Scrutiny committee or panel"
    YOUTH_JUSTICE_BOARD = "youth justice board", "Youth offending management board"
    OTHER = "other", "Other partnership"


class Body(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=BodyKind.choices, default=BodyKind.OTHER)
    is_partnership_board = models.BooleanField(
        "the partnership's board", default=False,
        help_text="The body at the top of the children's partnership in this arrangement.",
    )
    purpose = models.TextField(blank=True)
    responsibilities = models.JSONField(default=list, blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(
        default=4, validators=[MaxValueValidator(365)]
    )
    meeting_hours = models.DecimalField(
        "length of a meeting (hours)", max_digits=4, decimal_places=2, default=Decimal("2"),
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    quorum = models.PositiveSmallIntegerField(null=True, blank=True)
    locality = models.CharField(max_length=100, blank=True)
    formerly = models.JSONField(
        default=list, blank=True, help_text="Names of the bodies merged into this one."
    )
    replaces = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="replaced_by",
        help_text="Bodies of the arrangement this scenario is based on that this body takes "
                  "over from, so a comparison says \"replaced by\" rather than gone and new.",
    )
    is_membership_partial = models.BooleanField(
        "only some members are recorded", default=False,
        help_text="Tick for a body outside the partnership (the Health and Wellbeing Board, "
                  "say) where only the partnership's own people are recorded: its meeting "
                  "hours are then shown as not known rather than undercounted.",
    )
    history = HistoricalRecords(m2m_fields=[replaces])

    class Meta:
        ordering = ["scenario", "name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "name"], name="body_name_unique_in_scenario",
                violation_error_message="There is already a body of that name in this scenario.",
            ),
            models.UniqueConstraint(
                fields=["scenario"], condition=Q(is_partnership_board=True),
                name="one_partnership_board_per_scenario",
                violation_error_message="This scenario already has a partnership board.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body-detail", args=[self.scenario.slug, self.pk])

    @property
    def is_membership_known(self) -> bool:
        """Whether its members (as prefetched: the current ones) are all recorded."""
        return not self.is_membership_partial and bool(self.memberships.all())


class MembershipRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice-chair", "Vice-chair"
    MEMBER = "member", "Member"
    PARTICIPANT_OBSERVER = "participant observer", "Participant observer"
    INVITED = "invited", "Invited"


# Roles that count towards a quorum: observers and invited guests do not.
VOTING_ROLES = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.MEMBER)


class Membership(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=MembershipRole.choices,
                            default=MembershipRole.MEMBER)
    represents = models.ManyToManyField(
        Organisation, blank=True, related_name="representations",
        help_text="One person may represent several organisations (2013 review).",
    )
    seniority_tier = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[represents])

    class Meta:
        ordering = ["body", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "person"], name="one_membership_per_body",
                violation_error_message="This person already has a seat on this body; change "
                                        "that seat instead.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
                violation_error_message="A membership cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.body})"

    @property
    def counts_for_quorum(self) -> bool:
        return self.role in VOTING_ROLES


class RelationshipKind(models.TextChoices):
    REPORTS_TO = "reports to", "reports to"
    ADVISES = "advises", "advises"
    TASKS = "tasks", "tasks"
    CHALLENGES = "challenges", "challenges and scrutinises"
    RECEIVES_ANNUAL_REPORT_FROM = "receives annual report from", "receives the annual report of"
    DELEGATES_TO = "delegates to", "delegates to"


class Relationship(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="relationships")
    source = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="outgoing")
    kind = models.CharField(max_length=40, choices=RelationshipKind.choices)
    target = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="incoming")
    times_per_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How often, e.g. 4 for quarterly reports."
    )
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scenario", "source__name", "kind", "target__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="relationship_unique",
                violation_error_message="That line between these two bodies already exists.",
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relationship_between_two_bodies",
                violation_error_message="A line must join two different bodies.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"
