"""Meetings of the partnership's bodies: agendas, attendance, interests, decisions and actions.

Agenda items may be exempt under Schedule 12A of the Local Government Act 1972. Whether a
person may see one is decided by one rule, `exempt_visibility_q`, that every queryset of
items (and of the declarations, decisions and actions hanging off them) filters through
with `.visible_to(user)`.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from trustboard.core.models import Role
from trustboard.core.permissions import role_of
from trustboard.governance.models import Body, Membership, Person

# Officers and administrators run meetings and see every item.
STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.OFFICER})


def current_membership_q(on: date, prefix: str = "") -> Q:
    """Memberships held on `on`: started (or undated) and not yet ended."""
    return (
        (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on}))
        & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on}))
    )


def exempt_visibility_q(user, *, item_path: str = "", today: date) -> Q | None:
    """The items `user` may see, as a filter on the path to the agenda item; None means all.

    Exempt items are for the members of the meeting's body, or of a body meeting jointly
    with it (a current membership held by the person linked to the user), and for officers
    and administrators; nobody else.
    """
    role = role_of(user)
    if role in STAFF_ROLES:
        return None
    public = Q(**{f"{item_path}is_exempt": False})
    if role is None:
        return public
    member_of_body = Membership.objects.filter(
        Q(body_id=OuterRef(f"{item_path}meeting__body_id"))
        | Q(body__joint_meetings=OuterRef(f"{item_path}meeting_id")),
        current_membership_q(today), person__user=user,
    )
    return public | Q(Exists(member_of_body))


class VisibleQuerySet(models.QuerySet):
    """Rows that belong to an agenda item, filtered by who may see that item."""

    item_path = ""

    def visible_to(self, user, *, today: date | None = None):
        rule = exempt_visibility_q(user, item_path=self.item_path,
                                   today=today or timezone.localdate())
        return self if rule is None else self.filter(rule)


class AgendaItemQuerySet(VisibleQuerySet):
    item_path = ""


class ItemChildQuerySet(VisibleQuerySet):
    item_path = "item__"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CONFIRMED = "confirmed", "Confirmed"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(models.Model):
    # PROTECT: a body with a meeting record cannot vanish and take its decisions with it.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(
        blank=True, help_text="Left blank, the body's usual length of meeting is used.")
    place = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.SCHEDULED)
    notes = models.TextField(blank=True)
    joint_bodies = models.ManyToManyField(
        Body, blank=True, related_name="joint_meetings",
        help_text="Other bodies meeting jointly with the lead body: each one's members attend "
                  "and each is quorate or not on its own.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[joint_bodies])

    class Meta:
        ordering = ["starts_at", "body__name"]
        indexes = [models.Index(fields=["body", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start",
                violation_error_message="A meeting must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} on {timezone.localtime(self.starts_at):%-d %B %Y at %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


class Purpose(models.TextChoices):
    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"
    ASSURANCE = "assurance", "For assurance"


class ExemptParagraph(models.IntegerChoices):
    """Schedule 12A, Part 1, of the Local Government Act 1972 (England)."""

    INDIVIDUAL = 1, "1. Information relating to any individual"
    IDENTITY = 2, "2. Information likely to reveal the identity of an individual"
    FINANCIAL = 3, "3. Financial or business affairs of any particular person"
    LABOUR_RELATIONS = 4, "4. Consultations or negotiations on a labour relations matter"
    LEGAL_PRIVILEGE = 5, "5. Information subject to legal professional privilege"
    NOTICE_OR_ORDER = 6, "6. A proposed notice, order or direction under an enactment"
    CRIME = 7, "7. Prevention, investigation or prosecution of crime"


class StandardItem(models.TextChoices):
    """The standard business a clerk puts on every agenda; blank for an ordinary item."""

    APOLOGIES = "apologies", "Apologies and substitutions"
    DECLARATIONS = "declarations", "Declarations of interest"
    MINUTES = "minutes", "Minutes of the last meeting"
    MATTERS_ARISING = "matters arising", "Matters arising"
    EXCLUSION = "exclusion", "Exclusion of the press and public"
    AOB = "aob", "Any other business"
    NEXT_MEETING = "next meeting", "Date of next meeting"


#: What the public sees of an exempt item whose clerk gave it no public title.
GENERIC_EXEMPT_TITLE = "Item not for publication"


def exempt_line(paragraph: int | None) -> str:
    """How an exempt item is listed to the public: never its title, only the law's ground."""
    return f"Exempt item: Schedule 12A paragraph {paragraph}"


