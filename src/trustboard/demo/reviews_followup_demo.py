"""The 2015 review's interviews, report and recommendations, and Middlesbrough's scrutiny
recommendations in the register, through the reviews' services.

From the seeds: the interviewees' groups and counts (8 members, 3 senior managers, review
paragraphs 7 and 19), the senior managers' posts and topics (paragraph 7), the points made
(paragraphs 20-21), the option (the "proposed 2015" scenario, Diagram 1), the report's
recommendations (RECOMMENDATION/S 1 and 2), and the scrutiny panel's recommendations
(Middlesbrough, paragraphs 19-26, quoted). Illustrative, and marked so where shown: which
board member made which point and the interview dates; the panel's publication date is not
in the seed; the responses, owners, actions and progress on the panel's recommendations.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from trustboard.core.services import record_save
from trustboard.governance.models import Scenario
from trustboard.reports.services import report_issue
from trustboard.reviews.followup_models import Interview, IntervieweeGroup
from trustboard.reviews.interviews import interview_note_add, interview_save
from trustboard.reviews.models import Review
from trustboard.reviews.recommendation_models import (
    Recommendation,
    RecommendationAction,
    RecommendationSource,
    SourceKind,
)
from trustboard.reviews.recommendations import (
    recommendation_action_save,
    recommendation_respond,
    recommendation_save,
    recommendation_source_save,
)
from trustboard.reviews.report import review_report_draft_create

REVIEW_SLUG = "board-review-2015"
NCC = "Nottinghamshire County Council"

# Themes, from the review's paragraphs 20-21 and 7.
CHAMPION = "A champion for children and young people"
PLAN_FOCUS = "The CYPF Plan gives a focus"
MEETINGS = "Well organised, informative meetings"
PARTNERSHIP = "Brings key partners together"
PURPOSE = "Purpose and integrated commissioning role"
SCRUTINY = "A scrutiny role"
MEMBERSHIP = "Membership: providers, schools, the Police"
COMMUNICATION = "Communication with partners"
LOCALITY = "A locality based model"
HEALTH = "Relationship with the Health and Wellbeing Board"
PARTICIPATION = "Participation of children, young people and families"

#: (role, organisation, group, topic, [(note, themes)]): the points are the review's own
#: words; who made which is illustrative.
INTERVIEWS = [
    ("Lead Member for Children and Young People", NCC, IntervieweeGroup.MEMBER, "", [
        ("As a champion for children and young people", [CHAMPION]),
        ("The CYPF (Plan) which clearly expresses the priorities of the Trust and its "
         "partners, and provides a focus", [PLAN_FOCUS]),
        ("To review the purpose and responsibilities of the Children's Trust especially with "
         "regard to its integrated commissioning role", [PURPOSE])]),
    ("Corporate Director, Children, Families and Cultural Services", NCC,
     IntervieweeGroup.MEMBER, "", [
         ("The Children's Trust Board meetings are well organised and informative", [MEETINGS]),
         ("Agendas match the priorities and key actions of the CYPF Plan", [PLAN_FOCUS]),
         ("To develop a locality based model linking with the proposed locality groups "
          "(North, Central and South) proposed by the Health and Wellbeing Board",
          [LOCALITY])]),
    ("NHS commissioner", "NHS Nottinghamshire County", IntervieweeGroup.MEMBER, "", [
        ("The Trust brings together key partners in health, education and social care "
         "allowing, at a strategic level, the sharing of information across the partnership",
         [PARTNERSHIP]),
        ("To improve the communication with partners at a Senior level by utilising Board "
         "Members more effectively, especially the engagement with individual Clinical "
         "Commissioning Groups", [COMMUNICATION])]),
    ("Police superintendent", "Nottinghamshire Police", IntervieweeGroup.MEMBER, "", [
        ("The Police felt the agenda of the Help and Protection Executive would be more "
         "relevant to them", [MEMBERSHIP]),
        ("The Trust brings together key partners in health, education and social care",
         [PARTNERSHIP])]),
    ("Probation manager", "Nottinghamshire Probation Trust", IntervieweeGroup.MEMBER, "", [
        ("To consider the Board developing a scrutiny role; looking at the needs of children "
         "and young people and monitoring the outcomes delivered", [SCRUTINY]),
        ("The Board informs strategic developments", [PARTNERSHIP])]),
    ("Voluntary sector representative", "Nottinghamshire Community and Voluntary Sector",
     IntervieweeGroup.MEMBER, "", [
         ("To review membership to possibly include providers, as well as commissioners",
          [MEMBERSHIP]),
         ("As a champion for children and young people", [CHAMPION])]),
    ("Headteacher representative", "Nottinghamshire schools", IntervieweeGroup.MEMBER, "", [
        ("How the Board links with schools and other learning providers", [MEMBERSHIP]),
        ("The Children's Trust Board meetings are well organised and informative",
         [MEETINGS])]),
    ("District council representative", "District and borough councils of Nottinghamshire",
     IntervieweeGroup.MEMBER, "", [
         ("To consider the Board developing a scrutiny role", [SCRUTINY]),
         ("To improve the communication with partners at a Senior level", [COMMUNICATION])]),
    ("Associate Director for Public Health", NCC, IntervieweeGroup.SENIOR_MANAGER,
     "the Children's Trust and its relationship with the Health and Wellbeing Board / Strategy",
     [("Integrated commissioning groups, including the Children's Trust, will act as "
       "advisory groups to the place-based groups", [HEALTH, PURPOSE])]),
    ("Group Manager for Adolescence & Early Help Locality Services", NCC,
     IntervieweeGroup.SENIOR_MANAGER, "the Children's Trust's Participation Strategy and its "
     "impact on the engagement of children, young people and families in the business of the "
     "Trust",
     [("Consultation with children, young people and families is primarily delivered by "
       "services presenting to the Board", [PARTICIPATION])]),
    ("Group Manager for Childhood & Early Help Locality Services", NCC,
     IntervieweeGroup.SENIOR_MANAGER, "the future links between the Children's Trust and the "
     "Children and Young People Locality Management Groups",
     [("Link with the proposed locality groups (North, Central and South)", [LOCALITY])]),
]

#: Middlesbrough's Ad Hoc Children's Trust Scrutiny Panel, final report, paragraphs 19-26.
MIDDLESBROUGH = [
    ("19", "That the Children's Trust establishes a clear and systematic link with "
           "Middlesbrough Council's Executive and the Board of NHS Middlesbrough, to ensure "
           "that there is a regular dialogue about children's services, with two key decision "
           "making bodies. The Panel also seeks assurance that the Chief Executives of NHS "
           "Middlesbrough and Middlesbrough Council regularly monitor progress, to discharge "
           "their own responsibilities."),
    ("20", "That the new CYPP clearly identifies the priority areas for the Children's Trust "
           "to tackle until 2014. It should also clearly state how progress against those "
           "themes will be measured and specify what actions are expected from which partners "
           "to achieve those goals."),
    ("21", "That the Children's Trust critically appraises whether the Trust has access to a "
           "sufficiently strong research and intelligence function, to provide the high "
           "quality and current intelligence the Trust requires to discharge its duties "
           "effectively and provide the detailed evidence required to advance arguments about "
           "service and policy development."),
    ("22", "That the Children's Trust develops outcomes based measuring framework, which can "
           "outline the progress that the Children's Trust is making and the impact it is "
           "having. This should also be publicly available to ensure those not on the "
           "Children's Trust can satisfy themselves of the progress being made."),
    ("23", "That the Children's Trust asserts itself as the principal forum for the "
           "discussion of children's issues within Middlesbrough and takes steps to raise its "
           "profile to a level consistent with its importance."),
    ("24", "That the Children's Trust becomes much more heavily involved in influencing the "
           "commissioning and decommissioning of services for children and their families, "
           "making the case for service change where reliable intelligence supports the "
           "point. The Panel would like to hear how the Children's Trust will seek to do "
           "this."),
    ("25", "That the Children's Trust becomes much more involved in the wider debate about "
           "children's wellbeing in the town and takes every opportunity to influence public "
           "policy, to ensure that it is consistent with the needs of children and young "
           "people."),
    ("26", "That the Children's Trust partners increase the levels of integration between "
           "services to ensure maximum impact is delivered for the resources deployed. This "
           "should extend to the introduction of pooled or aligned budgets whenever most "
           "appropriate. The Panel would like to hear how the partners are advancing the "
           "sharing of expertise and resources to deliver a shared agenda."),
]
CHAIR = "Chair of the Children's Trust"
DCS = "Director of Children's Services"
INTELLIGENCE = "Head of Performance and Intelligence"
COMMISSIONING = "Head of Joint Commissioning"
d = datetime.date
#: Illustrative responses: number -> (response, reason, owner, responded on,
#: [(action, owner, due, status, progress, as at)]).
RESPONSES = {
    "19": ("accepted", "", CHAIR, d(2010, 11, 15), [
        ("Report to the Council's Executive and the Board of NHS Middlesbrough every six "
         "months", CHAIR, d(2011, 3, 31), "completed",
         "First reports received by both bodies in March 2011.", d(2011, 3, 31))]),
    "20": ("accepted", "", DCS, d(2010, 11, 15), [
        ("Agree the CYPP 2011-14 with its priorities, measures and partners' actions", DCS,
         d(2011, 4, 1), "completed", "Plan approved by all partners.", d(2011, 3, 28))]),
    "21": ("partly_accepted", "A shared research and intelligence function is accepted; a "
           "separate team for the Trust is not affordable in the present budgets.",
           INTELLIGENCE, d(2010, 11, 15), [
               ("Appraise the intelligence available to the Trust and agree a shared "
                "function with the Council and NHS Middlesbrough", INTELLIGENCE,
                d(2011, 9, 30), "on_schedule", "Appraisal reported to the Trust in June.",
                d(2011, 6, 30))]),
    "22": ("accepted", "", INTELLIGENCE, d(2010, 11, 15), [
        ("Publish the outcomes based measuring framework on the Council's website",
         INTELLIGENCE, d(2011, 6, 30), "delayed",
         "Waiting for the new plan's indicators to be agreed.", d(2011, 6, 30))]),
    "23": ("accepted", "", CHAIR, d(2010, 11, 15), []),
    "24": ("accepted", "", COMMISSIONING, d(2010, 11, 15), [
        ("Bring partners' commissioning and decommissioning intentions to the Trust "
         "before decisions are taken", COMMISSIONING, d(2011, 12, 31), "at_risk",
         "Two of four partners have brought their intentions.", d(2011, 6, 30))]),
    "25": ("not_accepted", "The Local Strategic Partnership leads the town's wider public "
           "policy debate; the Trust contributes through its chair's seat there.", CHAIR,
           d(2010, 11, 15), []),
    "26": ("partly_accepted", "Pooled or aligned budgets will be considered service by "
           "service, not introduced across the board.", COMMISSIONING, d(2010, 11, 15), [
               ("Propose an aligned budget for short breaks for disabled children",
                COMMISSIONING, d(2012, 3, 31), "not_started", "", None)]),
}


def _review(by) -> Review:
    """The 2015 review (the questionnaire's demo makes it; made here only if absent)."""
    review = Review.objects.filter(slug=REVIEW_SLUG).first()
    if review is None:
        review = record_save(Review(title="Review of the Nottinghamshire Children's Trust "
                                          "2015", slug=REVIEW_SLUG,
                                    starts_on=d(2015, 7, 1), ends_on=d(2015, 9, 30)), by=by)
    if review.scenario_proposed_id is None:
        review.scenario_proposed = Scenario.objects.get(name="proposed 2015")
        record_save(review, by=by)
    return review


def _interviews(review: Review, by) -> None:
    for index, (role, organisation, group, topic, notes) in enumerate(INTERVIEWS):
        interview = interview_save(interview=Interview(
            review=review, role=role, organisation=organisation, group=group, topic=topic,
            held_on=d(2015, 8, 3) + datetime.timedelta(days=3 * index),
            is_illustrative=True), by=by)
        for text, themes in notes:
            interview_note_add(interview=interview, text=text, themes=themes, by=by)


def _middlesbrough(by) -> None:
    source = recommendation_source_save(source=RecommendationSource(
        kind=SourceKind.SCRUTINY, title="Ad Hoc Children's Trust Scrutiny Panel: final report",
        slug="middlesbrough-childrens-trust-scrutiny",
        made_by="Middlesbrough Council, Ad Hoc Children's Trust Scrutiny Panel",
        addressed_to="Middlesbrough Children's Trust",
        asks="The Panel would like to hear how the Children's Trust will seek to do this "
             "(paragraph 24), and how the partners are advancing the sharing of expertise and "
             "resources to deliver a shared agenda (paragraph 26).",
        is_illustrative=True), by=by)
    for position, (number, text) in enumerate(MIDDLESBROUGH, start=1):
        recommendation = recommendation_save(recommendation=Recommendation(
            source=source, number=number, text=text, position=position), by=by)
        response, reason, owner, responded_on, actions = RESPONSES[number]
        recommendation_respond(recommendation=recommendation, response=response,
                               reason=reason, owner=owner, responded_on=responded_on, by=by)
        for action, action_owner, due_on, status, progress, updated_on in actions:
            recommendation_action_save(action=RecommendationAction(
                recommendation=recommendation, text=action, owner=action_owner,
                due_on=due_on, status=status, progress=progress, updated_on=updated_on),
                by=by)


def reviews_followup_demo_load() -> None:
    """Interviews and report of the 2015 review, and the register's recommendations."""
    by = get_user_model().objects.get(username="officer")
    review = _review(by)
    _interviews(review, by)
    report = review_report_draft_create(
        review=review, by=by, files=False, committee="Children's Trust Board",
        report_of="Senior Practitioner, Strategy and Planning",
        contact="Chris Jones\nSenior Practitioner, Strategy and Planning",
        title="Review of the Nottinghamshire Children's Trust Board")
    report_issue(report=report, by=by, files=False)
    _middlesbrough(by)
