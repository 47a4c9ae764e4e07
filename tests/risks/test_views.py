import datetime

import pytest
from django.urls import reverse

from tests.meetings.factories import MeetingFactory, at
from tests.risks.factories import PlanFactory, PriorityFactory, current_body, unsaved_risk
from trustboard.meetings.models import AgendaItem
from trustboard.risks.models import Risk, RiskReview
from trustboard.risks.services import risk_save

pytestmark = pytest.mark.django_db
SLUG = "cypf-2011-14"


def test_the_register_lists_the_risks_for_the_board_with_trend_and_overdue_review(demo_member):
    page = demo_member.get(reverse("risks:risk-list", args=[SLUG])).content.decode()
    board = page.split('id="for-the-board"')[1].split("</table>")[0]
    assert "R1 Referrals outstrip" in board and "R2 Waiting times" in board
    assert "R3" not in board
    assert "Up: 16 at the review of 18 June 2012, was 12" in board
    assert "1 review overdue: R3 (due 31 August 2012)" in page


def test_the_register_as_at_an_earlier_date_shows_the_scores_then(demo_member):
    page = demo_member.get(reverse("risks:risk-list", args=[SLUG]),
                             {"as_at": "2012-03-01"}).content.decode()
    assert "R1 Referrals" in page and "12 high" in page
    assert "R3 Places" not in page  # identified on 5 March 2012

def test_the_public_is_sent_to_sign_in_for_the_register(demo, client):
    response = client.get(reverse("risks:risk-list", args=[SLUG]))
    assert response.status_code == 302 and response.url.startswith("/sign-in/")


def test_the_heat_map_places_each_risk_in_its_cell_as_at_a_date(demo_member):
    page = demo_member.get(reverse("risks:heat-map", args=[SLUG]),
                             {"as_at": "2012-09-30"}).content.decode()
    assert "<svg" in page
    assert "5 open risks" in page
    assert "At or above the threshold of 15: R1" in page
    row_4 = page.split("Likelihood 4 (Likely)")[1].split("</tr>")[0]
    assert "R1, R2" in row_4


def test_the_heat_map_of_one_body_shows_only_its_risks(demo_member):
    from trustboard.governance.models import Body

    camhs = Body.objects.get(scenario__slug="current", name="CAMHS Integrated Commissioning Group")
    page = demo_member.get(reverse("risks:heat-map", args=[SLUG]),
                             {"as_at": "2012-09-30", "body": camhs.pk}).content.decode()
    assert "1 open risk:" in page and "R2 Waiting" in page and "R1 Referrals" not in page


def test_an_officer_escalates_a_risk_to_its_bodys_meeting_in_one_step(officer_client, officer):
    body = current_body()
    plan = PlanFactory(slug="plan-a")
    risk = risk_save(risk=unsaved_risk(plan=plan, body=body), by=officer,
                     priorities=[PriorityFactory(plan=plan)])
    meeting = MeetingFactory(body=body, starts_at=at(2030, 1, 10))
    response = officer_client.post(reverse("risks:risk-escalate", args=["plan-a", risk.pk]),
                                   {"meeting": meeting.pk})
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert AgendaItem.objects.get(meeting=meeting).title == f"Risk R1: {risk.title}"


def test_a_review_posted_off_the_scale_is_refused_naming_the_field(officer_client, officer):
    risk = risk_save(risk=unsaved_risk(plan=PlanFactory(slug="plan-b")), by=officer)
    response = officer_client.post(reverse("risks:risk-review", args=["plan-b", risk.pk]), {
        "reviewed_on": "2012-04-01", "likelihood": "6", "impact": "3",
        "next_review_on": "2012-07-01"})
    assert response.status_code == 200
    assert "likelihood" in response.context["form"].errors
    assert RiskReview.objects.count() == 1


def test_an_officer_adds_a_risk_through_the_form(officer_client, officer):
    from tests.governance.factories import PersonFactory

    PlanFactory(slug="plan-c")
    body, owner = current_body(), PersonFactory()
    response = officer_client.post(reverse("risks:risk-add", args=["plan-c"]), {
        "reference": "R9", "title": "Data sharing fails", "cause": "No agreement.",
        "effect": "Need is missed.", "body": body.pk, "owner": owner.pk,
        "identified_on": "2012-01-01", "inherent_likelihood": "4", "inherent_impact": "4",
        "current_likelihood": "3", "current_impact": "4", "target_likelihood": "2",
        "target_impact": "2", "review_on": "2012-04-01", "status": "open"})
    risk = Risk.objects.get(reference="R9")
    assert response.status_code == 302 and response.url == risk.get_absolute_url()
    assert risk.current_score == 12 and risk.reviews.get().reviewed_on == datetime.date(2012, 1, 1)


def test_the_strategies_register_is_public_and_flags_a_review_past_due(demo, client):
    page = client.get(reverse("risks:strategy-list", args=[SLUG]),
                      {"as_at": "2012-09-30"}).content.decode()
    assert "Early Intervention and Prevention Strategy" in page
    poverty = page.split("Child and Family Poverty Strategy")[1].split("</tr>")[0]
    assert "Review overdue" in poverty
    homelessness = page.split("Youth Homelessness Strategy")[1].split("</tr>")[0]
    assert "Review overdue" not in homelessness and "17 May 2012" in homelessness


def test_a_strategy_approved_on_an_exempt_item_does_not_name_that_decision_to_the_public(
        client, officer):
    from tests.meetings.factories import AgendaItemFactory, DecisionFactory
    from trustboard.meetings.models import DecisionKind
    from trustboard.risks.models import Strategy
    from trustboard.risks.services import strategy_save

    plan = PlanFactory(slug="plan-d")
    item = AgendaItemFactory(title="Commercial terms", is_exempt=True, exempt_paragraph=3,
                             meeting=MeetingFactory(starts_at=at(2012, 7, 12)))
    decision = DecisionFactory(item=item, kind=DecisionKind.APPROVE_STRATEGY,
                               text="Approved at the tendered price of 1.2 million.")
    strategy = strategy_save(strategy=Strategy(plan=plan, title="Short Breaks Strategy",
                                               approved_by=decision), by=officer)
    for url in (reverse("risks:strategy-list", args=["plan-d"]), strategy.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Short Breaks Strategy" in page
        assert "12 July 2012" in page or "12 Jul 2012" in page
        assert "tendered price" not in page and item.meeting.get_absolute_url() not in page
    client.force_login(officer)
    assert "tendered price" in client.get(strategy.get_absolute_url()).content.decode()


def test_a_member_sees_a_risk_suggested_for_the_agenda_but_cannot_put_it_there(demo_member):
    page = demo_member.get(reverse("risks:risk-list", args=[SLUG])).content.decode()
    board = page.split('id="for-the-board"')[1].split("</table>")[0]
    assert "Suggested for the agenda" in board
    assert "Put it on the agenda" not in board and "Add a risk" not in page
