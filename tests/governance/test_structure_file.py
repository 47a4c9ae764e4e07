import datetime
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RelationshipFactory,
    ScenarioFactory,
)
from trustboard.core.errors import ImportRowError, RuleError
from trustboard.governance import structure_file
from trustboard.governance.models import (
    Body,
    BodyKind,
    Membership,
    MembershipRole,
    Organisation,
    Person,
    Relationship,
    RelationshipKind,
    Scenario,
    Sector,
)
from trustboard.governance.structure_file import scenario_export_yaml, scenario_import_yaml

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

# Line numbers matter in the refusal tests below: line 1 is "trustboard_structure: 1".
DRAFT = textwrap.dedent("""\
    trustboard_structure: 1
    scenario:
      name: Draft
    organisations:
      - name: Council
        sector: local authority
      - name: Police
        sector: police
    people:
      - name: Chair (placeholder)
        job_title: Lead Member
        organisation: Council
      - name: Officer (placeholder)
        organisation: Police
    bodies:
      - name: Board
        kind: trust board
        board: true
        members:
          - person: Chair (placeholder)
            role: chair
            represents:
              - Council
      - name: Executive
        kind: executive group
        members:
          - person: Officer (placeholder)
    relationships:
      - from: Executive
        kind: reports to
        to: Board
    """)


def _changed(old: str, new: str, text: str = DRAFT) -> str:
    assert text.count(old) == 1, f"{old!r} should be in the draft once"
    return text.replace(old, new)


def _counts() -> dict[str, int]:
    """Rows of every governance table, history and many-to-many tables included."""
    models = apps.get_app_config("governance").get_models(include_auto_created=True)
    return {model._meta.label: model.objects.count() for model in models}


def _refused(text: str, *, by=None, **options) -> ImportRowError:
    """Import a bad file, check it is refused and that no table gained or lost a row."""
    before = _counts()
    with pytest.raises(ImportRowError) as refusal:
        scenario_import_yaml(text, by=by, source="draft.yaml", **options)
    assert _counts() == before, "a refused file writes nothing"
    return refusal.value


# Round trips


@pytest.mark.parametrize("example", ["plymouth.yaml", "salford.yaml"])
def test_exporting_an_imported_example_gives_the_same_file(example, officer):
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    scenario = scenario_import_yaml(text, by=officer, source=example)
    assert scenario_export_yaml(scenario) == text


def test_the_documented_full_example_imports_and_exports_unchanged(officer):
    document = (EXAMPLES.parent / "structure-file.md").read_text(encoding="utf-8")
    example = document.split("## A full example", 1)[1].split("```yaml\n", 1)[1]
    example = example.split("```", 1)[0]
    scenario = scenario_import_yaml(example, by=officer)
    assert scenario_export_yaml(scenario) == example


def test_both_examples_import_into_one_database_without_sharing_partners(officer):
    for example in ("plymouth.yaml", "salford.yaml"):
        scenario_import_yaml((EXAMPLES / example).read_text(encoding="utf-8"), by=officer)
    plymouth, salford = Scenario.objects.order_by("name")
    assert not set(plymouth.organisations.all()) & set(salford.organisations.all())


def test_salford_example_leaves_the_safeguarding_board_without_a_line_to_the_board(officer):
    """The 2009 paper lists LSCB links the Board 'should consider'; none is agreed yet."""
    scenario = scenario_import_yaml((EXAMPLES / "salford.yaml").read_text(encoding="utf-8"),
                                    by=officer)
    safeguarding = scenario.bodies.get(kind=BodyKind.SAFEGUARDING_BOARD)
    board = scenario.bodies.get(is_partnership_board=True)
    assert not scenario.relationships.filter(source=safeguarding, target=board).exists()
    invited = Membership.objects.get(body__name="Board Executive", body__scenario=scenario,
                                     role=MembershipRole.INVITED)
    assert safeguarding.memberships.get(role=MembershipRole.CHAIR).person == invited.person


def test_plymouth_example_holds_the_eight_terms_of_reference(officer):
    scenario = scenario_import_yaml((EXAMPLES / "plymouth.yaml").read_text(encoding="utf-8"),
                                    by=officer)
    partnership = scenario.bodies.get(is_partnership_board=True)
    assert partnership.name == "Children's Partnership"
    assert len(partnership.responsibilities) == 8
    assert partnership.formerly == ["Children's Trust Board", "Children's Trust Executive"]


