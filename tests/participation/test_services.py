import datetime

import pytest

from tests.meetings.factories import DecisionFactory
from trustboard.commissioning.models import NeedsTopic, Service
from trustboard.core.errors import RuleError
from trustboard.governance.models import Scenario
from trustboard.meetings.models import Decision
from trustboard.participation.models import (
    Engagement,
    Finding,
    Method,
    ParticipantCount,
    Response,
    ResponseKind,
)
from trustboard.participation.services import (
    engagement_save,
    finding_save,
    response_save,
    text_refuse_contact_details,
    topic_for,
)
from trustboard.plans.models import KeyAction, Plan, Priority

pytestmark = pytest.mark.django_db


def _new_engagement(engagement: Engagement, **changes) -> Engagement:
    fields = {field: getattr(engagement, field) for field in (
        "plan", "scenario", "title", "held_on", "locality", "method", "summary")}
    return Engagement(**{**fields, **changes})


def test_an_engagement_keeps_its_topics_and_counts_of_who_took_part(engagement):
    assert [topic.name for topic in engagement.topics.all()] == ["Things to do"]
    assert [(row.kind, row.category, row.count) for row in engagement.counts.all()] == [
        ("age band", "11-15", 8)]


def test_correcting_the_counts_keeps_their_history(engagement, officer):
    engagement_save(engagement=engagement, topics=["Things to do"],
                    counts={("age band", "11-15"): 9, ("group", "young carers"): 2}, by=officer)
    assert {(row.category, row.count) for row in engagement.counts.all()} == {
        ("11-15", 9), ("young carers", 2)}
    changes = ParticipantCount.history.filter(engagement=engagement).order_by("history_date")
    assert [(row.category, row.count, row.history_type) for row in changes] == [
        ("11-15", 8, "+"), ("11-15", 9, "~"), ("young carers", 2, "+")]
    assert {row.history_user for row in changes} == {officer}


def test_a_negative_count_is_refused_naming_its_field_and_nothing_is_written(engagement,
                                                                             officer):
    before = (Engagement.objects.count(), ParticipantCount.objects.count())
    with pytest.raises(RuleError) as refused:
        engagement_save(engagement=_new_engagement(engagement, title="Another"),
                        topics=["Things to do"],
                        counts={("age band", "11-15"): 3, ("group", "young carers"): -2},
                        by=officer)
    assert refused.value.field == "count_group_young_carers"
    assert (Engagement.objects.count(), ParticipantCount.objects.count()) == before


@pytest.mark.parametrize(("field", "text"), [
    ("summary", "Contact Jo on jo.bloggs@example.org for the notes."),
    ("summary", "Ring 07700 900123 to take part."),
    ("title", "Group run with +44 115 977 3000"),
    ("summary", "Call (0115) 977 3000"),
])
def test_an_email_or_phone_number_in_free_text_is_refused_naming_the_field(
        engagement, officer, field, text):
    before = Engagement.objects.count()
    with pytest.raises(RuleError) as refused:
        engagement_save(engagement=_new_engagement(engagement, **{field: text}),
                        topics=["Things to do"], counts={}, by=officer)
    assert refused.value.field == field
    assert Engagement.objects.count() == before


def test_dates_years_and_counts_are_not_taken_for_phone_numbers():
    text_refuse_contact_details(summary="In 2012-13, 42 young carers (aged 5 to 18) replied "
                                        "between 21 May 2012 and 30 June 2012; see 2.1.")


def test_a_finding_tagged_to_another_plans_priority_is_refused(engagement, officer):
    other = Plan.objects.create(title="Another plan", slug="another",
                                starts_on=datetime.date(2015, 4, 1),
                                ends_on=datetime.date(2018, 3, 31))
    priority = Priority.objects.create(plan=other, number=1, title="Elsewhere")
    with pytest.raises(RuleError) as refused:
        finding_save(finding=Finding(engagement=engagement,
                                     topic=topic_for(name="Things to do", by=officer),
                                     title="A finding", said="Something"),
                     priorities=[priority], by=officer)
    assert refused.value.field == "priorities"
    assert not Finding.objects.filter(title="A finding").exists()


