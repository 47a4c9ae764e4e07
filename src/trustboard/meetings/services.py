"""Every write to meetings. Each checks, writes in one transaction and names who did it."""

import io
import uuid
from calendar import monthrange
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pikepdf
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, user_can
from trustboard.core.services import number_next, record_delete, record_save, rows_lock
from trustboard.governance.models import Body, Membership, Scenario
from trustboard.meetings.bank_holidays import is_working_day
from trustboard.meetings.models import (
    KINDS_WITH_TARGET,
    PACK_REISSUED,
    REGISTRABLE_KINDS,
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
    MinutesStatus,
    PackVersion,
    Paper,
    Purpose,
    RegisteredInterest,
    StandardItem,
    current_membership_q,
    exclusion_resolution,
)
from trustboard.meetings.pack import PACK_BUILD_STEPS, PackItem, PackPaper, pack_build
from trustboard.meetings.papers import paper_inspect
from trustboard.meetings.selectors import MatterArising, matters_arising


def meeting_date(meeting: Meeting) -> date:
    """The day of the meeting in the partnership's own time zone."""
    return timezone.localtime(meeting.starts_at).date()


def _refuse_body_not_in_force(body: Body) -> None:
    if not body.scenario.is_current and Scenario.objects.filter(is_current=True).exists():
        raise RuleError(f"{body.name} belongs to {body.scenario.name}, which is not the "
                        "arrangement in force: only bodies in force hold meetings.",
                        field="body")


@transaction.atomic
def meeting_save(*, meeting: Meeting, by, joint_bodies=None,
                 standard_items: bool = True) -> Meeting:
    """Save a meeting, ending it after the body's usual length if no end is given.

    A body cannot be in two meetings at once; a cancelled meeting frees its time. Only
    bodies of the arrangement in force meet. `joint_bodies` (None leaves them as they are)
    meet with the lead body, as Nottinghamshire's Children's Trust and Safeguarding Children
    Board did once a year. A new meeting's agenda starts with the standard items.
    """
    # Lock the bodies so two officers cannot book overlapping meetings at the same moment.
    body = Body.objects.select_for_update().select_related("scenario").get(pk=meeting.body_id)
    _refuse_body_not_in_force(body)
    is_new = meeting.pk is None
    joint = list(joint_bodies) if joint_bodies is not None else (
        [] if is_new else list(meeting.joint_bodies.all()))
    for other in joint:
        if other.pk == body.pk:
            raise RuleError(f"{body.name} leads the meeting; it cannot also meet jointly "
                            "with itself.", field="joint_bodies")
        if other.scenario_id != body.scenario_id:
            raise RuleError(f"{other.name} is not part of the same arrangement as "
                            f"{body.name}.", field="joint_bodies")
    if meeting.starts_at is None:
        raise RuleError("Give the date and time the meeting starts.", field="starts_at")
    if meeting.ends_at is None:
        meeting.ends_at = meeting.starts_at + timedelta(hours=float(body.meeting_hours))
    if meeting.ends_at <= meeting.starts_at:
        raise RuleError("A meeting must end after it starts.", field="ends_at")
    if meeting.status != MeetingStatus.CANCELLED:
        ids = [body.pk, *(other.pk for other in joint)]
        other = (
            Meeting.objects.filter(Q(body_id__in=ids) | Q(joint_bodies__in=ids),
                                   starts_at__lt=meeting.ends_at, ends_at__gt=meeting.starts_at)
            .exclude(status=MeetingStatus.CANCELLED).exclude(pk=meeting.pk)
            .select_related("body").order_by("starts_at").first()
        )
        if other is not None:
            start, end = timezone.localtime(other.starts_at), timezone.localtime(other.ends_at)
            raise RuleError(
                f"{other.body.name} already meets on {start:%-d %B %Y} from {start:%H:%M} to "
                f"{end:%H:%M}; choose a time that does not overlap.", field="starts_at")
    record_save(meeting, by=by)
    if joint_bodies is not None:
        meeting.joint_bodies.set(joint)
    if is_new and standard_items:
        standard_items_add(meeting=meeting, by=by)
    return meeting


# The standard business of every agenda, in a clerk's order: the opening items, then the
# meeting's own business, then the closing items; the exclusion of the press and public is
# added before the first exempt item when there is one.
STANDARD_OPENING = (StandardItem.APOLOGIES, StandardItem.DECLARATIONS, StandardItem.MINUTES,
                    StandardItem.MATTERS_ARISING)
STANDARD_CLOSING = (StandardItem.AOB, StandardItem.NEXT_MEETING)
_STANDARD_PURPOSE = {StandardItem.MINUTES: Purpose.DECISION,
                     StandardItem.EXCLUSION: Purpose.DECISION,
                     StandardItem.AOB: Purpose.DISCUSSION}
# Items a new ordinary item goes before.
_CLOSING_BLOCK = (*STANDARD_CLOSING, StandardItem.EXCLUSION)


def _standard_item(meeting: Meeting, standard: StandardItem, number: int) -> AgendaItem:
    return AgendaItem(meeting=meeting, standard=standard, title=standard.label, number=number,
                      purpose=_STANDARD_PURPOSE.get(standard, Purpose.INFORMATION))


