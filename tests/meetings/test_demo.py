"""The demo's meetings keep their exempt items out of every public place."""

import pytest
from django.urls import reverse

from trustboard.demo.loader import demo_load
from trustboard.meetings.models import AgendaItem, Decision, Meeting

pytestmark = pytest.mark.django_db

EXEMPT_TITLES = ["Award of the young carers support contract",
                 "Residential placement costs: named provider negotiations"]


@pytest.fixture
def demo():
    demo_load()


def _secrets() -> list[str]:
    exempt = AgendaItem.objects.filter(is_exempt=True)
    return [*exempt.values_list("title", flat=True),
            *Decision.objects.filter(item__in=exempt).values_list("text", flat=True)]


def _public_pages(client) -> list[str]:
    urls = [reverse("meetings:meeting-list"), reverse("meetings:calendar"),
            reverse("meetings:newsletter") + "?from=2012-04-01&to=2013-03-31",
            reverse("meetings:newsletter") + "?from=2012-04-01&to=2013-03-31&format=email"]
    urls += [meeting.get_absolute_url() for meeting in Meeting.objects.all()]
    urls += [reverse("meetings:body-calendar", args=[pk])
             for pk in Meeting.objects.values_list("body_id", flat=True).distinct()]
    return [client.get(url).content.decode() for url in urls]


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
