import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from trustboard.plans.models import ActionUpdate, KeyAction

pytestmark = pytest.mark.django_db


def test_the_public_reads_the_plan_with_each_actions_status(client, demo):
    page = client.get("/plan/cypf-2011-14/", {"as_at": "2012-09-30"})
    assert page.status_code == 200
    assert "Establish Nottinghamshire&#x27;s Multi-agency Safeguarding Hub (MASH)" in page.text
    assert "Lead officers report every key action either on schedule or completed." in page.text


def test_the_lead_member_records_progress_on_their_action(client, demo, django_user_model):
    client.force_login(django_user_model.objects.get(username="member"))
    action = KeyAction.objects.get(reference="2.2")
    response = client.post(f"/plan/cypf-2011-14/actions/{action.pk}/update/", {
        "as_at": "2013-03-31", "status": "at risk", "commentary": "Staffing gaps in Mansfield"})
    assert response.status_code == 302
    latest = ActionUpdate.objects.filter(action=action).order_by("-as_at").first()
    assert (latest.as_at, latest.status) == (datetime.date(2013, 3, 31), "at risk")


def test_a_member_cannot_update_an_action_they_do_not_lead(client, demo, django_user_model):
    client.force_login(django_user_model.objects.get(username="member"))
    action = KeyAction.objects.get(reference="1.1")
    assert client.get(f"/plan/cypf-2011-14/actions/{action.pk}/update/").status_code == 403
    page = client.get(action.get_absolute_url())
    assert "Record progress" not in page.text


