"""Build the demo partnership through the same services officers use."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from trustboard.core.models import Role
from trustboard.demo import cypf_indicators, cypf_plan
from trustboard.demo import nottinghamshire as notts
from trustboard.demo.commissioning_demo import commissioning_demo_load
from trustboard.demo.meetings_demo import meetings_demo_load
from trustboard.demo.participation_demo import (
    participation_demo_load,
    participation_demo_service_changes_load,
)
from trustboard.demo.reports_demo import reports_demo_load
from trustboard.demo.reviews_demo import reviews_demo_load
from trustboard.demo.reviews_followup_demo import reviews_followup_demo_load
from trustboard.demo.risks_demo import risks_demo_load
from trustboard.governance.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Relationship,
    Scenario,
)
from trustboard.governance.services import (
    body_save,
    membership_save,
    organisation_save,
    person_save,
    relationship_save,
    scenario_save,
)
from trustboard.performance.demo import performance_demo_load
from trustboard.plans.models import KeyAction, Plan, Priority
from trustboard.plans.services import (
    action_update_record,
    key_action_save,
    plan_refresh_record,
    plan_save,
    priority_save,
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    note: str


# Demo accounts only: the passwords are printed at start and must never reach production.
DEMO_LOGINS = [
    DemoLogin("admin", "demo-admin-password", Role.ADMINISTRATOR, "everything, and /admin/"),
    DemoLogin("officer", "demo-officer-password", Role.OFFICER, "edits the structure"),
    DemoLogin("analyst", "demo-analyst-password", Role.ANALYST, "imports indicator data"),
    DemoLogin("member", "demo-member-password", Role.MEMBER,
              "an Executive member who leads key actions 2.1 to 2.3"),
]


def demo_is_loaded() -> bool:
    return Scenario.objects.filter(slug="current").exists()


@transaction.atomic
def demo_load() -> None:
    """Load Nottinghamshire's partnership, as it was in 2013 and as proposed in 2015."""
    users = _users()
    by = users["officer"]
    organisations = {
        name: organisation_save(organisation=Organisation(
            name=name, short_name=short, sector=sector, is_relevant_partner=relevant,
            is_safeguarding_partner=safeguarding), by=by)
        for name, short, sector, relevant, safeguarding in notts.ORGANISATIONS
    }
    people = {
        name: person_save(person=Person(
            name=name, job_title=title, organisation=organisations[organisation],
            seniority_tier=tier, is_elected_member=elected), by=by)
        for name, title, organisation, tier, elected in notts.PEOPLE
    }
    for district in notts.DISTRICTS:
        for _role, post, organisation, tier in notts.LOCALITY_POSTS:
            name = f"{post}, {district} (placeholder)"
            people[name] = person_save(person=Person(
                name=name, job_title=f"{post}, {district}",
                organisation=organisations[organisation], seniority_tier=tier), by=by)
    member_person = people["Group Manager Early Help (placeholder)"]
    member_person.user = users["member"]
    person_save(person=member_person, by=by)

    _current(organisations, people, by)
    _proposed(organisations, people, by)
    _plan(organisations, people, by)
    meetings_demo_load()
    performance_demo_load(by=by)
    cypf_indicators.cypf_indicators_load(by=by)
    reports_demo_load()
    participation_demo_load()
    commissioning_demo_load()
    participation_demo_service_changes_load()
    risks_demo_load()
    reviews_demo_load()
    reviews_followup_demo_load()


def _users() -> dict[str, object]:
    User = get_user_model()
    users = {}
    for login in DEMO_LOGINS:
        user = User(username=login.username, role=login.role,
                    is_staff=login.role == Role.ADMINISTRATOR,
                    is_superuser=login.role == Role.ADMINISTRATOR,
                    first_name=login.username.capitalize(), last_name="(demo)")
        user.set_password(login.password)
        user.save()
        users[login.username] = user
    return users


