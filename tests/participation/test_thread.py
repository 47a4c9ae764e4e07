import datetime

import pytest

from trustboard.participation.models import Finding, Response, ResponseKind
from trustboard.plans.models import Plan
from trustboard.thread.selectors import plan_thread

pytestmark = pytest.mark.django_db

UNANSWERED = "Families were not told when their worker changed"  # complaint themes, Jan 2013


def _thread(as_at, **kwargs):
    return plan_thread(plan=Plan.objects.get(slug="cypf-2011-14"), as_at=as_at, **kwargs)


def _links(thread, number, kind):
    return thread.priorities[number - 1].cell(kind).links


def test_each_priority_lists_its_engagements_once_and_each_you_said_we_did(demo):
    thread = _thread(datetime.date(2013, 3, 31), public=True)
    engagements = [link.title for link in _links(thread, 3, "engagements")]
    assert "Mansfield young people's group: sexual health" in engagements
    assert len(engagements) == len(set(engagements))
    [mansfield] = [link for link in _links(thread, 3, "you-said-we-did")
                   if link.title.startswith("Young people in Mansfield say")]
    assert mansfield.detail.startswith("We did: ")
    assert mansfield.url.endswith(f"#finding-{mansfield.id}")


def test_a_finding_with_no_response_after_its_time_is_a_gap_until_answered(demo):
    assert not [gap for gap in _thread(datetime.date(2013, 3, 31)).gaps
                if gap.rule == "finding-without-response"]  # 59 days: still in time
    [gap] = [gap for gap in _thread(datetime.date(2013, 6, 30)).gaps
             if gap.rule == "finding-without-response"]
    assert gap.subjects[0].title == UNANSWERED
    assert "no response was recorded within 91 days" in gap.message
    Response.objects.create(finding=Finding.objects.get(title=UNANSWERED),
                            kind=ResponseKind.DID, text="Families are now told by letter.",
                            responded_on=datetime.date(2013, 6, 1))
    assert not [gap for gap in _thread(datetime.date(2013, 6, 30)).gaps
                if gap.rule == "finding-without-response"]
