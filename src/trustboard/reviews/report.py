"""The board review report: the committee report of the 2015 Nottinghamshire review,
written from the review's data.

Its shape follows the seed: Purpose of the Report (paragraphs 1-2); Information and Advice
with the background (3-7), the findings of the questionnaire (8-18, its scaled questions in
Table 1 with their weighted average scores), the interviews (19-21), and the possible
option (22-35, here the governance scenario the review proposes set beside "current", with
its meeting hours); Other Options Considered; Reason/s; Statutory and Policy Implications;
RECOMMENDATION/S. The report is a reports.Report of kind "review", so it is edited, issued,
frozen and downloaded as HTML, DOCX and PDF like the others; its RECOMMENDATION/S land in
the recommendations register when it is issued.

Text people typed (comments, notes, themes) is flattened to one line before it joins the
sections' markup, so a typed "- " or blank line cannot make points or paragraphs; the
renderers escape it (HTML templates, python-docx, WeasyPrint from the escaped HTML).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from trustboard.core.errors import RuleError
from trustboard.core.services import number_next, record_save
from trustboard.reports.document import PLAIN, RECOMMENDATIONS, ReportDocument, document_build
from trustboard.reports.models import Report, ReportKind
from trustboard.reports.narrative import Bullet, bullets_to_text, number_in_words
from trustboard.reports.sections import BACKGROUND_NOTE, STATUTORY, section
from trustboard.reports.services import partnership_name, report_files_refresh
from trustboard.reviews.followup_models import IntervieweeGroup, ReviewReport
from trustboard.reviews.interview_selectors import InterviewSummary, interview_summary

Progress = Callable[[int, int, str], None]

#: The steps the report takes, for the job's progress bar.
STEPS = ("Reading the review's answers and interviews", "Comparing the proposed option",
         "Writing the sections", "Writing the HTML, Word and PDF files")
TABLE_1_CAPTION = "Table 1 Answers to the review questions with a scaled answer"
TABLE_1_HEADERS = ["Review Question", "Weighted average score"]
DEFAULT_COMMITTEE = "Children's Trust Board"


def _quiet(done: int, total: int, stage: str) -> None:
    """Progress nobody watches."""


def one_line(text: str) -> str:
    """Typed text as one line of a section: its own blank lines and "- " cannot become
    paragraphs or points of the report."""
    return " ".join(str(text or "").split())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date(day: datetime.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


@dataclass(frozen=True)
class ScaledFinding:
    question: str
    score: str  # one decimal, as Table 1 prints it


@dataclass(frozen=True)
class QuestionFinding:
    """A question's answers in words ("Seven of the nine respondents ...") and comments."""

    sentence: str
    comments: list[str]


@dataclass(frozen=True)
class SurveyFindings:
    respondents: int
    invited: int
    respondent_noun: str  # "Board Members"
    questions: list[QuestionFinding]
    scaled: list[ScaledFinding]


@dataclass(frozen=True)
class OptionFindings:
    scenario: object  # governance.models.Scenario
    comparison: object | None  # governance.metrics.Comparison with "current"


def _hours(value: Decimal) -> str:
    """Hours as the governance pages print them: 1,216 or 2.5."""
    return f"{int(value):,}" if value == value.to_integral() else f"{value:,.1f}"


def option_findings(review) -> OptionFindings | None:
    """The arrangement the review proposes, compared with the structure as it is."""
    from trustboard.governance.metrics import scenario_comparison
    from trustboard.governance.selectors import scenario_current

    scenario = review.scenario_proposed
    if scenario is None:
        return None
    current = scenario_current()
    if current is None or current.pk == scenario.pk:
        return OptionFindings(scenario=scenario, comparison=None)
    return OptionFindings(scenario=scenario,
                          comparison=scenario_comparison(current, scenario))


