"""Nothing exempt reaches the public, on any page or in any file, as the demo stands.

The public's view is crawled from the home page and the public index pages by following
every link on the site, and every public channel that is not a link is read as well:
calendar feeds, the newsletter, agenda packs, papers, reports in each format, structure
files and diagrams. The text of each (HTML, iCalendar, PDF, Word) is searched for the demo's
exempt items: their titles, their papers' titles and every sentence of those papers, and the
decisions and actions recorded under them. A new public page is covered as soon as a link
leads to it; a new channel no link leads to is added to `_channels`.
"""

import datetime
import html
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from trustboard.api.fingertips.selectors import indicators_by_id
from trustboard.commissioning.models import BudgetYear, Service
from trustboard.governance.models import Body, Scenario
from trustboard.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    Meeting,
    MinutesSection,
    PackVersion,
    Paper,
)
from trustboard.plans.models import Plan
from trustboard.public.open_data import DATASETS
from trustboard.reports.models import FORMATS, Report, ReportStatus
from trustboard.reports.services import report_draft_create, report_issue

pytestmark = pytest.mark.django_db

# The crawl follows every link on the site and reads each page and file: which pages link
# where, and what they show the public, is the views' and templates' work over the same
# demo rows on either database. It runs on SQLite's pass; on PostgreSQL the tests below
# without this mark still read the exempt items' pages, packs and papers as the public,
# the analyst and a member (docs/testing.md).
CRAWL_ON_SQLITE_ONLY = pytest.mark.sqlite_only(
    reason="the crawl follows links and reads pages the views build the same way on any "
           "database; the module's other tests read the exempt items on PostgreSQL too")

# The demo's two exempt items (Schedule 12A, paragraph 3), in src/trustboard/demo/meetings_demo.py.
EXEMPT_TITLES = ["Award of the young carers support contract",
                 "Residential placement costs: named provider negotiations"]
# Its one exempt paper: its title and sentences.
EXEMPT_PAPER = ["Young carers support contract: tender evaluation",
                "Exempt: Local Government Act 1972, Schedule 12A, paragraph 3.",
                "Illustrative paper: no real tender."]
# The young carers support contract's illustrative value, awarded in the first exempt item
# (src/trustboard/demo/commissioning_demo.py), in every way a page might write it.
EXEMPT_CONTRACT_VALUES = ["236,500", "236500"]
DEMO_YEAR = {"from": "2012-04-01", "to": "2013-03-31"}
# More URLs than the site has pages: a crawl past it is chasing links that make new URLs.
CRAWL_LIMIT = 4000


def _plain(text: str) -> str:
    """Text as a reader sees it: entities decoded, any run of spaces and lines one space."""
    return " ".join(html.unescape(text).split()).casefold()


def _sentences(text: str) -> list[str]:
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
            if len(sentence.split()) >= 3]


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() for page in reader.pages]

    def titles(outline):
        for entry in outline:
            yield from titles(entry) if isinstance(entry, list) else [entry.title]

    parts += titles(reader.outline)
    parts += [str(value) for value in (reader.metadata or {}).values()]
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
        parts += [paragraph.text for paragraph in section.footer.paragraphs]
    parts += [document.core_properties.title or "", document.core_properties.subject or ""]
    return "\n".join(parts)


def _ics_text(data: bytes) -> str:
    """The feed's text with its folded lines joined and its escapes undone (RFC 5545)."""
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return (text.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
            .replace("\\;", ";").replace("\\\\", "\\"))


def _body_of(response) -> bytes:
    if hasattr(response, "streaming_content"):
        # Read to the end, the test client then closes the file (without closing the
        # database connection, as response.close() would in the module's transaction).
        return b"".join(response.streaming_content)
    return response.content


