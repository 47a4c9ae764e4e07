"""`trustboard publish`: the public site as static files a plain web server can host."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from tests.core.test_exempt_crawl import (
    EXEMPT_PAPER,
    EXEMPT_TITLES,
    _docx_text,
    _ics_text,
    _pdf_text,
    _plain,
    _reports_of_the_exempt_items_year,
    exempt_secrets,
)
from tests.public import publish_urls
from tests.public.static_site import BASE_URL, crawl, served
from trustboard.core.models import User
from trustboard.meetings.models import Meeting
from trustboard.public.publish import MANIFEST, PublishError, site_publish

pytestmark = pytest.mark.django_db

# Publishing reads the site as the public through the views, which build the same pages on
# any database; the exempt crawl (tests/core/test_exempt_crawl.py) is run once the same way.
PUBLISHED_ON_SQLITE_ONLY = pytest.mark.sqlite_only(
    reason="the copy is the views' pages read as the public, the same on any database")


@pytest.fixture(scope="module")
def demo_copy(_demo_snapshot, django_db_blocker, tmp_path_factory):
    """The demo's public site published once for the module, with the reports of the exempt
    items' year issued (as the exempt crawl does), and the secrets a leak would show."""
    folder = tmp_path_factory.mktemp("published") / "site"
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), \
            transaction.atomic():
        _demo_snapshot.restore(media_root=media)
        _reports_of_the_exempt_items_year(User.objects.get(username="officer"))
        result = site_publish(output=folder, base_url=BASE_URL)
        secrets = exempt_secrets()
        meetings = [meeting.get_absolute_url() for meeting in Meeting.objects.all()]
        transaction.set_rollback(True)
    with served(folder) as address:
        statuses, links = crawl(address)
    # What a reader of each file sees (PDF, Word and calendar files read as text).
    texts = {file: _plain(_text_of_file(file)) for file in folder.rglob("*")
             if file.is_file() and "static" not in file.relative_to(folder).parts}
    return {"folder": folder, "result": result, "secrets": secrets, "meetings": meetings,
            "statuses": statuses, "links": links, "address": address, "texts": texts}


def _text_of_file(file: Path) -> str:
    data = file.read_bytes()
    reader = {".pdf": _pdf_text, ".docx": _docx_text, ".ics": _ics_text}.get(file.suffix)
    return reader(data) if reader else data.decode("utf-8", errors="replace")


@PUBLISHED_ON_SQLITE_ONLY
def test_the_copy_holds_the_public_site_pages_papers_packs_reports_and_feeds(demo_copy):
    folder = demo_copy["folder"]
    suffixes = {file.suffix for file in folder.rglob("*") if file.is_file()}
    assert {".html", ".pdf", ".docx", ".ics", ".svg", ".yaml", ".css", ".js"} <= suffixes
    assert demo_copy["result"].pages > 200
    assert (folder / "index.html").is_file()
    assert (folder / "meetings" / "calendar.ics").is_file()
    for meeting in demo_copy["meetings"]:
        assert (folder / meeting.strip("/") / "index.html").is_file()


@PUBLISHED_ON_SQLITE_ONLY
def test_every_link_in_the_served_copy_leads_to_a_file(demo_copy):
    broken = {url: status for url, status in demo_copy["statuses"].items() if status != 200}
    assert not broken
    crawled = {urlsplit(url).path.lstrip("/") for url in demo_copy["links"]}
    written = {str(page.relative_to(demo_copy["folder"]))
               for page in demo_copy["folder"].rglob("*.html")}
    assert written - crawled == set(), "pages no link of the copy leads to"
    assert len(demo_copy["links"]) == demo_copy["result"].pages


@PUBLISHED_ON_SQLITE_ONLY
def test_no_link_in_the_copy_starts_at_the_servers_root(demo_copy):
    """Relative links only: the copy works from any folder of any server."""
    rooted = {url: link for url, page_links in demo_copy["links"].items()
              for link in page_links if link.startswith("/")}
    assert not rooted


@PUBLISHED_ON_SQLITE_ONLY
def test_what_the_public_cannot_read_is_linked_on_the_live_site(demo_copy):
    home = demo_copy["links"][demo_copy["address"] + "index.html"]
    live = {link for link in home if link.startswith(BASE_URL)}
    # The reviews are for members: the live site asks the reader to sign in.
    assert BASE_URL + "reviews/" in live
    assert any(urlsplit(link).path == "/sign-in/" for link in live)


