"""Nottinghamshire's meetings of 2012-13, loaded through the meetings services.

The Children's Trust Executive met about every two months and approved the strategies the
January 2013 report names; two of its items were exempt under Schedule 12A paragraph 3.
Every agenda starts with the standard items; the exempt items follow the exclusion of the
press and public and show the public only their paragraph and a public title. Once a year
the Trust met jointly with the Safeguarding Children Board (2015 review, paragraph 11: "A
joint meeting each year, as previously held").
"""

import io
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.core.files import File
from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document

from trustboard.core.pdf import html_to_pdf
from trustboard.demo.interests_demo import interests_demo_load
from trustboard.governance.models import Body, Membership, Person
from trustboard.meetings.models import (
    Action,
    AgendaItem,
    AttendanceStatus,
    Decision,
    DecisionKind,
    ExemptParagraph,
    KeyMessage,
    Meeting,
    MeetingStatus,
    Purpose,
)
from trustboard.meetings.services import (
    action_save,
    agenda_item_save,
    attendance_record,
    decision_save,
    key_message_save,
    meeting_save,
    minutes_approve,
    minutes_draft,
    next_meeting,
    pack_publish,
    paper_upload,
)
from trustboard.plans.models import KeyAction, Priority

EXECUTIVE = "Children's Trust Executive"
HEALTH_AND_WELLBEING_BOARD = "Nottinghamshire Health and Wellbeing Board"
SAFEGUARDING_BOARD = "Nottinghamshire Safeguarding Children Board"
COMMITTEE = "Children and Young People's Committee"
COUNTY_HALL = "County Hall, West Bridgford, Nottingham"

# Each item: (title, purpose, presenter, exempt paragraph or None, decision or None,
# action or None). A decision is (kind, text, target body or None, deadline or None);
# an action is (text, owner, due date).
EXECUTIVE_MEETINGS = [
    (date(2012, 5, 17), [
        ("Youth Homelessness Strategy", Purpose.DECISION, "Group Manager Early Help (placeholder)",
         None, (DecisionKind.APPROVE_STRATEGY, "The Youth Homelessness Strategy was approved.",
                None, None),
         ("Publish the Youth Homelessness Strategy to partners",
          "Group Manager Early Help (placeholder)", date(2012, 6, 29))),
        ("Multi-Agency Safeguarding Hub (MASH)", Purpose.DISCUSSION,
         "Deputy Director (placeholder)", None, None,
         ("Bring the MASH implementation plan to the Executive",
          "Deputy Director (placeholder)", date(2012, 11, 15))),
        ("CYPF Plan: performance report", Purpose.ASSURANCE,
         "Team Manager Planning (placeholder)", None, None, None),
    ], ["The Executive approved the Youth Homelessness Strategy; partners will receive it by "
        "the end of June.",
        "Work has started on a Multi-Agency Safeguarding Hub bringing police, health and "
        "children's social care together."]),
    (date(2012, 7, 12), [
        ("Looked After Children Strategy", Purpose.DECISION, "Deputy Director (placeholder)",
         None, (DecisionKind.APPROVE_STRATEGY, "The Looked After Children Strategy was "
                                               "approved.", None, None), None),
        ("Pathway to Provision", Purpose.DISCUSSION,
         "Service Director Education (placeholder)", None, None,
         ("Report the Pathway to Provision consultation to the Executive",
          "Service Director Education (placeholder)", date(2012, 9, 20))),
        ("Award of the young carers support contract", Purpose.DECISION,
         "Deputy Director (placeholder)", ExemptParagraph.FINANCIAL,
         (DecisionKind.NOTE, "The Executive endorsed the preferred bidder for the young carers "
                             "support contract at the tendered price.", None, None), None),
    ], ["The Looked After Children Strategy is approved: every partner has a part in being a "
        "good corporate parent.",
        "Pathway to Provision, planning education places for children with special needs, "
        "is out to consultation."]),
    (date(2012, 9, 20), [
        ("Pathway to Provision: consultation findings", Purpose.DISCUSSION,
         "Service Director Education (placeholder)", None,
         (DecisionKind.NOTE, "The Executive noted the consultation findings on Pathway to "
                             "Provision.", None, None), None),
        ("CYPF Plan: six-monthly progress", Purpose.ASSURANCE,
         "Team Manager Planning (placeholder)", None,
         (DecisionKind.RECOMMEND, "The six-monthly progress report is commended to the "
                                  "Committee.", COMMITTEE, None), None),
    ], ["Six-monthly progress on the seven CYPF Plan priorities goes to the Children and Young "
        "People's Committee."]),
    (date(2012, 11, 15), [
        ("Multi-Agency Safeguarding Hub: implementation plan", Purpose.DISCUSSION,
         "Deputy Director (placeholder)", None,
         (DecisionKind.NOTE, "The Executive supported the MASH implementation plan.", None,
          None), None),
        ("Residential placement costs: named provider negotiations", Purpose.DECISION,
         "Deputy Director (placeholder)", ExemptParagraph.FINANCIAL,
         (DecisionKind.NOTE, "Officers are authorised to settle placement fees with the named "
                             "provider within the agreed ceiling.", None, None),
         ("Conclude the negotiations with the named provider", "Deputy Director (placeholder)",
          date(2013, 1, 17))),
    ], ["The Multi-Agency Safeguarding Hub implementation plan has the Executive's support."]),
    (date(2013, 1, 17), [
        ("Review of the Children's Trust arrangements", Purpose.INFORMATION,
         "Corporate Director (placeholder)", None, None, None),
        ("CYPF Plan: annual refresh", Purpose.DECISION, "Team Manager Planning (placeholder)",
         None, (DecisionKind.RECOMMEND, "The refreshed CYPF Plan is recommended to the "
                                        "Committee for approval.", COMMITTEE, None), None),
    ], ["The refreshed CYPF Plan goes to the Children and Young People's Committee for "
        "approval."]),
    (date(2013, 3, 21), [
        ("Multi-Agency Safeguarding Hub: first months", Purpose.ASSURANCE,
         "Police superintendent (placeholder)", None, None, None),
    ], ["The Multi-Agency Safeguarding Hub is handling referrals from partners."]),
]

