"""The demo's engagements with children, young people and families, and "you said, we did".

Plymouth 2014 (seed 001): the partnership must "champion the voice of children and young
people and parents in service design". The seeds record no engagements, so every one here is
illustrative (and marked so): held in the districts of Nottinghamshire between October 2012
and March 2013 (after the seed report's period, which it leaves as it was), with
findings tagged to the CYPF Plan's priorities and responses linked to the demo's decisions
and key actions. One finding, from the complaint themes of early 2013, has no response and is
flagged; one, from the Children in Care Council, led to the decision in the exempt item on
residential placement costs, which only those who may see that item read with it; one,
from a young people's group in Mansfield, is about the teenage pregnancy outreach service
the commissioning demo decommissions, citing it; its response links that decision.
"""

import datetime

from django.contrib.auth import get_user_model

from trustboard.governance.models import Organisation, Person, Scenario
from trustboard.meetings.models import Decision
from trustboard.participation.models import (
    AgeBand,
    CountKind,
    Engagement,
    Finding,
    Method,
    ParticipantGroup,
    Response,
    ResponseKind,
)
from trustboard.participation.services import engagement_save, finding_save, response_save
from trustboard.participation.services import topic_for as _topic
from trustboard.performance.models import Area, AreaKind
from trustboard.plans.models import KeyAction, Plan

#: The finding the commissioning demo cites in its decommissioning decision.
MANSFIELD_FINDING = ("Young people in Mansfield say the sexual health drop-in is not "
                     "somewhere they would go")
#: Needs assessment topics and services (of the commissioning demo) each finding is about.
TAGS = {
    MANSFIELD_FINDING: (["teenage-pregnancy"], ["teenage-pregnancy-outreach"]),
    "Young people want help with worries without a long wait": (["emotional-health"],
                                                                ["targeted-camhs"]),
    "Young people want a counsellor in every secondary school": (["emotional-health"],
                                                                 ["targeted-camhs"]),
    "Young carers want their school to understand": ([], ["young-carers-support"]),
    "Parents want to be involved before decisions are made": (["disabilities-and-sen"],
                                                              ["short-breaks"]),
}

_AGE = CountKind.AGE_BAND
_GROUP = CountKind.GROUP

