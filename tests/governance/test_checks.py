import datetime
import inspect
import re

import pytest

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RelationshipFactory,
    ScenarioFactory,
)
from trustboard.governance import checks
from trustboard.governance.checks import Finding, scenario_findings
from trustboard.governance.models import BodyKind, MembershipRole, RelationshipKind

pytestmark = pytest.mark.django_db

REPORTS, CHALLENGES = RelationshipKind.REPORTS_TO, RelationshipKind.CHALLENGES


@pytest.fixture
def sound():
    """Middlesbrough as its scrutiny panel would have it: nothing for a check to find."""
    scenario = ScenarioFactory(name="Middlesbrough as recommended")
    council = OrganisationFactory(name="Middlesbrough Council", is_relevant_partner=True,
                                  is_safeguarding_partner=True)
    police = OrganisationFactory(name="Cleveland Police", is_relevant_partner=True,
                                 is_safeguarding_partner=True)
    scenario.organisations.set([council, police])
    board = BodyFactory(scenario=scenario, name="Children's Trust Board",
                        kind=BodyKind.TRUST_BOARD, is_partnership_board=True, quorum=2)
    lscb = BodyFactory(scenario=scenario, name="Middlesbrough LSCB",
                       kind=BodyKind.SAFEGUARDING_BOARD)
    executive = BodyFactory(scenario=scenario, name="Middlesbrough Council Executive",
                            kind=BodyKind.COUNCIL_EXECUTIVE)
    nhs = BodyFactory(scenario=scenario, name="Board of NHS Middlesbrough",
                      kind=BodyKind.NHS_BOARD)
    MembershipFactory(body=board, person=PersonFactory(name="Director of Children's Services",
                                                       organisation=council),
                      role=MembershipRole.CHAIR)
    MembershipFactory(body=board, person=PersonFactory(name="Chief Superintendent",
                                                       organisation=police))
    MembershipFactory(body=lscb, person=PersonFactory(name="Independent Chair"),
                      role=MembershipRole.CHAIR)
    RelationshipFactory(source=lscb, kind=REPORTS, target=board, times_per_year=1)
    RelationshipFactory(source=lscb, kind=CHALLENGES, target=board)
    RelationshipFactory(source=board, kind=REPORTS, target=executive, times_per_year=2)
    RelationshipFactory(source=board, kind=REPORTS, target=nhs, times_per_year=2)
    return scenario


def _body(scenario, name):
    return scenario.bodies.get(name=name)


def _rules(scenario, **options):
    return [finding.rule for finding in scenario_findings(scenario, **options)]


def _only(scenario, rule, **options):
    found = [f for f in scenario_findings(scenario, **options) if f.rule == rule]
    assert len(found) == 1, found
    return found[0]


def test_a_sound_structure_has_no_findings(sound):
    assert scenario_findings(sound) == []


def test_a_scenario_without_a_partnership_board_is_a_high_finding():
    scenario = ScenarioFactory(name="Plymouth draft")
    BodyFactory(scenario=scenario, name="Early Years Partnership")

    finding = _only(scenario, "no-partnership-board")

    assert finding.severity == "high"
    assert "section 10 of the Children Act 2004" in finding.citation


def test_one_person_chairing_the_board_and_the_safeguarding_board_is_flagged(sound):
    chair = sound.bodies.get(is_partnership_board=True).memberships.get(role="chair").person
    MembershipFactory(body=_body(sound, "Middlesbrough LSCB"), person=chair,
                      role=MembershipRole.CHAIR)

    finding = _only(sound, "same-chair")

    assert finding.severity == "high"
    assert finding.message == ("Director of Children's Services chairs both Children's Trust "
                               "Board and Middlesbrough LSCB.")
    assert "should not be chaired by the same person" in finding.citation


def test_a_chair_who_has_left_no_longer_counts(sound):
    chair = sound.bodies.get(is_partnership_board=True).memberships.get(role="chair").person
    MembershipFactory(body=_body(sound, "Middlesbrough LSCB"), person=chair,
                      role=MembershipRole.CHAIR, end_date=datetime.date(2010, 3, 31))

    assert "same-chair" not in _rules(sound)


def test_a_safeguarding_board_that_neither_reports_nor_challenges_is_high(sound):
    sound.relationships.filter(source__name="Middlesbrough LSCB").delete()

    finding = _only(sound, "safeguarding-board-unlinked")

    assert finding.severity == "high"
    assert finding.subjects == ["Middlesbrough LSCB", "Children's Trust Board"]
    assert "LSCB's should challenge the work of the Trust." in finding.citation


