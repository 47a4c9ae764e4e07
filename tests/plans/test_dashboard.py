"""The dashboard, the exceptions view, "my actions and indicators", approval and links."""

import datetime

import pytest

from tests.plans.conftest import NOTTINGHAMSHIRE, england, put
from trustboard.core.errors import RuleError
from trustboard.governance.models import Organisation, Person
from trustboard.performance.models import Area, Indicator, IndicatorCommentary, Target
from trustboard.performance.services import (
    indicator_approval_withdraw,
    indicator_approve,
    indicator_commentary_record,
)
from trustboard.plans.models import ActionUpdate, KeyAction, Priority
from trustboard.plans.services import action_update_record

pytestmark = pytest.mark.django_db

AS_AT = "2012-09-30"
BASSETLAW = "E07000171"


@pytest.fixture
def lead(member):
    organisation = Organisation.objects.create(name="County Council")
    return Person.objects.create(name="Early Help Lead", organisation=organisation, user=member)


@pytest.fixture
def dashboard(areas, plan, lead):
    """Two priorities: one with a worsening, off-target indicator owned by the member and an
    action they lead; one with a good indicator and someone else's delayed action."""
    organisation = Organisation.objects.get()
    other = Person.objects.create(name="Someone Else", organisation=organisation)
    safe = Priority.objects.create(plan=plan, number=1, title="Keep children safe")
    learn = Priority.objects.create(plan=plan, number=2, title="Close the gaps")
    worse = Indicator.objects.create(name="Child protection plans", polarity="lower_is_better",
                                     owner=lead, approval_required=True,
                                     definition="Children subject to a child protection plan.")
    good = Indicator.objects.create(name="GCSE attainment", polarity="higher_is_better",
                                    owner=other)
    safe.indicators.add(worse)
    learn.indicators.add(good)
    for label, notts, eng in (("2010/11", 30, 35), ("2011/12", 42, 36)):
        put(worse, NOTTINGHAMSHIRE, label, notts)
        england(worse, label, eng)
        put(good, NOTTINGHAMSHIRE, label, 60)
        england(good, label, 55)
    put(worse, BASSETLAW, "2011/12", 70, 5)
    Target.objects.create(indicator=worse, period="2011/12", value=35)
    IndicatorCommentary.objects.create(indicator=worse, area=Area.objects.get(
        code=NOTTINGHAMSHIRE), period="2011/12", text="Thresholds were reviewed.")
    mine = KeyAction.objects.create(priority=safe, reference="1.1", title="Open the MASH",
                                    lead_officer=lead)
    theirs = KeyAction.objects.create(priority=learn, reference="2.1", title="Close the gap",
                                      lead_officer=other)
    ActionUpdate.objects.create(action=mine, as_at=datetime.date(2012, 9, 30),
                                status="on schedule", commentary="Going well.")
    ActionUpdate.objects.create(action=theirs, as_at=datetime.date(2012, 9, 30),
                                status="delayed", commentary="Waiting for funding.")
    return {"worse": worse, "good": good, "mine": mine, "theirs": theirs, "other": other}


def test_the_dashboard_shows_each_priority_with_actions_and_indicators(officer_client,
                                                                       dashboard, plan):
    page = officer_client.get(f"/plan/{plan.slug}/dashboard/", {"as_at": AS_AT}).text
    for text in ("1. Keep children safe", "2. Close the gaps", "1.1 Open the MASH",
                 "Child protection plans", "42.0", "Worse", "Off target", "Worsening",
                 "Thresholds were reviewed.", "Bassetlaw", "Delayed",
                 f'href="/indicators/{dashboard["worse"].pk}/"'):
        assert text in page, text
    assert "as at 30 September 2012" in page


def test_the_dashboard_defaults_to_the_latest_progress_report(officer_client, dashboard, plan):
    assert "as at 30 September 2012" in officer_client.get(f"/plan/{plan.slug}/dashboard/").text


def test_the_plan_page_links_to_its_dashboard(client, dashboard, plan):
    assert f'href="/plan/{plan.slug}/dashboard/"' in client.get(f"/plan/{plan.slug}/").text


def test_the_dashboard_filters_by_owner_and_locality(officer_client, dashboard, plan, lead):
    page = officer_client.get(f"/plan/{plan.slug}/dashboard/",
                              {"as_at": AS_AT, "owner": lead.pk}).text
    assert "Child protection plans" in page and "GCSE attainment" not in page
    assert "2.1 Close the gap" not in page
    bassetlaw = Area.objects.get(code=BASSETLAW)
    page = officer_client.get(f"/plan/{plan.slug}/dashboard/",
                              {"as_at": AS_AT, "locality": bassetlaw.pk}).text
    assert "Child protection plans" in page and "GCSE attainment" not in page


def test_the_exceptions_view_shows_only_what_is_outside_tolerance(officer_client, dashboard,
                                                                  plan):
    page = officer_client.get(f"/plan/{plan.slug}/exceptions/", {"as_at": AS_AT}).text
    assert "Child protection plans" in page and "Thresholds were reviewed." in page
    assert "Worse in Bassetlaw" in page
    assert "2.1 Close the gap" in page and "Waiting for funding." in page
    assert "GCSE attainment" not in page and "1.1 Open the MASH" not in page


