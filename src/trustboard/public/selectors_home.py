"""Reads for the home page: the partnership at a glance for the public, and a signed-in
person's own work. Each part comes from the selectors of the app that owns the data, so the
home page can never say something the plan, the dashboard or the meetings pages do not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.urls import reverse

from trustboard.commissioning.models import CommissioningDecision, Service
from trustboard.core.models import Job, JobStatus
from trustboard.core.permissions import Permission, user_can
from trustboard.governance.models import Body, Organisation, Scenario
from trustboard.governance.selectors import organisation_list, scenario_current, scenario_structure
from trustboard.meetings import selectors as meetings
from trustboard.meetings.models import Meeting, MeetingStatus, Paper, current_membership_q
from trustboard.participation.models import Engagement
from trustboard.participation.selectors import FindingRow, you_said_we_did
from trustboard.performance.models import Area, AreaKind, Indicator
from trustboard.performance.selectors import IndicatorReading, area_districts, partnership_area
from trustboard.plans.models import ActionStatus, Plan, Priority
from trustboard.plans.selectors import (
    ActionPerformance,
    ApprovalRow,
    PlanPerformance,
    action_commentary_rows,
    approval_rows,
    plan_performance,
    plan_reporting_date,
)
from trustboard.reports.models import Report
from trustboard.reports.selectors import visible_reports
from trustboard.reviews.models import Invitation

NEXT_MEETINGS = 3
LATEST_REPORTS = 3
KEY_MESSAGES = 3
YOU_SAID_WE_DID = 3
FAILED_JOBS = 5


def current_plan() -> Plan | None:
    """The plan the partnership works to now: the latest to start (one query)."""
    return Plan.objects.order_by("-starts_on").first()


@dataclass(frozen=True)
class PriorityHeadline:
    """One priority's headline: its key actions by status and its indicators compared with
    England, counted as the plan's dashboard counts them."""

    performance: PlanPerformance  # the plan's performance narrowed to this priority

    @property
    def priority(self):
        return self.performance.priorities[0].priority

    @property
    def actions(self) -> list[tuple[str, int]]:
        return self.performance.action_summary

    @property
    def indicators(self) -> list[tuple[str, int]]:
        """(comparison with England in words, count): "better than England", "similar to
        England"."""
        return [(f"{label} {'to' if label == 'similar' else 'than'} England", count)
                for label, count in self.performance.comparison_summary]

    @property
    def indicators_without_value(self) -> int:
        """Indicators with no value the public may see yet (none approved, or none at all)."""
        return sum(1 for item in self.performance.all_indicators if item.value is None)


@dataclass(frozen=True)
class Partnership:
    """Who is in the partnership: the bodies of the arrangement in force and the member
    organisations."""

    scenario: Scenario | None
    bodies: list[Body]
    organisations: list[Organisation]

    @property
    def board(self) -> Body | None:
        return next((body for body in self.bodies if body.is_partnership_board), None)


@dataclass(frozen=True)
class HomePage:
    today: date
    partnership: Partnership
    plan: Plan | None
    as_at: date | None
    priorities: list[PriorityHeadline]
    next_meetings: list[Meeting]
    last_meeting: Meeting | None  # shown when nothing is scheduled
    reports: list[Report]
    newsletter_from: date | None
    newsletter_to: date | None
    key_messages: list  # the last meeting cycle's key messages, as the newsletter has them
    you_said_we_did: list[FindingRow] = field(default_factory=list)


def _partnership() -> Partnership:
    scenario = scenario_current()
    bodies = scenario_structure(scenario=scenario).bodies if scenario is not None else []
    return Partnership(scenario=scenario, bodies=bodies, organisations=list(organisation_list()))


def _headlines(performance: PlanPerformance) -> list[PriorityHeadline]:
    return [PriorityHeadline(PlanPerformance(plan=performance.plan, as_at=performance.as_at,
                                             area=performance.area, priorities=[priority]))
            for priority in performance.priorities]


def _next_meetings(today: date) -> tuple[list[Meeting], Meeting | None]:
    upcoming = list(meetings.meeting_list(start=today, joint=True)
                    .exclude(status=MeetingStatus.CANCELLED)[:NEXT_MEETINGS])
    if upcoming:
        return upcoming, None
    last = (meetings.meeting_list(end=today).exclude(status=MeetingStatus.CANCELLED)
            .order_by("-starts_at").first())
    return [], last