def test_the_plan_page_reads_in_a_fixed_number_of_queries(client, demo,
                                                         django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/plan/cypf-2011-14/")


def test_officer_sets_the_reporting_date_and_every_view_reads_as_at_it(officer_client, plan):
    response = officer_client.post(reverse("plans:reporting-date", args=[plan.slug]),
                                   {"reporting_date": "2012-09-30"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.reporting_date == datetime.date(2012, 9, 30)
    for name in ("plans:plan-detail", "plans:dashboard", "plans:exceptions"):
        page = officer_client.get(reverse(name, args=[plan.slug])).content.decode()
        assert "as at 30 September 2012, the plan's reporting date" in page.replace(
            "Key actions as at", "key actions as at").replace("As at", "as at"), name
    assert 'value="2012-09-30"' in officer_client.get(reverse("reports:report-write")
                                                       ).content.decode()


def test_reporting_date_before_the_plan_starts_is_refused(officer_client, plan):
    page = officer_client.post(reverse("plans:reporting-date", args=[plan.slug]),
                               {"reporting_date": "2001-01-01"}).content.decode()
    assert "its reporting date cannot be before that" in page
    plan.refresh_from_db()
    assert plan.reporting_date is None


def test_member_cannot_set_the_reporting_date(member_client, plan):
    response = member_client.post(reverse("plans:reporting-date", args=[plan.slug]),
                                  {"reporting_date": "2012-09-30"})
    assert response.status_code == 403


def test_the_demo_exceptions_list_only_what_is_outside_tolerance(client, demo):
    """As at the plan's reporting date (30 September 2012) the demo's indicators are
    current, so the exceptions are the seed's four worse than England and what else is
    off target or worsening, not every indicator flagged for its age."""
    from trustboard.plans.models import Plan
    from trustboard.plans.selectors import plan_performance, plan_reporting_date

    plan = Plan.objects.get(slug="cypf-2011-14")
    as_at = plan_reporting_date(plan=plan)
    everything = plan_performance(plan=plan, as_at=as_at).all_indicators
    exceptions = plan_performance(plan=plan, as_at=as_at, exceptions_only=True).all_indicators
    assert as_at == datetime.date(2012, 9, 30)
    assert exceptions and len(exceptions) < len(everything)
    assert all(item.exceptions for item in exceptions)
    assert not [item.indicator.name for item in everything if item.is_out_of_date]
    worse = {item.indicator.name for item in everything
             if item.compared_with_england == "worse"}
    assert len(worse) == 4 and worse <= {item.indicator.name for item in exceptions}
    page = client.get("/plan/cypf-2011-14/exceptions/").text
    assert "as at 30 September 2012, the plan's reporting date" in page


def _counts_on(day):
    """(overdue, on schedule, total) of the demo's actions, each reported once, on a day."""
    late = KeyAction.objects.filter(due_on__lt=day).exclude(updates__status="completed")
    on_schedule = ActionUpdate.objects.filter(status="on schedule").count() - late.count()
    return late.count(), on_schedule, KeyAction.objects.count()


def test_actions_past_due_show_as_overdue_and_the_plan_no_longer_reads_all_on_track(client,
                                                                                   demo):
    page = client.get("/plan/cypf-2011-14/", {"as_at": "2013-04-01"}).text
    assert "Lead officers report every key action either on schedule or completed." not in page
    assert "Overdue</strong> <span class=\"govuk-body-s\">(last update: on schedule)</span>" in page
    overdue, on_schedule, total = _counts_on(datetime.date(2013, 4, 1))
    assert overdue and f"{overdue} of {total}" in page
    assert f"{on_schedule} of {total}" in page  # on schedule: the rest, not all


def test_the_dashboard_and_exceptions_count_overdue_actions_as_overdue(client, demo):
    overdue, on_schedule, _total = _counts_on(datetime.date(2013, 4, 1))
    for address in ("/plan/cypf-2011-14/dashboard/", "/plan/cypf-2011-14/exceptions/"):
        page = client.get(address, {"as_at": "2013-04-01"}).text
        assert f"{overdue} overdue" in page
        assert "On schedule</strong><br>" not in page  # no action shows two statuses
    everything = client.get("/plan/cypf-2011-14/dashboard/", {"as_at": "2013-04-01"}).text
    assert f"{on_schedule} on schedule, {overdue} overdue" in everything


def _record(client, action, commentary):
    return client.post(f"/plan/cypf-2011-14/actions/{action.pk}/update/", {
        "as_at": "2013-03-31", "status": "at risk", "commentary": commentary})


def test_a_leads_commentary_reaches_the_public_only_once_an_officer_approves_it(
        client, demo, django_user_model):
    action = KeyAction.objects.get(reference="2.2")
    client.force_login(django_user_model.objects.get(username="member"))
    assert _record(client, action, "Staffing gaps in Mansfield").status_code == 302
    own = client.get(action.get_absolute_url()).text
    assert "Staffing gaps in Mansfield" in own and "Awaiting approval" in own
    client.logout()
    # The plan and dashboard read as at the reporting date (30 September 2012) unless asked
    # for the date of the update.
    for address in (action.get_absolute_url(), "/plan/cypf-2011-14/?as_at=2013-03-31",
                    "/plan/cypf-2011-14/dashboard/?as_at=2013-03-31"):
        assert "Staffing gaps in Mansfield" not in client.get(address).text, address
    client.force_login(django_user_model.objects.get(username="officer"))
    approvals = client.get("/plan/cypf-2011-14/approvals/").text
    assert "Staffing gaps in Mansfield" in approvals and "Awaiting approval" in approvals
    update = ActionUpdate.objects.get(action=action, as_at=datetime.date(2013, 3, 31))
    client.post("/plan/cypf-2011-14/approvals/", {"update": update.pk, "approve": ""})
    client.logout()
    # The plan and dashboard read as at the reporting date (30 September 2012) unless asked
    # for the date of the update.
    for address in (action.get_absolute_url(), "/plan/cypf-2011-14/?as_at=2013-03-31",
                    "/plan/cypf-2011-14/dashboard/?as_at=2013-03-31"):
        assert "Staffing gaps in Mansfield" in client.get(address).text, address


def test_members_cannot_approve_commentary(client, demo, django_user_model):
    action = KeyAction.objects.get(reference="2.2")
    client.force_login(django_user_model.objects.get(username="member"))
    _record(client, action, "Staffing gaps")
    update = ActionUpdate.objects.get(action=action, as_at=datetime.date(2013, 3, 31))
    response = client.post("/plan/cypf-2011-14/approvals/", {"update": update.pk})
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.approved_at is None


def test_each_update_shows_who_recorded_it_and_when_in_the_progress_and_history(
        client, demo, django_user_model):
    action = KeyAction.objects.get(reference="2.2")
    client.force_login(django_user_model.objects.get(username="member"))
    _record(client, action, "Staffing gaps in Mansfield")
    update = ActionUpdate.objects.get(action=action, as_at=datetime.date(2013, 3, 31))
    page = client.get(action.get_absolute_url()).text
    progress, history = page.split('id="history"')
    row = progress[progress.index("31 Mar 2013"):]
    row = row[:row.index("</tr>")]
    assert "Group Manager Early Help (placeholder)" in row
    assert timezone.localtime(update.recorded_at).strftime("%-d %b %Y, %H:%M") in row
    assert "Recorded progress as at 31 Mar 2013: At risk" in history
    entry = history[:history.index("Recorded progress as at 31 Mar 2013")]
    assert "Group Manager Early Help (placeholder)" in entry[entry.rindex("<tr"):]
