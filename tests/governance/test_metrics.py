from decimal import Decimal

import pytest

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    RelationshipFactory,
    ScenarioFactory,
)
from trustboard.governance.metrics import (
    BodyHours,
    Replacement,
    ReportingLine,
    SharedResponsibility,
    body_hours,
    person_load,
    scenario_comparison,
)
from trustboard.governance.models import Body, MembershipRole, RelationshipKind

pytestmark = pytest.mark.django_db

REPORTS = RelationshipKind.REPORTS_TO
TIMES = "\N{MULTIPLICATION SIGN}"


@pytest.fixture
def plymouth():
    """Plymouth's review: board and executive 'operate separately'; one partnership proposed."""
    chair, officer, head = (PersonFactory(name=name) for name in
                            ("Director of Children's Services", "Head of Commissioning",
                             "Head Teacher"))
    before = ScenarioFactory(name="Plymouth as it is")
    board = BodyFactory(scenario=before, name="Children's Trust Board", is_partnership_board=True,
                        meetings_per_year=4, meeting_hours=Decimal("2"),
                        responsibilities=["Set out priorities", "Champion the voice of children"])
    executive = BodyFactory(scenario=before, name="Children's Trust Executive",
                            meetings_per_year=12, meeting_hours=Decimal("1.5"),
                            responsibilities=["Monitor delivery plans", "set out  PRIORITIES"])
    cypccg = BodyFactory(scenario=before, name="CYPCCG", meetings_per_year=6,
                         responsibilities=["Commission children's healthcare"])
    pscb = BodyFactory(scenario=before, name="Plymouth Safeguarding Children Board")
    for person in (chair, officer, head):
        MembershipFactory(body=board, person=person)
    for person in (chair, officer):
        MembershipFactory(body=executive, person=person)
    MembershipFactory(body=cypccg, person=officer)
    RelationshipFactory(source=executive, kind=REPORTS, target=board, times_per_year=4)
    RelationshipFactory(source=pscb, kind=REPORTS, target=board, times_per_year=4)

    after = ScenarioFactory(name="Single children's partnership")
    partnership = BodyFactory(
        scenario=after, name="Children's Partnership", is_partnership_board=True,
        meetings_per_year=6, meeting_hours=Decimal("2.5"),
        formerly=["Children's Trust Board", "Children's Trust Executive"],
        responsibilities=["Set out priorities", "Monitor delivery plans",
                          "Advise commissioners of the needs of children"],
    )
    pscb_after = BodyFactory(scenario=after, name="Plymouth Safeguarding Children Board")
    yomb = BodyFactory(scenario=after, name="Youth Offending Management Board",
                       responsibilities=["Monitor delivery plans"])
    for person in (chair, head):
        MembershipFactory(body=partnership, person=person)
    RelationshipFactory(source=pscb_after, kind=REPORTS, target=partnership, times_per_year=4)
    RelationshipFactory(source=yomb, kind=RelationshipKind.CHALLENGES, target=partnership)
    return before, after


def test_body_hours_are_meetings_times_length_times_members(plymouth):
    before, _after = plymouth

    hours = {row.name: row for row in body_hours(before)}

    board = before.bodies.get(name="Children's Trust Board")
    assert hours["Children's Trust Board"] == BodyHours(
        body_id=board.pk, name="Children's Trust Board", kind_label="Other partnership",
        meetings_per_year=4, meeting_hours=Decimal("2"),
        members=3, hours_per_year=Decimal("24.0"))
    assert hours["Children's Trust Executive"].hours_per_year == Decimal("36.0")


def test_body_hours_count_observers_and_guests_who_sit_through_the_meeting():
    body = BodyFactory(meetings_per_year=4, meeting_hours=Decimal("2"))
    MembershipFactory(body=body, role=MembershipRole.PARTICIPANT_OBSERVER)
    MembershipFactory(body=body, role=MembershipRole.INVITED)

    assert body_hours(body.scenario)[0].hours_per_year == Decimal("16.0")


def test_body_hours_are_rounded_to_one_decimal_place():
    body = BodyFactory(meetings_per_year=5, meeting_hours=Decimal("1.25"))
    for _ in range(3):
        MembershipFactory(body=body)

    assert body_hours(body.scenario)[0].hours_per_year == Decimal("18.8")


def test_person_load_counts_bodies_and_hours_busiest_first(plymouth):
    before, _after = plymouth

    loads = person_load(before)

    assert loads[0].name == "Head of Commissioning"
    assert loads[0].bodies == 3
    assert loads[0].body_names == ["CYPCCG", "Children's Trust Board",
                                   "Children's Trust Executive"]
    assert loads[0].hours_per_year == Decimal("38.0")  # 4 x 2 + 12 x 1.5 + 6 x 2


def test_comparison_names_the_merge_in_words(plymouth):
    comparison = scenario_comparison(*plymouth)

    assert comparison.bodies_replaced == [Replacement(
        sources=["Children's Trust Board", "Children's Trust Executive"],
        into=["Children's Partnership"])]
    assert str(comparison.bodies_replaced[0]) == (
        "Children's Trust Board and Children's Trust Executive replaced by "
        "Children's Partnership")


def test_comparison_lists_bodies_added_removed_and_kept(plymouth):
    comparison = scenario_comparison(*plymouth)

    assert comparison.bodies_added == ["Youth Offending Management Board"]
    assert comparison.bodies_removed == ["CYPCCG"]
    assert comparison.bodies_kept == ["Plymouth Safeguarding Children Board"]