@transaction.atomic
def standard_items_add(*, meeting: Meeting, by) -> list[AgendaItem]:
    """Put the standard items the agenda lacks in their places (apologies, declarations,
    minutes and matters arising first; any other business and the next meeting last)."""
    items = _agenda_rows(meeting)
    have = {item.standard for item in items}
    spare = max((item.number for item in items), default=0)
    added = []
    for standard in STANDARD_OPENING + STANDARD_CLOSING:
        if standard in have:
            continue
        spare += 1
        added.append(record_save(_standard_item(meeting, standard, spare), by=by))
    opening = [item for item in added if item.standard in STANDARD_OPENING]
    closing = [item for item in added if item.standard in STANDARD_CLOSING]
    _agenda_renumber(meeting, opening + items + closing, by=by)
    return added


def _agenda_rows(meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order, its rows locked until the transaction ends."""
    rows_lock(Meeting.objects.filter(pk=meeting.pk))
    return list(AgendaItem.objects.select_for_update().filter(meeting=meeting)
                .order_by("number"))


def _agenda_renumber(meeting: Meeting, ordered: list[AgendaItem], *, by,
                     close_gaps: bool = False) -> None:
    """Number the items 1, 2, 3... in the order given; numbers already rising in that order
    (an item added at the end) are left as they are unless `close_gaps`."""
    numbers = [item.number for item in ordered]
    if numbers == list(range(1, len(numbers) + 1)) or (
            not close_gaps and all(before < after for before, after in pairwise(numbers))):
        return
    # Out of the way first: each number is unique in the meeting at every moment.
    AgendaItem.objects.filter(meeting=meeting).update(number=F("number") + 1000)
    for number, item in enumerate(ordered, start=1):
        item.number = number
        record_save(item, by=by)


def _exclusion_placed(meeting: Meeting, items: list[AgendaItem], *, by) -> list[AgendaItem]:
    """The agenda with the exclusion of the press and public just before the first exempt
    item, added if the agenda has an exempt item and no exclusion yet."""
    exempt = [item for item in items if item.is_exempt]
    if not exempt:
        return items
    exclusion = next((item for item in items if item.standard == StandardItem.EXCLUSION), None)
    if exclusion is None:
        spare = max(item.number for item in items) + 1
        exclusion = record_save(_standard_item(meeting, StandardItem.EXCLUSION, spare), by=by)
    else:
        items = [item for item in items if item.pk != exclusion.pk]
    position = next(index for index, item in enumerate(items) if item.is_exempt)
    return [*items[:position], exclusion, *items[position:]]


def _place_for(item: AgendaItem, items: list[AgendaItem]) -> int:
    """Where an item joins the agenda: an exempt one at the end, after the exclusion; an
    ordinary one before any other business, the next meeting and the exempt business."""
    if item.is_exempt or item.standard in _CLOSING_BLOCK:
        return len(items)
    return next((index for index, other in enumerate(items)
                 if other.is_exempt or other.standard in _CLOSING_BLOCK), len(items))


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    if meeting.status == MeetingStatus.HELD:
        raise RuleError("A meeting that has been held cannot be cancelled.", field="status")
    meeting.status = MeetingStatus.CANCELLED
    return record_save(meeting, by=by)


# Months between meetings when a year divides evenly into whole months.
_MONTHLY_STEPS = {1: 12, 2: 6, 3: 4, 4: 3, 6: 2, 12: 1}


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _plan_targets(*, per_year: int, start: date, end: date) -> list[date]:
    """Dates spread evenly from `start`, `per_year` to a year, up to `end`."""
    targets: list[date] = []
    index = 0
    while True:
        if per_year in _MONTHLY_STEPS:
            target = _add_months(start, index * _MONTHLY_STEPS[per_year])
        else:
            target = start + timedelta(days=round(index * 365.25 / per_year))
        if target > end:
            return targets
        targets.append(target)
        index += 1


@transaction.atomic
def forward_plan_generate(*, body: Body, start: date, end: date, by, weekday: int | None = None,
                          hour: int = 10, minute: int = 0) -> list[Meeting]:
    """Schedule the body's meetings a year evenly from `start` to `end`; return those created.

    Each meeting falls on the first `weekday` (0 is Monday) on or after its even share of
    the period (or on that day itself), moved on to the next working day past weekends,
    bank holidays in England and Wales and days the body already meets. A share of the
    period in which the body already has a meeting, even a cancelled one, is left alone:
    running the plan again adds nothing and a meeting moved by hand is not doubled.
    """
    if end < start:
        raise RuleError("The plan must end after it starts.", field="end")
    if not body.meetings_per_year:
        raise RuleError(f"Set how many times a year {body.name} meets first.",
                        field="meetings_per_year")
    if weekday is not None and not 0 <= weekday <= 4:
        raise RuleError("Choose a weekday from Monday to Friday.", field="weekday")
    if not 0 <= hour <= 23 or not 0 <= minute <= 59:
        raise RuleError("Choose a time of day.", field="hour")

    targets = _plan_targets(per_year=body.meetings_per_year, start=start, end=end)
    existing = [meeting_date(m) for m in Meeting.objects.filter(
        body=body, starts_at__date__gte=start - timedelta(days=366),
        starts_at__date__lte=end + timedelta(days=366))]
    busy = set(existing)
    half_step = timedelta(days=365.25 / body.meetings_per_year / 2)
    zone = timezone.get_current_timezone()
    created = []
    for target in targets:
        if any(target - half_step <= day < target + half_step for day in existing):
            continue
        day = target
        if weekday is not None:
            day += timedelta(days=(weekday - day.weekday()) % 7)
        while not is_working_day(day) or day in busy:
            day += timedelta(days=1)
        if day > end:
            break
        busy.add(day)
        starts_at = datetime.combine(day, time(hour, minute), tzinfo=zone)
        created.append(meeting_save(meeting=Meeting(body=body, starts_at=starts_at), by=by))
    return created


def _refuse_if_minutes_approved(meeting: Meeting, what: str) -> None:
    minutes = Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).first()
    if minutes is not None:
        raise RuleError(f"The minutes of this meeting were approved on "
                        f"{minutes.approved_on:%-d %B %Y}; {what} can no longer change.",
                        field=None)


@transaction.atomic
def agenda_item_save(*, item: AgendaItem, by, priorities=None, key_actions=None,
                     indicators=None) -> AgendaItem:
    """Save an agenda item, numbering a new one after the last; an open item has no paragraph.

    The links to the plan's priorities and key actions and to indicators are replaced by
    those given; None leaves them as they are.
    """
    if item.meeting.is_cancelled:
        raise RuleError("The meeting is cancelled; its agenda cannot change.", field="meeting")
    _refuse_if_minutes_approved(item.meeting, "its agenda")
    meeting = item.meeting
    items = _agenda_rows(meeting)
    placed = item.number is None
    if placed:
        item.number = max((other.number for other in items), default=0) + 1
    if not item.is_exempt:
        item.exempt_paragraph = None
        item.public_title = ""
    item.title = " ".join(item.title.split())
    item.public_title = " ".join(item.public_title.split())
    was = next((other for other in items if other.pk == item.pk), None)
    becomes_exempt = item.is_exempt and was is not None and not was.is_exempt
    moves = placed or (was is not None and was.is_exempt != item.is_exempt)
    record_save(item, by=by)
    if becomes_exempt:
        _public_packs_withdraw(item=item, by=by)
    if moves:
        items = [other for other in items if other.pk != item.pk]
        items.insert(_place_for(item, items), item)
    else:
        items = [item if other.pk == item.pk else other for other in items]
    _agenda_renumber(meeting, _exclusion_placed(meeting, items, by=by), by=by)
    for links, values in ((item.priorities, priorities), (item.key_actions, key_actions),
                          (item.indicators, indicators)):
        if values is not None:
            links.set(values)
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool, by) -> AgendaItem:
    """Move an item one place up or down the agenda; exempt items stay after the exclusion
    of the press and public."""
    meeting = item.meeting
    if meeting.is_cancelled:
        raise RuleError("The meeting is cancelled; its agenda cannot change.", field="meeting")
    _refuse_if_minutes_approved(meeting, "its agenda")
    items = _agenda_rows(meeting)
    index = next(index for index, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        raise RuleError(f"Item {item.number} is already {'first' if up else 'last'}.",
                        field=None)
    items[index], items[other] = items[other], items[index]
    exclusion = next((n for n, row in enumerate(items)
                      if row.standard == StandardItem.EXCLUSION), None)
    first_exempt = next((n for n, row in enumerate(items) if row.is_exempt), None)
    if first_exempt is not None and exclusion is not None and first_exempt < exclusion:
        raise RuleError("Exempt items are taken after the press and public are excluded: "
                        "keep them below the exclusion.", field=None)
    _agenda_renumber(meeting, items, by=by)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by) -> Meeting:
    """Take an item off the agenda; one with a decision, action or paper on record stays."""
    meeting = item.meeting
    _refuse_if_minutes_approved(meeting, "its agenda")
    recorded = [f"{count} {noun}{'' if count == 1 else 's'}" for count, noun in (
        (item.decisions.count(), "decision"), (item.actions.count(), "action"),
        (item.papers.count(), "paper")) if count]
    if recorded:
        raise RuleError(f"Item {item.number} has {' and '.join(recorded)} on record; remove "
                        "them first, or keep the item.", field=None)
    record_delete(item, by=by)
    _agenda_renumber(meeting, _agenda_rows(meeting), by=by, close_gaps=True)
    return meeting


@transaction.atomic
def attendance_save(*, attendance: Attendance, by) -> Attendance:
    """Record who came; a substitute attends in place of someone who sits on the body (or on
    one of the bodies of a joint meeting)."""
    meeting = attendance.meeting
    if meeting.is_cancelled:
        raise RuleError("Attendance cannot be recorded at a cancelled meeting.", field="meeting")
    _refuse_if_not_started(meeting, "Attendance is")
    if attendance.substitute_for_id is not None:
        on = meeting_date(meeting)
        members = Membership.objects.filter(current_membership_q(on),
                                            body_id__in=meeting_body_ids(meeting))
        if attendance.substitute_for_id == attendance.person_id:
            raise RuleError("A person cannot substitute for themselves.", field="substitute_for")
        if not members.filter(person_id=attendance.substitute_for_id).exists():
            raise RuleError(f"{attendance.substitute_for} is not a member of "
                            f"{meeting.body} on {on:%-d %B %Y}, so cannot be substituted.",
                            field="substitute_for")
        if members.filter(person_id=attendance.person_id).exists():
            raise RuleError(f"{attendance.person} sits on {meeting.body} in their own right, so "
                            "cannot also attend as a substitute.", field="substitute_for")
    return record_save(attendance, by=by)


def meeting_body_ids(meeting: Meeting) -> list[int]:
    """The lead body and any bodies meeting jointly with it."""
    return [meeting.body_id, *meeting.joint_bodies.values_list("pk", flat=True)]


def has_started(meeting: Meeting) -> bool:
    return meeting.starts_at <= timezone.now()


def _refuse_if_not_started(meeting: Meeting, what: str) -> None:
    if not has_started(meeting):
        start = timezone.localtime(meeting.starts_at)
        raise RuleError(f"{what} recorded once the meeting has started; it starts on "
                        f"{start:%-d %B %Y} at {start:%H:%M}.", field="meeting")


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict[int, str], by) -> list[Attendance]:
    """Record each person's status (keyed by person id) at once; an empty status is left alone."""
    if meeting.is_cancelled:
        raise RuleError("Attendance cannot be recorded at a cancelled meeting.", field="meeting")
    _refuse_if_not_started(meeting, "Attendance is")
    existing = {record.person_id: record for record in meeting.attendances.all()}
    saved = []
    for person_id, status in statuses.items():
        if not status:
            continue
        record = existing.get(person_id) or Attendance(meeting=meeting, person_id=person_id)
        if record.pk is not None and record.status == status:
            continue
        record.status = status
        saved.append(attendance_save(attendance=record, by=by))
    return saved


@transaction.atomic
def declaration_save(*, declaration: Declaration, by) -> Declaration:
    """Record a declaration of interest in an item; a registrable one feeds the register.

    A disclosable pecuniary or other registrable interest the person has not registered
    yet is added to their register of interests, dated the day of the meeting and due for
    review a year on. One declared on an exempt item is not: its words may carry the
    exempt information, and the register may be public.
    """
    declaration.interest = " ".join(declaration.interest.split())
    if not declaration.interest:
        raise RuleError("Describe the interest.", field="interest")
    meeting = declaration.item.meeting
    if meeting.is_cancelled:
        raise RuleError("The meeting is cancelled; no interest can be declared at it.",
                        field="item")
    _refuse_if_minutes_approved(meeting, "its declarations")
    is_new = declaration.pk is None
    record_save(declaration, by=by)
    if is_new and declaration.kind in REGISTRABLE_KINDS and not declaration.item.is_exempt:
        held = RegisteredInterest.objects.filter(
            person_id=declaration.person_id, ended_on__isnull=True,
            description__iexact=declaration.interest)
        if not held.exists():
            on = meeting_date(meeting)
            record_save(RegisteredInterest(
                person_id=declaration.person_id, kind=declaration.kind,
                description=declaration.interest, registered_on=on,
                review_on=_add_months(on, REVIEW_MONTHS), declaration=declaration), by=by)
    return declaration


@transaction.atomic
def decision_save(*, decision: Decision, by) -> Decision:
    """Record a decision; a recommendation or task goes to another body of the same scenario."""
    body = decision.item.meeting.body
    if decision.kind in KINDS_WITH_TARGET:
        target = decision.target_body
        if target is None:
            raise RuleError("Choose the body this decision is addressed to.",
                            field="target_body")
        if target.pk == body.pk:
            raise RuleError(f"{body.name} cannot address a decision to itself.",
                            field="target_body")
        if target.scenario_id != body.scenario_id:
            raise RuleError(f"{target.name} is not part of the same arrangement as {body.name}.",
                            field="target_body")
    else:
        decision.target_body = None
    if decision.kind == DecisionKind.TASK_GROUP:
        if decision.deadline is None:
            raise RuleError("Give the date the group must report back by.", field="deadline")
        if decision.deadline < meeting_date(decision.item.meeting):
            raise RuleError("The deadline must fall after the meeting.", field="deadline")
    elif decision.kind != DecisionKind.RECOMMEND:
        decision.deadline = None
    record_save(decision, by=by)
    if decision.kind == DecisionKind.APPROVE_STRATEGY:
        # The strategies register lives in risks/, which reads meetings: imported here, not
        # at the top, so meetings never depends on it while loading.
        from trustboard.risks.services import strategy_record_approval

        strategy_record_approval(decision=decision, by=by)
    return decision


@transaction.atomic
def action_save(*, action: Action, by) -> Action:
    """Record an action on an item, or on one of its decisions (which then names the item)."""
    if action.decision_id is not None:
        if action.item_id is None:
            action.item_id = action.decision.item_id
        elif action.decision.item_id != action.item_id:
            raise RuleError("That decision was made on another item.", field="decision")
    return record_save(action, by=by)


def user_can_complete_action(user, action: Action) -> bool:
    """A clerk (an officer) marks any action done; a member marks done the actions they own."""
    if user_can(user, Permission.RUN_MEETINGS):
        return True
    person = getattr(user, "person", None) if user is not None and user.is_authenticated \
        else None
    return person is not None and action.owner_id == person.pk


@transaction.atomic
def action_complete(*, action: Action, on: date, by, note: str = "") -> Action:
    """Mark an action done on `on`, with a note of what was done; it stops being carried to
    later meetings after that day. Only its owner or a clerk may."""
    if by is not None and not user_can_complete_action(by, action):
        raise RuleError("Only the action's owner or a clerk can mark it done.", field=None)
    action = Action.objects.select_for_update().select_related("item__meeting").get(pk=action.pk)
    if action.status == ActionStatus.DONE:
        raise RuleError(f"This action was already marked done on {action.done_on:%-d %B %Y}.",
                        field="done_on")
    raised = meeting_date(action.item.meeting)
    if on < raised:
        raise RuleError(f"The action was raised on {raised:%-d %B %Y}; it cannot be done "
                        "before that.", field="done_on")
    if on > timezone.localdate():
        raise RuleError("An action cannot be marked done on a day still to come.",
                        field="done_on")
    action.status, action.done_on = ActionStatus.DONE, on
    action.done_note = note.strip()
    return record_save(action, by=by)


@transaction.atomic
def key_message_save(*, message: KeyMessage, by) -> KeyMessage:
    """Save a key message, placing a new one after the meeting's last."""
    if message.item_id is not None and message.item.meeting_id != message.meeting_id:
        raise RuleError("That item is on another meeting's agenda.", field="item")
    message.text = message.text.strip()
    if not message.text:
        raise RuleError("Write the key message.", field="text")
    if message.pk is None and not message.order:
        message.order = number_next(
            among=KeyMessage.objects.filter(meeting=message.meeting_id), field="order",
            lock=Meeting.objects.filter(pk=message.meeting_id))
    return record_save(message, by=by)


@transaction.atomic
def paper_upload(*, item: AgendaItem, title: str, file: File, by,
                 republish: bool = True) -> Paper:
    """Store a paper for an item under a generated name, once its bytes show it is a PDF or DOCX.

    A PDF is stored without its active content (scripts, automatic actions); a Word
    document holding macros, or inflating to far more than its size, is refused; one that
    passes is stored with the tagged PDF LibreOffice lays it out as, whose pages the pack
    carries, or refused if it cannot be converted (`trustboard.meetings.papers`).

    A paper added after the pack was published is a supplement, and publishes the next
    version of the pack listing it; with `republish=False` the caller queues that instead
    (`paper_add`).
    """
    meeting = item.meeting
    if meeting.is_cancelled:
        raise RuleError("The meeting is cancelled; papers cannot be added.", field="item")
    title = " ".join((title or "").split())
    if not title:
        raise RuleError("Give the paper a title.", field="title")
    inspected = paper_inspect(file)
    published = meeting.pack_versions.exists()
    paper = Paper(item=item, title=title, original_name=inspected.name,
                  content_type=inspected.kind, size=inspected.size, sha256=inspected.sha256,
                  page_count=inspected.page_count, is_supplement=published, uploaded_by=by)
    key = uuid.uuid4().hex
    stored = [default_storage.save(f"papers/{key}.{paper.extension}", inspected.content)]
    paper.file.name = stored[0]
    try:
        if inspected.pdf is not None:
            stored.append(default_storage.save(f"papers/{key}-rendition.pdf", inspected.pdf))
            paper.pdf_file.name = stored[-1]
        record_save(paper, by=by)
        if published and republish:
            pack_publish(meeting=meeting, by=by)
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    return paper


def _pack_items(items: list[AgendaItem], step: Callable[[str], None]) -> list[PackItem]:
    entries = []
    for item in items:
        papers = []
        for paper in item.papers.all():
            pdf = None
            if paper.pack_file is not None:
                step("Reading the papers")
                try:
                    with paper.pack_file.open("rb") as stored:
                        pdf = pikepdf.open(io.BytesIO(stored.read()))
                except (FileNotFoundError, pikepdf.PdfError, ValueError) as error:
                    raise RuleError(
                        f"The paper \u201c{paper.title}\u201d (item {item.number}) cannot be "
                        "read: its file is missing or damaged. Withdraw it or upload it again, "
                        "then publish the pack.", field=None) from error
            papers.append(PackPaper(paper=paper, pdf=pdf))
        entries.append(PackItem(item=item, papers=papers))
    return entries


def _public_stand_in(item: AgendaItem) -> AgendaItem:
    """What the public pack lists for an exempt item: its number, the paragraph of Schedule
    12A and its public title; never its title, presenter, summary or papers. Not saved."""
    return AgendaItem(number=item.number, purpose=item.purpose,
                      title=f"{item.public_line}: {item.public_heading}")


def _public_packs_withdraw(*, item: AgendaItem, by) -> None:
    """Withdraw from the public every published pack that shows `item`, now exempt: its
    title, summary and papers must not stay public in an old version."""
    for version in PackVersion.objects.select_for_update().filter(
            public_items=item, public_withdrawn_at__isnull=True):
        version.public_withdrawn_at = timezone.now()
        version.public_withdrawn_reason = (
            f"Item {item.number} became exempt (Schedule 12A paragraph "
            f"{item.exempt_paragraph}) after this version was published.")
        record_save(version, by=by)


def _pack_changes(previous: PackVersion | None, items: list[AgendaItem],
                  papers: list[Paper]) -> list[dict]:
    if previous is None:
        return [{"text": "First published.", "is_exempt": False}]
    before = {paper.pk: paper for paper in
              previous.papers.select_related("item")}
    now = {paper.pk: paper for paper in papers}
    was_public = set(previous.public_items.values_list("pk", flat=True))
    changes = [{"text": f"Item {item.number} is now exempt and left out of the public pack",
                "is_exempt": True} for item in items if item.is_exempt and item.pk in was_public]
    changes += [{"text": f"Added: paper \u201c{paper.title}\u201d to item {paper.item.number}",
                 "is_exempt": paper.item.is_exempt}
                for pk, paper in now.items() if pk not in before]
    changes += [{"text": f"Withdrawn: paper \u201c{paper.title}\u201d from item "
                         f"{paper.item.number}", "is_exempt": paper.item.is_exempt}
                for pk, paper in before.items() if pk not in now]
    return changes or [{"text": PACK_REISSUED, "is_exempt": False}]


# What publishing tells whoever waits for it: steps done, steps in all, the current stage.
PackProgress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, stage: str) -> None:
    pass


