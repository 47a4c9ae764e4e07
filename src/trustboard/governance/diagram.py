"""The structure drawn as the 2015 Nottinghamshire review drew it ("Diagram 1").

The board sits at the top with its groups below, the statutory and independent bodies
(the Health and Wellbeing Board, the safeguarding board, the council executive, the NHS
board) stand out from the partnership's own groups, and the locality groups are boxed
together. Graphviz lays it out and the drawing is scaled to fit an A4 page; a partnership
too wide for its names to stay legible that way is laid on its side, board on the left.
"""

import functools
import math
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from typing import Literal

from trustboard.core.errors import TrustboardError
from trustboard.governance.models import Body, BodyKind, Relationship, RelationshipKind, Scenario
from trustboard.governance.selectors import Structure, scenario_structure

Page = Literal["portrait", "landscape"]
Rankdir = Literal["BT", "RL"]

# A4 less a 0.25 inch margin on every side, in inches (width, height).
PAGE_INCHES: dict[str, tuple[float, float]] = {
    "portrait": (7.77, 11.19),
    "landscape": (11.19, 7.77),
}
GRAPHVIZ_TIMEOUT_SECONDS = 30
# Below this the text of a drawing shrunk to A4 is under about 8pt, too small to read.
READABLE_SCALE = 0.6
LEAVES_A_ROW = 3
EDGE_LABEL_WIDTH = 12
LABEL_WIDTH = 22  # characters a line; keeps boxes narrow enough for 30 bodies on A4
FONT = "Arial"  # fontconfig lays it out with the metric-compatible Liberation Sans
FONT_FAMILY = "Arial,Helvetica,Liberation Sans,sans-serif"

STATUTORY_KINDS = {
    BodyKind.HEALTH_AND_WELLBEING_BOARD, BodyKind.SAFEGUARDING_BOARD,
    BodyKind.COUNCIL_EXECUTIVE, BodyKind.NHS_BOARD, BodyKind.STRATEGIC_PARTNERSHIP,
    BodyKind.SCRUTINY, BodyKind.YOUTH_JUSTICE_BOARD,
}
# Lines whose source normally sits above its target: drawn reversed so rank follows authority.
DOWNWARD_KINDS = {
    RelationshipKind.TASKS, RelationshipKind.DELEGATES_TO,
    RelationshipKind.RECEIVES_ANNUAL_REPORT_FROM,
}
# Lines of advice, challenge and annual reports cross the hierarchy (the safeguarding board
# and the trust exchange annual reports), so they do not decide who is drawn above whom.
UNRANKED_KINDS = {
    RelationshipKind.ADVISES, RelationshipKind.CHALLENGES,
    RelationshipKind.RECEIVES_ANNUAL_REPORT_FROM,
}
EDGE_STYLE = {
    RelationshipKind.REPORTS_TO: 'style="solid"',
    RelationshipKind.ADVISES: 'style="dashed"',
    RelationshipKind.TASKS: 'style="solid", color="#505a5f"',
    RelationshipKind.DELEGATES_TO: 'style="solid", color="#505a5f"',
    RelationshipKind.CHALLENGES: 'style="dotted", penwidth=1.6, color="#942514"',
    RelationshipKind.RECEIVES_ANNUAL_REPORT_FROM: 'style="dashed", color="#505a5f"',
}
TIMES = "\N{MULTIPLICATION SIGN}"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"


class DiagramError(TrustboardError):
    """Graphviz could not draw the structure."""


class GraphvizMissingError(DiagramError):
    def __init__(self) -> None:
        super().__init__(
            "Graphviz's `dot` program is not installed, so the structure cannot be drawn. "
            "Install Graphviz (on Debian or Ubuntu: apt-get install graphviz) and try again."
        )


def _quote(text: str) -> str:
    """A DOT string literal showing `text` exactly: & as an entity so names never decode."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{escaped}"'


def _label(text: str, width: int = LABEL_WIDTH) -> str:
    lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=False) or [""]
    return '"' + "\\n".join(_quote(line)[1:-1] for line in lines) + '"'


def _often(relationship: Relationship) -> str:
    """The edge's label, wrapped short so it widens the drawing as little as it can."""
    often = f"({relationship.times_per_year}{TIMES}/yr)" if relationship.times_per_year else ""
    return _label(f"{relationship.kind} {often}", width=EDGE_LABEL_WIDTH)


