"""A scenario as a readable YAML file, so a proposed structure can be drafted, diffed and reviewed.

The format is described in docs/structure-file.md. Export is canonical (fixed key order,
sorted lists, empty optional fields left out), so exporting an imported file gives the
same bytes back and two exports diff line by line. Import refuses a bad file at the line
that is wrong, before anything is written.
"""

import datetime
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any, NoReturn

import yaml
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet, TextChoices
from django.utils.text import slugify

from trustboard.core.errors import ImportRowError, RuleError
from trustboard.governance.graph import find_cycle
from trustboard.governance.models import (
    Body,
    BodyKind,
    Membership,
    MembershipRole,
    Organisation,
    Person,
    Relationship,
    RelationshipKind,
    Scenario,
    Sector,
)
from trustboard.governance.services import (
    body_save,
    membership_save,
    organisation_save,
    person_save,
    relationship_save,
    scenario_save,
)

FORMAT_VERSION = 1

# The keys each mapping may hold, in the order export writes them.
TOP_KEYS = ("trustboard_structure", "scenario", "organisations", "people", "bodies",
            "relationships")
SCENARIO_KEYS = ("name", "description", "based_on")
ORGANISATION_KEYS = ("name", "short_name", "sector", "relevant_partner", "safeguarding_partner")
PERSON_KEYS = ("name", "job_title", "organisation", "tier", "elected_member")
BODY_KEYS = ("name", "kind", "board", "purpose", "meetings_a_year", "meeting_hours", "quorum",
             "locality", "responsibilities", "formerly", "replaces", "partial_membership",
             "members")
MEMBER_KEYS = ("person", "role", "represents", "tier", "from", "to")
RELATIONSHIP_KEYS = ("from", "kind", "to", "times_a_year", "note")

# A refusal from a service names a model field; the person reading it knows the file's key.
_KEY_FOR_FIELD = {
    "is_relevant_partner": "relevant_partner", "is_safeguarding_partner": "safeguarding_partner",
    "seniority_tier": "tier", "is_elected_member": "elected_member",
    "is_partnership_board": "board", "meetings_per_year": "meetings_a_year",
    "start_date": "from", "end_date": "to", "source": "from", "target": "to",
    "times_per_year": "times_a_year", "is_membership_partial": "partial_membership",
}

_ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole.values)}


def _name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


# Export


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, and multi-line text as a block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def _is_empty(value: Any) -> bool:
    return value is None or value is False or value == "" or value == []


def _without_empty(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if not _is_empty(value)}


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def scenario_export_yaml(scenario: Scenario) -> str:
    """Write a scenario as a structure file: the same scenario always gives the same text."""
    bodies = sorted(
        scenario.bodies.prefetch_related(Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("person__organisation")
            .prefetch_related("represents"),
        ), "replaces"),
        key=lambda body: _name_order(body.name),
    )
    relationships = sorted(
        scenario.relationships.select_related("source", "target"),
        key=lambda line: (_name_order(line.source.name), line.kind, _name_order(line.target.name)),
    )
    memberships = [membership for body in bodies for membership in body.memberships.all()]
    people = {membership.person.name: membership.person for membership in memberships}
    organisations = {organisation.name: organisation for organisation in
                     scenario.organisations.all()}
    organisations.update((person.organisation.name, person.organisation)
                         for person in people.values())
    organisations.update((organisation.name, organisation) for membership in memberships
                         for organisation in membership.represents.all())

    document: dict[str, Any] = {
        "trustboard_structure": FORMAT_VERSION,
        "scenario": _without_empty({
            "name": scenario.name, "description": scenario.description,
            "based_on": scenario.based_on.name if scenario.based_on else None,
        }),
        "organisations": [
            _organisation_entry(organisations[name]) for name in sorted(organisations,
                                                                        key=_name_order)
        ],
        "people": [_person_entry(people[name]) for name in sorted(people, key=_name_order)],
        "bodies": [_body_entry(body) for body in bodies],
        "relationships": [_relationship_entry(line) for line in relationships],
    }
    return yaml.dump(
        _without_empty(document), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
        default_flow_style=False, width=100_000, indent=2,
    )


def _organisation_entry(organisation: Organisation) -> dict[str, Any]:
    return _without_empty({
        "name": organisation.name,
        "short_name": organisation.short_name,
        "sector": organisation.sector,
        "relevant_partner": organisation.is_relevant_partner,
        "safeguarding_partner": organisation.is_safeguarding_partner,
    })