@pytest.mark.parametrize("title", EXEMPT_TITLES)
@PUBLISHED_ON_SQLITE_ONLY
def test_no_file_of_the_copy_names_an_exempt_item(demo_copy, title):
    leaks = [str(file) for file, text in demo_copy["texts"].items() if _plain(title) in text]
    assert not leaks


@PUBLISHED_ON_SQLITE_ONLY
def test_the_copy_was_read_in_every_format_a_leak_could_hide_in(demo_copy):
    """The checks below would see a leak: they read PDFs, Word files and feeds as text."""
    suffixes = {file.suffix for file, text in demo_copy["texts"].items() if text}
    assert {".html", ".pdf", ".docx", ".ics", ".yaml", ".svg"} <= suffixes


@PUBLISHED_ON_SQLITE_ONLY
def test_no_file_of_the_copy_quotes_an_exempt_paper_decision_or_action(demo_copy):
    assert set(EXEMPT_PAPER) <= set(demo_copy["secrets"])
    leaks = [f"{secret!r} in {file}" for file, text in demo_copy["texts"].items()
             for secret in demo_copy["secrets"] if _plain(secret) in text]
    assert not leaks


@PUBLISHED_ON_SQLITE_ONLY
def test_the_copy_says_when_and_from_where_it_was_published(demo_copy):
    manifest = json.loads((demo_copy["folder"] / MANIFEST).read_text())
    assert manifest["base_url"] == BASE_URL
    assert manifest["pages"] == demo_copy["result"].pages


# The small site of tests/public/publish_urls.py: each kind of link.

@pytest.fixture
def small_copy(tmp_path, settings):
    settings.ROOT_URLCONF = "tests.public.publish_urls"
    folder = tmp_path / "site"
    result = site_publish(output=folder, base_url="https://trust.example.org")
    return folder, result


def test_a_page_address_becomes_its_folders_index_and_links_become_relative(small_copy):
    folder, _result = small_copy
    home = (folder / "index.html").read_text()
    assert 'href="about/index.html"' in home
    assert 'href="about/index.html#team"' in home
    assert 'href="../index.html"' in (folder / "about" / "index.html").read_text()


def test_a_file_keeps_its_name_and_static_files_are_copied(small_copy):
    folder, _result = small_copy
    home = (folder / "index.html").read_text()
    assert (folder / "data" / "values.csv").read_text() == "year,value\n2012,4\n"
    assert 'href="data/values.csv"' in home
    assert 'href="static/vendor/trustboard.css"' in home
    assert (folder / "static" / "core" / "favicon.svg").is_file()


def test_a_streamed_download_is_written_whole_under_its_own_name(small_copy):
    folder, _result = small_copy
    written = (folder / "data" / "all-values" / "all-values.csv").read_text().splitlines()
    assert written[0] == "2000,5" and written[-1] == "2024,1" and len(written) == 25
    assert 'href="data/all-values/all-values.csv"' in (folder / "index.html").read_text()


def test_links_in_a_chart_become_relative_too(small_copy):
    folder, _result = small_copy
    assert 'href="about/index.html"' in (folder / "chart.svg").read_text()


def test_a_filter_page_is_saved_once_under_a_hashed_name(small_copy):
    folder, _result = small_copy
    filtered = list((folder / "list").glob("index-q*.html"))
    assert len(filtered) == 1
    assert f'href="list/{filtered[0].name}"' in (folder / "index.html").read_text()
    assert f'href="../list/{filtered[0].name}"' in \
        (folder / "about" / "index.html").read_text()


def test_pages_the_public_cannot_read_and_signing_in_lead_to_the_live_site(small_copy):
    folder, result = small_copy
    home = (folder / "index.html").read_text()
    assert 'href="https://trust.example.org/closed/"' in home
    assert 'href="https://trust.example.org/missing/"' in home
    assert 'href="https://trust.example.org/sign-in/?next=/"' in home
    assert 'href="https://www.gov.uk/"' in home
    assert not (folder / "closed").exists() and not (folder / "sign-in").exists()
    assert result.live_links >= 2  # and the style sheet's missing images


