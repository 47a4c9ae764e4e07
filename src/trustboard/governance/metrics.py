"""What a structure costs in meeting time, and what changes between two scenarios.

Plymouth's review found "significant resources being tied up in meetings"; these figures
put a number on that, so a proposal (Plymouth's merged partnership, Nottinghamshire's
board and two executives) can be weighed against the structure as it is.

Hours are Decimals rounded to one decimal place; totals are summed before rounding.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from trustboard.governance.models import Body, Scenario
from trustboard.governance.selectors import Structure, scenario_structure

_TENTH = Decimal("0.1")


def _round(hours: Decimal) -> Decimal:
    return hours.quantize(_TENTH, rounding=ROUND_HALF_UP)


def _key(text: str) -> str:
    """Names and responsibilities match whatever their case and spacing."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class BodyHours:
    body_id: int
    name: str
    kind_label: str
    meetings_per_year: int
    meeting_hours: Decimal
    members: int
    hours_per_year: Decimal


@dataclass(frozen=True)
class PersonLoad:
    name: str
    organisation: str
    bodies: int
    body_names: list[str]
    hours_per_year: Decimal


@dataclass(frozen=True)
class PersonLoadChange:
    name: str
    organisation: str
    bodies_before: int
    bodies_after: int
    bodies_change: int
    hours_before: Decimal
    hours_after: Decimal
    hours_change: Decimal


@dataclass(frozen=True)
class Merge:
    sources: list[str]
    into: str

    def __str__(self) -> str:
        if len(self.sources) == 1:
            return f"{self.sources[0]} became {self.into}"
        return f"{', '.join(self.sources[:-1])} and {self.sources[-1]} merged into {self.into}"


@dataclass(frozen=True)
class SharedResponsibility:
    responsibility: str
    bodies: list[str]


@dataclass(frozen=True, order=True)
class ReportingLine:
    source: str
    kind: str
    target: str
    times_per_year: int | None

    def __str__(self) -> str:
        often = f" ({self.times_per_year}\N{MULTIPLICATION SIGN}/yr)" if self.times_per_year else ""
        return f"{self.source} {self.kind} {self.target}{often}"


@dataclass(frozen=True)
class Comparison:
    before: str
    after: str
    bodies_added: list[str]
    bodies_removed: list[str]
    bodies_merged: list[Merge]
    bodies_kept: list[str]
    total_hours_before: Decimal
    total_hours_after: Decimal
    total_hours_change: Decimal
    body_hours_before: list[BodyHours]
    body_hours_after: list[BodyHours]
    person_load: list[PersonLoadChange]
    shared_responsibilities_before: list[SharedResponsibility]
    shared_responsibilities_after: list[SharedResponsibility]
    responsibilities_lost: list[str]
    responsibilities_new: list[str]
    reporting_lines_before: list[ReportingLine]
    reporting_lines_after: list[ReportingLine]
    reporting_lines_added: list[ReportingLine]
    reporting_lines_removed: list[ReportingLine]


def _exact_body_hours(body: Body) -> Decimal:
    """Meeting hours a year for the body: meetings x length x members."""
    return body.meetings_per_year * body.meeting_hours * len(body.memberships.all())


def _body_hours(structure: Structure) -> list[BodyHours]:
    return [
        BodyHours(body_id=body.pk, name=body.name, kind_label=body.get_kind_display(),
                  meetings_per_year=body.meetings_per_year,
                  meeting_hours=body.meeting_hours, members=len(body.memberships.all()),
                  hours_per_year=_round(_exact_body_hours(body)))
        for body in structure.bodies
    ]


def _person_load(structure: Structure) -> list[PersonLoad]:
    bodies: dict[int, list[Body]] = defaultdict(list)
    people = {}
    for body in structure.bodies:
        for membership in body.memberships.all():
            bodies[membership.person_id].append(body)
            people[membership.person_id] = membership.person
    loads = [
        PersonLoad(
            name=person.name, organisation=person.organisation.name,
            bodies=len(bodies[person_id]),
            body_names=sorted(body.name for body in bodies[person_id]),
            hours_per_year=_round(sum(
                (body.meetings_per_year * body.meeting_hours for body in bodies[person_id]),
                Decimal(0))),
        )
        for person_id, person in people.items()
    ]
    return sorted(loads, key=lambda load: (-load.hours_per_year, load.name))


def body_hours(scenario: Scenario, *, structure: Structure | None = None) -> list[BodyHours]:
    """Meeting hours a year per body, board first, in four queries."""
    return _body_hours(structure or scenario_structure(scenario=scenario))


def person_load(scenario: Scenario) -> list[PersonLoad]:
    """Bodies and meeting hours a year per person, busiest first, in four queries."""
    return _person_load(scenario_structure(scenario=scenario))


