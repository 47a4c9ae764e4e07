"""Who may open every URL: each pattern of the URL configuration x each role x GET and POST.

ROUTES below holds one row per URL pattern (and a few extra rows, "variants", where the
answer depends on the object: an exempt paper, a draft report). A pattern in the URL
configuration with no row fails `test_every_url_pattern_has_its_expectations`: add its row
when you add the URL. Django's admin (/admin/) is covered by one rule, `_admin_expected`.

Each case is one request by a fresh client on the demo partnership, loaded once for the
module; the request's writes are rolled back before the next case. POSTs carry no data and
no CSRF token (the test client does not check CSRF; tests/core/test_security.py does):
what is tested is whether the request reaches the view's work or is turned away.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from trustboard.commissioning.models import (
    CommissioningDecision,
    NeedsDocument,
    NeedsTopic,
    Service,
)
from trustboard.core.models import Job
from trustboard.governance.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Relationship,
    Scenario,
)
from trustboard.meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Meeting,
    MinutesSection,
    Paper,
    RegisteredInterest,
)
from trustboard.participation.models import Engagement, Finding
from trustboard.performance.selectors import partnership_area
from trustboard.plans.models import KeyAction, Plan, Priority
from trustboard.reports.models import Report, ReportStatus
from trustboard.reports.services import report_draft_create, report_file
from trustboard.reviews.models import Questionnaire, Review
from trustboard.reviews.services import Recipient, invitations_send, questionnaire_save
from trustboard.risks.models import Risk, Strategy

pytestmark = pytest.mark.django_db

# The roles in the order of every expectation tuple below; "public" is not signed in.
ROLES = ("public", "member", "analyst", "officer", "admin")

# What a request comes to.
OK = "ok"  # 2xx, or a redirect on this site that is not to sign in (a form saved, a job's page)
SIGN_IN = "sign-in"  # redirected to the sign-in page
ADMIN_SIGN_IN = "admin sign-in"  # redirected to the admin's own sign-in page
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"

EVERYONE = (OK, OK, OK, OK, OK)
SIGNED_IN = (SIGN_IN, OK, OK, OK, OK)
ANALYSTS_AND_STAFF = (SIGN_IN, FORBIDDEN, OK, OK, OK)
STAFF = (SIGN_IN, FORBIDDEN, FORBIDDEN, OK, OK)
POST_ONLY = (NOT_ALLOWED,) * 5
# Only those who write reports see a draft; to the others it does not exist.
REPORT_WRITERS_SEE = (NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK)


@dataclass(frozen=True)
class Things:
    """The objects of the demo each URL is filled from."""

    scenario: str
    body: int
    small_body: int
    membership: int
    relationship: int
    organisation: int
    person: int
    plan: str
    priority: int
    led_action: int  # led by the demo member
    other_action: int  # led by someone else
    indicator: int
    area: str
    meeting: int  # the Executive of 12 July 2012: an exempt item, papers, two pack versions
    exempt_item: int
    public_paper: int
    exempt_paper: int
    word_paper: int
    minutes_section: int
    member_meeting_action: int  # owned by the demo member
    other_meeting_action: int  # owned by someone else, on an open item
    exempt_meeting_action: int  # on an exempt item of the Executive, owned by someone else
    member_interest: int  # in the demo member's register
    other_interest: int  # in someone else's
    issued_report: int
    draft_report: int
    job: int  # queued by the analyst
    user: int
    user_history: int
    scenario_type: int
    scenario_pk: int
    review: str
    questionnaire: int  # open, with one invitation not yet answered
    answer_link: dict  # that invitation's one-use link: public_id and token
    needs_topic: str = ""
    needs_document: int = 0
    service: str = ""
    commissioning_decision: int = 0


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: Callable[[Things], dict] = lambda things: {}
    get: tuple[str, ...] = EVERYONE
    post: tuple[str, ...] = EVERYONE
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name} ({self.variant})" if self.variant else self.name


def _meeting(t):
    return {"pk": t.meeting}


def _risk(t):
    return {"slug": t.plan, "pk": Risk.objects.get(plan__slug=t.plan, reference="R1").pk}


def _strategy(t):
    return {"slug": t.plan, "pk": Strategy.objects.get(
        plan__slug=t.plan, title="Youth Homelessness Strategy").pk}


def _interview(t):
    """The demo's first interview of the 2015 review (interviews, recommendations: reviews)."""
    from trustboard.reviews.followup_models import Interview

    return {"slug": t.review, "pk": Interview.objects.filter(review__slug=t.review)
            .order_by("pk").first().pk}


def _recommendation(t, *, action: bool = False):
    """The demo's scrutiny recommendation 19 (it has an action), by its source's slug."""
    from trustboard.reviews.recommendation_models import Recommendation

    one = Recommendation.objects.select_related("source").get(source__kind="scrutiny",
                                                              number="19")
    kwargs = {"source": one.source.slug, "pk": one.pk}
    return {**kwargs, "action": one.actions.first().pk} if action else kwargs
def _engagement():
    """The demo's Mansfield young people's group (read here, not in Things, to keep apps apart)."""
    return {"pk": Engagement.objects.get(locality__name="Mansfield").pk}


def _finding():
    return {"pk": Finding.objects.filter(engagement__locality__name="Mansfield").first().pk}


def _api_token():
    """An API token of the demo member's (made here: the demo has none)."""
    from trustboard.api.models import ApiToken

    token, _ = ApiToken.objects.get_or_create(
        user=get_user_model().objects.get(username="member"), name="Matrix",
        defaults={"prefix": "tb_matrix", "digest": "0" * 64})
    return {"pk": token.pk}