def _scenario(name: str, description: str, organisations, by, **extra) -> Scenario:
    return scenario_save(scenario=Scenario(name=name, description=description, **extra),
                         by=by, organisations=organisations.values())


def _body(scenario: Scenario, spec: dict, people, organisations, by) -> Body:
    fields = {key: value for key, value in spec.items() if key != "members"}
    body = body_save(body=Body(scenario=scenario, **fields), by=by)
    for person, role, represents in spec.get("members", []):
        membership_save(
            membership=Membership(body=body, person=people[person], role=role,
                                  seniority_tier=people[person].seniority_tier),
            represents=[organisations[name] for name in represents], by=by)
    return body


def _line(source: Body, kind: str, target: Body, by, times: int | None = None,
          note: str = "") -> None:
    relationship_save(relationship=Relationship(source=source, kind=kind, target=target,
                                                times_per_year=times, note=note), by=by)


def _locality_group(scenario, name: str, districts: list[str], people, organisations, by,
                    meetings: int = 6) -> Body:
    # Every district's locality manager sits on the group, the first in the chair; the other
    # posts are filled once, from the first district.
    (_chair, manager_post, _, _), *other_posts = notts.LOCALITY_POSTS
    members = [(f"{manager_post}, {district} (placeholder)", "member" if index else "chair", [])
               for index, district in enumerate(districts)]
    members += [(f"{post}, {districts[0]} (placeholder)", role, [])
                for role, post, _organisation, _tier in other_posts]
    return _body(scenario, {
        "name": name, "kind": "locality group", "locality": ", ".join(districts),
        "purpose": "Partners in the district working together: communication, coordination "
                   "of services, preparing for local commissioning and consulting children, "
                   "young people and families.",  # 2013 report, paragraph 14
        "responsibilities": [
            "Increase partner engagement in the district and build stronger partnerships",
            "Improve coordination of services at district level",
            "Identify service gaps to prepare for commissioning local services",
            "Consult with children, young people and families",
        ],
        "meetings_per_year": meetings, "meeting_hours": Decimal("2"), "quorum": 4,
        "members": members,
    }, people, organisations, by)


def _current(organisations, people, by) -> None:
    scenario = _scenario(
        "current", "Nottinghamshire Children's Trust as described in the officer group report "
        "to the Children and Young People's Committee, 14 January 2013.", organisations, by,
        is_current=True)
    executive = _body(scenario, notts.EXECUTIVE_2013, people, organisations, by)
    hwb = _body(scenario, notts.HEALTH_AND_WELLBEING_BOARD, people, organisations, by)
    _body(scenario, notts.SAFEGUARDING_BOARD, people, organisations, by)
    committee = _body(scenario, notts.COMMITTEE, people, organisations, by)
    _line(executive, "reports to", hwb, by, times=2,
          note="2013 report, paragraph 6")
    _line(executive, "reports to", committee, by, times=2,
          note="Six-monthly performance reports (2013 report, paragraph 17)")
    for name, purpose, lead, strategies in notts.COMMISSIONING_GROUPS_2013:
        group = _body(scenario, {
            "name": name, "kind": "integrated commissioning group", "purpose": purpose,
            "responsibilities": [f"Deliver the {strategy}" for strategy in strategies],
            "meetings_per_year": 6, "meeting_hours": Decimal("2"), "quorum": 3,
            "members": [(lead, "chair", []),
                        ("NHS commissioner, county (placeholder)", "member", []),
                        ("Commissioning manager disability (placeholder)"
                         if "Disability" not in name else "Health provider (placeholder)",
                         "member", []),
                        ("Voluntary sector representative (placeholder)", "member", [])],
        }, people, organisations, by)
        _line(group, "reports to", executive, by, times=2)
    for district in notts.DISTRICTS:
        group = _locality_group(scenario, f"{district} Locality Management Group", [district],
                                people, organisations, by)
        _line(group, "reports to", executive, by, times=1,
              note="The Children's Trust receives reports on progress (2013, paragraph 13)")