def exclusion_resolution(paragraphs, *, items: int, resolved: bool = False) -> str:
    """The resolution to exclude the press and public before `items` exempt items, citing
    their paragraphs of Schedule 12A; as moved on the agenda, or as `resolved` in the minutes."""
    numbers = sorted(set(paragraphs))
    if not numbers:
        return "No item on this agenda is exempt: the press and public stay."
    cited = (f"paragraph {numbers[0]}" if len(numbers) == 1 else
             "paragraphs " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}")
    lead = "RESOLVED that" if resolved else "To resolve that"
    business = "item" if items == 1 else "items"
    verb = "involves" if items == 1 else "involve"
    return (f"{lead} the press and public be excluded from the meeting for the following "
            f"{business} of business, on the grounds that {'it' if items == 1 else 'they'} "
            f"{verb} the likely disclosure of exempt information as defined in {cited} of "
            "Part 1 of Schedule 12A to the Local Government Act 1972.")


class AgendaItem(models.Model):
    """One item of a meeting's agenda, linked to the plan's priorities, key actions and indicators.

    The links are what the agenda coverage analysis counts (issue 5; the 2015 review asks
    whether the Trust's agendas followed its priorities).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=300)
    presenter = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="items_presented")
    purpose = models.CharField(max_length=20, choices=Purpose.choices,
                               default=Purpose.DISCUSSION)
    is_exempt = models.BooleanField(
        "exempt (Schedule 12A)", default=False,
        help_text="Exempt information under Schedule 12A to the Local Government Act 1972: "
                  "only members of this body and officers see it.",
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=ExemptParagraph.choices,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    public_title = models.CharField(
        max_length=300, blank=True,
        help_text="What the public sees of an exempt item, after \"Exempt item: Schedule 12A "
                  "paragraph N\". Left blank, a generic line is shown.")
    standard = models.CharField(
        max_length=20, choices=StandardItem.choices, blank=True, default="",
        help_text="Which standard item of business this is; blank for an ordinary item.")
    summary = models.TextField(blank=True)
    priorities = models.ManyToManyField("plans.Priority", blank=True, related_name="agenda_items")
    key_actions = models.ManyToManyField("plans.KeyAction", blank=True,
                                         related_name="agenda_items")
    indicators = models.ManyToManyField("performance.Indicator", blank=True,
                                        related_name="agenda_items")
    history = HistoricalRecords(m2m_fields=[priorities, key_actions, indicators])

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agenda_item_number_unique",
                violation_error_message="This meeting already has an item with that number.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "standard"], condition=~Q(standard=""),
                name="agenda_standard_item_once",
                violation_error_message="This meeting already has that standard item.",
            ),
            models.CheckConstraint(
                condition=(Q(is_exempt=True, exempt_paragraph__gte=1, exempt_paragraph__lte=7)
                           | Q(is_exempt=False, exempt_paragraph__isnull=True)),
                name="agenda_item_exempt_has_paragraph",
                violation_error_message="An exempt item needs its Schedule 12A paragraph "
                                        "(1 to 7); an open item has none.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def public_line(self) -> str:
        """What the public sees of this item if it is exempt."""
        return exempt_line(self.exempt_paragraph)

    @property
    def public_heading(self) -> str:
        return self.public_title or GENERIC_EXEMPT_TITLE

    def clean(self) -> None:
        if self.is_exempt and self.exempt_paragraph is None:
            raise ValidationError({"exempt_paragraph": "Choose the paragraph of Schedule 12A "
                                                       "that makes this item exempt."})


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices,
                              default=AttendanceStatus.PRESENT)
    substitute_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="substituted_by",
        help_text="The member of the body this person attends in place of.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_once_per_meeting",
                violation_error_message="This person's attendance is already recorded.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "substitute_for"], condition=Q(substitute_for__isnull=False),
                name="one_substitute_per_member",
                violation_error_message="That member already has a substitute at this meeting.",
            ),
            models.CheckConstraint(
                condition=~Q(substitute_for=models.F("person")),
                name="attendance_not_own_substitute",
                violation_error_message="A person cannot substitute for themselves.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class InterestKind(models.TextChoices):
    """The kinds of interest councils' codes of conduct name (the Localism Act 2011 s.30 and
    the Local Government Association's model code of conduct, 2020)."""

    DISCLOSABLE_PECUNIARY = "disclosable pecuniary", "Disclosable pecuniary interest"
    OTHER_REGISTRABLE = "other registrable", "Other registrable interest"
    NON_REGISTRABLE = "non-registrable", "Non-registrable (personal) interest"


