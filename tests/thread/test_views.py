import re

import pytest

from trustboard.plans.models import KeyAction

pytestmark = pytest.mark.django_db

THREAD = "/thread/cypf-2011-14/"
AT_2012 = {"as_at": "2012-09-30"}
EXEMPT = "Award of the young carers support contract"


def _sign_in(client, django_user_model, username):
    client.force_login(django_user_model.objects.get(username=username))


def _matrix_row(page, number: int) -> list[str]:
    """The numbers in a priority's row of the matrix, as a reader sees them."""
    table = page.text[page.text.index('id="matrix"'):page.text.index("</table>")]
    row = next(row for row in table.split("<tr")[2:] if f"/priorities/{number}/" in row)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return [re.sub(r"<[^>]+>", "", cell)
            for cell in cells]


def test_the_public_sees_the_matrix_of_what_is_public_and_no_gaps(client, demo):
    page = client.get(THREAD, AT_2012)
    assert page.status_code == 200
    assert "The golden thread" in page.text
    # Priority 3: three key actions, four indicators, one public agenda item and no public
    # decision (the exempt contract award and its decision are left out).
    assert _matrix_row(page, 3)[:4] == ["3", "4", "1", "0"]
    assert "Gaps</h2>" not in page.text


def test_an_officer_sees_exempt_items_in_the_matrix_and_every_gap(client, demo,
                                                                   django_user_model):
    _sign_in(client, django_user_model, "officer")
    page = client.get(THREAD, AT_2012)
    assert _matrix_row(page, 3)[:4] == ["3", "4", "2", "1"]
    assert page.text.count("priority-not-discussed") == 3
    assert "No meeting discussed priority 4 in the twelve months" in page.text
    assert "Agendas match the priorities and key actions of the CYPF Plan" in page.text


def test_a_member_sees_the_gaps_in_the_key_actions_they_lead(client, demo, django_user_model):
    """The demo member leads key actions 2.1 to 2.3; as at 31 March 2013 two of them have
    had no update since September."""
    _sign_in(client, django_user_model, "member")
    page = client.get(THREAD, {"as_at": "2013-03-31"})
    mine = page.text[page.text.index('id="my-gaps"'):page.text.index('id="gaps"')]
    assert "Key action 2.2 was last updated on 30 September 2012" in mine
    assert "Key action 2.3 was last updated on 30 September 2012" in mine
    assert "Key action 1.1" not in mine


def test_a_cell_lists_its_records_each_linking_to_its_page(client, demo):
    page = client.get(f"{THREAD}priorities/6/key-actions/", AT_2012)
    assert page.status_code == 200
    action = KeyAction.objects.get(reference="6.1")
    assert (f'href="/plan/cypf-2011-14/actions/{action.pk}/">6.1 Approve Nottinghamshire'
            in page.text)
    assert "Indicators (" not in page.text


def test_a_cell_of_agenda_items_links_each_to_its_place_in_the_meeting(client, demo):
    page = client.get(f"{THREAD}priorities/6/agenda-items/", AT_2012)
    assert re.search(r'href="/meetings/\d+/#item-\d+">Youth Homelessness Strategy</a>',
                     page.text)


def test_the_matrix_links_keep_the_date_read(client, demo):
    page = client.get(THREAD, AT_2012)
    assert f'href="{THREAD}priorities/6/agenda-items/?as_at=2012-09-30"' in page.text


def test_a_priority_page_lists_every_kind_and_its_gaps_to_the_signed_in(client, demo,
                                                                      django_user_model):
    _sign_in(client, django_user_model, "officer")
    page = client.get(f"{THREAD}priorities/4/", AT_2012)
    for heading in ("Key actions (2)", "Indicators (4)", "Agenda items (0)", "Decisions (0)"):
        assert heading in page.text
    assert "No meeting discussed priority 4" in page.text


def test_the_public_never_reads_an_exempt_item_on_a_priority_page(client, demo):
    page = client.get(f"{THREAD}priorities/3/", AT_2012)
    assert page.status_code == 200
    assert EXEMPT not in page.text


def test_an_unknown_priority_or_kind_is_not_found(client, demo):
    assert client.get(f"{THREAD}priorities/9/").status_code == 404
    assert client.get(f"{THREAD}priorities/1/horses/").status_code == 404
    assert client.get("/thread/no-such-plan/").status_code == 404


def test_the_thread_page_reads_in_a_fixed_number_of_queries(client, demo, django_user_model,
                                                            django_assert_max_num_queries):
    _sign_in(client, django_user_model, "officer")
    with django_assert_max_num_queries(40):
        client.get(THREAD, AT_2012)


def test_the_plan_page_links_to_its_thread(client, demo):
    assert f'href="{THREAD}">Golden thread</a>' in client.get("/plan/cypf-2011-14/").text
