"""The sections a new draft starts with, for each kind of report, in the seeds' words.

The fixed sections (Other Options Considered, Reason/s for Recommendation/s, Statutory and
Policy Implications) default to the Nottinghamshire 2013 report's text; the summary is
written from the data (narrative.py). Officers edit all of it before the report is issued.

The update to another body follows the Middlesbrough scrutiny panel (2010), paragraph 19:
"That the Children's Trust establishes a clear and systematic link with Middlesbrough
Council's Executive and the Board of NHS Middlesbrough, to ensure that there is a regular
dialogue about children's services, with two key decision making bodies."
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from trustboard.participation.report import HEADING as PARTICIPATION_HEADING
from trustboard.participation.report import participation_paragraphs
from trustboard.reports import narrative
from trustboard.reports.document import NUMBERED, PLAIN, RECOMMENDATIONS
from trustboard.reports.narrative import Bullet, bullets_to_text, lower_first, number_in_words

#: Where updates usually go (Middlesbrough 2010; Nottinghamshire 2013 paragraph 6).
UPDATE_RECIPIENTS = ("Health and Wellbeing Board", "Council Executive", "NHS Board")

OTHER_OPTIONS = ("The activities reported on here contribute to the implementation of the "
                 "{plan_short}, which was developed after consideration of alternative "
                 "options.")
REASONS = ("The report provides members of the {committee} with an update on the "
           "activities of an officer group, in line with reporting requirements within the "
           "County Council's Constitution.")
STATUTORY = ("This report has been compiled after consideration of implications in respect "
             "of finance, equal opportunities, human resources, crime and disorder, human "
             "rights, the safeguarding of children, sustainability and the environment and "
             "those using the service and where such implications are material they are "
             "described below. Appropriate consultation has been undertaken and advice sought "
             "on these issues as required.")
SERVICE_USERS = ("The principal service users affected are children, young people and their "
                 "families, as the {plan_short} identifies the {partnership_short}'s "
                 "over-arching partnership strategy and associated action plans for the "
                 "delivery of services to them in {plan_years}.")
EQUALITIES = ("The development of the {plan_short} included an Equality Impact Assessment. "
              "This concluded that the plan was likely to have a positive impact for service "
              "users, as it aims to reduce inequality across all protected groups, by "
              "identifying need and working together to address this, within available "
              "resources.")
SAFEGUARDING = ("The {plan_short} identifies how partner organisations within the "
                "{partnership_short} will work together to safeguard children and promote "
                "their welfare.")
BACKGROUND_NOTE = ("Except for previously published documents, which will be available "
                   "elsewhere, the documents listed here will be available for inspection in "
                   "accordance with Section 100D of the Local Government Act 1972.")


@dataclass(frozen=True)
class Context:
    """What the default wording needs to know."""

    kind: str
    plan: object
    refresh: object | None
    performance: object
    partnership: str
    committee: str
    as_at: datetime.date
    period_start: datetime.date | None
    report_of: str
    contact: str
    decisions: list | None = None  # the year's public meetings and decisions (annual report)
    structure: object | None = None  # the arrangement in force (governance Structure)
    approvals: list | None = None  # strategies the coordinating body approved in the period
    risks: list | None = None  # the plan's open risks as at the date (risks.RiskRow)
    carried: dict[str, str] = field(default_factory=dict)  # officer sections, by key
    commissioning: object | None = None  # needs, decisions, pooled budget (commissioning app)
    participation: object | None = None  # the period's engagements ("you said, we did")
    recommendations: list | None = None  # the register's sources (reviews SourceProgress)

    @property
    def area(self) -> str:
        return narrative.area_name_of(self.performance)

    @property
    def board(self):
        """The body that coordinates the partnership's work, if the structure marks one."""
        return getattr(self.structure, "board", None)

    @property
    def plan_short(self) -> str:
        return "Plan" if not self.plan.title else self.plan.title

    @property
    def partnership_short(self) -> str:
        return partnership_short(self.partnership, self.area)

    @property
    def plan_years(self) -> str:
        return f"{self.plan.starts_on:%Y}-{self.plan.ends_on:%y}"

    def fill(self, text: str) -> str:
        return text.format(plan_short=self.plan_short, committee=self.committee,
                           partnership_short=self.partnership_short,
                           plan_years=self.plan_years)


