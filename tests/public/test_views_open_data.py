"""The open data catalogue and downloads, as the public reads them on the demo partnership."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from trustboard.commissioning.models import Service
from trustboard.meetings.models import AgendaItem, Decision
from trustboard.performance.imports import data_import
from trustboard.plans.models import ActionUpdate, KeyAction
from trustboard.public.open_data import CSVW_CONTEXT, CSVW_TYPE, DATASETS, LICENCE_URL

pytestmark = pytest.mark.django_db

SLUGS = [dataset.slug for dataset in DATASETS]


def _download(client, slug) -> list[list[str]]:
    response = client.get(reverse("public:open-data-csv", args=[slug]))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def _dictionary(client, slug) -> dict:
    response = client.get(reverse("public:open-data-dictionary", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(CSVW_TYPE)
    return json.loads(response.content)


def test_the_catalogue_lists_every_dataset_with_its_licence_and_files(client, demo):
    page = client.get(reverse("public:open-data")).content.decode()

    assert "Open Government Licence v3.0" in page and LICENCE_URL in page
    for dataset in DATASETS:
        assert dataset.title in page
        assert reverse("public:open-data-csv", args=[dataset.slug]) in page
        assert reverse("public:open-data-dictionary", args=[dataset.slug]) in page


@pytest.mark.parametrize("slug", SLUGS)
def test_each_download_is_a_csv_whose_header_is_its_dictionarys_columns_in_order(
        client, demo, slug):
    rows = _download(client, slug)
    dictionary = _dictionary(client, slug)

    assert rows[0] == [column["titles"] for column in dictionary["tableSchema"]["columns"]]
    assert all(len(row) == len(rows[0]) for row in rows)
    assert len(rows) > 1, f"{slug} has no rows in the demo"


@pytest.mark.parametrize("slug", SLUGS)
def test_each_dictionary_is_csv_on_the_web_metadata_for_its_file(client, demo, slug):
    dictionary = _dictionary(client, slug)

    assert dictionary["@context"] == CSVW_CONTEXT
    assert dictionary["url"] == f"http://testserver/open-data/{slug}.csv"
    assert dictionary["dc:license"] == {"@id": LICENCE_URL}
    assert dictionary["dc:title"]
    datetime.date.fromisoformat(dictionary["dc:modified"]["@value"])
    for column in dictionary["tableSchema"]["columns"]:
        assert set(column) == {"name", "titles", "datatype", "dc:description"}
        assert column["name"].replace("_", "").isalnum()


@pytest.mark.parametrize("slug", SLUGS)
def test_the_catalogue_gives_each_datasets_size_in_rows(client, demo, slug):
    rows = len(_download(client, slug)) - 1
    page = client.get(reverse("public:open-data")).content.decode()

    section = page[page.index(f'id="{slug}"'):]
    assert f"{rows:,} row" in section[:section.index("</dl>")]


def test_the_catalogue_dates_a_dataset_by_its_latest_recorded_change(client, demo):
    ActionUpdate.history.update(
        history_date=datetime.datetime(2013, 4, 2, 10, tzinfo=datetime.UTC))
    ActionUpdate.objects.update(approved_at=None)
    KeyAction.history.update(history_date=datetime.datetime(2013, 3, 1, tzinfo=datetime.UTC))

    page = client.get(reverse("public:open-data")).content.decode()
    section = page[page.index('id="key-actions"'):]

    assert '<time datetime="2013-04-02">2 April 2013</time>' in section[:section.index("</dl>")]
    assert _dictionary(client, "key-actions")["dc:modified"]["@value"] == "2013-04-02"


def test_an_unknown_dataset_is_not_found(client, demo):
    response = client.get(reverse("public:open-data-csv", args=["nothing-here"]))

    assert response.status_code == 404


def test_the_meetings_file_names_no_exempt_item_but_gives_its_public_heading(client, demo):
    rows = _download(client, "meetings")
    text = "\n".join(",".join(row) for row in rows)
    exempt = AgendaItem.objects.filter(is_exempt=True)

    assert exempt.exists()
    for item in exempt:
        assert item.title not in text
        assert item.public_heading in text


def test_the_decisions_file_holds_open_and_made_public_decisions_only(client, demo):
    rows = _download(client, "decisions")
    ids = {int(row[0]) for row in rows[1:]}

    hidden = Decision.objects.filter(item__is_exempt=True, is_public=False)
    assert hidden.exists()
    assert not ids & set(hidden.values_list("pk", flat=True))
    assert ids == set(Decision.objects.filter(item__is_exempt=False).values_list("pk", flat=True)
                      ) | set(Decision.objects.filter(is_public=True).values_list("pk", flat=True))


def test_the_services_file_leaves_out_the_value_decided_in_an_exempt_item(client, demo):
    rows = _download(client, "commissioned-services")
    header = rows[0]
    by_reference = {row[header.index("reference")]: row for row in rows[1:]}
    hidden = Service.objects.get(slug="young-carers-support")

    assert hidden.annual_value is not None
    assert by_reference["young-carers-support"][header.index("annual_value")] == ""
    shown = Service.objects.exclude(slug="young-carers-support").exclude(
        annual_value=None).first()
    assert float(by_reference[shown.slug][header.index("annual_value")]) == float(
        shown.annual_value)


def test_the_key_actions_file_holds_approved_commentary_only(client, demo):
    action = KeyAction.objects.order_by("pk").first()
    ActionUpdate.objects.create(action=action, as_at=datetime.date(2013, 1, 31),
                                status="on schedule", commentary="Approved words to publish.",
                                approved_at=timezone.now())
    ActionUpdate.objects.create(action=action, as_at=datetime.date(2013, 2, 28),
                                status="at risk", commentary="Words awaiting approval.")

    text = "\n".join(",".join(row) for row in _download(client, "key-actions"))

    assert "Approved words to publish." in text
    assert "Words awaiting approval." not in text
    assert "2013-02-28" in text  # the update's date and status are public


def test_the_fingertips_download_reimports_with_the_same_values(client, demo, tmp_path):
    rows = _download(client, "indicator-values-fingertips")
    header = rows[0]
    note, value, count = (header.index(name) for name in ("Value note", "Value", "Count"))
    suppressed = [row for row in rows[1:] if row[note].startswith("Suppressed")]
    shown = [row for row in rows[1:] if not row[note].startswith("Suppressed")]
    path = tmp_path / "indicator-values-fingertips.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([header, *shown])

    record = data_import(path=path, by=None, format="fingertips")

    assert (record.created, record.updated, record.unchanged) == (0, 0, len(shown))
    assert all(row[value] == row[count] == "" for row in suppressed)