def test_a_search_goes_to_the_live_site_and_a_posting_form_becomes_a_note(small_copy):
    folder, result = small_copy
    home = (folder / "index.html").read_text()
    assert 'action="https://trust.example.org/list/"' in home
    assert 'name="comment"' not in home
    assert "its forms do not work here" in home
    assert 'href="https://trust.example.org/"' in home
    assert result.forms_replaced == 1


def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path, settings):
    settings.ROOT_URLCONF = "tests.public.publish_urls"
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("publish", output=str(folder), base_url=BASE_URL, quiet=True)
    with pytest.raises(CommandError, match="not an earlier copy"):
        call_command("publish", output=str(folder), base_url=BASE_URL, quiet=True, force=True)
    assert [file.name for file in tmp_path.iterdir()] == ["site"]
    assert [file.name for file in folder.iterdir()] == ["notes.txt"]


def test_force_replaces_an_earlier_copy(small_copy, settings):
    folder, _result = small_copy
    (folder / "stale.html").write_text("an old page")
    call_command("publish", output=str(folder), base_url=BASE_URL, quiet=True, force=True)
    assert not (folder / "stale.html").exists()
    assert (folder / "about" / "index.html").is_file()
    assert [file.name for file in folder.parent.iterdir()] == ["site"]


def test_a_page_that_fails_stops_the_copy_and_writes_nothing(tmp_path, settings):
    settings.ROOT_URLCONF = publish_urls.failing
    folder = tmp_path / "site"
    with pytest.raises(CommandError, match=r"/broken/ \(linked from /\) answered with a "
                                           r"server error \(500\)"):
        call_command("publish", output=str(folder), base_url=BASE_URL, quiet=True)
    assert list(tmp_path.iterdir()) == []


def test_a_site_past_the_page_limit_is_refused_and_nothing_written(tmp_path, settings):
    settings.ROOT_URLCONF = "tests.public.publish_urls"
    folder = tmp_path / "site"
    with pytest.raises(CommandError, match="more than 3 addresses"):
        call_command("publish", output=str(folder), base_url=BASE_URL, quiet=True,
                     max_pages=3)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("base_url", ["", "trust.example.org", "ftp://trust.example.org/",
                                      "https://trust.example.org/trust/"])
def test_a_base_url_that_is_not_a_sites_address_is_refused(tmp_path, base_url):
    with pytest.raises(PublishError, match="--base-url"):
        site_publish(output=tmp_path / "site", base_url=base_url)
    assert list(tmp_path.iterdir()) == []


def test_the_live_sites_address_can_come_from_the_setting(tmp_path, settings):
    settings.ROOT_URLCONF = "tests.public.publish_urls"
    settings.TRUSTBOARD_SITE_URL = "https://children.example.gov.uk/"
    out = io.StringIO()
    call_command("publish", output=str(tmp_path / "site"), quiet=True, stdout=out)
    home = (tmp_path / "site" / "index.html").read_text()
    assert 'href="https://children.example.gov.uk/closed/"' in home
    assert f"Wrote 3 pages and 5 other files to {tmp_path / 'site'}" in out.getvalue()


def test_without_the_live_sites_address_nothing_is_written(tmp_path, settings):
    settings.ROOT_URLCONF = "tests.public.publish_urls"
    settings.TRUSTBOARD_SITE_URL = ""
    with pytest.raises(CommandError, match="TRUSTBOARD_SITE_URL"):
        call_command("publish", output=str(tmp_path / "site"), quiet=True)
    assert list(tmp_path.iterdir()) == []


def test_a_site_whose_home_page_the_public_cannot_read_is_refused(tmp_path, settings):
    settings.ROOT_URLCONF = publish_urls.members_only
    with pytest.raises(CommandError, match=r"The home page is not one the public can read "
                                           r"\(it answered 302, sending the reader to "
                                           r"/sign-in/\?next=/\)"):
        call_command("publish", output=str(tmp_path / "site"), base_url=BASE_URL, quiet=True)
    assert list(tmp_path.iterdir()) == []


def test_a_live_site_on_its_own_port_is_read_under_its_own_name(tmp_path, settings):
    settings.ROOT_URLCONF = "tests.public.publish_urls"
    site_publish(output=tmp_path / "site", base_url="http://trust.example.org:8080/")
    home = (tmp_path / "site" / "index.html").read_text()
    assert 'href="http://trust.example.org:8080/closed/"' in home
    assert 'href="about/index.html"' in home
