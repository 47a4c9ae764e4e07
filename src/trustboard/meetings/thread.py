"""The meetings' part of the golden thread: the agenda items that took up each priority
(directly or through one of its key actions) and the decisions taken on them in the twelve
months to the date read, and the priorities no meeting discussed.

Exempt items (Schedule 12A) count only for those who may see them: the public's thread has
none, and a member's has those of their own bodies (`AgendaItem.objects.visible_to`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from trustboard.meetings.models import AgendaItem, Decision, DecisionKind, MeetingStatus
from trustboard.thread.providers import Gap, Kind, Link, Subject, ThreadContext

KINDS = [Kind("agenda-items", "Agenda items", order=30), Kind("decisions", "Decisions", order=31)]

DISCUSSED = (
    "Nottinghamshire 2015 review, paragraph 20: what worked well included \"Agendas match the "
    "priorities and key actions of the CYPF Plan\"; Middlesbrough scrutiny panel, paragraph 8: "
    "the trust should \"concentrate on identifying the outcomes it would like to deliver\""
)


@dataclass(frozen=True)
class _Item:
    pk: int
    number: int
    title: str
    is_exempt: bool
    url: str
    where: str
    decisions: list[tuple[int, str, str]]  # (pk, kind's label, text)


def links(context: ThreadContext) -> dict[int, list[Link]]:
    """Each priority's agenda items and their decisions in the last twelve months, newest
    meeting first."""
    result: dict[int, list[Link]] = {}
    for item, priority_ids in _items(context):
        item_link = Link(kind="agenda-items", id=item.pk, title=item.title, url=item.url,
                         detail=item.where + (" (exempt)" if item.is_exempt else ""))
        decisions = [Link(kind="decisions", id=pk, title=_short(text), url=item.url,
                          detail=f"{kind}: {item.where}")
                     for pk, kind, text in item.decisions]
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


def _items(context: ThreadContext) -> list[tuple[_Item, list[int]]]:
    """The visible items of meetings in the window, each with the priorities it serves
    (directly or through a key action); four queries, read as plain values because a plan
    may have hundreds of items."""

    def read():
        ids = context.priority_ids
        direct = AgendaItem.priorities.through.objects.filter(priority_id__in=ids)
        through_actions = AgendaItem.key_actions.through.objects.filter(
            keyaction__priority_id__in=ids)
        if context.public:
            items = AgendaItem.objects.filter(is_exempt=False)
        elif context.user is None:  # the command, read by those who run the installation
            items = AgendaItem.objects.all()
        else:
            items = AgendaItem.objects.visible_to(context.user)
        items = (items.filter(meeting__starts_at__date__gte=context.since,
                              meeting__starts_at__date__lte=context.as_at)
                 .exclude(meeting__status=MeetingStatus.CANCELLED)
                 .filter(Exists(direct.filter(agendaitem_id=OuterRef("pk")))
                         | Exists(through_actions.filter(agendaitem_id=OuterRef("pk")))))
        # The links and decisions are read by priority and by window, not through the items'
        # query again: each is a plain indexed read, and rows of items not shown are dropped.
        served: dict[int, set[int]] = {}
        for item_id, priority_id in [
                *direct.values_list("agendaitem_id", "priority_id"),
                *through_actions.values_list("agendaitem_id", "keyaction__priority_id")]:
            served.setdefault(item_id, set()).add(priority_id)
        decisions: dict[int, list[tuple[int, str, str]]] = {}
        labels = dict(DecisionKind.choices)
        for pk, item_id, kind, text in (
                Decision.objects.filter(item_id__in=list(served))
                .filter(item__meeting__starts_at__date__gte=context.since,
                        item__meeting__starts_at__date__lte=context.as_at)
                .order_by("pk").values_list("pk", "item_id", "kind", "text")):
            decisions.setdefault(item_id, []).append((pk, labels.get(kind, kind), text))
        meetings: dict[int, tuple[str, str]] = {}
        result = []
        for row in items.order_by("-meeting__starts_at", "number").values(
                "pk", "number", "title", "is_exempt", "meeting_id", "meeting__starts_at",
                "meeting__body__name"):
            if row["meeting_id"] not in meetings:
                when = timezone.localtime(row["meeting__starts_at"])
                meetings[row["meeting_id"]] = (
                    reverse("meetings:meeting-detail", args=[row["meeting_id"]]),
                    f"{row['meeting__body__name']}, {when:%-d %B %Y}")
            url, where = meetings[row["meeting_id"]]
            item = _Item(pk=row["pk"], number=row["number"], title=row["title"],
                         is_exempt=row["is_exempt"], url=f"{url}#item-{row['number']}",
                         where=where, decisions=decisions.get(row["pk"], []))
            result.append((item, sorted(served.get(row["pk"], ()))))
        return result

    return context.remember("meetings.items", read)


def _short(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