def _text_of(response) -> str:
    """What a reader of the response sees, whatever its format."""
    data = _body_of(response)
    kind = response.headers.get("Content-Type", "").split(";")[0].strip()
    if kind == "application/pdf":
        return _pdf_text(data)
    if kind == FORMATS["docx"]:
        return _docx_text(data)
    if kind == "text/calendar":
        return _ics_text(data)
    if kind == "application/json":
        # As a program reads it: "\u2019" is the apostrophe a title would hold.
        return json.dumps(json.loads(data), ensure_ascii=False)
    return data.decode("utf-8", errors="replace")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("a", "link", "area") and attributes.get("href"):
            self.found.append(attributes["href"])
        if tag == "form" and (attributes.get("method") or "get").lower() == "get":
            self.found.append(attributes.get("action") or "")


@dataclass
class Crawl:
    """Each URL the public read, with its status, content type and text."""

    texts: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def read(self, client: Client, url: str) -> list[str]:
        """Read one URL; return the same-site links it holds."""
        response = client.get(url)
        self.statuses[url] = response.status_code
        self.kinds[url] = response.headers.get("Content-Type", "").split(";")[0]
        if response.status_code in (301, 302, 303, 307, 308):
            return [urljoin(url, response.headers["Location"])]
        self.texts[url] = _text_of(response)
        if self.kinds[url] == "application/xml":
            # The sitemap: every page it lists is crawled as if a link led to it.
            return re.findall(r"<loc>([^<]+)</loc>", self.texts[url])
        if self.kinds[url] != "text/html":
            return []
        parser = _Links()
        parser.feed(self.texts[url])
        return [urljoin(url, href) for href in parser.found]


def _same_site(url: str) -> str | None:
    """The path and query of a link on this site, or None for another site or a page anchor."""
    url, _fragment = urldefrag(url)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(("/static/", "/admin/")):
        return None
    if parts.path == reverse("core:login"):
        return parts.path  # one sign-in page, whichever page sent the reader there
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _channels() -> list[str]:
    """Everything the public can fetch that no link needs to lead to."""
    urls = [reverse("core:home"), reverse("governance:scenario-list"),
            reverse("governance:organisation-list"), reverse("governance:person-list"),
            reverse("plans:plan-list"), reverse("performance:indicator-list"),
            reverse("meetings:meeting-list"), reverse("meetings:coverage"),
            reverse("meetings:attendance-report"), reverse("meetings:action-log"),
            reverse("meetings:register"), reverse("reports:report-list"),
            reverse("meetings:calendar"), reverse("public:accessibility"),
            reverse("public:sitemap"), reverse("public:robots"), reverse("public:outcomes"),
            reverse("public:benchmarks")]
    newsletter = reverse("meetings:newsletter")
    urls += [f"{newsletter}?from={DEMO_YEAR['from']}&to={DEMO_YEAR['to']}",
             f"{newsletter}?from={DEMO_YEAR['from']}&to={DEMO_YEAR['to']}&format=email"]
    urls += [reverse("meetings:body-calendar", args=[pk])
             for pk in Body.objects.values_list("pk", flat=True)]
    urls += [meeting.get_absolute_url() for meeting in Meeting.objects.all()]
    urls += [reverse("meetings:minutes-detail", args=[pk])
             for pk in Meeting.objects.filter(minutes__isnull=False).values_list("pk", flat=True)]
    urls += [reverse("meetings:pack-download", args=[version.meeting_id, version.number])
             for version in PackVersion.objects.all()]
    urls += [paper.get_absolute_url() for paper in Paper.objects.filter(item__is_exempt=False)]
    for slug in Scenario.objects.values_list("slug", flat=True):
        urls += [reverse(name, args=[slug]) for name in (
            "governance:scenario-detail", "governance:scenario-checks",
            "governance:scenario-diagram", "governance:scenario-file")]
    # The strategies register names the decision that approved each strategy.
    urls += [reverse("risks:strategy-list", args=[slug])
             for slug in Plan.objects.values_list("slug", flat=True)]
    urls += [reverse("commissioning:service-list"), reverse("commissioning:topic-list"),
             reverse("commissioning:decision-list")]
    urls += [service.get_absolute_url() for service in Service.objects.all()]
    urls += [f"{reverse('commissioning:budget')}?year={year}"
             for year in BudgetYear.objects.values_list("year", flat=True).distinct()]
    # The golden thread in the exempt items' year; its priority pages are reached by links.
    for plan in Plan.objects.values_list("slug", flat=True):
        urls += [f"{reverse('thread:plan-thread', args=[plan])}?as_at={as_at}"
                 for as_at in ("2012-09-30", "2013-03-31")]
    # The API (/api/v1/), as a program without a token reads it.
    urls += [reverse("api:docs"), reverse("api:v1:openapi-json")]
    urls += [f"{reverse(f'api:v1:{name}-list')}?limit=500"
             for name in ("indicator", "area", "body", "plan", "meeting")]
    urls += [reverse("api:v1:meeting-detail", args=[pk])
             for pk in Meeting.objects.values_list("pk", flat=True)]
    urls += [reverse("api:v1:body-detail", args=[pk]) for pk in Body.objects.filter(
        scenario__is_current=True).values_list("pk", flat=True)]
    urls += [reverse("api:v1:plan-detail", args=[slug])
             for slug in Plan.objects.values_list("slug", flat=True)]
    # The open data catalogue links every download and its dictionary.
    urls.append(reverse("public:open-data"))
    for report in Report.objects.filter(status=ReportStatus.ISSUED):
        urls.append(report.get_absolute_url())
        urls += [reverse("reports:report-download", args=[report.pk, format])
                 for format in FORMATS]
    # The national profiles' API (Fingertips): its lists, and every indicator's data.
    urls += [reverse(f"fingertips:{name}") for name in (
        "profiles", "indicator-metadata-all", "indicator-metadata-csv-all", "value-notes",
        "available-data")]
    urls += [f"{reverse('fingertips:all-data-by-indicator')}?indicator_ids={number}"
             f"&child_area_type_id={area_type}"
             for number in indicators_by_id() for area_type in (502, 501)]
    return urls