def _option_paragraphs(findings: OptionFindings, partnership: str) -> str:
    scenario, comparison = findings.scenario, findings.comparison
    paragraphs = [f"This section of the report outlines a possible option for the future "
                  f"arrangements of {partnership}, drawn as the arrangement "
                  f"\u201c{one_line(scenario.name)}\u201d. It takes into account a number of "
                  "the suggestions made as part of the review."]
    description = one_line(getattr(scenario, "description", ""))
    if description:
        paragraphs.append(description)
    if comparison is not None:
        before = [one for one in comparison.body_hours_before]
        after = [one for one in comparison.body_hours_after]
        change = comparison.total_hours_change
        direction = ("a fall of" if change < 0 else "a rise of" if change > 0 else
                     "no change:")
        paragraphs.append(
            f"Set beside the current arrangements (\u201c{comparison.before}\u201d), the "
            f"option has {number_in_words(len(after))} "
            f"{'body' if len(after) == 1 else 'bodies'} where there are now "
            f"{number_in_words(len(before))}, and its meetings would take "
            f"{_hours(comparison.total_hours_after)} hours of members' time a year against "
            f"{_hours(comparison.total_hours_before)} now, {direction} "
            f"{_hours(abs(change))} hours (meetings a year \u00d7 length \u00d7 members, "
            "counting the bodies whose members are recorded).")
        bullets = [Bullet(f"{one.name}: {number_in_words(one.meetings_per_year)} meetings a "
                          f"year of {_hours(one.meeting_hours)} hours"
                          + (f", {number_in_words(one.members)} members, "
                             f"{_hours(one.hours_per_year)} hours a year"
                             if one.is_known else ", members not recorded"))
                   for one in after]
        if bullets:
            paragraphs.append(bullets_to_text("Under the option:", bullets))
        changes = [Bullet(str(one)) for one in comparison.bodies_replaced]
        changes += [Bullet(f"{name} would be new") for name in comparison.bodies_added]
        changes += [Bullet(f"{name} would end") for name in comparison.bodies_removed]
        if changes:
            paragraphs.append(bullets_to_text("Compared with the current arrangements:",
                                              changes))
    paragraphs.append("This proposed option will require further work on its development "
                      "including consultation with stakeholders before a final decision can "
                      "be made.")
    return "\n\n".join(paragraphs)


def _survey_paragraphs(survey: SurveyFindings, committee: str) -> list[str]:
    noun = survey.respondent_noun
    paragraphs = [f"{_capital(number_in_words(survey.respondents))} {noun} responded to the "
                  f"questionnaire"
                  + (f", of the {number_in_words(survey.invited)} invited."
                     if survey.invited else ".")]
    for finding in survey.questions:
        comments = [Bullet(one_line(comment)) for comment in finding.comments if
                    comment.strip()]
        lead = one_line(finding.sentence)
        if comments and not lead.endswith(":"):
            lead += f" {noun} made the following comments:"
        paragraphs.append(bullets_to_text(lead, comments))
    return paragraphs


def _scaled_lead(survey: SurveyFindings) -> str:
    return (f"A number of the questions asked {survey.respondent_noun} to rank their answers "
            "on a scale of 1 to 10 (with 1 being the lowest). Table 1 below lists the "
            "responses to these questions.")


def _interview_paragraphs(summary: InterviewSummary, board: str) -> list[str]:
    members = summary.count(IntervieweeGroup.MEMBER)
    managers = summary.count(IntervieweeGroup.SENIOR_MANAGER)
    others = summary.count(IntervieweeGroup.OTHER)
    parts = []
    if members:
        parts.append(f"{members} {'member' if members == 1 else 'members'} of the {board}")
    if managers:
        parts.append(f"{managers} Senior {'Manager' if managers == 1 else 'Managers'}")
    if others:
        parts.append(f"{others} other {'stakeholder' if others == 1 else 'stakeholders'}")
    text = "Individual interviews were undertaken with " + (
        ", as well as ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1
        else parts[0]) + "."
    if any(one.is_illustrative for one in summary.interviews):
        text += (" Illustrative: which interviewee made which point, and the interviews' "
                 "dates, are made up for the demonstration.")
    paragraphs = [text]
    for theme in summary.themes:
        quotes = [Bullet(f"\u201c{one_line(quote.text)}\u201d ({one_line(quote.source)})")
                  for quote in theme.quotes]
        paragraphs.append(bullets_to_text(
            f"{one_line(theme.name)}: raised by {number_in_words(theme.sources)} of the "
            f"{number_in_words(theme.of)} interviewees.", quotes))
    return paragraphs


@dataclass(frozen=True)
class ReviewContext:
    review: object
    partnership: str
    committee: str
    report_of: str
    contact: str
    survey: SurveyFindings | None
    interviews: InterviewSummary
    option: OptionFindings | None
    started_on: datetime.date | None
    ended_on: datetime.date | None