class _Steps:
    """Count publishing's steps and report each as it starts."""

    def __init__(self, progress: PackProgress, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, stage: str) -> None:
        self.progress(self.done, self.total, stage)
        self.done += 1


def _refuse_unpublishable_pack(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise RuleError("The meeting is cancelled; its pack cannot be published.", field=None)
    if not meeting.items.exists():
        raise RuleError("Add the agenda's items before publishing its pack.", field=None)


@transaction.atomic
def paper_add(*, item: AgendaItem, title: str, file: File, by):
    """Store a paper as the paper page does; a supplement queues the next version of the pack
    (publishing may take longer than a web request may). Returns that Job, or None."""
    paper = paper_upload(item=item, title=title, file=file, by=by, republish=False)
    if not paper.is_supplement:
        return None
    return pack_publish_queue(meeting=item.meeting, by=by)


def pack_publish_queue(*, meeting: Meeting, by):
    """Queue publishing the next version of the pack; return the Job whose page shows progress.

    A pack with many large papers takes longer than a web request may, so the background
    worker publishes it (meetings.tasks); a pack that would be refused is refused here.
    """
    from trustboard.core.jobs import job_enqueue
    from trustboard.meetings.recovery import PACK_JOB
    from trustboard.meetings.tasks import pack_publish_task

    _refuse_unpublishable_pack(meeting)
    return job_enqueue(task=pack_publish_task, title=f"Agenda pack: {meeting}", user=by,
                       params={"meeting": meeting.pk, "work": PACK_JOB}, unit="steps")


@transaction.atomic
def pack_publish(*, meeting: Meeting, by, progress: PackProgress = _no_progress) -> PackVersion:
    """Publish the next version of the agenda pack: a public PDF and, if any item is exempt,
    a full one for the body's members and officers; list what changed since the last.

    `progress(done, total, stage)` is told as each step starts, for a job's progress page.
    """
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _refuse_unpublishable_pack(meeting)
    items = list(
        AgendaItem.objects.filter(meeting=meeting).select_related("presenter")
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.order_by("uploaded_at", "pk")))
        .order_by("number"))
    previous = meeting.pack_versions.order_by("-number").first()
    number = previous.number + 1 if previous else 1
    has_full = any(item.is_exempt for item in items)
    pdf_papers = sum(paper.pack_file is not None for item in items for paper in item.papers.all())
    step = _Steps(progress, pdf_papers + PACK_BUILD_STEPS * (2 if has_full else 1) + 1)
    entries = _pack_items(items, step)
    for item in items:
        if item.standard == StandardItem.EXCLUSION:
            after = [other for other in items if other.number > item.number and other.is_exempt]
            item.resolution = exclusion_resolution([other.exempt_paragraph for other in after],
                                                   items=len(after))
    public = pack_build(meeting=meeting, is_full=False, version=number, stage=step,
                        items=[PackItem(item=_public_stand_in(entry.item))
                               if entry.item.is_exempt else entry for entry in entries])
    version = PackVersion(meeting=meeting, number=number, published_by=by,
                          public_pages=public.pages)
    names = [default_storage.save(f"packs/meeting-{meeting.pk}-v{number}-public.pdf",
                                  ContentFile(public.pdf))]
    version.public_pdf.name = names[0]
    try:
        if has_full:
            full = pack_build(
                meeting=meeting, is_full=True, version=number, items=entries,
                stage=lambda text: step(f"Writing the members\u2019 full pack ({text.lower()})"))
            names.append(default_storage.save(
                f"packs/meeting-{meeting.pk}-v{number}-full.pdf", ContentFile(full.pdf)))
            version.full_pdf.name, version.full_pages = names[-1], full.pages
        step("Recording the new version")
        papers = [paper for item in items for paper in item.papers.all()]
        version.changes = _pack_changes(previous, items, papers)
        record_save(version, by=by)
        version.papers.set(papers)
        version.public_items.set([item for item in items if not item.is_exempt])
    except Exception:
        for name in names:
            default_storage.delete(name)
        raise
    return version


