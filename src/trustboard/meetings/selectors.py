"""Every read meetings pages, reports and feeds need, with the queries decided here.

Exempt items (and their declarations, decisions and actions) pass through one rule,
`visible_to(user)` on the models' querysets; `item_is_visible` asks it of one item.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from trustboard.core.permissions import role_of
from trustboard.governance.models import VOTING_ROLES, Body, Membership, Organisation, Person
from trustboard.meetings.bank_holidays import bank_holiday_name
from trustboard.meetings.models import (
    STAFF_ROLES,
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionKind,
    Declaration,
    KeyMessage,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesSection,
    PackVersion,
    Paper,
    RegisteredInterest,
    StandardItem,
    current_membership_q,
    exclusion_resolution,
)
from trustboard.performance.models import Indicator
from trustboard.plans.models import KeyAction, Plan, Priority


def _local_date(moment) -> date:
    return timezone.localtime(moment).date()


def _held_on(membership: Membership, day: date) -> bool:
    """In Python, the same test as `current_membership_q`."""
    return ((membership.start_date is None or membership.start_date <= day)
            and (membership.end_date is None or membership.end_date >= day))


def item_is_visible(user, item: AgendaItem) -> bool:
    """Whether `user` may see this item: the same rule as `AgendaItem.objects.visible_to`."""
    if not item.is_exempt or role_of(user) in STAFF_ROLES:
        return True
    if role_of(user) is None:
        return False
    return Membership.objects.filter(
        Q(body__meetings=item.meeting_id) | Q(body__joint_meetings=item.meeting_id),
        current_membership_q(timezone.localdate()), person__user=user,
    ).exists()


def user_sees_exempt(user, meeting: Meeting) -> bool:
    """Whether `user` sees this meeting's exempt items: an officer, or a member of its body
    (or of a body meeting jointly with it)."""
    role = role_of(user)
    if role in STAFF_ROLES:
        return True
    if role is None:
        return False
    return Membership.objects.filter(
        Q(body_id=meeting.body_id) | Q(body__joint_meetings=meeting.pk),
        current_membership_q(timezone.localdate()), person__user=user).exists()


def visible_items(user, meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda as `user` may see it, in order, with each item's records, papers and
    links to the plan and indicators: 8 queries."""
    return list(
        AgendaItem.objects.visible_to(user).filter(meeting=meeting)
        .select_related("presenter__organisation")
        .prefetch_related(
            Prefetch("declarations", queryset=Declaration.objects.select_related("person")),
            Prefetch("decisions", queryset=Decision.objects.select_related("target_body")),
            Prefetch("actions", queryset=Action.objects.select_related("owner")),
            Prefetch("papers", queryset=Paper.objects.order_by("uploaded_at", "pk")),
            Prefetch("priorities", queryset=Priority.objects.order_by("number")),
            Prefetch("key_actions", queryset=KeyAction.objects.order_by("reference")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("name")),
        )
        .order_by("number")
    )


@dataclass(frozen=True)
class ExemptLine:
    """An exempt item as the public sees it: its number, the paragraph of Schedule 12A, the
    public title its clerk gave it, and the decisions the body chose to make public. Never
    the item itself, so no template can reach its title, papers or records."""

    number: int
    paragraph: int
    heading: str
    decisions: tuple[str, ...] = ()
    is_line: bool = True

    @property
    def line(self) -> str:
        return f"Exempt item: Schedule 12A paragraph {self.paragraph}"


def exempt_lines(user, meeting: Meeting) -> list[ExemptLine]:
    """The meeting's exempt items `user` may not see, as the public lines that stand for
    them: two queries."""
    hidden = list(AgendaItem.objects.filter(meeting=meeting, is_exempt=True)
                  .exclude(pk__in=AgendaItem.objects.visible_to(user).filter(meeting=meeting)
                           .values("pk"))
                  .order_by("number"))
    public = defaultdict(list)
    for decision in (Decision.objects.filter(item__in=hidden, is_public=True)
                     .select_related("target_body").order_by("pk")):
        public[decision.item_id].append(decision.resolution)
    return [ExemptLine(number=item.number, paragraph=item.exempt_paragraph,
                       heading=item.public_heading, decisions=tuple(public[item.pk]))
            for item in hidden]


