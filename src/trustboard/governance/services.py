"""Every write to the structure. Each checks, writes in one transaction and names who did it."""

from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import ProtectedError, Q
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from trustboard.core.errors import RuleError
from trustboard.core.services import record_delete, record_save
from trustboard.governance.graph import find_cycle
from trustboard.governance.models import (
    Body,
    Membership,
    MembershipRole,
    Organisation,
    Person,
    Relationship,
    RelationshipKind,
    Scenario,
)

# Addresses under /structure/ that a scenario's slug must not take.
RESERVED_SLUGS = {"compare", "import", "new", "organisations", "people"}

# When two bodies merge and a person sat on both, they keep the weightier seat.
_ROLE_WEIGHT = {
    MembershipRole.CHAIR: 5, MembershipRole.VICE_CHAIR: 4, MembershipRole.MEMBER: 3,
    MembershipRole.PARTICIPANT_OBSERVER: 2, MembershipRole.INVITED: 1,
}


@transaction.atomic
def organisation_save(*, organisation: Organisation, by) -> Organisation:
    return record_save(organisation, by=by)


@transaction.atomic
def person_save(*, person: Person, by) -> Person:
    return record_save(person, by=by)


@transaction.atomic
def scenario_save(*, scenario: Scenario, by, organisations=None) -> Scenario:
    scenario.slug = scenario.slug or slugify(scenario.name)[:100]
    if scenario.slug in RESERVED_SLUGS or not scenario.slug:
        raise RuleError(f"Choose another name: '{scenario.name}' is used by the site itself.",
                        field="name")
    if Scenario.objects.filter(slug=scenario.slug).exclude(pk=scenario.pk).exists():
        raise RuleError(f"There is already a scenario called {scenario.name}.", field="name")
    if scenario.is_current:
        for other in Scenario.objects.filter(is_current=True).exclude(pk=scenario.pk):
            other.is_current = False
            record_save(other, by=by)
    record_save(scenario, by=by)
    if organisations is not None:
        scenario.organisations.set(organisations)
    return scenario


@transaction.atomic
def scenario_copy(*, source: Scenario, name: str, by, description: str = "") -> Scenario:
    """Start a proposal from an existing structure; the source is untouched."""
    copy = scenario_save(
        scenario=Scenario(name=name, description=description or f"Copied from {source.name}.",
                          based_on=source),
        by=by,
    )
    copy.organisations.set(source.organisations.all())
    bodies = list(source.bodies.all())
    new_bodies = bulk_create_with_history(
        [Body(scenario=copy, **_body_fields(body)) for body in bodies], Body, default_user=by
    )
    new_body_for = {old.pk: new for old, new in zip(bodies, _refetch(copy, new_bodies),
                                                    strict=True)}
    # Each body carried over replaces its original, so renaming it in the proposal reads as
    # "replaced by" in a comparison, not as one body gone and another new.
    Body.replaces.through.objects.bulk_create([
        Body.replaces.through(from_body_id=new_body_for[old.pk].pk, to_body_id=old.pk)
        for old in bodies
    ])
    memberships = list(
        Membership.objects.filter(body__scenario=source).prefetch_related("represents")
    )
    bulk_create_with_history(
        [
            Membership(body=new_body_for[m.body_id], person_id=m.person_id, role=m.role,
                       seniority_tier=m.seniority_tier, start_date=m.start_date,
                       end_date=m.end_date)
            for m in memberships
        ],
        Membership, default_user=by,
    )
    new_memberships = {
        (m.body_id, m.person_id): m for m in Membership.objects.filter(body__scenario=copy)
    }
    through = Membership.represents.through
    through.objects.bulk_create([
        through(membership_id=new_memberships[(new_body_for[m.body_id].pk, m.person_id)].pk,
                organisation_id=organisation.pk)
        for m in memberships for organisation in m.represents.all()
    ])
    bulk_create_with_history(
        [
            Relationship(scenario=copy, source=new_body_for[r.source_id],
                         target=new_body_for[r.target_id], kind=r.kind,
                         times_per_year=r.times_per_year, note=r.note)
            for r in source.relationships.all()
        ],
        Relationship, default_user=by,
    )
    return copy


def _refetch(scenario: Scenario, created: list[Body]) -> list[Body]:
    """Bodies with their keys (SQLite's bulk insert may not return them), in creation order."""
    by_name = {body.name: body for body in scenario.bodies.all()}
    return [by_name[body.name] for body in created]


def _body_fields(body: Body) -> dict:
    return {
        "name": body.name, "kind": body.kind, "is_partnership_board": body.is_partnership_board,
        "purpose": body.purpose, "responsibilities": list(body.responsibilities),
        "meetings_per_year": body.meetings_per_year, "meeting_hours": body.meeting_hours,
        "quorum": body.quorum, "locality": body.locality, "formerly": list(body.formerly),
        "is_membership_partial": body.is_membership_partial,
    }