def _people(records) -> str:
    names = [record.person.name + (f" (substitute for {record.substitute_for.name})"
                                   if record.substitute_for_id else "") for record in records]
    return "; ".join(names) if names else "None recorded."


def _standard_minute(item: AgendaItem, meeting: Meeting, items: list[AgendaItem],
                     attendance: list[Attendance]) -> list[str]:
    """What the minutes say of a standard item, from the record."""
    if item.standard == StandardItem.EXCLUSION:
        after = [other for other in items if other.number > item.number and other.is_exempt]
        return [exclusion_resolution([other.exempt_paragraph for other in after],
                                     items=len(after), resolved=True)]
    if item.standard == StandardItem.APOLOGIES:
        away = [record.person.name for record in attendance
                if record.status == AttendanceStatus.APOLOGIES]
        substitutes = [f"{record.person.name} attended as substitute for "
                       f"{record.substitute_for.name}." for record in attendance
                       if record.substitute_for_id and record.status == AttendanceStatus.PRESENT]
        return [f"Apologies were received from {', '.join(away)}." if away
                else "There were no apologies.", *substitutes]
    if item.standard == StandardItem.DECLARATIONS:
        # Only open items' declarations: this section is public; an exempt item's
        # declarations are minuted under that item, seen only by those who see it.
        declared = [f"Item {other.number}: {declaration_minute(declaration)}"
                    for other in items if not other.is_exempt
                    for declaration in other.declarations.all()]
        return declared or ["No interests were declared."]
    if item.standard == StandardItem.MINUTES:
        previous = (Meeting.objects.filter(body_id=meeting.body_id,
                                           starts_at__lt=meeting.starts_at)
                    .exclude(status=MeetingStatus.CANCELLED).order_by("-starts_at").first())
        if previous is None:
            return ["This was the first meeting: there were no minutes to approve."]
        return [f"RESOLVED that the minutes of the meeting held on "
                f"{meeting_date(previous):%-d %B %Y} be approved as a correct record."]
    if item.standard == StandardItem.NEXT_MEETING:
        following = next_meeting(meeting)
        if following is None:
            return ["The date of the next meeting is to be arranged."]
        start = timezone.localtime(following.starts_at)
        place = f", {following.place}" if following.place else ""
        return [f"The next meeting will be held on {start:%A %-d %B %Y} at {start:%H:%M}"
                f"{place}."]
    return []