def _merges(before: Structure, after: Structure) -> list[Merge]:
    names_before = {_key(body.name): body.name for body in before.bodies}
    merges = []
    for body in after.bodies:
        sources = [names_before[_key(name)] for name in body.formerly
                   if _key(name) in names_before]
        if not sources:
            continue
        if _key(body.name) in names_before and names_before[_key(body.name)] not in sources:
            sources.insert(0, names_before[_key(body.name)])
        merges.append(Merge(sources=sources, into=body.name))
    return merges


def _shared(structure: Structure) -> list[SharedResponsibility]:
    holders: dict[str, list[str]] = defaultdict(list)
    wording: dict[str, str] = {}
    for body in structure.bodies:
        for responsibility in body.responsibilities:
            key = _key(responsibility)
            wording.setdefault(key, " ".join(responsibility.split()))
            if body.name not in holders[key]:
                holders[key].append(body.name)
    return sorted(
        (SharedResponsibility(responsibility=wording[key], bodies=sorted(names))
         for key, names in holders.items() if len(names) > 1),
        key=lambda shared: _key(shared.responsibility),
    )


def _responsibilities(structure: Structure) -> dict[str, str]:
    held: dict[str, str] = {}
    for body in structure.bodies:
        for responsibility in body.responsibilities:
            held.setdefault(_key(responsibility), " ".join(responsibility.split()))
    return held


def _lines(structure: Structure) -> list[ReportingLine]:
    return sorted(
        ReportingLine(source=r.source.name, kind=r.kind, target=r.target.name,
                      times_per_year=r.times_per_year)
        for r in structure.relationships
    )


def _load_changes(before: Structure, after: Structure) -> list[PersonLoadChange]:
    loads_before = {load.name: load for load in _person_load(before)}
    loads_after = {load.name: load for load in _person_load(after)}
    changes = []
    for name in sorted(loads_before.keys() | loads_after.keys()):
        old, new = loads_before.get(name), loads_after.get(name)
        hours_before = old.hours_per_year if old else Decimal("0.0")
        hours_after = new.hours_per_year if new else Decimal("0.0")
        bodies_before = old.bodies if old else 0
        bodies_after = new.bodies if new else 0
        changes.append(PersonLoadChange(
            name=name, organisation=(new or old).organisation,
            bodies_before=bodies_before, bodies_after=bodies_after,
            bodies_change=bodies_after - bodies_before,
            hours_before=hours_before, hours_after=hours_after,
            hours_change=hours_after - hours_before,
        ))
    return changes


def scenario_comparison(before: Scenario, after: Scenario) -> Comparison:
    """Set two scenarios side by side, in eight queries whatever their size."""
    old, new = scenario_structure(scenario=before), scenario_structure(scenario=after)
    merges = _merges(old, new)
    merged_sources = {_key(name) for merge in merges for name in merge.sources}
    merged_into = {_key(merge.into) for merge in merges}
    keys_before = {_key(body.name) for body in old.bodies}
    keys_after = {_key(body.name) for body in new.bodies}
    hours_before = sum((_exact_body_hours(body) for body in old.bodies), Decimal(0))
    hours_after = sum((_exact_body_hours(body) for body in new.bodies), Decimal(0))
    held_before, held_after = _responsibilities(old), _responsibilities(new)
    lines_before, lines_after = _lines(old), _lines(new)
    return Comparison(
        before=before.name, after=after.name,
        bodies_added=sorted(body.name for body in new.bodies
                            if _key(body.name) not in keys_before | merged_into),
        bodies_removed=sorted(body.name for body in old.bodies
                              if _key(body.name) not in keys_after | merged_sources),
        bodies_merged=merges,
        bodies_kept=sorted(body.name for body in new.bodies
                           if _key(body.name) in keys_before - merged_into),
        total_hours_before=_round(hours_before),
        total_hours_after=_round(hours_after),
        total_hours_change=_round(hours_after - hours_before),
        body_hours_before=_body_hours(old),
        body_hours_after=_body_hours(new),
        person_load=_load_changes(old, new),
        shared_responsibilities_before=_shared(old),
        shared_responsibilities_after=_shared(new),
        responsibilities_lost=sorted((text for key, text in held_before.items()
                                      if key not in held_after), key=_key),
        responsibilities_new=sorted((text for key, text in held_after.items()
                                     if key not in held_before), key=_key),
        reporting_lines_before=lines_before,
        reporting_lines_after=lines_after,
        reporting_lines_added=sorted(set(lines_after) - set(lines_before)),
        reporting_lines_removed=sorted(set(lines_before) - set(lines_after)),
    )
