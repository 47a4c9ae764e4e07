"""The indicators' part of the golden thread: each priority's indicators with their reading
as at the date read, and the gaps (no indicator, none with a current value, no owner)."""

from __future__ import annotations

from django.urls import reverse

from trustboard.performance.models import Indicator
from trustboard.performance.selectors import (
    IndicatorReading,
    indicator_readings,
    partnership_area,
)
from trustboard.plans.models import Priority
from trustboard.thread.providers import Gap, Kind, Link, Subject, ThreadContext

KINDS = [Kind("indicators", "Indicators", order=20)]

MEASURED = (
    "Nottinghamshire 2013, paragraph 16: \"For each priority, there are a number of key "
    "actions and performance indicators to track progress and assess impact for children, "
    "young people or families.\"; Middlesbrough scrutiny panel, paragraph 8: a shared vision "
    "and partnership ethos \"do not guarantee, nor are they intrinsic measures of, a "
    "successful Children's Trust\""
)
CURRENT = (
    "Nottinghamshire 2013, paragraph 17: the report gives \"the most recent data available on "
    "Nottinghamshire's performance\"; an indicator is read within its frequency (DESIGN.md, "
    "data currency)"
)
OWNED = (
    "Nottinghamshire 2013 appendix: each indicator has a lead who reports on it; "
    "Middlesbrough scrutiny panel, paragraph 8: the trust should \"concentrate on identifying "
    "the outcomes it would like to deliver\""
)


def links(context: ThreadContext) -> dict[int, list[Link]]:
    """Each priority's indicators with their latest value as at the date read."""
    indicators_of, readings = _read(context)
    return {priority_id: [_link(indicator, readings.get(indicator.pk))
                          for indicator in indicators]
            for priority_id, indicators in indicators_of.items()}


def gaps(context: ThreadContext) -> list[Gap]:
    """A priority with no indicator or none with a value in its frequency; an indicator of
    the plan with no owner."""
    indicators_of, readings = _read(context)
    found: list[Gap] = []
    owner_gaps: dict[int, Gap] = {}
    for priority in context.priorities:
        indicators = indicators_of.get(priority.pk, [])
        subject = _priority_subject(context, priority)
        if not indicators:
            found.append(Gap(
                rule="priority-without-indicator", severity="high",
                message=f"Priority {priority.number} has no indicator to show whether it is "
                        "making a difference.",
                citation=MEASURED, subjects=[subject], priority_id=priority.pk))
        elif not any(indicator.pk in readings and not readings[indicator.pk].is_out_of_date
                     for indicator in indicators):
            found.append(Gap(
                rule="priority-without-current-value", severity="medium",
                message=f"None of priority {priority.number}'s {len(indicators)} "
                        f"indicator{'s' if len(indicators) != 1 else ''} has a value within "
                        f"its frequency as at {context.as_at:%-d %B %Y}.",
                citation=CURRENT,
                subjects=[subject, *(_subject(indicator) for indicator in indicators)],
                priority_id=priority.pk,
                leads=frozenset(i.owner_id for i in indicators if i.owner_id)))
        for indicator in indicators:
            if indicator.owner_id is None and indicator.pk not in owner_gaps:
                owner_gaps[indicator.pk] = Gap(
                    rule="indicator-without-owner", severity="medium",
                    message=f"The indicator “{indicator.name}” has no owner to report on it.",
                    citation=OWNED, subjects=[_subject(indicator)], priority_id=priority.pk)
    return found + list(owner_gaps.values())


def _read(context: ThreadContext) -> tuple[dict[int, list[Indicator]],
                                           dict[int, IndicatorReading]]:
    def read():
        links = (Priority.indicators.through.objects
                 .filter(priority_id__in=context.priority_ids)
                 .select_related("indicator__owner").order_by("indicator__name"))
        indicators_of: dict[int, list[Indicator]] = {}
        unique: dict[int, Indicator] = {}
        for link in links:
            indicator = unique.setdefault(link.indicator_id, link.indicator)
            indicators_of.setdefault(link.priority_id, []).append(indicator)
        area = partnership_area()
        readings = (indicator_readings(list(unique.values()), area=area, as_at=context.as_at,
                                       public=context.public)
                    if area is not None and unique else {})
        return indicators_of, readings

    return context.remember("performance.indicators", read)


def _link(indicator: Indicator, reading: IndicatorReading | None) -> Link:
    if reading is None or reading.latest is None:
        detail = "No value"
    elif reading.is_suppressed:
        detail = f"{reading.period}: suppressed to protect privacy"
    elif reading.value is None:
        detail = f"{reading.period}: no value"
    else:
        detail = f"{reading.period}: {reading.value:,.1f}"
        if reading.is_out_of_date:
            detail += " (out of date)"
    return Link(kind="indicators", id=indicator.pk, title=indicator.name,
                url=reverse("performance:indicator-detail", args=[indicator.pk]), detail=detail)


def _subject(indicator: Indicator) -> Subject:
    return Subject("indicators", indicator.pk, indicator.name,
                   reverse("performance:indicator-detail", args=[indicator.pk]))


def _priority_subject(context: ThreadContext, priority: Priority) -> Subject:
    return Subject("priorities", priority.pk, f"{priority.number}. {priority.title}",
                   reverse("plans:plan-detail", args=[context.plan.slug])
                   + f"#priority-{priority.number}")
