from decimal import Decimal

import factory
from django.utils.text import slugify

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


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    sector = Sector.OTHER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Member {n}, placeholder")
    job_title = "Senior officer"
    organisation = factory.SubFactory(OrganisationFactory)
    seniority_tier = 3


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    name = factory.Sequence(lambda n: f"scenario {n}")
    slug = factory.LazyAttribute(lambda scenario: slugify(scenario.name))


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    scenario = factory.SubFactory(ScenarioFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    kind = BodyKind.OTHER
    meetings_per_year = 4
    meeting_hours = Decimal("2")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    role = MembershipRole.MEMBER


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    source = factory.SubFactory(BodyFactory)
    target = factory.SubFactory(BodyFactory, scenario=factory.SelfAttribute("..source.scenario"))
    scenario = factory.SelfAttribute("source.scenario")
    kind = RelationshipKind.REPORTS_TO
