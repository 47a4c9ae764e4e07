"""The six-monthly report's paragraphs written from the governance structure and decisions,
and the officer's sections carried forward, as the 2013 report lays them out."""

import datetime

import pytest

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RelationshipFactory,
    ScenarioFactory,
)
from tests.meetings.factories import AgendaItemFactory, DecisionFactory, MeetingFactory, at
from tests.reports.builders import action, indicator, plan_performance
from trustboard.governance.selectors import scenario_structure
from trustboard.meetings.models import DecisionKind, MeetingStatus
from trustboard.reports import selectors
from trustboard.reports.document import number_sections
from trustboard.reports.sections import (
    OFFICER_SECTIONS,
    Context,
    performance_sections,
    sub_section_headings,
)

PARTNERSHIP = "Nottinghamshire Children's Trust"
AS_AT = datetime.date(2012, 9, 30)
START = datetime.date(2012, 4, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def performance():
    return plan_performance([([action("1.1")], [indicator("Obesity", "better")])])


@pytest.fixture
def executive():
    """The 2013 structure in small: the Executive, its chair, members and observer, its lines."""
    scenario = ScenarioFactory(name="current", is_current=True)
    executive = BodyFactory(
        scenario=scenario, name="Children's Trust Executive", kind="executive group",
        is_partnership_board=True,
        purpose="An officer group which coordinates the work of the Children's Trust.")
    council = OrganisationFactory(name="Nottinghamshire County Council")
    MembershipFactory(body=executive, role="chair", person=PersonFactory(
        job_title="Corporate Director, Children, Families and Cultural Services",
        organisation=council))
    MembershipFactory(body=executive, person=PersonFactory(
        organisation=OrganisationFactory(name="Nottinghamshire Police")))
    MembershipFactory(body=executive, person=PersonFactory(
        organisation=OrganisationFactory(name="NHS Nottinghamshire County")))
    MembershipFactory(body=executive, role="participant observer", person=PersonFactory(
        job_title="Chair of Nottinghamshire Safeguarding Children Board"))
    hwb = BodyFactory(scenario=scenario, name="Nottinghamshire Health and Wellbeing Board",
                      kind="health and wellbeing board")
    RelationshipFactory(source=executive, target=hwb)
    for name in ("CAMHS Integrated Commissioning Group",
                 "Teenage Pregnancy Integrated Commissioning Group"):
        RelationshipFactory(source=BodyFactory(scenario=scenario, name=name,
                                               kind="integrated commissioning group"),
                            target=executive)
    for district in ("Ashfield", "Bassetlaw", "Newark and Sherwood"):
        group = BodyFactory(scenario=scenario, name=f"{district} Locality Management Group",
                            kind="locality group", locality=district)
        RelationshipFactory(source=group, target=executive)
    return executive


def sections_for(performance, *, carried=None, approvals=None):
    structure = selectors.partnership_structure()
    context = Context(kind="performance", plan=performance.plan, refresh=None,
                      performance=performance, partnership=PARTNERSHIP,
                      committee="Children and Young People's Committee", as_at=AS_AT,
                      period_start=START, report_of="", contact="", structure=structure,
                      approvals=approvals, carried=carried or {})
    return performance_sections(context)


def _text(sections, key):
    return next(one["text"] for one in sections if one["key"] == key)


def test_the_coordinating_body_paragraph_names_its_chair_members_and_observer(
        executive, performance):
    """2013 report, paragraph 4."""
    information = _text(sections_for(performance), "information")
    paragraph = information.split("\n\n")[-1]
    assert paragraph == (
        "The Children's Trust Executive is an officer group which coordinates the work of the "
        "Children's Trust. It is chaired by the Corporate Director, Children, Families and "
        "Cultural Services, and its members come from three partner organisations: NHS "
        "Nottinghamshire County, Nottinghamshire County Council and Nottinghamshire Police. "
        "The Chair of Nottinghamshire Safeguarding Children Board is a participant observer.")


def test_the_structure_paragraph_names_reporting_lines_and_the_groups_overseen(
        executive, performance):
    """2013 report, paragraph 6: "reports to Nottinghamshire's Health and Wellbeing Board. It
    oversees three integrated commissioning groups"."""
    assert _text(sections_for(performance), "structure") == (
        "The Children's Trust Executive reports to the Nottinghamshire Health and Wellbeing "
        "Board. It oversees two integrated commissioning groups (the CAMHS Integrated "
        "Commissioning Group and the Teenage Pregnancy Integrated Commissioning Group).")


def test_the_locality_paragraph_counts_the_groups_and_names_their_districts(
        executive, performance):
    """2013 report, paragraph 13: "Locality Management Groups, which operate in each of
    Nottinghamshire's seven districts"."""
    sections = sections_for(performance)
    localities = next(one for one in sections if one["key"] == "locality-groups")
    assert localities["heading"] == "Locality Management Groups"
    assert localities["text"] == (
        "In addition to its work across Nottinghamshire as a whole, Nottinghamshire "
        "Children's Trust also supports three Locality Management Groups, which operate in "
        "Ashfield, Bassetlaw, and Newark and Sherwood. They report to the Children's Trust "
        "Executive, which receives reports on progress.")


def test_without_a_structure_the_governance_paragraphs_are_left_out(performance):
    sections = sections_for(performance)
    keys = [one["key"] for one in sections]
    assert "structure" not in keys and "locality-groups" not in keys
    assert "Information and Advice" in [one["heading"] for one in sections]
    focus = _text(sections, "focus")
    assert "focuses on one area of work:" in focus
    assert "Locality" not in focus


def test_the_focus_names_the_sub_sections_the_report_has(executive, performance):
    """2013 report, paragraph 9: "focuses on three areas of work"."""
    sections = sections_for(performance, carried={"activities": "Key initiatives were:"})
    focus = _text(sections, "focus")
    assert focus.startswith("This report provides an overview of the recent activities of "
                            "the Children's Trust Executive, and focuses on three areas of "
                            "work:")
    assert "- the activities and achievements of the Children's Trust Executive" in focus
    assert "- the development of Locality Management Groups" in focus
    headings = [one["heading"] for one in sections if one["level"] == 3 and one["heading"]]
    assert headings[:3] == ["Children's Trust: Activities and Achievements",
                            "Locality Management Groups",
                            "Progress against Performance Indicators: six-month "
                            "performance report"]


def _approval(executive, day, title, **extra):
    meeting = MeetingFactory(body=executive, starts_at=at(day.year, day.month, day.day),
                             **extra.pop("meeting", {}))
    return DecisionFactory(item=AgendaItemFactory(meeting=meeting, title=title, **extra),
                           kind=DecisionKind.APPROVE_STRATEGY, text=f"{title} approved.")


def test_a_strategy_approved_in_the_period_is_listed_and_one_outside_it_is_not(
        executive, performance):
    """2013 report, paragraph 12: "the Children's Trust has reviewed and given its
    partnership approval to: Nottinghamshire's Youth Homelessness Strategy"."""
    _approval(executive, datetime.date(2012, 5, 17), "Youth Homelessness Strategy")
    _approval(executive, datetime.date(2012, 3, 30), "Child Poverty Strategy")
    _approval(executive, datetime.date(2012, 10, 1), "Looked After Children Strategy")
    _approval(executive, datetime.date(2012, 6, 1), "Exempt Strategy", is_exempt=True,
              exempt_paragraph=3)
    _approval(executive, datetime.date(2012, 6, 2), "Cancelled Strategy",
              meeting={"status": MeetingStatus.CANCELLED})
    approvals = selectors.approvals_for(body=executive, start=START, end=AS_AT)
    sections = sections_for(performance, approvals=approvals)
    approvals_section = next(one for one in sections if one["key"] == "approvals")
    assert approvals_section["heading"] == "Children's Trust: Activities and Achievements"
    assert approvals_section["text"] == (
        "Between April 2012 and September 2012, the Children's Trust has reviewed and given "
        "its partnership approval to:\n- Youth Homelessness Strategy")


def test_officer_sections_take_their_places_and_numbering_follows(executive, performance):
    carried = {"strategies": "Strategies approved.", "remit": "Remit one.\n\nRemit two.",
               "activities": "Activities one.\n\nActivities two.",
               "localities": "Localities one.\n\nLocalities two."}
    sections = sections_for(performance, carried=carried)
    assert [one["key"] for one in sections][:10] == [
        "purpose", "information", "strategies", "structure", "remit", "focus", "activities",
        "locality-groups", "localities", "performance"]
    numbered = {section.key: [p.number for p in section.paragraphs]
                for section in number_sections(sections)}
    # No strategy was approved in the period, so the seed's paragraph 12 is not written.
    assert numbered["strategies"] == ["5."]
    assert numbered["activities"] == ["10.", "11."]
    assert numbered["localities"] == ["13.", "14."]
    assert numbered["performance"][-1] == "17."
    assert numbered["options"] == ["18."]
    activities = next(one for one in sections if one["key"] == "activities")
    assert activities["heading"] == "Children's Trust: Activities and Achievements"


def test_a_first_report_has_the_four_officer_sections_empty_in_their_places(
        executive, performance):
    sections = sections_for(performance, carried={"remit": "   "})
    assert [one["key"] for one in sections][:9] == [
        "purpose", "information", "strategies", "structure", "remit", "focus", "activities",
        "locality-groups", "localities"]
    officer = {one["key"]: one for one in sections if one["key"] in OFFICER_SECTIONS}
    assert {key: one["text"].strip() for key, one in officer.items()} == dict.fromkeys(
        OFFICER_SECTIONS, "")
    assert {one["label"] for one in officer.values()} == set(OFFICER_SECTIONS.values())


def test_empty_officer_sections_print_no_heading_and_take_no_number(executive, performance):
    numbered = {one.key: one for one in number_sections(sections_for(performance))}
    for key in OFFICER_SECTIONS:
        assert numbered[key].paragraphs == [] and numbered[key].heading == ""
    # The locality groups' paragraph is the sub-section's first that is written.
    assert numbered["locality-groups"].heading == "Locality Management Groups"
    assert [p.number for p in numbered["structure"].paragraphs] == ["5."]
    assert [p.number for p in numbered["focus"].paragraphs] == ["6."]


def test_an_empty_activities_sub_section_prints_no_heading(executive, performance):
    sections = sections_for(performance)
    assert "Children's Trust: Activities and Achievements" not in [
        one["heading"] for one in sections]
    assert "the activities and achievements" not in _text(sections, "focus")


def test_a_sub_section_heading_moves_to_its_first_part_that_is_written(executive,
                                                                        performance):
    sections = sections_for(performance)
    written = [{**one, "text": "Key initiatives were:"} if one["key"] == "activities" else one
               for one in sections]
    headings = {one["key"]: one["heading"] for one in sub_section_headings(written)}
    assert headings["activities"] == "Children's Trust: Activities and Achievements"
    emptied = [{**one, "text": ""} if one["key"] == "locality-groups" else one
               for one in sections]
    emptied = [{**one, "text": "Localities one."} if one["key"] == "localities" else one
               for one in emptied]
    headings = {one["key"]: one["heading"] for one in sub_section_headings(emptied)}
    assert headings["locality-groups"] == ""
    assert headings["localities"] == "Locality Management Groups"


def test_the_structure_is_read_in_a_fixed_number_of_queries(
        executive, django_assert_num_queries):
    with django_assert_num_queries(5):
        structure = selectors.partnership_structure()
    assert structure.board == executive
    more = BodyFactory(scenario=executive.scenario, kind="locality group", locality="Gedling")
    RelationshipFactory(source=more, target=executive)
    MembershipFactory(body=more)
    with django_assert_num_queries(5):
        selectors.partnership_structure()


def test_approvals_are_read_in_one_query(executive, django_assert_num_queries):
    for day in (5, 6, 7):
        _approval(executive, datetime.date(2012, 6, day), f"Strategy {day}")
    with django_assert_num_queries(1):
        approvals = selectors.approvals_for(body=executive, start=START, end=AS_AT)
        titles = [one.item.title for one in approvals]
    assert titles == ["Strategy 5", "Strategy 6", "Strategy 7"]


def test_scenario_structure_is_the_governance_one(executive):
    assert [body.name for body in selectors.partnership_structure().bodies] == [
        body.name for body in scenario_structure(scenario=executive.scenario).bodies]