def _person_entry(person: Person) -> dict[str, Any]:
    return _without_empty({
        "name": person.name,
        "job_title": person.job_title,
        "organisation": person.organisation.name,
        "tier": person.seniority_tier,
        "elected_member": person.is_elected_member,
    })


def _body_entry(body: Body) -> dict[str, Any]:
    members = sorted(body.memberships.all(),
                     key=lambda m: (_ROLE_ORDER[m.role], _name_order(m.person.name)))
    return _without_empty({
        "name": body.name,
        "kind": body.kind,
        "board": body.is_partnership_board,
        "purpose": body.purpose,
        "meetings_a_year": body.meetings_per_year,
        "meeting_hours": _number(body.meeting_hours),
        "quorum": body.quorum,
        "locality": body.locality,
        "responsibilities": list(body.responsibilities),
        "formerly": list(body.formerly),
        "replaces": sorted((other.name for other in body.replaces.all()), key=_name_order),
        "partial_membership": body.is_membership_partial,
        "members": [_member_entry(membership) for membership in members],
    })


def _member_entry(membership: Membership) -> dict[str, Any]:
    return _without_empty({
        "person": membership.person.name,
        "role": membership.role,
        "represents": sorted((o.name for o in membership.represents.all()), key=_name_order),
        "tier": membership.seniority_tier,
        "from": membership.start_date,
        "to": membership.end_date,
    })


def _relationship_entry(relationship: Relationship) -> dict[str, Any]:
    return _without_empty({
        "from": relationship.source.name,
        "kind": relationship.kind,
        "to": relationship.target.name,
        "times_a_year": relationship.times_per_year,
        "note": relationship.note,
    })


# Reading the file with its line numbers


@dataclass(frozen=True)
class _Value:
    """A value read from the file and the line it is on: a mapping's key line, a list item's line.

    `data` is a plain scalar, a dict of key to _Value, or a list of _Value.
    """

    data: Any
    line: int