def partnership_short(partnership: str, area: str) -> str:
    """The name without the area, as the seed says "the Children's Trust"."""
    prefix = f"{area} "
    if partnership.startswith(prefix) and len(partnership) > len(prefix):
        return partnership[len(prefix):]
    return partnership


def _date(day: datetime.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _month_range(start: datetime.date | None, end: datetime.date) -> str:
    if start is None:
        return f"up to {_date(end)}"
    return f"between {start:%B %Y} and {end:%B %Y}"


def section(key: str, heading: str, text: str, *, level: int = 2,
            style: str = NUMBERED, label: str = "") -> dict:
    """A stored section; `label` names a section with no heading of its own in the edit form."""
    stored = {"key": key, "heading": heading, "level": level, "style": style, "text": text}
    if label:
        stored["label"] = label
    return stored


def _plan_paragraph(context: Context) -> str:
    plan = context.plan
    text = (f"The {plan.title} is the single overarching strategic plan covering services "
            f"for children and young people in {context.area}, as represented by partners to "
            f"the {context.partnership}.")
    if plan.approved_by and plan.approved_on:
        text += f" The Plan was approved by {plan.approved_by} in {plan.approved_on:%B %Y}."
    if context.refresh is not None:
        refresh = context.refresh
        by = f" by {refresh.approved_by}" if refresh.approved_by else ""
        text += (f" The {refresh.title} of the Plan was approved{by} in "
                 f"{refresh.approved_on:%B %Y}.")
    return text


def _partnership_paragraph(context: Context) -> str:
    return (f"{context.partnership} is a partnership of organisations that provide services "
            f"to children, young people and families in {context.area}. It was established "
            "to meet the requirements of the Children Act 2004, which identifies a number of "
            "'relevant partners'.")


def _priority_count(context: Context) -> str:
    count = len(context.performance.priorities)
    return f"{number_in_words(count)} {'priority' if count == 1 else 'priorities'}"


def _closing_sections(context: Context, recommendation: str, *, reasons: str) -> list[dict]:
    return [
        section("options", "Other Options Considered", context.fill(OTHER_OPTIONS)),
        section("reasons", "Reason/s for Recommendation/s", reasons),
        section("statutory", "Statutory and Policy Implications", STATUTORY),
        section("service-users", "Implications for Service Users",
                context.fill(SERVICE_USERS), level=3),
        section("equalities", "Equalities Implications", context.fill(EQUALITIES), level=3),
        section("safeguarding", "Safeguarding of Children Implications",
                context.fill(SAFEGUARDING), level=3),
        section("recommendations", "RECOMMENDATION/S", recommendation, style=RECOMMENDATIONS),
        section("signature", "", "\n".join(
            line for line in (context.report_of, "", "For any enquiries about this report "
                                                      "please contact:", context.contact)
            if line is not None).strip(), style=PLAIN),
        section("constitutional", "Constitutional Comments",
                "As this report is for noting only, no Constitutional Comments are required."),
        section("financial", "Financial Comments",
                "There are no financial implications arising directly from this report."),
        section("background", "Background Papers",
                _background_papers(context) + "\n\n" + BACKGROUND_NOTE, style=PLAIN),
        section("divisions", "Electoral Division(s) and Member(s) Affected", "All.",
                style=PLAIN),
    ]


def _background_papers(context: Context) -> str:
    plan = context.plan
    lines = []
    if plan.approved_by and plan.approved_on:
        lines.append(f"The {plan.title} \u2013 report to {plan.approved_by}, "
                     f"{_date(plan.approved_on)}")
    else:
        lines.append(f"The {plan.title}")
    if context.refresh is not None and context.refresh.approved_by:
        lines.append(f"{context.refresh.title} \u2013 report to {context.refresh.approved_by}, "
                     f"{_date(context.refresh.approved_on)}")
    return "\n".join(lines)


#: Sections only the officer can write, carried forward from the last issued report of the
#: same kind and plan, with what the edit form calls them (seed paragraphs 5, 7-8, 10-11 and
#: 14-15 of the 2013 report).
OFFICER_SECTIONS = {
    "strategies": "Strategies approved in earlier years (written by the officer)",
    "remit": "Changes to the role and remit (written by the officer)",
    "activities": "Key initiatives supported (written by the officer)",
    "localities": "The work of the locality groups, with examples (written by the officer)",
}
#: What goes in each officer section, for its box in the edit form.
OFFICER_HINTS = {
    "strategies": "Key strategies the partnership gave its approval to in earlier years "
                  "(2013 report, paragraph 5).",
    "remit": "Changes the coordinating body is making to its role, remit or membership, and "
             "who agreed them (2013 report, paragraphs 7 and 8).",
    "activities": "Key initiatives the partnership supported during the period (2013 "
                  "report, paragraphs 10 and 11).",
    "localities": "What the locality groups' work has included, with specific examples "
                  "(2013 report, paragraphs 14 and 15).",
}
ACTIVITIES_HEADING = "{partnership_short}: Activities and Achievements"
LOCALITIES_HEADING = "Locality Management Groups"
#: The sub-sections of Information and Advice whose parts share one heading, by part.
SUB_SECTION_HEADINGS = {"activities": ACTIVITIES_HEADING, "approvals": ACTIVITIES_HEADING,
                        "locality-groups": LOCALITIES_HEADING,
                        "localities": LOCALITIES_HEADING}
PERFORMANCE_HEADING = "Progress against Performance Indicators: six-month performance report"
RISKS_HEADING = "Risks and issues above the threshold"



def carried_forward(report) -> dict[str, str]:
    """The officer's own sections of an issued report, by key, for the next report."""
    if report is None:
        return {}
    return {one["key"]: one["text"] for one in report.sections
            if one.get("key") in OFFICER_SECTIONS and one.get("text", "").strip()}


def officer_section(key: str, text: str = "") -> dict:
    """An officer section as a draft stores it: no heading of its own, named in the form."""
    level = 3 if key in SUB_SECTION_HEADINGS else 2
    return section(key, "", text, level=level, label=OFFICER_SECTIONS[key])


def sub_section_headings(sections: list[dict]) -> list[dict]:
    """The sections with each sub-section's heading on its first part that is written and
    on no other part, so an empty part never prints a heading.

    The heading is kept on every part as `sub_heading`; a part stored before that was kept
    gives its own heading.
    """
    groups: dict[str, list[int]] = {}
    for position, one in enumerate(sections):
        template = SUB_SECTION_HEADINGS.get(one.get("key"))
        if template is not None:
            groups.setdefault(template, []).append(position)
    result = list(sections)
    for positions in groups.values():
        parts = [result[position] for position in positions]
        heading = next((one.get("sub_heading") or one.get("heading") for one in parts
                        if one.get("sub_heading") or one.get("heading")), "")
        if not heading:
            continue
        first = next((position for position in positions
                      if result[position].get("text", "").strip()), None)
        for position in positions:
            result[position] = {**result[position], "sub_heading": heading,
                                "heading": heading if position == first else ""}
    return result


def _and_list(names: list[str]) -> str:
    """"A, B and C"; "A, B, and Newark and Sherwood" where a name has its own "and"."""
    if len(names) <= 1:
        return "".join(names)
    last = ", and " if len(names) > 2 and any(" and " in name for name in names) else " and "
    return ", ".join(names[:-1]) + last + names[-1]


def _the(name: str) -> str:
    return name if name.lower().startswith("the ") else f"the {name}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _post(membership) -> str:
    """How the report names a seat-holder: by post, as committee reports do."""
    person = membership.person
    if person.job_title:
        return f"the {person.job_title}"
    return f"{person.name} ({person.organisation.name})"


def _organisations(memberships) -> list[str]:
    names = set()
    for membership in memberships:
        represents = list(membership.represents.all())
        names.update(one.name for one in represents or [membership.person.organisation])
    return sorted(names)


def _board_paragraph(context: Context) -> str:
    """What the coordinating body is, who chairs it, whose members sit on it (paragraph 4)."""
    board = context.board
    if board is None:
        return ""
    from trustboard.governance.models import VOTING_ROLES, MembershipRole

    purpose = (board.purpose or "").strip().rstrip(".")
    name = _capital(_the(board.name))
    if purpose.split(" ", 1)[0] in {"A", "An", "The"}:
        text = f"{name} is {lower_first(purpose)}."
    elif purpose:
        text = f"{name} leads the work of {context.partnership}: {lower_first(purpose)}."
    else:
        text = f"{name} leads the work of {context.partnership}."
    seats = list(board.memberships.all())
    chairs = [one for one in seats if one.role == MembershipRole.CHAIR]
    organisations = _organisations(one for one in seats if one.role in VOTING_ROLES)
    clauses = []
    if chairs:
        clauses.append(f"It is chaired by {_and_list([_post(one) for one in chairs])}")
    if organisations:
        count = len(organisations)
        kind = "partner organisation" if count == 1 else "partner organisations"
        lead = "and its" if clauses else "Its"
        clauses.append(f"{lead} members come from {number_in_words(count)} {kind}: "
                       f"{_and_list(organisations)}")
    if clauses:
        text += " " + ", ".join(clauses) + "."
    observers = [one for one in seats if one.role == MembershipRole.PARTICIPANT_OBSERVER]
    if observers:
        verb = "is a participant observer" if len(observers) == 1 else \
            "are participant observers"
        text += f" {_capital(_and_list([_post(one) for one in observers]))} {verb}."
    return text


def _lines_to(context: Context, kind: str) -> list:
    board = context.board
    return [line for line in context.structure.lines(kind) if line.target_id == board.pk]


def _structure_paragraph(context: Context) -> str:
    """To whom the coordinating body reports and which groups it oversees (paragraph 6)."""
    board = context.board
    if board is None:
        return ""
    from trustboard.governance.models import BodyKind, RelationshipKind

    reports = [line.target for line in context.structure.lines(RelationshipKind.REPORTS_TO)
               if line.source_id == board.pk]
    overseen: dict[str, list[str]] = {}
    for line in _lines_to(context, RelationshipKind.REPORTS_TO):
        if line.source.kind != BodyKind.LOCALITY_GROUP:
            overseen.setdefault(line.source.kind, []).append(_the(line.source.name))
    sentences = []
    if reports:
        sentences.append(f"{_capital(_the(board.name))} reports to "
                         f"{_and_list([_the(body.name) for body in reports])}.")
    groups = []
    for kind, names in overseen.items():
        label = BodyKind(kind).label if kind in BodyKind.values else kind
        label = label[:1].lower() + label[1:] + ("s" if len(names) > 1 else "")
        count = (number_in_words(len(names)) if len(names) > 1
                 else "an" if label[:1] in "aeiou" else "a")
        groups.append(f"{count} {label} ({_and_list(names)})")
    if groups:
        subject = "It" if sentences else _capital(_the(board.name))
        sentences.append(f"{subject} oversees {_and_list(groups)}.")
    return " ".join(sentences)


def _localities_paragraph(context: Context) -> str:
    """How many locality groups, where, and to whom they report (paragraph 13)."""
    if context.structure is None:
        return ""
    from trustboard.governance.models import BodyKind, RelationshipKind

    groups = context.structure.of_kind(BodyKind.LOCALITY_GROUP)
    if not groups:
        return ""
    count = len(groups)
    noun = "Locality Management Group" if count == 1 else "Locality Management Groups"
    places = [group.locality for group in groups if group.locality]
    where = f", which operate in {_and_list(places)}" if places else ""
    text = (f"In addition to its work across {context.area} as a whole, "
            f"{context.partnership} also supports {number_in_words(count)} {noun}{where}.")
    board = context.board
    if board is not None:
        reporting = {line.source_id for line in _lines_to(context, RelationshipKind.REPORTS_TO)}
        members = [group for group in groups if group.pk in reporting]
        if len(members) == count:
            subject = "It reports" if count == 1 else "They report"
            text += f" {subject} to {_the(board.name)}, which receives reports on progress."
        elif members:
            names = _and_list([group.name for group in members])
            text += f" Of these, {names} {'reports' if len(members) == 1 else 'report'} to " \
                    f"{_the(board.name)}."
    return text


def _approvals_paragraph(context: Context) -> str:
    """The strategies approved in the period, from the meetings' decisions (paragraph 12)."""
    if not context.approvals:
        return ""
    titles = list(dict.fromkeys(decision.item.title for decision in context.approvals))
    lead = (f"{_capital(_month_range(context.period_start, context.as_at))}, the "
            f"{context.partnership_short} has reviewed and given its partnership approval to:")
    return bullets_to_text(lead, [Bullet(title) for title in titles])


def _mitigation_words(action) -> str:
    if action.key_action_id is not None:
        return f"key action {action.key_action.reference} {action.key_action.title}"
    return f"{lower_first(action.text)} ({action.owner.name}, by {_date(action.due_on)})"


def _risks_paragraph(context: Context) -> str:
    """The risks at or above the partnership's threshold, with their mitigations and trend,
    written from the register (the 2015 review: "Monitoring risks and issues and ensuring
    appropriate mitigation")."""
    if not context.risks:
        return ""
    above = [row for row in context.risks if row.is_above_threshold]
    threshold = context.risks[0].threshold
    count = len(context.risks)
    opening = (f"At {_date(context.as_at)} the risk register holds "
               f"{number_in_words(count)} open risk{'s' if count != 1 else ''}. A risk's "
               "score is its likelihood times its impact, each from 1 to 5; ")
    if not above:
        return opening + f"none scores {threshold} or more, the partnership's threshold."
    lead = (opening + f"{number_in_words(len(above))} score{'s' if len(above) == 1 else ''} "
            f"{threshold} or more, the partnership's threshold:")
    bullets = []
    for row in above:
        trend = (f"first scored at {_date(row.last_reviewed_on)}" if row.previous_score is None
                 else {"up": f"up from {row.previous_score}",
                       "down": f"down from {row.previous_score}",
                       "steady": "unchanged"}[row.trend]
                 + f" at the review of {_date(row.last_reviewed_on)}")
        actions = row.open_mitigations
        bullets.append(Bullet(
            f"{row.risk.reference} {row.risk.title} ({row.risk.body.name}): score {row.score}, "
            f"{trend}. "
            + ("Mitigating actions:" if actions else "No mitigating action is open."),
            tuple(_mitigation_words(action) for action in actions)))
    return bullets_to_text(lead, bullets)


def _focus_paragraph(context: Context, *, activities: bool, localities: bool) -> str:
    """What the report focuses on: one point for each sub-section it has (paragraph 9)."""
    who = _the(context.board.name) if context.board is not None else "the partnership"
    bullets = []
    if activities:
        bullets.append(Bullet(f"the activities and achievements of {who}, including any "
                              "activities sponsored or supported by it"))
    if localities:
        bullets.append(Bullet("the development of Locality Management Groups"))
    bullets.append(Bullet(
        f"six-monthly progress report using the performance indicators identified in the "
        f"{context.plan.title}"
        + (f" ({context.refresh.title.lower()})." if context.refresh else ".")))
    areas = "area" if len(bullets) == 1 else "areas"
    return bullets_to_text(
        f"This report provides an overview of the recent activities of {who}, and focuses "
        f"on {number_in_words(len(bullets))} {areas} of work:", bullets)


def _sub_section(heading: str, parts: list[dict]) -> list[dict]:
    """A sub-section's officer parts and its written parts, the first written one carrying
    its heading."""
    kept = [{**part, "sub_heading": heading} for part in parts
            if part["text"].strip() or part["key"] in OFFICER_SECTIONS]
    return sub_section_headings(kept)


def _is_written(parts: list[dict]) -> bool:
    return any(part["text"].strip() for part in parts)


def performance_sections(context: Context) -> list[dict]:
    """The six-monthly performance report, laid out as the 2013 report is.

    Paragraphs the data can write are written from it (the plan, the governance structure,
    the meetings' decisions, the figures); the officer's own sections come from the last
    issued report (`context.carried`). A part written from the data with nothing to say is
    left out; the officer's sections are always there, empty if nothing was carried, so the
    edit form has a box for each, and an empty one writes nothing.
    """
    partnership = context.partnership

    def officer(key: str) -> dict:
        return officer_section(key, context.carried.get(key, ""))

    activities = _sub_section(context.fill(ACTIVITIES_HEADING), [
        officer("activities"),
        section("approvals", "", _approvals_paragraph(context), level=3,
                label="Strategies approved in the period (written from the decisions)")])
    localities = _sub_section(LOCALITIES_HEADING, [
        section("locality-groups", "", _localities_paragraph(context), level=3,
                label="Locality groups (written from the structure)"),
        officer("localities")])
    update = (", and an update on the work of Locality Management Groups"
              if _is_written(localities) else "")
    purpose = (f"To provide an overview of the activities and performance of {partnership}, "
               f"{_month_range(context.period_start, context.as_at)}, including progress on "
               f"the key actions and performance indicators of the {context.plan.title}"
               f"{update}.")
    six_monthly = (f"The {partnership} receives six-monthly progress reports on the "
                   f"implementation of the {_priority_count(context)} identified in the "
                   f"{context.plan.title}. For each priority, there are a number of key "
                   "actions and performance indicators to track progress and assess impact "
                   "for children, young people or families.")
    latest = (f"{partnership} performance reports are produced six-monthly and the most "
              f"recent report summarises progress at the end of {context.as_at:%B %Y}. "
              "Appendix 1 provides a summary of progress towards agreed key actions and "
              "provides an overview of performance, including the most recent data available "
              f"on {context.area}'s performance and on national and statistical neighbour "
              "performance (where available).")
    information = "\n\n".join(part for part in (
        _partnership_paragraph(context), _plan_paragraph(context), _board_paragraph(context))
        if part)
    sections = [
        section("purpose", "Purpose of the Report", purpose),
        section("information", "Information and Advice", information),
        officer("strategies"),
        section("structure", "", _structure_paragraph(context),
                label="Reporting lines (written from the structure)"),
        officer("remit"),
        section("focus", "", _focus_paragraph(context, activities=_is_written(activities),
                                              localities=_is_written(localities)),
                label="What the report focuses on"),
        *activities,
        *localities,
        section("performance", PERFORMANCE_HEADING,
                "\n\n".join([six_monthly, latest,
                              narrative.performance_summary(context.performance)]), level=3),
        section("commissioning", COMMISSIONING_HEADING, _commissioning_paragraphs(context),
                level=3),
        *_participation_section(context),
        section("risks", RISKS_HEADING, _risks_paragraph(context), level=3),
        *_closing_sections(context, f"That the {context.committee} notes the contents of "
                                    "the report.", reasons=context.fill(REASONS)),
    ]
    return [one for one in sections if one["text"].strip() or one["style"] != NUMBERED
            or one["key"] in OFFICER_SECTIONS]


def _priority_progress(priority) -> str:
    counts = Counter(one.status_label.lower() for one in priority.actions)
    total = len(priority.actions)
    if not total:
        states = "no key actions are recorded"
    else:
        parts = [f"{number_in_words(count)} {'is' if count == 1 else 'are'} {label}"
                 for label, count in counts.most_common()]
        states = (f"of its {number_in_words(total)} key "
                  f"{'action' if total == 1 else 'actions'}, " + ", ".join(parts))
    body = getattr(priority.priority, "accountable_body", None)
    accountable = f" {body.name} is accountable for it." if body else ""
    return (f"Priority {priority.priority.number}, {priority.priority.title}: {states}."
            f"{accountable}")


def _meetings_paragraphs(context: Context) -> str:
    meetings = context.decisions or []
    if not meetings:
        return ("No meetings with published decisions or key messages are recorded for "
                "the year.")
    decisions = [decision for one in meetings for decision in one.decisions]
    lead = (f"The partnership's bodies held {number_in_words(len(meetings))} "
            f"{'meeting' if len(meetings) == 1 else 'meetings'} with published key messages "
            f"or decisions, and made {number_in_words(len(decisions))} "
            f"{'decision' if len(decisions) == 1 else 'decisions'} in public"
            + (", including:" if decisions else "."))
    bullets = [Bullet(f"{one.item.meeting.body.name}, {_date(one.item.meeting.starts_at.date())}: "
                      f"{one.text.rstrip('.')}")
               for one in decisions[:20]]
    return bullets_to_text(lead, bullets)


def _participation_section(context: Context) -> list[dict]:
    """What children and families said in the period and what changed; none when no
    engagement was held in it."""
    text = participation_paragraphs(
        context.participation, period=_month_range(context.period_start, context.as_at))
    return [section("participation", PARTICIPATION_HEADING, text, level=3)] if text else []


COMMISSIONING_HEADING = "Commissioning on evidence"


def _money(amount) -> str:
    return f"\u00a3{amount:,.0f}"


def _cited(decision) -> str:
    """What a decision rested on, in words: each indicator as it stood on the day."""
    parts = []
    for one in decision.cited_readings.all():
        england = (f"; England {one.england_value:g}, {one.compared_with_england}"
                   if one.england_value is not None and one.compared_with_england else "")
        stale = ", out of date then" if one.was_out_of_date else ""
        parts.append(f"{one.indicator.name} {one.value:.1f} {one.unit} ({one.period}{england}"
                     f"{stale})".replace("  ", " "))
    parts += [f"the needs assessment topic \u201c{topic.title}\u201d"
              for topic in decision.needs_topics.all()]
    parts += [f"what children and families said: \u201c{finding.title}\u201d"
              for finding in decision.findings.all()]
    return "; ".join(parts)


def _commissioning_paragraphs(context: Context, *, money_alone: bool = False) -> str:
    """Needs reviewed, services commissioned and decommissioned with the evidence cited, and
    the pooled budget by partner (issue 15; Middlesbrough 2010 paragraphs 11 and 24).

    The six-monthly report has the section only when the period saw a topic approved or a
    decision taken, so a quiet half-year keeps the seed's layout; the annual report
    (`money_alone`) gives the year's pooled funds even then."""
    summary = context.commissioning
    if summary is None or not (summary.has_activity
                               or (money_alone and summary.has_pooled_funds)):
        return ""
    period = _capital(_month_range(context.period_start, context.as_at))
    paragraphs = []
    if summary.topics_reviewed:
        paragraphs.append(bullets_to_text(
            f"{period}, these topics of the children and young people's chapter of the Joint "
            "Strategic Needs Assessment were approved:",
            [Bullet(f"{topic.title}, by {_the(topic.owner_body.name)} on "
                    f"{_date(topic.approved_on)}") for topic in summary.topics_reviewed]))
    if summary.decisions:
        paragraphs.append(bullets_to_text(
            f"{period}, these commissioning decisions were taken, each on the evidence cited:",
            [Bullet(f"{one.get_kind_display()} {one.service.name} "
                    f"({one.item.meeting.body.name}, {_date(one.decided_on)}), resting on "
                    f"{_cited(one)}") for one in summary.decisions]))
    pooled = summary.pooled
    if pooled and pooled.pooled_by_partner:
        total = sum(line.amount for line in pooled.pooled_by_partner)
        paragraphs.append(bullets_to_text(
            f"The partners' pooled funds for {pooled.year_label} come to {_money(total)}:",
            [Bullet(f"{line.name}: {_money(line.amount)}")
             for line in pooled.pooled_by_partner]))
    return "\n\n".join(paragraphs)
def _recommendations_paragraphs(context: Context) -> str:
    """How the recommendations made to the partnership stand, source by source (the
    recommendations register; Middlesbrough's scrutiny panel, paragraphs 19-26)."""
    sources = [one for one in context.recommendations or [] if one.total]
    if not sources:
        return ""
    bullets = []
    for one in sources:
        source = one.source
        responses, statuses = one.responses, one.statuses
        parts = [f"{number_in_words(one.total)} "
                 f"{'recommendation' if one.total == 1 else 'recommendations'}",
                 f"{number_in_words(one.accepted)} accepted in whole or part"]
        if responses.get("not_accepted"):
            parts.append(f"{number_in_words(responses['not_accepted'])} not accepted")
        if responses.get("awaited"):
            parts.append(f"{number_in_words(responses['awaited'])} awaiting a response")
        parts.append(f"{number_in_words(one.done)} done")
        if statuses.get("in_progress"):
            parts.append(f"{number_in_words(statuses['in_progress'])} in progress")
        if one.overdue_actions:
            parts.append(f"{number_in_words(one.overdue_actions)} "
                         f"{'action' if one.overdue_actions == 1 else 'actions'} overdue")
        note = " (responses and progress illustrative)" if source.is_illustrative else ""
        bullets.append(Bullet(f"{source.title} ({source.get_kind_display().lower()}, "
                              f"{source.made_by}): {', '.join(parts)}{note}"))
    return bullets_to_text(
        f"The partnership follows every recommendation made to it, from its response to "
        f"done, in its recommendations register. As at {_date(context.as_at)}:", bullets)


def annual_sections(context: Context) -> list[dict]:
    """The partnership's annual report: the year's progress on each priority, the
    indicators, and the meetings held and decisions made."""
    performance = context.performance
    purpose = (f"To present the annual report of {context.partnership} for the year "
               f"{_month_range(context.period_start, context.as_at)}: progress on the "
               f"{context.plan.title}, its performance indicators, and the decisions its "
               "bodies made.")
    priorities = "\n\n".join(_priority_progress(one) for one in performance.priorities)
    indicators = bullets_to_text(
        f"As at {_date(context.as_at)}, the performance indicators show that:",
        narrative.indicator_bullets(narrative.unique_indicators(performance), context.area))
    actions = bullets_to_text("Across the plan as a whole:",
                              [narrative.action_bullet(narrative.unique_actions(performance))])
    register = _recommendations_paragraphs(context)
    return [
        section("purpose", "Purpose of the Report", purpose),
        section("information", "Information and Advice",
                "\n\n".join([_partnership_paragraph(context), _plan_paragraph(context)])),
        section("priorities", "Progress on the priorities", actions + "\n\n" + priorities,
                level=3),
        section("indicators", "Performance indicators", indicators, level=3),
        section("meetings", "Meetings and decisions", _meetings_paragraphs(context), level=3),
        *([section("commissioning", COMMISSIONING_HEADING, commissioning, level=3)]
          if (commissioning := _commissioning_paragraphs(context, money_alone=True)) else []),
        *_participation_section(context),
        *([section("recommendations-register", "Recommendations made to the partnership",
                   register, level=3)] if register else []),
        *_closing_sections(
            context, f"That the {context.committee} notes the annual report of the "
                     f"{context.partnership}.",
            reasons=f"The report gives the {context.committee} the partnership's account of "
                    "its year, so that it can satisfy itself of the partnership's progress."),
    ]


def _exception_bullets(performance) -> list[Bullet]:
    bullets = []
    for one in narrative.unique_indicators(performance):
        if one.exceptions:
            words = ", ".join(one.exceptions)
            comment = f" Commentary: {one.commentary_text}" if one.commentary else ""
            bullets.append(Bullet(f"{one.indicator.name} ({words}).{comment}"))
    for one in narrative.unique_actions(performance):
        if one.exceptions or one.status in {"delayed", "at risk"}:
            words = ", ".join(one.exceptions) or one.status_label.lower()
            comment = f" Commentary: {one.commentary}" if one.commentary else ""
            bullets.append(Bullet(f"Key action {one.action.reference} {one.action.title} "
                                  f"({words}).{comment}"))
    return bullets


def update_sections(context: Context) -> list[dict]:
    """The regular update to the Health and Wellbeing Board, the council's executive or
    the NHS board: progress in brief and the matters outside tolerance."""
    recipient = context.committee
    performance = context.performance
    purpose = (f"To give the {recipient} its regular update on the progress of the "
               f"{context.partnership} in delivering the {context.plan.title}, as at "
               f"{_date(context.as_at)}, so that the {recipient} can question progress and "
               "take it into account in its own decisions.")
    link = (f"The {context.partnership} reports systematically to the {recipient} on its "
            "activities and achievements, so that the decision-making bodies of the partners "
            "can monitor the partnership's progress and be involved in the children's "
            "services agenda.")
    summary = bullets_to_text("In summary:", narrative.summary_bullets(performance))
    exceptions = _exception_bullets(performance)
    matters = (bullets_to_text("The following indicators and key actions are outside their "
                               "tolerance, with their owners' commentary:", exceptions)
               if exceptions else "No indicator or key action is outside its tolerance.")
    return [
        section("purpose", "Purpose of the Report", purpose),
        section("information", "Information and Advice", "\n\n".join([link, summary])),
        section("attention", f"Matters for the {recipient}'s attention", matters, level=3),
        *_closing_sections(
            context, f"That the {recipient} notes the progress reported and considers the "
                     "matters for its attention.",
            reasons=f"The update keeps the {recipient} informed of the partnership's "
                    "progress, as a systematic link between the partnership and the "
                    "partners' decision-making bodies requires."),
    ]


BUILDERS = {"performance": performance_sections, "annual": annual_sections,
            "update": update_sections}


def default_title(kind: str, partnership: str, committee: str, as_at: datetime.date) -> str:
    if kind == "annual":
        return f"Annual report of {partnership} {as_at.year - 1}-{as_at:%y}"
    if kind == "update":
        return f"{partnership}: update to the {committee}"
    return f"Officer group report: {partnership}"


def default_sections(context: Context) -> list[dict]:
    return BUILDERS[context.kind](context)