@pytest.fixture
def built_scenario():
    """A scenario using every field the file carries, built with factories."""
    council = OrganisationFactory(name="Plymouth City Council", short_name="PCC",
                                  sector=Sector.LOCAL_AUTHORITY, is_relevant_partner=True,
                                  is_safeguarding_partner=True)
    ccg = OrganisationFactory(name="NEW Devon CCG", sector=Sector.NHS, is_relevant_partner=True)
    scenario = ScenarioFactory(name="Draft ✓ partnership",
                               description="First line.\nSecond line: with a colon.")
    scenario.organisations.set([council])
    chair = PersonFactory(name="Chair (placeholder)", organisation=council,
                          is_elected_member=True, seniority_tier=2)
    observer = PersonFactory(name="Zoë Observer (placeholder)", organisation=ccg, job_title="",
                             seniority_tier=None)
    board = BodyFactory(
        scenario=scenario, name="Children's Partnership", kind=BodyKind.TRUST_BOARD,
        is_partnership_board=True, purpose="Oversee the plan: all of it.",
        responsibilities=["Set out priorities", "Monitor delivery plans"],
        formerly=["Children's Trust Board"], meetings_per_year=6,
        meeting_hours=Decimal("1.5"), quorum=5, locality="Plymouth",
    )
    group = BodyFactory(scenario=scenario, name="11-19 Partnership",
                        kind=BodyKind.DELIVERY_PARTNERSHIP, meeting_hours=Decimal("0.25"))
    seat = MembershipFactory(body=board, person=chair, role=MembershipRole.CHAIR,
                             seniority_tier=2, start_date=datetime.date(2014, 4, 1),
                             end_date=datetime.date(2016, 3, 31))
    seat.represents.set([council, ccg])
    MembershipFactory(body=board, person=observer, role=MembershipRole.PARTICIPANT_OBSERVER)
    MembershipFactory(body=group, person=observer)
    RelationshipFactory(source=group, target=board, kind=RelationshipKind.REPORTS_TO,
                        times_per_year=4, note="Quarterly performance updates")
    RelationshipFactory(source=board, target=group, kind=RelationshipKind.TASKS)
    return scenario


def test_export_import_export_of_a_built_scenario_is_byte_for_byte_stable(built_scenario,
                                                                           officer):
    exported = scenario_export_yaml(built_scenario)
    built_scenario.delete()
    imported = scenario_import_yaml(exported, by=officer)
    assert scenario_export_yaml(imported) == exported


def test_export_writes_keys_in_order_human_words_and_leaves_out_empty_fields(officer):
    council = OrganisationFactory(name="Council", sector=Sector.LOCAL_AUTHORITY,
                                  is_relevant_partner=True)
    scenario = ScenarioFactory(name="Small")
    person = PersonFactory(name="Observer (placeholder)", organisation=council, job_title="",
                           seniority_tier=None)
    board = BodyFactory(scenario=scenario, name="Board", kind=BodyKind.COMMISSIONING_GROUP,
                        meetings_per_year=4, meeting_hours=Decimal("2.50"))
    MembershipFactory(body=board, person=person, role=MembershipRole.PARTICIPANT_OBSERVER)
    assert scenario_export_yaml(scenario) == textwrap.dedent("""\
        trustboard_structure: 1
        scenario:
          name: Small
        organisations:
          - name: Council
            sector: local authority
            relevant_partner: true
        people:
          - name: Observer (placeholder)
            organisation: Council
        bodies:
          - name: Board
            kind: integrated commissioning group
            meetings_a_year: 4
            meeting_hours: 2.5
            members:
              - person: Observer (placeholder)
                role: participant observer
        """)


def test_export_sorts_members_by_role_then_name(built_scenario):
    text = scenario_export_yaml(built_scenario)
    chair = text.index("- person: Chair (placeholder)\n        role: chair")
    observer = text.index("- person: Zoë Observer (placeholder)\n        role: participant")
    assert chair < observer


