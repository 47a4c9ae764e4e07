"""Every write to meetings. Each checks, writes in one transaction and names who did it."""

import io
import uuid
from calendar import monthrange
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from trustboard.core.errors import RuleError
from trustboard.core.services import number_next, record_delete, record_save, rows_lock
from trustboard.governance.models import Body, Membership
from trustboard.meetings.bank_holidays import is_working_day
from trustboard.meetings.models import (
    KINDS_WITH_TARGET,
    PACK_REISSUED,
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
    current_membership_q,
)
from trustboard.meetings.pack import PACK_BUILD_STEPS, PackItem, PackPaper, pack_build
from trustboard.meetings.papers import paper_inspect


def meeting_date(meeting: Meeting) -> date:
    """The day of the meeting in the partnership's own time zone."""
    return timezone.localtime(meeting.starts_at).date()


@transaction.atomic
def meeting_save(*, meeting: Meeting, by) -> Meeting:
    """Save a meeting, ending it after the body's usual length if no end is given.

    A body cannot be in two meetings at once; a cancelled meeting frees its time.
    """
    # Lock the body so two officers cannot book overlapping meetings at the same moment.
    body = Body.objects.select_for_update().get(pk=meeting.body_id)
    if meeting.starts_at is None:
        raise RuleError("Give the date and time the meeting starts.", field="starts_at")
    if meeting.ends_at is None:
        meeting.ends_at = meeting.starts_at + timedelta(hours=float(body.meeting_hours))
    if meeting.ends_at <= meeting.starts_at:
        raise RuleError("A meeting must end after it starts.", field="ends_at")
    if meeting.status != MeetingStatus.CANCELLED:
        other = (
            Meeting.objects.filter(body_id=body.pk, starts_at__lt=meeting.ends_at,
                                   ends_at__gt=meeting.starts_at)
            .exclude(status=MeetingStatus.CANCELLED).exclude(pk=meeting.pk)
            .order_by("starts_at").first()
        )
        if other is not None:
            start, end = timezone.localtime(other.starts_at), timezone.localtime(other.ends_at)
            raise RuleError(
                f"{body.name} already meets on {start:%-d %B %Y} from {start:%H:%M} to "
                f"{end:%H:%M}; choose a time that does not overlap.", field="starts_at")
    return record_save(meeting, by=by)


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
    if item.number is None:
        item.number = number_next(among=AgendaItem.objects.filter(meeting=item.meeting_id),
                                  field="number", lock=Meeting.objects.filter(pk=item.meeting_id))
    if not item.is_exempt:
        item.exempt_paragraph = None
    item.title = " ".join(item.title.split())
    becomes_exempt = item.is_exempt and item.pk is not None and AgendaItem.objects.filter(
        pk=item.pk, is_exempt=False).exists()
    record_save(item, by=by)
    if becomes_exempt:
        _public_packs_withdraw(item=item, by=by)
    for links, values in ((item.priorities, priorities), (item.key_actions, key_actions),
                          (item.indicators, indicators)):
        if values is not None:
            links.set(values)
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
    return meeting


@transaction.atomic
def attendance_save(*, attendance: Attendance, by) -> Attendance:
    """Record who came; a substitute attends in place of someone who sits on the body."""
    meeting = attendance.meeting
    if meeting.is_cancelled:
        raise RuleError("Attendance cannot be recorded at a cancelled meeting.", field="meeting")
    if attendance.substitute_for_id is not None:
        on = meeting_date(meeting)
        members = Membership.objects.filter(current_membership_q(on), body_id=meeting.body_id)
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


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict[int, str], by) -> list[Attendance]:
    """Record each person's status (keyed by person id) at once; an empty status is left alone."""
    if meeting.is_cancelled:
        raise RuleError("Attendance cannot be recorded at a cancelled meeting.", field="meeting")
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
    declaration.interest = declaration.interest.strip()
    return record_save(declaration, by=by)


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


