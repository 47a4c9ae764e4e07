"""Checks of one scenario against what the seed papers and the statute ask of a partnership.

Each rule is a small function over a structure loaded once, so a page or command that
shows the findings costs a fixed number of queries however large the partnership is.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings

from trustboard.governance.graph import find_cycle, reachable
from trustboard.governance.models import (
    VOTING_ROLES,
    Body,
    BodyKind,
    MembershipRole,
    Organisation,
    Relationship,
    RelationshipKind,
    Scenario,
)
from trustboard.governance.selectors import Structure, scenario_structure

Severity = Literal["high", "medium", "low"]
SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}

# The quotes are copied from the seed papers (shared/seeds), spelling and all.
LAMING_SAME_CHAIR = (
    'Salford 2009, quoting the Laming report (2009): "The Trust Board and the LSCB should not '
    'be chaired by the same person."'
)
LAMING_REPORT_AND_CHALLENGE = (
    'Salford 2009, quoting the Laming report (2009): "The LSCB should report to the Trust '
    'Board and publish an annual report on the effectiveness of safeguarding in the area." and '
    '"LSCB\'s should challenge the work of the Trust."; Middlesbrough scrutiny panel, para 15: '
    '"it is critical that the LSCB\'s independence is respected, so challenge may take place '
    'where appropriate."'
)
STATUTORY_PARTNERS = (
    "Children Act 2004 s.10 (duty to co-operate to improve children's well-being); "
    'Salford 2009: "Membership of the board includes the statutory partners"'
)
SAFEGUARDING_PARTNERS = "Working Together to Safeguard Children 2023 (safeguarding partners)"
LINKAGE = (
    'Plymouth governance review: "without clear linkage and transparency around the work of '
    'these groups, we are not capitalising on the effective partnerships across the City"'
)
TRANSPARENT_DIRECTION = (
    'Plymouth governance review: "There is also a concern about a lack of transparency around '
    'direction and decision making across the City."'
)
SYSTEMATIC_REPORTING = (
    "Middlesbrough scrutiny panel, para 12: \"the Children's Trust does not report on a "
    "systematic basis on its activities and achievements to either the Executive of "
    "Middlesbrough Council, nor the Board of NHS Middlesbrough\"; para 19: \"That the "
    "Children's Trust establishes a clear and systematic link with Middlesbrough Council's "
    'Executive and the Board of NHS Middlesbrough"'
)
MEETING_LOAD = (
    'Plymouth governance review: "significant resources being tied up in meetings"; "the '
    "complexity and numbers of existing partnerships are leading to the absence of key "
    'decision makers for meetings"'
)
QUORUM = (
    "The body's own terms of reference (quorum); Plymouth governance review: \"the complexity "
    'and numbers of existing partnerships are leading to the absence of key decision makers '
    'for meetings"'
)
BOARD_REQUIRED = (
    'Plymouth governance review: "the requirement for local authorities and partners to have '
    "a children's trust board and the wider duty to cooperate to improve children's wellbeing, "
    'as set out in section 10 of the Children Act 2004, remains in force"'
)


# What each rule checks, in the words a reader of the page or the report would use; the
# slug stays for the command's JSON and for scripts that grep it.
RULE_TITLES: dict[str, str] = {
    "no-partnership-board": "The partnership has a board",
    "same-chair": "The board and the safeguarding board have different chairs",
    "safeguarding-board-unlinked": "The safeguarding board reports to and challenges the board",
    "safeguarding-board-no-report": "The safeguarding board reports to the board",
    "safeguarding-board-no-challenge": "The safeguarding board challenges the board",
    "statutory-partner-not-on-board": "Every statutory partner sits on the board",
    "no-line-to-board": "Every body has a line to the board",
    "reporting-cycle": "Reporting does not go round in a circle",
    "no-report-to-council-executive":
        "The board reports systematically to the council executive",
    "no-report-to-nhs-board": "The board reports systematically to the NHS board",
    "too-many-bodies": "Nobody sits on too many bodies",
    "below-quorum": "Each body has enough voting members to be quorate",
}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    citation: str
    subjects: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The check this finding fails, as a person would name it."""
        return RULE_TITLES[self.rule]

    def as_dict(self) -> dict:
        return {"rule": self.rule, "title": self.title, "severity": self.severity,
                "message": self.message, "citation": self.citation,
                "subjects": list(self.subjects)}