def relationship_title(relationship: Relationship) -> str:
    """The line in words for a screen reader: source, kind, target and how often a year."""
    often = f" ({relationship.times_per_year}{TIMES}/yr)" if relationship.times_per_year else ""
    kind = RelationshipKind(relationship.kind).label
    return f"{relationship.source.name} {kind} {relationship.target.name}{often}"


def _node(body: Body, prefix: str) -> str:
    attributes = [f"id={_quote(f'{prefix}body-{body.pk}')}", f"label={_label(body.name)}"]
    if body.is_partnership_board:
        attributes.append('style="filled,bold", fillcolor="#1d70b8", fontcolor="white", '
                          'penwidth=2.5, fontsize=15')
    elif body.kind in STATUTORY_KINDS:
        attributes.append('style="rounded,filled", fillcolor="#f3f2f1", peripheries=2')
    else:
        attributes.append('style="filled", fillcolor="white"')
    return f"  b{body.pk} [{', '.join(attributes)}];"


def _upward(relationship: Relationship) -> tuple[int, int]:
    """(lower, upper) bodies of a line, for ranking; the board's groups sit below it."""
    if relationship.kind in DOWNWARD_KINDS:
        return relationship.target_id, relationship.source_id
    return relationship.source_id, relationship.target_id


def _stagger(structure: Structure) -> dict[int, int]:
    """A minimum rank length per line, stacking a parent's leaf groups in rows of three.

    Without it seven locality groups and a dozen delivery partnerships under one executive
    make a row too wide to read once shrunk to A4 (Graphviz's `unflatten` does the same).
    """
    lower_of: dict[int, list[Relationship]] = defaultdict(list)
    has_below = Counter(_upward(r)[1] for r in structure.relationships)
    for relationship in structure.relationships:
        lower, upper = _upward(relationship)
        if not has_below[lower]:
            lower_of[upper].append(relationship)
    lengths: dict[int, int] = {}
    for lines in lower_of.values():
        rows = math.ceil(len(lines) / LEAVES_A_ROW)
        for index, relationship in enumerate(lines):
            lengths[relationship.pk] = 1 + index % rows
    return lengths


def _edge(relationship: Relationship, prefix: str, minlen: int) -> str:
    lower, upper = _upward(relationship)
    attributes = [
        f"id={_quote(f'{prefix}relationship-{relationship.pk}')}",
        f"label={_often(relationship)}",
        EDGE_STYLE.get(relationship.kind, 'style="solid"'),
    ]
    if (lower, upper) != (relationship.source_id, relationship.target_id):
        attributes.append("dir=back")
    if relationship.kind in UNRANKED_KINDS:
        attributes.append("constraint=false")
    elif minlen > 1:
        attributes.append(f"minlen={minlen}")
    return f"  b{lower} -> b{upper} [{', '.join(attributes)}];"


def _dot(structure: Structure, page: Page | None, rankdir: Rankdir = "BT") -> str:
    scenario = structure.scenario
    prefix = f"{scenario.slug}-" if scenario.slug else ""
    lines = [
        f"digraph {_quote(scenario.name)} {{",
        f"  rankdir={rankdir}; newrank=true; nodesep={0.25 if rankdir == 'BT' else 0.12}; "
        "ranksep=0.4; pad=0.1;",
        f"  label={_label(scenario.name, width=80)}; labelloc=t; fontsize=18; "
        f"fontname={_quote(FONT)};",
    ]
    if page:
        width, height = PAGE_INCHES[page]
        lines.append(f'  size="{width},{height}"; ratio=auto;')
    lines += [
        f'  node [shape=box, fontname={_quote(FONT)}, fontsize=13, margin="0.12,0.06"];',
        f"  edge [fontname={_quote(FONT)}, fontsize=11, arrowsize=0.7];",
    ]
    localities = [body for body in structure.bodies if body.kind == BodyKind.LOCALITY_GROUP]
    for body in structure.bodies:
        if body.kind != BodyKind.LOCALITY_GROUP:
            lines.append(_node(body, prefix))
    if localities:
        lines += [
            "  subgraph cluster_localities {",
            '    label="Locality management groups"; style="dashed,rounded"; fontsize=13;',
            # Graphviz reads a cluster's labelloc in the turned frame: "b" is the top in BT.
            f'    labelloc={"b" if rankdir == "BT" else "t"};',
            '    color="#505a5f";',
            *(f"  {_node(body, prefix)}" for body in localities),
            "  }",
        ]
    lengths = _stagger(structure) if rankdir == "BT" else {}
    for relationship in structure.relationships:
        lines.append(_edge(relationship, prefix, lengths.get(relationship.pk, 1)))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _graphviz(dot: str, output: str) -> str:
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissingError()
    return _run_graphviz(program, dot, output)


