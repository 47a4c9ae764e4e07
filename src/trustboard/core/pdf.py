"""PDFs laid out from HTML safely, joined into one with one outline, and numbered "Page N
of M" on every page.

Every PDF Trustboard lays out goes through `html_to_pdf`, whose fetcher gives WeasyPrint
the app's own static files and inline `data:` images and nothing else: HTML that names a
`file://` or `http://` address (a body name an officer typed, a paper's title) can never
make a published document carry a file of the server's or reach another host.

A long document laid out in parts (each by its own process) is joined here page for page.
The parts cannot number their own pages, since none knows how many pages the others
have, so the numbers are stamped on the joined file. They are set in Helvetica, one of the
fourteen fonts every PDF reader carries, so nothing needs embedding; Liberation Sans, in
which Trustboard's documents are set, has the same widths, so the stamp matches the rest.
"""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import pikepdf
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

#: Helvetica's widths (thousandths of the type size) of the characters a page number uses,
#: from Adobe's font metrics for Helvetica.
_HELVETICA_WIDTHS = {**dict.fromkeys("0123456789", 556), " ": 278, "P": 667, "a": 556,
                     "g": 556, "e": 556, "o": 556, "f": 278}
_FONT_NAME = pikepdf.Name("/TbPageNumber")


@dataclass(frozen=True)
class PageNumbers:
    """Where page numbers go: the right end and the baseline, in points from the page's
    bottom-right corner, as the document's own footer sets them."""

    right: float
    baseline: float
    size: float = 8.0
    colour: tuple[float, float, float] = (0.043, 0.047, 0.047)  # #0b0c0c, GOV.UK's text


def _text_width(text: str, size: float) -> float:
    return sum(_HELVETICA_WIDTHS.get(character, 556) for character in text) * size / 1000


def _outline_tree(items, page_index: dict) -> list[tuple]:
    """An outline as (title, page index, left, top, children), free of the file's objects."""
    tree = []
    for item in items:
        destination = item.destination
        if destination is None and item.action is not None:
            destination = item.action.get("/D")
        if not isinstance(destination, pikepdf.Array) or len(destination) < 2:
            continue
        page = page_index.get(destination[0].objgen)
        if page is None:
            continue
        # /XYZ left top zoom; a missing or null place means the page's top left.
        place = [float(value) if isinstance(value, (int, float, Decimal)) else 0.0
                 for value in list(destination[2:4])]
        left, top = [*place, 0.0, 0.0][:2]
        tree.append((str(item.title), page, left, top,
                     _outline_tree(item.children, page_index)))
    return tree


def _outline_items(tree: list[tuple], offset: int) -> list[pikepdf.OutlineItem]:
    items = []
    for title, page, left, top, children in tree:
        item = pikepdf.OutlineItem(title, page + offset, pikepdf.PageLocation.XYZ,
                                   left=left, top=top)
        item.children.extend(_outline_items(children, offset))
        items.append(item)
    return items


def pdf_join(parts: list[bytes], *, continue_under: int = 0) -> pikepdf.Pdf:
    """The parts as one PDF: the first part's information and outline, each later part's
    pages after it and its outline entries placed under the last entry `continue_under`
    levels deep (a part continuing "Appendix 1" puts its headings under that entry)."""
    joined = pikepdf.open(io.BytesIO(parts[0]))
    for part in parts[1:]:
        offset = len(joined.pages)
        with pikepdf.open(io.BytesIO(part)) as source:
            page_index = {page.obj.objgen: index for index, page in enumerate(source.pages)}
            with source.open_outline() as outline:
                tree = _outline_tree(outline.root, page_index)
            # Links and their named destinations come too; the outline is placed below.
            joined.add_pages_from(source, outlines="ignore")
        with joined.open_outline() as outline:
            parent = outline.root
            for _level in range(continue_under):
                if not parent:
                    break
                parent = parent[-1].children
            parent.extend(_outline_items(tree, offset))
    return joined


def page_numbers_stamp(pdf: pikepdf.Pdf, where: PageNumbers) -> None:
    """Write "Page N of M" on every page, right-aligned at `where`."""
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding))
    total = len(pdf.pages)
    red, green, blue = where.colour
    for number, page in enumerate(pdf.pages, start=1):
        text = f"Page {number} of {total}"
        box = page.mediabox
        x = float(box[2]) - where.right - _text_width(text, where.size)
        y = float(box[1]) + where.baseline
        page.add_resource(font, pikepdf.Name.Font, name=_FONT_NAME)
        # The page's own drawing is closed in q ... Q first, so whatever state it leaves
        # (WeasyPrint turns the page upside down) cannot move the number.
        page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        page.contents_add(pdf.make_stream(
            f"Q q {red:.3f} {green:.3f} {blue:.3f} rg BT {_FONT_NAME} {where.size:g} Tf "
            f"{x:.2f} {y:.2f} Td ({text}) Tj ET Q\n".encode("ascii")))


def pdf_bytes(pdf: pikepdf.Pdf) -> bytes:
    output = io.BytesIO()
    pdf.save(output, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


#: The address documents are laid out at: `{% static %}` paths resolve under it and are
#: the only addresses besides `data:` that the fetcher serves.
DOCUMENT_BASE_URL = "https://trustboard.invalid/"


class RefusedAddress(ValueError):
    """An address a document may not fetch; WeasyPrint leaves the resource out."""


class StaticOnlyFetcher(URLFetcher):
    """Serve `data:` addresses and the app's static files; refuse every other address."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        static_prefix = urlsplit(DOCUMENT_BASE_URL + settings.STATIC_URL.lstrip("/")).path
        if (f"{parts.scheme}://{parts.netloc}/" == DOCUMENT_BASE_URL
                and parts.path.startswith(static_prefix)):
            relative = PurePosixPath(unquote(parts.path.removeprefix(static_prefix)))
            found = None if ".." in relative.parts else finders.find(str(relative))
            if found:
                with open(found, "rb") as file:
                    body = file.read()
                kind = mimetypes.guess_type(str(relative))[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": kind})
        raise RefusedAddress(f"Documents may only use the app's own static files: {url}")


def html_to_pdf(html: str) -> bytes:
    """Lay `html` out as PDF, fetching nothing but `data:` images and static files."""
    return HTML(string=html, base_url=DOCUMENT_BASE_URL,
                url_fetcher=StaticOnlyFetcher()).write_pdf()
