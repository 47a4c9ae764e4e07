"""The demo's meetings keep their exempt items out of every public place."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from trustboard.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
    MinutesStatus,
    PackVersion,
    Paper,
)

pytestmark = pytest.mark.django_db

EXEMPT_TITLES = ["Award of the young carers support contract",
                 "Residential placement costs: named provider negotiations"]


def _secrets() -> list[str]:
    exempt = AgendaItem.objects.filter(is_exempt=True)
    return [*exempt.values_list("title", flat=True),
            *Decision.objects.filter(item__in=exempt).values_list("text", flat=True),
            *Paper.objects.filter(item__in=exempt).values_list("title", flat=True)]


def _public_pages(client) -> list[str]:
    urls = [reverse("meetings:meeting-list"), reverse("meetings:calendar"),
            reverse("meetings:newsletter") + "?from=2012-04-01&to=2013-03-31",
            reverse("meetings:newsletter") + "?from=2012-04-01&to=2013-03-31&format=email"]
    urls += [meeting.get_absolute_url() for meeting in Meeting.objects.all()]
    urls += [reverse("meetings:body-calendar", args=[pk])
             for pk in Meeting.objects.values_list("body_id", flat=True).distinct()]
    urls += [reverse("meetings:minutes-detail", args=[pk])
             for pk in Minutes.objects.values_list("meeting_id", flat=True)]
    urls += [reverse("meetings:coverage"), reverse("meetings:attendance-report")]
    pages = [client.get(url).content.decode() for url in urls]
    for version in PackVersion.objects.all():
        response = client.get(reverse("meetings:pack-download",
                                      args=[version.meeting_id, version.number]))
        reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
        pages.append(" ".join(" ".join(page.extract_text().split()) for page in reader.pages))
        pages.append(repr(reader.outline))
    for paper in Paper.objects.filter(item__is_exempt=False):
        assert client.get(paper.get_absolute_url()).status_code == 200
    return pages


def test_demo_has_two_exempt_items_with_decisions_at_the_executive(demo):
    exempt = AgendaItem.objects.filter(is_exempt=True)
    assert sorted(exempt.values_list("title", flat=True)) == sorted(EXEMPT_TITLES)
    assert set(exempt.values_list("meeting__body__name", "exempt_paragraph")) == {
        ("Children's Trust Executive", 3)}
    assert Decision.objects.filter(item__in=exempt).count() == 2


def test_demo_exempt_titles_and_decisions_appear_nowhere_public(demo, client):
    secrets = _secrets()
    for page in _public_pages(client):
        for secret in secrets:
            assert secret not in page


def test_demo_newsletter_has_the_strategies_approved(demo, client):
    page = client.get(reverse("meetings:newsletter") + "?from=2012-04-01&to=2013-03-31"
                      ).content.decode()
    assert "Youth Homelessness Strategy was approved" in page
    assert "Looked After Children Strategy" in page
    assert "Multi-Agency Safeguarding Hub" in page


def test_demo_member_sees_the_executive_exempt_items(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="member"))
    pages = "".join(client.get(meeting.get_absolute_url()).content.decode()
                    for meeting in Meeting.objects.filter(body__name="Children's Trust Executive"))
    for title in EXEMPT_TITLES:
        assert title in pages


def test_demo_exempt_papers_are_not_found_by_the_public(demo, client):
    exempt = Paper.objects.filter(item__is_exempt=True)
    assert exempt.exists()
    for paper in exempt:
        assert client.get(paper.get_absolute_url()).status_code == 404


def test_demo_pack_has_a_supplement_in_its_second_version(demo):
    meeting = Meeting.objects.get(pack_versions__number=2)
    latest = meeting.pack_versions.get(number=2)
    assert latest.changes_for(sees_exempt=False) == [
        "Added: paper \u201cPathway to Provision: equality impact assessment\u201d to item 6"]
    assert Paper.objects.get(title__contains="equality impact").is_supplement


def test_demo_minutes_are_approved_at_the_next_meeting(demo):
    executive = Meeting.objects.filter(body__name="Children's Trust Executive")
    statuses = list(Minutes.objects.filter(meeting__in=executive)
                    .order_by("meeting__starts_at").values_list("status", flat=True))
    assert statuses == [MinutesStatus.APPROVED] * 5 + [MinutesStatus.DRAFT]
    may = Minutes.objects.get(meeting__starts_at__date="2012-05-17")
    assert may.approved_on.isoformat() == "2012-07-12"


def test_demo_coverage_shows_the_plan_priorities_no_agenda_covered(demo, client):
    page = client.get(reverse("meetings:coverage")).content.decode()
    assert "Children, Young People and Families Plan 2011-14" in page
    assert "Priority 4. Close the gaps in educational achievement" in page
    assert "6. Prepare young people for adulthood" in page
