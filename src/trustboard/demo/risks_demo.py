"""The demo's risks and issues register and strategies register for the CYPF Plan 2011-14.

The 2015 review gives the executives "identifying risks and issues" and "Monitoring risks
and issues and ensuring appropriate mitigation" (000_...); no risk register was published,
so every risk below is ILLUSTRATIVE, marked so on its page, written to be plausible for the
work the 2013 report describes. As at 30 September 2012 (the plan's reporting date) two are
at or above the threshold of 15 and one review is overdue.

The strategies are those the 2013 report names (002_..., paragraphs 5 and 12). The Youth
Homelessness and Looked After Children strategies were entered by the Executive's decisions
approving them (meetings_demo.py, through meetings' decision service); the four approved
"During 2011 and 2012" have no decision in the demo's meetings. Owners and review dates are
illustrative.
"""

import datetime

from django.contrib.auth import get_user_model

from trustboard.governance.models import Body, Person
from trustboard.plans.models import KeyAction, Plan, Priority
from trustboard.risks.models import MitigatingAction, Risk, Strategy
from trustboard.risks.services import (
    mitigation_save,
    risk_review_record,
    risk_save,
    strategy_save,
)

DAY = datetime.date
PLAN_SLUG = "cypf-2011-14"
ILLUSTRATIVE = "Illustrative risk for the demonstration partnership: not from a published register."
EXECUTIVE = "Children's Trust Executive"
DISABILITY_ICG = "Disability and SEN Integrated Commissioning Group"
CAMHS_ICG = "CAMHS Integrated Commissioning Group"
TEENAGE_PREGNANCY_ICG = "Teenage Pregnancy Integrated Commissioning Group"

# reference, title, cause, effect, body, owner, priorities, identified on,
# inherent (likelihood, impact), target, controls,
# reviews [(date, likelihood, impact, next review, note)] (the first is the identification),
# mitigations [(text, owner, due) or key action reference], issue (occurred, impact, response)
RISKS = [
    ("R1", "Referrals outstrip children's social care capacity during its transformation",
     "Referrals rise while the County Council transforms its Children's Social Care provision "
     "and social work posts stay vacant.",
     "Assessments are completed late and children at risk wait longer for help.",
     EXECUTIVE, "Deputy Director (placeholder)", [1], DAY(2012, 1, 16), (5, 4), (2, 4),
     "Weekly caseload reports; agency social workers on short contracts.",
     [(DAY(2012, 1, 16), 3, 4, DAY(2012, 6, 18), "Identified at the Executive's planning day."),
      (DAY(2012, 6, 18), 4, 4, DAY(2012, 12, 17), "Referrals up a fifth on a year before.")],
     ["1.1", "1.2"], None),
    ("R2", "Waiting times for specialist CAMHS lengthen as demand grows",
     "Referrals to specialist Child and Adolescent Mental Health Services grow faster than "
     "the commissioned capacity.",
     "Children and young people with mental health needs wait months for treatment.",
     CAMHS_ICG, "Commissioning manager CAMHS (placeholder)", [3], DAY(2012, 2, 20), (4, 4),
     (2, 3), "Monthly waiting-list report to the CAMHS Integrated Commissioning Group.",
     [(DAY(2012, 2, 20), 4, 4, DAY(2012, 7, 20), "Identified by the commissioning group."),
      (DAY(2012, 7, 20), 4, 4, DAY(2012, 10, 19), "No change: waits still rising.")],
     [("Commission additional targeted (tier 2) mental health support in schools",
       "Commissioning manager CAMHS (placeholder)", DAY(2013, 3, 31)), "3.3"], None),
    ("R3", "Places for children with special educational needs are not ready when needed",
     "The Pathway to Provision consultation delays decisions on specialist places.",
     "Children with special educational needs are placed out of county, far from home.",
     DISABILITY_ICG, "Commissioning manager disability (placeholder)", [7], DAY(2012, 3, 5),
     (4, 4), (2, 3), "Termly forecast of places against demand.",
     [(DAY(2012, 3, 5), 3, 4, DAY(2012, 6, 4), "Identified by the commissioning group."),
      (DAY(2012, 6, 4), 3, 3, DAY(2012, 8, 31), "Consultation launched on time.")],
     ["7.2", ("Report the place forecast to the Disability and SEN Integrated Commissioning "
              "Group", "Commissioning manager disability (placeholder)", DAY(2012, 12, 14))],
     None),
    ("R4", "Teenage pregnancy support reduced as grant funding ends",
     "The ring-fenced teenage pregnancy grant ended and partners' budgets fell.",
     "Fewer young parents get support, and the fall in teenage conceptions stalls.",
     TEENAGE_PREGNANCY_ICG, "Teenage pregnancy coordinator (placeholder)", [3],
     DAY(2011, 11, 14), (4, 3), (2, 2), "Targeted work in the districts with the highest rates.",
     [(DAY(2011, 11, 14), 3, 3, DAY(2012, 5, 14), "Identified when the grant was withdrawn."),
      (DAY(2012, 5, 14), 3, 3, DAY(2012, 11, 12), "Happened: funding reduced from April.")],
     [("Agree a joint teenage pregnancy commissioning plan with health partners",
       "Teenage pregnancy coordinator (placeholder)", DAY(2013, 1, 31))],
     (DAY(2012, 4, 1), "Two of the seven district outreach posts were not renewed.",
      "The remaining posts are concentrated where conception rates are highest.")),
    ("R5", "Partners' attendance at the Executive falls as organisations restructure",
     "Health and police partners reorganise and senior representatives change.",
     "Partnership decisions lack the commitment of every statutory partner.",
     EXECUTIVE, "Team Manager Planning (placeholder)", [], DAY(2012, 4, 16), (3, 3), (1, 3),
     "Attendance reported to every meeting; substitutes agreed in advance.",
     [(DAY(2012, 4, 16), 2, 3, DAY(2013, 1, 14), "Identified.")],
     [], None),
]