def scenario_findings(scenario: Scenario, *, max_bodies_per_person: int | None = None,
                      structure: Structure | None = None) -> list[Finding]:
    """Every finding for a scenario, most severe first, in five queries whatever its size."""
    structure = structure or scenario_structure(scenario=scenario)
    partners = list(scenario.organisations.all())
    limit = (settings.TRUSTBOARD_MAX_BODIES_PER_PERSON
             if max_bodies_per_person is None else max_bodies_per_person)
    rules: list[Callable[[], Iterator[Finding]]] = [
        lambda: no_partnership_board(structure),
        lambda: same_chair(structure),
        lambda: safeguarding_board_lines(structure),
        lambda: statutory_partner_not_on_board(structure, partners),
        lambda: body_without_line_to_board(structure),
        lambda: reporting_cycle(structure),
        lambda: no_systematic_reporting(structure),
        lambda: person_on_too_many_bodies(structure, limit),
        lambda: body_below_quorum(structure),
    ]
    findings = [finding for rule in rules for finding in rule()]
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.rule))


def no_partnership_board(structure: Structure) -> Iterator[Finding]:
    if structure.board is None:
        yield Finding(
            rule="no-partnership-board", severity="high",
            message=(f"{structure.scenario.name} has no partnership board: mark the body at the "
                     "top of the children's partnership as the partnership's board."),
            citation=BOARD_REQUIRED, subjects=[structure.scenario.name],
        )


def _chairs(body: Body) -> dict[int, str]:
    return {m.person_id: m.person.name for m in body.memberships.all()
            if m.role == MembershipRole.CHAIR}


def same_chair(structure: Structure) -> Iterator[Finding]:
    board = structure.board
    if board is None:
        return
    board_chairs = _chairs(board)
    for safeguarding in structure.of_kind(BodyKind.SAFEGUARDING_BOARD):
        for person_id, name in _chairs(safeguarding).items():
            if person_id in board_chairs:
                yield Finding(
                    rule="same-chair", severity="high",
                    message=f"{name} chairs both {board.name} and {safeguarding.name}.",
                    citation=LAMING_SAME_CHAIR, subjects=[name, board.name, safeguarding.name],
                )


def safeguarding_board_lines(structure: Structure) -> Iterator[Finding]:
    """The safeguarding board should both report to the board and challenge it.

    A report counts whether the safeguarding board "reports to" the board or the board
    "receives the annual report of" it (Nottinghamshire's NSCB annual report).
    """
    board = structure.board
    if board is None:
        return
    for safeguarding in structure.of_kind(BodyKind.SAFEGUARDING_BOARD):
        reports = any(
            (r.source_id, r.kind, r.target_id) in {
                (safeguarding.pk, RelationshipKind.REPORTS_TO, board.pk),
                (board.pk, RelationshipKind.RECEIVES_ANNUAL_REPORT_FROM, safeguarding.pk),
            }
            for r in structure.relationships
        )
        challenges = any(
            (r.source_id, r.kind, r.target_id)
            == (safeguarding.pk, RelationshipKind.CHALLENGES, board.pk)
            for r in structure.relationships
        )
        subjects = [safeguarding.name, board.name]
        if not reports and not challenges:
            yield Finding(
                rule="safeguarding-board-unlinked", severity="high",
                message=(f"{safeguarding.name} neither reports to nor challenges {board.name}."),
                citation=LAMING_REPORT_AND_CHALLENGE, subjects=subjects,
            )
        elif not reports:
            yield Finding(
                rule="safeguarding-board-no-report", severity="medium",
                message=(f"{safeguarding.name} challenges {board.name} but does not report to "
                         "it, nor does the board receive its annual report."),
                citation=LAMING_REPORT_AND_CHALLENGE, subjects=subjects,
            )
        elif not challenges:
            yield Finding(
                rule="safeguarding-board-no-challenge", severity="medium",
                message=f"{safeguarding.name} reports to {board.name} but does not challenge it.",
                citation=LAMING_REPORT_AND_CHALLENGE, subjects=subjects,
            )


def _represented(board: Body) -> set[int]:
    """Organisations with a seat on the board; an invited guest attends but holds no seat."""
    represented: set[int] = set()
    for membership in board.memberships.all():
        if membership.role == MembershipRole.INVITED:
            continue
        organisations = [o.pk for o in membership.represents.all()]
        represented.update(organisations or [membership.person.organisation_id])
    return represented


def statutory_partner_not_on_board(structure: Structure,
                                   partners: list[Organisation]) -> Iterator[Finding]:
    board = structure.board
    if board is None:
        return
    represented = _represented(board)
    for organisation in sorted(partners, key=lambda o: o.name):
        if not organisation.is_statutory or organisation.pk in represented:
            continue
        roles = [label for flag, label in (
            (organisation.is_relevant_partner, "a relevant partner under Children Act 2004 s.10"),
            (organisation.is_safeguarding_partner, "a safeguarding partner"),
        ) if flag]
        citation = STATUTORY_PARTNERS + (
            f"; {SAFEGUARDING_PARTNERS}" if organisation.is_safeguarding_partner else "")
        yield Finding(
            rule="statutory-partner-not-on-board", severity="high",
            message=(f"{organisation.name} is {' and '.join(roles)} but nobody on "
                     f"{board.name} represents it."),
            citation=citation, subjects=[organisation.name, board.name],
        )