# The API answers the same to every session: it reads the bearer token, not the cookie.
API_READ = {"get": EVERYONE, "post": POST_ONLY}
API_TOKEN_ONLY = ("401",) * 5


ROUTES = [
    # core
    Route("core:home"),
    Route("core:health"),
    Route("core:login"),  # a signed-in user is sent on to the home page
    Route("core:logout", get=POST_ONLY),
    # A job's progress is its owner's and the officers'; to anyone else it does not exist.
    Route("core:job", lambda t: {"pk": t.job}, get=(SIGN_IN, NOT_FOUND, OK, OK, OK),
          post=(SIGN_IN, NOT_FOUND, OK, OK, OK)),
    Route("core:job-state", lambda t: {"pk": t.job}, get=(SIGN_IN, NOT_FOUND, OK, OK, OK),
          post=(SIGN_IN, NOT_FOUND, OK, OK, OK)),
    # public: the home page (core:home above), the accessibility statement, the sitemap and
    # robots.txt are everyone's
    Route("public:accessibility"),
    Route("public:sitemap"),
    Route("public:robots"),
    # governance: the structure is public; changing it is the officers'
    Route("governance:scenario-list"),
    Route("governance:scenario-compare"),
    Route("governance:scenario-import", get=STAFF, post=STAFF),
    Route("governance:scenario-create", get=STAFF, post=STAFF),
    Route("governance:organisation-list"),
    Route("governance:organisation-create", get=STAFF, post=STAFF),
    Route("governance:organisation-detail", lambda t: {"pk": t.organisation}),
    Route("governance:organisation-edit", lambda t: {"pk": t.organisation}, get=STAFF,
          post=STAFF),
    Route("governance:person-list"),
    Route("governance:person-create", get=STAFF, post=STAFF),
    Route("governance:person-detail", lambda t: {"pk": t.person}),
    Route("governance:person-edit", lambda t: {"pk": t.person}, get=STAFF, post=STAFF),
    Route("governance:scenario-detail", lambda t: {"slug": t.scenario}),
    Route("governance:scenario-checks", lambda t: {"slug": t.scenario}),
    Route("governance:scenario-diagram", lambda t: {"slug": t.scenario}),
    Route("governance:scenario-file", lambda t: {"slug": t.scenario}),
    Route("governance:scenario-edit", lambda t: {"slug": t.scenario}, get=STAFF, post=STAFF),
    Route("governance:scenario-copy", lambda t: {"slug": t.scenario}, get=STAFF, post=STAFF),
    Route("governance:scenario-delete", lambda t: {"slug": t.scenario}, get=STAFF, post=STAFF),
    Route("governance:body-merge", lambda t: {"slug": t.scenario}, get=STAFF, post=STAFF),
    Route("governance:body-create", lambda t: {"slug": t.scenario}, get=STAFF, post=STAFF),
    Route("governance:body-detail", lambda t: {"slug": t.scenario, "pk": t.body}),
    Route("governance:body-edit", lambda t: {"slug": t.scenario, "pk": t.body}, get=STAFF,
          post=STAFF),
    Route("governance:body-delete", lambda t: {"slug": t.scenario, "pk": t.small_body},
          get=STAFF, post=STAFF),
    Route("governance:membership-create", lambda t: {"slug": t.scenario, "pk": t.body},
          get=STAFF, post=STAFF),
    Route("governance:membership-edit", lambda t: {
        "slug": t.scenario, "pk": t.body, "membership_pk": t.membership}, get=STAFF, post=STAFF),
    Route("governance:membership-delete", lambda t: {
        "slug": t.scenario, "pk": t.body, "membership_pk": t.membership}, get=STAFF, post=STAFF),
    Route("governance:relationship-create", lambda t: {"slug": t.scenario}, get=STAFF,
          post=STAFF),
    Route("governance:relationship-edit", lambda t: {"slug": t.scenario, "pk": t.relationship},
          get=STAFF, post=STAFF),
    Route("governance:relationship-delete",
          lambda t: {"slug": t.scenario, "pk": t.relationship},
          get=(SIGN_IN, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED), post=STAFF),
    # plans: the plan and its dashboard are public; leads update their own actions
    Route("plans:plan-list"),
    Route("plans:plan-detail", lambda t: {"slug": t.plan}),
    Route("plans:dashboard", lambda t: {"slug": t.plan}),
    Route("plans:exceptions", lambda t: {"slug": t.plan}),
    Route("plans:my-updates", lambda t: {"slug": t.plan}, get=SIGNED_IN, post=SIGNED_IN),
    Route("plans:approvals", lambda t: {"slug": t.plan}, get=STAFF, post=STAFF),
    Route("plans:reporting-date", lambda t: {"slug": t.plan}, get=STAFF, post=STAFF),
    Route("plans:priority-edit", lambda t: {"slug": t.plan, "pk": t.priority}, get=STAFF,
          post=STAFF),
    Route("plans:key-action-detail", lambda t: {"slug": t.plan, "pk": t.led_action}),
    Route("plans:key-action-edit", lambda t: {"slug": t.plan, "pk": t.led_action}, get=STAFF,
          post=STAFF),
    Route("plans:key-action-update", lambda t: {"slug": t.plan, "pk": t.led_action},
          get=(SIGN_IN, OK, FORBIDDEN, OK, OK), post=(SIGN_IN, OK, FORBIDDEN, OK, OK),
          variant="an action the member leads"),
    Route("plans:key-action-update", lambda t: {"slug": t.plan, "pk": t.other_action},
          get=(SIGN_IN, FORBIDDEN, FORBIDDEN, OK, OK),
          post=(SIGN_IN, FORBIDDEN, FORBIDDEN, OK, OK), variant="an action someone else leads"),
    # performance: figures are public; importing is the analysts', settings the officers'
    Route("performance:indicator-list"),
    Route("performance:import-list", get=ANALYSTS_AND_STAFF, post=ANALYSTS_AND_STAFF),
    Route("performance:data-upload", get=ANALYSTS_AND_STAFF, post=ANALYSTS_AND_STAFF),
    Route("performance:indicator-detail", lambda t: {"pk": t.indicator}),
    Route("performance:indicator-edit", lambda t: {"pk": t.indicator}, get=STAFF, post=STAFF),
    Route("performance:area-profile", lambda t: {"code": t.area}),
    # public: the outcomes framework and the benchmarks are for everyone (approved values)
    Route("public:outcomes"),
    Route("public:outcomes-plan", lambda t: {"slug": t.plan}),
    Route("public:outcomes-priority", lambda t: {"slug": t.plan, "number": 1}),
    Route("public:benchmarks"),
    Route("public:benchmark-area", lambda t: {"code": "E08000016"}),  # Barnsley
    # meetings: public papers are public; exempt ones are for the body's members and officers
    Route("meetings:meeting-list"),
    Route("meetings:calendar"),
    Route("meetings:body-calendar", lambda t: {"pk": t.body}),
    Route("meetings:newsletter"),
    Route("meetings:coverage"),
    Route("meetings:attendance-report"),
    Route("meetings:meeting-create", get=STAFF, post=STAFF),
    Route("meetings:forward-plan-generate", get=STAFF, post=STAFF),
    Route("meetings:meeting-detail", _meeting),
    Route("meetings:meeting-edit", _meeting, get=STAFF, post=STAFF),
    Route("meetings:meeting-cancel", _meeting, get=STAFF, post=STAFF),
    Route("meetings:item-create", _meeting, get=STAFF, post=STAFF),
    Route("meetings:item-edit", lambda t: {"pk": t.exempt_item}, get=STAFF, post=STAFF),
    Route("meetings:item-delete", lambda t: {"pk": t.exempt_item}, get=STAFF, post=STAFF),
    Route("meetings:item-move", lambda t: {"pk": t.exempt_item, "direction": "up"},
          get=STAFF, post=STAFF),
    Route("meetings:attendance-edit", _meeting, get=STAFF, post=STAFF),
    Route("meetings:decision-create", _meeting, get=STAFF, post=STAFF),
    Route("meetings:action-create", _meeting, get=STAFF, post=STAFF),
    Route("meetings:key-message-create", _meeting, get=STAFF, post=STAFF),
    Route("meetings:paper-create", _meeting, get=STAFF, post=STAFF),
    Route("meetings:paper-download", lambda t: {"pk": t.public_paper}, variant="public paper"),
    Route("meetings:paper-pdf-download", lambda t: {"pk": t.word_paper}),
    # The demo member sits on the Executive; the analyst does not.
    Route("meetings:paper-download", lambda t: {"pk": t.exempt_paper},
          get=(NOT_FOUND, OK, NOT_FOUND, OK, OK), post=(NOT_FOUND, OK, NOT_FOUND, OK, OK),
          variant="exempt paper"),
    Route("meetings:pack-publish", _meeting, get=STAFF, post=STAFF),
    Route("meetings:pack-download", lambda t: {"pk": t.meeting, "number": 1}),
    Route("meetings:pack-download-full", lambda t: {"pk": t.meeting, "number": 1},
          get=(SIGN_IN, OK, NOT_FOUND, OK, OK), post=(SIGN_IN, OK, NOT_FOUND, OK, OK)),
    Route("meetings:minutes-detail", _meeting),
    Route("meetings:minutes-draft", _meeting, get=STAFF, post=STAFF),
    Route("meetings:minutes-approve", _meeting, get=STAFF, post=STAFF),
    Route("meetings:minutes-section-edit", lambda t: {"pk": t.minutes_section}, get=STAFF,
          post=STAFF),
    Route("meetings:declaration-create", _meeting, get=STAFF, post=STAFF),
    # The action log is public, leaving out exempt items' actions; an action's owner or a
    # clerk marks it done.
    Route("meetings:action-log"),
    Route("meetings:action-complete", lambda t: {"pk": t.member_meeting_action},
          get=(SIGN_IN, OK, FORBIDDEN, OK, OK), post=(SIGN_IN, OK, FORBIDDEN, OK, OK),
          variant="an action the member owns"),
    Route("meetings:action-complete", lambda t: {"pk": t.other_meeting_action},
          get=(SIGN_IN, FORBIDDEN, FORBIDDEN, OK, OK),
          post=(SIGN_IN, FORBIDDEN, FORBIDDEN, OK, OK), variant="an action someone else owns"),
    Route("meetings:action-complete", lambda t: {"pk": t.exempt_meeting_action},
          get=(SIGN_IN, FORBIDDEN, NOT_FOUND, OK, OK),
          post=(SIGN_IN, FORBIDDEN, NOT_FOUND, OK, OK), variant="an exempt item's action"),
    # The register is for the signed in unless TRUSTBOARD_REGISTER_OF_INTERESTS_PUBLIC (off
    # by default); members keep their own entries, officers anyone's.
    Route("meetings:register", get=SIGNED_IN, post=SIGNED_IN),
    Route("meetings:interest-create", get=(SIGN_IN, OK, FORBIDDEN, OK, OK),
          post=(SIGN_IN, OK, FORBIDDEN, OK, OK)),
    Route("meetings:interest-edit", lambda t: {"pk": t.member_interest},
          get=(SIGN_IN, OK, FORBIDDEN, OK, OK), post=(SIGN_IN, OK, FORBIDDEN, OK, OK),
          variant="the member's own entry"),
    Route("meetings:interest-edit", lambda t: {"pk": t.other_interest},
          get=(SIGN_IN, FORBIDDEN, FORBIDDEN, OK, OK),
          post=(SIGN_IN, FORBIDDEN, FORBIDDEN, OK, OK), variant="someone else's entry"),
    # commissioning: needs, services, budgets and decisions are public (a value still decided
    # in an exempt item is kept back on the page itself); the forward plan is for the
    # signed-in; recording is the officers'
    Route("commissioning:service-list"),
    Route("commissioning:topic-list"),
    Route("commissioning:topic-create", get=STAFF, post=STAFF),
    Route("commissioning:topic-detail", lambda t: {"slug": t.needs_topic}),
    Route("commissioning:topic-edit", lambda t: {"slug": t.needs_topic}, get=STAFF,
          post=STAFF),
    Route("commissioning:document-add", lambda t: {"slug": t.needs_topic}, get=STAFF,
          post=STAFF),
    Route("commissioning:document-download", lambda t: {"pk": t.needs_document}),
    Route("commissioning:service-create", get=STAFF, post=STAFF),
    Route("commissioning:service-detail", lambda t: {"slug": t.service}),
    Route("commissioning:service-edit", lambda t: {"slug": t.service}, get=STAFF, post=STAFF),
    Route("commissioning:budget-set", lambda t: {"slug": t.service}, get=STAFF, post=STAFF),
    Route("commissioning:decision-create", lambda t: {"slug": t.service}, get=STAFF,
          post=STAFF),
    Route("commissioning:schedule", lambda t: {"slug": t.service}, get=POST_ONLY, post=STAFF),
    Route("commissioning:budget"),
    Route("commissioning:forward-plan", get=SIGNED_IN, post=SIGNED_IN),
    Route("commissioning:decision-list"),
    Route("commissioning:decision-detail", lambda t: {"pk": t.commissioning_decision}),
    # reports: issued reports are public documents; drafts are the writers'
    Route("reports:report-list"),
    Route("reports:report-write", get=STAFF, post=STAFF),
    Route("reports:report-detail", lambda t: {"pk": t.issued_report}, variant="issued"),
    Route("reports:report-detail", lambda t: {"pk": t.draft_report}, get=REPORT_WRITERS_SEE,
          post=REPORT_WRITERS_SEE, variant="draft"),
    Route("reports:report-edit", lambda t: {"pk": t.issued_report}, get=STAFF, post=STAFF),
    Route("reports:report-issue", lambda t: {"pk": t.issued_report}, get=POST_ONLY, post=STAFF),
    Route("reports:report-rewrite", lambda t: {"pk": t.issued_report}, get=POST_ONLY,
          post=STAFF),
    Route("reports:report-download", lambda t: {"pk": t.issued_report, "format": "html"},
          variant="issued"),
    Route("reports:report-download", lambda t: {"pk": t.draft_report, "format": "pdf"},
          get=REPORT_WRITERS_SEE, post=REPORT_WRITERS_SEE, variant="draft"),
    # risks: the register is the partnership's (members read, officers write); the
    # strategies register is public
    Route("risks:risk-list", lambda t: {"slug": t.plan}, get=SIGNED_IN, post=SIGNED_IN),
    Route("risks:heat-map", lambda t: {"slug": t.plan}, get=SIGNED_IN, post=SIGNED_IN),
    Route("risks:risk-add", lambda t: {"slug": t.plan}, get=STAFF, post=STAFF),
    Route("risks:risk-detail", _risk, get=SIGNED_IN, post=SIGNED_IN),
    Route("risks:risk-edit", _risk, get=STAFF, post=STAFF),
    Route("risks:risk-review", _risk, get=STAFF, post=STAFF),
    Route("risks:mitigation-add", _risk, get=STAFF, post=STAFF),
    Route("risks:risk-escalate", _risk, get=STAFF, post=STAFF),
    Route("risks:strategy-list", lambda t: {"slug": t.plan}),
    Route("risks:strategy-add", lambda t: {"slug": t.plan}, get=STAFF, post=STAFF),
    Route("risks:strategy-detail", _strategy),
    Route("risks:strategy-edit", _strategy, get=STAFF, post=STAFF),
    # public: open data (read-only: a POST is refused)
    Route("public:open-data", post=(NOT_ALLOWED,) * 5),
    Route("public:open-data-csv", lambda t: {"slug": "decisions"}, post=(NOT_ALLOWED,) * 5),
    Route("public:open-data-dictionary", lambda t: {"slug": "decisions"},
          post=(NOT_ALLOWED,) * 5),
    # reviews: results are the partnership's own; running a review is the officers'
    Route("reviews:review-list", get=SIGNED_IN, post=SIGNED_IN),
    Route("reviews:review-create", get=STAFF, post=STAFF),
    Route("reviews:question-bank", get=STAFF, post=STAFF),
    Route("reviews:question-create", get=STAFF, post=STAFF),
    # The one-use answering link is public by design: its token is the key, no account.
    Route("reviews:answer", lambda t: t.answer_link, variant="a valid link"),
    Route("reviews:answer", lambda t: {**t.answer_link, "token": "not-a-token"},
          get=(NOT_FOUND,) * 5, post=(NOT_FOUND,) * 5, variant="a tampered link"),
    Route("reviews:review-detail", lambda t: {"slug": t.review}, get=SIGNED_IN,
          post=SIGNED_IN),
    Route("reviews:results", lambda t: {"slug": t.review}, get=SIGNED_IN, post=SIGNED_IN),
    Route("reviews:questionnaire-create", lambda t: {"slug": t.review}, get=STAFF,
          post=STAFF),
    Route("reviews:questionnaire-detail", lambda t: {"slug": t.review, "pk": t.questionnaire},
          get=STAFF, post=STAFF),
    Route("reviews:questionnaire-edit", lambda t: {"slug": t.review, "pk": t.questionnaire},
          get=STAFF, post=STAFF),
    Route("reviews:section-create", lambda t: {"slug": t.review, "pk": t.questionnaire},
          get=STAFF, post=STAFF),
    Route("reviews:question-add", lambda t: {"slug": t.review, "pk": t.questionnaire},
          get=STAFF, post=STAFF),
    Route("reviews:questionnaire-invite", lambda t: {"slug": t.review, "pk": t.questionnaire},
          get=STAFF, post=STAFF),
    Route("reviews:questionnaire-remind", lambda t: {"slug": t.review, "pk": t.questionnaire},
          get=POST_ONLY, post=STAFF),
    Route("reviews:comment-themes", lambda t: {"slug": t.review, "pk": t.questionnaire},
          get=STAFF, post=STAFF),
    Route("reviews:answers-export", lambda t: {"slug": t.review, "pk": t.questionnaire},
          get=STAFF, post=STAFF),
    # A review's interview notes and themes are the officers' working papers.
    Route("reviews:interview-list", lambda t: {"slug": t.review}, get=STAFF, post=STAFF),
    Route("reviews:interview-add", lambda t: {"slug": t.review}, get=STAFF, post=STAFF),
    Route("reviews:interview-note-add", _interview, get=STAFF, post=STAFF),
    Route("reviews:theme-list", lambda t: {"slug": t.review}, get=STAFF, post=STAFF),
    Route("reviews:review-report-write", lambda t: {"slug": t.review}, get=STAFF, post=STAFF),
    # The recommendations register: read by those signed in, kept by the officers.
    Route("recommendations:source-list", get=SIGNED_IN, post=SIGNED_IN),
    Route("recommendations:source-add", get=STAFF, post=STAFF),
    Route("recommendations:source-detail", lambda t: {"source": _recommendation(t)["source"]},
          get=SIGNED_IN, post=SIGNED_IN),
    Route("recommendations:recommendation-add",
          lambda t: {"source": _recommendation(t)["source"]}, get=STAFF, post=STAFF),
    Route("recommendations:recommendation-response", _recommendation, get=STAFF,
          post=STAFF),
    Route("recommendations:action-add", _recommendation, get=STAFF, post=STAFF),
    Route("recommendations:action-edit", lambda t: _recommendation(t, action=True),
          get=STAFF, post=STAFF),
    # participation: "you said, we did" and each engagement are public; officers record them
    Route("participation:you-said-we-did"),
    Route("participation:engagement-list"),
    Route("participation:engagement-detail", lambda t: _engagement()),
    Route("participation:engagement-create", get=STAFF, post=STAFF),
    Route("participation:engagement-edit", lambda t: _engagement(), get=STAFF, post=STAFF),
    Route("participation:finding-create", lambda t: _engagement(), get=STAFF, post=STAFF),
    Route("participation:finding-edit", lambda t: _finding(), get=STAFF, post=STAFF),
    Route("participation:response-edit", lambda t: _finding(), get=STAFF, post=STAFF),
    Route("participation:awaiting-response", get=STAFF, post=STAFF),
    # thread: the golden thread is public (what is public of it); gaps show to the signed-in
    Route("thread:plan-thread", lambda t: {"slug": t.plan}),
    Route("thread:priority", lambda t: {"slug": t.plan, "number": 1}),
    Route("thread:cell", lambda t: {"slug": t.plan, "number": 1, "kind": "key-actions"}),
    # The national profiles' API (Fingertips): public and read-only. Asked with no query,
    # an endpoint that needs an id answers 400 naming it (tests/api/test_fingertips_api.py).
    *(Route(f"fingertips:{name}", get=(OK,) * 5, post=(NOT_ALLOWED,) * 5) for name in (
        "indicator-metadata-all", "indicator-metadata-csv-all", "area-types",
        "parent-area-types", "ages", "sexes", "value-notes", "profiles", "available-data")),
    *(Route(f"fingertips:{name}", get=("400",) * 5, post=(NOT_ALLOWED,) * 5) for name in (
        "all-data-by-indicator", "all-data-by-profile", "indicator-metadata",
        "indicator-metadata-csv-by-indicator", "indicator-metadata-csv-by-group",
        "indicator-metadata-csv-by-profile", "areas-by-area-type", "profile",
        "group-metadata")),
    # api: a person's own tokens; the API itself answers a session as the public (a token
    # acts as its user: tests/api/test_api.py), and refuses a method an address does not take
    Route("api:token-list", get=SIGNED_IN, post=SIGNED_IN),
    Route("api:token-revoke", lambda t: _api_token(), get=(SIGN_IN, *(NOT_ALLOWED,) * 4),
          post=(SIGN_IN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)),
    Route("api:docs", post=POST_ONLY),
    Route("api:not-found", lambda t: {"rest": "nowhere"}, get=(NOT_FOUND,) * 5,
          post=(NOT_FOUND,) * 5),
    Route("api:v1:openapi-json", post=POST_ONLY),
    Route("api:v1:api-root", **API_READ),  # django-ninja's name for /api/v1/ (the index)
    Route("api:v1:index", **API_READ),
    Route("api:v1:me", get=API_TOKEN_ONLY, post=POST_ONLY),
    Route("api:v1:indicator-list", **API_READ),
    Route("api:v1:indicator-detail", lambda t: {"indicator_id": t.indicator}, **API_READ),
    Route("api:v1:indicator-data", lambda t: {"indicator_id": t.indicator}, **API_READ),
    Route("api:v1:import", get=POST_ONLY, post=API_TOKEN_ONLY),
    Route("api:v1:area-list", **API_READ),
    Route("api:v1:area-detail", lambda t: {"code": t.area}, **API_READ),
    Route("api:v1:body-list", **API_READ),
    Route("api:v1:body-detail", lambda t: {"body_id": t.body}, **API_READ),
    Route("api:v1:plan-list", **API_READ),
    Route("api:v1:plan-detail", lambda t: {"slug": t.plan}, **API_READ),
    Route("api:v1:meeting-list", **API_READ),
    Route("api:v1:meeting-detail", lambda t: {"meeting_id": t.meeting}, **API_READ),
]


