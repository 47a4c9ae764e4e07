import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    RelationshipFactory,
    ScenarioFactory,
)
from trustboard.governance.models import Body, Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario():
    scenario = ScenarioFactory(name="current", slug="current", is_current=True)
    board = BodyFactory(scenario=scenario, name="Children's Trust Executive",
                        is_partnership_board=True, meetings_per_year=10)
    group = BodyFactory(scenario=scenario, name="Ashfield Locality Management Group",
                        kind="locality group")
    RelationshipFactory(source=group, target=board, kind="reports to", times_per_year=1)
    MembershipFactory(body=board, role="chair", person__name="Corporate Director (placeholder)")
    return scenario


def test_the_public_sees_the_structure_members_and_roles(client, scenario):
    page = client.get("/structure/current/")
    assert page.status_code == 200
    assert "Children&#x27;s Trust Executive" in page.text
    assert "<svg" in page.text
    body = Body.objects.get(name="Children's Trust Executive")
    detail = client.get(body.get_absolute_url())
    assert "Corporate Director (placeholder)" in detail.text
    assert "Chair" in detail.text


def test_the_public_sees_no_edit_buttons_nor_history(client, scenario):
    page = client.get("/structure/current/")
    assert "Copy to a new scenario" not in page.text
    assert "Change history" not in page.text


def test_the_public_is_sent_to_sign_in_to_edit(client, scenario):
    response = client.get("/structure/current/copy/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/?next=/structure/current/copy/")


def test_a_member_cannot_edit(member_client, scenario):
    assert member_client.get("/structure/current/copy/").status_code == 403
    response = member_client.post("/structure/current/copy/", {"name": "sneaky"})
    assert response.status_code == 403
    assert not Scenario.objects.filter(name="sneaky").exists()


def test_a_member_sees_the_change_history(member_client, scenario):
    assert "Change history" in member_client.get("/structure/current/").text


def test_an_officer_copies_a_scenario(officer_client, scenario):
    response = officer_client.post("/structure/current/copy/", {"name": "proposed 2016"})
    copy = Scenario.objects.get(name="proposed 2016")
    assert response.url == copy.get_absolute_url()
    assert copy.bodies.count() == 2


def test_copying_to_a_taken_name_shows_the_error_by_the_field(officer_client, scenario):
    response = officer_client.post("/structure/current/copy/", {"name": "current"})
    assert response.status_code == 200
    assert "There is already a scenario called current" in response.text
    assert Scenario.objects.count() == 1


def test_an_officer_merges_two_bodies(officer_client, scenario):
    pks = list(scenario.bodies.values_list("pk", flat=True))
    response = officer_client.post("/structure/current/merge/",
                                   {"bodies": pks, "name": "Children's Partnership"})
    merged = Body.objects.get(name="Children's Partnership")
    assert response.url == merged.get_absolute_url()
    assert scenario.bodies.count() == 1


def test_an_officer_adds_a_body_with_responsibilities_one_a_line(officer_client, scenario):
    officer_client.post("/structure/current/bodies/new/", {
        "name": "Youth Offending Management Board", "kind": "youth justice board",
        "responsibilities": "Oversee youth justice\n\n• Prevent offending ",
        "meetings_per_year": 4, "meeting_hours": "1.5",
    })
    body = Body.objects.get(name="Youth Offending Management Board")
    assert body.responsibilities == ["Oversee youth justice", "Prevent offending"]


def test_a_reporting_cycle_is_refused_beside_the_field(officer_client, scenario):
    board = Body.objects.get(name="Children's Trust Executive")
    group = Body.objects.get(name="Ashfield Locality Management Group")
    response = officer_client.post("/structure/current/lines/new/", {
        "source": board.pk, "kind": "reports to", "target": group.pk})
    assert response.status_code == 200
    assert "reporting cycle" in response.text
    assert scenario.relationships.count() == 1


