"""A council hosts the published copy on a plain web server; the public read it there."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.public.static_site import BASE_URL, served
from trustboard.meetings.models import Meeting
from trustboard.performance.models import Indicator
from trustboard.plans.models import Plan
from trustboard.public.publish import site_publish

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.sqlite_only(reason="the browser reads the published files, which the views "
                                   "write the same on any database; publishing itself is "
                                   "tested on both (tests/public/test_publish.py)"),
]


def test_the_public_read_the_published_copy_and_every_sampled_page_is_accessible(
        demo, tmp_path, page, assert_accessible):
    folder = tmp_path / "site"
    site_publish(output=folder, base_url=BASE_URL)
    samples = ["index.html", "structure/index.html", "meetings/index.html",
               Meeting.objects.order_by("starts_at").first().get_absolute_url(),
               reverse("performance:indicator-detail",
                       args=[Indicator.objects.order_by("pk").first().pk]),
               Plan.objects.first().get_absolute_url(), "reports/index.html"]
    with served(folder) as address:
        page.goto(address + "index.html")
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Meetings").click()
        expect(page).to_have_url(address + "meetings/index.html")
        for sample in samples:
            path = sample.strip("/")
            path = path if path.endswith(".html") else f"{path}/index.html"
            response = page.goto(address + path)
            assert response.status == 200, path
            # The style sheet came too: GOV.UK's header is blue, not unstyled.
            assert page.locator("header").evaluate(
                "header => getComputedStyle(header).backgroundColor") != "rgba(0, 0, 0, 0)"
            assert_accessible(page)
        page.goto(address + "meetings/index.html")
        page.screenshot(path=str(tmp_path.parent / "published-meetings.png"), full_page=False)
