import factory

from trustboard.performance.models import FINGERTIPS, Indicator, Polarity, ValueType


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indicator {n}")
    value_type = ValueType.CRUDE_RATE
    polarity = Polarity.LOWER_IS_BETTER
    multiplier = 10_000
    frequency = "financial_year"
    frequency_months = 12
    source = FINGERTIPS
    source_id = factory.Sequence(lambda n: str(90_000 + n))
    sex = "Persons"
    age = "<15 yrs"
