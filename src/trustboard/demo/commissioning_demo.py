"""Nottinghamshire's commissioning in 2012-13, through the commissioning services.

From the seeds: the three integrated commissioning groups the Children's Trust Executive
oversees (disabilities and special educational needs, CAMHS, teenage pregnancy; 2013 report
paragraph 6), the Health and Wellbeing Board approving the children and young people's
chapter of the Joint Strategic Needs Assessment (paragraph 6) and the Joint Commissioning
Strategy for Children and Young People with Disabilities and/or Special Educational Needs
(paragraph 5). Everything else is ILLUSTRATIVE: the topics' wording and dates, the services,
providers, contracts, values and budgets, the groups' meetings and the decision. The young
carers support contract's value, £236,500, is decided in the demo's exempt item "Award of
the young carers support contract", so no public page shows it.
"""

import io
from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files import File
from django.template.loader import render_to_string
from django.utils import timezone

from trustboard.commissioning.models import (
    FundingArrangement,
    NeedsTopic,
    PooledBasis,
    Service,
)
from trustboard.commissioning.services import (
    budget_year_set,
    commissioning_decision_record,
    needs_document_add,
    needs_topic_save,
    service_save,
)
from trustboard.core.pdf import html_to_pdf
from trustboard.demo.participation_demo import MANSFIELD_FINDING
from trustboard.governance.models import Body, Organisation, Person
from trustboard.meetings.models import AgendaItem, Meeting, Purpose
from trustboard.meetings.services import agenda_item_save, meeting_save
from trustboard.performance.models import Indicator
from trustboard.plans.models import Priority
from trustboard.risks.models import Strategy

DISABILITY_GROUP = "Disability and SEN Integrated Commissioning Group"
CAMHS_GROUP = "CAMHS Integrated Commissioning Group"
TEENAGE_PREGNANCY_GROUP = "Teenage Pregnancy Integrated Commissioning Group"
HEALTH_AND_WELLBEING_BOARD = "Nottinghamshire Health and Wellbeing Board"
COUNCIL = "Nottinghamshire County Council"
NHS_COUNTY = "NHS Nottinghamshire County"
NHS_BASSETLAW = "NHS Bassetlaw"
HEALTHCARE_TRUST = "Nottinghamshire Healthcare NHS Trust"
VOLUNTARY_SECTOR = "Nottinghamshire Community and Voluntary Sector"
YOUNG_CARERS_ITEM = "Award of the young carers support contract"
YOUNG_CARERS_VALUE = Decimal("236500")
ILLUSTRATIVE = "Illustrative for the demonstration."
JSNA_APPROVED = date(2013, 2, 6)  # the demo Health and Wellbeing Board meeting's item
STRATEGY = ("Joint Commissioning Strategy for Children and Young People with Disabilities "
            "and/or Special Educational Needs")

# slug, title, summary, indicator source ids (the demo's CYPF indicators, or Fingertips).
TOPICS = [
    ("teenage-pregnancy", "Teenage pregnancy and young parents",
     "Under-18 conceptions and the support young parents need. " + ILLUSTRATIVE,
     ["CYPF-13"]),
    ("disabilities-and-sen", "Children and young people with disabilities or special "
     "educational needs",
     "How many children have a disability or special educational need, where they live and "
     "how they do at school. " + ILLUSTRATIVE, ["CYPF-16", "CYPF-07"]),
    ("emotional-health", "Emotional and mental health",
     "Children's emotional wellbeing and mental health, and injuries needing hospital care. "
     + ILLUSTRATIVE, ["90284"]),
    ("healthy-weight", "Healthy weight",
     "Obesity at the start and end of primary school. " + ILLUSTRATIVE, ["CYPF-01", "CYPF-15"]),
]

# The groups' meetings (illustrative): body, day, agenda item titles.
GROUP_MEETINGS = [
    (TEENAGE_PREGNANCY_GROUP, date(2012, 11, 14), ["Teenage pregnancy outreach: future of the "
                                                   "contract"]),
    (DISABILITY_GROUP, date(2012, 12, 5), ["Short breaks: review of the pooled fund"]),
    (DISABILITY_GROUP, date(2013, 3, 6), ["Joint Commissioning Strategy: progress"]),
    (CAMHS_GROUP, date(2012, 10, 17), ["Targeted CAMHS in schools: performance"]),
]


