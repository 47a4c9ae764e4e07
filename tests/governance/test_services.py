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
    """The executive meets 12 x 1.5 hours, the board 4 x 2: the merged body keeps 12 x 1.5."""
    _scenario, board, executive, _pscb = plymouth
    result = body_merge(bodies=[board, executive], name="Children's Partnership", by=officer)
    merged = Body.objects.get(pk=result.body.pk)
    assert merged.name == "Children's Partnership"
    assert merged.responsibilities == ["Set out priorities", "Monitor delivery plans"]
    assert merged.meetings_per_year == 12
    assert merged.meeting_hours == Decimal("1.5")
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


def test_merge_keeps_the_kind_of_the_board_whichever_is_chosen_first(plymouth, officer):
    _scenario, board, executive, _pscb = plymouth
    board.kind = "trust board"
    board.save()
    result = body_merge(bodies=[executive, board], name="Children's Partnership", by=officer)
    assert result.body.pk == board.pk
    assert result.body.kind == "trust board"


def test_merging_a_body_with_itself_is_refused_and_the_body_kept(plymouth, officer):
    _scenario, board, _executive, _pscb = plymouth
    with pytest.raises(RuleError, match="at least two"):
        body_merge(bodies=[board, board], name="Board", by=officer)
    assert Body.objects.get(pk=board.pk).name == "Children's Trust Board"


def test_merge_refuses_to_make_a_reporting_cycle_and_writes_nothing(officer):
    scenario = ScenarioFactory()
    a, b, c = (BodyFactory(scenario=scenario, name=name) for name in "ABC")
    RelationshipFactory(source=a, target=b, kind=RelationshipKind.REPORTS_TO)
    RelationshipFactory(source=b, target=c, kind=RelationshipKind.REPORTS_TO)
    with pytest.raises(RuleError, match="reporting cycle: AC reports to B reports to AC"):
        body_merge(bodies=[a, c], name="AC", by=officer)
    assert sorted(scenario.bodies.values_list("name", flat=True)) == ["A", "B", "C"]
    assert scenario.relationships.count() == 2


def test_merge_keeps_the_seat_a_person_still_holds(plymouth, officer):
    import datetime

    _scenario, board, executive, _pscb = plymouth
    old = MembershipFactory(body=board, role=MembershipRole.MEMBER,
                            start_date=datetime.date(2008, 1, 1),
                            end_date=datetime.date(2010, 1, 1))
    MembershipFactory(body=executive, person=old.person, role=MembershipRole.CHAIR)
    result = body_merge(bodies=[board, executive], name="Children's Partnership", by=officer)
    seat = Membership.objects.get(body=result.body, person=old.person)
    assert (seat.role, seat.end_date) == (MembershipRole.CHAIR, None)


def test_a_second_seat_for_the_same_person_is_refused_in_plain_words(plymouth, officer):
    from trustboard.governance.services import membership_save

    _scenario, board, _executive, _pscb = plymouth
    seat = MembershipFactory(body=board)
    with pytest.raises(RuleError, match="already has a seat on this body"):
        membership_save(membership=Membership(body=board, person=seat.person), by=officer)


def test_a_membership_ending_before_it_starts_is_refused_in_plain_words(plymouth, officer):
    import datetime

    from tests.governance.factories import PersonFactory
    from trustboard.governance.services import membership_save

    _scenario, board, _executive, _pscb = plymouth
    with pytest.raises(RuleError, match="cannot end before it starts"):
        membership_save(membership=Membership(
            body=board, person=PersonFactory(), start_date=datetime.date(2015, 1, 1),
            end_date=datetime.date(2014, 1, 1)), by=officer)


def test_a_body_name_differing_only_in_case_is_refused(plymouth, officer):
    scenario, *_ = plymouth
    with pytest.raises(RuleError, match="already a body called children's trust board"):
        body_save(body=Body(scenario=scenario, name="children's trust board"), by=officer)


def test_each_body_a_copy_carries_over_replaces_its_original(plymouth, officer):
    scenario, board, executive, pscb = plymouth

    copy = scenario_copy(source=scenario, name="proposal", by=officer)

    assert {(body.name, tuple(body.replaces.all())) for body in copy.bodies.all()} == {
        ("Children's Trust Board", (board,)), ("Children's Trust Executive", (executive,)),
        ("Plymouth Safeguarding Children Board", (pscb,))}


def test_merging_in_a_copy_replaces_every_body_the_merged_ones_replaced(plymouth, officer):
    """Plymouth: the Children's Partnership replaces both the board and the executive."""
    scenario, board, executive, _pscb = plymouth
    copy = scenario_copy(source=scenario, name="single partnership", by=officer)

    result = body_merge(bodies=list(copy.bodies.filter(name__startswith="Children's Trust")),
                        name="Children's Partnership", by=officer)

    assert set(Body.objects.get(pk=result.body.pk).replaces.all()) == {board, executive}


def test_an_officer_records_which_body_of_the_source_a_new_body_replaces(plymouth, officer):
    scenario, _board, executive, _pscb = plymouth
    proposal = ScenarioFactory(name="proposal", based_on=scenario)

    body = body_save(body=Body(scenario=proposal, name="Help and Protection Executive"),
                     by=officer, replaces=[executive])

    assert list(body.replaces.all()) == [executive]
    assert list(executive.replaced_by.all()) == [body]


def test_a_body_cannot_replace_one_outside_the_arrangement_it_is_based_on(plymouth, officer):
    _scenario, _board, executive, _pscb = plymouth
    unrelated = ScenarioFactory(name="unrelated")

    with pytest.raises(RuleError) as refused:
        body_save(body=Body(scenario=unrelated, name="New Board"), by=officer,
                  replaces=[executive])

    assert refused.value.field == "replaces"
    assert "not based on another arrangement" in refused.value.message
    assert not Body.objects.filter(name="New Board").exists()