# Kinds that belong in the register of members' interests, not only in the minutes.
REGISTRABLE_KINDS = (InterestKind.DISCLOSABLE_PECUNIARY, InterestKind.OTHER_REGISTRABLE)


class Declaration(models.Model):
    """A declaration of interest in one agenda item: who, the kind, and whether they left."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(max_length=30, choices=InterestKind.choices,
                            default=InterestKind.NON_REGISTRABLE)
    interest = models.TextField()
    left_room = models.BooleanField(
        "left the room", default=False,
        help_text="They left the meeting while the item was discussed and took no part.")
    history = HistoricalRecords()

    objects = ItemChildQuerySet.as_manager()

    class Meta:
        ordering = ["item", "person__name"]

    def __str__(self) -> str:
        return f"{self.person}: {self.interest}"


class DecisionKind(models.TextChoices):
    AWARD_CONTRACT = "award contract", "Award a contract"
    AGREE = "agree", "Agree"
    APPROVE_STRATEGY = "approve strategy", "Approve a strategy"
    RECOMMEND = "recommend to body", "Recommend to another body"
    TASK_GROUP = "task a group", "Task a group"
    NOTE = "note", "Note"


# Kinds that are addressed to another body.
KINDS_WITH_TARGET = (DecisionKind.RECOMMEND, DecisionKind.TASK_GROUP)


class Decision(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=30, choices=DecisionKind.choices)
    text = models.TextField()
    target_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions_received",
        help_text="The body recommended to or tasked.",
    )
    deadline = models.DateField(null=True, blank=True)
    is_public = models.BooleanField(
        "made public", default=False,
        help_text="For a decision on an exempt item: the body chose to make it public, so the "
                  "public minutes record it.")
    history = HistoricalRecords()

    objects = ItemChildQuerySet.as_manager()

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=KINDS_WITH_TARGET) | Q(target_body__isnull=False),
                name="decision_to_body_names_it",
                violation_error_message="Name the body this decision is addressed to.",
            ),
            models.CheckConstraint(
                condition=~Q(kind=DecisionKind.TASK_GROUP) | Q(deadline__isnull=False),
                name="decision_task_has_deadline",
                violation_error_message="A group is tasked with a deadline.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def resolution(self) -> str:
        """The decision as a committee's minutes word it: "RESOLVED that ..."."""
        target = self.target_body.name if self.target_body_id else "the body named"
        by = f" by {self.deadline:%-d %B %Y}" if self.deadline else ""
        phrase = {
            DecisionKind.AWARD_CONTRACT: "the contract be awarded",
            DecisionKind.AGREE: "the following be agreed",
            DecisionKind.APPROVE_STRATEGY: "the strategy be approved",
            DecisionKind.RECOMMEND: f"the following be recommended to {target}{by}",
            DecisionKind.TASK_GROUP: f"{target} be tasked to report back{by}",
            DecisionKind.NOTE: "the following be noted",
        }.get(self.kind, "the following be agreed")
        return f"RESOLVED that {phrase}: {self.text.strip()}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class Action(models.Model):
    """An action from an agenda item (and perhaps one of its decisions), carried until done."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="actions")
    text = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="actions_owned")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ActionStatus.choices,
                              default=ActionStatus.OPEN)
    done_on = models.DateField(null=True, blank=True)
    done_note = models.TextField(blank=True, help_text="What was done, as the owner or clerk "
                                                       "recorded it when marking it done.")
    history = HistoricalRecords()

    objects = ItemChildQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=ActionStatus.OPEN, done_on__isnull=True)
                           | Q(status=ActionStatus.DONE, done_on__isnull=False)),
                name="action_done_has_date",
                violation_error_message="A finished action has the date it was done; "
                                        "an open one has none.",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class KeyMessageQuerySet(models.QuerySet):
    """Key messages as `user` may see them: one on an exempt item follows that item's rule."""

    def visible_to(self, user, *, today: date | None = None):
        rule = exempt_visibility_q(user, item_path="item__",
                                   today=today or timezone.localdate())
        return self if rule is None else self.filter(Q(item__isnull=True) | rule)


