"""Officers setting the same target at once, each on a connection of their own."""

from tests.performance.factories import IndicatorFactory
from tests.threads import at_once, database_for_threads  # noqa: F401 - a fixture
from trustboard.performance.models import Target
from trustboard.performance.services import target_save


def test_a_target_set_at_once_by_several_officers_is_one_target_with_every_value_in_history(
        database_for_threads, officer):  # noqa: F811 - the fixture imported
    indicator = IndicatorFactory()

    failures = at_once(lambda number: target_save(indicator=indicator, period="2024/25",
                                                  value=70 + number, by=officer),
                       threads=6, each=1)

    assert failures == []
    target = Target.objects.get(indicator=indicator, period="2024/25")
    assert sorted(h.value for h in target.history.all()) == [70, 71, 72, 73, 74, 75]