def agenda(user, meeting: Meeting) -> list:
    """The whole agenda in order as `user` may see it: the items they may see (with their
    records, `visible_items`) and, for each exempt item they may not, its `ExemptLine`. The
    exclusion of the press and public carries its resolution as `resolution`."""
    entries = sorted([*visible_items(user, meeting), *exempt_lines(user, meeting)],
                     key=lambda entry: entry.number)
    for entry in entries:
        if getattr(entry, "standard", "") == StandardItem.EXCLUSION:
            after = [other for other in entries if other.number > entry.number
                     and (getattr(other, "is_line", False) or other.is_exempt)]
            entry.resolution = exclusion_resolution(
                [getattr(other, "paragraph", None) or other.exempt_paragraph for other in after],
                items=len(after))
    return entries


def paper_get(*, user, pk: int) -> Paper:
    """A paper `user` may read, or 404: an exempt item's paper is not found by anyone else."""
    return get_object_or_404(Paper.objects.visible_to(user).select_related("item__meeting"),
                             pk=pk)


def pack_versions(meeting: Meeting, *, sees_exempt: bool) -> list[PackVersion]:
    """The meeting's published packs, latest first, in one query; a version withdrawn from
    the public only for those who see exempt items."""
    versions = meeting.pack_versions.order_by("-number")
    if not sees_exempt:
        versions = versions.filter(public_withdrawn_at__isnull=True)
    return list(versions)


def pack_version_get(*, meeting_pk: int, number: int) -> PackVersion:
    return get_object_or_404(PackVersion.objects.select_related("meeting__body"),
                             meeting_id=meeting_pk, number=number)


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("approved_at").first()


def minutes_sections(minutes: Minutes, user) -> list[MinutesSection]:
    """The sections of the minutes `user` may see: those of exempt items only for members."""
    return list(MinutesSection.objects.visible_to(user).filter(minutes=minutes)
                .select_related("item").order_by("order", "pk"))


def minutes_entries(minutes: Minutes, user) -> list:
    """The minutes as `user` may read them: the sections they may see and, for each exempt
    item they may not, its `ExemptLine` in its place (taken in private, with any decision
    the body made public)."""
    sections = minutes_sections(minutes, user)
    general = [section for section in sections if section.item_id is None]
    of_items = [section for section in sections if section.item_id is not None]
    # Matters arising from an earlier meeting's exempt item follow the matters arising item.
    arising = next((section.item.number for section in of_items
                    if section.item.standard == StandardItem.MATTERS_ARISING), 0)

    def place(entry) -> float:
        if getattr(entry, "is_line", False):
            return entry.number
        if entry.item.meeting_id != minutes.meeting_id:
            return arising + 0.5
        return entry.item.number

    entries = sorted([*of_items, *exempt_lines(user, minutes.meeting)], key=place)
    return [*general, *entries]


def minutes_section_get(*, pk: int) -> MinutesSection:
    return get_object_or_404(
        MinutesSection.objects.select_related("minutes__meeting__body", "item"), pk=pk)


def agenda_item_get(*, pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)


def meeting_list(*, start: date | None = None, end: date | None = None,
                 body: Body | None = None, joint: bool = False) -> QuerySet[Meeting]:
    """Meetings in a period (inclusive), soonest first, with their bodies (and with `joint`,
    the bodies meeting jointly in them: one query more)."""
    meetings = Meeting.objects.select_related("body__scenario").order_by("starts_at")
    if joint:
        meetings = meetings.prefetch_related(
            Prefetch("joint_bodies", queryset=Body.objects.order_by("name")))
    if start is not None:
        meetings = meetings.filter(starts_at__date__gte=start)
    if end is not None:
        meetings = meetings.filter(starts_at__date__lte=end)
    if body is not None:
        # A joint meeting is on the calendar of every body that meets in it.
        meetings = meetings.filter(Q(body=body) | Q(joint_bodies=body)).distinct()
    return meetings


@dataclass(frozen=True)
class MeetingQuorum:
    """Voting members present (substitutes counted for those they replace) against the quorum.

    `has_quorum` is None when the body has no quorum set.
    """

    present: int
    required: int | None

    @property
    def has_quorum(self) -> bool | None:
        return None if self.required is None else self.present >= self.required