class KeyMessage(models.Model):
    """A message from a meeting for board members to carry to the workforce (Nottinghamshire 2015).

    A message may hang off an agenda item; if that item is exempt, so is the message.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="key_messages")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="key_messages",
                             help_text="Leave blank for a message from the meeting as a whole.")
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = KeyMessageQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"], name="key_message_order_unique",
                violation_error_message="This meeting already has a key message in that place.",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class PaperKind(models.TextChoices):
    """The two formats a paper may take, by the content type each is served with."""

    PDF = "application/pdf", "PDF"
    DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word (DOCX)")


class Paper(models.Model):
    """A paper for an agenda item, stored through Django's storage API under a generated name.

    It is served only through a view that asks the item's visibility rule, never from a
    public media address, so an exempt item's paper reaches only the body's members and
    officers. A paper added after the pack was first published is a supplement.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    file = models.FileField(max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, choices=PaperKind.choices)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField(max_length=64)
    pdf_file = models.FileField(
        max_length=200, blank=True,
        help_text="A Word paper laid out as a tagged PDF, for the agenda pack; the original "
                  "stays for download. Empty for a PDF paper.")
    page_count = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="Pages of the PDF, or of a Word paper's PDF; none for a Word paper uploaded "
                  "before papers were converted.")
    is_supplement = models.BooleanField(
        default=False, help_text="Added after the agenda pack was first published.")
    uploaded_by = models.ForeignKey("core.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = ItemChildQuerySet.as_manager()

    class Meta:
        ordering = ["item", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:paper-download", args=[self.pk])

    @property
    def is_pdf(self) -> bool:
        return self.content_type == PaperKind.PDF

    @property
    def extension(self) -> str:
        return "pdf" if self.is_pdf else "docx"

    @property
    def pack_file(self):
        """The file whose pages go into the agenda pack: the paper itself, or a Word paper's
        PDF; None for a Word paper never converted."""
        if self.is_pdf:
            return self.file
        return self.pdf_file or None


#: What a version with no change the reader may see says, whatever changed for members.
PACK_REISSUED = "The pack was reissued."


class PackVersion(models.Model):
    """One publication of a meeting's agenda pack: the agenda followed by its PDF papers.

    The public pack leaves out exempt items; the full pack, for members of the body and
    officers, has them (empty when the meeting has no exempt item). Each later version lists
    what changed since the one before, each change marked exempt or not so the public list
    never names an exempt paper. A public pack that shows an item made exempt after it was
    published is withdrawn: no longer linked or served to the public, kept for officers.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_versions")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey("core.User", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    papers = models.ManyToManyField(Paper, blank=True, related_name="pack_versions")
    changes = models.JSONField(
        default=list, blank=True,
        help_text='What changed since the last version: [{"text": ..., "is_exempt": ...}].')
    public_pdf = models.FileField(max_length=200)
    public_pages = models.PositiveIntegerField(default=0)
    full_pdf = models.FileField(max_length=200, blank=True)
    full_pages = models.PositiveIntegerField(default=0)
    public_items = models.ManyToManyField(
        AgendaItem, blank=True, related_name="public_pack_versions",
        help_text="The items the public pack shows: were one made exempt, this version is "
                  "withdrawn from the public.")
    public_withdrawn_at = models.DateTimeField(null=True, blank=True)
    public_withdrawn_reason = models.CharField(
        max_length=200, blank=True,
        help_text="Why the public pack was withdrawn; seen only by those who see exempt items.")
    history = HistoricalRecords(m2m_fields=[papers])

    class Meta:
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="pack_version_unique",
                                    violation_error_message="That version is already published."),
        ]

    def __str__(self) -> str:
        return f"Agenda pack version {self.number}"

    @property
    def is_public(self) -> bool:
        return self.public_withdrawn_at is None

    def changes_for(self, *, sees_exempt: bool) -> list[str]:
        """What changed, as `sees_exempt` may read it; a version whose only changes are
        exempt reads to the public as any reissue does, so it gives nothing away."""
        texts = [change["text"] for change in self.changes
                 if sees_exempt or not change.get("is_exempt")]
        return texts or ([PACK_REISSUED] if self.changes else [])


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class Minutes(models.Model):
    """The minutes of a meeting: drafted from the record, approved at the body's next meeting.

    Once approved they are frozen: services refuse any change to them or their sections.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=10, choices=MinutesStatus.choices,
                              default=MinutesStatus.DRAFT)
    approved_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="minutes_approved",
        help_text="The meeting of the same body that approved these minutes.")
    approved_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=MinutesStatus.DRAFT, approved_at__isnull=True,
                             approved_on__isnull=True)
                           | Q(status=MinutesStatus.APPROVED, approved_at__isnull=False,
                               approved_on__isnull=False)),
                name="minutes_approved_names_meeting",
                violation_error_message="Approved minutes name the meeting and date that "
                                        "approved them; draft minutes name none.",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:minutes-detail", args=[self.meeting_id])

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class MinutesSectionQuerySet(models.QuerySet):
    """Sections as `user` may see them: one on an exempt item follows that item's rule."""

    def visible_to(self, user, *, today: date | None = None):
        rule = exempt_visibility_q(user, item_path="item__",
                                   today=today or timezone.localdate())
        return self if rule is None else self.filter(Q(item__isnull=True) | rule)


