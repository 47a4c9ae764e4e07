"""Commissioning's writes: each refusal names its field and leaves nothing behind."""

import datetime
from decimal import Decimal

import pytest

from tests.commissioning.factories import ServiceFactory
from tests.governance.factories import BodyFactory, OrganisationFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, upload
from tests.performance.factories import IndicatorFactory
from trustboard.commissioning.models import (
    BudgetYear,
    CommissioningDecision,
    Contribution,
    FundingArrangement,
    NeedsDocument,
    NeedsTopic,
    PooledBasis,
    Service,
)
from trustboard.commissioning.services import (
    budget_year_set,
    commissioning_decision_record,
    forward_plan_item_add,
    needs_document_add,
    service_save,
)
from trustboard.core.errors import RuleError
from trustboard.governance.models import Organisation, Scenario
from trustboard.meetings.models import AgendaItem, Decision, Purpose
from trustboard.participation.models import Finding
from trustboard.performance.models import DataPoint, Indicator

pytestmark = pytest.mark.django_db


def _pooled(council, nhs) -> Service:
    service = ServiceFactory(funding_arrangement=FundingArrangement.POOLED,
                             pooled_basis=PooledBasis.SECTION_75)
    service.funding_partners.set([council, nhs])
    return service


def test_a_contract_ending_before_it_starts_is_refused_naming_its_end(officer):
    body = BodyFactory()
    service = Service(scenario=body.scenario, name="Short breaks", slug="short-breaks",
                      commissioning_body=body, contract_start=datetime.date(2025, 4, 1),
                      contract_end=datetime.date(2024, 3, 31))
    with pytest.raises(RuleError) as refused:
        service_save(service=service, by=officer)
    assert refused.value.field == "contract_end"
    assert not Service.objects.exists()


def test_a_new_service_takes_a_free_address_from_its_name(officer):
    body = BodyFactory()
    ServiceFactory(scenario=body.scenario, name="Short breaks", slug="short-breaks")
    names = ["Short breaks", "New"]
    saved = [service_save(service=Service(scenario=body.scenario, name=name,
                                          commissioning_body=body), by=officer)
             for name in names]
    # "new" is the address of the page adding a service, so no service takes it.
    assert [service.slug for service in saved] == ["short-breaks-2", "new-2"]


def test_a_negative_annual_value_is_refused(officer):
    body = BodyFactory()
    service = Service(scenario=body.scenario, name="Short breaks", slug="short-breaks",
                      commissioning_body=body, annual_value=Decimal("-1"))
    with pytest.raises(RuleError) as refused:
        service_save(service=service, by=officer)
    assert refused.value.field == "annual_value"
    assert not Service.objects.exists()


def test_a_commissioning_body_of_another_arrangement_is_refused(officer):
    service = Service(scenario=BodyFactory().scenario, name="Short breaks",
                      slug="short-breaks", commissioning_body=BodyFactory())
    with pytest.raises(RuleError) as refused:
        service_save(service=service, by=officer)
    assert refused.value.field == "commissioning_body"


def test_a_pooled_fund_whose_contributions_fall_short_is_refused_naming_year_and_gap(officer):
    council, nhs = OrganisationFactory(), OrganisationFactory()
    service = _pooled(council, nhs)
    with pytest.raises(RuleError) as refused:
        budget_year_set(service=service, year=2025, by=officer, total=Decimal("1000000"),
                        contributions={council: Decimal("600000"), nhs: Decimal("399000")})
    assert refused.value.field == "total"
    assert "2025/26" in refused.value.message
    assert "£1,000 short of" in refused.value.message
    assert not BudgetYear.objects.exists() and not Contribution.objects.exists()


def test_a_pooled_fund_whose_contributions_add_up_is_recorded(officer):
    council, nhs = OrganisationFactory(), OrganisationFactory()
    service = _pooled(council, nhs)
    budget = budget_year_set(service=service, year=2025, by=officer, total=Decimal("1000000"),
                             contributions={council: Decimal("600000"),
                                            nhs: Decimal("400000")})
    assert budget.total == Decimal("1000000")
    assert sorted(budget.contributions.values_list("amount", flat=True)) == [
        Decimal("400000"), Decimal("600000")]


def test_a_contribution_from_a_partner_outside_the_arrangement_is_refused(officer):
    council, nhs = OrganisationFactory(), OrganisationFactory()
    service = _pooled(council, nhs)
    police = OrganisationFactory(name="Police")
    with pytest.raises(RuleError) as refused:
        budget_year_set(service=service, year=2025, by=officer, total=Decimal("10"),
                        contributions={council: Decimal("5"), police: Decimal("5")})
    assert refused.value.field == f"partner_{police.pk}"
    assert "Police is not a partner" in refused.value.message
    assert not BudgetYear.objects.exists()


def test_a_negative_contribution_is_refused(officer):
    council = OrganisationFactory()
    service = ServiceFactory()
    service.funding_partners.set([council])
    with pytest.raises(RuleError) as refused:
        budget_year_set(service=service, year=2025, by=officer,
                        contributions={council: Decimal("-5")})
    assert refused.value.field == f"partner_{council.pk}"
    assert not BudgetYear.objects.exists()


