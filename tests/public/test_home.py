"""The home page: the partnership at a glance for the public, "your work" signed in; the
accessibility statement, sitemap.xml and robots.txt."""

import datetime
import html
import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from trustboard.core.models import Job, JobStatus
from trustboard.governance.models import Body, Membership, Organisation
from trustboard.meetings.models import AgendaItem, Meeting, MeetingStatus, Paper, PaperKind
from trustboard.performance.models import Indicator, PublicationApproval
from trustboard.plans.models import Plan
from trustboard.plans.selectors import plan_performance, plan_reporting_date
from trustboard.reports.models import Report, ReportStatus
from trustboard.reviews.models import Invitation, Questionnaire

pytestmark = pytest.mark.django_db

BOARD = "Children's Trust Board"


def _home(client) -> str:
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    # Read as a reader does: "Children's", not "Children&#x27;s".
    return html.unescape(response.text.split('id="main-content"', 1)[1])


def _future_meeting(body: Body, *, days: int, status=MeetingStatus.SCHEDULED) -> Meeting:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return Meeting.objects.create(body=body, starts_at=starts,
                                  ends_at=starts + datetime.timedelta(hours=2),
                                  place="County Hall, West Bridgford", status=status)


def _paper(item: AgendaItem, title: str) -> Paper:
    return Paper.objects.create(item=item, title=title, file=f"papers/{item.pk}.pdf",
                                original_name=f"{title}.pdf", content_type=PaperKind.PDF,
                                size=10, sha256="0" * 64)


def _user(username: str):
    return get_user_model().objects.get(username=username)


# --- the public home page ---------------------------------------------------------------------


def test_the_home_page_names_the_bodies_in_force_and_every_member_organisation(client, demo):
    page = _home(client)
    board = Body.objects.get(scenario__is_current=True, is_partnership_board=True)
    assert f'href="{board.get_absolute_url()}">{board.name}</a> leads the partnership' in page
    for body in Body.objects.filter(scenario__is_current=True):
        assert f'href="{body.get_absolute_url()}">{body.name}</a>' in page
    for organisation in Organisation.objects.all():
        assert f">{organisation.name}</a>" in page


def test_each_priority_shows_its_actions_and_indicators_as_the_public_dashboard_counts_them(
        client, demo):
    plan = Plan.objects.get(slug="cypf-2011-14")
    performance = plan_performance(plan=plan, as_at=plan_reporting_date(plan=plan), public=True)
    page = _home(client)
    for priority in performance.priorities:
        heading = f"Priority {priority.priority.number}: {priority.priority.title}"
        section = page.split(heading, 1)[1].split("</dl>", 1)[0]
        actions = [action.status for action in priority.actions]
        on_schedule = actions.count("on schedule")
        if on_schedule:
            assert f"{on_schedule} on schedule" in section
        better = [i for i in priority.indicators if i.compared_with_england == "better"]
        if better:
            assert f"{len(better)} better than England" in section
    # Nottinghamshire's first priority, as at 30 September 2012 (the demo's reporting date).
    first = page.split("Priority 1:", 1)[1].split("</dl>", 1)[0]
    assert "3 on schedule" in first and "3 better than England, 1 worse than England" in first


def test_a_figure_not_yet_approved_is_not_counted_on_the_public_home_page(client, demo):
    plan = Plan.objects.get(slug="cypf-2011-14")
    indicator = plan.priorities.get(number=5).indicators.get()
    indicator.approval_required = True
    indicator.save()
    PublicationApproval.objects.filter(indicator=indicator).delete()

    fifth = _home(client).split("Priority 5:", 1)[1].split("</dl>", 1)[0]

    assert "better than England" not in fifth
    assert "1 with no published figure yet" in fifth


def test_the_next_meetings_are_those_to_come_leaving_out_a_cancelled_one(client, demo):
    board = Body.objects.get(scenario__is_current=True, is_partnership_board=True)
    cancelled = _future_meeting(board, days=3, status=MeetingStatus.CANCELLED)
    coming = _future_meeting(board, days=10)

    section = _home(client).split('id="next-meetings"', 1)[1].split('id="plan"', 1)[0]

    assert f'href="{coming.get_absolute_url()}"' in section
    assert f'href="{cancelled.get_absolute_url()}"' not in section