@pytest.fixture
def _uploads_in_a_temporary_folder(settings, demo_world):
    """The demo's papers, packs and reports were stored once, for the whole module."""
    settings.MEDIA_ROOT = demo_world.media


def _reports_of_the_exempt_items_year(by) -> None:
    """Issue the reports whose periods hold the exempt items' meetings (July and November
    2012): the six-monthly report as at 30 September 2012 and the annual report of 2012-13.
    The demo's own issued report is as at 31 March 2012, before either."""
    plan = Plan.objects.get(slug="cypf-2011-14")
    for kind, as_at in (("performance", datetime.date(2012, 9, 30)),
                        ("annual", datetime.date(2013, 3, 31))):
        report = report_draft_create(by=by, files=False, kind=kind, plan=plan, as_at=as_at,
                                     committee="Children and Young People's Committee")
        report_issue(report=report, by=by, files=False)


@pytest.fixture(scope="module")
def public_crawl(demo_world, django_db_blocker) -> Crawl:
    crawl = Crawl()
    client = Client()
    with django_db_blocker.unblock():
        _reports_of_the_exempt_items_year(demo_world.users["officer"])
        waiting = list(dict.fromkeys(_channels()))
        seen = set(waiting)
        while waiting:
            url = waiting.pop(0)
            for link in crawl.read(client, url):
                target = _same_site(link)
                if target is not None and target not in seen:
                    seen.add(target)
                    waiting.append(target)
            assert len(seen) < CRAWL_LIMIT, "The crawl has no end: links keep making new URLs."
    return crawl


def exempt_secrets() -> list[str]:
    """The exempt items' titles, their papers' titles and sentences, decisions, actions and
    declarations of interest (also read by tests/public/test_publish.py)."""
    exempt = AgendaItem.objects.filter(is_exempt=True)
    assert sorted(exempt.values_list("title", flat=True)) == sorted(EXEMPT_TITLES)
    found = [*exempt.values_list("title", flat=True),
             *Decision.objects.filter(item__in=exempt).values_list("text", flat=True),
             *Action.objects.filter(item__in=exempt).values_list("text", flat=True),
             *Declaration.objects.filter(item__in=exempt).values_list("interest", flat=True)]
    for paper in Paper.objects.filter(item__in=exempt):
        found.append(paper.title)
        with paper.file.open("rb") as stored:
            text = " ".join(page.extract_text() for page in PdfReader(stored).pages)
        text = " ".join(text.split()).removeprefix(paper.title)
        found += _sentences(text)
    return found