# The format nests seven levels deep (the file, its bodies, a body, its members, a member,
# whom it represents, a name). A file nested far deeper is not a structure file, and PyYAML
# would read it by recursion until Python's stack ran out.
MAX_DEPTH = 20


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing lists and mappings nested deeper than MAX_DEPTH."""

    def __init__(self, text: str, *, source: str):
        super().__init__(text)
        self.source = source
        self.depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                line = self.peek_event().start_mark.line + 1
                raise ImportRowError(
                    f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; "
                    "a structure file never needs more than seven, so this is not one",
                    row=line, source=self.source)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _load(text: str, *, source: str) -> _Value:
    """Compose the YAML node tree once and keep each key's and item's line beside its value."""
    loader = _Loader(text, source=source)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ImportRowError("the file is empty; it should start with "
                                 f"'trustboard_structure: {FORMAT_VERSION}'",
                                 row=1, source=source)
        return _located(node, node.start_mark.line + 1, loader=loader, seen=set(),
                        source=source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "unreadable"
        if error.problem and error.context and error.context_mark:
            problem += f" ({error.context} from line {error.context_mark.line + 1})"
        raise ImportRowError(f"this is not valid YAML: {problem}",
                             row=mark.line + 1 if mark else None, source=source) from error
    except yaml.YAMLError as error:
        raise ImportRowError(f"this is not valid YAML: {error}", source=source) from error
    finally:
        loader.dispose()


def _located(node: yaml.Node, line: int, *, loader: _Loader, seen: set[int],
             source: str) -> _Value:
    if id(node) in seen:
        # An alias: refused, as it would hide a value and could expand without end.
        raise ImportRowError("aliases (*name) are not used in structure files; write the value "
                             f"out in full (its anchor is at line {node.start_mark.line + 1})",
                             row=line, source=source)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, _Value] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = (loader.construct_object(key_node, deep=True)
                   if isinstance(key_node, yaml.ScalarNode) else "(a list or mapping)")
            key = str(key)
            if key in mapping:
                raise ImportRowError(
                    f"'{key}' is given twice in one mapping (first at line "
                    f"{mapping[key].line})", row=key_line, column=key, source=source)
            mapping[key] = _located(value_node, key_line, loader=loader, seen=seen,
                                    source=source)
        return _Value(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return _Value([_located(item, item.start_mark.line + 1, loader=loader, seen=seen,
                                source=source) for item in node.value], line)
    try:
        return _Value(loader.construct_object(node, deep=True), line)
    except ValueError as error:  # e.g. a date like 2014-13-01 that looks right but is not
        raise ImportRowError(f"'{node.value}' cannot be read: {error}",
                             row=node.start_mark.line + 1, source=source) from error


def _describe(data: Any) -> str:
    if isinstance(data, dict):
        return "a mapping"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, bool):
        return f"{str(data).lower()} (a yes/no value)"
    if isinstance(data, int | float):
        return f"the number {data}"
    if isinstance(data, datetime.date):
        return f"the date {data.isoformat()}"
    if data is None:
        return "nothing"
    return f"'{data}'"


class _Reader:
    """Typed reads of the file's values that refuse a wrong one with its line and key."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, message: str, *, line: int | None, key: str | None = None) -> NoReturn:
        raise ImportRowError(message, row=line, column=key, source=self.source)

    def mapping(self, value: _Value, *, what: str, allowed: tuple[str, ...],
                required: tuple[str, ...] = ("name",), key: str | None = None,
                ) -> dict[str, _Value]:
        if not isinstance(value.data, dict):
            self.fail(f"{what} should be a mapping of keys and values, not "
                      f"{_describe(value.data)}", line=value.line, key=key)
        for name, entry in value.data.items():
            if name not in allowed:
                self.fail(f"unknown key '{name}' in {what}; the allowed keys are: "
                          f"{', '.join(allowed)}", line=entry.line, key=name)
        for name in required:
            entry = value.data.get(name)
            if entry is None or entry.data is None or (isinstance(entry.data, str)
                                                       and not entry.data.strip()):
                self.fail(f"{what} has no '{name}'", line=value.line if entry is None
                          else entry.line, key=name)
        return value.data

    def items(self, fields: dict[str, _Value], key: str) -> list[_Value]:
        entry = fields.get(key)
        if entry is None or entry.data is None:
            return []
        if not isinstance(entry.data, list):
            self.fail(f"'{key}' should be a list (each item on its own line starting '- '), "
                      f"not {_describe(entry.data)}", line=entry.line, key=key)
        return entry.data

    def text(self, fields: dict[str, _Value], key: str, *, max_length: int | None) -> str:
        entry = fields.get(key)
        if entry is None or entry.data is None:
            return ""
        if not isinstance(entry.data, str):
            self.fail(f"'{key}' should be text, not {_describe(entry.data)}; put it in quotes "
                      "if it is meant as text", line=entry.line, key=key)
        text = entry.data.strip()
        if max_length is not None and len(text) > max_length:
            self.fail(f"'{key}' is {len(text)} characters long; it can be at most {max_length}",
                      line=entry.line, key=key)
        return text

    def texts(self, fields: dict[str, _Value], key: str) -> list[tuple[str, int]]:
        """A list of text items, each with its line."""
        texts = []
        for item in self.items(fields, key):
            if not isinstance(item.data, str) or not item.data.strip():
                self.fail(f"each item of '{key}' should be text, not {_describe(item.data)}",
                          line=item.line, key=key)
            texts.append((item.data.strip(), item.line))
        return texts

    def flag(self, fields: dict[str, _Value], key: str) -> bool:
        entry = fields.get(key)
        if entry is None or entry.data is None:
            return False
        if not isinstance(entry.data, bool):
            self.fail(f"'{key}' should be true or false, not {_describe(entry.data)}",
                      line=entry.line, key=key)
        return entry.data

    def whole_number(self, fields: dict[str, _Value], key: str, *, minimum: int,
                     maximum: int) -> int | None:
        entry = fields.get(key)
        if entry is None or entry.data is None:
            return None
        data = entry.data
        if isinstance(data, bool) or not isinstance(data, int) or not minimum <= data <= maximum:
            self.fail(f"'{key}' should be a whole number from {minimum} to {maximum}, not "
                      f"{_describe(data)}", line=entry.line, key=key)
        return data

    def hours(self, fields: dict[str, _Value], key: str) -> Decimal | None:
        entry = fields.get(key)
        if entry is None or entry.data is None:
            return None
        data = entry.data
        hours = (Decimal(str(data)) if isinstance(data, int | float)
                 and not isinstance(data, bool) and math.isfinite(data) else None)
        if (hours is None or not Decimal("0.25") <= hours <= Decimal("24")
                or hours != hours.quantize(Decimal("0.01"))):
            self.fail(f"'{key}' should be a number of hours from 0.25 to 24 with at most two "
                      f"decimal places, e.g. 1.5, not {_describe(data)}",
                      line=entry.line, key=key)
        return hours

    def date(self, fields: dict[str, _Value], key: str) -> datetime.date | None:
        entry = fields.get(key)
        if entry is None or entry.data is None:
            return None
        data = entry.data
        if isinstance(data, datetime.datetime) or not isinstance(data, datetime.date):
            self.fail(f"'{key}' should be a date written YYYY-MM-DD, not {_describe(data)}",
                      line=entry.line, key=key)
        return data

    def choice(self, fields: dict[str, _Value], key: str, choices: type[TextChoices], *,
               what: str, default: str | None = None) -> str:
        entry = fields.get(key)
        if entry is None or entry.data is None:
            if default is None:
                self.fail(f"'{key}' is missing", line=None, key=key)
            return default
        words = {}
        for value, label in choices.choices:
            words[str(label).casefold()] = value
            words[value.casefold()] = value
        if not isinstance(entry.data, str) or entry.data.strip().casefold() not in words:
            shown = entry.data if isinstance(entry.data, str) else _describe(entry.data)
            self.fail(f"unknown {what} '{shown}'; use one of: {', '.join(choices.values)}",
                      line=entry.line, key=key)
        return words[entry.data.strip().casefold()]


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# What the file says, checked, before anything is written


