"""A static copy of the public site, for a council that hosts it on a plain web server.

The copy is what the public reads: the site is crawled from its home page (and its
`sitemap.xml` and `robots.txt` when they exist) as an anonymous reader, through Django's
test client in this process, following every link on this site in pages (href, src,
action), style sheets (url(), @import) and scripts (import). Each answer is written to a
file and every link to it is made relative, so the copy works from any folder of any web
server, or straight from the disk:

- a page `/a/b/` is written to `a/b/index.html`, a page `/a/b` to `a/b.html`; a file whose
  address ends in a known extension keeps its name; any other file takes its extension from
  its content type (and its name from its Content-Disposition when its address ends in /);
- a page with a query string (a filter, a year, a newsletter's dates) linked from another
  page is saved too, under its page's name with a short hash of the query
  (`meetings/index-q1a2b3c4d.html`): the copy holds the filters its pages link to;
- static files (style sheets, scripts, images) are copied from the static files finders;
- a link to anything the public cannot read (sent to sign in, forbidden, not found), to
  signing in or to the admin site leads to the live site's own address (`base_url`), where
  the reader can sign in;
- a form that searches (GET) is sent to the live site, which can answer any filter; a form
  that posts cannot work from static files, so it is replaced by a note linking to the
  page on the live site.

The copy is written into a temporary folder beside `output` and renamed into place at the
end, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import mimetypes
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from urllib.parse import quote, unquote, urldefrag, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from trustboard.core.errors import TrustboardError

# Far more addresses than the demo site has (about 300): a crawl past it is chasing links that
# keep making new addresses, and says so rather than filling the disk.
DEFAULT_MAX_PAGES = 20000
# The file an earlier publish leaves in its folder: `--force` replaces only such a folder.
MANIFEST = "trustboard-publish.json"
SEEDS = ("/", "/sitemap.xml", "/robots.txt")

_EXTENSIONS = {
    "text/html": ".html", "text/css": ".css", "text/javascript": ".js",
    "application/javascript": ".js", "text/calendar": ".ics", "text/csv": ".csv",
    "application/json": ".json", "application/ld+json": ".json",
    "application/csvm+json": ".json", "application/pdf": ".pdf", "image/svg+xml": ".svg",
    "image/png": ".png", "application/yaml": ".yaml", "text/yaml": ".yaml",
    "text/plain": ".txt", "application/xml": ".xml", "text/xml": ".xml",
    "application/rss+xml": ".xml", "application/atom+xml": ".xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
# Formats whose links are read and rewritten; every other file is copied as it came.
_HTML, _CSS, _SCRIPT = "text/html", "text/css", ("text/javascript", "application/javascript")
_MARKUP = (_HTML, "image/svg+xml")  # a chart or diagram may link to pages too
_LINK_ATTRIBUTES = re.compile(
    r"(?P<lead>\s)(?P<name>(?:xlink:)?href|src|action|poster)\s*=\s*"
    r"(?P<quote>[\"'])(?P<value>.*?)(?P=quote)", re.IGNORECASE | re.DOTALL)
_CSS_URL = re.compile(r"url\(\s*(?P<quote>[\"']?)(?P<value>[^\"')]+)(?P=quote)\s*\)"
                      r"|@import\s+(?P<quote2>[\"'])(?P<value2>[^\"']+)(?P=quote2)")
_SCRIPT_IMPORT = re.compile(
    r"(?P<lead>\bfrom\s*|\bimport\s*\(?\s*)(?P<quote>[\"'])(?P<value>(?:\.\.?/|/)[^\"']*)"
    r"(?P=quote)")
_SITEMAP_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class PublishError(TrustboardError):
    """The copy could not be written; nothing was left in the output folder."""


@dataclass(frozen=True)
class PublishResult:
    """What was written: where, how many pages and other files, and what stayed live."""

    output: Path
    pages: int
    files: int
    live_links: int
    forms_replaced: int


@dataclass
class _Answer:
    """One address as the public reads it."""

    url: str
    status: int
    kind: str = ""
    body: bytes = b""
    file: str | None = None  # where it is written, relative to the copy's root
    redirect: str | None = None  # the same-site address it sends the reader to
    live: str | None = None  # another site's address it sends the reader to
    tags: _Tags | None = None  # a page's tags, read once for its links and its rewriting
    written: bool = False  # copied to its file as it was read


@dataclass
class _Crawl:
    base_url: str
    root: Path
    max_pages: int
    progress: Callable[[int, int], None] | None
    answers: dict[str, _Answer] = field(default_factory=dict)
    referrers: dict[str, str] = field(default_factory=dict)
    waiting: list[str] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    forms_replaced: int = 0

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        self.host = parts.netloc
        self.hostname = parts.hostname or ""
        self.secure = parts.scheme == "https"
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.client = Client(HTTP_HOST=self.host, raise_request_exception=False)
        self.static_url = settings.STATIC_URL if settings.STATIC_URL.startswith("/") \
            else "/" + settings.STATIC_URL
        self.sign_in = resolve_url(settings.LOGIN_URL)
        try:
            self.admin = reverse("admin:index")
        except NoReverseMatch:
            self.admin = None

    # Reading the site.

    def run(self) -> None:
        for seed in SEEDS:
            self._queue(seed, referrer="")
        while self.waiting:
            url = self.waiting.pop(0)
            answer = self._fetch(url)
            if answer.status != 200 and url in SEEDS[1:]:
                continue  # a site without a sitemap or robots.txt has nothing to copy there
            self.answers[url] = answer
            if answer.redirect:
                self._queue(answer.redirect, referrer=url)
            for link in self._links(answer):
                self._queue(link, referrer=url)
            if self.progress:
                self.progress(len(self.answers), len(self.answers) + len(self.waiting))

    def _queue(self, url: str, *, referrer: str) -> None:
        if url in self.referrers or self._is_live_only(url):
            return
        if len(self.referrers) >= self.max_pages:
            raise PublishError(
                f"The site has more than {self.max_pages} addresses to copy (the last found, "
                f"{url}, is linked from {referrer or 'the start'}): links keep making new "
                "addresses, or the site has grown. Raise --max-pages if it has grown.")
        self.referrers[url] = referrer
        self.waiting.append(url)

    def _is_live_only(self, url: str) -> bool:
        """Signing in and the admin site are the live site's own: never copied."""
        path = url.partition("?")[0]
        return path == self.sign_in or bool(self.admin and path.startswith(self.admin))

    def _fetch(self, url: str) -> _Answer:
        path, _, query = url.partition("?")
        if path.startswith(self.static_url) and not query:
            return self._static(url, unquote(path[len(self.static_url):]))
        response = self.client.get(url, secure=self.secure)
        status = response.status_code
        if status >= 500:
            referrer = self.referrers.get(url) or "the start"
            raise PublishError(f"{url} (linked from {referrer}) answered with a server error "
                               f"({status}): put the page right, then publish again.")
        answer = _Answer(url=url, status=status,
                         kind=response.headers.get("Content-Type", "").split(";")[0].strip())
        if status in (301, 302, 303, 307, 308):
            target = self._same_site(urljoin(self.origin + url, response.headers["Location"]))
            if target is None:
                answer.live = response.headers["Location"]
            else:
                answer.redirect = target
            return answer
        if status != 200:
            return answer
        answer.file = self._file_for(url, answer.kind,
                                     response.headers.get("Content-Disposition", ""))
        chunks = response.streaming_content if response.streaming else [response.content]
        if _is_read(answer):
            answer.body = b"".join(chunks)
        else:
            # A download (a data file of a million rows, a pack) goes straight to its file.
            with self._destination(answer).open("wb") as file:
                for chunk in chunks:
                    file.write(chunk)
            answer.written = True
        return answer

    def _destination(self, answer: _Answer) -> Path:
        destination = self.root / answer.file
        destination.parent.mkdir(parents=True, exist_ok=True)
        return destination

    def _static(self, url: str, name: str) -> _Answer:
        found = finders.find(name) if ".." not in name.split("/") else None
        if found is None and settings.STATIC_ROOT:
            collected = Path(settings.STATIC_ROOT) / name
            found = str(collected) if collected.is_file() and ".." not in name else None
        if found is None:
            return _Answer(url=url, status=404)
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        answer = _Answer(url=url, status=200, kind=kind)
        answer.file = self._file_for(url, kind, "")
        if _is_read(answer):
            answer.body = Path(found).read_bytes()
        else:
            shutil.copyfile(found, self._destination(answer))
            answer.written = True
        return answer

    def _same_site(self, absolute: str) -> str | None:
        """The path and query of an address on this site, or None for any other."""
        absolute, _fragment = urldefrag(absolute)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return None
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def _links(self, answer: _Answer) -> list[str]:
        if answer.status != 200:
            return []
        text = _text(answer)
        if text is None:
            return []
        base = self.origin + answer.url
        if answer.kind in _MARKUP:
            answer.tags = _Tags(text)
            values = [value for _start, _end, value in _html_links(text, answer.tags)]
        elif answer.kind == _CSS:
            values = [match.group("value") or match.group("value2")
                      for match in _CSS_URL.finditer(text)]
        elif answer.kind in _SCRIPT:
            values = [match.group("value") for match in _SCRIPT_IMPORT.finditer(text)]
        elif answer.url.partition("?")[0].endswith(".xml") or answer.kind.endswith("xml"):
            values = _SITEMAP_LOC.findall(text)
        elif answer.url == "/robots.txt":
            values = _ROBOTS_SITEMAP.findall(text)
        else:
            return []
        found = (self._same_site(urljoin(base, value)) for value in values
                 if not value.startswith(("#", "data:", "mailto:", "tel:", "javascript:")))
        return [url for url in found if url is not None]

    # Naming the files.

    def _file_for(self, url: str, kind: str, disposition: str) -> str:
        """Where an address is written: see the module's docstring."""
        path, _, query = url.partition("?")
        segments = [unquote(segment) for segment in path.split("/")]
        if any(segment in ("..", ".") for segment in segments):
            raise PublishError(f"{url} is not an address the copy can hold.")
        folder, name = "/".join(segments[:-1]).strip("/"), segments[-1]
        extension = _EXTENSIONS.get(kind) or mimetypes.guess_extension(kind) or ".bin"
        if not name:
            folder = "/".join(segments).strip("/")
            name = "index.html" if kind == _HTML else (
                _disposition_name(disposition) or f"index{extension}")
        elif not _has_known_extension(name):
            name += extension
        if query:
            stem, dot, suffix = name.rpartition(".")
            digest = hashlib.sha256(query.encode()).hexdigest()[:8]
            name = f"{stem}-q{digest}.{suffix}" if dot else f"{name}-q{digest}"
        file = f"{folder}/{name}" if folder else name
        if self._clashes(file):
            stem, dot, suffix = file.rpartition(".")
            digest = hashlib.sha256(url.encode()).hexdigest()[:8]
            file = f"{stem}-{digest}.{suffix}" if dot else f"{file}-{digest}"
        self.taken.add(file)
        return file

    def _clashes(self, file: str) -> bool:
        """Whether the file is taken, or would be a folder of another file, or the reverse."""
        if file in self.taken:
            return True
        folders = {"/".join(file.split("/")[:end]) for end in range(1, file.count("/") + 1)}
        return bool(folders & self.taken) or any(
            taken.startswith(file + "/") for taken in self.taken)

    # Writing the copy.

    def target(self, url: str) -> tuple[str | None, str]:
        """The file an address is written to, or None and its address on the live site
        (its own, not where it sends the reader: the live site sends them to sign in)."""
        answer = self.answers.get(url)
        for _hop in range(10):
            if answer is None or not answer.redirect:
                break
            answer = self.answers.get(answer.redirect)
        if answer is not None and answer.file:
            return answer.file, ""
        if answer is not None and answer.live:
            return None, answer.live
        return None, self.base_url.rstrip("/") + url

    def link(self, value: str, *, page: _Answer) -> str:
        """A link as written in the copy: relative to the file, or to the live site."""
        if value.startswith(("#", "data:", "mailto:", "tel:", "javascript:")):
            return value
        absolute = urljoin(self.origin + page.url, value)
        url = self._same_site(absolute)
        if url is None:
            return value
        fragment = urldefrag(absolute)[1]
        file, live = self.target(url)
        if file is None:
            return live + (f"#{fragment}" if fragment else "")
        relative = posixpath.relpath(file, posixpath.dirname(page.file) or ".")
        return quote(relative) + (f"#{fragment}" if fragment else "")

    def write(self) -> None:
        """Write what was read into memory: the pages, style sheets and scripts, rewritten."""
        for answer in self.answers.values():
            if answer.file is None or answer.written:
                continue
            destination = self._destination(answer)
            text = _text(answer)
            if text is None or answer.kind not in (*_MARKUP, _CSS, *_SCRIPT):
                destination.write_bytes(answer.body)
            else:
                destination.write_text(self._rewritten(text, answer), encoding="utf-8")

    def _rewritten(self, text: str, answer: _Answer) -> str:
        if answer.kind in _MARKUP:
            return self._page(text, answer)
        if answer.kind == _CSS:
            return _CSS_URL.sub(lambda match: self._css_link(match, answer), text)
        return _SCRIPT_IMPORT.sub(
            lambda match: match.group("lead") + match.group("quote")
            + self.link(match.group("value"), page=answer) + match.group("quote"), text)

    def _css_link(self, match: re.Match, answer: _Answer) -> str:
        if match.group("value2"):
            return f'@import "{self.link(match.group("value2"), page=answer)}"'
        value = match.group("value")
        return match.group(0) if value.startswith("data:") else \
            f'url("{self.link(value, page=answer)}")'

    def _page(self, text: str, answer: _Answer) -> str:
        """The page with its links made relative and its posting forms replaced."""
        tags = answer.tags or _Tags(text)
        edits: list[tuple[int, int, str]] = []
        for start, end, method, _action in tags.forms:
            if method == "get":
                continue
            live = self.base_url.rstrip("/") + answer.url
            edits.append((start, end, render_to_string(
                "public/publish/form_note.html", {"live_url": live, "host": self.host})))
            self.forms_replaced += 1
        replaced = [(start, end) for start, end, _note in edits]
        for start, end, tag, _attributes in tags.starts:
            if any(low <= start < high for low, high in replaced):
                continue
            source = text[start:end]
            get_form = tag == "form"
            rewritten = _LINK_ATTRIBUTES.sub(
                lambda match, get_form=get_form: self._attribute(match, answer, get_form),
                source)
            if rewritten != source:
                edits.append((start, end, rewritten))
        for start, end, replacement in sorted(edits, reverse=True):
            text = text[:start] + replacement + text[end:]
        return text

    def _attribute(self, match: re.Match, answer: _Answer, get_form: bool) -> str:
        value = html.unescape(match.group("value"))
        if get_form and match.group("name").lower() == "action":
            # A search answers any words and filters: only the live site can.
            absolute = urljoin(self.origin + answer.url, value)
            url = self._same_site(absolute)
            written = value if url is None else self.base_url.rstrip("/") + url
        else:
            written = self.link(value, page=answer)
        quote_mark = match.group("quote")
        return (f"{match.group('lead')}{match.group('name')}={quote_mark}"
                f"{html.escape(written, quote=True)}{quote_mark}")

    def live_links(self) -> int:
        return sum(1 for url in self.answers if self.target(url)[0] is None)


