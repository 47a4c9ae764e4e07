"""A plan of any size for measuring the thread: the query-count test and bench/bench_thread.py.

Rows are written with bulk_create (no history), so a plan of 10 priorities, 100 key actions,
200 indicators and 500 agenda items takes a second or two to build. Everything it makes is
named "Synthetic"; it is never part of the demo.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from trustboard.governance.models import Body, Organisation, Person, Scenario
from trustboard.meetings.models import AgendaItem, Decision, DecisionKind, Meeting
from trustboard.performance.models import (
    ENGLAND_CODE,
    Area,
    AreaKind,
    Breakdown,
    DataPoint,
    Indicator,
    Period,
)
from trustboard.performance.selectors import DEFAULT_PARTNERSHIP_AREA
from trustboard.plans.models import ActionStatus, ActionUpdate, KeyAction, Plan, Priority

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class SyntheticSize:
    priorities: int = 10
    actions: int = 100
    indicators: int = 200
    items: int = 500
    # Made only where their app is installed.
    services: int = 100
    engagements: int = 200
    risks: int = 100


def thread_synthetic_plan(*, size: SyntheticSize, slug: str = "synthetic",
                          as_at: datetime.date = datetime.date(2012, 9, 30)) -> Plan:
    """A plan of `size` with updates, values, owners, meetings, items and decisions in the
    twelve months to `as_at`: every kind of link and every kind of gap present."""
    plan = Plan.objects.create(title=f"Synthetic plan {slug}", slug=slug,
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))
    scenario = Scenario.objects.create(name=f"Synthetic {slug}", slug=f"synthetic-{slug}")
    body = Body.objects.create(scenario=scenario, name=f"Synthetic board {slug}")
    organisation = Organisation.objects.get_or_create(name="Synthetic partner")[0]
    people = Person.objects.bulk_create(
        Person(name=f"Synthetic lead {slug} {n}", organisation=organisation) for n in range(10))
    priorities = Priority.objects.bulk_create(
        Priority(plan=plan, number=n + 1, title=f"Synthetic priority {n + 1}",
                 accountable_body=body) for n in range(size.priorities))
    indicators = Indicator.objects.bulk_create(
        Indicator(name=f"Synthetic {slug} indicator {n}", source="Synthetic",
                  owner=people[n % len(people)] if n % 7 else None)
        for n in range(size.indicators))
    Priority.indicators.through.objects.bulk_create(
        Priority.indicators.through(priority=priorities[n % len(priorities)],
                                    indicator=indicator)
        for n, indicator in enumerate(indicators))
    _values(indicators)
    actions = KeyAction.objects.bulk_create(
        KeyAction(priority=priorities[n % len(priorities)], reference=f"{n // 10}.{n % 10}",
                  title=f"Synthetic action {n}", lead_officer=people[n % len(people)],
                  due_on=as_at + datetime.timedelta(days=(n % 5 - 2) * 60))
        for n in range(size.actions))
    statuses = list(ActionStatus)
    ActionUpdate.objects.bulk_create(
        ActionUpdate(action=action, status=statuses[n % len(statuses)],
                     as_at=as_at - datetime.timedelta(days=30 * (n % 6)))
        for n, action in enumerate(actions) if n % 4)
    meetings = Meeting.objects.bulk_create(
        Meeting(body=body, starts_at=_at(as_at - datetime.timedelta(days=7 + 7 * n)),
                ends_at=_at(as_at - datetime.timedelta(days=7 + 7 * n), hour=12))
        for n in range(max(1, size.items // 10)))
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meetings[n // 10], number=n % 10 + 1, title=f"Synthetic item {n}",
                   is_exempt=n % 10 == 9, exempt_paragraph=3 if n % 10 == 9 else None)
        for n in range(size.items))
    # The last priority is never discussed, so its gap shows.
    discussed = priorities[:-1] or priorities
    AgendaItem.priorities.through.objects.bulk_create(
        AgendaItem.priorities.through(agendaitem=item, priority=discussed[n % len(discussed)])
        for n, item in enumerate(items) if n % 2)
    AgendaItem.key_actions.through.objects.bulk_create(
        AgendaItem.key_actions.through(agendaitem=item, keyaction=actions[n % len(actions)])
        for n, item in enumerate(items) if not n % 2
        and actions[n % len(actions)].priority_id != priorities[-1].pk)
    Decision.objects.bulk_create(
        Decision(item=item, kind=DecisionKind.NOTE, text=f"Synthetic decision {n}")
        for n, item in enumerate(items) if not n % 5)
    _others(slug=slug, size=size, as_at=as_at, scenario=scenario, body=body, people=people,
            priorities=priorities, indicators=indicators)
    return plan


def _values(indicators: list[Indicator]) -> None:
    england = Area.objects.get_or_create(code=ENGLAND_CODE,
                                         defaults={"name": "England", "kind": AreaKind.ENGLAND})[0]
    county = Area.objects.get_or_create(
        code=DEFAULT_PARTNERSHIP_AREA,
        defaults={"name": "Nottinghamshire", "kind": AreaKind.UPPER_TIER, "parent": england})[0]
    breakdown = Breakdown.objects.get_or_create(sex="Persons", age="All ages")[0]
    periods = [Period.objects.get_or_create(label=f"{year}/{year - 1999:02d}",
                                            start=datetime.date(year, 4, 1),
                                            end=datetime.date(year + 1, 3, 31))[0]
               for year in (2009, 2010, 2011)]
    DataPoint.objects.bulk_create(
        DataPoint(indicator=indicator, area=area, period=period, breakdown=breakdown,
                  value=40.0 + n % 20 + index, lower95=38.0 + n % 20, upper95=42.0 + n % 20 + index)
        for n, indicator in enumerate(indicators)
        for index, period in enumerate(periods[: 1 + n % 3])
        for area in (england, county))


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def _others(*, slug, size, as_at, scenario, body, people, priorities, indicators):
    """Services, engagements and risks, where their apps are installed."""
    from django.apps import apps as installed

    if installed.is_installed("trustboard.commissioning") and size.services:
        from trustboard.commissioning.models import Service

        services = Service.objects.bulk_create(
            Service(scenario=scenario, name=f"Synthetic service {n}",
                    slug=f"synthetic-{slug}-service-{n}", provider_name="Synthetic provider",
                    lead_commissioner=people[n % len(people)],
                    contract_start=as_at - datetime.timedelta(days=365))
            for n in range(size.services))
        Service.priorities.through.objects.bulk_create(
            Service.priorities.through(service=service, priority=priorities[n % len(priorities)])
            for n, service in enumerate(services))
        Service.indicators.through.objects.bulk_create(
            Service.indicators.through(service=service, indicator=indicators[n % len(indicators)])
            for n, service in enumerate(services) if n % 3)
    if installed.is_installed("trustboard.participation") and size.engagements:
        from trustboard.participation.models import (
            Engagement,
            Finding,
            Method,
            Response,
            ResponseKind,
            Topic,
        )

        topic = Topic.objects.get_or_create(slug=f"synthetic-{slug}",
                                            defaults={"name": f"Synthetic {slug}"})[0]
        engagements = Engagement.objects.bulk_create(
            Engagement(plan=priorities[0].plan, scenario=scenario,
                       title=f"Synthetic engagement {n}", method=Method.GROUP,
                       held_on=as_at - datetime.timedelta(days=3 * n % 360),
                       summary="Synthetic.")
            for n in range(size.engagements))
        findings = Finding.objects.bulk_create(
            Finding(engagement=engagement, topic=topic, title=f"Synthetic finding {n}",
                    said="Synthetic.")
            for n, engagement in enumerate(engagements))
        Finding.priorities.through.objects.bulk_create(
            Finding.priorities.through(finding=finding, priority=priorities[n % len(priorities)])
            for n, finding in enumerate(findings))
        Response.objects.bulk_create(
            Response(finding=finding, kind=ResponseKind.DID, text="Synthetic.",
                     responded_on=finding.engagement.held_on + datetime.timedelta(days=30))
            for n, finding in enumerate(findings) if n % 2)
    if installed.is_installed("trustboard.risks") and size.risks:
        from trustboard.risks.models import MitigatingAction, Risk

        risks = Risk.objects.bulk_create(
            Risk(plan=priorities[0].plan, reference=f"R{n + 1}", title=f"Synthetic risk {n}",
                 body=body, owner=people[n % len(people)],
                 identified_on=as_at - datetime.timedelta(days=200),
                 inherent_likelihood=5, inherent_impact=5,
                 current_likelihood=1 + n % 5, current_impact=1 + (n // 5) % 5,
                 target_likelihood=1, target_impact=1,
                 review_on=as_at + datetime.timedelta(days=(n % 3 - 1) * 30))
            for n in range(size.risks))
        Risk.priorities.through.objects.bulk_create(
            Risk.priorities.through(risk=risk, priority=priorities[n % len(priorities)])
            for n, risk in enumerate(risks))
        MitigatingAction.objects.bulk_create(
            MitigatingAction(risk=risk, text="Synthetic.", owner=risk.owner,
                             due_on=as_at + datetime.timedelta(days=60))
            for n, risk in enumerate(risks) if n % 2)