HEALTH_AND_WELLBEING_MEETINGS = [
    (date(2012, 6, 6), [("Joint Health and Wellbeing Strategy: children and young people",
                         Purpose.DISCUSSION, "Associate Director Public Health (placeholder)",
                         None, None, None)],
     ["Children and young people are a priority of the Joint Health and Wellbeing Strategy."]),
    (date(2012, 10, 3), [("Children's Trust Executive: report", Purpose.INFORMATION,
                          "Corporate Director (placeholder)", None, None, None)], []),
    (date(2013, 2, 6), [("Joint Strategic Needs Assessment: children's chapter",
                         Purpose.DECISION, "Associate Director Public Health (placeholder)",
                         None, (DecisionKind.NOTE, "The children's chapter was approved.", None,
                                None), None)],
     ["The children's chapter of the Joint Strategic Needs Assessment is approved."]),
]

# What the public sees of each exempt item (illustrative); one keeps the generic title.
PUBLIC_TITLES = {"Award of the young carers support contract": "Award of a support contract "
                                                               "(illustrative public title)"}

# The joint meeting of the Safeguarding Children Board (leading) and the Executive: 2015
# review, paragraph 11. Its day and items are illustrative.
JOINT_MEETING = (date(2012, 12, 13), [
    ("Annual report of the Safeguarding Children Board", Purpose.INFORMATION,
     "NSCB independent chair (placeholder)", None,
     (DecisionKind.NOTE, "The annual report of the Safeguarding Children Board was received "
                         "by both boards (illustrative).", None, None), None),
    ("Aligning the two boards' business plans", Purpose.DISCUSSION,
     "Deputy Director (placeholder)", None,
     (DecisionKind.AGREE, "The two boards will align their business plans and avoid "
                          "duplicating business (illustrative).", None, None),
     ("Draft a joint forward plan for the two boards", "Deputy Director (placeholder)",
      date(2013, 3, 21))),
], ["The Children's Trust and the Safeguarding Children Board met jointly, as they do once a "
    "year, and will align their business plans."])

# Members who sent apologies, by meeting number (from 0), so the quorum and rates vary.
APOLOGIES = {1: ["Probation manager (placeholder)"], 3: ["Headteacher representative "
                                                          "(placeholder)",
                                                          "NHS commissioner, Bassetlaw "
                                                          "(placeholder)"]}