def _minutes_sections(meeting: Meeting) -> list[MinutesSection]:
    """The minutes' sections as the record stands: attendance, then one per agenda item."""
    attendance = list(meeting.attendances.select_related("person", "substitute_for")
                      .order_by("person__name"))
    sections = [MinutesSection(heading="Present", item=None, text=_people(
        record for record in attendance if record.status == AttendanceStatus.PRESENT))]
    sections.append(MinutesSection(heading="Apologies", item=None, text=_people(
        record for record in attendance if record.status == AttendanceStatus.APOLOGIES)))
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number")
                 .prefetch_related("declarations__person", "decisions__target_body",
                                   "actions__owner"))
    arising, *arising_exempt = _matters_arising_sections(meeting)
    standards = {item.standard for item in items}
    # Without the standard items, matters arising and each item's declarations stand alone.
    sections += arising_exempt if StandardItem.MATTERS_ARISING in standards else [
        arising, *arising_exempt]
    for item in items:
        paragraphs = _standard_minute(item, meeting, items, attendance)
        if item.standard == StandardItem.MATTERS_ARISING:
            paragraphs.append(arising.text)
        paragraphs += [item.summary.strip()] if item.summary.strip() else []
        # An open item's declarations are minuted under "Declarations of interest" when the
        # agenda has it; an exempt item's stay with the item, out of the public minutes.
        if StandardItem.DECLARATIONS not in standards or item.is_exempt:
            paragraphs += [declaration_minute(declaration)
                           for declaration in item.declarations.all()]
        paragraphs += [decision.resolution for decision in item.decisions.all()]
        paragraphs += [f"ACTION: {action.text} ({action.owner.name}"
                       + (f", by {action.due_date:%-d %B %Y})" if action.due_date else ")")
                       for action in item.actions.all()]
        sections.append(MinutesSection(heading=str(item), item=item,
                                       text="\n\n".join(paragraphs) or "Noted."))
    return sections


