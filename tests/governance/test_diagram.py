import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from tests.governance.factories import BodyFactory, RelationshipFactory, ScenarioFactory
from trustboard.core.errors import TrustboardError
from trustboard.governance.diagram import (
    GraphvizMissingError,
    scenario_diagram_dot,
    scenario_diagram_svg,
)
from trustboard.governance.models import BodyKind, RelationshipKind

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]
SVG = "{http://www.w3.org/2000/svg}"
TIMES = "\N{MULTIPLICATION SIGN}"

LOCALITIES = ["Ashfield", "Bassetlaw", "Broxtowe", "Gedling", "Mansfield",
              "Newark and Sherwood", "Rushcliffe"]
DELIVERY = ["Early Years Partnership", "14-19 Partnership", "Healthy Schools Network",
            "Youth Homelessness Forum", "Domestic Abuse Partnership", "Carers Strategy Group",
            "Participation Strategy Group", "Workforce Development Group",
            "Child and Family Poverty Group", "Looked After Children Partnership",
            "Multi-agency Safeguarding Hub Steering Group"]


def thirty_body_scenario():
    """Nottinghamshire's 2015 option (Diagram 1) filled out to 30 bodies."""
    scenario = ScenarioFactory(name="Nottinghamshire: board, two executives & 27 more")

    def body(name, kind=BodyKind.OTHER, **fields):
        return BodyFactory(scenario=scenario, name=name, kind=kind, **fields)

    def line(source, kind, target, times=None):
        RelationshipFactory(source=source, kind=kind, target=target, times_per_year=times)

    board = body("Children's Trust Board", BodyKind.TRUST_BOARD, is_partnership_board=True)
    help_protection = body("Help and Protection Executive", BodyKind.EXECUTIVE)
    health = body("Health and Wellbeing Executive for Children and Young People",
                  BodyKind.EXECUTIVE)
    hwb = body("Nottinghamshire Health and Wellbeing Board", BodyKind.HEALTH_AND_WELLBEING_BOARD)
    nscb = body("Nottinghamshire Safeguarding Children Board", BodyKind.SAFEGUARDING_BOARD)
    committee = body("Children and Young People's Committee", BodyKind.COUNCIL_EXECUTIVE)
    nhs = body("Board of NHS Nottinghamshire County", BodyKind.NHS_BOARD)
    youth = body("Youth Offending Management Board", BodyKind.YOUTH_JUSTICE_BOARD)
    scrutiny = body("Children's Services Scrutiny Panel", BodyKind.SCRUTINY)
    line(board, RelationshipKind.REPORTS_TO, hwb, 4)
    line(board, RelationshipKind.REPORTS_TO, committee, 2)
    line(board, RelationshipKind.REPORTS_TO, nhs, 2)
    line(nscb, RelationshipKind.CHALLENGES, board)
    line(board, RelationshipKind.RECEIVES_ANNUAL_REPORT_FROM, nscb, 1)
    line(youth, RelationshipKind.REPORTS_TO, help_protection, 4)
    line(scrutiny, RelationshipKind.CHALLENGES, board)
    for executive in (help_protection, health):
        line(executive, RelationshipKind.REPORTS_TO, board, 5)
        line(board, RelationshipKind.TASKS, executive)
    for name in ("Disabilities and Special Educational Needs",
                 "Child & Adolescent Mental Health Services", "Teenage Pregnancy"):
        group = body(f"{name} Integrated Commissioning Group", BodyKind.COMMISSIONING_GROUP)
        line(group, RelationshipKind.REPORTS_TO, health, 5)
    for name in LOCALITIES:
        group = body(f"{name} Locality Management Group", BodyKind.LOCALITY_GROUP)
        line(group, RelationshipKind.REPORTS_TO, help_protection, 4)
    for index, name in enumerate(DELIVERY):
        group = body(name, BodyKind.DELIVERY_PARTNERSHIP)
        line(group, RelationshipKind.REPORTS_TO, (health, help_protection)[index % 2], 2)
    assert scenario.bodies.count() == 30
    return scenario


@pytest.fixture
def small():
    scenario = ScenarioFactory(name='The "Children\'s" Trust & Partners')
    board = BodyFactory(scenario=scenario, name="Children's Trust Board",
                        kind=BodyKind.TRUST_BOARD, is_partnership_board=True)
    executive = BodyFactory(scenario=scenario, name="Help & Protection Executive",
                            kind=BodyKind.EXECUTIVE)
    lscb = BodyFactory(scenario=scenario, name="Safeguarding Children Board",
                       kind=BodyKind.SAFEGUARDING_BOARD)
    locality = BodyFactory(scenario=scenario, name="Ashfield Locality Management Group",
                           kind=BodyKind.LOCALITY_GROUP)
    RelationshipFactory(source=executive, target=board, kind=RelationshipKind.REPORTS_TO,
                        times_per_year=5)
    RelationshipFactory(source=lscb, target=board, kind=RelationshipKind.CHALLENGES)
    RelationshipFactory(source=board, target=executive, kind=RelationshipKind.TASKS)
    RelationshipFactory(source=locality, target=executive, kind=RelationshipKind.REPORTS_TO)
    return scenario


