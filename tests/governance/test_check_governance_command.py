import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.governance.factories import BodyFactory, MembershipFactory, ScenarioFactory
from trustboard.governance.models import BodyKind, MembershipRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def salford():
    """Salford 2009 before Laming: one person chairs the board and the LSCB."""
    scenario = ScenarioFactory(name="Salford 2009", slug="salford-2009", is_current=True)
    board = BodyFactory(scenario=scenario, name="Children and Young People's Partnership Board",
                        kind=BodyKind.TRUST_BOARD, is_partnership_board=True)
    lscb = BodyFactory(scenario=scenario, name="Salford Safeguarding Children Board",
                       kind=BodyKind.SAFEGUARDING_BOARD)
    chair = MembershipFactory(body=board, role=MembershipRole.CHAIR).person
    MembershipFactory(body=lscb, person=chair, role=MembershipRole.CHAIR)
    return scenario


def _run(*args) -> str:
    out = io.StringIO()
    call_command("check_governance", *args, stdout=out)
    return out.getvalue()


def test_json_lists_each_finding_with_its_rule_title_severity_message_citation_and_subjects(
        salford):
    findings = json.loads(_run("--scenario", "Salford 2009", "--json"))

    assert {tuple(sorted(f)) for f in findings} == {
        ("citation", "message", "rule", "severity", "subjects", "title")}
    same_chair = next(f for f in findings if f["rule"] == "same-chair")
    assert same_chair["severity"] == "high"
    assert same_chair["title"] == "The board and the safeguarding board have different chairs"
    assert "Salford Safeguarding Children Board" in same_chair["subjects"]


def test_json_keeps_apostrophes_readable(salford):
    assert "Children and Young People's Partnership Board" in _run("--scenario", "salford-2009",
                                                                   "--json")


def test_plain_output_puts_each_finding_on_one_greppable_line(salford):
    lines = _run("--scenario", "salford-2009").splitlines()

    assert lines[0].startswith("Salford 2009: ")
    same_chair = [line for line in lines if "same-chair" in line]
    assert len(same_chair) == 1
    assert same_chair[0].startswith("[high] same-chair: ")
    assert "chairs both" in same_chair[0]


def test_without_a_scenario_the_current_arrangement_is_checked(salford):
    assert _run().startswith("Salford 2009: ")


def test_a_clean_structure_reports_no_findings_in_json():
    scenario = ScenarioFactory(name="Empty proposal")
    BodyFactory(scenario=scenario, is_partnership_board=True)
    scenario.bodies.update(kind=BodyKind.TRUST_BOARD)

    findings = json.loads(_run("--scenario", "Empty proposal", "--json",
                               "--max-bodies-per-person", "9"))

    assert {f["rule"] for f in findings} == {"no-report-to-council-executive",
                                             "no-report-to-nhs-board"}


def test_an_unknown_scenario_is_refused_with_the_names_there_are(salford):
    with pytest.raises(CommandError, match=r"no scenario called 'Plymouth'.*Salford 2009"):
        _run("--scenario", "Plymouth")