# title, owner, priorities, approved on (None: left to the approving decision), review by,
# summary
STRATEGIES = [
    ("Early Intervention and Prevention Strategy", "Group Manager Early Help (placeholder)",
     [2], DAY(2011, 10, 13), DAY(2014, 3, 31),
     "Help for children and families as soon as difficulties arise."),
    ("Joint Commissioning Strategy for Children and Young People with Disabilities and/or "
     "Special Educational Needs", "Commissioning manager disability (placeholder)", [7],
     DAY(2011, 11, 17), DAY(2013, 11, 30), ""),
    ("Child and Family Poverty Strategy", "Corporate Director (placeholder)", [5],
     DAY(2012, 3, 15), DAY(2012, 9, 1), "Nottinghamshire's strategy under the Child Poverty "
     "Act 2010."),
    ("Child and Adolescent Mental Health Service (CAMHS) Strategy",
     "Commissioning manager CAMHS (placeholder)", [3], DAY(2012, 1, 19), DAY(2013, 12, 31), ""),
    ("Youth Homelessness Strategy", "District council representative (placeholder)", [6],
     None, DAY(2014, 5, 31), ""),
    ("Looked After Children Strategy", "Deputy Director (placeholder)", [1, 7], None,
     DAY(2014, 7, 31), ""),
]
FROM_2011_12 = ("Approved by the Children's Trust during 2011 and 2012 (report of 14 January "
                "2013, paragraph 5); the approving meeting is not in the demo, and its date, "
                "owner and review date are illustrative.")
FROM_DECISION = ("Approved by the Children's Trust Executive (report of 14 January 2013, "
                 "paragraph 12); owner and review date illustrative.")


def risks_demo_load() -> None:
    """Enter the demo's risks and strategies through the registers' services."""
    by = get_user_model().objects.get(username="officer")
    plan = Plan.objects.get(slug=PLAN_SLUG)
    priorities = {p.number: p for p in Priority.objects.filter(plan=plan)}
    actions = {a.reference: a for a in KeyAction.objects.filter(priority__plan=plan)}
    bodies = {b.name: b for b in Body.objects.filter(scenario__slug="current")}
    people = {p.name: p for p in Person.objects.all()}
    for (reference, title, cause, effect, body, owner, numbers, identified, inherent, target,
         controls, reviews, mitigations, issue) in RISKS:
        first, *later = reviews
        risk = risk_save(risk=Risk(
            plan=plan, reference=reference, title=title, cause=cause, effect=effect,
            body=bodies[body], owner=people[owner], identified_on=identified,
            inherent_likelihood=inherent[0], inherent_impact=inherent[1],
            current_likelihood=first[1], current_impact=first[2],
            target_likelihood=target[0], target_impact=target[1], controls=controls,
            review_on=first[3], note=ILLUSTRATIVE), by=by,
            priorities=[priorities[n] for n in numbers])
        for reviewed_on, likelihood, impact, next_review_on, note in later:
            risk_review_record(risk=risk, reviewed_on=reviewed_on, likelihood=likelihood,
                               impact=impact, next_review_on=next_review_on, note=note, by=by)
        for mitigation in mitigations:
            if isinstance(mitigation, str):
                action = MitigatingAction(risk=risk, key_action=actions[mitigation])
            else:
                text, action_owner, due = mitigation
                action = MitigatingAction(risk=risk, text=text, owner=people[action_owner],
                                          due_on=due)
            mitigation_save(mitigation=action, by=by)
        if issue is not None:
            risk.refresh_from_db()
            risk.is_issue = True
            risk.occurred_on, risk.issue_impact, risk.response = issue
            risk_save(risk=risk, by=by)
    existing = {s.title: s for s in Strategy.objects.filter(plan=plan)}
    for title, owner, numbers, approved_on, review_on, summary in STRATEGIES:
        strategy = existing.get(title) or Strategy(plan=plan, title=title)
        strategy.owner, strategy.review_on, strategy.summary = people[owner], review_on, summary
        if approved_on is not None:
            strategy.approved_on = approved_on
        strategy.note = FROM_DECISION if strategy.approved_by_id else FROM_2011_12
        strategy_save(strategy=strategy, by=by, priorities=[priorities[n] for n in numbers])