_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>"
    r"|<(?P<tag>[a-zA-Z][\w:.-]*)(?P<attributes>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\""
    r"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>"
    r"|</(?P<end>[a-zA-Z][\w:.-]*)\s*>", re.DOTALL)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?")
_RAW_TEXT = ("script", "style")


class _Tags:
    """Where each start tag and each form is in a page, by offset in its text.

    A scan with regular expressions rather than html.parser: the benchmark pages' tables
    and charts made the parser the slowest part of publishing. Comments, declarations and
    the text of scripts and styles hold no tags."""

    def __init__(self, text: str):
        self.starts: list[tuple[int, int, str, dict[str, str]]] = []
        self.forms: list[tuple[int, int, str, str]] = []
        form: tuple[int, dict[str, str]] | None = None
        position = 0
        while (match := _TOKEN.search(text, position)) is not None:
            position = match.end()
            if match.group("end") is not None:
                if match.group("end").lower() == "form" and form is not None:
                    method = (form[1].get("method") or "get").lower()
                    self.forms.append((form[0], match.end(), method, form[1].get("action", "")))
                    form = None
                continue
            tag = (match.group("tag") or "").lower()
            if not tag:
                continue
            attributes = {}
            if tag == "form":
                attributes = {name.lower(): html.unescape(next(
                    (value for value in values if value), ""))
                    for name, *values in _ATTRIBUTE.findall(match.group("attributes"))}
                form = (match.start(), attributes)
            self.starts.append((match.start(), match.end(), tag, attributes))
            if tag in _RAW_TEXT:
                closing = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(text, position)
                position = closing.start() if closing else len(text)


