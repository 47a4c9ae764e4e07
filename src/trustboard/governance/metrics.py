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
    """A body's meeting hours a year; None where its membership is not (fully) recorded."""

    body_id: int
    name: str
    kind_label: str
    meetings_per_year: int
    meeting_hours: Decimal
    members: int
    hours_per_year: Decimal | None
    is_membership_partial: bool = False

    @property
    def is_known(self) -> bool:
        return self.hours_per_year is not None


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


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True)
class Replacement:
    """Bodies of one arrangement that bodies of the other take over from.

    Recorded by an officer (a body's "replaces"), by a scenario copy or a merge, or named in
    a body's "formerly"; a body keeping its name in both is not a replacement.
    """

    sources: list[str]
    into: list[str]

    def __str__(self) -> str:
        continuing = [name for name in self.into if _key(name) in {_key(s) for s in self.sources}]
        others = [name for name in self.sources if _key(name) not in {_key(i) for i in self.into}]
        if continuing and others:
            return f"{_join(others)} merged into {_join(self.into)}"
        return f"{_join(self.sources)} replaced by {_join(self.into)}"


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
    bodies_replaced: list[Replacement]
    bodies_kept: list[str]
    total_hours_before: Decimal
    total_hours_after: Decimal
    total_hours_change: Decimal
    membership_unknown_before: list[str]
    membership_unknown_after: list[str]
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


def _exact_body_hours(body: Body) -> Decimal | None:
    """Meeting hours a year for the body: meetings x length x members.

    None where its members are not recorded, or only some are: a guess would flatter
    whichever arrangement has the fewer bodies recorded.
    """
    if not body.is_membership_known:
        return None
    return body.meetings_per_year * body.meeting_hours * len(body.memberships.all())


def _body_hours(structure: Structure) -> list[BodyHours]:
    rows = []
    for body in structure.bodies:
        hours = _exact_body_hours(body)
        rows.append(BodyHours(
            body_id=body.pk, name=body.name, kind_label=body.get_kind_display(),
            meetings_per_year=body.meetings_per_year, meeting_hours=body.meeting_hours,
            members=len(body.memberships.all()),
            hours_per_year=None if hours is None else _round(hours),
            is_membership_partial=body.is_membership_partial))
    return rows


def _known_hours(structure: Structure) -> Decimal:
    """The hours of the bodies whose members are recorded: a floor for the whole structure."""
    return sum((hours for body in structure.bodies
                if (hours := _exact_body_hours(body)) is not None), Decimal(0))


def _membership_unknown(structure: Structure) -> list[str]:
    return sorted(body.name for body in structure.bodies if not body.is_membership_known)


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


@dataclass(frozen=True)
class _Matching:
    replacements: list[Replacement]
    added: list[str]
    removed: list[str]
    kept: list[str]


def _match_bodies(before: Structure, after: Structure,
                  recorded: list[tuple[int, int]]) -> _Matching:
    """Pair the bodies of two arrangements: kept by name, replaced, gone or new.

    `recorded` holds (after body, before body) pairs of the "replaces" links. A body also
    replaces the bodies its "formerly" names. Bodies linked to each other are grouped, so a
    merge of four into one, or one split in two, reads as one replacement.
    """
    by_key = {_key(body.name): body for body in before.bodies}
    before_ids = {body.pk for body in before.bodies}
    links: set[tuple[int, int]] = {(new, old) for new, old in recorded if old in before_ids}
    for body in after.bodies:
        links.update((body.pk, by_key[_key(name)].pk) for name in body.formerly
                     if _key(name) in by_key)
    names = {body.pk: body.name for body in [*before.bodies, *after.bodies]}
    identity = {body.pk: by_key[_key(body.name)].pk for body in after.bodies
                if _key(body.name) in by_key}
    changes = {(new, old) for new, old in links if identity.get(new) != old}
    changed_after = {new for new, _old in changes}
    # A body that took others over keeps its own former self in the same replacement.
    changes |= {(new, identity[new]) for new in changed_after if new in identity}

    group: dict[int, int] = {}

    def root(node: int) -> int:
        while group.setdefault(node, node) != node:
            node = group[node]
        return node

    for new, old in changes:
        group[root(new)] = root(old)
    members: dict[int, set[int]] = defaultdict(set)
    for new, old in changes:
        members[root(new)].update((new, old))
    after_ids = {body.pk for body in after.bodies}
    replacements = sorted(
        (Replacement(sources=sorted((names[pk] for pk in nodes if pk in before_ids), key=_key),
                     into=sorted((names[pk] for pk in nodes if pk in after_ids), key=_key))
         for nodes in members.values()),
        key=lambda replacement: [_key(name) for name in replacement.into],
    )
    linked_before = {old for _new, old in changes} | set(identity.values())
    linked_after = changed_after | set(identity)
    return _Matching(
        replacements=replacements,
        added=sorted(body.name for body in after.bodies if body.pk not in linked_after),
        removed=sorted(body.name for body in before.bodies if body.pk not in linked_before),
        kept=sorted(body.name for body in after.bodies
                    if body.pk in identity and body.pk not in changed_after),
    )


def _recorded_replacements(before: Scenario, after: Scenario) -> list[tuple[int, int]]:
    return list(Body.replaces.through.objects.filter(
        from_body__scenario=after, to_body__scenario=before,
    ).values_list("from_body_id", "to_body_id"))


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
    """Set two scenarios side by side, in nine queries whatever their size.

    Hours count only the bodies whose members are recorded, so each total is a floor and
    the bodies left out are listed beside it.
    """
    old, new = scenario_structure(scenario=before), scenario_structure(scenario=after)
    matching = _match_bodies(old, new, _recorded_replacements(before, after))
    hours_before, hours_after = _known_hours(old), _known_hours(new)
    held_before, held_after = _responsibilities(old), _responsibilities(new)
    lines_before, lines_after = _lines(old), _lines(new)
    return Comparison(
        before=before.name, after=after.name,
        bodies_added=matching.added,
        bodies_removed=matching.removed,
        bodies_replaced=matching.replacements,
        bodies_kept=matching.kept,
        total_hours_before=_round(hours_before),
        total_hours_after=_round(hours_after),
        total_hours_change=_round(hours_after - hours_before),
        membership_unknown_before=_membership_unknown(old),
        membership_unknown_after=_membership_unknown(new),
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
