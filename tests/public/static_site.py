"""A published copy of the site served as a council would: Python's own http.server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

BASE_URL = "https://trust.example.org/"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve the folder on a free loopback port; yield its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "poster") and value:
                self.found.append(value)


def links_of(page: str) -> list[str]:
    parser = _Links()
    parser.feed(page)
    return parser.found


def crawl(address: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Every address on the served copy reachable from its home page: its status, and for
    each page the links it holds as written."""
    statuses: dict[str, int] = {}
    links: dict[str, list[str]] = {}
    waiting = [address + "index.html"]
    while waiting:
        url = waiting.pop()
        if url in statuses:
            continue
        try:
            with urlopen(url, timeout=10) as response:
                statuses[url] = response.status
                kind = response.headers.get_content_type()
                body = response.read()
        except HTTPError as error:
            statuses[url] = error.code
            continue
        if kind != "text/html":
            continue
        links[url] = links_of(body.decode("utf-8"))
        for link in links[url]:
            target = urldefrag(urljoin(url, link))[0]
            if urlsplit(target).netloc == urlsplit(address).netloc and target not in statuses:
                waiting.append(target)
    return statuses, links