# --- the URL configuration ------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the route itself for a pattern with no name
    route: str
    pattern: URLPattern = field(compare=False)

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


def url_patterns(patterns=None, prefix: str = "", namespace: str = "") -> list[Pattern]:
    """Every pattern of the URL configuration, through every include."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            found += url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            route = prefix + str(pattern.pattern)
            key = f"{namespace}:{pattern.name}" if pattern.name and namespace else (
                pattern.name or route)
            found.append(Pattern(key=key, route=route, pattern=pattern))
    return found


ADMIN_PATTERNS = [pattern for pattern in url_patterns() if pattern.is_admin]


def test_every_url_pattern_has_its_expectations():
    configured = {pattern.key for pattern in url_patterns() if not pattern.is_admin}
    expected = {route.name for route in ROUTES}
    missing = sorted(configured - expected)
    assert not missing, (
        f"No access expectations for {', '.join(missing)}: add a Route for each, saying who "
        "may GET and POST it, to ROUTES in tests/core/test_access_matrix.py (docs/roles.md).")
    stale = sorted(expected - configured)
    assert not stale, f"ROUTES has rows for URLs that no longer exist: {', '.join(stale)}."


def test_every_admin_url_is_under_the_admin_rule():
    assert ADMIN_PATTERNS
    assert {pattern.key for pattern in ADMIN_PATTERNS} >= {"admin:index", "admin:login",
                                                          "admin:core_user_changelist"}


# --- the world and the requests ---------------------------------------------------------------


@pytest.fixture(scope="module")
def things(demo_world, django_db_blocker) -> Things:
    """The demo's objects, plus what it lacks: a job, and a draft report with its files."""
    users = demo_world.users
    with django_db_blocker.unblock():
        plan = Plan.objects.get(slug="cypf-2011-14")
        meeting = Meeting.objects.get(body__name="Children's Trust Executive",
                                      starts_at__date=datetime.date(2012, 7, 12))
        exempt_item = AgendaItem.objects.get(meeting=meeting, is_exempt=True)
        body = meeting.body
        relationship = Relationship.objects.filter(source__scenario=body.scenario).first()
        issued = Report.objects.get(status=ReportStatus.ISSUED, kind="performance")
        report_file(issued, "html")  # its files, written once here rather than in every case
        draft = report_draft_create(
            by=users["officer"], kind=issued.kind, plan=plan,
            as_at=datetime.date(2012, 9, 30), committee=issued.committee,
            meeting_date=datetime.date(2013, 1, 14), report_of=issued.report_of,
            contact="Team Manager, Planning and Performance", title="Draft for the matrix")
        member_person = Person.objects.get(user=users["member"])
        admin = users["admin"]
        review = Review.objects.get(slug="board-review-2015")
        questionnaire = questionnaire_save(questionnaire=Questionnaire(
            review=review, title="Open questionnaire for the matrix",
            closes_on=datetime.date.today() + datetime.timedelta(days=30)), by=users["officer"])
        link = invitations_send(questionnaire=questionnaire, by=users["officer"],
                                link_for=lambda questionnaire, token: "",
                                recipients=[Recipient(name="Matrix", email="")])[0]
        return Things(
            scenario=body.scenario.slug, body=body.pk,
            small_body=Body.objects.filter(scenario=body.scenario,
                                           kind="locality group").first().pk,
            membership=Membership.objects.filter(body=body).first().pk,
            relationship=relationship.pk,
            organisation=Organisation.objects.first().pk, person=Person.objects.first().pk,
            plan=plan.slug, priority=Priority.objects.filter(plan=plan).first().pk,
            led_action=KeyAction.objects.filter(priority__plan=plan,
                                                lead_officer=member_person).first().pk,
            other_action=KeyAction.objects.filter(priority__plan=plan).exclude(
                lead_officer=member_person).first().pk,
            indicator=plan.priorities.filter(indicators__isnull=False).first()
            .indicators.first().pk,
            area=partnership_area().code,
            meeting=meeting.pk, exempt_item=exempt_item.pk,
            public_paper=Paper.objects.filter(item__meeting=meeting,
                                              item__is_exempt=False).first().pk,
            exempt_paper=Paper.objects.get(item=exempt_item).pk,
            word_paper=Paper.objects.get(original_name__endswith=".docx",
                                         item__is_exempt=False).pk,
            minutes_section=MinutesSection.objects.filter(minutes__meeting=meeting).first().pk,
            member_meeting_action=Action.objects.filter(
                owner=member_person, status=ActionStatus.OPEN).first().pk,
            other_meeting_action=Action.objects.filter(
                item__is_exempt=False, status=ActionStatus.OPEN).exclude(
                owner=member_person).first().pk,
            exempt_meeting_action=Action.objects.filter(item__is_exempt=True).first().pk,
            member_interest=RegisteredInterest.objects.filter(person=member_person).first().pk,
            other_interest=RegisteredInterest.objects.exclude(person=member_person).first().pk,
            issued_report=issued.pk, draft_report=draft.pk,
            job=Job.objects.create(title="An import", created_by=users["analyst"]).pk,
            user=admin.pk, user_history=admin.history.first().history_id,
            scenario_type=ContentType.objects.get_for_model(Scenario).pk,
            scenario_pk=body.scenario.pk,
            review=review.slug, questionnaire=questionnaire.pk,
            answer_link={"public_id": questionnaire.public_id, "token": link.token},
            needs_topic=NeedsTopic.objects.get(slug="teenage-pregnancy").slug,
            needs_document=NeedsDocument.objects.exclude(file="").first().pk,
            service=Service.objects.get(slug="young-carers-support").slug,
            commissioning_decision=CommissioningDecision.objects.first().pk,
        )


