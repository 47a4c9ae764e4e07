"""Commissioning's reads, on the demo partnership."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from trustboard.commissioning.models import NeedsTopic, Service
from trustboard.commissioning.selectors import budget, forward_plan, service_rows, topic_rows
from trustboard.meetings.models import AgendaItem

pytestmark = pytest.mark.django_db


def _rows_by_slug(user):
    return {row.service.slug: row for row in service_rows(user=user)}


def test_the_public_does_not_see_a_value_whose_award_is_decided_in_an_exempt_item(demo):
    rows = _rows_by_slug(AnonymousUser())
    assert not rows["young-carers-support"].value_visible
    assert rows["short-breaks"].value_visible


def test_an_officer_sees_the_value_of_an_award_decided_in_an_exempt_item(demo_officer):
    assert _rows_by_slug(demo_officer)["young-carers-support"].value_visible


def test_the_value_is_published_once_the_award_is_public(demo):
    AgendaItem.objects.filter(title="Award of the young carers support contract").update(
        is_exempt=False, exempt_paragraph=None)
    assert _rows_by_slug(AnonymousUser())["young-carers-support"].value_visible


def test_the_public_budget_leaves_out_the_exempt_award_and_says_so(demo, demo_officer):
    public = budget(year=2012, user=AnonymousUser())
    officers = budget(year=2012, user=demo_officer)
    assert public.withheld == 1 and officers.withheld == 0
    assert officers.total - public.total == 118_250


def test_the_pooled_budget_is_shown_by_partner(demo):
    pooled = {line.name: line.amount for line in
              budget(year=2012, user=AnonymousUser()).pooled_by_partner}
    assert pooled == {"Nottinghamshire County Council": 720_000,
                      "NHS Nottinghamshire County": 400_000, "NHS Bassetlaw": 80_000}


def test_the_budget_chart_has_its_data_table(demo):
    chart = budget(year=2012, user=AnonymousUser()).chart
    assert 'role="img"' in chart.svg
    assert ("Nottinghamshire County Council", "1,400.0") in [row[:2] for row in
                                                            chart.table.rows]


def test_a_topic_past_its_review_date_is_flagged(demo):
    row = next(row for row in topic_rows(as_at=datetime.date(2014, 3, 1))
               if row.topic.slug == "healthy-weight")
    assert row.is_review_overdue
    assert "Review overdue since 5 February 2014" in row.flags


def test_a_topic_whose_evidence_is_out_of_date_is_flagged(demo):
    """Under-18 conceptions' latest value (2010) was overdue after February 2013."""
    row = next(row for row in topic_rows(as_at=datetime.date(2013, 6, 1))
               if row.topic.slug == "teenage-pregnancy")
    assert not row.is_review_overdue
    assert row.flags == ["1 evidence indicator out of date"]


def test_a_topic_reviewed_in_time_with_current_evidence_is_not_flagged(demo):
    row = next(row for row in topic_rows(as_at=datetime.date(2012, 11, 1))
               if row.topic.slug == "teenage-pregnancy")
    assert not row.is_flagged


def test_the_forward_plan_names_the_latest_meeting_that_decides_in_time(demo):
    """Short breaks end on 31 March 2013: 90 days' notice means deciding by 31 December
    2012, so the disability group's meeting of 5 December 2012 is the last in time."""
    rows = {row.service.slug: row for row in forward_plan(today=datetime.date(2012, 10, 1))}
    short_breaks = rows["short-breaks"]
    assert short_breaks.deadline == datetime.date(2012, 12, 31)
    assert short_breaks.meeting.starts_at.date() == datetime.date(2012, 12, 5)
    # The outreach contract ends then too, but its decommissioning is decided already.
    assert "teenage-pregnancy-outreach" not in rows


def test_the_forward_plan_window_is_configurable(demo):
    today = datetime.date(2012, 10, 1)
    assert [row.service.slug for row in forward_plan(today=today, months=3)] == []
    assert "short-breaks" in {row.service.slug for row in forward_plan(today=today, months=6)}


def test_every_demo_service_and_topic_is_marked_illustrative(demo):
    assert not Service.objects.filter(is_illustrative=False).exists()
    assert not NeedsTopic.objects.filter(is_illustrative=False).exists()


def test_the_service_list_reads_in_a_fixed_number_of_queries(demo, django_assert_num_queries):
    """Two for the exempt awards, one for the services, one for their visible decisions."""
    with django_assert_num_queries(4):
        rows = service_rows(user=AnonymousUser())
    assert len(rows) == 5


def test_the_budget_reads_in_a_fixed_number_of_queries(demo, django_assert_num_queries):
    with django_assert_num_queries(5):
        budget(year=2012, user=AnonymousUser())