def meeting_quorum(meeting: Meeting, body: Body | None = None) -> MeetingQuorum:
    """Count `body`'s voting members present (the lead body's by default): two queries
    (three if the body is not loaded)."""
    body = body or meeting.body
    voting = set(
        Membership.objects.filter(current_membership_q(_local_date(meeting.starts_at)),
                                  body_id=body.pk, role__in=VOTING_ROLES)
        .values_list("person_id", flat=True)
    )
    counted: set[int] = set()
    for person_id, replaces_id in meeting.attendances.filter(
            status=AttendanceStatus.PRESENT).values_list("person_id", "substitute_for_id"):
        member = replaces_id if replaces_id is not None else person_id
        if member in voting:
            counted.add(member)
    return MeetingQuorum(present=len(counted), required=body.quorum)


@dataclass(frozen=True)
class BodyQuorum:
    body: Body
    quorum: MeetingQuorum


def meeting_quorums(meeting: Meeting) -> list[BodyQuorum]:
    """The quorum of each body in the meeting, the lead body first: a joint meeting is
    quorate or not for each body on its own."""
    bodies = [meeting.body, *meeting.joint_bodies.order_by("name")]
    return [BodyQuorum(body, meeting_quorum(meeting, body)) for body in bodies]


def meeting_has_started(meeting: Meeting) -> bool:
    """Attendance and minutes are for meetings that have started (and are not cancelled)."""
    return not meeting.is_cancelled and meeting.starts_at <= timezone.now()


@dataclass
class AttendanceRate:
    """How often someone (or an organisation's people) attended the meetings expected of them.

    `expected` counts held meetings of bodies where they held a voting seat that day;
    `substituted` those where a substitute came instead. No record counts as absent.
    """

    expected: int = 0
    present: int = 0
    apologies: int = 0
    substituted: int = 0

    @property
    def absent(self) -> int:
        return self.expected - self.present - self.apologies

    @property
    def rate(self) -> float | None:
        return self.present / self.expected if self.expected else None

    def add(self, other: "AttendanceRate") -> None:
        self.expected += other.expected
        self.present += other.present
        self.apologies += other.apologies
        self.substituted += other.substituted


@dataclass
class AttendanceRates:
    people: dict[Person, AttendanceRate] = field(default_factory=dict)
    organisations: dict[Organisation, AttendanceRate] = field(default_factory=dict)


def attendance_rates(*, start: date, end: date, body: Body | None = None) -> AttendanceRates:
    """Attendance per person and per organisation at meetings held in a period: 3 queries.

    Only held meetings count: a cancelled meeting (or one never marked held) is never
    held against anyone. People are grouped under the organisation they work for.
    """
    meetings = list(meeting_list(start=start, end=end, body=body)
                    .filter(status=MeetingStatus.HELD).values("pk", "body_id", "starts_at"))
    body_ids = {meeting["body_id"] for meeting in meetings}
    seats = defaultdict(list)
    for membership in Membership.objects.filter(
            body_id__in=body_ids, role__in=VOTING_ROLES).select_related("person__organisation"):
        seats[membership.body_id].append(membership)
    records = {
        (record.meeting_id, record.person_id): record
        for record in Attendance.objects.filter(meeting_id__in=[m["pk"] for m in meetings])
    }
    substitutes = {(record.meeting_id, record.substitute_for_id)
                   for record in records.values()
                   if record.substitute_for_id and record.status == AttendanceStatus.PRESENT}

    result = AttendanceRates()
    for meeting in meetings:
        day = _local_date(meeting["starts_at"])
        for seat in seats[meeting["body_id"]]:
            if not _held_on(seat, day):
                continue
            rate = result.people.setdefault(seat.person, AttendanceRate())
            rate.expected += 1
            record = records.get((meeting["pk"], seat.person_id))
            status = record.status if record else AttendanceStatus.ABSENT
            rate.present += status == AttendanceStatus.PRESENT
            rate.apologies += status == AttendanceStatus.APOLOGIES
            rate.substituted += (meeting["pk"], seat.person_id) in substitutes
    for person, rate in result.people.items():
        result.organisations.setdefault(person.organisation, AttendanceRate()).add(rate)
    return result


def open_actions(*, body: Body, as_of: date, user) -> QuerySet[Action]:
    """Actions raised at the body's meetings by `as_of` and not done by then, as `user` sees them.

    An action is carried from meeting to meeting until the day it is done.
    """
    return (
        Action.objects.visible_to(user)
        .filter(item__meeting__body=body, item__meeting__starts_at__date__lte=as_of)
        .filter(Q(status=ActionStatus.OPEN) | Q(done_on__gt=as_of))
        .select_related("owner", "item__meeting", "decision")
        .order_by("due_date", "item__meeting__starts_at", "pk")
    )


