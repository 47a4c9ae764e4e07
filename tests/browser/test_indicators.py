"""The public reads Nottinghamshire's indicators, benchmarked, with charts and tables."""

import re

import pytest
from playwright.sync_api import expect

from trustboard.demo.loader import demo_load

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_public_reads_an_indicator_against_england_and_neighbours(
        page, live_server, assert_accessible):
    demo_load()
    page.goto(f"{live_server.url}/indicators/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Hospital admissions caused by")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hospital admissions")
    assert_accessible(page)
    page.get_by_text("Show the data in a table").first.click()
    expect(page.get_by_role("table").first).to_contain_text("2023/24")
    assert_accessible(page)
    page.goto(f"{live_server.url}/indicators/areas/E10000024/")
    expect(page.get_by_role("img").first).to_be_visible()
    assert_accessible(page)