def test_a_safeguarding_board_that_reports_but_never_challenges_is_flagged(sound):
    sound.relationships.filter(kind=CHALLENGES).delete()

    assert _only(sound, "safeguarding-board-no-challenge").severity == "medium"


def test_the_board_receiving_the_safeguarding_annual_report_counts_as_reporting(sound):
    lscb, board = _body(sound, "Middlesbrough LSCB"), sound.bodies.get(is_partnership_board=True)
    sound.relationships.filter(source=lscb, kind=REPORTS).delete()
    RelationshipFactory(source=board, kind=RelationshipKind.RECEIVES_ANNUAL_REPORT_FROM,
                        target=lscb, times_per_year=1)

    assert not [rule for rule in _rules(sound) if rule.startswith("safeguarding")]


def test_a_statutory_partner_nobody_on_the_board_represents_is_named(sound):
    probation = OrganisationFactory(name="Probation Service", is_relevant_partner=True)
    sound.organisations.add(probation)

    finding = _only(sound, "statutory-partner-not-on-board")

    assert finding.severity == "high"
    assert finding.message == ("Probation Service is a relevant partner under Children Act "
                               "2004 s.10 but nobody on Children's Trust Board represents it.")
    assert "Membership of the board includes the statutory partners" in finding.citation


def test_a_member_representing_a_partner_for_it_counts(sound):
    probation = OrganisationFactory(name="Probation Service", is_relevant_partner=True)
    sound.organisations.add(probation)
    seat = sound.bodies.get(is_partnership_board=True).memberships.get(
        person__name="Chief Superintendent")
    seat.represents.set([probation, seat.person.organisation])

    assert "statutory-partner-not-on-board" not in _rules(sound)


def test_an_invited_guest_does_not_represent_a_partner(sound):
    seat = sound.bodies.get(is_partnership_board=True).memberships.get(
        person__name="Chief Superintendent")
    seat.role = MembershipRole.INVITED
    seat.save()

    assert _only(sound, "statutory-partner-not-on-board").subjects[0] == "Cleveland Police"


def test_a_partner_without_statutory_duties_may_be_absent(sound):
    sound.organisations.add(OrganisationFactory(name="Voluntary Sector Forum"))

    assert scenario_findings(sound) == []


def test_a_body_with_no_line_to_the_board_is_flagged(sound):
    BodyFactory(scenario=sound, name="Carers Strategy Group")

    finding = _only(sound, "no-line-to-board")

    assert finding.subjects == ["Carers Strategy Group", "Children's Trust Board"]
    assert "without clear linkage and transparency" in finding.citation


def test_a_body_joined_through_another_body_in_either_direction_has_a_line(sound):
    group = BodyFactory(scenario=sound, name="Early Years Partnership")
    RelationshipFactory(source=_body(sound, "Middlesbrough LSCB"),
                        kind=RelationshipKind.ADVISES, target=group)

    assert "no-line-to-board" not in _rules(sound)


def test_a_reporting_cycle_is_named_round_the_loop(sound):
    board = sound.bodies.get(is_partnership_board=True)
    executive = BodyFactory(scenario=sound, name="Trust Executive")
    RelationshipFactory(source=executive, kind=REPORTS, target=board)
    RelationshipFactory(source=board, kind=REPORTS, target=executive)

    finding = _only(sound, "reporting-cycle")

    assert finding.severity == "high"
    assert "Children's Trust Board reports to Trust Executive reports to Children's Trust " \
           "Board" in finding.message


def test_lines_of_other_kinds_both_ways_are_not_a_cycle(sound):
    board = sound.bodies.get(is_partnership_board=True)
    executive = BodyFactory(scenario=sound, name="Trust Executive")
    RelationshipFactory(source=executive, kind=REPORTS, target=board)
    RelationshipFactory(source=board, kind=RelationshipKind.TASKS, target=executive)

    assert "reporting-cycle" not in _rules(sound)


def test_no_reporting_to_council_executive_or_nhs_board_gives_one_finding_each(sound):
    sound.relationships.filter(source__is_partnership_board=True).delete()

    rules = _rules(sound)

    assert "no-report-to-council-executive" in rules
    assert "no-report-to-nhs-board" in rules
    assert "systematic basis" in _only(sound, "no-report-to-nhs-board").citation