def body_without_line_to_board(structure: Structure) -> Iterator[Finding]:
    board = structure.board
    if board is None:
        return
    joined = reachable(board.pk, [(r.source_id, r.target_id) for r in structure.relationships])
    for body in structure.bodies:
        if body.pk not in joined:
            yield Finding(
                rule="no-line-to-board", severity="medium",
                message=(f"{body.name} has no line to {board.name}, directly or through "
                         "another body."),
                citation=LINKAGE, subjects=[body.name, board.name],
            )


def reporting_cycle(structure: Structure) -> Iterator[Finding]:
    cycle = find_cycle(
        (r.source.name, r.target.name) for r in structure.lines(RelationshipKind.REPORTS_TO))
    if cycle:
        yield Finding(
            rule="reporting-cycle", severity="high",
            message="Reporting goes round in a circle: " + " reports to ".join(cycle) + ".",
            citation=TRANSPARENT_DIRECTION, subjects=list(dict.fromkeys(cycle)),
        )


_DECISION_MAKERS = (
    (BodyKind.COUNCIL_EXECUTIVE, "no-report-to-council-executive", "the council executive"),
    (BodyKind.NHS_BOARD, "no-report-to-nhs-board", "the NHS board"),
)


def _reports_up(start: int, lines: list[Relationship]) -> set[int]:
    above: dict[int, set[int]] = defaultdict(set)
    for line in lines:
        above[line.source_id].add(line.target_id)
    seen, frontier = {start}, [start]
    while frontier:
        for following in above[frontier.pop()] - seen:
            seen.add(following)
            frontier.append(following)
    return seen - {start}


def no_systematic_reporting(structure: Structure) -> Iterator[Finding]:
    """The board reports, on a set frequency, to the council executive and the NHS board.

    A chain counts (board to the Health and Wellbeing Board to the council executive) only
    when every step has its frequency recorded: that is what makes it systematic.
    """
    board = structure.board
    if board is None:
        return
    reports = structure.lines(RelationshipKind.REPORTS_TO)
    systematic = _reports_up(board.pk, [r for r in reports if r.times_per_year])
    occasional = _reports_up(board.pk, reports)
    for kind, rule, label in _DECISION_MAKERS:
        targets = structure.of_kind(kind)
        if any(body.pk in systematic for body in targets):
            continue
        loose = [body.name for body in targets if body.pk in occasional]
        if not targets:
            message = (f"{board.name} does not report systematically to {label}: there is no "
                       f"body of that kind in this structure. Add it, and how often "
                       f"{board.name} reports to it.")
        elif loose:
            message = (f"{board.name} reports to {' and '.join(loose)} but how often is not "
                       "recorded on every step, so the reporting is not systematic.")
        else:
            names = " or ".join(body.name for body in targets)
            message = (f"{board.name} does not report to {names}, directly or through "
                       "another body.")
        yield Finding(rule=rule, severity="medium", message=message,
                      citation=SYSTEMATIC_REPORTING,
                      subjects=[board.name, *(body.name for body in targets)])


def person_on_too_many_bodies(structure: Structure, limit: int) -> Iterator[Finding]:
    seats: dict[int, list[Body]] = defaultdict(list)
    names: dict[int, str] = {}
    for body in structure.bodies:
        for membership in body.memberships.all():
            seats[membership.person_id].append(body)
            names[membership.person_id] = membership.person.name
    for person_id in sorted(seats, key=names.__getitem__):
        bodies = seats[person_id]
        if len(bodies) > limit:
            body_names = sorted(body.name for body in bodies)
            yield Finding(
                rule="too-many-bodies", severity="medium",
                message=(f"{names[person_id]} sits on {len(bodies)} bodies, more than the "
                         f"limit of {limit}: {', '.join(body_names)}."),
                citation=MEETING_LOAD, subjects=[names[person_id], *body_names],
            )


def body_below_quorum(structure: Structure) -> Iterator[Finding]:
    for body in structure.bodies:
        if not body.quorum:
            continue
        voting = sum(1 for m in body.memberships.all() if m.role in VOTING_ROLES)
        if voting < body.quorum:
            yield Finding(
                rule="below-quorum", severity="medium",
                message=(f"{body.name} needs {body.quorum} voting members to be quorate but has "
                         f"{voting} (observers and invited guests do not count)."),
                citation=QUORUM, subjects=[body.name],
            )
