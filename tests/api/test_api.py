"""Trustboard's own API (/api/v1/) through Django's test client, on the demo partnership:
what the public reads without a token, what a token's user reads and writes, and the JSON
refusals of bad requests."""

import datetime
import hashlib

import pytest
from django.test import Client

from tests.performance.files import fingertips_row, fingertips_text
from trustboard.api.models import ApiToken
from trustboard.api.services import api_token_create
from trustboard.core.models import User
from trustboard.meetings.models import AgendaItem
from trustboard.performance.models import DataImport, DataPoint, Indicator, PublicationApproval

pytestmark = pytest.mark.django_db


def _token(role: str, **options) -> str:
    return api_token_create(user=User.objects.get(username=role), name=f"{role} script",
                            **options).token


def _as(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


# --- the public reads without a token --------------------------------------------------------


def test_the_public_reads_every_list_without_a_token(demo, client):
    for path in ("indicators", "areas", "bodies", "plans", "meetings"):
        response = client.get(f"/api/v1/{path}")
        assert response.status_code == 200, (path, response.content)
        page = response.json()
        assert page["count"] > 0 and page["items"], path
        assert page["offset"] == 0 and page["limit"] == 50


def test_an_indicator_comes_with_its_definition_and_its_values(demo, client):
    indicator = Indicator.objects.get(source_id="90284")
    one = client.get(f"/api/v1/indicators/{indicator.pk}").json()
    assert one["name"] == indicator.name and one["definition"] == indicator.definition
    data = client.get(one["data_url"], {"area": "E10000024", "limit": 500}).json()
    held = published_count(indicator, area="E10000024")
    assert data["count"] == held > 0
    assert {row["area_code"] for row in data["items"]} == {"E10000024"}


def published_count(indicator, *, area):
    from trustboard.performance.selectors import published_points

    return published_points(DataPoint.objects.filter(indicator=indicator,
                                                     area__code=area)).count()


def test_the_public_reads_approved_values_only_and_an_officer_reads_them_all(demo, client):
    indicator = Indicator.objects.filter(data_points__isnull=False).distinct().first()
    held = DataPoint.objects.filter(indicator=indicator).count()
    PublicationApproval.objects.filter(indicator=indicator).delete()
    Indicator.objects.filter(pk=indicator.pk).update(approval_required=True)
    url = f"/api/v1/indicators/{indicator.pk}/data"

    assert client.get(url).json()["count"] == 0
    assert client.get(url, **_as(_token("officer"))).json()["count"] == held


def test_a_meeting_shows_the_public_its_exempt_item_only_as_its_line(demo, client):
    item = AgendaItem.objects.filter(is_exempt=True).select_related("meeting").first()
    url = f"/api/v1/meetings/{item.meeting_id}"

    public = client.get(url)
    officer = client.get(url, **_as(_token("officer")))

    assert item.title not in public.content.decode()
    line = next(one for one in public.json()["items"] if one["number"] == item.number)
    assert line["is_exempt"] and line["title"].startswith("Exempt item: Schedule 12A paragraph")
    assert item.title in [one["title"] for one in officer.json()["items"]]


def test_a_list_walks_page_by_page_and_a_page_past_the_end_is_a_404_naming_offset(demo, client):
    first = client.get("/api/v1/areas", {"limit": 2}).json()
    second = client.get(first["next"]).json()
    assert first["previous"] is None and second["offset"] == 2
    assert {area["code"] for area in first["items"]}.isdisjoint(
        area["code"] for area in second["items"])

    past = client.get("/api/v1/areas", {"offset": first["count"]})
    assert past.status_code == 404
    assert past.json()["field"] == "offset"
    assert f"it has {first['count']} items" in past.json()["detail"]


# --- bad requests: JSON refusals naming the field ----------------------------------------------


@pytest.mark.parametrize(("url", "status", "field"), [
    ("/api/v1/indicators/999999", 404, "indicator_id"),
    ("/api/v1/indicators/999999/data", 404, "indicator_id"),
    ("/api/v1/areas/E99999999", 404, "code"),
    ("/api/v1/plans/no-such-plan", 404, "slug"),
    ("/api/v1/meetings/999999", 404, "meeting_id"),
    ("/api/v1/bodies/999999", 404, "body_id"),
    ("/api/v1/indicators?limit=0", 422, "limit"),
    ("/api/v1/indicators?limit=abc", 422, "limit"),
    ("/api/v1/areas?kind=planet", 422, "kind"),
    ("/api/v1/meetings?from=yesterday", 422, "from"),
    ("/api/v1/meetings?from=2013-01-01&to=2012-01-01", 422, "to"),
    ("/api/v1/indicators/{indicator}/data?area=E99999999", 404, "area"),
    ("/api/v1/indicators/{indicator}/data?area=%00", 422, "area"),
    ("/api/v1/no-such-thing", 404, None),
])
def test_a_bad_request_is_a_json_refusal_naming_the_field(demo, client, url, status, field):
    # A real indicator's id: ids differ between databases (PostgreSQL's sequences move on).
    response = client.get(url.replace("{indicator}", str(Indicator.objects.first().pk)))
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["field"] == field
    assert response.json()["detail"]


def test_a_post_to_a_read_only_address_is_a_json_405(demo, client):
    response = client.post("/api/v1/indicators", {})
    assert response.status_code == 405
    assert response.json()["detail"].startswith("POST is not allowed here")
    assert response["Allow"] == "GET"


# --- tokens ----------------------------------------------------------------------------------


def test_a_token_is_shown_once_kept_hashed_and_acts_as_its_user(demo):
    browser = Client()
    browser.force_login(User.objects.get(username="analyst"))

    made = browser.post("/api/tokens/", {"name": "Weekly import", "expires_on": ""})
    token = made.context["made"].token
    assert token.startswith("tb_") and token in made.content.decode()
    record = ApiToken.objects.get(name="Weekly import")
    assert record.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(ApiToken.objects.values_list()))
    assert token not in browser.get("/api/tokens/").content.decode()
    assert record.prefix in browser.get("/api/tokens/").content.decode()

    me = Client().get("/api/v1/me", **_as(token))
    assert me.status_code == 200 and me.json()["role"] == "analyst"