def test_reporting_through_another_body_at_a_set_frequency_is_systematic(sound):
    board = sound.bodies.get(is_partnership_board=True)
    hwb = BodyFactory(scenario=sound, name="Health and Wellbeing Board",
                      kind=BodyKind.HEALTH_AND_WELLBEING_BOARD)
    sound.relationships.filter(source=board, target__kind=BodyKind.NHS_BOARD).delete()
    RelationshipFactory(source=board, kind=REPORTS, target=hwb, times_per_year=4)
    RelationshipFactory(source=hwb, kind=REPORTS, target=_body(sound, "Board of NHS Middlesbrough"),
                        times_per_year=4)

    assert "no-report-to-nhs-board" not in _rules(sound)


def test_reporting_with_no_frequency_recorded_is_not_systematic(sound):
    sound.relationships.filter(target__kind=BodyKind.COUNCIL_EXECUTIVE).update(
        times_per_year=None)

    finding = _only(sound, "no-report-to-council-executive")

    assert "how often is not recorded" in finding.message


def test_a_missing_council_executive_is_itself_a_finding(sound):
    _body(sound, "Middlesbrough Council Executive").delete()

    assert "no body of that kind" in _only(sound, "no-report-to-council-executive").message


def test_a_person_on_more_bodies_than_the_limit_is_flagged(sound):
    person = PersonFactory(name="Head of Early Help")
    for body in sound.bodies.all():
        MembershipFactory(body=body, person=person)

    finding = _only(sound, "too-many-bodies", max_bodies_per_person=3)

    assert finding.subjects[0] == "Head of Early Help"
    assert "sits on 4 bodies, more than the limit of 3" in finding.message
    assert "significant resources being tied up in meetings" in finding.citation


def test_a_person_at_the_limit_is_not_flagged(sound):
    person = PersonFactory(name="Head of Early Help")
    for body in sound.bodies.all():
        MembershipFactory(body=body, person=person)

    assert "too-many-bodies" not in _rules(sound, max_bodies_per_person=4)


def test_the_limit_defaults_to_the_setting(sound, settings):
    settings.TRUSTBOARD_MAX_BODIES_PER_PERSON = 1
    person = PersonFactory(name="Head of Early Help")
    for body in sound.bodies.all()[:2]:
        MembershipFactory(body=body, person=person)

    assert "too-many-bodies" in _rules(sound)


def test_a_body_with_fewer_voting_members_than_its_quorum_is_flagged(sound):
    lscb = _body(sound, "Middlesbrough LSCB")
    lscb.quorum = 2
    lscb.save()
    MembershipFactory(body=lscb, role=MembershipRole.PARTICIPANT_OBSERVER)

    finding = _only(sound, "below-quorum")

    assert finding.message == ("Middlesbrough LSCB needs 2 voting members to be quorate but has "
                               "1 (observers and invited guests do not count).")


def test_findings_come_most_severe_first_then_by_rule(sound):
    sound.relationships.all().delete()
    BodyFactory(scenario=sound, name="Carers Strategy Group")

    findings = scenario_findings(sound)

    order = {"high": 0, "medium": 1, "low": 2}
    keys = [(order[f.severity], f.rule) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].severity == "high"


def test_a_finding_as_a_dict_has_the_keys_the_json_output_uses():
    finding = Finding(rule="same-chair", severity="high", message="m", citation="c",
                      subjects=["A"])

    assert finding.as_dict() == {
        "rule": "same-chair", "title": "The board and the safeguarding board have different chairs",
        "severity": "high", "message": "m", "citation": "c", "subjects": ["A"]}


def test_every_rule_the_checks_can_give_has_a_title_to_show_instead_of_its_slug():
    source = inspect.getsource(checks)
    rules = set(re.findall(r'rule="([a-z-]+)"', source))
    rules |= {rule for _kind, rule, _label in checks._DECISION_MAKERS}

    assert len(rules) == 12
    assert rules == set(checks.RULE_TITLES)


def test_checking_takes_five_queries_whatever_the_size(sound, django_assert_num_queries):
    for index in range(10):
        body = BodyFactory(scenario=sound, name=f"Delivery group {index}")
        MembershipFactory(body=body).represents.add(OrganisationFactory())
        RelationshipFactory(source=body, kind=REPORTS, target=_body(sound, "Middlesbrough LSCB"))

    with django_assert_num_queries(5):
        scenario_findings(sound)