def test_the_diagram_and_structure_file_download(client, scenario):
    svg = client.get("/structure/current/diagram.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert "attachment" in svg["Content-Disposition"]
    yaml_file = client.get("/structure/current/structure.yaml")
    assert "Children's Trust Executive" in yaml_file.content.decode()


def test_compare_shows_both_scenarios_hours(client, scenario):
    ScenarioFactory(name="empty", slug="empty")
    page = client.get("/structure/compare/", {"before": "current", "after": "empty"})
    # The executive: 10 meetings x 2 hours x 1 member; the empty scenario has no meetings.
    assert "Meeting hours a year: at least 20 → 0" in page.text
    assert "20 fewer hours a year in meetings" in page.text


def test_compare_counts_a_body_without_members_as_unknown_and_names_it(client, scenario):
    ScenarioFactory(name="empty", slug="empty")
    page = client.get("/structure/compare/", {"before": "current", "after": "empty"}).text

    assert ("current: at least 20 hours; membership not recorded for: Ashfield Locality "
            "Management Group.") in page
    assert "Not recorded" in page and "Not known" in page


def test_an_officer_records_the_body_a_proposed_body_replaces(officer_client, scenario):
    ScenarioFactory(name="proposed 2015", slug="proposed-2015", based_on=scenario)
    executive = Body.objects.get(name="Children's Trust Executive")

    form = officer_client.get("/structure/proposed-2015/bodies/new/").text
    assert "Bodies of current it replaces" in form
    officer_client.post("/structure/proposed-2015/bodies/new/", {
        "name": "Children's Trust Board", "kind": "trust board", "meetings_per_year": 3,
        "meeting_hours": "2.5", "replaces": [executive.pk]})

    board = Body.objects.get(name="Children's Trust Board")
    assert list(board.replaces.all()) == [executive]
    page = officer_client.get("/structure/compare/",
                              {"before": "current", "after": "proposed-2015"}).text
    assert "Children&#x27;s Trust Executive replaced by Children&#x27;s Trust Board" in page


def test_a_scenario_cannot_take_a_slug_the_site_uses(officer_client, scenario):
    response = officer_client.post("/structure/current/copy/", {"name": "Compare"})
    assert "used by the site itself" in response.text


WRITE_PAGES = [
    "/structure/import/", "/structure/new/", "/structure/organisations/new/",
    "/structure/people/new/",
    "/structure/current/edit/", "/structure/current/copy/", "/structure/current/delete/",
    "/structure/current/merge/", "/structure/current/bodies/new/",
    "/structure/current/lines/new/",
]


@pytest.mark.parametrize("path", WRITE_PAGES)
def test_no_write_page_opens_to_a_member(member_client, scenario, path):
    assert member_client.get(path).status_code == 403
    assert member_client.post(path, {"name": "x"}).status_code == 403


@pytest.mark.parametrize("path", WRITE_PAGES)
def test_every_write_page_sends_the_public_to_sign_in(client, scenario, path):
    response = client.post(path, {"name": "x"})
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")


def test_comparing_a_scenario_with_itself_asks_for_another(client, scenario):
    page = client.get("/structure/compare/", {"before": "current", "after": "current"})
    assert "Choose a different scenario to compare with." in page.text
    assert "Meeting hours a year:" not in page.text


def test_the_scenario_page_reads_in_a_fixed_number_of_queries(
        member_client, scenario, django_assert_max_num_queries):
    board = Body.objects.get(name="Children's Trust Executive")
    for n in range(8):
        group = BodyFactory(scenario=scenario, name=f"Group {n}")
        MembershipFactory(body=group)
        RelationshipFactory(source=group, target=board, kind="reports to")
    with django_assert_max_num_queries(14):
        assert member_client.get("/structure/current/").status_code == 200


def test_an_officer_starts_an_empty_scenario(officer_client, scenario):
    response = officer_client.post("/structure/new/", {"name": "blank slate"})
    created = Scenario.objects.get(name="blank slate")
    assert response.url == created.get_absolute_url()
    assert created.bodies.count() == 0 and not created.is_current


def test_an_officer_changes_how_often_a_line_runs(officer_client, scenario):
    line = scenario.relationships.get()
    officer_client.post(f"/structure/current/lines/{line.pk}/edit/", {
        "source": line.source_id, "kind": "reports to", "target": line.target_id,
        "times_per_year": 4})
    line.refresh_from_db()
    assert line.times_per_year == 4


def test_a_structure_file_nested_thousands_deep_is_refused_on_the_page(officer_client):
    deep = b"trustboard_structure: 1\nscenario: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    response = officer_client.post("/structure/import/", {
        "file": SimpleUploadedFile("deep.yaml", deep, content_type="application/yaml")})
    assert response.status_code == 200
    assert "deep.yaml, line 2: lists and mappings are nested more than 20 levels deep" \
        in response.text
    assert not Scenario.objects.exists()


@pytest.fixture
def four_findings(scenario):
    """The fixture's scenario reports to neither decision maker; add a loose body and a quorum."""
    BodyFactory(scenario=scenario, name="Loose Group")
    Body.objects.filter(name="Children's Trust Executive").update(quorum=5)
    return scenario


def test_the_scenario_page_says_how_many_findings_it_shows_of_how_many(client, four_findings):
    page = client.get("/structure/current/").text

    assert "Four findings. The three most severe are shown here." in page
    assert "Read all four findings and their sources" in page
    assert page.count('class="tb-finding ') == 3


def test_findings_are_named_by_their_check_not_by_a_rule_slug(client, four_findings):
    for path in ("/structure/current/", "/structure/current/checks/"):
        page = client.get(path).text
        assert "Every body has a line to the board" in page
        for slug in ("no-report-to-nhs-board", "no-line-to-board", "below-quorum"):
            assert slug not in page


def test_the_public_checks_page_does_not_tell_the_reader_to_run_a_command(client, four_findings):
    page = client.get("/structure/current/checks/").text

    assert "Every body has a line to the board" in page
    assert "trustboard check-governance" not in page
    assert "command line" not in page
