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


def test_history_counts_many_to_many_links_rather_than_printing_them(officer):
    from trustboard.governance.models import Scenario
    from trustboard.governance.services import scenario_save

    scenario = scenario_save(scenario=Scenario(name="current"), by=officer)
    partners = [organisation_save(organisation=Organisation(name=f"Partner {n}"), by=officer)
                for n in range(3)]
    scenario.organisations.set(partners)

    changes = [change for entry in history_of(scenario) for change in entry.changes]

    assert [(c.old, c.new) for c in changes] == [("(none)", "3 selected")]
