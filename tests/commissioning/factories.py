import datetime

import factory

from tests.governance.factories import ScenarioFactory
from trustboard.commissioning.models import FundingArrangement, Service


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    scenario = factory.SubFactory(ScenarioFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    contract_start = datetime.date(2024, 4, 1)
    contract_end = datetime.date(2027, 3, 31)
    funding_arrangement = FundingArrangement.SINGLE