@dataclass(frozen=True)
class Clash:
    """Meetings that keep people away from one another, or fall on a bank holiday.

    `kind` is "shared members" (two bodies meet on one day and share `people`) or
    "bank holiday" (one meeting, on the holiday named in `holiday`).
    """

    day: date
    kind: str
    meetings: tuple[Meeting, ...]
    people: tuple[Person, ...] = ()
    holiday: str = ""


def forward_plan_clashes(*, start: date, end: date) -> list[Clash]:
    """Days in a period where bodies sharing a member both meet, and meetings on bank holidays.

    Plymouth 2014 found "the absence of key decision makers for meetings"; a person with
    seats on two bodies meeting the same day is one cause. Cancelled meetings are ignored.
    Two queries.
    """
    meetings = list(meeting_list(start=start, end=end).exclude(status=MeetingStatus.CANCELLED))
    members = defaultdict(list)
    for membership in Membership.objects.filter(
            body_id__in={meeting.body_id for meeting in meetings}).select_related("person"):
        members[membership.body_id].append(membership)

    def members_on(meeting: Meeting, day: date) -> dict[int, Person]:
        return {m.person_id: m.person for m in members[meeting.body_id] if _held_on(m, day)}

    by_day = defaultdict(list)
    for meeting in meetings:
        by_day[_local_date(meeting.starts_at)].append(meeting)
    clashes = []
    for day, todays in sorted(by_day.items()):
        holiday = bank_holiday_name(day)
        clashes.extend(Clash(day=day, kind="bank holiday", meetings=(meeting,), holiday=holiday)
                       for meeting in todays if holiday)
        for first, second in combinations(todays, 2):
            if first.body_id == second.body_id:
                continue
            first_members, second_members = members_on(first, day), members_on(second, day)
            shared = sorted((first_members[pk] for pk in first_members.keys()
                             & second_members.keys()), key=lambda person: person.name)
            if shared:
                clashes.append(Clash(day=day, kind="shared members", meetings=(first, second),
                                     people=tuple(shared)))
    return clashes