def test_export_does_not_fold_long_text(built_scenario):
    long_text = "A responsibility that goes on and on " * 10
    Body.objects.filter(name="11-19 Partnership").update(responsibilities=[long_text.strip()])
    assert f"      - {long_text.strip()}\n" in scenario_export_yaml(built_scenario)


# What an import writes


def test_import_creates_a_new_scenario_with_its_bodies_members_and_lines(officer):
    scenario = scenario_import_yaml(DRAFT, by=officer)
    assert scenario.name == "Draft"
    assert scenario.slug == "draft"
    assert sorted(scenario.organisations.values_list("name", flat=True)) == ["Council", "Police"]
    board = scenario.bodies.get(name="Board")
    assert board.is_partnership_board
    seat = board.memberships.get()
    assert seat.role == MembershipRole.CHAIR
    assert list(seat.represents.values_list("name", flat=True)) == ["Council"]
    assert scenario.bodies.get(name="Executive").memberships.get().role == MembershipRole.MEMBER
    line = scenario.relationships.get()
    assert (line.source.name, line.kind, line.target.name) == (
        "Executive", RelationshipKind.REPORTS_TO, "Board")


def test_import_takes_the_name_it_is_given(officer):
    scenario = scenario_import_yaml(DRAFT, by=officer, name="Option B")
    assert scenario.name == "Option B"
    assert not Scenario.objects.filter(name="Draft").exists()


def test_import_history_names_the_user(officer):
    scenario = scenario_import_yaml(DRAFT, by=officer)
    assert scenario.history.first().history_user == officer
    assert scenario.bodies.get(name="Board").history.first().history_user == officer
    assert Person.objects.get(name="Chair (placeholder)").history.first().history_user == officer
    assert scenario.relationships.get().history.first().history_user == officer


def test_import_updates_the_job_title_of_a_person_already_known(officer):
    council = OrganisationFactory(name="Council")
    chair = PersonFactory(name="Chair (placeholder)", organisation=council,
                          job_title="Deputy Leader", email="chair@example.org")
    scenario_import_yaml(DRAFT, by=officer)
    chair.refresh_from_db()
    assert chair.job_title == "Lead Member"
    assert chair.email == "chair@example.org", "what the file does not carry is kept"
    assert Person.objects.filter(name="Chair (placeholder)").count() == 1
    assert chair.history.first().history_user == officer


def test_import_updates_an_organisation_already_known(officer):
    council = OrganisationFactory(name="Council", sector=Sector.OTHER)
    scenario_import_yaml(DRAFT, by=officer)
    council.refresh_from_db()
    assert council.sector == Sector.LOCAL_AUTHORITY
    assert Organisation.objects.filter(name="Council").count() == 1


def test_import_leaves_an_unchanged_person_without_a_new_history_row(officer):
    police = OrganisationFactory(name="Police", sector=Sector.POLICE)
    person = PersonFactory(name="Officer (placeholder)", organisation=police, job_title="",
                           seniority_tier=None)
    rows = person.history.count()
    scenario_import_yaml(DRAFT, by=officer)
    assert person.history.count() == rows


def test_import_accepts_the_labels_of_kinds_and_roles_too(officer):
    text = _changed("kind: trust board", "kind: Children's trust board")
    text = _changed("role: chair", "role: Chair", text)
    scenario = scenario_import_yaml(text, by=officer)
    assert scenario.bodies.get(name="Board").kind == BodyKind.TRUST_BOARD


def test_import_keeps_meeting_hours_to_the_quarter_hour(officer):
    text = _changed("kind: executive group\n",
                    "kind: executive group\n    meetings_a_year: 12\n    meeting_hours: 1.25\n")
    executive = scenario_import_yaml(text, by=officer).bodies.get(name="Executive")
    assert (executive.meetings_per_year, executive.meeting_hours) == (12, Decimal("1.25"))


# Refusals: each names the line and what is wrong, and writes nothing


def test_import_refuses_broken_yaml_at_the_parsers_line():
    error = _refused(_changed("    kind: trust board\n", "    kind: trust board: top\n"))
    assert error.row == 17
    assert "not valid YAML" in error.detail
    assert str(error).startswith("draft.yaml, line 17: ")


def test_import_refuses_a_tab_at_the_line_it_is_on():
    assert _refused(_changed("    sector: police", "\tsector: police")).row == 8


