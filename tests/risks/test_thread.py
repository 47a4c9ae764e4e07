import datetime

import pytest

providers = pytest.importorskip(
    "trustboard.thread.providers",
    reason="the golden thread's provider interface arrives with the thread branch")

from trustboard.plans.models import Plan, Priority  # noqa: E402
from trustboard.risks import thread  # noqa: E402

pytestmark = pytest.mark.django_db
AS_AT = datetime.date(2012, 9, 30)


def _context(**kwargs):
    plan = Plan.objects.get(slug="cypf-2011-14")
    return providers.ThreadContext(plan=plan, priorities=list(Priority.objects.filter(plan=plan)),
                                   as_at=AS_AT, **kwargs)


def test_each_priority_lists_its_risks_and_strategies(demo):
    context = _context()
    links = thread.links(context)
    one = Priority.objects.get(plan__slug="cypf-2011-14", number=1)
    titles = [(link.kind, link.title) for link in links[one.pk]]
    assert ("risks", "R1 Referrals outstrip children's social care capacity during its "
                     "transformation") in titles
    assert ("strategies", "Looked After Children Strategy") in titles


def test_the_public_thread_shows_strategies_but_no_risks(demo):
    links = thread.links(_context(public=True))
    kinds = {link.kind for rows in links.values() for link in rows}
    assert kinds == {"strategies"}
    assert {gap.rule for gap in thread.gaps(_context(public=True))} == {
        "strategy-review-overdue"}


def test_the_demos_gaps_are_an_overdue_risk_review_and_an_overdue_strategy(demo):
    gaps = thread.gaps(_context())
    found = {(gap.rule, gap.subjects[0].title.split(" ")[0]) for gap in gaps}
    assert ("risk-review-overdue", "R3") in found
    assert ("strategy-review-overdue", "Child") in found
    # R1 and R2 are above the threshold, but each has an open mitigating action.
    assert not [gap for gap in gaps if gap.rule == "risk-without-mitigation"]


def test_a_risk_above_the_threshold_with_no_open_mitigation_is_a_gap(demo):
    from trustboard.risks.models import MitigatingAction, MitigationStatus

    MitigatingAction.objects.filter(risk__reference="R2").update(
        status=MitigationStatus.DONE, done_on=datetime.date(2012, 8, 1))
    gaps = [gap for gap in thread.gaps(_context()) if gap.rule == "risk-without-mitigation"]
    assert [gap.subjects[0].title[:2] for gap in gaps] == ["R2"]
    assert gaps[0].severity == "high" and "scores 16" in gaps[0].message


def test_the_thread_reads_risks_and_strategies_once_in_seven_queries(
        demo, django_assert_num_queries):
    context = _context()
    with django_assert_num_queries(7):
        thread.links(context)
        thread.gaps(context)