@pytest.fixture
def _uploads_in_a_temporary_folder(settings, demo_world):
    """The demo's papers, packs and reports were stored once, for the whole module."""
    settings.MEDIA_ROOT = demo_world.media


@pytest.fixture(scope="module")
def _browser() -> Client:
    """One test client for the module: a new one loads every middleware again, and
    WhiteNoise's index of the static files alone costs more than most requests."""
    return Client()


@pytest.fixture(scope="module")
def _sessions(_browser, demo_world, django_db_blocker) -> dict[str, str]:
    """A signed-in session for each role, made once for the module (signing in writes the
    user's last login and its history); a test that signs out is rolled back."""
    sessions = {}
    with django_db_blocker.unblock():
        for role in ROLES[1:]:
            _browser.cookies = SimpleCookie()  # or signing in ends the last role's session
            _browser.force_login(demo_world.users[role])
            sessions[role] = _browser.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


@pytest.fixture
def as_role(_browser, _sessions) -> Callable[[str], Client]:
    """The client with no cookies but the session of `role` (none for the public)."""

    def sign_in(role: str) -> Client:
        _browser.cookies = SimpleCookie()
        if role != "public":
            _browser.cookies[settings.SESSION_COOKIE_NAME] = _sessions[role]
        return _browser

    return sign_in