def _html_links(text: str, tags: _Tags) -> list[tuple[int, int, str]]:
    """Every link a page's tags hold, forms' actions aside."""
    posting = [(start, end) for start, end, method, _action in tags.forms if method != "get"]
    found = []
    for start, end, tag, _attributes in tags.starts:
        if tag == "form" or any(low <= start < high for low, high in posting):
            continue
        for match in _LINK_ATTRIBUTES.finditer(text, start, end):
            found.append((match.start(), match.end(), html.unescape(match.group("value"))))
    return found


def _is_read(answer: _Answer) -> bool:
    """Whether the file's links are read (and rewritten): pages, style sheets, scripts,
    the sitemap and robots.txt."""
    return (answer.kind in (_HTML, _CSS, *_SCRIPT) or answer.kind.endswith("xml")
            or answer.url == "/robots.txt")


def _text(answer: _Answer) -> str | None:
    if not (answer.kind.startswith("text/") or answer.kind in _SCRIPT
            or answer.kind.endswith(("xml", "json"))):
        return None
    try:
        return answer.body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _has_known_extension(name: str) -> bool:
    suffix = posixpath.splitext(name)[1].lower()
    return bool(suffix) and (suffix in _EXTENSIONS.values()
                             or mimetypes.guess_type(name)[0] is not None)