def test_a_document_failing_the_paper_checks_is_refused_and_nothing_is_stored(officer):
    topic = NeedsTopic.objects.create(title="Healthy weight", slug="healthy-weight",
                                      owner_body=BodyFactory())
    with pytest.raises(RuleError) as refused:
        needs_document_add(topic=topic, title="Summary", by=officer,
                           file=upload("summary.pdf", b"not a PDF at all"))
    assert refused.value.field == "file"
    assert not NeedsDocument.objects.exists()


def test_a_contract_goes_on_the_agenda_of_its_bodys_meeting_in_one_step(officer):
    meeting = MeetingFactory()
    service = ServiceFactory(scenario=meeting.body.scenario, commissioning_body=meeting.body,
                             name="Short breaks")
    item = forward_plan_item_add(service=service, meeting=meeting, by=officer)
    assert item.meeting == meeting and item.purpose == Purpose.DECISION
    assert item.title == "Short breaks: contract ends 31 March 2027, decision needed"


def test_a_contract_cannot_go_on_another_bodys_agenda(officer):
    meeting = MeetingFactory()
    service = ServiceFactory(scenario=meeting.body.scenario,
                             commissioning_body=BodyFactory(scenario=meeting.body.scenario))
    with pytest.raises(RuleError) as refused:
        forward_plan_item_add(service=service, meeting=meeting, by=officer)
    assert refused.value.field == "meeting"
    assert not AgendaItem.objects.exists()


# Decisions, on the demo: its teenage pregnancy group's meeting of 14 November 2012.


def _outreach_item():
    return AgendaItem.objects.get(title="Teenage pregnancy outreach: future of the contract")


def _conceptions():
    return Indicator.objects.get(name="Under-18 conceptions")


def test_a_decision_citing_no_evidence_is_refused_and_nothing_is_written(demo_officer):
    service = Service.objects.get(slug="young-parents-support")
    before = Decision.objects.count(), CommissioningDecision.objects.count()
    with pytest.raises(RuleError) as refused:
        commissioning_decision_record(service=service, kind="extend", item=_outreach_item(),
                                      reason="Working well.", by=demo_officer)
    assert "Cite the evidence" in refused.value.message
    assert (Decision.objects.count(), CommissioningDecision.objects.count()) == before


def test_a_decision_about_a_service_of_another_arrangement_is_refused(demo_officer):
    proposed = Scenario.objects.exclude(slug="current").first()
    service = ServiceFactory(scenario=proposed)
    with pytest.raises(RuleError) as refused:
        commissioning_decision_record(service=service, kind="extend", item=_outreach_item(),
                                      reason="Working well.", by=demo_officer,
                                      indicators=[_conceptions()])
    assert refused.value.field == "service"
    assert not CommissioningDecision.objects.filter(service=service).exists()


def test_a_cited_indicator_with_no_value_on_the_decision_date_is_refused(demo_officer):
    service = Service.objects.get(slug="young-parents-support")
    empty = IndicatorFactory(name="Young parents in education")
    with pytest.raises(RuleError) as refused:
        commissioning_decision_record(service=service, kind="extend", item=_outreach_item(),
                                      reason="Working well.", by=demo_officer,
                                      indicators=[_conceptions(), empty])
    assert refused.value.field == "indicators"
    assert "Young parents in education had no published value on 14 November 2012" in (
        refused.value.message)
    assert not CommissioningDecision.objects.filter(service=service).exists()


def test_a_decision_keeps_the_reading_as_it_stood_when_later_figures_change(demo_officer):
    service = Service.objects.get(slug="young-parents-support")
    finding = Finding.objects.first()
    decision = commissioning_decision_record(
        service=service, kind="commission", item=_outreach_item(), by=demo_officer,
        reason="Young parents asked for it.", indicators=[_conceptions()],
        findings=[finding] if finding else [])
    cited = decision.cited_readings.get()
    assert (cited.period, round(cited.value, 1), cited.england_value) == ("2010", 34.5, 35.4)
    assert cited.compared_with_england == "similar"
    assert cited.import_name.startswith("cypf_indicators_illustrative.csv")
    DataPoint.objects.filter(indicator=_conceptions(), period__label="2010").update(value=50.0)
    cited.refresh_from_db()
    assert round(cited.value, 1) == 34.5
    assert decision.meeting_decision.item == _outreach_item()


def test_a_decision_records_a_reading_out_of_date_on_its_day_as_such(demo_officer):
    """Under-18 conceptions for 2011 were due by February 2013 (12 months and a 14-month
    lag after December 2010): a decision of September 2013 citing 2010 is flagged."""
    service = Service.objects.get(slug="young-parents-support")
    item = AgendaItemFactory(meeting=MeetingFactory(
        body=_outreach_item().meeting.body,
        starts_at=datetime.datetime(2013, 9, 4, 10, tzinfo=datetime.UTC)))
    decision = commissioning_decision_record(
        service=service, kind="vary", item=item, by=demo_officer, reason="Fewer referrals.",
        indicators=[_conceptions()])
    assert decision.cited_readings.get().was_out_of_date


def test_the_demo_partners_are_in_the_pooled_fund(demo):
    pooled = Service.objects.get(slug="short-breaks")
    assert set(pooled.funding_partners.values_list("name", flat=True)) == {
        "Nottinghamshire County Council", "NHS Nottinghamshire County", "NHS Bassetlaw"}
    assert Organisation.objects.filter(contributions__budget_year__service=pooled).exists()