def _you_said_we_did(today: date) -> list[FindingRow]:
    rows = [row for group in you_said_we_did(user=AnonymousUser(), as_at=today)
            for row in group.rows if row.response is not None]
    rows.sort(key=lambda row: row.response.responded_on, reverse=True)
    return rows[:YOU_SAID_WE_DID]


def home_page(*, today: date) -> HomePage:
    """What the public home page shows, as the public may see it: approved values and
    commentary only, no exempt item. About forty queries whatever the partnership's size
    (the plan's performance alone is twelve)."""
    plan = current_plan()
    as_at = plan_reporting_date(plan=plan) if plan is not None else None
    performance = (plan_performance(plan=plan, as_at=as_at, public=True)
                   if plan is not None else None)
    upcoming, last = _next_meetings(today)
    cycle = meetings.last_meeting_cycle(today=today)
    issues = meetings.newsletter(start=cycle[0], end=cycle[1]) if cycle else []
    key_messages = [message for issue in issues for message in issue.key_messages]
    return HomePage(
        today=today, partnership=_partnership(), plan=plan, as_at=as_at,
        priorities=_headlines(performance) if performance else [],
        next_meetings=upcoming, last_meeting=last,
        reports=list(visible_reports(AnonymousUser()).order_by("-issued_at", "-pk")
                     [:LATEST_REPORTS]),
        newsletter_from=cycle[0] if cycle else None, newsletter_to=cycle[1] if cycle else None,
        key_messages=key_messages[:KEY_MESSAGES],
        you_said_we_did=_you_said_we_did(today))


# --- your work ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingPapers:
    meeting: Meeting
    papers: list[Paper]


@dataclass(frozen=True)
class YourWork:
    """What a signed-in person has to do, each list with its count on the page."""

    plan: Plan | None
    as_at: date | None
    actions: list[ActionPerformance]  # the key actions they lead, not yet completed
    indicators_to_comment: list[IndicatorReading]  # theirs, no commentary on the latest value
    commentary_awaiting_approval: list[IndicatorReading]  # theirs, commented, not yet approved
    meetings: list[MeetingPapers]  # the next meetings of the bodies they sit on
    invitations: list[Invitation]  # questionnaires still open that they have not answered
    is_officer: bool = False
    figures_awaiting_approval: list[ApprovalRow] = field(default_factory=list)
    action_commentary_awaiting_approval: list = field(default_factory=list)
    failed_jobs: list[Job] = field(default_factory=list)

    @property
    def paper_count(self) -> int:
        return sum(len(item.papers) for item in self.meetings)

    @property
    def approvals_count(self) -> int:
        return (len(self.figures_awaiting_approval)
                + len(self.action_commentary_awaiting_approval))


def _meetings_with_papers(*, user, person, today: date) -> list[MeetingPapers]:
    """The next meetings of the bodies `person` sits on today (their joint meetings too),
    with the papers `user` may read: three queries."""
    if person is None:
        return []
    bodies = Body.objects.filter(current_membership_q(today, "memberships__"),
                                 memberships__person=person)
    upcoming = list(Meeting.objects.filter(Q(body__in=bodies) | Q(joint_bodies__in=bodies),
                                           starts_at__date__gte=today)
                    .exclude(status=MeetingStatus.CANCELLED).distinct()
                    .select_related("body__scenario").order_by("starts_at")[:NEXT_MEETINGS])
    papers: dict[int, list[Paper]] = {meeting.pk: [] for meeting in upcoming}
    for paper in (Paper.objects.visible_to(user).filter(item__meeting__in=upcoming)
                  .select_related("item").order_by("item__number", "uploaded_at", "pk")):
        papers[paper.item.meeting_id].append(paper)
    return [MeetingPapers(meeting=meeting, papers=papers[meeting.pk]) for meeting in upcoming]


def _invitations(*, person, today: date) -> list[Invitation]:
    if person is None:
        return []
    return list(Invitation.objects.filter(
        person=person, answered_on__isnull=True, questionnaire__closes_on__gte=today)
        .filter(Q(questionnaire__opens_on__isnull=True) | Q(questionnaire__opens_on__lte=today))
        .select_related("questionnaire__review").order_by("questionnaire__closes_on"))