def test_import_refuses_an_empty_file():
    assert _refused("").row == 1


def test_import_refuses_a_file_of_another_version():
    error = _refused(_changed("trustboard_structure: 1", "trustboard_structure: 2"))
    assert (error.row, error.column) == (1, "trustboard_structure")


def test_import_refuses_a_file_without_the_version_key():
    error = _refused(_changed("trustboard_structure: 1\n", "# a note\n"))
    assert error.column == "trustboard_structure"
    assert "not a Trustboard structure file" in error.detail


def test_import_refuses_an_unknown_top_level_key_and_lists_the_allowed_ones():
    error = _refused(DRAFT + "meetings: []\n")
    assert (error.row, error.column) == (32, "meetings")
    assert "trustboard_structure, scenario, organisations, people, bodies, relationships" in (
        error.detail)


def test_import_refuses_an_unknown_key_in_a_body():
    error = _refused(_changed("    kind: executive group", "    kynd: executive group"))
    assert (error.row, error.column) == (25, "kynd")
    assert "unknown key 'kynd' in a body" in error.detail
    assert "name, kind, board, purpose" in error.detail


def test_import_refuses_an_unknown_key_in_a_member():
    error = _refused(_changed("        role: chair", "        position: chair"))
    assert (error.row, error.column) == (21, "position")


def test_import_refuses_a_key_given_twice_in_one_mapping():
    error = _refused(_changed("    job_title: Lead Member\n",
                              "    job_title: Lead Member\n    job_title: Leader\n"))
    assert (error.row, error.column) == (12, "job_title")


def test_import_refuses_an_unknown_body_kind_and_lists_the_kinds():
    error = _refused(_changed("kind: trust board", "kind: board"))
    assert (error.row, error.column) == (17, "kind")
    assert error.detail.startswith("unknown body kind 'board'; use one of: trust board, ")
    assert str(error).startswith("draft.yaml, line 17, 'kind': unknown body kind 'board'")


def test_import_refuses_an_unknown_role_and_lists_the_roles():
    error = _refused(_changed("role: chair", "role: secretary"))
    assert (error.row, error.column) == (21, "role")
    assert "chair, vice-chair, member, participant observer, invited" in error.detail


def test_import_refuses_an_unknown_relationship_kind():
    error = _refused(_changed("kind: reports to", "kind: answers to"))
    assert (error.row, error.column) == (30, "kind")
    assert "reports to, advises, tasks, challenges" in error.detail


def test_import_refuses_an_unknown_sector():
    error = _refused(_changed("sector: police", "sector: constabulary"))
    assert (error.row, error.column) == (8, "sector")


def test_import_refuses_text_where_a_number_belongs():
    error = _refused(_changed("kind: executive group\n",
                              "kind: executive group\n    meetings_a_year: monthly\n"))
    assert (error.row, error.column) == (26, "meetings_a_year")
    assert "whole number from 0 to 365" in error.detail


def test_import_refuses_a_tier_outside_one_to_six():
    error = _refused(_changed("    organisation: Police", "    organisation: Police\n    tier: 9"))
    assert (error.row, error.column) == (15, "tier")


def test_import_refuses_a_yes_no_value_that_is_not_true_or_false():
    error = _refused(_changed("board: true", "board: perhaps"))
    assert (error.row, error.column) == (18, "board")


def test_import_refuses_meeting_hours_finer_than_a_hundredth():
    error = _refused(_changed("kind: executive group\n",
                              "kind: executive group\n    meeting_hours: 1.333\n"))
    assert (error.row, error.column) == (26, "meeting_hours")


def test_import_refuses_a_list_where_a_mapping_belongs():
    error = _refused(_changed("scenario:\n  name: Draft\n", "scenario:\n  - Draft\n"))
    assert (error.row, error.column) == (2, "scenario")


def test_import_refuses_a_membership_of_a_person_not_in_the_people_list():
    error = _refused(_changed("- person: Officer (placeholder)", "- person: Stranger"))
    assert (error.row, error.column) == (27, "person")
    assert "'Stranger' is not in the file's people" in error.detail


def test_import_refuses_a_member_representing_an_unlisted_organisation():
    error = _refused(_changed("          - Council\n", "          - Council\n          - Fire\n"))
    assert (error.row, error.column) == (24, "represents")