def meeting_get(*, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body__scenario"), pk=pk)


def body_get(*, pk: int) -> Body:
    return get_object_or_404(Body.objects.select_related("scenario"), pk=pk)


@dataclass
class BodyPlan:
    """One body's meetings in the forward plan, split at today."""

    body: Body
    upcoming: list[Meeting] = field(default_factory=list)
    past: list[Meeting] = field(default_factory=list)


def forward_plan(*, today: date) -> list[BodyPlan]:
    """Every body with meetings, by name, its upcoming meetings soonest first and past latest first.

    Two queries.
    """
    plans: dict[int, BodyPlan] = {}
    for meeting in meeting_list(joint=True).order_by("starts_at"):
        # A joint meeting is in the plan of each body meeting in it.
        for body in (meeting.body, *meeting.joint_bodies.all()):
            plan = plans.setdefault(body.pk, BodyPlan(body=body))
            (plan.upcoming if _local_date(meeting.starts_at) >= today
             else plan.past).append(meeting)
    for plan in plans.values():
        plan.past.reverse()
    return sorted(plans.values(), key=lambda plan: plan.body.name)


def meeting_attendance(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendances.select_related("person__organisation", "substitute_for")


def meeting_members(meeting: Meeting) -> list[Membership]:
    """The memberships held on the day of the meeting of its body and any bodies meeting
    jointly with it, one per person, by name: two queries."""
    bodies = [meeting.body_id, *meeting.joint_bodies.values_list("pk", flat=True)]
    seen, members = set(), []
    for membership in (Membership.objects.filter(
            current_membership_q(_local_date(meeting.starts_at)), body_id__in=bodies)
            .select_related("person", "body").order_by("person__name", "body__name")):
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            members.append(membership)
    return members


def meeting_key_messages(meeting: Meeting, user) -> QuerySet[KeyMessage]:
    return KeyMessage.objects.visible_to(user).filter(meeting=meeting).order_by("order", "pk")


@dataclass
class NewsletterMeeting:
    meeting: Meeting
    key_messages: list[KeyMessage]
    decisions: list[Decision]


def newsletter(*, start: date, end: date) -> list[NewsletterMeeting]:
    """The period's key messages and decisions, meeting by meeting, as the public may see them.

    The newsletter goes out by email, so it is always composed for the public: nothing from an
    exempt item reaches it, whoever is signed in. Meetings with nothing to say are left out.
    Three queries.
    """
    public = AnonymousUser()
    meetings = list(meeting_list(start=start, end=end).exclude(status=MeetingStatus.CANCELLED))
    ids = [meeting.pk for meeting in meetings]
    messages, decisions = defaultdict(list), defaultdict(list)
    for message in KeyMessage.objects.visible_to(public).filter(meeting_id__in=ids):
        messages[message.meeting_id].append(message)
    for decision in (Decision.objects.visible_to(public).filter(item__meeting_id__in=ids)
                     .select_related("item", "target_body").order_by("item__number", "pk")):
        decisions[decision.item.meeting_id].append(decision)
    return [NewsletterMeeting(meeting, messages[meeting.pk], decisions[meeting.pk])
            for meeting in meetings if messages[meeting.pk] or decisions[meeting.pk]]


def last_meeting_cycle(*, today: date) -> tuple[date, date] | None:
    """The last meeting cycle by `today`: from the day after a body's meeting before its
    latest, to that latest meeting (the latest meeting that has taken place, of any body).
    Two queries; None when no meeting has taken place."""
    latest = (Meeting.objects.filter(starts_at__date__lte=today)
              .exclude(status=MeetingStatus.CANCELLED).order_by("-starts_at").first())
    if latest is None:
        return None
    end = _local_date(latest.starts_at)
    before = (Meeting.objects.filter(body_id=latest.body_id, starts_at__lt=latest.starts_at)
              .exclude(status=MeetingStatus.CANCELLED).order_by("-starts_at").first())
    start = (_local_date(before.starts_at) + timedelta(days=1) if before is not None
             else end.replace(day=1))
    return start, end


def strategies_approved(*, body: Body, start: date, end: date) -> list[Decision]:
    """The strategies a body approved at its meetings between two dates (inclusive), in order.

    For the committee report's "has reviewed and given its partnership approval to" (2013
    report, paragraph 12): a public document, so nothing from an exempt item or a cancelled
    meeting. One query.
    """
    return list(
        Decision.objects.visible_to(AnonymousUser())
        .filter(kind=DecisionKind.APPROVE_STRATEGY, item__meeting__body=body,
                item__meeting__starts_at__date__gte=start,
                item__meeting__starts_at__date__lte=end)
        .exclude(item__meeting__status=MeetingStatus.CANCELLED)
        .select_related("item__meeting")
        .order_by("item__meeting__starts_at", "item__number", "pk"))


# Chairs and vice-chairs, and members of the top two tiers of their organisation, are the
# "key decision makers" whose absence Plymouth 2014 found weakened its partnership.
KEY_ROLES = frozenset({"chair", "vice-chair"})
KEY_TIER = 2


def is_key_decision_maker(membership: Membership) -> bool:
    tier = membership.seniority_tier or membership.person.seniority_tier
    return membership.role in KEY_ROLES or (tier is not None and tier <= KEY_TIER)


@dataclass(frozen=True)
class Absence:
    membership: Membership
    status: str  # "apologies" or "absent"
    substitute: Person | None


@dataclass(frozen=True)
class MeetingAbsences:
    meeting: Meeting
    absences: tuple[Absence, ...]


def key_decision_makers_absent(*, start: date, end: date) -> list[MeetingAbsences]:
    """Held meetings in a period at which a chair, vice-chair or tier 1-2 member was not present.

    Cancelled meetings (and ones never marked held) count against nobody. Three queries.
    """
    meetings = list(meeting_list(start=start, end=end).filter(status=MeetingStatus.HELD))
    seats = defaultdict(list)
    for membership in Membership.objects.filter(
            body_id__in={meeting.body_id for meeting in meetings}, role__in=VOTING_ROLES
    ).select_related("person__organisation").order_by("person__name"):
        if is_key_decision_maker(membership):
            seats[membership.body_id].append(membership)
    records = {(record.meeting_id, record.person_id): record for record in
               Attendance.objects.filter(meeting__in=meetings).select_related("person")}
    substitutes = {(record.meeting_id, record.substitute_for_id): record.person
                   for record in records.values()
                   if record.substitute_for_id and record.status == AttendanceStatus.PRESENT}
    result = []
    for meeting in meetings:
        day = _local_date(meeting.starts_at)
        absences = []
        for seat in seats[meeting.body_id]:
            if not _held_on(seat, day):
                continue
            record = records.get((meeting.pk, seat.person_id))
            status = record.status if record else AttendanceStatus.ABSENT
            if status != AttendanceStatus.PRESENT:
                absences.append(Absence(seat, status,
                                        substitutes.get((meeting.pk, seat.person_id))))
        if absences:
            result.append(MeetingAbsences(meeting, tuple(absences)))
    return result


def financial_year(year: int) -> tuple[date, date]:
    """The council's year from 1 April `year` to 31 March the next."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def meeting_years() -> list[int]:
    """Financial years (by their first calendar year) in which any meeting falls: one query."""
    years = set()
    for moment in Meeting.objects.values_list("starts_at", flat=True):
        day = _local_date(moment)
        years.add(day.year if day.month >= 4 else day.year - 1)
    return sorted(years, reverse=True)


def plan_choices() -> QuerySet[Plan]:
    return Plan.objects.order_by("-starts_on", "title")


@dataclass
class BodyCoverage:
    body: Body
    meetings: int = 0
    items: int = 0
    priorities: list[Priority] = field(default_factory=list)
    key_actions: list[KeyAction] = field(default_factory=list)


@dataclass
class AgendaCoverage:
    """Which of a plan's priorities and key actions the year's agendas covered, per body.

    A priority counts as covered when an item links to it or to one of its key actions.
    """

    plan: Plan
    start: date
    end: date
    bodies: list[BodyCoverage]
    priorities_uncovered: list[Priority]
    key_actions_uncovered: list[KeyAction]
    priorities_total: int
    key_actions_total: int


def agenda_coverage(*, plan: Plan, start: date, end: date, user) -> AgendaCoverage:
    """The agendas of meetings held or planned in a period (not cancelled) against `plan`.

    Only items `user` may see are counted. Five queries, whatever the number of meetings.
    """
    priorities = list(plan.priorities.order_by("number").prefetch_related(
        Prefetch("actions", queryset=KeyAction.objects.order_by("reference"))))
    by_pk = {priority.pk: priority for priority in priorities}
    items = (
        AgendaItem.objects.visible_to(user)
        .filter(meeting__starts_at__date__gte=start, meeting__starts_at__date__lte=end)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting__body")
        .prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.filter(plan=plan)),
            Prefetch("key_actions", queryset=KeyAction.objects.filter(priority__plan=plan)),
        )
    )
    bodies: dict[int, BodyCoverage] = {}
    meetings: dict[int, set[int]] = defaultdict(set)
    covered_priorities: set[int] = set()
    covered_actions: set[int] = set()
    body_priorities: dict[int, set[int]] = defaultdict(set)
    body_actions: dict[int, set[int]] = defaultdict(set)
    for item in items:
        body = item.meeting.body
        entry = bodies.setdefault(body.pk, BodyCoverage(body=body))
        entry.items += 1
        meetings[body.pk].add(item.meeting_id)
        linked = {priority.pk for priority in item.priorities.all()}
        actions = {action.pk for action in item.key_actions.all()}
        linked |= {action.priority_id for action in item.key_actions.all()}
        body_priorities[body.pk] |= linked
        body_actions[body.pk] |= actions
        covered_priorities |= linked
        covered_actions |= actions
    all_actions = [action for priority in priorities for action in priority.actions.all()]
    for pk, entry in bodies.items():
        entry.meetings = len(meetings[pk])
        entry.priorities = [by_pk[p] for p in sorted(body_priorities[pk],
                                                      key=lambda p: by_pk[p].number)]
        entry.key_actions = [action for action in all_actions if action.pk in body_actions[pk]]
    return AgendaCoverage(
        plan=plan, start=start, end=end,
        bodies=sorted(bodies.values(), key=lambda entry: entry.body.name),
        priorities_uncovered=[p for p in priorities if p.pk not in covered_priorities],
        key_actions_uncovered=[a for a in all_actions if a.pk not in covered_actions],
        priorities_total=len(priorities), key_actions_total=len(all_actions),
    )


# --- The action log and matters arising ---------------------------------------------------


@dataclass(frozen=True)
class ActionLogEntry:
    """An open action as the log lists it, with whether its due date has passed."""

    action: Action
    is_overdue: bool

    @property
    def meeting(self) -> Meeting:
        return self.action.item.meeting


def action_log(*, user, today: date, body: Body | None = None,
               owner: Person | None = None) -> list[ActionLogEntry]:
    """Every open action from every meeting that `user` may see, overdue first (the longest
    overdue at the top), then by due date, those with no due date last. One query.

    Actions on exempt items follow the items' rule (`visible_to`): the public never sees one.
    """
    actions = (Action.objects.visible_to(user, today=today).filter(status=ActionStatus.OPEN)
               .select_related("owner", "item__meeting__body", "decision"))
    if body is not None:
        actions = actions.filter(item__meeting__body=body)
    if owner is not None:
        actions = actions.filter(owner=owner)
    entries = [ActionLogEntry(action, action.due_date is not None and action.due_date < today)
               for action in actions]
    entries.sort(key=lambda entry: (not entry.is_overdue, entry.action.due_date is None,
                                    entry.action.due_date or date.max,
                                    entry.action.item.meeting.starts_at, entry.action.pk))
    return entries


def action_log_bodies() -> QuerySet[Body]:
    """The bodies with an action on record, for the log's filter."""
    return (Body.objects.filter(meetings__items__actions__isnull=False).distinct()
            .select_related("scenario").order_by("name"))


def action_log_owners() -> QuerySet[Person]:
    """The people who own an action, for the log's filter."""
    return Person.objects.filter(actions_owned__isnull=False).distinct().order_by("name")


def action_get(*, user, pk: int) -> Action:
    """An action `user` may see, or 404: one on an exempt item is not found by anyone else."""
    return get_object_or_404(
        Action.objects.visible_to(user).select_related("owner", "item__meeting__body"), pk=pk)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The body's last meeting before this one that was not cancelled."""
    return (Meeting.objects.filter(body_id=meeting.body_id, starts_at__lt=meeting.starts_at)
            .exclude(status=MeetingStatus.CANCELLED).order_by("-starts_at").first())


@dataclass(frozen=True)
class MatterArising:
    """An action due since the body's last meeting, and whether it was done by this one."""

    action: Action
    is_done: bool


def matters_arising(meeting: Meeting, user=None) -> list[MatterArising]:
    """The actions of the body's earlier meetings that fell due since its last meeting (after
    that day, up to and including this one's), as `user` may see them; every one when `user`
    is None (the minutes, which keep exempt ones under their own items). Each is done if it
    was done by the day of the meeting: the minutes say what the meeting heard. Two queries.
    """
    day = _local_date(meeting.starts_at)
    actions = Action.objects.all() if user is None else Action.objects.visible_to(user)
    actions = actions.filter(item__meeting__body_id=meeting.body_id,
                             item__meeting__starts_at__lt=meeting.starts_at,
                             due_date__lte=day)
    previous = previous_meeting(meeting)
    if previous is not None:
        actions = actions.filter(due_date__gt=_local_date(previous.starts_at))
    return [MatterArising(action, action.done_on is not None and action.done_on <= day)
            for action in actions.select_related("owner", "item__meeting")
            .order_by("due_date", "item__meeting__starts_at", "item__number", "pk")]


# --- The register of members' interests ---------------------------------------------------


@dataclass
class PersonRegister:
    """One person's entries in the register: those held now, then those that ended."""

    person: Person
    current: list = field(default_factory=list)
    ended: list = field(default_factory=list)


def register_is_public() -> bool:
    """Whether the partnership publishes its register of interests to the public."""
    return settings.TRUSTBOARD_REGISTER_OF_INTERESTS_PUBLIC


def register_of_interests(*, person: Person | None = None) -> list[PersonRegister]:
    """Everyone with an entry in the register (or just `person`), by name. One query."""
    entries = RegisteredInterest.objects.select_related("person__organisation",
                                                        "declaration__item__meeting")
    if person is not None:
        entries = entries.filter(person=person)
    registers: dict[int, PersonRegister] = {}
    for entry in entries.order_by("person__name", "-registered_on", "pk"):
        register = registers.setdefault(entry.person_id, PersonRegister(entry.person))
        (register.current if entry.is_current else register.ended).append(entry)
    return list(registers.values())


def registered_interest_get(*, pk: int):
    return get_object_or_404(RegisteredInterest.objects.select_related("person"), pk=pk)