def review_sections(context: ReviewContext) -> list[dict]:
    """The report's sections, written from the review's data, for an officer to edit."""
    partnership, committee = context.partnership, context.committee
    when = (f" undertaken between {context.started_on:%B} and {context.ended_on:%B %Y}"
            if context.started_on and context.ended_on else "")
    purpose = [f"To provide the {committee} with details of the findings from the review of "
               f"{partnership}{when}."]
    if context.option is not None:
        purpose.append(f"To outline a possible option for the arrangements of {partnership} "
                       f"for further discussion with {committee} Members and other key "
                       "stakeholders.")
    managers = [one for one in context.interviews.interviews
                if one.group == IntervieweeGroup.SENIOR_MANAGER]
    parts = ["a questionnaire completed by Board Members" if context.survey else "",
             "follow up interviews with Board Members and other key stakeholders"
             if context.interviews.total else ""]
    parts = [one for one in parts if one]
    method = ""
    if parts:
        lead = (f"The review was undertaken in {number_in_words(len(parts))} "
                f"{'part' if len(parts) == 1 else 'parts'}: {' and '.join(parts)}"
                + (" including:" if managers else "."))
        method = bullets_to_text(lead, [Bullet(
            one_line(f"The {one.role}, {one.organisation}"
                     + (f", regarding {one.topic}" if one.topic else "")))
            for one in managers])
    background = "\n\n".join(part for part in (
        f"{partnership} is a partnership of organisations that provide services to children, "
        "young people and families. It was established to meet the requirement of the "
        "Children Act 2004 to make arrangements to promote cooperation to improve children's "
        "wellbeing between partner agencies.", method) if part)
    sections = [
        section("purpose", "Purpose of the Report", "\n\n".join(purpose)),
        section("information", "Information and Advice", ""),
        section("background", "Background", background, level=3),
    ]
    if context.survey is not None:
        sections.append(section("survey", "The findings of the review",
                                "\n\n".join(_survey_paragraphs(context.survey, committee)),
                                level=3))
        if context.survey.scaled:
            scaled = section("scaled", "", _scaled_lead(context.survey), level=3,
                             label="The scaled questions (Table 1 follows, from the answers)")
            scaled["table"] = {"caption": TABLE_1_CAPTION, "headers": TABLE_1_HEADERS,
                               "rows": [[one_line(one.question), one.score]
                                        for one in context.survey.scaled]}
            sections.append(scaled)
    if context.interviews.total:
        sections.append(section("interviews", "Interviews", "\n\n".join(
            _interview_paragraphs(context.interviews, committee)), level=3))
    if context.option is not None:
        sections.append(section("option", f"Possible option for the arrangements of "
                                          f"{partnership}",
                                _option_paragraphs(context.option, partnership), level=3))
    signature = "\n".join(line for line in (context.report_of, "", "For any enquiries about "
                                            "this report please contact:", context.contact))
    sections += [
        section("options", "Other Options Considered",
                "The option outlined takes into account a number of the suggestions made "
                "as part of the review. Other arrangements, including keeping the current "
                "arrangements, remain open until the further consultation with stakeholders "
                "is complete."),
        section("reasons", "Reason/s for Recommendation/s",
                f"The review gives the {committee} the views of its members and key "
                "stakeholders on how well the partnership works, to inform its decisions "
                "about its future arrangements."),
        section("statutory", "Statutory and Policy Implications", STATUTORY),
        section("recommendations", "RECOMMENDATION/S", "\n\n".join([
            f"The {committee} notes the findings of the review as outlined in this report.",
            f"The {committee} identifies and agrees the next stages of the review including "
            "further consultation which might be required."]), style=RECOMMENDATIONS),
        section("signature", "", signature.strip(), style=PLAIN),
        section("background-papers", "Background Papers", BACKGROUND_NOTE, style=PLAIN),
    ]
    return [one for one in sections if one["text"].strip() or one["key"] == "information"]


def _choice_sentence(question, respondents: int) -> str:
    """A choice question's answers in words, the review's way: "Seven of the nine
    respondents answered “Yes” to the question ...", or "an equal split"."""
    from trustboard.reviews.models import QuestionKind

    text = one_line(question.text)
    options = [one for one in question.options if one.count]
    if not options:
        return f"No respondent answered the question \u201c{text}\u201d."
    if question.kind == QuestionKind.YES_NO:
        counts = sorted(options, key=lambda one: -one.count)
        if len(counts) == 2 and counts[0].count == counts[1].count:
            return (f"There was an equal split between respondents to the question "
                    f"\u201c{text}\u201d.")
        top = counts[0]
        return (f"{_capital(top.share)} answered \u201c{one_line(top.option)}\u201d to the "
                f"question \u201c{text}\u201d.")
    parts = [f"{one.share} chose \u201c{one_line(one.option)}\u201d" for one in options]
    return f"In answer to the question \u201c{text}\u201d, " + "; ".join(parts) + "."