@dataclass
class _Row:
    line: int | None
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class _MemberRow(_Row):
    person: str = ""
    represents: list[str] = field(default_factory=list)


@dataclass
class _BodyRow(_Row):
    members: list[_MemberRow] = field(default_factory=list)
    replaces: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class _Structure:
    name: str
    name_line: int | None
    description: str
    based_on: Scenario | None
    organisations: list[_Row]
    people: list[_Row]
    bodies: list[_BodyRow]
    relationships: list[_Row]


def _key_lines(fields: dict[str, _Value]) -> dict[str, int]:
    return {key: entry.line for key, entry in fields.items()}


def _read(root: _Value, *, reader: _Reader, name: str | None) -> _Structure:
    if isinstance(root.data, dict) and "trustboard_structure" not in root.data:
        reader.fail("this is not a Trustboard structure file: it should start with "
                    f"'trustboard_structure: {FORMAT_VERSION}'", line=root.line,
                    key="trustboard_structure")
    top = reader.mapping(root, what="the file", allowed=TOP_KEYS,
                         required=("trustboard_structure", "scenario"))
    version = top["trustboard_structure"]
    if version.data != FORMAT_VERSION or isinstance(version.data, bool):
        reader.fail(f"this Trustboard reads structure files of version {FORMAT_VERSION}, not "
                    f"{_describe(version.data)}", line=version.line, key="trustboard_structure")

    scenario = reader.mapping(top["scenario"], what="the scenario", allowed=SCENARIO_KEYS,
                              key="scenario")
    scenario_name = reader.text(scenario, "name", max_length=_max_length(Scenario, "name"))
    name_line: int | None = scenario["name"].line
    if name is not None:
        scenario_name, name_line = " ".join(name.split()), None
        if not scenario_name:
            reader.fail("the new scenario needs a name", line=None, key="name")
        if len(scenario_name) > _max_length(Scenario, "name"):
            reader.fail(f"the name is {len(scenario_name)} characters long; it can be at most "
                        f"{_max_length(Scenario, 'name')}", line=None, key="name")

    structure = _Structure(
        name=scenario_name, name_line=name_line,
        description=reader.text(scenario, "description", max_length=None),
        based_on=_read_based_on(scenario, reader=reader),
        organisations=[_read_organisation(item, reader=reader)
                       for item in reader.items(top, "organisations")],
        people=[_read_person(item, reader=reader) for item in reader.items(top, "people")],
        bodies=[_read_body(item, reader=reader) for item in reader.items(top, "bodies")],
        relationships=[_read_relationship(item, reader=reader)
                       for item in reader.items(top, "relationships")],
    )
    _check(structure, reader=reader)
    return structure


