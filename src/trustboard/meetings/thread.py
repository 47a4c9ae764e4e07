"""The meetings' part of the golden thread: the agenda items that took up each priority
(directly or through one of its key actions) and the decisions taken on them in the twelve
months to the date read, and the priorities no meeting discussed.

Exempt items (Schedule 12A) count only for those who may see them: the public's thread has
none, and a member's has those of their own bodies (`AgendaItem.objects.visible_to`).
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from trustboard.meetings.models import AgendaItem, Decision, MeetingStatus
from trustboard.plans.models import KeyAction, Priority
from trustboard.thread.providers import Gap, Kind, Link, Subject, ThreadContext

KINDS = [Kind("agenda-items", "Agenda items", order=30), Kind("decisions", "Decisions", order=31)]

DISCUSSED = (
    "Nottinghamshire 2015 review, paragraph 20: what worked well included \"Agendas match the "
    "priorities and key actions of the CYPF Plan\"; Middlesbrough scrutiny panel, paragraph 8: "
    "the trust should \"concentrate on identifying the outcomes it would like to deliver\""
)


def links(context: ThreadContext) -> dict[int, list[Link]]:
    """Each priority's agenda items and their decisions in the last twelve months, newest
    meeting first."""
    result: dict[int, list[Link]] = {}
    for item, priority_ids in _items(context):
        url = reverse("meetings:meeting-detail", args=[item.meeting_id]) + f"#item-{item.number}"
        when = timezone.localtime(item.meeting.starts_at)
        where = f"{item.meeting.body.name}, {when:%-d %B %Y}"
        item_link = Link(kind="agenda-items", id=item.pk, title=item.title, url=url,
                         detail=where + (" (exempt)" if item.is_exempt else ""))
        decisions = [Link(kind="decisions", id=decision.pk, title=_short(decision.text),
                          url=url, detail=f"{decision.get_kind_display()}: {where}")
                     for decision in item.decisions.all()]
        for priority_id in priority_ids:
            result.setdefault(priority_id, []).extend([item_link, *decisions])
    return result


def gaps(context: ThreadContext) -> list[Gap]:
    """A priority no meeting's agenda took up in the twelve months to the date read."""
    discussed = {pk for _, priority_ids in _items(context) for pk in priority_ids}
    return [Gap(rule="priority-not-discussed", severity="high",
                message=(f"No meeting discussed priority {priority.number} in the twelve "
                         f"months from {context.since:%-d %B %Y} to {context.as_at:%-d %B %Y}: "
                         "no agenda item links to it or to one of its key actions."),
                citation=DISCUSSED,
                subjects=[Subject("priorities", priority.pk,
                                  f"{priority.number}. {priority.title}",
                                  reverse("plans:plan-detail", args=[context.plan.slug])
                                  + f"#priority-{priority.number}")],
                priority_id=priority.pk)
            for priority in context.priorities if priority.pk not in discussed]


def _items(context: ThreadContext) -> list[tuple[AgendaItem, list[int]]]:
    """The visible items of meetings in the window, each with the priorities it serves; four
    queries."""

    def read():
        ids = context.priority_ids
        if context.public:
            items = AgendaItem.objects.filter(is_exempt=False)
        elif context.user is None:  # the command, read by those who run the installation
            items = AgendaItem.objects.all()
        else:
            items = AgendaItem.objects.visible_to(context.user)
        items = (items.filter(Q(priorities__in=ids) | Q(key_actions__priority__in=ids),
                              meeting__starts_at__date__gte=context.since,
                              meeting__starts_at__date__lte=context.as_at)
                 .exclude(meeting__status=MeetingStatus.CANCELLED)
                 .distinct()
                 .select_related("meeting__body")
                 .prefetch_related(
                     Prefetch("priorities", queryset=Priority.objects.filter(pk__in=ids)
                              .only("pk")),
                     Prefetch("key_actions", queryset=KeyAction.objects.filter(
                         priority__in=ids).only("pk", "priority_id")),
                     Prefetch("decisions", queryset=Decision.objects.order_by("pk")))
                 .order_by("-meeting__starts_at", "number"))
        return [(item, sorted({p.pk for p in item.priorities.all()}
                              | {a.priority_id for a in item.key_actions.all()}))
                for item in items]

    return context.remember("meetings.items", read)


def _short(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
