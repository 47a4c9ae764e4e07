"""Every read the structure pages need, with the queries decided here."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from trustboard.governance.models import (
    Body,
    Membership,
    MembershipRole,
    Organisation,
    Person,
    Relationship,
    Scenario,
)


@dataclass
class Structure:
    """One scenario's bodies (with current members) and relationships, loaded together."""

    scenario: Scenario
    bodies: list[Body]
    relationships: list[Relationship]

    def __post_init__(self) -> None:
        self.body_by_id = {body.pk: body for body in self.bodies}
        self.board = next((body for body in self.bodies if body.is_partnership_board), None)

    def of_kind(self, kind: str) -> list[Body]:
        return [body for body in self.bodies if body.kind == kind]

    def lines(self, *kinds: str) -> list[Relationship]:
        return [r for r in self.relationships if not kinds or r.kind in kinds]


def scenario_structure(*, scenario: Scenario) -> Structure:
    """Load the bodies, their current members and the relationships in four queries.

    A membership whose end date has passed no longer counts: the person has left.
    """
    today = timezone.localdate()
    memberships = Membership.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    ).select_related("person__organisation").prefetch_related("represents")
    bodies = list(
        scenario.bodies.prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("-is_partnership_board", "name")
    )
    relationships = list(
        scenario.relationships.select_related("source", "target")
        .order_by("source__name", "kind", "target__name")
    )
    return Structure(scenario=scenario, bodies=bodies, relationships=relationships)


def scenario_list() -> QuerySet[Scenario]:
    return Scenario.objects.annotate(body_count=Count("bodies", distinct=True)).select_related(
        "based_on")


def scenario_get(*, slug: str) -> Scenario:
    return get_object_or_404(Scenario, slug=slug)


def scenario_current() -> Scenario | None:
    """The arrangement in force, if one is marked current."""
    return Scenario.objects.filter(is_current=True).first()


def scenario_find(*, name: str) -> Scenario | None:
    """A scenario by its name or slug, as commands accept either."""
    return Scenario.objects.filter(name=name).first() or Scenario.objects.filter(slug=name).first()


# Chair first, then vice-chair, members, observers and guests.
ROLE_ORDER = Case(*(When(role=role, then=Value(index))
                    for index, role in enumerate(MembershipRole)), output_field=IntegerField())


def _memberships() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("person__organisation").prefetch_related(
            "represents").order_by(ROLE_ORDER, "person__name"),
    )


def scenario_relationships(*, scenario: Scenario) -> QuerySet[Relationship]:
    return scenario.relationships.select_related("source", "target").order_by(
        "source__name", "kind", "target__name")


def body_get(*, scenario: Scenario, pk: int) -> Body:
    return get_object_or_404(
        Body.objects.select_related("scenario").prefetch_related(
            _memberships(),
            Prefetch("replaces", queryset=Body.objects.select_related("scenario")),
            Prefetch("replaced_by", queryset=Body.objects.select_related("scenario"))),
        scenario=scenario, pk=pk,
    )


@dataclass(frozen=True)
class BodyLines:
    outgoing: list[Relationship]
    incoming: list[Relationship]


def body_lines(*, body: Body) -> BodyLines:
    lines = list(
        Relationship.objects.filter(scenario_id=body.scenario_id)
        .filter(source=body).select_related("source", "target")
        | Relationship.objects.filter(scenario_id=body.scenario_id, target=body)
        .select_related("source", "target")
    )
    return BodyLines(outgoing=[r for r in lines if r.source_id == body.pk],
                     incoming=[r for r in lines if r.target_id == body.pk])


def membership_get(*, body: Body, pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("person"), body=body, pk=pk)


def relationship_get(*, scenario: Scenario, pk: int) -> Relationship:
    return get_object_or_404(Relationship.objects.select_related("source", "target"),
                             scenario=scenario, pk=pk)


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(people_count=Count("people"))


def organisation_get(*, pk: int) -> Organisation:
    return get_object_or_404(
        Organisation.objects.prefetch_related(
            Prefetch("people", queryset=Person.objects.order_by("name"))),
        pk=pk,
    )


def person_list() -> QuerySet[Person]:
    return Person.objects.select_related("organisation").annotate(
        seat_count=Count("memberships"))


def person_get(*, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.select_related("organisation").prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related(
                "body__scenario").prefetch_related("represents").order_by(
                "-body__scenario__is_current", "body__scenario__name", "body__name"))),
        pk=pk,
    )