def test_a_merged_body_keeping_an_old_name_lists_that_body_among_the_merged(plymouth):
    before, after = plymouth
    merged = after.bodies.get(name="Children's Partnership")
    merged.name, merged.formerly = "Children's Trust Board", ["Children's Trust Executive"]
    merged.save()

    comparison = scenario_comparison(before, after)

    assert comparison.bodies_replaced[0].sources == ["Children's Trust Board",
                                                     "Children's Trust Executive"]
    assert str(comparison.bodies_replaced[0]) == (
        "Children's Trust Executive merged into Children's Trust Board")
    assert "Children's Trust Board" not in comparison.bodies_kept


def test_comparison_totals_meeting_hours_and_the_change(plymouth):
    comparison = scenario_comparison(*plymouth)

    assert comparison.total_hours_before == Decimal("72.0")  # 24 + 36 + 12
    assert comparison.total_hours_after == Decimal("30.0")  # 6 x 2.5 x 2
    assert comparison.total_hours_change == Decimal("-42.0")
    assert comparison.body_hours_after[0].name == "Children's Partnership"


def test_comparison_gives_each_persons_load_on_both_sides(plymouth):
    load = {row.name: row for row in scenario_comparison(*plymouth).person_load}

    officer = load["Head of Commissioning"]
    assert (officer.bodies_before, officer.bodies_after, officer.bodies_change) == (3, 0, -3)
    assert (officer.hours_before, officer.hours_after, officer.hours_change) == (
        Decimal("38.0"), Decimal("0.0"), Decimal("-38.0"))
    assert load["Head Teacher"].hours_change == Decimal("7.0")  # 8 hours to 15


def test_responsibilities_held_twice_match_whatever_their_case_and_spacing(plymouth):
    comparison = scenario_comparison(*plymouth)

    assert comparison.shared_responsibilities_before == [SharedResponsibility(
        responsibility="Set out priorities",
        bodies=["Children's Trust Board", "Children's Trust Executive"])]
    assert comparison.shared_responsibilities_after == [SharedResponsibility(
        responsibility="Monitor delivery plans",
        bodies=["Children's Partnership", "Youth Offending Management Board"])]


def test_responsibilities_no_body_holds_afterwards_and_new_ones_are_listed(plymouth):
    comparison = scenario_comparison(*plymouth)

    assert comparison.responsibilities_lost == ["Champion the voice of children",
                                                "Commission children's healthcare"]
    assert comparison.responsibilities_new == ["Advise commissioners of the needs of children"]


def test_reporting_lines_added_and_removed_are_listed(plymouth):
    comparison = scenario_comparison(*plymouth)

    assert comparison.reporting_lines_added == [
        ReportingLine("Plymouth Safeguarding Children Board", "reports to",
                      "Children's Partnership", 4),
        ReportingLine("Youth Offending Management Board", "challenges",
                      "Children's Partnership", None),
    ]
    assert [str(line) for line in comparison.reporting_lines_removed] == [
        f"Children's Trust Executive reports to Children's Trust Board (4{TIMES}/yr)",
        f"Plymouth Safeguarding Children Board reports to Children's Trust Board (4{TIMES}/yr)",
    ]
    assert len(comparison.reporting_lines_before) == 2


def test_comparison_takes_nine_queries_whatever_the_size(plymouth,
                                                         django_assert_num_queries):
    before, after = plymouth
    for index in range(10):
        MembershipFactory(body=BodyFactory(scenario=after, name=f"Delivery group {index}"))

    with django_assert_num_queries(9):
        scenario_comparison(before, after)


def test_body_hours_take_four_queries(plymouth, django_assert_num_queries):
    with django_assert_num_queries(4):
        body_hours(plymouth[0])


def test_a_replacement_an_officer_recorded_reads_replaced_by_not_gone_and_new(plymouth):
    before, after = plymouth
    after.based_on = before
    after.save()
    cypccg = Body.objects.get(scenario=before, name="CYPCCG")
    yomb = Body.objects.get(scenario=after, name="Youth Offending Management Board")
    yomb.replaces.add(cypccg)

    comparison = scenario_comparison(before, after)

    assert "CYPCCG replaced by Youth Offending Management Board" in [
        str(replacement) for replacement in comparison.bodies_replaced]
    assert comparison.bodies_removed == []
    assert comparison.bodies_added == []


def test_one_body_replaced_by_two_reads_as_one_replacement(plymouth):
    before, after = plymouth
    executive = Body.objects.get(scenario=before, name="Children's Trust Executive")
    help_and_protection = BodyFactory(scenario=after, name="Help and Protection Executive")
    help_and_protection.replaces.add(executive)

    replaced = [str(r) for r in scenario_comparison(before, after).bodies_replaced]

    assert replaced == ["Children's Trust Board and Children's Trust Executive replaced by "
                        "Children's Partnership and Help and Protection Executive"]


def test_a_body_with_no_members_recorded_adds_unknown_hours_not_one_member(plymouth):
    """Plymouth's safeguarding board and YOMB have no members recorded on either side."""
    comparison = scenario_comparison(*plymouth)
    hours = {row.name: row for row in comparison.body_hours_after}

    assert hours["Youth Offending Management Board"].hours_per_year is None
    assert comparison.membership_unknown_before == ["Plymouth Safeguarding Children Board"]
    assert comparison.membership_unknown_after == ["Plymouth Safeguarding Children Board",
                                                   "Youth Offending Management Board"]
    assert comparison.total_hours_after == Decimal("30.0")  # the partnership's only


def test_a_body_with_only_some_members_recorded_has_unknown_hours():
    body = BodyFactory(name="Health and Wellbeing Board", is_membership_partial=True)
    MembershipFactory(body=body)

    row = body_hours(body.scenario)[0]

    assert (row.members, row.hours_per_year, row.is_known) == (1, None, False)