def _titles(root, css_class):
    return [group.find(f"{SVG}title").text for group in root.iter(f"{SVG}g")
            if group.get("class") == css_class]


def test_svg_parses_as_xml_without_prolog_or_doctype(small):
    svg = scenario_diagram_svg(small)

    assert svg.startswith("<svg")
    assert "<!DOCTYPE" not in svg and "<?xml" not in svg
    assert ET.fromstring(svg).tag == f"{SVG}svg"


def test_svg_is_an_image_named_after_the_scenario(small):
    root = ET.fromstring(scenario_diagram_svg(small))

    assert root.get("role") == "img"
    assert root.get("aria-label") == "Structure of The \"Children's\" Trust & Partners"
    assert root[0].tag == f"{SVG}title"
    assert root[0].text == "Structure of The \"Children's\" Trust & Partners"


def test_svg_names_every_body_exactly_with_apostrophes_and_ampersands(small):
    root = ET.fromstring(scenario_diagram_svg(small))

    assert sorted(_titles(root, "node")) == sorted(small.bodies.values_list("name", flat=True))
    shown = " ".join(" ".join(text.itertext()) for text in root.iter(f"{SVG}text"))
    assert "Children's Trust Board" in shown
    assert "Help & Protection Executive" in shown


def test_svg_gives_each_relationship_an_edge_titled_in_words(small):
    root = ET.fromstring(scenario_diagram_svg(small))

    assert sorted(_titles(root, "edge")) == [
        "Ashfield Locality Management Group reports to Help & Protection Executive",
        "Children's Trust Board tasks Help & Protection Executive",
        f"Help & Protection Executive reports to Children's Trust Board (5{TIMES}/yr)",
        "Safeguarding Children Board challenges and scrutinises Children's Trust Board",
    ]


def test_edges_are_labelled_with_kind_and_frequency(small):
    root = ET.fromstring(scenario_diagram_svg(small))

    labels = {
        group.find(f"{SVG}title").text: " ".join(
            "".join(text.itertext()) for text in group.iter(f"{SVG}text"))
        for group in root.iter(f"{SVG}g") if group.get("class") == "edge"
    }
    assert labels[f"Help & Protection Executive reports to Children's Trust Board (5{TIMES}/yr)"
                  ] == f"reports to (5{TIMES}/yr)"
    assert labels["Safeguarding Children Board challenges and scrutinises Children's Trust "
                  "Board"] == "challenges"


def test_dot_draws_reports_upward_and_tasks_reversed_so_the_board_is_on_top(small):
    dot = scenario_diagram_dot(small, page="portrait", rankdir="BT")
    board, executive = (small.bodies.get(name=n).pk for n in
                        ("Children's Trust Board", "Help & Protection Executive"))

    assert "rankdir=BT" in dot
    assert re.search(rf"b{executive} -> b{board} \[[^]]*reports to\\n\(5{TIMES}/yr\)", dot)
    assert re.search(rf"b{executive} -> b{board} \[[^]]*tasks[^]]*dir=back", dot)


def test_dot_boxes_locality_groups_together(small):
    dot = scenario_diagram_dot(small, page="portrait")
    locality = small.bodies.get(kind=BodyKind.LOCALITY_GROUP).pk

    cluster = dot.split("subgraph cluster_localities", 1)[1].split("}", 1)[0]
    assert f"b{locality} [" in cluster
    assert "Locality management groups" in cluster


def test_dot_sets_the_page_size_asked_for(small):
    assert 'size="11.19,7.77"' in scenario_diagram_dot(small, page="landscape")


def test_a_small_structure_keeps_the_board_on_top(small):
    assert "rankdir=BT" in scenario_diagram_dot(small)


def test_thirty_bodies_fit_an_a4_page():
    scenario = thirty_body_scenario()

    root = ET.fromstring(scenario_diagram_svg(scenario))

    width, height = (float(root.get(side).removesuffix("pt")) for side in ("width", "height"))
    assert (width <= 595 and height <= 842) or (width <= 842 and height <= 595)
    assert len(_titles(root, "node")) == 30


def test_thirty_bodies_are_laid_sideways_so_their_names_stay_legible_on_a4():
    scenario = thirty_body_scenario()

    svg = scenario_diagram_svg(scenario)

    scale = float(re.search(r'transform="scale\(([0-9.]+)', svg).group(1))
    assert 'rankdir=RL' in scenario_diagram_dot(scenario)
    assert scale * 13 >= 7.5  # body names print at 7.5pt or more


def test_missing_graphviz_says_to_install_it(small, monkeypatch):
    monkeypatch.setenv("PATH", "")

    with pytest.raises(GraphvizMissingError, match="Install Graphviz") as raised:
        scenario_diagram_svg(small)
    assert isinstance(raised.value, TrustboardError)