def test_anonymous_visitors_see_a_value_only_once_approved(client, officer, dashboard, plan):
    worse = dashboard["worse"]
    pages = (f"/plan/{plan.slug}/dashboard/?as_at={AS_AT}", f"/indicators/{worse.pk}/")

    def shown():
        return ["42.0" in client.get(url).text for url in pages]

    assert shown() == [False, False]
    assert "Thresholds were reviewed." not in client.get(pages[0]).text
    indicator_approve(indicator=worse, by=officer)
    assert shown() == [True, True]
    assert "Thresholds were reviewed." in client.get(pages[0]).text
    indicator_approval_withdraw(indicator=worse, by=officer, reason="Error found.")
    assert shown() == [False, False]


def test_an_officer_approves_and_withdraws_from_the_approvals_page(officer_client, dashboard,
                                                                   plan, officer):
    worse = dashboard["worse"]
    url = f"/plan/{plan.slug}/approvals/"
    assert "Not approved" in officer_client.get(url).text
    officer_client.post(url, {"indicator": worse.pk, "approve": ""})
    approval = worse.approvals.get()
    assert (approval.up_to_period, approval.approved_by) == ("2011/12", officer)
    assert "Approved" in officer_client.get(url).text
    officer_client.post(url, {"indicator": worse.pk, "withdraw": "", "reason": "Recount"})
    approval.refresh_from_db()
    assert approval.withdrawn_by == officer and approval.reason == "Recount"
    assert approval.history.count() == 2


def test_members_cannot_approve(member_client, dashboard, plan):
    assert member_client.get(f"/plan/{plan.slug}/approvals/").status_code == 403


def test_a_member_updates_their_own_actions_and_indicators_from_one_page(member_client,
                                                                         dashboard, plan,
                                                                         member):
    url = f"/plan/{plan.slug}/mine/"
    page = member_client.get(url).text
    assert "1.1 Open the MASH" in page and "Child protection plans" in page
    assert "2.1 Close the gap" not in page and "GCSE attainment" not in page
    mine, worse = dashboard["mine"], dashboard["worse"]
    today = datetime.date.today().isoformat()
    response = member_client.post(url, {
        "as_at": today, f"status_{mine.pk}": "at risk",
        f"commentary_{mine.pk}": "Recruitment is slow.",
        f"indicator_{worse.pk}": "Early help should bring this down.",
        # A field for someone else's action is not on the form and is ignored.
        f"status_{dashboard['theirs'].pk}": "completed"})
    assert response.status_code == 302
    update = mine.updates.get(as_at=datetime.date.today())
    assert (update.status, update.commentary, update.recorded_by) == (
        "at risk", "Recruitment is slow.", member)
    commentary = IndicatorCommentary.objects.get(indicator=worse, period="2011/12")
    assert commentary.text == "Early help should bring this down."
    assert commentary.history.first().history_user == member
    assert commentary.history.count() == 2  # the earlier words are kept
    assert not dashboard["theirs"].updates.filter(status="completed").exists()


def test_a_member_cannot_update_what_they_do_not_lead(member, dashboard):
    with pytest.raises(RuleError):
        action_update_record(action=dashboard["theirs"], as_at=datetime.date(2012, 10, 1),
                             status="completed", commentary="", by=member)
    with pytest.raises(RuleError):
        indicator_commentary_record(indicator=dashboard["good"], area=Area.objects.get(
            code=NOTTINGHAMSHIRE), period="2011/12", text="Mine now", by=member)


def test_officers_update_everything_from_the_page(officer_client, dashboard, plan):
    page = officer_client.get(f"/plan/{plan.slug}/mine/").text
    assert "2.1 Close the gap" in page and "GCSE attainment" in page


def test_the_public_is_sent_to_sign_in_for_my_actions(client, plan):
    assert client.get(f"/plan/{plan.slug}/mine/").status_code == 302


def test_officers_link_indicators_from_the_priority_and_action_forms(officer_client,
                                                                      dashboard, plan):
    safe, good = Priority.objects.get(number=1), dashboard["good"]
    response = officer_client.post(f"/plan/{plan.slug}/priorities/{safe.pk}/edit/", {
        "number": 1, "title": safe.title, "outcome": "",
        "indicators": [dashboard["worse"].pk, good.pk]})
    assert response.status_code == 302
    assert set(safe.indicators.all()) == {dashboard["worse"], good}
    mine = dashboard["mine"]
    response = officer_client.post(f"/plan/{plan.slug}/actions/{mine.pk}/edit/", {
        "reference": "1.1", "title": mine.title, "lead_officer": mine.lead_officer_id,
        "indicators": [good.pk]})
    assert response.status_code == 302
    assert list(mine.indicators.all()) == [good]
    assert good.name in officer_client.get(mine.get_absolute_url()).text


def test_members_cannot_edit_priorities(member_client, dashboard, plan):
    safe = Priority.objects.get(number=1)
    assert member_client.get(
        f"/plan/{plan.slug}/priorities/{safe.pk}/edit/").status_code == 403


def test_the_approvals_page_asks_for_an_owner_and_definition_before_approving(
        officer_client, dashboard, plan):
    good = dashboard["good"]  # owned, but with no definition
    page = officer_client.get(f"/plan/{plan.slug}/approvals/").text
    assert "It needs a definition before it can be approved." in page
    assert f'href="/indicators/{good.pk}/edit/"' in page
    officer_client.post(f"/plan/{plan.slug}/approvals/", {"indicator": good.pk, "approve": ""})
    assert not good.approvals.exists()
    assert "GCSE attainment needs a definition" in officer_client.get(
        f"/plan/{plan.slug}/approvals/").text