@pytest.fixture(scope="module")
def secrets(demo_world, django_db_blocker) -> list[str]:
    with django_db_blocker.unblock():
        return exempt_secrets()


@CRAWL_ON_SQLITE_ONLY
def test_the_crawl_read_every_kind_of_public_channel(public_crawl):
    kinds = set(public_crawl.kinds.values())
    assert {"text/html", "text/calendar", "application/pdf", FORMATS["docx"],
            "image/svg+xml", "application/yaml", "application/json", "text/csv",
            "application/csvm+json"} <= kinds
    assert sum(kind == "text/html" for kind in public_crawl.kinds.values()) > 100


@CRAWL_ON_SQLITE_ONLY
def test_every_link_the_public_follows_leads_to_a_page(public_crawl):
    broken = {url: status for url, status in public_crawl.statuses.items() if status >= 400}
    assert not broken


@CRAWL_ON_SQLITE_ONLY
def test_the_crawl_read_the_reports_of_the_exempt_items_year_in_every_format(public_crawl):
    issued = Report.objects.exclude(kind="review").filter(
        status=ReportStatus.ISSUED, as_at__gte=datetime.date(2012, 9, 30))
    assert issued.count() == 2
    for report in issued:
        for format in FORMATS:
            url = reverse("reports:report-download", args=[report.pk, format])
            assert public_crawl.statuses[url] == 200


def test_secrets_are_the_titles_and_the_sentences_of_the_exempt_paper(secrets):
    assert {*EXEMPT_TITLES, *EXEMPT_PAPER} <= set(secrets)


def test_the_search_finds_the_secrets_in_the_members_full_pack(demo_world, secrets):
    """The check that follows would see a leak: the same reading of the full pack, which
    the Executive's members get, finds every title and sentence of the exempt paper."""
    client = Client()
    client.force_login(demo_world.users["member"])
    version = PackVersion.objects.get(meeting__starts_at__date=datetime.date(2012, 7, 12),
                                      number=1)
    text = _plain(_text_of(client.get(reverse("meetings:pack-download-full",
                                              args=[version.meeting_id, 1]))))
    found = {secret for secret in secrets if _plain(secret) in text}
    assert {EXEMPT_TITLES[0], *EXEMPT_PAPER} <= found


@CRAWL_ON_SQLITE_ONLY
@pytest.mark.parametrize("title", EXEMPT_TITLES)
def test_no_public_page_or_file_names_an_exempt_item(public_crawl, title):
    leaks = [url for url, text in public_crawl.texts.items() if _plain(title) in _plain(text)]
    assert not leaks, f"{title!r} is shown to the public at {', '.join(leaks)}"


@CRAWL_ON_SQLITE_ONLY
def test_no_public_page_or_file_quotes_an_exempt_paper_decision_or_action(public_crawl,
                                                                         secrets):
    leaks = [f"{secret!r} at {url}" for url, text in public_crawl.texts.items()
             for secret in secrets if _plain(secret) in _plain(text)]
    assert not leaks, "Shown to the public: " + "; ".join(leaks)


def _refused(response) -> bool:
    """Not found, forbidden, or sent to sign in: nothing of the record comes back."""
    sent_to_sign_in = (response.status_code == 302 and response.headers["Location"]
                       .startswith(reverse("core:login")))
    return response.status_code in (403, 404) or sent_to_sign_in


@CRAWL_ON_SQLITE_ONLY
def test_every_exempt_paper_is_not_found_by_the_public(public_crawl, client):
    papers = Paper.objects.filter(item__is_exempt=True)
    assert papers.exists()
    for paper in papers:
        assert client.get(paper.get_absolute_url()).status_code == 404
        assert paper.get_absolute_url() not in public_crawl.statuses