def test_a_revoked_token_is_refused_with_a_401_saying_so(demo):
    browser = Client()
    browser.force_login(User.objects.get(username="analyst"))
    token = browser.post("/api/tokens/", {"name": "Old script"}).context["made"].token
    record = ApiToken.objects.get(name="Old script")

    browser.post(f"/api/tokens/{record.pk}/revoke/")

    refused = Client().get("/api/v1/indicators", **_as(token))
    assert refused.status_code == 401
    assert "was revoked" in refused.json()["detail"]
    assert refused.json()["field"] == "Authorization"


def test_someone_elses_token_cannot_be_revoked(demo):
    _token("officer")
    browser = Client()
    browser.force_login(User.objects.get(username="analyst"))
    response = browser.post(f"/api/tokens/{ApiToken.objects.get().pk}/revoke/")
    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_an_expired_token_is_refused_with_a_401_saying_so(demo, client):
    token = _token("officer", expires_on=datetime.date.today())
    assert client.get("/api/v1/me", **_as(token)).status_code == 200
    ApiToken.objects.update(expires_on=datetime.date.today() - datetime.timedelta(days=1))

    refused = client.get("/api/v1/me", **_as(token))
    assert refused.status_code == 401
    assert "expired" in refused.json()["detail"]


def test_a_wrong_token_is_refused_not_read_as_the_public(demo, client):
    for header in ("Bearer tb_not-a-token-at-all-xxxxxxxx", "Token abc", "Bearer nonsense"):
        response = client.get("/api/v1/indicators", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response.json()["field"] == "Authorization"


def test_an_expiry_date_in_the_past_is_refused_beside_its_field(demo):
    browser = Client()
    browser.force_login(User.objects.get(username="member"))
    response = browser.post("/api/tokens/", {"name": "x", "expires_on": "2000-01-01"})
    assert response.context["form"].errors == {
        "expires_on": ["The expiry date must be today or later."]}
    assert not ApiToken.objects.exists()


# --- importing through the API ---------------------------------------------------------------


def _file(*rows) -> bytes:
    return fingertips_text(list(rows)).encode()


def test_an_analyst_imports_a_fingertips_file_through_the_same_importer(demo, client):
    body = _file(fingertips_row(**{"Time period": "2030/31"}),
                 fingertips_row(**{"Time period": "2031/32", "Value": "81.5"}))
    response = client.post("/api/v1/imports?format=fingertips", body, content_type="text/csv",
                           **_as(_token("analyst")))
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 2
    record = DataImport.objects.get(pk=response.json()["id"])
    assert record.by.username == "analyst"
    assert DataPoint.objects.filter(period__label="2031/32", value=81.5).exists()


def test_an_import_with_one_bad_row_writes_nothing_and_names_its_row_and_column(demo, client):
    before = DataPoint.objects.count(), DataImport.objects.count()
    body = _file(fingertips_row(**{"Time period": "2030/31"}),
                 fingertips_row(**{"Time period": "2031/32", "Value": "lots"}))

    response = client.post("/api/v1/imports", body, content_type="text/csv",
                           **_as(_token("analyst")))

    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["row"], error["column"]) == (3, "Value")
    assert response.json()["field"] == "file"
    assert (DataPoint.objects.count(), DataImport.objects.count()) == before