PLAN_SLUG = "cypf-2011-14"

# Agenda items and what of the CYPF Plan 2011-14 they cover: (priority numbers, key actions).
# Priorities 4, 5 and 7 come to no agenda in 2012-13, so the coverage page has gaps to show.
PLAN_LINKS = {
    "Youth Homelessness Strategy": ([6], ["6.1"]),
    "Multi-Agency Safeguarding Hub (MASH)": ([1], ["1.1"]),
    "Looked After Children Strategy": ([1], []),
    "Pathway to Provision": ([2], ["2.1"]),
    "Pathway to Provision: consultation findings": ([2], ["2.1"]),
    "Award of the young carers support contract": ([3], []),
    "Multi-Agency Safeguarding Hub: implementation plan": ([1], ["1.1"]),
    "Residential placement costs: named provider negotiations": ([1], ["1.2"]),
    "Multi-Agency Safeguarding Hub: first months": ([1], ["1.1"]),
    "Joint Health and Wellbeing Strategy: children and young people": ([3], []),
    "Joint Strategic Needs Assessment: children's chapter": ([3], []),
}

# Papers, rendered to small PDFs at load time: meeting day, item title, paper title and its
# paragraphs (quoting the January 2013 report where it speaks of the subject).
PAPERS = [
    (date(2012, 5, 17), "Youth Homelessness Strategy", "Nottinghamshire Youth Homelessness "
     "Strategy", ["The Children's Trust has given its partnership approval to a number of key "
                  "strategies that relate to priorities in the CYPF Plan, including "
                  "Nottinghamshire's Youth Homelessness Strategy (report to the Children and "
                  "Young People's Committee, 14 January 2013, paragraph 12).",
                  "Illustrative paper for the demonstration partnership."]),
    (date(2012, 5, 17), "Multi-Agency Safeguarding Hub (MASH)", "MASH: proposal to partners",
     ["Nottinghamshire's Multi-agency Safeguarding Hub (MASH) brings police, health and "
      "children's social care together (2013 report, paragraph 12).",
      "Illustrative paper for the demonstration partnership."]),
    (date(2012, 7, 12), "Looked After Children Strategy", "Nottinghamshire Looked After "
     "Children Strategy", ["Among the strategies the Children's Trust approved: "
                           "Nottinghamshire's Looked After Children Strategy (2013 report, "
                           "paragraph 12).",
                           "Illustrative paper for the demonstration partnership."]),
    (date(2012, 7, 12), "Pathway to Provision", "Pathway to Provision: consultation document",
     ["As well as including this development as a regular discussion item, the Children's "
      "Trust supported Stakeholder Conferences across Nottinghamshire, during October and "
      "November (2013 report, paragraph 12).",
      "Illustrative paper for the demonstration partnership."]),
    (date(2012, 7, 12), "Award of the young carers support contract", "Young carers support "
     "contract: tender evaluation", ["Exempt: Local Government Act 1972, Schedule 12A, "
                                     "paragraph 3.", "Illustrative paper: no real tender."]),
]
# Papers uploaded as Word documents, as many are: laid out as PDF, their pages are in the pack.
WORD_PAPERS = {"Pathway to Provision: consultation document"}
# Published with the pack of the meeting of 12 July 2012, then added as its supplement.
SUPPLEMENT = (date(2012, 7, 12), "Pathway to Provision", "Pathway to Provision: equality "
              "impact assessment", ["Added after the agenda pack was published, as a "
                                    "supplement: version 2 of the pack lists it.",
                                    "Illustrative paper for the demonstration partnership."])


def meetings_demo_load() -> None:
    """Load the 2012-13 meetings of the Children's Trust Executive and the Health and Wellbeing
    Board of the current scenario, with papers, agenda packs and approved minutes."""
    by = get_user_model().objects.get(username="officer")
    bodies = {body.name: body for body in Body.objects.filter(scenario__slug="current")}
    people = {person.name: person for person in Person.objects.all()}
    _body_meetings(bodies[EXECUTIVE], EXECUTIVE_MEETINGS, bodies, people, by, hour=14)
    _body_meetings(bodies[HEALTH_AND_WELLBEING_BOARD], HEALTH_AND_WELLBEING_MEETINGS, bodies,
                   people, by, hour=10)
    _body_meetings(bodies[SAFEGUARDING_BOARD], [JOINT_MEETING], bodies, people, by, hour=14,
                   joint=[bodies[EXECUTIVE]])
    _papers_and_packs(bodies[EXECUTIVE], by)
    interests_demo_load(body=bodies[EXECUTIVE])  # before the minutes, which record them
    _minutes(bodies[EXECUTIVE], by)
    minutes_draft(meeting=Meeting.objects.get(body=bodies[SAFEGUARDING_BOARD]), by=by)