def test_every_url_of_an_exempt_item_refuses_the_public(client):
    exempt = AgendaItem.objects.filter(is_exempt=True)
    urls = [reverse(name, args=[item.pk]) for item in exempt
            for name in ("meetings:item-edit", "meetings:item-delete")]
    urls += [reverse("meetings:minutes-section-edit", args=[pk]) for pk in
             MinutesSection.objects.filter(item__in=exempt).values_list("pk", flat=True)]
    urls += [reverse("meetings:pack-download-full", args=[version.meeting_id, version.number])
             for version in PackVersion.objects.all()]
    urls += [reverse("meetings:action-complete", args=[pk]) for pk in
             Action.objects.filter(item__in=exempt).values_list("pk", flat=True)]
    assert len(urls) > len(exempt) * 2
    for method in (client.get, client.post):
        refused = {url: _refused(method(url)) for url in urls}
        assert all(refused.values()), [url for url, ok in refused.items() if not ok]


def test_a_reader_signed_in_but_on_no_body_sees_no_exempt_item(demo_world, client, secrets):
    """The analyst has an account but sits on no body: the exempt items are not theirs."""
    client.force_login(demo_world.users["analyst"])
    urls = [meeting.get_absolute_url() for meeting in Meeting.objects.all()]
    urls += [reverse("meetings:minutes-detail", args=[pk])
             for pk in Meeting.objects.filter(minutes__isnull=False).values_list("pk", flat=True)]
    urls += [reverse("meetings:coverage"), reverse("meetings:attendance-report"),
             reverse("meetings:action-log"), reverse("meetings:register"),
             reverse("meetings:newsletter") + f"?from={DEMO_YEAR['from']}&to={DEMO_YEAR['to']}"]
    texts = {url: _plain(_text_of(client.get(url))) for url in urls}
    leaks = [f"{secret!r} at {url}" for url, text in texts.items() for secret in secrets
             if _plain(secret) in text]
    assert not leaks, "Shown to the analyst: " + "; ".join(leaks)


@CRAWL_ON_SQLITE_ONLY
def test_the_crawl_read_every_commissioned_service(public_crawl):
    for service in Service.objects.all():
        assert public_crawl.statuses[service.get_absolute_url()] == 200


@CRAWL_ON_SQLITE_ONLY
@pytest.mark.parametrize("value", EXEMPT_CONTRACT_VALUES)
def test_no_public_page_or_file_shows_the_contract_value_decided_in_an_exempt_item(
        public_crawl, value):
    leaks = [url for url, text in public_crawl.texts.items() if value in text]
    assert not leaks, f"The exempt contract value {value} is shown to the public at " \
                      f"{', '.join(leaks)}"


@CRAWL_ON_SQLITE_ONLY
def test_the_crawl_read_every_open_data_download_and_its_dictionary(public_crawl):
    for dataset in DATASETS:
        for name in ("public:open-data-csv", "public:open-data-dictionary"):
            assert public_crawl.statuses[reverse(name, args=[dataset.slug])] == 200


def test_no_open_data_download_holds_an_exempt_item_paper_or_contract_value(client, secrets):
    """The downloads are queries of their own (the crawl above reads them on SQLite): on
    both databases each answers the public and quotes nothing exempt."""
    leaks = []
    for dataset in DATASETS:
        for name in ("public:open-data-csv", "public:open-data-dictionary"):
            url = reverse(name, args=[dataset.slug])
            response = client.get(url)
            assert response.status_code == 200, url
            text = _text_of(response)
            leaks += [f"{secret!r} at {url}" for secret in [*secrets, *EXEMPT_CONTRACT_VALUES]
                      if _plain(secret) in _plain(text)]
    assert not leaks, "Shown to the public: " + "; ".join(leaks)


def test_an_officer_sees_the_contract_value_the_public_does_not(demo_world):
    """The check above would see the value: the same page shows it to an officer."""
    client = Client()
    client.force_login(demo_world.users["officer"])
    page = client.get(Service.objects.get(slug="young-carers-support").get_absolute_url())
    assert "£236,500" in page.content.decode()