# The drawing is a pure function of its DOT text, so a page shown again does not redraw it.
@functools.lru_cache(maxsize=128)
def _run_graphviz(program: str, dot: str, output: str) -> str:
    try:
        result = subprocess.run(
            [program, f"-T{output}"], input=dot.encode(), capture_output=True,
            timeout=GRAPHVIZ_TIMEOUT_SECONDS, check=True,
        )
    except FileNotFoundError as error:
        raise GraphvizMissingError() from error
    except subprocess.TimeoutExpired as error:
        raise DiagramError(
            f"Graphviz took more than {GRAPHVIZ_TIMEOUT_SECONDS} seconds to draw the structure."
        ) from error
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode(errors="replace").strip()
        raise DiagramError(f"Graphviz could not draw the structure: {detail}") from error
    return result.stdout.decode()


def _fit(width: float, height: float) -> tuple[Page, float]:
    """The A4 orientation that shows a drawing of this size largest, and its scale."""
    scales = {page: min(1.0, across / width, down / height)
              for page, (across, down) in PAGE_INCHES.items()}
    page = max(scales, key=lambda name: (scales[name], name == "landscape"))
    return page, scales[page]


def _measure(structure: Structure, rankdir: Rankdir) -> tuple[Page, float]:
    plain = _graphviz(_dot(structure, page=None, rankdir=rankdir), "plain")
    _graph, _scale, width, height = plain.split("\n", 1)[0].split()[:4]
    return _fit(float(width), float(height))


def _layout(structure: Structure) -> tuple[Page, Rankdir]:
    """Board on top when that stays readable on A4; otherwise the tree laid on its side.

    A wide partnership (seven localities and a dozen delivery groups under two executives)
    drawn top-down shrinks its text below legibility, while laid sideways its groups stack.
    """
    page, scale = _measure(structure, "BT")
    if scale >= READABLE_SCALE:
        return page, "BT"
    sideways_page, sideways_scale = _measure(structure, "RL")
    if sideways_scale > scale:
        return sideways_page, "RL"
    return page, "BT"


def scenario_diagram_dot(scenario: Scenario, *, page: Page | None = None,
                         rankdir: Rankdir | None = None) -> str:
    """The scenario as Graphviz DOT sized for A4; Graphviz measures it unless told the page."""
    structure = scenario_structure(scenario=scenario)
    return _dot(structure, *_choose(structure, page, rankdir))


def scenario_diagram_svg(scenario: Scenario, *, page: Page | None = None,
                         rankdir: Rankdir | None = None,
                         structure: Structure | None = None) -> str:
    """The scenario drawn as an accessible SVG element, ready to inline in a page."""
    structure = structure or scenario_structure(scenario=scenario)
    svg = _graphviz(_dot(structure, *_choose(structure, page, rankdir)), "svg")
    return _accessible(svg, structure)


def _choose(structure: Structure, page: Page | None,
            rankdir: Rankdir | None) -> tuple[Page, Rankdir]:
    if page and rankdir:
        return page, rankdir
    if rankdir:
        return _measure(structure, rankdir)[0], rankdir
    chosen_page, chosen_rankdir = _layout(structure)
    return page or chosen_page, chosen_rankdir


def _accessible(svg: str, structure: Structure) -> str:
    """Name the drawing and every box and line in words, and drop the XML prolog."""
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    root = ET.fromstring(svg.encode())
    scenario = structure.scenario
    prefix = f"{scenario.slug}-" if scenario.slug else ""
    name = f"Structure of {scenario.name}"
    root.set("role", "img")
    root.set("aria-label", name)
    title = ET.Element(f"{{{SVG}}}title", {"id": f"{prefix}diagram-title"})
    title.text = name
    root.insert(0, title)
    bodies = {f"{prefix}body-{body.pk}": body.name for body in structure.bodies}
    lines = {f"{prefix}relationship-{r.pk}": relationship_title(r)
             for r in structure.relationships}
    for group in root.iter(f"{{{SVG}}}g"):
        words = bodies.get(group.get("id", "")) or lines.get(group.get("id", ""))
        if words is None and group.get("class") == "graph":
            words = name
        group_title = group.find(f"{{{SVG}}}title")
        if words is not None and group_title is not None:
            group_title.text = words
    for text in root.iter(f"{{{SVG}}}text"):
        text.set("font-family", FONT_FAMILY)
    return ET.tostring(root, encoding="unicode")
