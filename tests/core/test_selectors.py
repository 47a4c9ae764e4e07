import pytest

from trustboard.core.selectors import history_of
from trustboard.governance.models import Organisation
from trustboard.governance.services import organisation_save

pytestmark = pytest.mark.django_db


def test_history_names_who_changed_which_field_newest_first(officer, member):
    organisation = organisation_save(organisation=Organisation(name="Jobcentre Plus"), by=officer)
    organisation.is_relevant_partner = True
    organisation_save(organisation=organisation, by=member)

    changed, created = history_of(organisation)

    assert (changed.action, changed.who) == ("Changed", "Sam Member")
    assert [(c.field, c.old, c.new) for c in changed.changes] == [
        ("Relevant partner (children act 2004 s.10)", "False", "True")]
    assert (created.action, created.who) == ("Created", "Pat Officer")


def test_history_reads_in_one_query(officer, django_assert_num_queries):
    organisation = organisation_save(organisation=Organisation(name="Police"), by=officer)
    for sector in ("police", "other", "police"):
        organisation.sector = sector
        organisation_save(organisation=organisation, by=officer)
    with django_assert_num_queries(1):
        assert len(history_of(organisation)) == 4


def test_history_names_a_many_to_many_change_in_a_fixed_number_of_queries(
        officer, django_assert_num_queries):
    from trustboard.governance.models import Scenario
    from trustboard.governance.services import scenario_save

    scenario = scenario_save(scenario=Scenario(name="current"), by=officer)
    for n in range(5):
        scenario_save(scenario=scenario, by=officer, organisations=[
            organisation_save(organisation=Organisation(name=f"Partner {n}"), by=officer)])

    with django_assert_num_queries(1):
        entries = history_of(scenario)

    assert entries[0].action == "Changed organisations"
