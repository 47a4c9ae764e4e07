import datetime

import pytest

from trustboard.commissioning.models import CommissioningDecision, Service
from trustboard.plans.models import Plan
from trustboard.thread.selectors import plan_thread

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2013, 3, 31)


def _thread(**kwargs):
    return plan_thread(plan=Plan.objects.get(slug="cypf-2011-14"), as_at=AS_AT, **kwargs)


def _titles(thread, number, kind):
    return [link.title for link in thread.priorities[number - 1].cell(kind).links]


def test_each_priority_lists_the_services_in_contract_as_at_the_date(demo):
    assert "Young carers support" in _titles(_thread(), 3, "services")
    before = plan_thread(plan=Plan.objects.get(slug="cypf-2011-14"),
                         as_at=datetime.date(2012, 9, 30))
    assert "Young carers support" not in _titles(before, 3, "services")  # starts October


def test_a_service_with_no_outcome_indicator_is_a_gap_for_its_lead_commissioner(demo):
    [gap] = [gap for gap in _thread().gaps if gap.rule == "service-without-outcome-indicator"]
    service = Service.objects.get(name="Young carers support")
    assert gap.subjects[0].url == f"/commissioning/services/{service.slug}/"
    assert gap.leads == {service.lead_commissioner_id}
    assert "commission for" in gap.citation


def test_a_decision_citing_no_evidence_is_a_gap_and_one_citing_evidence_is_not(demo):
    assert not [gap for gap in _thread().gaps
                if gap.rule == "commissioning-decision-without-evidence"]
    cited = CommissioningDecision.objects.get()
    # A decision recorded before the service refused such decisions (an import, say).
    bare = CommissioningDecision.objects.create(
        service=cited.service, kind="extend", item=cited.item, reason="Extended.",
        decided_on=datetime.date(2013, 1, 15))
    [gap] = [gap for gap in _thread().gaps
             if gap.rule == "commissioning-decision-without-evidence"]
    assert gap.subjects[0].id == bare.pk
    assert gap.message.startswith("The decision of 15 January 2013 to extend")
    assert "best possible evidence" in gap.citation