def _proposed(organisations, people, by) -> None:
    scenario = _scenario(
        "proposed 2015", "The possible option of the 2015 review of the Children's Trust "
        "(Diagram 1): a Children's Trust Board meeting three times a year, a Help and Protection "
        "Executive and a Health and Wellbeing Executive meeting five times a year, and locality "
        "groups North, Central and South. Implementation from 1 April 2016.", organisations, by,
        based_on=Scenario.objects.get(slug="current"))
    current = {body.name: body for body in scenario.based_on.bodies.all()}
    board = _body(scenario, notts.BOARD_2015, people, organisations, by)
    # Diagram 1: the Children's Trust Board takes over from the Children's Trust Executive.
    body_save(body=board, by=by, replaces=[current[notts.EXECUTIVE_2013["name"]]])
    help_and_protection = _body(scenario, notts.HELP_AND_PROTECTION_2015, people, organisations,
                                by)
    health = _body(scenario, notts.HEALTH_AND_WELLBEING_EXECUTIVE_2015, people, organisations, by)
    hwb = _body(scenario, notts.HEALTH_AND_WELLBEING_BOARD, people, organisations, by)
    nscb = _body(scenario, notts.SAFEGUARDING_BOARD, people, organisations, by)
    committee = _body(scenario, notts.COMMITTEE, people, organisations, by)
    for executive in (help_and_protection, health):
        _line(executive, "reports to", board, by, times=5, note="2015 review, paragraph 30")
        _line(board, "tasks", executive, by, note="2015 review, paragraph 29")
    _line(board, "advises", hwb, by, times=3, note="2015 review, paragraphs 14 and 25")
    _line(board, "reports to", committee, by, times=2)
    _line(nscb, "challenges", help_and_protection, by,
          note="Responding to NSCB recommendations (2015 review, paragraph 33)")
    _line(board, "receives annual report from", nscb, by, times=1,
          note="2015 review, paragraph 11")
    _line(nscb, "receives annual report from", board, by, times=1,
          note="2015 review, paragraph 11")
    for locality, districts in notts.PROPOSED_LOCALITIES.items():
        group = _locality_group(scenario, f"{locality} Locality Group", districts, people,
                                organisations, by)
        # The district groups of 2013 fold into the Health and Wellbeing Board's localities.
        group.formerly = [f"{district} Locality Management Group" for district in districts]
        body_save(body=group, by=by, replaces=[current[name] for name in group.formerly])
        _line(board, "advises", group, by, note="2015 review, paragraph 25")
        _line(group, "reports to", hwb, by, times=2,
              note="Place-based groups of the Health and Wellbeing Board (paragraph 25)")


def _plan(organisations, people, by) -> None:
    plan = plan_save(plan=Plan(title=cypf_plan.TITLE, slug=cypf_plan.SLUG,
                               starts_on=cypf_plan.STARTS_ON, ends_on=cypf_plan.ENDS_ON,
                               approved_by=cypf_plan.APPROVED_BY,
                               approved_on=cypf_plan.APPROVED_ON,
                               # "the most recent report summarises progress at the end of
                               # September 2012" (002_..., paragraph 17)
                               reporting_date=cypf_plan.AS_AT), by=by)
    title, approved_by, approved_on = cypf_plan.REFRESH
    plan_refresh_record(plan=plan, title=title, approved_by=approved_by,
                        approved_on=approved_on, by=by)
    bodies = {body.name: body for body in Body.objects.filter(scenario__slug="current")}
    for number, title, body, actions in cypf_plan.PRIORITIES:
        priority = priority_save(priority=Priority(plan=plan, number=number, title=title,
                                                   accountable_body=bodies[body]), by=by)
        for reference, text, lead, organisation, due, status in actions:
            action = key_action_save(action=KeyAction(
                priority=priority, reference=reference, title=text, lead_officer=people[lead],
                lead_organisation=organisations[organisation], due_on=due), by=by)
            action_update_record(action=action, as_at=cypf_plan.AS_AT, status=status,
                                 commentary="", by=by)