def _refuse_if_approved(minutes: Minutes) -> None:
    if minutes.is_approved:
        raise RuleError(f"These minutes were approved at the meeting of "
                        f"{meeting_date(minutes.approved_at):%-d %B %Y} and are frozen; "
                        "they cannot change.", field="text")


@transaction.atomic
def minutes_draft(*, meeting: Meeting, by) -> Minutes:
    """Draft the minutes from the agenda, attendance, declarations, decisions and actions.

    Drafting again rewrites a draft from the record as it now stands; approved minutes
    are frozen and refused.
    """
    if meeting.is_cancelled:
        raise RuleError("A cancelled meeting has no minutes.", field=None)
    _refuse_if_not_started(meeting, "Minutes are")
    # Two officers drafting at once: the second waits, then redrafts the first's.
    rows_lock(Meeting.objects.filter(pk=meeting.pk))
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        minutes = record_save(Minutes(meeting=meeting), by=by)
    else:
        _refuse_if_approved(minutes)
        for section in minutes.sections.all():
            record_delete(section, by=by)
    for order, section in enumerate(_minutes_sections(meeting), start=1):
        section.minutes, section.order = minutes, order
        record_save(section, by=by)
    return minutes


@transaction.atomic
def minutes_section_save(*, section: MinutesSection, by) -> MinutesSection:
    """Save an officer's edit of a section of draft minutes; approved minutes are refused."""
    minutes = Minutes.objects.select_for_update().get(pk=section.minutes_id)
    _refuse_if_approved(minutes)
    section.text = section.text.strip()
    return record_save(section, by=by)


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The body's next meeting after this one that is not cancelled."""
    return (Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
            .exclude(status=MeetingStatus.CANCELLED).order_by("starts_at").first())


