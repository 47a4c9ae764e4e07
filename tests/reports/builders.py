"""PlanPerformance objects built in memory, with the fields plans.selectors agrees to give.

The narrative and the document read only attributes, so these stand-ins (unsaved model
instances inside frozen dataclasses of the agreed shape) let the tests say exactly which
figures a report is written from, without a database.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from trustboard.performance.models import Area, Indicator
from trustboard.plans.models import KeyAction, Plan, Priority

_ids = itertools.count(1)
AS_AT = datetime.date(2012, 9, 30)


@dataclass(frozen=True)
class TrendPoint:
    period: str
    value: float | None
    england_value: float | None
    neighbour_average: float | None


@dataclass(frozen=True)
class IndicatorPerformance:
    indicator: Indicator
    period: str | None = "2011/12"
    value: float | None = 50.0
    lower95: float | None = 48.0
    upper95: float | None = 52.0
    england_value: float | None = 45.0
    compared_with_england: str | None = "better"
    neighbour_average: float | None = 47.0
    neighbour_rank: int | None = 3
    neighbour_count: int | None = 11
    target: float | None = 55.0
    target_status: str | None = "amber"
    direction_of_travel: str | None = "improving"
    is_stale: bool = False
    commentary: str = ""
    series: list = field(default_factory=list)
    localities: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)


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


def indicator(name: str, comparison: str | None = "better", *,
              polarity: str = "higher_is_better", unit: str = "%", pk: int | None = None,
              series: bool = True, **figures) -> IndicatorPerformance:
    model = Indicator(name=name, polarity=polarity, unit=unit)
    model.pk = pk if pk is not None else next(_ids)
    points = [TrendPoint(f"20{year:02d}/{year + 1:02d}", 40.0 + year, 44.0 + year / 2, 45.0)
              for year in range(8, 12)] if series else []
    return IndicatorPerformance(indicator=model, compared_with_england=comparison,
                                series=points, **figures)


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