def _paper_pdf(title: str, paragraphs: list[str]) -> bytes:
    return html_to_pdf(render_to_string("demo/paper.html",
                                        {"title": title, "paragraphs": paragraphs}))


def _item_on(body, day: date, title: str) -> AgendaItem:
    return AgendaItem.objects.get(meeting__body=body, meeting__starts_at__date=day, title=title)


def _paper_docx(title: str, paragraphs: list[str]) -> bytes:
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "en-GB"
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _upload(body, spec, by) -> None:
    day, item_title, title, paragraphs = spec
    stem = title.split(":")[0].replace(" ", "-").lower()
    if title in WORD_PAPERS:
        file = File(io.BytesIO(_paper_docx(title, paragraphs)), name=f"{stem}.docx")
    else:
        file = File(io.BytesIO(_paper_pdf(title, paragraphs)), name=f"{stem}.pdf")
    paper_upload(item=_item_on(body, day, item_title), title=title, by=by, file=file)


def _papers_and_packs(body, by) -> None:
    for spec in PAPERS:
        _upload(body, spec, by)
    for day in sorted({spec[0] for spec in PAPERS}):
        pack_publish(meeting=Meeting.objects.get(body=body, starts_at__date=day), by=by)
    _upload(body, SUPPLEMENT, by)


def _minutes(body, by) -> None:
    """Minutes of each Executive meeting, approved at the next; the last stays a draft."""
    for meeting in Meeting.objects.filter(body=body).order_by("starts_at"):
        minutes = minutes_draft(meeting=meeting, by=by)
        following = next_meeting(meeting)
        if following is not None:
            minutes_approve(minutes=minutes, at=following, by=by)


def _body_meetings(body, meetings, bodies, people, by, *, hour: int, joint=()) -> None:
    zone = timezone.get_current_timezone()
    priorities = {p.number: p for p in Priority.objects.filter(plan__slug=PLAN_SLUG)}
    actions = {a.reference: a for a in KeyAction.objects.filter(priority__plan__slug=PLAN_SLUG)}
    members = dict(Membership.objects.filter(body__in=[body, *joint])
                   .values_list("person_id", "person__name")).items()
    for index, (day, items, messages) in enumerate(meetings):
        meeting = meeting_save(meeting=Meeting(
            body=body, starts_at=datetime.combine(day, time(hour), tzinfo=zone),
            place=COUNTY_HALL, status=MeetingStatus.HELD), joint_bodies=joint, by=by)
        away = APOLOGIES.get(index, []) if body.name == EXECUTIVE else []
        attendance_record(meeting=meeting, by=by, statuses={
            person_id: AttendanceStatus.APOLOGIES if name in away else AttendanceStatus.PRESENT
            for person_id, name in members})
        for title, purpose, presenter, paragraph, decision, action in items:
            numbers, references = PLAN_LINKS.get(title, ([], []))
            item = agenda_item_save(item=AgendaItem(
                meeting=meeting, title=title, purpose=purpose, presenter=people[presenter],
                is_exempt=paragraph is not None, exempt_paragraph=paragraph,
                public_title=PUBLIC_TITLES.get(title, "")), by=by,
                priorities=[priorities[n] for n in numbers if n in priorities],
                key_actions=[actions[r] for r in references if r in actions])
            if decision is not None:
                kind, text, target, deadline = decision
                decision_save(decision=Decision(
                    item=item, kind=kind, text=text, deadline=deadline,
                    target_body=bodies[target] if target else None), by=by)
            if action is not None:
                text, owner, due = action
                action_save(action=Action(item=item, text=text, owner=people[owner],
                                          due_date=due), by=by)
        for text in messages:
            key_message_save(message=KeyMessage(meeting=meeting, text=text), by=by)