def _disposition_name(disposition: str) -> str | None:
    if not disposition:
        return None
    message = Message()
    message["Content-Disposition"] = disposition
    name = message.get_filename()
    return posixpath.basename(name) if name and posixpath.basename(name) not in ("", ".", "..") \
        else None


def _check_output(output: Path, *, force: bool) -> None:
    if output.exists() and not output.is_dir():
        raise PublishError(f"--output {output} is a file: give a folder.")
    if output.is_dir() and any(output.iterdir()):
        if not force:
            raise PublishError(f"--output {output} is not empty: give an empty or new folder, "
                               "or --force to replace an earlier copy.")
        if not (output / MANIFEST).is_file():
            raise PublishError(f"--output {output} is not empty and holds no {MANIFEST}, so "
                               "it is not an earlier copy: --force replaces only an earlier "
                               "copy. Give an empty or new folder.")
    if not output.parent.is_dir():
        raise PublishError(f"--output {output}: its folder {output.parent} does not exist.")


def _check_base_url(base_url: str) -> str:
    parts = urlsplit(base_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise PublishError(
            f"--base-url {base_url!r} is not the live site's address: give it as "
            "https://host/ (or set TRUSTBOARD_SITE_URL); links to pages the public cannot "
            "read, and to signing in, lead there.")
    if parts.path not in ("", "/"):
        raise PublishError(f"--base-url {base_url!r}: Trustboard is served from the root of "
                           "its site; give the address without a path.")
    return f"{parts.scheme}://{parts.netloc}/"


def site_publish(*, output: Path, base_url: str | None = None, force: bool = False,
                 max_pages: int = DEFAULT_MAX_PAGES,
                 progress: Callable[[int, int], None] | None = None) -> PublishResult:
    """Write the public site to `output` as static files with relative links."""
    base_url = _check_base_url(base_url or settings.TRUSTBOARD_SITE_URL)
    output = Path(output).resolve()
    _check_output(output, force=force)
    temporary = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    crawl = _Crawl(base_url=base_url, root=temporary, max_pages=max_pages, progress=progress)
    try:
        # The reader's requests name the live site's host, so addresses a page builds
        # (calendar feeds, the sitemap) are the live site's.
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, crawl.hostname]), \
                _quiet_refusals():
            crawl.run()
        home, _live = crawl.target("/")
        if home is None:
            answer = crawl.answers["/"]
            sent_to = answer.redirect or answer.live
            raise PublishError(
                f"The home page is not one the public can read (it answered {answer.status}"
                f"{', sending the reader to ' + sent_to if sent_to else ''}): nothing to "
                "publish. Check --base-url (https where the site asks for it) and that the "
                "site's home page is public.")
        crawl.write()
        written = [answer for answer in crawl.answers.values() if answer.file]
        pages = sum(answer.kind == _HTML for answer in written)
        result = PublishResult(output=output, pages=pages, files=len(written) - pages,
                               live_links=crawl.live_links(),
                               forms_replaced=crawl.forms_replaced)
        (temporary / MANIFEST).write_text(json.dumps({
            "published_at": timezone.now().isoformat(timespec="seconds"),
            "base_url": base_url, "pages": result.pages, "files": result.files,
        }, indent=2) + "\n", encoding="utf-8")
        temporary.chmod(0o755)
        _replace(output, temporary)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return result


@contextmanager
def _quiet_refusals():
    """A page the public may not read is expected here: no warning for each refusal."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _replace(output: Path, temporary: Path) -> None:
    """Put the new copy in place of the folder (empty, or an earlier copy)."""
    if not output.exists():
        temporary.rename(output)
        return
    earlier = output.with_name(f".{output.name}-earlier-{temporary.name}")
    output.rename(earlier)
    temporary.rename(output)
    shutil.rmtree(earlier, ignore_errors=True)