def test_import_refuses_a_relationship_to_an_unknown_body():
    error = _refused(_changed("    to: Board", "    to: Trust Board"))
    assert (error.row, error.column) == (31, "to")
    assert "no body called 'Trust Board'" in error.detail


def test_import_refuses_an_organisation_listed_twice():
    error = _refused(_changed("  - name: Police\n", "  - name: council\n"))
    assert (error.row, error.column) == (7, "name")
    assert "listed twice (first at line 5)" in error.detail


def test_import_refuses_a_person_listed_twice():
    error = _refused(_changed("  - name: Officer (placeholder)\n",
                              "  - name: Chair (placeholder)\n"))
    assert (error.row, error.column) == (13, "name")


def test_import_refuses_a_body_listed_twice():
    error = _refused(_changed("  - name: Executive\n", "  - name: Board\n"))
    assert (error.row, error.column) == (24, "name")


def test_import_refuses_a_person_twice_on_one_body():
    text = _changed("          - Council\n",
                    "          - Council\n      - person: Chair (placeholder)\n")
    error = _refused(text)
    assert (error.row, error.column) == (24, "person")
    assert "on Board, person 'Chair (placeholder)' is listed twice" in error.detail


def test_import_refuses_a_reporting_cycle_and_names_the_bodies_round_it():
    error = _refused(DRAFT + "  - from: Board\n    kind: reports to\n    to: Executive\n")
    assert (error.row, error.column) == (34, "to")
    assert "Executive reports to Board reports to Executive" in error.detail


def test_import_refuses_a_scenario_name_already_taken():
    ScenarioFactory(name="Draft")
    error = _refused(DRAFT)
    assert (error.row, error.column) == (3, "name")
    assert "already a scenario called 'Draft'" in error.detail


def test_import_refuses_a_given_name_already_taken_without_a_line():
    ScenarioFactory(name="Option B")
    error = _refused(DRAFT, name="option b")
    assert error.row is None
    assert "already a scenario called 'Option B'" in error.detail


def test_import_refuses_a_person_whose_organisation_is_not_listed():
    error = _refused(_changed("    organisation: Police", "    organisation: Probation"))
    assert (error.row, error.column) == (14, "organisation")
    assert "'Probation' is not in the file's organisations" in error.detail


def test_import_refuses_two_bodies_flagged_board():
    error = _refused(_changed("    kind: executive group\n",
                              "    kind: executive group\n    board: true\n"))
    assert (error.row, error.column) == (26, "board")
    assert "'Board' (line 16) is already flagged board" in error.detail


def test_import_refuses_a_membership_that_ends_before_it_starts():
    error = _refused(_changed("        role: chair\n",
                              "        role: chair\n        from: 2015-04-01\n"
                              "        to: 2014-03-31\n"))
    assert (error.row, error.column) == (23, "to")


def test_import_refuses_aliases():
    text = _changed("    sector: local authority", "    sector: &council local authority")
    error = _refused(_changed("    sector: police", "    sector: *council", text))
    assert error.row == 8
    assert "aliases" in error.detail


def test_import_refuses_lists_nested_thousands_deep_with_a_clear_message():
    error = _refused("trustboard_structure: 1\nscenario: " + "[" * 5000 + "]" * 5000 + "\n")
    assert error.row == 2
    assert f"nested more than {structure_file.MAX_DEPTH} levels deep" in error.detail
    assert "not valid YAML" not in error.detail


def test_a_refused_file_leaves_a_known_person_as_they_were():
    council = OrganisationFactory(name="Council")
    chair = PersonFactory(name="Chair (placeholder)", organisation=council,
                          job_title="Deputy Leader")
    _refused(_changed("to: Board", "to: Nowhere"))
    chair.refresh_from_db()
    assert chair.job_title == "Deputy Leader"


def test_a_refusal_while_writing_rolls_everything_back(monkeypatch):
    def refuse(*, relationship, by):
        raise RuleError("Refused by a rule.", field="target")

    monkeypatch.setattr(structure_file, "relationship_save", refuse)
    error = _refused(DRAFT)
    assert (error.row, error.column) == (31, "to")
    assert not Relationship.objects.exists()
    assert not Body.objects.exists()