def your_work(*, user, today: date) -> YourWork:
    """A signed-in person's work: the key actions they lead and the indicators they own (from
    the plan's performance, as "my updates" reads it), papers for their next meetings and
    questionnaires to answer; an officer also sees the approvals waiting (as the approvals
    page lists them) and the background jobs that failed."""
    person = getattr(user, "person", None)
    plan = current_plan()
    as_at = plan_reporting_date(plan=plan) if plan is not None else None
    mine = (plan_performance(plan=plan, as_at=as_at, owner=person)
            if plan is not None and person is not None else None)
    actions = [item for item in mine.all_actions
               if item.status != ActionStatus.COMPLETED] if mine else []
    indicators = [item for item in mine.all_indicators if item.period] if mine else []
    is_officer = user_can(user, Permission.APPROVE_PUBLICATION)
    extra = {}
    if is_officer:
        whole = plan_performance(plan=plan, as_at=as_at) if plan is not None else None
        extra = {
            "figures_awaiting_approval": [
                row for row in approval_rows(whole.all_indicators)
                if row.is_awaiting_approval] if whole else [],
            "action_commentary_awaiting_approval": [
                row for row in action_commentary_rows(plan=plan, as_at=today)
                if not row.latest.commentary_is_public] if plan is not None else [],
            "failed_jobs": list(Job.objects.filter(status=JobStatus.FAILED)
                                .select_related("created_by")
                                .order_by("-finished_at", "-pk")[:FAILED_JOBS]),
        }
    return YourWork(
        plan=plan, as_at=as_at, actions=actions,
        indicators_to_comment=[item for item in indicators if not item.commentary_text],
        commentary_awaiting_approval=[item for item in indicators if item.commentary
                                      and not item.commentary.is_public],
        meetings=_meetings_with_papers(user=user, person=person, today=today),
        invitations=_invitations(person=person, today=today),
        is_officer=is_officer, **extra)


# --- the sitemap ----------------------------------------------------------------------------


def sitemap_paths() -> list[str]:
    """Every public page a search engine should know: the index pages of each area and each
    public object's own page, in a fixed number of queries (about ten). Nothing that needs
    signing in, nothing exempt (an exempt item has no page of its own; a meeting's page
    leaves its exempt items out for the public), no draft report."""
    paths = [reverse(name) for name in (
        "core:home", "public:accessibility", "governance:scenario-list",
        "governance:organisation-list", "governance:person-list", "plans:plan-list",
        "performance:indicator-list", "meetings:meeting-list", "meetings:newsletter",
        "reports:report-list", "commissioning:service-list", "commissioning:decision-list",
        "participation:you-said-we-did", "participation:engagement-list",
        "public:outcomes", "public:benchmarks", "public:open-data", "api:docs")]
    paths += [scenario.get_absolute_url() for scenario in Scenario.objects.order_by("slug")]
    for slug in Plan.objects.order_by("-starts_on").values_list("slug", flat=True):
        paths += [reverse("plans:plan-detail", args=[slug]),
                  reverse("plans:dashboard", args=[slug]),
                  reverse("public:outcomes-plan", args=[slug])]
    paths += [reverse("public:outcomes-priority", args=[slug, number]) for slug, number in
              Priority.objects.order_by("plan__slug", "number").values_list("plan__slug",
                                                                          "number")]
    paths += [reverse("public:benchmark-area", args=[code]) for code in Area.objects.filter(
        kind=AreaKind.UPPER_TIER, is_current=True).order_by("code").values_list("code",
                                                                                flat=True)]
    paths += [reverse("performance:indicator-detail", args=[pk])
              for pk in Indicator.objects.order_by("pk").values_list("pk", flat=True)]
    area = partnership_area()
    if area is not None:
        # The county's profile and the districts it links to, from the profile's own list.
        paths += [reverse("performance:area-profile", args=[place.code])
                  for place in [area, *area_districts(area)]]
    paths += [reverse("meetings:meeting-detail", args=[pk])
              for pk in Meeting.objects.order_by("starts_at").values_list("pk", flat=True)]
    paths += [reverse("reports:report-detail", args=[report.pk])
              for report in visible_reports(AnonymousUser()).order_by("-as_at", "pk")]
    paths += [service.get_absolute_url() for service in Service.objects.order_by("slug")]
    paths += [reverse("commissioning:decision-detail", args=[pk]) for pk in
              CommissioningDecision.objects.visible_to(AnonymousUser())
              .order_by("pk").values_list("pk", flat=True)]
    paths += [reverse("participation:engagement-detail", args=[pk])
              for pk in Engagement.objects.order_by("pk").values_list("pk", flat=True)]
    return paths