@transaction.atomic
def minutes_approve(*, minutes: Minutes, at: Meeting, by) -> Minutes:
    """Record the minutes approved at the body's next meeting, on its date; they are then frozen."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    _refuse_if_approved(minutes)
    meeting = minutes.meeting
    following = next_meeting(meeting)
    if at.body_id != meeting.body_id or following is None or at.pk != following.pk:
        where = (f"the meeting of {meeting_date(following):%-d %B %Y}" if following
                 else "a later meeting, once one is arranged")
        raise RuleError(f"Minutes are approved at the next meeting of {meeting.body.name}: "
                        f"{where}.", field="approved_at")
    if meeting_date(at) > timezone.localdate():
        raise RuleError(f"The meeting of {meeting_date(at):%-d %B %Y} has not happened yet; "
                        "record the approval once it has.", field="approved_at")
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at, minutes.approved_on = at, meeting_date(at)
    return record_save(minutes, by=by)


# --- Declarations, matters arising and the register of members' interests --------------------

# A registered interest is due for review a year after it is registered (or last reviewed).
REVIEW_MONTHS = 12


def declaration_minute(declaration: Declaration) -> str:
    """The declaration as the minutes record it."""
    text = (f"{declaration.person.name} declared a {declaration.get_kind_display().lower()}: "
            f"{declaration.interest.rstrip('.')}.")
    if declaration.left_room:
        text += " They left the room for this item and took no part in it."
    return text


def action_minute(matter: MatterArising) -> str:
    """An action due since the last meeting, as matters arising records it."""
    action = matter.action
    raised = meeting_date(action.item.meeting)
    text = (f"{action.text.rstrip('.')} ({action.owner.name}, due {action.due_date:%-d %B %Y}; "
            f"from item {action.item.number} of {raised:%-d %B %Y}): ")
    if matter.is_done:
        text += f"done on {action.done_on:%-d %B %Y}."
        if action.done_note:
            text += f" {action.done_note}"
    else:
        text += "still open."
    return text


def _matters_arising_sections(meeting: Meeting) -> list[MinutesSection]:
    """Matters arising: the actions due since the body's last meeting. Those from exempt
    items go in a section of their own under the item they came from, so the public minutes
    (which leave out exempt items' sections) never carry them."""
    matters = matters_arising(meeting)
    public = [matter for matter in matters if not matter.action.item.is_exempt]
    sections = [MinutesSection(
        heading="Matters arising", item=None,
        text="\n\n".join(map(action_minute, public)) if public
        else "No actions fell due since the last meeting.")]
    exempt: dict[int, list[MatterArising]] = {}
    for matter in matters:
        if matter.action.item.is_exempt:
            exempt.setdefault(matter.action.item_id, []).append(matter)
    for item_actions in exempt.values():
        item = item_actions[0].action.item
        sections.append(MinutesSection(
            heading=f"Matters arising from an exempt item: {item.title}", item=item,
            text="\n\n".join(map(action_minute, item_actions))))
    return sections


def user_can_edit_interests(user, person) -> bool:
    """An officer keeps anyone's register; a signed-in member keeps their own."""
    if user_can(user, Permission.RUN_MEETINGS):
        return True
    own = getattr(user, "person", None) if user is not None and user.is_authenticated else None
    return own is not None and person is not None and own.pk == person.pk


@transaction.atomic
def registered_interest_save(*, interest: RegisteredInterest, by) -> RegisteredInterest:
    """Add or change an entry of a person's register of interests: the member's own, or
    anyone's for an officer. A new entry is due for review a year after it is registered
    unless a review date is given."""
    person = interest.person if interest.person_id else None
    if person is None:
        raise RuleError("Choose whose interest this is.", field="person")
    if not user_can_edit_interests(by, person):
        raise RuleError("You can keep only your own register of interests.", field="person")
    if interest.pk is not None:
        before = RegisteredInterest.objects.select_for_update().get(pk=interest.pk)
        if before.person_id != interest.person_id and not user_can_edit_interests(
                by, before.person):
            raise RuleError("You can keep only your own register of interests.", field="person")
    interest.description = " ".join((interest.description or "").split())
    if not interest.description:
        raise RuleError("Describe the interest.", field="description")
    if interest.registered_on is None:
        raise RuleError("Give the date the interest was registered.", field="registered_on")
    if interest.registered_on > timezone.localdate():
        raise RuleError("An interest cannot be registered on a day still to come.",
                        field="registered_on")
    if interest.review_on is None:
        interest.review_on = _add_months(interest.registered_on, REVIEW_MONTHS)
    if interest.review_on < interest.registered_on:
        raise RuleError("The review falls on or after the date the interest was registered.",
                        field="review_on")
    if interest.ended_on is not None and interest.ended_on < interest.registered_on:
        raise RuleError("An interest ends on or after the date it was registered.",
                        field="ended_on")
    return record_save(interest, by=by)