def _indicators(codes: list[str]) -> list[Indicator]:
    return list(Indicator.objects.filter(source_id__in=codes).order_by("name"))


def commissioning_demo_load() -> None:
    """Load needs topics, a strategy, five illustrative services with their budgets, the
    groups' meetings and a decommissioning decision, in the current scenario."""
    by = get_user_model().objects.get(username="officer")
    bodies = {body.name: body for body in Body.objects.filter(scenario__slug="current")}
    scenario = bodies[DISABILITY_GROUP].scenario
    partners = {o.name: o for o in Organisation.objects.all()}
    people = {p.name: p for p in Person.objects.all()}
    priorities = {p.number: p for p in Priority.objects.filter(plan__slug="cypf-2011-14")}
    # The strategy is the one in the strategies register (risks_demo), not a copy of it.
    strategy = Strategy.objects.get(plan__slug="cypf-2011-14", title=STRATEGY)
    topics = {}
    for slug, title, summary, codes in TOPICS:
        topics[slug] = needs_topic_save(topic=NeedsTopic(
            slug=slug, title=title, summary=summary,
            owner_body=bodies[HEALTH_AND_WELLBEING_BOARD], approved_on=JSNA_APPROVED,
            next_review_on=date(2014, 2, 5), is_illustrative=True), by=by,
            indicators=_indicators(codes),
            strategies=[strategy] if slug == "disabilities-and-sen" else [])
    needs_document_add(
        topic=topics["disabilities-and-sen"], by=by,
        title="Nottinghamshire Insight: Joint Strategic Needs Assessment",
        url="https://www.nottinghamshireinsight.org.uk/")
    summary = html_to_pdf(render_to_string("demo/paper.html", {
        "title": "Teenage pregnancy: needs assessment summary",
        "paragraphs": ["The Children's Trust Executive has taken responsibility for ensuring "
                       "that the children and young people's chapter of Nottinghamshire's "
                       "Joint Strategic Needs Assessment is updated and maintained (report to "
                       "the Children and Young People's Committee, 14 January 2013, "
                       "paragraph 6).", "Illustrative summary for the demonstration."]}))
    needs_document_add(topic=topics["teenage-pregnancy"], by=by,
                       title="Teenage pregnancy: needs assessment summary (illustrative)",
                       file=File(io.BytesIO(summary), name="teenage-pregnancy-summary.pdf"))
    _meetings(bodies, by)

    def service(slug, name, description, body, lead, provider, start, end, value,
                arrangement, funders, priority_numbers, topic_slugs, codes, **extra):
        return service_save(service=Service(
            scenario=scenario, slug=slug, name=name, description=f"{description} "
            f"{ILLUSTRATIVE}", commissioning_body=bodies.get(body),
            commissioning_partner=partners.get(body), lead_commissioner=people.get(lead),
            provider=partners.get(provider), provider_name="" if provider in partners
            else provider, contract_start=start, contract_end=end, annual_value=value,
            funding_arrangement=arrangement, is_illustrative=True, **extra), by=by,
            priorities=[priorities[n] for n in priority_numbers],
            needs_topics=[topics[s] for s in topic_slugs],
            funding_partners=[partners[f] for f in funders], indicators=_indicators(codes))

    short_breaks = service(
        "short-breaks", "Short breaks for disabled children",
        "Day, evening, weekend and overnight breaks for disabled children and their families.",
        DISABILITY_GROUP, "Commissioning manager disability (placeholder)", VOLUNTARY_SECTOR,
        date(2010, 4, 1), date(2013, 3, 31), Decimal("1200000"), FundingArrangement.POOLED,
        [COUNCIL, NHS_COUNTY, NHS_BASSETLAW], [7], ["disabilities-and-sen"], ["CYPF-16"],
        pooled_basis=PooledBasis.SECTION_75, strategy=strategy)
    camhs = service(
        "targeted-camhs", "Targeted CAMHS in schools",
        "Mental health workers in schools for children with emerging difficulties.",
        CAMHS_GROUP, "Commissioning manager CAMHS (placeholder)", HEALTHCARE_TRUST,
        date(2011, 4, 1), date(2014, 3, 31), Decimal("850000"), FundingArrangement.ALIGNED,
        [COUNCIL, NHS_COUNTY], [3], ["emotional-health"], ["90284"])
    outreach = service(
        "teenage-pregnancy-outreach", "Teenage pregnancy outreach",
        "Sexual health outreach and drop-ins for young people in the districts with the "
        "highest conception rates.", TEENAGE_PREGNANCY_GROUP,
        "Teenage pregnancy coordinator (placeholder)", VOLUNTARY_SECTOR, date(2010, 4, 1),
        date(2013, 3, 31), Decimal("180000"), FundingArrangement.SINGLE, [COUNCIL], [3],
        ["teenage-pregnancy"], ["CYPF-13"])
    service(
        "young-parents-support", "Support for young parents",
        "Key workers for parents under 20 and their children.", TEENAGE_PREGNANCY_GROUP,
        "Teenage pregnancy coordinator (placeholder)", VOLUNTARY_SECTOR, date(2013, 4, 1),
        date(2016, 3, 31), Decimal("150000"), FundingArrangement.ALIGNED,
        [COUNCIL, NHS_COUNTY], [3], ["teenage-pregnancy"], ["CYPF-13"])
    award = AgendaItem.objects.get(title=YOUNG_CARERS_ITEM, meeting__body__scenario=scenario)
    young_carers = service(
        "young-carers-support", "Young carers support",
        "Assessment, respite and group support for children who care for a family member.",
        COUNCIL, "Deputy Director (placeholder)", "Preferred bidder (illustrative)",
        date(2012, 10, 1), date(2015, 9, 30), YOUNG_CARERS_VALUE,
        FundingArrangement.SINGLE, [COUNCIL], [3], [], [], award_item=award,
        bidders="Three local voluntary organisations bid (illustrative).")
    budgets = [
        (short_breaks, 2012, Decimal("1200000"), {NHS_COUNTY: "400000", NHS_BASSETLAW: "80000",
                                                  COUNCIL: "720000"}),
        (short_breaks, 2013, Decimal("1230000"), {NHS_COUNTY: "410000", NHS_BASSETLAW: "82000",
                                                  COUNCIL: "738000"}),
        (camhs, 2012, None, {COUNCIL: "500000", NHS_COUNTY: "350000"}),
        (outreach, 2012, None, {COUNCIL: "180000"}),
        (young_carers, 2012, None, {COUNCIL: "118250"}),
    ]
    for service_, year, total, amounts in budgets:
        budget_year_set(service=service_, year=year, total=total, by=by, contributions={
            partners[name]: Decimal(amount) for name, amount in amounts.items()})
    item = AgendaItem.objects.get(meeting__body=bodies[TEENAGE_PREGNANCY_GROUP],
                                  title=GROUP_MEETINGS[0][2][0])
    commissioning_decision_record(
        service=outreach, kind="decommission", item=item, by=by,
        reason="The under-18 conception rate has fallen to be similar to England's, and "
               "young people say they would not walk into a town-centre drop-in; the group "
               "will put the money into support for young parents instead. " + ILLUSTRATIVE,
        needs_topics=[topics["teenage-pregnancy"]], indicators=_indicators(["CYPF-13"]),
        findings=_findings())


def _findings() -> list:
    """What young people in Mansfield said of the town-centre drop-in (participation demo,
    10 October 2012), which the outreach decision rests on too."""
    from trustboard.participation.models import Finding

    return list(Finding.objects.filter(title=MANSFIELD_FINDING))


def _meetings(bodies, by) -> None:
    zone = timezone.get_current_timezone()
    for body, day, titles in GROUP_MEETINGS:
        meeting = meeting_save(meeting=Meeting(
            body=bodies[body], place="County Hall, West Bridgford, Nottingham",
            starts_at=datetime.combine(day, time(10), tzinfo=zone)), by=by)
        for title in titles:
            agenda_item_save(item=AgendaItem(meeting=meeting, title=title,
                                             purpose=Purpose.DECISION), by=by)