def test_with_no_meeting_to_come_the_home_page_points_to_the_last_one(client, demo):
    last = Meeting.objects.exclude(status=MeetingStatus.CANCELLED).order_by("-starts_at").first()
    section = _home(client).split('id="next-meetings"', 1)[1].split('id="plan"', 1)[0]
    assert "No meetings are scheduled yet" in section
    assert f'href="{last.get_absolute_url()}"' in section


def test_the_home_page_lists_issued_reports_never_a_draft(client, demo):
    issued = Report.objects.filter(status=ReportStatus.ISSUED).first()
    draft = Report.objects.create(kind=issued.kind, plan=issued.plan, as_at=issued.as_at,
                                  version=issued.version + 1, title="Draft not for the public",
                                  status=ReportStatus.DRAFT)
    page = _home(client)
    assert f'href="{issued.get_absolute_url()}"' in page
    assert draft.title not in page


def test_the_home_page_shows_the_last_cycles_key_messages_and_you_said_we_did(client, demo):
    page = _home(client)
    messages = page.split('id="newsletter"', 1)[1].split("</ul>", 1)[0]
    assert messages.count("<li>") >= 1
    said = page.split('id="you-said-we-did"', 1)[1]
    assert "You said:" in said and re.search(r"<strong>We (did|will|cannot):</strong>", said)


def test_the_public_home_page_reads_in_a_bounded_number_of_queries(
        client, demo, django_assert_max_num_queries):
    # The plan's performance is twelve; the rest one to four per part, whatever the size.
    with django_assert_max_num_queries(45):
        client.get(reverse("core:home"))


# --- your work --------------------------------------------------------------------------------


def test_a_lead_sees_the_actions_they_lead_and_the_indicators_they_own_with_counts(client, demo):
    member = _user("member")
    client.force_login(member)
    plan = Plan.objects.get(slug="cypf-2011-14")
    mine = plan_performance(plan=plan, as_at=plan_reporting_date(plan=plan),
                            owner=member.person)
    open_actions = [a for a in mine.all_actions if a.status != "completed"]
    assert open_actions, "the demo member leads key actions still open"

    page = _home(client)

    assert "Your work" in page
    assert f'id="count-actions">{len(open_actions)}<' in page
    for item in open_actions:
        assert f'href="{item.action.get_absolute_url()}"' in page
    assert 'id="count-approvals"' not in page and 'id="count-jobs"' not in page


def test_a_lead_sees_papers_for_the_next_meeting_of_a_body_they_sit_on(client, demo):
    member = _user("member")
    membership = Membership.objects.filter(person=member.person).select_related("body").first()
    meeting = _future_meeting(membership.body, days=14)
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Early help strategy")
    exempt = AgendaItem.objects.create(meeting=meeting, number=2, title="Contract award",
                                       is_exempt=True, exempt_paragraph=3)
    _paper(item, "Early help strategy 2013-16")
    _paper(exempt, "Tender evaluation")
    other = _future_meeting(Body.objects.exclude(memberships__person=member.person)
                            .filter(scenario__is_current=True).first(), days=7)
    client.force_login(member)

    page = _home(client)

    # A member of the body reads its exempt papers too, as on the meeting's page.
    assert 'id="count-papers">2<' in page
    assert "Early help strategy 2013-16" in page and "Tender evaluation" in page
    assert f'href="{other.get_absolute_url()}"' not in page.split('id="meetings"')[1].split(
        'id="questionnaires"')[0]


def test_a_lead_sees_the_questionnaires_still_open_for_them_to_answer(client, demo):
    member = _user("member")
    questionnaire = Questionnaire.objects.first()
    questionnaire.opens_on = None
    questionnaire.closes_on = timezone.localdate() + datetime.timedelta(days=14)
    questionnaire.save()
    Invitation.objects.create(questionnaire=questionnaire, person=member.person,
                              name=member.person.name, token_hash="a" * 64)
    client.force_login(member)

    page = _home(client)

    assert 'id="count-questionnaires">1<' in page
    assert questionnaire.title in page


def test_an_officer_also_sees_approvals_waiting_and_the_jobs_that_failed(client, demo):
    plan = Plan.objects.get(slug="cypf-2011-14")
    indicator = plan.priorities.get(number=5).indicators.get()
    indicator.approval_required = True
    indicator.save()
    PublicationApproval.objects.filter(indicator=indicator).delete()
    job = Job.objects.create(title="Import of 90284.csv", status=JobStatus.FAILED,
                             error="Row 12, column Value: not a number.",
                             finished_at=timezone.now())
    client.force_login(_user("officer"))

    page = _home(client)

    approvals = page.split('id="approvals"', 1)[1].split('id="jobs"', 1)[0]
    assert f"Figures of {indicator.name}" in approvals
    assert 'id="count-jobs">1<' in page
    assert f'href="{job.get_absolute_url()}"' in page and "Row 12, column Value" in page