# Each engagement: title, date, district, method, run by (organisation, person), summary,
# counts {(kind, category): n}, findings. A finding: (topic, title, said, priorities,
# response or None). A response: (kind, text, by when, reason, responded on,
# decision text or None, key action reference or None).
ENGAGEMENTS = [
    ("Children in Care Council: being a good corporate parent", datetime.date(2012, 10, 18),
     "Ashfield", Method.YOUTH_COUNCIL,
     ("Nottinghamshire County Council", "Deputy Director (placeholder)"),
     "Members of the Children in Care Council met the Deputy Director to say what a good "
     "corporate parent does, following the Looked After Children Strategy approved in July.",
     {(_AGE, AgeBand.FROM_11_TO_15): 9, (_AGE, AgeBand.FROM_16_TO_18): 5,
      (_GROUP, ParticipantGroup.CHILDREN_IN_CARE): 14},
     [("Children in care", "Children in care want to keep the same social worker",
       "Changing social worker means telling your story again. We want to know who our worker "
       "is and to be told before they change.", [1],
       (ResponseKind.WILL, "The transformed social care service will tell a child in care "
        "before their worker changes, and introduce the new worker in person.",
        datetime.date(2013, 6, 30), "", datetime.date(2012, 12, 3), None, "1.2")),
      ("Children in care", "Children in care want to live near their school and friends",
       "Being moved far away means a new school and losing your friends.", [1],
       # Followed by a decision in an exempt item: the public reads the response without it.
       (ResponseKind.DID, "More homes for children in care have been found within the county, "
        "so more children can stay at their school.", None, "", datetime.date(2012, 11, 15),
        "Officers are authorised to settle placement fees with the named provider within the "
        "agreed ceiling.", "1.2"))]),
    ("Young carers survey 2012", datetime.date(2012, 10, 22), "Bassetlaw", Method.SURVEY,
     ("Nottinghamshire Community and Voluntary Sector", None),
     "An online and paper survey of young carers supported in Bassetlaw, about school, time "
     "for themselves and what help they get.",
     {(_AGE, AgeBand.FROM_5_TO_10): 11, (_AGE, AgeBand.FROM_11_TO_15): 23,
      (_AGE, AgeBand.FROM_16_TO_18): 8, (_GROUP, ParticipantGroup.YOUNG_CARERS): 42},
     [("Young carers", "Young carers want their school to understand",
       "Teachers do not always know we look after someone at home, so we get told off for "
       "being late or for homework not done.", [4],
       (ResponseKind.WILL, "Every secondary school will name a lead for young carers, and the "
        "Closing the Educational Gaps Strategy will count young carers as a group to support.",
        datetime.date(2013, 7, 31), "", datetime.date(2012, 12, 10), None, "4.1"))]),
    ("Pathway to Provision: events with parents", datetime.date(2012, 11, 7), "Broxtowe",
     Method.CONSULTATION, ("Nottinghamshire County Council",
                           "Service Director Education (placeholder)"),
     "Events with parents and carers of children with special educational needs and "
     "disabilities about planning school places and support closer to home.",
     {(_AGE, AgeBand.PARENTS): 63, (_GROUP, ParticipantGroup.SEND): 41,
      (_GROUP, ParticipantGroup.DISABLED): 22},
     [("Special educational needs and disabilities",
       "Parents want to be involved before decisions are made",
       "Parents of disabled children said they hear about changes once they are decided; "
       "they want to help shape them.", [2],
       (ResponseKind.DID, "The refreshed plan commits partners to involving parents of disabled "
        "children from the start, and parents now sit on the Pathway to Provision steering "
        "group.", None, "", datetime.date(2013, 1, 17),
        "The refreshed CYPF Plan is recommended to the Committee for approval.", "2.1"))]),
    ("Gedling Youth Council: emotional health", datetime.date(2012, 12, 5), "Gedling",
     Method.YOUTH_COUNCIL, ("Nottinghamshire County Council",
                            "Commissioning manager CAMHS (placeholder)"),
     "The youth council discussed where young people go when they are worried or low, to "
     "inform the Child and Adolescent Mental Health Service (CAMHS) Strategy and the needs "
     "assessment.",
     {(_AGE, AgeBand.FROM_11_TO_15): 12, (_AGE, AgeBand.FROM_16_TO_18): 7},
     [("Mental health", "Young people want help with worries without a long wait",
       "If you are worried you need to talk to someone soon, not in months. Being sent on a "
       "waiting list makes it worse.", [3],
       (ResponseKind.WILL, "The CAMHS Strategy will bring in a single point of access so a "
        "young person hears back within two weeks; the needs assessment's children's chapter "
        "now covers waiting times.", datetime.date(2013, 9, 30), "",
        datetime.date(2013, 2, 6), "The children's chapter was approved.", "3.3")),
      ("Mental health", "Young people want a counsellor in every secondary school",
       "We would rather talk to someone at school than go to a clinic.", [3],
       (ResponseKind.CANNOT, "We cannot fund a counsellor in every school from the "
        "partnership's budget.", None, "Schools decide how to spend their own budgets. "
        "Instead the Healthy Schools Network shares what schools with a counsellor have "
        "found.", datetime.date(2013, 2, 6), None, "3.2"))]),
    ("Newark youth event: things to do", datetime.date(2013, 2, 14), "Newark and Sherwood",
     Method.EVENT, ("District and borough councils of Nottinghamshire", None),
     "A stall at a half-term event in Newark asking young people what there is to do and how "
     "they get about.",
     {(_AGE, AgeBand.FROM_11_TO_15): 37, (_AGE, AgeBand.FROM_16_TO_18): 19},
     [("Getting about", "Young people want cheaper buses to college",
       "The bus to college costs too much and some of us miss days because of it.", [6],
       (ResponseKind.CANNOT, "We cannot set bus fares.", None, "Fares are set by the bus "
        "companies. The 14-19 Partnership has told young people about the bursary that can pay "
        "for travel.", datetime.date(2013, 3, 1), None, "6.2"))]),
    ("Mansfield young people's group: sexual health", datetime.date(2012, 10, 10),
     "Mansfield", Method.GROUP, ("Nottinghamshire County Council",
                                 "Group Manager Early Help (placeholder)"),
     "A young people's group in Mansfield talked about where they find information, advice "
     "and help on sexual health and relationships.",
     {(_AGE, AgeBand.FROM_11_TO_15): 6, (_AGE, AgeBand.FROM_16_TO_18): 8,
      (_GROUP, ParticipantGroup.YOUNG_CARERS): 2, (_GROUP, ParticipantGroup.CARE_LEAVERS): 1},
     # Answered once the commissioning demo has decided the outreach service's future:
     # participation_demo_service_changes_load.
     [("Sexual health", MANSFIELD_FINDING,
       "We would not walk into the sexual health drop-in in the town centre: people see you "
       "go in. We look things up on our phones and would use a text or chat service, or ask a "
       "youth worker we already know.", [3, 6], None)]),
    ("Complaint themes: children's social care, October to December 2012",
     datetime.date(2013, 1, 31), None, Method.COMPLAINT_THEMES,
     ("Nottinghamshire County Council", None),
     "The themes of complaints from children, young people and families about children's "
     "social care in the quarter, read for what they say about the service; no complaint is "
     "identified.",
     {(_AGE, AgeBand.PARENTS): 27, (_AGE, AgeBand.FROM_11_TO_15): 4},
     [("Children's social care", "Families were not told when their worker changed",
       "Several families said they found out their social worker had changed only when a new "
       "name turned up.", [1], None)]),
]