@transaction.atomic
def action_complete(*, action: Action, on: date, by) -> Action:
    """Mark an action done on `on`; it stops being carried to later meetings after that day."""
    if action.status == ActionStatus.DONE:
        raise RuleError("This action is already done.", field="status")
    raised = meeting_date(action.item.meeting)
    if on < raised:
        raise RuleError(f"The action was raised on {raised:%-d %B %Y}; it cannot be done "
                        "before that.", field="done_on")
    action.status, action.done_on = ActionStatus.DONE, on
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
    document holding macros, or inflating to far more than its size, is refused
    (`trustboard.meetings.papers`).

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
    stored = default_storage.save(f"papers/{uuid.uuid4().hex}.{paper.extension}",
                                  inspected.content)
    paper.file.name = stored
    try:
        record_save(paper, by=by)
        if published and republish:
            pack_publish(meeting=meeting, by=by)
    except Exception:
        default_storage.delete(stored)
        raise
    return paper


def _pack_items(items: list[AgendaItem], step: Callable[[str], None]) -> list[PackItem]:
    entries = []
    for item in items:
        papers = []
        for paper in item.papers.all():
            reader = None
            if paper.is_pdf:
                step("Reading the papers")
                try:
                    with paper.file.open("rb") as stored:
                        reader = PdfReader(io.BytesIO(stored.read()))
                    len(reader.pages)  # pypdf reads lazily; a damaged file shows here
                except (FileNotFoundError, PdfReadError, ValueError, KeyError,
                        TypeError) as error:
                    raise RuleError(
                        f"The paper \u201c{paper.title}\u201d (item {item.number}) cannot be "
                        "read: its file is missing or damaged. Withdraw it or upload it again, "
                        "then publish the pack.", field=None) from error
            papers.append(PackPaper(paper=paper, reader=reader))
        entries.append(PackItem(item=item, papers=papers))
    return entries


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
    from trustboard.meetings.tasks import pack_publish_task

    _refuse_unpublishable_pack(meeting)
    return job_enqueue(task=pack_publish_task, title=f"Agenda pack: {meeting}", user=by,
                       params={"meeting": meeting.pk}, unit="steps")


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
    pdf_papers = sum(paper.is_pdf for item in items for paper in item.papers.all())
    step = _Steps(progress, pdf_papers + PACK_BUILD_STEPS * (2 if has_full else 1) + 1)
    entries = _pack_items(items, step)
    public = pack_build(meeting=meeting, is_full=False, version=number, stage=step,
                        items=[entry for entry in entries if not entry.item.is_exempt])
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


def _minutes_sections(meeting: Meeting) -> list[MinutesSection]:
    """The minutes' sections as the record stands: attendance, then one per agenda item."""
    attendance = list(meeting.attendances.select_related("person", "substitute_for")
                      .order_by("person__name"))
    sections = [MinutesSection(heading="Present", item=None, text=_people(
        record for record in attendance if record.status == AttendanceStatus.PRESENT))]
    sections.append(MinutesSection(heading="Apologies", item=None, text=_people(
        record for record in attendance if record.status == AttendanceStatus.APOLOGIES)))
    items = (AgendaItem.objects.filter(meeting=meeting).order_by("number")
             .prefetch_related("declarations__person", "decisions__target_body",
                               "actions__owner"))
    for item in items:
        paragraphs = [item.summary.strip()] if item.summary.strip() else []
        paragraphs += [f"{declaration.person.name} declared an interest: {declaration.interest}"
                       for declaration in item.declarations.all()]
        for decision in item.decisions.all():
            addressed = ""
            if decision.target_body_id:
                addressed = f" ({decision.target_body.name}"
                addressed += (f", by {decision.deadline:%-d %B %Y})" if decision.deadline
                              else ")")
            paragraphs.append(f"RESOLVED ({decision.get_kind_display().lower()}): "
                              f"{decision.text}{addressed}")
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