def _read_based_on(scenario: dict[str, _Value], *, reader: _Reader) -> Scenario | None:
    """The arrangement the file's bodies replace bodies of, which must already be here."""
    name = reader.text(scenario, "based_on", max_length=_max_length(Scenario, "name"))
    if not name:
        return None
    found = (Scenario.objects.filter(name=name).first()
             or Scenario.objects.filter(slug=name).first())
    if found is None:
        reader.fail(f"there is no scenario called '{name}' to base this one on; import or "
                    "create it first, or leave 'based_on' out",
                    line=scenario["based_on"].line, key="based_on")
    return found


def _read_organisation(item: _Value, *, reader: _Reader) -> _Row:
    fields = reader.mapping(item, what="an organisation", allowed=ORGANISATION_KEYS)
    return _Row(item.line, {
        "name": reader.text(fields, "name", max_length=_max_length(Organisation, "name")),
        "short_name": reader.text(fields, "short_name",
                                  max_length=_max_length(Organisation, "short_name")),
        "sector": reader.choice(fields, "sector", Sector, what="sector", default=Sector.OTHER),
        "is_relevant_partner": reader.flag(fields, "relevant_partner"),
        "is_safeguarding_partner": reader.flag(fields, "safeguarding_partner"),
    }, _key_lines(fields))


def _read_person(item: _Value, *, reader: _Reader) -> _Row:
    fields = reader.mapping(item, what="a person", allowed=PERSON_KEYS,
                            required=("name", "organisation"))
    return _Row(item.line, {
        "name": reader.text(fields, "name", max_length=_max_length(Person, "name")),
        "job_title": reader.text(fields, "job_title", max_length=_max_length(Person, "job_title")),
        "organisation": reader.text(fields, "organisation",
                                    max_length=_max_length(Organisation, "name")),
        "seniority_tier": reader.whole_number(fields, "tier", minimum=1, maximum=6),
        "is_elected_member": reader.flag(fields, "elected_member"),
    }, _key_lines(fields))


def _read_body(item: _Value, *, reader: _Reader) -> _BodyRow:
    fields = reader.mapping(item, what="a body", allowed=BODY_KEYS, required=("name", "kind"))
    values = {
        "name": reader.text(fields, "name", max_length=_max_length(Body, "name")),
        "kind": reader.choice(fields, "kind", BodyKind, what="body kind"),
        "is_partnership_board": reader.flag(fields, "board"),
        "purpose": reader.text(fields, "purpose", max_length=None),
        "meetings_per_year": reader.whole_number(fields, "meetings_a_year", minimum=0,
                                                 maximum=365),
        "meeting_hours": reader.hours(fields, "meeting_hours"),
        "quorum": reader.whole_number(fields, "quorum", minimum=0, maximum=32767),
        "locality": reader.text(fields, "locality", max_length=_max_length(Body, "locality")),
        "responsibilities": [text for text, _line in reader.texts(fields, "responsibilities")],
        "formerly": [text for text, _line in reader.texts(fields, "formerly")],
        "is_membership_partial": reader.flag(fields, "partial_membership"),
    }
    # Left out of the file, the model's own defaults apply.
    values = {key: value for key, value in values.items() if value is not None or key == "quorum"}
    return _BodyRow(item.line, values, _key_lines(fields),
                    members=[_read_member(member, reader=reader)
                             for member in reader.items(fields, "members")],
                    replaces=reader.texts(fields, "replaces"))


def _read_member(item: _Value, *, reader: _Reader) -> _MemberRow:
    fields = reader.mapping(item, what="a member", allowed=MEMBER_KEYS, required=("person",))
    represents = reader.texts(fields, "represents")
    row = _MemberRow(item.line, {
        "role": reader.choice(fields, "role", MembershipRole, what="role",
                              default=MembershipRole.MEMBER),
        "seniority_tier": reader.whole_number(fields, "tier", minimum=1, maximum=6),
        "start_date": reader.date(fields, "from"),
        "end_date": reader.date(fields, "to"),
    }, _key_lines(fields),
        person=reader.text(fields, "person", max_length=_max_length(Person, "name")),
        represents=[name for name, _line in represents])
    row.lines.update({f"represents:{name}": line for name, line in represents})
    start, end = row.values["start_date"], row.values["end_date"]
    if start and end and end < start:
        reader.fail(f"the membership ends ({end.isoformat()}) before it starts "
                    f"({start.isoformat()})", line=row.lines["to"], key="to")
    return row


