"""Every write to participation: engagements, their findings and the responses to them.

Names are never stored: any free text that looks as if it holds an email address or a
phone number is refused, naming the field, before anything is written.
"""

import re

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from trustboard.core.errors import RuleError
from trustboard.core.services import record_delete, record_save
from trustboard.participation.models import (
    AgeBand,
    CountKind,
    Engagement,
    Finding,
    ParticipantCount,
    ParticipantGroup,
    Response,
    ResponseKind,
    Topic,
)
from trustboard.performance.models import AreaKind

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# A UK number: 0 or +44 then ten or so digits, perhaps spaced, bracketed or hyphenated.
_PHONE = re.compile(r"(?<![\w/])(?:\+44\s?\(?0?\)?|\(?0)\d(?:[\s\-()]{0,2}\d){8,10}(?!\d)")

#: How the forms label the free-text fields, for a refusal to name them.
_FIELD_NAMES = {"said": "What they said", "text": "What we did or will do", "reason": "Why not"}

#: Every count an engagement can carry: (kind, category).
COUNT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    *((CountKind.AGE_BAND.value, band.value, band.label) for band in AgeBand),
    *((CountKind.GROUP.value, group.value, group.label) for group in ParticipantGroup),
)


def count_field_name(kind: str, category: str) -> str:
    """The form field that carries one count, named so a refusal can point at it."""
    return "count_" + slugify(f"{kind} {category}").replace("-", "_")


def text_refuse_contact_details(**texts: str) -> None:
    """Refuse free text that looks as if it holds an email address or a phone number, naming
    the field: nothing that could identify a child or family is kept."""
    for field, text in texts.items():
        if not text:
            continue
        name = _FIELD_NAMES.get(field, field.replace("_", " ").capitalize())
        for pattern, what in ((_EMAIL, "an email address"), (_PHONE, "a phone number")):
            if pattern.search(text):
                raise RuleError(f"{name} looks like it holds {what}. Remove it: participation "
                                "records never identify anyone.", field=field)


@transaction.atomic
def topic_for(*, name: str, by) -> Topic:
    """The topic of that name, created if new."""
    name = " ".join(name.split())
    text_refuse_contact_details(topics=name)
    slug = slugify(name)[:100]
    if not slug:
        raise RuleError("A topic needs a name.", field="topics")
    topic = Topic.objects.filter(slug=slug).first()
    return topic or record_save(Topic(name=name[:100], slug=slug), by=by)


@transaction.atomic
def engagement_save(*, engagement: Engagement, topics: list[str],
                    counts: dict[tuple[str, str], int | None], by) -> Engagement:
    """Record (or correct) an engagement with its topics and who took part, in one go.

    `counts` maps (kind, category) to how many took part; None or a missing key leaves that
    count out. A negative count is refused naming its field, and nothing is written.
    """
    text_refuse_contact_details(title=engagement.title, summary=engagement.summary)
    known = {(kind, category) for kind, category, _label in COUNT_CATEGORIES}
    for (kind, category), count in counts.items():
        if (kind, category) not in known:
            raise RuleError(f"There is no {kind} called {category!r}.")
        if count is not None and count < 0:
            raise RuleError("A count cannot be negative.",
                            field=count_field_name(kind, category))
    if engagement.locality and engagement.locality.kind not in (AreaKind.DISTRICT,
                                                                AreaKind.LOCALITY):
        raise RuleError("Choose a district or locality.", field="locality")
    if not topics:
        raise RuleError("Name at least one topic.", field="topics")
    topic_rows = [topic_for(name=name, by=by) for name in topics]
    record_save(engagement, by=by)
    engagement.topics.set(topic_rows)
    wanted = {key: count for key, count in counts.items() if count is not None}
    for row in engagement.counts.all():
        if (row.kind, row.category) not in wanted:
            record_delete(row, by=by)
        elif row.count != wanted[(row.kind, row.category)]:
            row.count = wanted.pop((row.kind, row.category))
            record_save(row, by=by)
        else:
            wanted.pop((row.kind, row.category))
    bulk_create_with_history([
        ParticipantCount(engagement=engagement, kind=kind, category=category, count=count)
        for (kind, category), count in wanted.items()], ParticipantCount, default_user=by)
    return engagement


@transaction.atomic
def finding_save(*, finding: Finding, priorities, by, needs_topics=(),
                 services=()) -> Finding:
    """Record (or correct) a finding, tagged to priorities of the engagement's plan, needs
    assessment topics and services of its arrangement; its topic becomes one of the
    engagement's topics."""
    text_refuse_contact_details(title=finding.title, said=finding.said)
    engagement = finding.engagement
    priorities, services = list(priorities), list(services)
    for priority in priorities:
        if priority.plan_id != engagement.plan_id:
            raise RuleError(f"Priority {priority} is of another plan than the engagement's "
                            f"({engagement.plan}).", field="priorities")
    for service in services:
        if service.scenario_id != engagement.scenario_id:
            raise RuleError(f"{service} is a service of another arrangement than the "
                            f"engagement's ({engagement.scenario}).", field="services")
    record_save(finding, by=by)
    finding.priorities.set(priorities)
    finding.needs_topics.set(needs_topics)
    finding.services.set(services)
    engagement.topics.add(finding.topic)
    return finding


def response_kind_check(*, kind: str, will_by, reason: str) -> None:
    """\"We will\" needs a date and \"we cannot\" a reason."""
    if kind == ResponseKind.WILL and will_by is None:
        raise RuleError("Say by when: \"we will\" needs a date.", field="will_by")
    if kind == ResponseKind.CANNOT and not (reason or "").strip():
        raise RuleError("Say why: \"we cannot\" needs a reason.", field="reason")


@transaction.atomic
def response_save(*, response: Response, by) -> Response:
    """Record (or correct) the "we did" to a finding: "we will" needs a date, "we cannot" a
    reason, and what it links to must belong to the engagement's plan and arrangement."""
    text_refuse_contact_details(text=response.text, reason=response.reason)
    engagement = response.finding.engagement
    response_kind_check(kind=response.kind, will_by=response.will_by, reason=response.reason)
    if response.kind != ResponseKind.WILL:
        response.will_by = None
    if response.kind != ResponseKind.CANNOT:
        response.reason = ""
    if response.responded_on < engagement.held_on:
        raise RuleError("A response cannot come before the engagement "
                        f"({engagement.held_on:%-d %B %Y}).", field="responded_on")
    if response.decision_id is not None:
        scenario_id = response.decision.item.meeting.body.scenario_id
        if scenario_id != engagement.scenario_id:
            raise RuleError("That decision was made in another arrangement than the "
                            f"engagement's ({engagement.scenario}).", field="decision")
    if (response.service_change_id is not None
            and response.service_change.service.scenario_id != engagement.scenario_id):
        raise RuleError("That service change is of another arrangement than the engagement's "
                        f"({engagement.scenario}).", field="service_change")
    if (response.key_action_id is not None
            and response.key_action.priority.plan_id != engagement.plan_id):
        raise RuleError(f"That key action is of another plan than the engagement's "
                        f"({engagement.plan}).", field="key_action")
    return record_save(response, by=by)
