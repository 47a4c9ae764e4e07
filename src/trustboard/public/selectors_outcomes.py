"""Reads for the public outcomes framework and the benchmark pages.

Every figure comes from the one reading of an indicator (performance.selectors:
`indicator_readings`, through plans' `plan_performance` and performance's
`area_benchmark`), always as the public may see it (`public=True`): nothing here
computes a value, a rank or a comparison of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from trustboard.performance.models import Area, AreaKind
from trustboard.performance.selectors import AreaBenchmark, area_benchmark
from trustboard.plans.models import Plan
from trustboard.plans.selectors import PlanPerformance, plan_performance, plan_reporting_date


def outcome_plans() -> list[Plan]:
    """Every plan, newest first, with its priorities: two queries."""
    return list(Plan.objects.order_by("-starts_on").prefetch_related("priorities"))


def outcome_plan_get(*, slug: str) -> Plan | None:
    return Plan.objects.filter(slug=slug).first()


@dataclass(frozen=True)
class OutcomesFramework:
    """A plan's priorities with their outcome indicators as the public may see them."""

    plan: Plan
    as_at: date
    reporting_date: date
    performance: PlanPerformance

    @property
    def as_at_is_reporting_date(self) -> bool:
        return self.as_at == self.reporting_date


def outcomes_framework(*, plan: Plan, as_at: date | None = None) -> OutcomesFramework:
    """The plan's priorities and their indicators' readings as at `as_at` (the plan's
    reporting date by default), approved values only, with each indicator's districts and
    localities: the queries of one `plan_performance` call."""
    reporting_date = plan_reporting_date(plan=plan)
    as_at = as_at or reporting_date
    return OutcomesFramework(
        plan=plan, as_at=as_at, reporting_date=reporting_date,
        performance=plan_performance(plan=plan, as_at=as_at, public=True))


# --- benchmarks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionAuthorities:
    region: str
    authorities: list[Area]


def benchmark_authorities(*, search: str = "") -> list[RegionAuthorities]:
    """The current upper-tier local authorities, grouped by region (regions and
    authorities by name), narrowed to names or codes containing `search`: one query."""
    areas = Area.objects.filter(kind=AreaKind.UPPER_TIER, is_current=True).select_related(
        "region")
    search = search.strip()
    if search:
        areas = areas.filter(Q(name__icontains=search) | Q(code__iexact=search)
                             | Q(dfe_la_code__iexact=search))
    groups: dict[str, list[Area]] = {}
    for area in sorted(areas, key=lambda area: (area.region.name if area.region else "",
                                                area.name)):
        groups.setdefault(area.region.name if area.region else "No region", []).append(area)
    return [RegionAuthorities(region=region, authorities=authorities)
            for region, authorities in groups.items()]


def benchmark_area_get(*, code: str) -> Area | None:
    """A current upper-tier local authority by its code (the benchmarks cover those)."""
    return (Area.objects.filter(code=code, kind=AreaKind.UPPER_TIER)
            .select_related("region").first())


def benchmark(*, area: Area) -> AreaBenchmark:
    """The authority against its own statistical neighbours, as the public may see it."""
    return area_benchmark(area, public=True)