@transaction.atomic
def scenario_delete(*, scenario: Scenario, by) -> None:
    if scenario.is_current:
        raise RuleError("The current arrangement cannot be deleted; make another current first.")
    try:
        record_delete(scenario, by=by)
    except ProtectedError as error:
        raise RuleError(f"{scenario} cannot be deleted while records refer to its bodies "
                        f"({_kinds(error)}).") from error


@transaction.atomic
def body_save(*, body: Body, by, replaces=None) -> Body:
    """Save a body and, when given, the bodies of the arrangement it is based on it replaces."""
    if replaces is not None:
        replaces = list(replaces)
        _check_replaces(body=body, replaces=replaces)
    if body.is_partnership_board:
        for other in body.scenario.bodies.filter(is_partnership_board=True).exclude(pk=body.pk):
            other.is_partnership_board = False
            record_save(other, by=by)
    body.responsibilities = _clean_list(body.responsibilities)
    body.name = " ".join(body.name.split())
    # Names differing only in case would read as one body in a structure file.
    if Body.objects.filter(scenario_id=body.scenario_id, name__iexact=body.name).exclude(
            pk=body.pk).exists():
        raise RuleError(f"There is already a body called {body.name} in this scenario.",
                        field="name")
    record_save(body, by=by)
    if replaces is not None:
        body.replaces.set(replaces)
    return body


def _check_replaces(*, body: Body, replaces: list[Body]) -> None:
    """A body replaces only bodies of the arrangement its scenario is based on."""
    if not replaces:
        return
    source = body.scenario.based_on
    if source is None:
        raise RuleError(f"{body.scenario} is not based on another arrangement, so its bodies "
                        "replace none.", field="replaces")
    for replaced in replaces:
        if replaced.scenario_id != source.pk:
            raise RuleError(f"{replaced.name} is not a body of {source}, the arrangement "
                            f"{body.scenario} is based on.", field="replaces")