class MinutesSection(models.Model):
    """One section of the minutes: the attendance, or the record of one agenda item."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="sections")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="minutes_sections")
    order = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = MinutesSectionQuerySet.as_manager()

    class Meta:
        ordering = ["minutes", "order", "pk"]

    def __str__(self) -> str:
        return self.heading


# --- The register of members' interests -----------------------------------------------------


class RegisteredInterest(models.Model):
    """One entry of a person's register of interests, kept up to date by the member.

    Councils' codes of conduct ask members to register their interests within 28 days and
    to review them; each entry has the date it was registered and the date it is next due
    for review. A registrable interest declared at a meeting adds an entry (`declaration`).
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT,
                               related_name="registered_interests")
    kind = models.CharField(max_length=30, choices=InterestKind.choices)
    description = models.TextField(
        help_text="The interest as the public may read it: an employer, an office, land, "
                  "shares, a gift, a body on which they sit.")
    registered_on = models.DateField()
    review_on = models.DateField(help_text="When the member next confirms it still holds.")
    ended_on = models.DateField(null=True, blank=True,
                                help_text="Left blank while the interest is still held.")
    declaration = models.ForeignKey(
        Declaration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The declaration at a meeting this entry was first recorded from.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["person__name", "ended_on", "-registered_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_on__gte=models.F("registered_on")),
                name="registered_interest_review_after_registration",
                violation_error_message="The review falls on or after the date registered.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("registered_on")),
                name="registered_interest_ends_after_registration",
                violation_error_message="An interest ends on or after the date registered.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.description}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:register") + f"#person-{self.person_id}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
