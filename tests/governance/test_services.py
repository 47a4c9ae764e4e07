from decimal import Decimal

import pytest

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    RelationshipFactory,
    ScenarioFactory,
)
from trustboard.core.errors import RuleError
from trustboard.governance.models import (
    Body,
    Membership,
    MembershipRole,
    Relationship,
    RelationshipKind,
    Scenario,
)
from trustboard.governance.services import (
    body_merge,
    body_save,
    relationship_save,
    scenario_copy,
    scenario_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plymouth():
    """Plymouth 2014: a Trust Board and a Trust Executive 'operate separately'."""
    scenario = ScenarioFactory(name="Plymouth as it is")
    board = BodyFactory(scenario=scenario, name="Children's Trust Board", is_partnership_board=True,
                        meetings_per_year=4, meeting_hours=Decimal("2"),
                        responsibilities=["Set out priorities"])
    executive = BodyFactory(scenario=scenario, name="Children's Trust Executive",
                            meetings_per_year=12, meeting_hours=Decimal("1.5"),
                            responsibilities=["Monitor delivery plans", "set out priorities"])
    pscb = BodyFactory(scenario=scenario, name="Plymouth Safeguarding Children Board")
    RelationshipFactory(source=executive, target=board, kind=RelationshipKind.REPORTS_TO)
    RelationshipFactory(source=pscb, target=board, kind=RelationshipKind.CHALLENGES,
                        times_per_year=4)
    RelationshipFactory(source=pscb, target=executive, kind=RelationshipKind.CHALLENGES)
    return scenario, board, executive, pscb


def test_copy_keeps_bodies_memberships_and_relationships(plymouth, officer):
    scenario, board, _executive, _pscb = plymouth
    council = OrganisationFactory(name="Plymouth City Council")
    seat = MembershipFactory(body=board, role=MembershipRole.CHAIR)
    seat.represents.set([council])

    copy = scenario_copy(source=scenario, name="single partnership", by=officer)

    assert sorted(copy.bodies.values_list("name", flat=True)) == sorted(
        scenario.bodies.values_list("name", flat=True))
    copied_seat = Membership.objects.get(body__scenario=copy, person=seat.person)
    assert copied_seat.role == MembershipRole.CHAIR
    assert list(copied_seat.represents.all()) == [council]
    assert copy.relationships.count() == 3
    assert copy.based_on == scenario
    assert scenario.bodies.count() == 3, "the source is untouched"


def test_copy_history_names_the_officer(plymouth, officer):
    scenario, *_ = plymouth
    copy = scenario_copy(source=scenario, name="proposal", by=officer)
    body = copy.bodies.get(name="Children's Trust Board")
    assert body.history.first().history_user == officer


def test_merge_keeps_every_responsibility_once_and_the_busier_pattern(plymouth, officer):
    _scenario, board, executive, _pscb = plymouth
    result = body_merge(bodies=[board, executive], name="Children's Partnership", by=officer)
    merged = Body.objects.get(pk=result.body.pk)
    assert merged.name == "Children's Partnership"
    assert merged.responsibilities == ["Set out priorities", "Monitor delivery plans"]
    assert merged.meetings_per_year == 12
    assert merged.meeting_hours == Decimal("2")
    assert merged.is_partnership_board
    assert merged.formerly == ["Children's Trust Board", "Children's Trust Executive"]
    assert not Body.objects.filter(pk=executive.pk).exists()


def test_merge_redirects_lines_and_drops_the_inner_and_repeated_ones(plymouth, officer):
    scenario, board, executive, _pscb = plymouth
    result = body_merge(bodies=[board, executive], name="Children's Partnership", by=officer)
    lines = list(Relationship.objects.filter(scenario=scenario).values_list(
        "source__name", "kind", "target__name"))
    assert lines == [("Plymouth Safeguarding Children Board", "challenges",
                      "Children's Partnership")]
    assert result.merged_names == ["Children's Trust Board", "Children's Trust Executive"]


def test_merge_keeps_a_person_once_in_their_weightier_role(plymouth, officer):
    _scenario, board, executive, _pscb = plymouth
    both = MembershipFactory(body=board, role=MembershipRole.MEMBER)
    MembershipFactory(body=executive, person=both.person, role=MembershipRole.CHAIR)
    result = body_merge(bodies=[board, executive], name="Children's Partnership", by=officer)
    seats = Membership.objects.filter(body=result.body, person=both.person)
    assert [seat.role for seat in seats] == [MembershipRole.CHAIR]


def test_merge_refuses_a_name_another_body_has_and_writes_nothing(plymouth, officer):
    scenario, board, executive, _pscb = plymouth
    with pytest.raises(RuleError) as refused:
        body_merge(bodies=[board, executive], name="Plymouth Safeguarding Children Board",
                   by=officer)
    assert refused.value.field == "name"
    assert scenario.bodies.count() == 3
    assert Body.objects.get(pk=board.pk).name == "Children's Trust Board"


def test_merge_refuses_bodies_of_two_scenarios(plymouth, officer):
    _scenario, board, _executive, _pscb = plymouth
    elsewhere = BodyFactory()
    with pytest.raises(RuleError, match="within one scenario"):
        body_merge(bodies=[board, elsewhere], name="Joined", by=officer)


def test_relationship_refuses_a_reporting_cycle(plymouth, officer):
    _scenario, board, executive, _pscb = plymouth
    with pytest.raises(RuleError, match="reporting cycle") as refused:
        relationship_save(relationship=Relationship(source=board, target=executive,
                                                    kind=RelationshipKind.REPORTS_TO), by=officer)
    assert "Children's Trust Board reports to Children's Trust Executive" in str(refused.value)
    assert not Relationship.objects.filter(source=board, target=executive).exists()


def test_body_save_refuses_a_duplicate_name_in_the_scenario(plymouth, officer):
    scenario, *_ = plymouth
    with pytest.raises(RuleError):
        body_save(body=Body(scenario=scenario, name="Children's Trust Board"), by=officer)
    assert scenario.bodies.count() == 3


def test_making_a_scenario_current_unmarks_the_old_one(officer):
    old = ScenarioFactory(is_current=True)
    new = scenario_save(scenario=Scenario(name="proposed 2015", is_current=True), by=officer)
    old.refresh_from_db()
    assert new.is_current and not old.is_current