def test_an_import_as_a_form_upload_is_read_the_same(demo, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("export.csv", _file(fingertips_row(**{"Time period": "2030/31"})),
                                content_type="text/csv")
    response = client.post("/api/v1/imports", {"file": upload}, **_as(_token("officer")))
    assert response.status_code == 201, response.content
    assert DataImport.objects.get(pk=response.json()["id"]).file_name == "export.csv"


def test_only_analysts_and_officers_import_and_the_public_is_asked_for_a_token(demo, client):
    body = _file(fingertips_row())
    member = client.post("/api/v1/imports", body, content_type="text/csv",
                         **_as(_token("member")))
    public = client.post("/api/v1/imports", body, content_type="text/csv")
    assert member.status_code == 403 and "import" in member.json()["detail"]
    assert public.status_code == 401 and public.json()["field"] == "Authorization"


# --- the documentation -----------------------------------------------------------------------


def test_the_documentation_page_lists_every_endpoint_and_links_the_schema(demo, client):
    schema = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/v1/docs").content.decode().replace("<wbr>", "")
    assert schema["openapi"].startswith("3.")
    assert 'href="/api/v1/openapi.json"' in page
    for path, methods in schema["paths"].items():
        for method in methods:
            assert f"{method.upper()} {path}" in page
    assert "cdn" not in page.lower()


def test_a_small_count_is_suppressed_for_the_public_and_shown_to_an_analyst(demo, client):
    indicator = Indicator.objects.get(source_id="90284")
    point = DataPoint.objects.filter(indicator=indicator, area__code="E10000024").first()
    DataPoint.objects.filter(pk=point.pk).update(count=3)
    url = f"/api/v1/indicators/{indicator.pk}/data"
    query = {"area": "E10000024", "period": point.period.label}

    def the_point(rows):
        breakdown = point.breakdown
        return [row for row in rows if (row["sex"], row["age"], row["category"]) == (
            breakdown.sex, breakdown.age, breakdown.category)]

    public = the_point(client.get(url, query).json()["items"])
    analyst = the_point(client.get(url, query, **_as(_token("analyst"))).json()["items"])

    assert [(row["count"], row["value"], row["suppressed"]) for row in public] == [
        (None, None, True)]
    assert "suppressed" in public[0]["value_note"].lower()
    assert [(row["count"], row["value"]) for row in analyst] == [(3, point.value)]