def survey_findings(review) -> SurveyFindings | None:
    """The questionnaires' findings from the review's results (reviews.selectors): each
    choice question's answers in words with its comments, each free-text question's
    answers, and Table 1."""
    from trustboard.reviews.models import CHOICE_KINDS, QuestionKind
    from trustboard.reviews.selectors import review_results

    results = review_results(review=review)
    if not results.questionnaires:
        return None
    respondents = sum(one.respondents for one in results.questionnaires)
    invited = sum(one.invited for one in results.questionnaires)
    questions = []
    for survey in results.questionnaires:
        for question in survey.questions:
            comments = [one.text for one in question.comments]
            if question.kind in CHOICE_KINDS:
                questions.append(QuestionFinding(_choice_sentence(question, respondents),
                                                 comments))
            elif question.kind != QuestionKind.SCALE and comments:
                questions.append(QuestionFinding(
                    f"In response to the question \u201c{one_line(question.text)}\u201d "
                    "the following suggestions were made:", comments))
    scaled = [ScaledFinding(one_line(row.text), row.average_text)
              for row in results.table_1 if row.answered]
    return SurveyFindings(respondents=respondents, invited=invited,
                          respondent_noun="Board Members", questions=questions, scaled=scaled)


def _plan_for(day: datetime.date):
    from trustboard.plans.models import Plan

    plan = (Plan.objects.filter(starts_on__lte=day).order_by("-starts_on").first()
            or Plan.objects.order_by("starts_on").first())
    if plan is None:
        raise RuleError("A report needs the partnership's plan: add the plan first.")
    return plan


def review_dates(review) -> tuple[datetime.date | None, datetime.date | None]:
    return review.starts_on, review.ends_on


def review_report_prepare(*, review, committee: str = DEFAULT_COMMITTEE,
                          meeting_date: datetime.date | None = None, agenda_item: str = "",
                          report_of: str = "", contact: str = "", title: str = "",
                          progress: Progress | None = None) -> Report:
    """An unsaved review report with its sections written from the review's data."""
    progress = progress or _quiet
    total = len(STEPS)
    progress(0, total, STEPS[0])
    survey = survey_findings(review)
    interviews = interview_summary(review=review)
    progress(1, total, STEPS[1])
    option = option_findings(review)
    progress(2, total, STEPS[2])
    started_on, ended_on = review_dates(review)
    partnership = partnership_name()
    context = ReviewContext(review=review, partnership=partnership, committee=committee,
                            report_of=report_of, contact=contact, survey=survey,
                            interviews=interviews, option=option, started_on=started_on,
                            ended_on=ended_on)
    as_at = ended_on or meeting_date or datetime.date.today()
    return Report(kind=ReportKind.REVIEW, plan=_plan_for(as_at), as_at=as_at,
                  title=title or f"Review of {partnership}", committee=committee,
                  meeting_date=meeting_date, agenda_item=agenda_item, report_of=report_of,
                  sections=review_sections(context))


def review_report_document(report: Report) -> ReportDocument:
    return document_build(report, None, partnership=partnership_name())


@transaction.atomic
def review_report_draft_create(*, review, by, progress: Progress | None = None,
                               files: bool = True, **fields) -> Report:
    """Write a new draft of the review's report, the next version if there is one, with
    its HTML, DOCX and PDF (`files=False` leaves them until first asked for)."""
    progress = progress or _quiet
    report = review_report_prepare(review=review, progress=progress, **fields)
    report.version = number_next(
        among=Report.objects.filter(review_link__review=review), field="version",
        lock=type(review).objects.filter(pk=review.pk))
    report.created_by = by if by is not None and by.is_authenticated else None
    record_save(report, by=report.created_by)
    record_save(ReviewReport(review=review, report=report), by=report.created_by)
    if files:
        progress(3, len(STEPS), STEPS[3])
        report_files_refresh(report=report, by=report.created_by)
    progress(len(STEPS), len(STEPS), "Done")
    return report