def _outcome(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.headers["Location"]
        if location.startswith(reverse("admin:login")):
            return ADMIN_SIGN_IN
        if location.startswith(resolve_url(settings.LOGIN_URL)):
            return SIGN_IN
        on_this_site = urlsplit(location).netloc in ("", "testserver")
        return OK if on_this_site else f"redirect to {location}"
    if 200 <= response.status_code < 300:
        return OK
    return str(response.status_code)


def _request(client: Client, method: str, url: str):
    response = client.get(url) if method == "GET" else client.post(url)
    if hasattr(response, "streaming_content"):
        # Read to the end, the test client then closes the file (without closing the
        # database connection, as response.close() would in the module's transaction).
        b"".join(response.streaming_content)
    return response


# --- which cases the PostgreSQL pass runs too ----------------------------------------------
#
# Who may open a URL is decided by the views' permission checks, not by the database: every
# case runs on SQLite's pass, and the PostgreSQL pass runs a sample that still walks every
# app on PostgreSQL for every role (docs/testing.md): for each app and role one URL, spread
# along the app's rows, by GET and POST; every row whose answer depends on the object (a
# variant: an exempt paper, a draft report, an action the member leads), for every role;
# five admin pages, one for each role; and every list of the admin for the administrator.
ON_SQLITE_ONLY = pytest.mark.sqlite_only(
    reason="who may open a URL is the views' permission checks, the same on any database; "
           "PostgreSQL runs a sample (postgres_sample)")


def postgres_sample(keys: list[str], *, apps: bool = True) -> set[tuple[str, str]]:
    """The (key, role) pairs the PostgreSQL pass runs: for each app (the part of the key
    before ":", or all keys as one when not `apps`) and each role, one key, spread along
    the app's keys in their order."""
    by_app: dict[str, list[str]] = {}
    for key in dict.fromkeys(keys):
        by_app.setdefault(key.split(":")[0] if apps else "", []).append(key)
    return {(app_keys[index * len(app_keys) // len(ROLES)], role)
            for app_keys in by_app.values() for index, role in enumerate(ROLES)}


_SAMPLE = postgres_sample([route.name for route in ROUTES])


def _on_postgres_too(route: Route, role: str) -> bool:
    return bool(route.variant) or (route.name, role) in _SAMPLE


CASES = [pytest.param(route, role, method, id=f"{role}-{route.id}-{method}",
                      marks=() if _on_postgres_too(route, role) else ON_SQLITE_ONLY)
         for route in ROUTES for role in ROLES for method in ("GET", "POST")]


@pytest.mark.parametrize(("route", "role", "method"), CASES)
def test_access(route, role, method, things, as_role):
    url = reverse(route.name, kwargs=route.kwargs(things))
    expected = (route.get if method == "GET" else route.post)[ROLES.index(role)]
    response = _request(as_role(role), method, url)
    assert _outcome(response) == expected, (
        f"{role} {method} {url} answered {response.status_code} "
        f"{response.headers.get('Location', '')}")


# --- the admin -----------------------------------------------------------------------------


def _admin_kwargs(pattern: Pattern, things: Things) -> tuple[list, dict]:
    """Fill an admin pattern: an object that exists where one is named."""
    names = set(pattern.pattern.pattern.converters) | set(
        pattern.pattern.pattern.regex.groupindex)
    if pattern.key == "admin:core_user_simple_history":
        return [things.user, things.user_history], {}
    if pattern.key == "admin:api_apitoken_simple_history":
        from trustboard.api.models import ApiToken

        token = ApiToken.objects.get(pk=_api_token()["pk"])
        return [token.pk, token.history.first().history_id], {}
    kwargs = {}
    if "object_id" in names:
        kwargs["object_id"] = (things.user if "core/user" in pattern.route
                               else _api_token()["pk"] if "api/apitoken" in pattern.route
                               else "0")
    if "id" in names:
        kwargs["id"] = things.user
    if "content_type_id" in names:
        kwargs["content_type_id"] = things.scenario_type
        kwargs["object_id"] = things.scenario_pk
    if "app_label" in names:
        kwargs["app_label"] = "core"
    if "url" in names:
        kwargs["url"] = "nowhere/"
    return [], kwargs


# Admin pages that answer the administrator with their own refusal, not a page.
_ADMIN_OWN_ANSWERS = {
    ("admin:logout", "GET"): NOT_ALLOWED,
    ("admin:password_change_done", "POST"): NOT_ALLOWED,
    ("admin:jsi18n", "POST"): NOT_ALLOWED,
    ("admin:autocomplete", "GET"): FORBIDDEN,  # asked without the field it completes
    ("admin:autocomplete", "POST"): NOT_ALLOWED,
}


def _admin_expected(pattern: Pattern, role: str, method: str, administrator) -> str:
    """One rule for Django's admin: only the administrator (staff) gets in; everyone else is
    sent to the admin's sign-in page, which is the one admin page they may see.

    Inside, a model's admin may itself refuse the administrator a change (the sign-in
    records and the task queue are read-only): 403, as its own permissions say.
    """
    if role != "admin":
        if pattern.key == "admin:login":
            return OK
        if pattern.key == "admin:logout":
            return OK  # sent to the admin's index, which sends them to sign in
        return ADMIN_SIGN_IN
    if (pattern.key, method) in _ADMIN_OWN_ANSWERS:
        return _ADMIN_OWN_ANSWERS[(pattern.key, method)]
    if pattern.key.endswith("(?P<url>.*)$"):
        return NOT_FOUND
    model_admin = getattr(pattern.pattern.callback, "model_admin", None)
    if model_admin is None:
        return OK
    request = SimpleNamespace(user=administrator)
    may = {"add": model_admin.has_add_permission(request),
           "delete": model_admin.has_delete_permission(request),
           "change": method == "GET" or model_admin.has_change_permission(request)}
    return OK if may.get(pattern.key.rsplit("_", 1)[-1], True) else FORBIDDEN


_ADMIN_SAMPLE = postgres_sample([pattern.key for pattern in ADMIN_PATTERNS], apps=False)


def _admin_on_postgres_too(pattern: Pattern, role: str) -> bool:
    """The sample, and every list of the admin for the administrator (its searches, filters
    and ordering are queries)."""
    return (pattern.key, role) in _ADMIN_SAMPLE or (
        role == "admin" and pattern.key.endswith("_changelist"))


ADMIN_CASES = [pytest.param(pattern, role, method, id=f"{role}-{pattern.key}-{method}",
                            marks=() if _admin_on_postgres_too(pattern, role)
                            else ON_SQLITE_ONLY)
               for pattern in ADMIN_PATTERNS for role in ROLES for method in ("GET", "POST")]


@pytest.mark.parametrize(("pattern", "role", "method"), ADMIN_CASES)
def test_admin_access(pattern, role, method, things, as_role, demo_world):
    args, kwargs = _admin_kwargs(pattern, things)
    url = _admin_url(pattern, args, kwargs)
    response = _request(as_role(role), method, url)
    expected = _admin_expected(pattern, role, method, demo_world.users["admin"])
    assert _outcome(response) == expected, (
        f"{role} {method} {url} answered {response.status_code} "
        f"{response.headers.get('Location', '')}")


def _admin_url(pattern: Pattern, args: list, kwargs: dict) -> str:
    if pattern.pattern.name:
        return reverse(pattern.key, args=args, kwargs=kwargs)
    # An unnamed pattern: fill its converters in the route by hand.
    route = pattern.route
    for name, value in kwargs.items():
        route = route.replace(f"<path:{name}>", str(value)).replace(f"(?P<{name}>.*)$",
                                                                     str(value))
    return "/" + route

