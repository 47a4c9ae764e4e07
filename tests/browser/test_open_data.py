"""The public finds the open data catalogue, and each download opens with its dictionary.
In Chromium, axe-core on the catalogue, wide and 375 px wide."""

import csv
import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trustboard.public.open_data import DATASETS

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
#: Set to a folder to save the documentation's screenshots there.
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def test_the_public_downloads_each_dataset_with_its_dictionary(page, live_server,
                                                              assert_accessible, demo):
    page.goto(f"{live_server.url}/open-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    expect(page.locator("main")).to_contain_text("Open Government Licence v3.0")
    assert_accessible(page)
    _shot(page, "open-data-catalogue")

    for dataset in DATASETS:
        section = page.locator(f"#{dataset.slug} + p + dl")
        csv_link = section.get_by_role("link", name=dataset.file_name)
        dictionary_link = section.get_by_role("link", name="Data dictionary")
        data = page.request.get(live_server.url + csv_link.get_attribute("href"))
        dictionary = page.request.get(live_server.url + dictionary_link.get_attribute("href"))
        assert data.ok and dictionary.ok
        assert dictionary.headers["content-type"].startswith("application/csvm+json")
        header = next(csv.reader(io.StringIO(data.text())))
        columns = dictionary.json()["tableSchema"]["columns"]
        assert header == [column["titles"] for column in columns], dataset.slug
        assert dictionary.json()["url"].endswith(csv_link.get_attribute("href"))

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert_accessible(page)
    _shot(page, "open-data-catalogue-phone")
