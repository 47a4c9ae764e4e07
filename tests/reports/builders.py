"""Plan performance built in memory, so a test says exactly which figures a report is
written from, without a database.

Indicators are the real reading (performance.selectors.IndicatorReading) of unsaved
models; actions and the plan are stand-ins of the shape plans.selectors gives.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from trustboard.performance.models import Area, Indicator
from trustboard.performance.selectors import (
    IndicatorReading,
    PeriodCommentary,
    SeriesPoint,
    neighbour_rank,
)
from trustboard.plans.models import KeyAction, Plan, Priority

_ids = itertools.count(1)
AS_AT = datetime.date(2012, 9, 30)


@dataclass(frozen=True)
class ActionPerformance:
    action: KeyAction
    status: str = "on schedule"
    status_label: str = "On schedule"
    commentary: str = ""
    updated_on: datetime.date | None = None
    exceptions: list = field(default_factory=list)
    recorded_status_label: str = ""


@dataclass(frozen=True)
class PriorityPerformance:
    priority: Priority
    actions: list
    indicators: list


@dataclass(frozen=True)
class PlanPerformance:
    plan: Plan
    as_at: datetime.date
    area: Area
    priorities: list


LABELS = {"overdue": "Overdue", "completed": "Completed", "on schedule": "On schedule",
          "at risk": "At risk", "delayed": "Delayed", "not started": "Not started"}


def point(period: str, value: float | None, **figures) -> SeriesPoint:
    """A period's figures, with nothing compared unless `figures` says so."""
    year = 2000 + int(period[2:4])
    fields = dict.fromkeys(SeriesPoint.__dataclass_fields__)
    fields.update(period=period, start=datetime.date(year, 4, 1),
                  end=datetime.date(year + 1, 3, 31), value=value, value_note="",
                  limits_source="", **figures)
    return SeriesPoint(**fields)


def indicator(name: str, comparison: str | None = "better", *,
              polarity: str = "higher_is_better", unit: str = "%", pk: int | None = None,
              series: bool = True, commentary: str = "", value: float | None = 50.0,
              england_value: float | None = 45.0, **figures) -> IndicatorReading:
    """The reading of an indicator whose latest value (2011/12) is `value`, `comparison`
    with England's; by default ranked 3 of 11 among its ten neighbours, amber against its
    target and improving, after three earlier years."""
    model = Indicator(name=name, polarity=polarity, unit=unit, frequency_months=12)
    model.pk = pk if pk is not None else next(_ids)
    latest_figures = dict(
        lower95=48.0, upper95=52.0, england_value=england_value,
        compared_with_england=comparison, neighbour_average=47.0,
        neighbour_ranking=neighbour_rank(rank=3, with_value=10, neighbours=10),
        target=55.0, target_status="amber", direction_of_travel="improving")
    latest_figures.update(figures)
    latest = point("2011/12", value, **latest_figures) if value is not None else None
    earlier = [point(f"20{year:02d}/{year + 1:02d}", 40.0 + year,
                     england_value=44.0 + year / 2, neighbour_average=45.0)
               for year in range(8, 11)] if series else []
    return IndicatorReading(
        indicator=model, as_at=AS_AT, latest=latest,
        series=[*earlier, latest] if latest and series else earlier,
        commentary=PeriodCommentary(period="2011/12", text=commentary, by="Pat Officer",
                                    at=datetime.datetime(2012, 9, 1, tzinfo=datetime.UTC),
                                    is_public=True) if commentary else None)


def action(reference: str, title: str = "Deliver the strategy", status: str = "on schedule",
           **extra) -> ActionPerformance:
    model = KeyAction(reference=reference, title=title)
    model.pk = next(_ids)
    return ActionPerformance(action=model, status=status, status_label=LABELS[status], **extra)


def plan_performance(priorities: list[tuple[list, list]] | None = None, *,
                     area: str = "Nottinghamshire", as_at: datetime.date = AS_AT
                     ) -> PlanPerformance:
    """A plan with the given (actions, indicators) per priority."""
    plan = Plan(title="Children, Young People and Families Plan 2011-14", slug="cypf-2011-14",
                starts_on=datetime.date(2011, 4, 1), ends_on=datetime.date(2014, 3, 31))
    result = []
    for number, (actions, indicators) in enumerate(priorities or [], start=1):
        priority = Priority(plan=plan, number=number, title=f"Priority number {number}")
        result.append(PriorityPerformance(priority=priority, actions=actions,
                                          indicators=indicators))
    return PlanPerformance(plan=plan, as_at=as_at, area=Area(name=area, code="E10000024"),
                           priorities=result)