def _clean_list(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        text = " ".join(str(item).split())
        if text and text.lower() not in (s.lower() for s in seen):
            seen.append(text)
    return seen


@transaction.atomic
def body_delete(*, body: Body, by) -> None:
    try:
        record_delete(body, by=by)
    except ProtectedError as error:
        raise RuleError(f"{body} cannot be deleted while records refer to it "
                        f"({_kinds(error)}); merge it into another body instead.") from error


def _kinds(error: ProtectedError) -> str:
    return ", ".join(sorted({str(record._meta.verbose_name_plural)
                             for record in error.protected_objects}))


@dataclass(frozen=True)
class MergeResult:
    body: Body
    merged_names: list[str]


@transaction.atomic
def body_merge(*, bodies: list[Body], name: str, by) -> MergeResult:
    """Merge bodies of one scenario into one, as Plymouth merged its board and executive.

    The merged body keeps every responsibility, every member (in their weightiest role),
    every relationship with the bodies outside the merge, the meeting pattern of the body
    that met for longest, the kind of the board if it is one of them, and remembers the
    names it was formed from.
    """
    bodies = list({body.pk: body for body in bodies}.values())
    if len(bodies) < 2:
        raise RuleError("Choose at least two bodies to merge.", field="bodies")
    scenarios = {body.scenario_id for body in bodies}
    if len(scenarios) != 1:
        raise RuleError("Bodies can only be merged within one scenario.", field="bodies")
    name = " ".join(name.split())
    if not name:
        raise RuleError("Give the merged body a name.", field="name")
    # The board survives a merge with its kind and place; otherwise the first chosen does.
    bodies.sort(key=lambda body: not body.is_partnership_board)
    survivor, *others = bodies
    merged_pks = {body.pk for body in bodies}
    clash = Body.objects.filter(scenario_id=survivor.scenario_id, name__iexact=name).exclude(
        pk__in=merged_pks)
    if clash.exists():
        raise RuleError(f"There is already a body called {name} in this scenario.", field="name")

    merged_names = [body.name for body in bodies]
    busiest = max(bodies, key=lambda body: body.meetings_per_year * body.meeting_hours)
    survivor.name = name
    survivor.responsibilities = [r for body in bodies for r in body.responsibilities]
    survivor.meetings_per_year = busiest.meetings_per_year
    survivor.meeting_hours = busiest.meeting_hours
    survivor.quorum = max((body.quorum for body in bodies if body.quorum), default=None)
    survivor.purpose = "\n\n".join(body.purpose for body in bodies if body.purpose)
    survivor.formerly = _clean_list(
        [n for n in [*(f for body in bodies for f in body.formerly), *merged_names] if n != name]
    )
    survivor.is_membership_partial = any(body.is_membership_partial for body in bodies)
    # What each merged body replaced, the merged body now replaces.
    survivor.replaces.add(*Body.objects.filter(replaced_by__in=others))
    _move_memberships(survivor=survivor, others=others, by=by)
    _move_relationships(survivor=survivor, merged_pks=merged_pks, by=by)
    cycle = find_cycle(
        (r.source.name, r.target.name) for r in Relationship.objects.filter(
            scenario_id=survivor.scenario_id, kind=RelationshipKind.REPORTS_TO,
        ).select_related("source", "target")
    )
    if cycle:
        # The survivor is still stored under its old name until the merge is saved.
        shown = [name if body_name == merged_names[0] else body_name for body_name in cycle]
        raise RuleError("Merging these bodies would make a reporting cycle: "
                        + " reports to ".join(shown) + ".", field="bodies")
    _move_protected_records(survivor=survivor, others=others)
    for other in others:
        record_delete(other, by=by)
    body_save(body=survivor, by=by)
    return MergeResult(body=survivor, merged_names=merged_names)


def _move_protected_records(*, survivor: Body, others: list[Body]) -> None:
    """Carry what other apps keep against a body (its meetings, say) to the merged body."""
    for relation in Body._meta.related_objects:
        if relation.on_delete is models.PROTECT:
            relation.related_model._default_manager.filter(
                **{f"{relation.field.name}__in": others}).update(**{relation.field.name: survivor})


def _move_memberships(*, survivor: Body, others: list[Body], by) -> None:
    seats = {m.person_id: m for m in survivor.memberships.prefetch_related("represents")}
    for membership in Membership.objects.filter(body__in=others).prefetch_related("represents"):
        kept = seats.get(membership.person_id)
        if kept is None:
            moved = membership_save(
                membership=Membership(
                    body=survivor, person_id=membership.person_id, role=membership.role,
                    seniority_tier=membership.seniority_tier,
                    start_date=membership.start_date, end_date=membership.end_date),
                represents=membership.represents.all(), by=by)
            seats[membership.person_id] = moved
            continue
        if kept.end_date and not membership.end_date:
            # The seat the person still holds is the one that counts.
            kept.start_date, kept.end_date = membership.start_date, None
            kept.role = membership.role
            record_save(kept, by=by)
        elif _ROLE_WEIGHT[membership.role] > _ROLE_WEIGHT[kept.role]:
            kept.role = membership.role
            record_save(kept, by=by)
        kept.represents.add(*membership.represents.all())


def _move_relationships(*, survivor: Body, merged_pks: set[int], by) -> None:
    """Point lines to and from the merged bodies at the survivor; drop inner and repeat lines."""
    touching = Relationship.objects.filter(
        Q(source_id__in=merged_pks) | Q(target_id__in=merged_pks),
        scenario_id=survivor.scenario_id,
    ).order_by("pk")
    chosen: dict[tuple[int, str, int], Relationship] = {}
    for relationship in touching:
        source = survivor.pk if relationship.source_id in merged_pks else relationship.source_id
        target = survivor.pk if relationship.target_id in merged_pks else relationship.target_id
        key = (source, relationship.kind, target)
        unchanged = (relationship.source_id, relationship.target_id) == (source, target)
        if source == target:
            record_delete(relationship, by=by)
        elif key not in chosen or unchanged:
            if key in chosen:
                record_delete(chosen[key], by=by)
            chosen[key] = relationship
        else:
            record_delete(relationship, by=by)
    for (source, _kind, target), relationship in chosen.items():
        relationship.source_id, relationship.target_id = source, target
        record_save(relationship, by=by)


@transaction.atomic
def membership_save(*, membership: Membership, by, represents=None) -> Membership:
    record_save(membership, by=by)
    if represents is not None:
        membership.represents.set(represents)
    return membership


@transaction.atomic
def membership_delete(*, membership: Membership, by) -> None:
    record_delete(membership, by=by)


@transaction.atomic
def relationship_save(*, relationship: Relationship, by) -> Relationship:
    if relationship.source.scenario_id != relationship.target.scenario_id:
        raise RuleError("Both bodies must belong to the same scenario.", field="target")
    relationship.scenario_id = relationship.source.scenario_id
    if relationship.kind == RelationshipKind.REPORTS_TO:
        lines = [
            (r.source.name, r.target.name)
            for r in Relationship.objects.filter(
                scenario_id=relationship.scenario_id, kind=RelationshipKind.REPORTS_TO
            ).exclude(pk=relationship.pk).select_related("source", "target")
        ]
        cycle = find_cycle([*lines, (relationship.source.name, relationship.target.name)])
        if cycle:
            raise RuleError(
                "This would make a reporting cycle: " + " reports to ".join(cycle) + ".",
                field="target",
            )
    return record_save(relationship, by=by)


@transaction.atomic
def relationship_delete(*, relationship: Relationship, by) -> None:
    record_delete(relationship, by=by)