def test_your_work_still_links_every_area_of_the_site(client, demo):
    from trustboard.core.context_processors import SECTIONS

    client.force_login(_user("member"))
    page = _home(client)
    for text, _name, href in SECTIONS:
        assert f'href="{href}">{text}</a>' in page


# --- the accessibility statement, sitemap.xml and robots.txt ----------------------------------


def test_every_page_links_the_accessibility_statement_from_its_footer(client, db):
    for url in (reverse("core:login"), reverse("meetings:meeting-list")):
        footer = client.get(url).text.split('class="govuk-footer"', 1)[1]
        assert f'href="{reverse("public:accessibility")}">Accessibility statement</a>' in footer


def test_the_accessibility_statement_follows_the_model_statements_sections(client, db):
    page = client.get(reverse("public:accessibility")).text
    for heading in ("How accessible this website is", "Reporting accessibility problems",
                    "Enforcement procedure", "Compliance status", "Non-accessible content",
                    "Preparation of this accessibility statement"):
        assert heading in page
    assert "partially compliant" in page and "axe-core" in page and "375 pixels" in page
    assert "may not be tagged" in page


def test_the_accessibility_statement_gives_the_partnerships_address_when_set(
        client, db, settings):
    settings.TRUSTBOARD_CONTACT_EMAIL = "trust@nottscc.gov.uk"
    page = client.get(reverse("public:accessibility")).text
    assert 'href="mailto:trust@nottscc.gov.uk"' in page


def _sitemap(client) -> list[str]:
    response = client.get(reverse("public:sitemap"))
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [element.text for element in root.findall("s:url/s:loc", namespace)]


def test_the_sitemap_lists_the_public_pages_by_their_absolute_addresses(client, demo):
    paths = [urlsplit(url).path for url in _sitemap(client)]
    assert all(url.startswith("http://testserver/") for url in _sitemap(client))
    assert "/" in paths and reverse("public:accessibility") in paths
    for indicator in Indicator.objects.all():
        assert reverse("performance:indicator-detail", args=[indicator.pk]) in paths
    for meeting in Meeting.objects.all():
        assert meeting.get_absolute_url() in paths
    assert reverse("performance:area-profile", args=["E10000024"]) in paths
    # The outcomes framework, every authority's benchmark and the API's documentation.
    assert reverse("public:outcomes-priority", args=["cypf-2011-14", 1]) in paths
    assert reverse("public:benchmark-area", args=["E08000016"]) in paths  # Barnsley
    assert reverse("api:docs") in paths


def test_the_sitemap_leaves_out_drafts_and_what_needs_signing_in(client, demo):
    issued = Report.objects.filter(status=ReportStatus.ISSUED).first()
    draft = Report.objects.create(kind=issued.kind, plan=issued.plan, as_at=issued.as_at,
                                  version=issued.version + 1, title="Draft",
                                  status=ReportStatus.DRAFT)
    paths = [urlsplit(url).path for url in _sitemap(client)]
    assert issued.get_absolute_url() in paths
    assert draft.get_absolute_url() not in paths
    assert not [path for path in paths if path.startswith(("/sign-in/", "/admin/", "/jobs/"))]


@pytest.mark.sqlite_only(reason="opening every address is the views' pages read as the "
                                "public, the same on any database; the test above checks "
                                "the sitemap's own queries on both")
def test_the_sitemap_holds_no_address_the_public_cannot_open(client, demo):
    paths = [urlsplit(url).path for url in _sitemap(client)]
    refused = {path: client.get(path).status_code for path in paths}
    assert {path: status for path, status in refused.items() if status != 200} == {}


def test_robots_txt_allows_the_site_keeps_out_sign_in_admin_and_tokens_and_names_the_sitemap(
        client):
    response = client.get(reverse("public:robots"))
    lines = response.text.splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "Allow: /" in lines
    assert {"Disallow: /sign-in/", "Disallow: /admin/", "Disallow: /api/tokens/",
            "Disallow: /reviews/answer/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Nottinghamshire Children's Trust" in lines[0]  # plain text, not HTML-escaped