def _read_relationship(item: _Value, *, reader: _Reader) -> _Row:
    fields = reader.mapping(item, what="a relationship", allowed=RELATIONSHIP_KEYS,
                            required=("from", "kind", "to"))
    return _Row(item.line, {
        "source": reader.text(fields, "from", max_length=_max_length(Body, "name")),
        "kind": reader.choice(fields, "kind", RelationshipKind, what="relationship kind"),
        "target": reader.text(fields, "to", max_length=_max_length(Body, "name")),
        "times_per_year": reader.whole_number(fields, "times_a_year", minimum=0, maximum=32767),
        "note": reader.text(fields, "note", max_length=_max_length(Relationship, "note")),
    }, _key_lines(fields))


def _first_lines(names: list[tuple[str, int]], *, what: str, key: str, reader: _Reader,
                 ) -> set[str]:
    """The names given; one given twice (ignoring case) is refused at its second line."""
    seen: dict[str, int] = {}
    for name, line in names:
        if name.casefold() in seen:
            reader.fail(f"{what} '{name}' is listed twice (first at line "
                        f"{seen[name.casefold()]})", line=line, key=key)
        seen[name.casefold()] = line
    return {name for name, _line in names}


def _names(rows: list[_Row]) -> list[tuple[str, int]]:
    return [(row.values["name"], row.lines["name"]) for row in rows]


def _check(structure: _Structure, *, reader: _Reader) -> None:
    """Refuse references to what the file does not list, repeats, two boards and cycles."""
    organisations = _first_lines(_names(structure.organisations), what="organisation",
                                 key="name", reader=reader)
    people = _first_lines(_names(structure.people), what="person", key="name", reader=reader)
    bodies = _first_lines(_names(structure.bodies), what="body", key="name", reader=reader)

    for person in structure.people:
        if person.values["organisation"] not in organisations:
            reader.fail(f"{person.values['name']}'s organisation "
                        f"'{person.values['organisation']}' is not in the file's organisations",
                        line=person.lines["organisation"], key="organisation")

    board: _BodyRow | None = None
    for body in structure.bodies:
        if body.values["is_partnership_board"]:
            if board is not None:
                reader.fail(f"only one body can be the board; '{board.values['name']}' (line "
                            f"{board.line}) is already flagged board",
                            line=body.lines["board"], key="board")
            board = body
        _first_lines([(member.person, member.lines["person"]) for member in body.members],
                     what=f"on {body.values['name']}, person", key="person", reader=reader)
        for member in body.members:
            if member.person not in people:
                reader.fail(f"'{member.person}' is not in the file's people; add them under "
                            "'people' with their organisation",
                            line=member.lines["person"], key="person")
            for name in member.represents:
                if name not in organisations:
                    reader.fail(f"'{name}' is not in the file's organisations",
                                line=member.lines[f"represents:{name}"], key="represents")

    _check_replaces(structure, reader=reader)

    seen_lines: dict[tuple[str, str, str], int] = {}
    for line in structure.relationships:
        source, kind, target = (line.values[key] for key in ("source", "kind", "target"))
        for key, name in (("from", source), ("to", target)):
            if name not in bodies:
                reader.fail(f"there is no body called '{name}' in the file's bodies",
                            line=line.lines[key], key=key)
        if source == target:
            reader.fail(f"a relationship joins two bodies; this one goes from '{source}' to "
                        "itself", line=line.lines["to"], key="to")
        if (source, kind, target) in seen_lines:
            reader.fail(f"'{source} {kind} {target}' is listed twice (first at line "
                        f"{seen_lines[(source, kind, target)]})", line=line.line)
        seen_lines[(source, kind, target)] = line.line

    reporting = {(line.values["source"], line.values["target"]): line
                 for line in structure.relationships
                 if line.values["kind"] == RelationshipKind.REPORTS_TO}
    cycle = find_cycle(reporting)
    if cycle:
        # Reading down the file, the loop closes at the last of its lines.
        closing = max((reporting[step] for step in pairwise(cycle)),
                      key=lambda line: line.line)
        reader.fail("'reports to' goes round in a loop: " + " reports to ".join(cycle),
                    line=closing.lines["to"], key="to")

    taken = Scenario.objects.filter(
        Q(name=structure.name) | Q(slug=slugify(structure.name)[:100])).first()
    if taken is not None:
        reader.fail(f"there is already a scenario called '{taken.name}'; give the new scenario "
                    "another name", line=structure.name_line, key="name")