def test_export_takes_the_same_number_of_queries_whatever_the_size(built_scenario,
                                                                    django_assert_num_queries):
    with django_assert_num_queries(6):
        scenario_export_yaml(built_scenario)
    board = built_scenario.bodies.get(is_partnership_board=True)
    for number in range(3):
        group = BodyFactory(scenario=built_scenario, name=f"Locality group {number}")
        MembershipFactory(body=group).represents.set([OrganisationFactory()])
        RelationshipFactory(source=group, target=board)
    with django_assert_num_queries(6):
        scenario_export_yaml(built_scenario)


def test_import_leaves_shared_details_the_file_does_not_state(officer):
    """A short hand-drafted file must not blank records other scenarios share."""
    council = OrganisationFactory(name="Council", short_name="NCC", is_relevant_partner=True,
                                  is_safeguarding_partner=True)
    police = OrganisationFactory(name="Police")
    PersonFactory(name="Officer (placeholder)", organisation=police, job_title="Inspector",
                  seniority_tier=4)
    text = """trustboard_structure: 1
scenario:
  name: short draft
organisations:
- name: Council
- name: Police
people:
- name: Officer (placeholder)
  organisation: Police
bodies:
- name: Board
  kind: trust board
  board: true
  members:
  - person: Officer (placeholder)
    role: chair
"""
    scenario_import_yaml(text, by=officer)
    council.refresh_from_db()
    person = Person.objects.get(name="Officer (placeholder)")
    assert (council.short_name, council.is_relevant_partner, council.is_safeguarding_partner) == (
        "NCC", True, True)
    assert (person.job_title, person.seniority_tier) == ("Inspector", 4)


# What a proposal replaces


@pytest.fixture
def proposal(officer):
    """Nottinghamshire 2015: the Children's Trust Board replaces the Children's Trust Executive."""
    current = ScenarioFactory(name="current")
    executive = BodyFactory(scenario=current, name="Children's Trust Executive")
    BodyFactory(scenario=current, name="Health and Wellbeing Board")
    proposal = ScenarioFactory(name="proposed 2015", based_on=current)
    board = BodyFactory(scenario=proposal, name="Children's Trust Board", is_partnership_board=True)
    board.replaces.set([executive])
    BodyFactory(scenario=proposal, name="Health and Wellbeing Board", is_membership_partial=True)
    return proposal


def test_a_proposal_carries_what_it_is_based_on_and_what_each_body_replaces(proposal, officer):
    exported = scenario_export_yaml(proposal)
    assert "  based_on: current\n" in exported
    assert "    replaces:\n      - Children's Trust Executive\n" in exported
    assert "    partial_membership: true\n" in exported

    proposal.delete()
    imported = scenario_import_yaml(exported, by=officer)

    assert scenario_export_yaml(imported) == exported
    assert imported.based_on.name == "current"
    board = imported.bodies.get(name="Children's Trust Board")
    assert [body.name for body in board.replaces.all()] == ["Children's Trust Executive"]
    assert imported.bodies.get(name="Health and Wellbeing Board").is_membership_partial


def test_import_refuses_a_replaced_body_not_in_the_scenario_it_is_based_on(proposal):
    text = scenario_export_yaml(proposal).replace("- Children's Trust Executive",
                                                  "- Children's Trust Executve")
    proposal.delete()

    refusal = _refused(text)

    assert refusal.column == "replaces"
    assert "no body called 'Children's Trust Executve' in current" in refusal.message
    assert text.splitlines()[refusal.row - 1].strip() == "- Children's Trust Executve"


def test_import_refuses_a_based_on_scenario_that_is_not_there(proposal):
    text = scenario_export_yaml(proposal).replace("based_on: current", "based_on: as it was")
    proposal.delete()

    refusal = _refused(text)

    assert (refusal.row, refusal.column) == (4, "based_on")
    assert "no scenario called 'as it was'" in refusal.message


def test_import_refuses_replaces_without_based_on():
    text = _changed("    kind: executive group\n",
                    "    kind: executive group\n    replaces:\n      - Old Group\n")

    refusal = _refused(text)

    assert refusal.column == "replaces"
    assert "no 'based_on'" in refusal.message
