import datetime

import pytest

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
