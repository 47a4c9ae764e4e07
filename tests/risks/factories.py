import datetime

import factory

from tests.governance.factories import BodyFactory, PersonFactory, ScenarioFactory
from trustboard.governance.models import Scenario
from trustboard.plans.models import KeyAction, Plan, Priority
from trustboard.risks.models import Risk

AS_AT = datetime.date(2012, 9, 30)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"CYPF Plan {n}")
    slug = factory.Sequence(lambda n: f"cypf-{n}")
    starts_on = datetime.date(2011, 4, 1)
    ends_on = datetime.date(2014, 3, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n}")


class KeyActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyAction

    priority = factory.SubFactory(PriorityFactory)
    reference = factory.Sequence(lambda n: f"1.{n}")
    title = factory.Sequence(lambda n: f"Key action {n}")


def current_body(**kwargs):
    """A body of the arrangement as it is (the current scenario)."""
    scenario = (Scenario.objects.filter(is_current=True).first()
                or ScenarioFactory(name="As it is", is_current=True))
    return BodyFactory(scenario=scenario, **kwargs)


def unsaved_risk(*, plan=None, body=None, **overrides) -> Risk:
    """A risk ready for `risk_save`: current 4 x 4 = 16, inherent 5 x 4, target 2 x 3."""
    values = dict(
        plan=plan or PlanFactory(), reference="R1",
        title="Demand on children's social care outstrips capacity",
        cause="Referrals rise faster than social work posts are filled.",
        effect="Assessments are late and children wait for help.",
        body=body or current_body(), owner=PersonFactory(),
        identified_on=datetime.date(2012, 1, 10), review_on=datetime.date(2012, 4, 10),
        inherent_likelihood=5, inherent_impact=4, current_likelihood=4, current_impact=4,
        target_likelihood=2, target_impact=3)
    values.update(overrides)
    return Risk(**values)