def _check_replaces(structure: _Structure, *, reader: _Reader) -> None:
    """Each body replaced is a body of the scenario the file names in 'based_on'."""
    source = structure.based_on
    names = set(source.bodies.values_list("name", flat=True)) if source else set()
    for body in structure.bodies:
        for name, line in body.replaces:
            if source is None:
                reader.fail(f"'{body.values['name']}' replaces '{name}', but the scenario has "
                            "no 'based_on' naming the arrangement that body belongs to",
                            line=line, key="replaces")
            if name not in names:
                reader.fail(f"there is no body called '{name}' in {source.name}, the scenario "
                            "this one is based on", line=line, key="replaces")


# Import


@contextmanager
def _refused_at(reader: _Reader, row: _Row) -> Iterator[None]:
    """Show a service's refusal at the line of the item being written."""
    try:
        yield
    except RuleError as error:
        key = _KEY_FOR_FIELD.get(error.field, error.field) if error.field else None
        reader.fail(error.message, line=row.lines.get(key, row.line) if key else row.line,
                    key=key)


@transaction.atomic
def scenario_import_yaml(text: str, *, by, name: str | None = None,
                         source: str = "structure file") -> Scenario:
    """Create a new scenario from a structure file; organisations and people are matched by name.

    Bodies, memberships and relationships are new; organisations and people are shared
    with other scenarios, so an existing one takes the file's values. A bad file is
    refused at its line and nothing is written.
    """
    reader = _Reader(source)
    structure = _read(_load(text, source=source), reader=reader, name=name)

    organisations = _upsert(Organisation.objects.all(), structure.organisations, reader=reader,
                            save=lambda record: organisation_save(organisation=record, by=by))
    for row in structure.people:
        row.values["organisation"] = organisations[row.values["organisation"]]
    people = _upsert(Person.objects.select_related("organisation"), structure.people,
                     reader=reader, save=lambda record: person_save(person=record, by=by))

    with _refused_at(reader, _Row(structure.name_line, {}, {"name": structure.name_line})):
        scenario = scenario_save(
            scenario=Scenario(name=structure.name, description=structure.description,
                              based_on=structure.based_on), by=by)
    scenario.organisations.set(organisations.values())

    replaceable = ({body.name: body for body in structure.based_on.bodies.all()}
                   if structure.based_on else {})
    bodies: dict[str, Body] = {}
    for row in structure.bodies:
        with _refused_at(reader, row):
            bodies[row.values["name"]] = body_save(
                body=Body(scenario=scenario, **row.values), by=by,
                replaces=[replaceable[name] for name, _line in row.replaces])
        for member in row.members:
            with _refused_at(reader, member):
                membership_save(
                    membership=Membership(body=bodies[row.values["name"]],
                                          person=people[member.person], **member.values),
                    by=by, represents=[organisations[name] for name in member.represents],
                )
    for row in structure.relationships:
        values = dict(row.values, source=bodies[row.values["source"]],
                      target=bodies[row.values["target"]])
        with _refused_at(reader, row):
            relationship_save(relationship=Relationship(scenario=scenario, **values), by=by)
    return scenario


# The file's words for model fields where they differ.
_FILE_KEYS = {"is_relevant_partner": "relevant_partner",
              "is_safeguarding_partner": "safeguarding_partner",
              "seniority_tier": "tier", "is_elected_member": "elected_member"}


def _upsert(records: QuerySet, rows: list[_Row], *, reader: _Reader, save) -> dict[str, Any]:
    """Create what is new and update what differs, matching on name; unchanged rows are left."""
    existing = {record.name: record
                for record in records.filter(name__in=[row.values["name"] for row in rows])}
    saved = {}
    for row in rows:
        record = existing.get(row.values["name"]) or records.model()
        # Organisations and people are shared by every scenario: a file changes only the
        # details it states, so a short hand-drafted file cannot blank another's records.
        values = row.values if record.pk is None else {
            key: value for key, value in row.values.items()
            if _FILE_KEYS.get(key, key) in row.lines
        }
        changed = record.pk is None or any(getattr(record, key) != value
                                           for key, value in values.items())
        for key, value in values.items():
            setattr(record, key, value)
        if changed:
            with _refused_at(reader, row):
                record = save(record)
        saved[record.name] = record
    return saved