def test_a_finding_about_a_service_of_another_arrangement_is_refused(engagement, officer):
    proposed = Scenario.objects.get(slug="proposed-2015")
    elsewhere = Service.objects.create(scenario=proposed, name="Proposed drop-in",
                                       slug="proposed-drop-in")
    with pytest.raises(RuleError) as refused:
        finding_save(finding=Finding(engagement=engagement,
                                     topic=topic_for(name="Things to do", by=officer),
                                     title="A finding", said="Something"),
                     priorities=[], services=[elsewhere], by=officer)
    assert refused.value.field == "services"
    assert not Finding.objects.filter(title="A finding").exists()


def test_a_finding_is_tagged_to_needs_and_services(engagement, officer):
    finding = finding_save(
        finding=Finding(engagement=engagement, topic=topic_for(name="Mental health", by=officer),
                        title="Worries", said="We wait too long."), priorities=[],
        needs_topics=[NeedsTopic.objects.get(slug="emotional-health")],
        services=[Service.objects.get(slug="targeted-camhs")], by=officer)
    assert [topic.slug for topic in finding.needs_topics.all()] == ["emotional-health"]
    assert [service.slug for service in finding.services.all()] == ["targeted-camhs"]


def test_a_findings_topic_becomes_one_of_its_engagements(engagement, officer):
    finding_save(finding=Finding(engagement=engagement,
                                 topic=topic_for(name="Getting about", by=officer),
                                 title="Buses", said="The buses stop too early."),
                 priorities=[], by=officer)
    assert {topic.name for topic in engagement.topics.all()} == {"Things to do", "Getting about"}


def _response(finding, **fields) -> Response:
    return Response(finding=finding, text="We opened it on Saturdays.",
                    responded_on=datetime.date(2013, 1, 10), **fields)


def test_we_will_with_no_date_is_refused_naming_by_when(finding, officer):
    with pytest.raises(RuleError) as refused:
        response_save(response=_response(finding, kind=ResponseKind.WILL), by=officer)
    assert refused.value.field == "will_by"
    assert not Response.objects.filter(finding=finding).exists()


def test_we_cannot_with_no_reason_is_refused_naming_why_not(finding, officer):
    with pytest.raises(RuleError) as refused:
        response_save(response=_response(finding, kind=ResponseKind.CANNOT, reason="  "),
                      by=officer)
    assert refused.value.field == "reason"
    assert not Response.objects.filter(finding=finding).exists()


def test_a_phone_number_in_a_response_is_refused(finding, officer):
    with pytest.raises(RuleError) as refused:
        response_save(response=_response(finding, kind=ResponseKind.CANNOT,
                                         reason="Ask the club on 01623 123456."), by=officer)
    assert refused.value.field == "reason"


def test_a_decision_of_another_arrangement_is_refused(finding, officer):
    elsewhere = DecisionFactory()
    with pytest.raises(RuleError) as refused:
        response_save(response=_response(finding, kind=ResponseKind.DID, decision=elsewhere),
                      by=officer)
    assert refused.value.field == "decision"
    assert not Response.objects.filter(finding=finding).exists()


def test_a_key_action_of_another_plan_is_refused(finding, officer):
    other = Plan.objects.create(title="Another plan", slug="another",
                                starts_on=datetime.date(2015, 4, 1),
                                ends_on=datetime.date(2018, 3, 31))
    action = KeyAction.objects.create(
        priority=Priority.objects.create(plan=other, number=1, title="Elsewhere"),
        reference="1.1", title="Elsewhere")
    with pytest.raises(RuleError) as refused:
        response_save(response=_response(finding, kind=ResponseKind.DID, key_action=action),
                      by=officer)
    assert refused.value.field == "key_action"
    assert not Response.objects.filter(finding=finding).exists()


def test_we_will_keeps_its_date_and_links_the_decision_and_key_action_that_followed(
        finding, officer):
    decision = Decision.objects.get(text="The Looked After Children Strategy was approved.")
    action = KeyAction.objects.get(reference="6.2", priority__plan=finding.engagement.plan)
    response = response_save(response=_response(
        finding, kind=ResponseKind.WILL, will_by=datetime.date(2013, 6, 1), reason="ignored",
        decision=decision, key_action=action), by=officer)
    response.refresh_from_db()
    assert (response.will_by, response.reason, response.decision, response.key_action) == (
        datetime.date(2013, 6, 1), "", decision, action)
    assert response.history.first().history_user == officer


def test_the_engagement_method_choices_are_the_issues():
    """Issue 15: survey, group, event, youth council, consultation, complaint themes."""
    assert [label for _value, label in Method.choices] == [
        "Survey", "Group", "Event", "Youth council", "Consultation", "Complaint themes"]