def participation_demo_load() -> None:
    """Load the illustrative engagements, findings and responses through the services."""
    by = get_user_model().objects.get(username="officer")
    plan = Plan.objects.get(slug="cypf-2011-14")
    scenario = Scenario.objects.get(slug="current")
    districts = {area.name: area for area in Area.objects.filter(
        kind__in=[AreaKind.DISTRICT, AreaKind.LOCALITY])}
    organisations = {row.name: row for row in Organisation.objects.all()}
    people = {row.name: row for row in Person.objects.all()}
    priorities = {priority.number: priority for priority in plan.priorities.all()}
    actions = {action.reference: action for action in KeyAction.objects.filter(
        priority__plan=plan)}
    decisions = {decision.text: decision for decision in Decision.objects.filter(
        item__meeting__body__scenario=scenario)}
    for (title, held_on, district, method, (organisation, person), summary, counts,
         findings) in ENGAGEMENTS:
        engagement = engagement_save(engagement=Engagement(
            plan=plan, scenario=scenario, title=title, held_on=held_on,
            locality=districts[district] if district else None, method=method,
            run_by_organisation=organisations[organisation],
            run_by_person=people[person] if person else None, summary=summary,
            is_illustrative=True), topics=sorted({row[0] for row in findings}),
            counts=counts, by=by)
        for topic, finding_title, said, numbers, response in findings:
            finding = finding_save(finding=Finding(
                engagement=engagement, topic=_topic(name=topic, by=by), title=finding_title,
                said=said), priorities=[priorities[number] for number in numbers], by=by)
            if response is None:
                continue
            kind, text, will_by, reason, responded_on, decision, action = response
            response_save(response=Response(
                finding=finding, kind=kind, text=text, will_by=will_by, reason=reason,
                responded_on=responded_on,
                decision=decisions[decision] if decision else None,
                key_action=actions[action] if action else None), by=by)


def participation_demo_service_changes_load() -> None:
    """Once the commissioning demo has loaded: tag the findings with its needs topics and
    services, and answer the Mansfield finding with the decommissioning decision it informed."""
    from trustboard.commissioning.models import CommissioningDecision, NeedsTopic, Service

    by = get_user_model().objects.get(username="officer")
    topics = {topic.slug: topic for topic in NeedsTopic.objects.all()}
    services = {service.slug: service for service in Service.objects.all()}
    for finding in Finding.objects.filter(title__in=TAGS).select_related("engagement"):
        needs, about = TAGS[finding.title]
        finding_save(finding=finding, priorities=list(finding.priorities.all()),
                     needs_topics=[topics[slug] for slug in needs],
                     services=[services[slug] for slug in about], by=by)
    finding = Finding.objects.get(title=MANSFIELD_FINDING)
    response_save(response=Response(
        finding=finding, kind=ResponseKind.DID,
        text="The Teenage Pregnancy Integrated Commissioning Group decided to end the "
             "town-centre outreach drop-ins and put the money into support for young parents; "
             "sexual health advice now comes through youth workers young people already know "
             "and a text service.",
        responded_on=datetime.date(2012, 11, 14),
        service_change=CommissioningDecision.objects.get(
            service=services["teenage-pregnancy-outreach"], kind="decommission"),
        key_action=KeyAction.objects.get(priority__plan__slug="cypf-2011-14",
                                         reference="3.2")), by=by)
