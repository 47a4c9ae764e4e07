import datetime

import pytest
from django.test import Client
from django.urls import reverse

from trustboard.demo.participation_demo import MANSFIELD_FINDING
from trustboard.participation.models import Engagement, Finding, Response, ResponseKind
from trustboard.performance.models import Area

pytestmark = pytest.mark.django_db

YOU_SAID_WE_DID = "/participation/"


def test_the_public_reads_you_said_we_did_by_topic(client, demo):
    page = client.get(YOU_SAID_WE_DID, {"topic": "mental-health"}).content.decode()
    assert "Young people want help with worries without a long wait" in page
    assert "We will, by 30 September 2013" in page
    assert "Young people want a counsellor in every secondary school" in page
    assert "Why: Schools decide how to spend their own budgets." in page
    assert "Young carers want their school to understand" not in page


def test_the_public_reads_you_said_we_did_by_locality(client, demo):
    mansfield = Area.objects.get(name="Mansfield")
    page = client.get(YOU_SAID_WE_DID, {"locality": mansfield.code}).content.decode()
    assert MANSFIELD_FINDING in page
    assert "Young people want cheaper buses to college" not in page
    assert "Showing every topic, in Mansfield." in page


def test_a_finding_links_the_decision_and_key_action_that_followed(client, demo):
    page = client.get(YOU_SAID_WE_DID, {"topic": "special-educational-needs-and-disabilities"}
                      ).content.decode()
    assert "The refreshed CYPF Plan is recommended to the Committee for approval." in page
    assert "meeting of 17 January 2013" in page
    assert "2.1 Launch the Pathway to Provision" in page


def test_a_finding_links_the_service_change_that_followed_and_its_needs_and_service(client,
                                                                                   demo):
    """The Mansfield group's finding informed the decision to decommission the outreach."""
    page = client.get(YOU_SAID_WE_DID, {"topic": "sexual-health"}).content.decode()
    assert MANSFIELD_FINDING in page
    assert "Service change: <a class=\"govuk-link\" href=\"/commissioning/decisions/" in page
    assert "Decommission Teenage pregnancy outreach</a>, 14 November 2012" in page
    assert "Teenage pregnancy and young parents</a>" in page


def test_a_finding_with_no_response_past_its_time_is_flagged(client, demo):
    page = client.get(YOU_SAID_WE_DID, {"topic": "childrens-social-care"}).content.decode()
    assert "Families were not told when their worker changed" in page
    assert "No response yet: overdue" in page
    assert "A response was due by 2 May 2013." in page


def test_the_flag_waits_for_the_configured_time(client, demo, settings):
    settings.TRUSTBOARD_PARTICIPATION_RESPONSE_DAYS = 365 * 100
    page = client.get(YOU_SAID_WE_DID, {"topic": "childrens-social-care"}).content.decode()
    assert "No response yet: overdue" not in page
    assert "Response to come" in page


def test_a_decision_of_an_exempt_item_is_shown_only_to_those_who_may_see_it(officer_client,
                                                                           demo):
    """The Children in Care Council's finding led to the decision on residential placement
    costs, taken in an exempt item."""
    public = Client().get(YOU_SAID_WE_DID, {"topic": "children-in-care"}).content.decode()
    assert "More homes for children in care have been found within the county" in public
    assert "settle placement fees" not in public
    assert "settle placement fees" in officer_client.get(
        YOU_SAID_WE_DID, {"topic": "children-in-care"}).content.decode()


def test_the_public_page_reads_in_a_fixed_number_of_queries(client, demo,
                                                           django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(YOU_SAID_WE_DID)


def test_an_engagements_page_says_who_took_part_by_counts_only(client, demo):
    engagement = Engagement.objects.get(title="Young carers survey 2012")
    page = client.get(engagement.get_absolute_url()).content.decode()
    assert "Illustrative: this engagement was made up for the demonstration." in page
    assert "Young carers</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">42" in page
    assert "Bassetlaw" in page


def _engagement_form(**changes) -> dict:
    return {"title": "Rushcliffe youth forum", "held_on": "2013-02-12",
            "locality": Area.objects.get(name="Rushcliffe").pk, "method": "youth council",
            "summary": "The forum talked about getting about.", "topics": "Getting about",
            "plan": Engagement.objects.first().plan_id,
            "scenario": Engagement.objects.first().scenario_id,
            "count_age_band_11_15": "10", **changes}


def test_an_officer_records_an_engagement(officer_client, demo):
    response = officer_client.post(reverse("participation:engagement-create"), _engagement_form())
    engagement = Engagement.objects.get(title="Rushcliffe youth forum")
    assert response.status_code == 302
    assert response["Location"] == engagement.get_absolute_url()
    assert [(row.category, row.count) for row in engagement.counts.all()] == [("11-15", 10)]


def test_a_negative_count_is_shown_beside_its_field_and_nothing_is_saved(officer_client, demo):
    page = officer_client.post(reverse("participation:engagement-create"), _engagement_form(
        count_group_children_in_care="-1")).content.decode()
    assert "A count cannot be negative." in page
    assert 'id="id_count_group_children_in_care-error"' in page
    assert not Engagement.objects.filter(title="Rushcliffe youth forum").exists()


def test_an_email_address_in_the_summary_is_refused_naming_the_field(officer_client, demo):
    page = officer_client.post(reverse("participation:engagement-create"), _engagement_form(
        summary="Ask sam@example.org")).content.decode()
    assert 'id="id_summary-error"' in page
    assert "Summary looks like it holds an email address" in page
    assert not Engagement.objects.filter(title="Rushcliffe youth forum").exists()


def test_an_officer_adds_a_finding_and_its_response(officer_client, demo):
    engagement = Engagement.objects.get(title="Newark youth event: things to do")
    officer_client.post(reverse("participation:finding-create", args=[engagement.pk]), {
        "topic_name": "Things to do", "title": "Young people want a skate park",
        "said": "There is nowhere to skate in Newark."})
    finding = Finding.objects.get(title="Young people want a skate park")
    assert finding.topic.name == "Things to do"
    form = {"kind": "we will", "text": "The district council will consult on a site.",
            "responded_on": "2013-03-01"}
    page = officer_client.post(reverse("participation:response-edit", args=[finding.pk]),
                               form).content.decode()
    assert 'id="id_will_by-error"' in page
    assert "needs a date" in page
    assert not Response.objects.filter(finding=finding).exists()
    officer_client.post(reverse("participation:response-edit", args=[finding.pk]),
                        {**form, "will_by": "2013-06-30"})
    assert Response.objects.get(finding=finding).will_by == datetime.date(2013, 6, 30)
    assert Response.objects.get(finding=finding).kind == ResponseKind.WILL


def test_officers_see_the_findings_awaiting_a_response(officer_client, demo):
    page = officer_client.get(reverse("participation:awaiting-response")).content.decode()
    assert "Families were not told when their worker changed" in page
    assert "Overdue" in page
    assert MANSFIELD_FINDING not in page
