"""PDFs laid out from HTML safely and tagged, joined into one with one outline and one
structure, and numbered "Page N of M" on every page.

Published documents must be accessible (Public Sector Bodies Accessibility Regulations
2018), so `html_to_pdf` writes PDF/UA: a tagged PDF whose structure tree gives headings,
lists, tables with their header cells, and figures with their alternative text, in the
document's language and showing its title. Joining keeps every part's structure, in page
order, under one Document element; page numbers are stamped as pagination artifacts, which
assistive technology skips.

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


def _number_tree(node) -> list[tuple[int, object]]:
    """The (key, value) pairs of a PDF number tree, in key order."""
    if not isinstance(node, pikepdf.Dictionary):
        return []
    pairs = []
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        pairs.extend((int(nums[index]), nums[index + 1]) for index in range(0, len(nums) - 1, 2))
    for kid in node.get("/Kids", ()):
        pairs.extend(_number_tree(kid))
    return sorted(pairs, key=lambda pair: pair[0])


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _document_element(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    """The Document element at the top of `pdf`'s structure, made if it has none."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        root = pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array(),
            ParentTree=pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array()))))
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    kids = _kids(root)
    if len(kids) == 1 and kids[0].get("/S") == pikepdf.Name.Document:
        return kids[0]
    document = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root, K=pikepdf.Array(kids)))
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary):
            kid.P = document
    root.K = pikepdf.Array([document])
    return document


def _copy(joined: pikepdf.Pdf, source: pikepdf.Pdf, obj):
    """`obj` of `source` as an object of `joined` (copy_foreign takes indirect objects only)."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return joined.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(joined, source, item) for item in obj])
    if isinstance(obj, pikepdf.Dictionary):
        return joined.copy_foreign(source.make_indirect(obj))
    return obj


def structure_append(joined: pikepdf.Pdf, source: pikepdf.Pdf, *, first_page: int) -> None:
    """Carry `source`'s structure into `joined`, whose pages from `first_page` on are
    `source`'s pages, already copied: its elements go at the end of joined's Document, and
    its parent tree's keys move past joined's so each page still finds its elements."""
    source_root = source.Root.get("/StructTreeRoot")
    if source_root is None:
        return  # an untagged paper: its pages come as they are
    document = _document_element(joined)
    root = joined.Root.StructTreeRoot
    entries = _number_tree(root.get("/ParentTree"))
    shift = int(root.get("/ParentTreeNextKey", entries[-1][0] + 1 if entries else 0))
    source_entries = _number_tree(source_root.get("/ParentTree"))
    # The elements are cut from their old root before copying, so the copy brings only
    # them; their page references (/Pg) lead to the pages copied already.
    top = _kids(source_root)
    if len(top) == 1 and top[0].get("/S") == pikepdf.Name.Document:
        top = _kids(top[0])
    top = [kid for kid in top if isinstance(kid, pikepdf.Dictionary)]
    for kid in top:
        if "/P" in kid:
            del kid["/P"]
    copied = [_copy(joined, source, kid) for kid in top]
    for kid in copied:
        kid.P = document
    document.K = pikepdf.Array([*_kids(document), *copied])
    nums = [item for key, value in entries for item in (key, value)]
    for key, value in source_entries:
        nums.extend((key + shift, _copy(joined, source, value)))
    root.ParentTree = joined.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
    root.ParentTreeNextKey = shift + (source_entries[-1][0] + 1 if source_entries else 0)
    for page in joined.pages[first_page:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + shift
        for annotation in page.obj.get("/Annots", ()):
            if isinstance(annotation, pikepdf.Dictionary) and "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + shift
    role_map = source_root.get("/RoleMap")
    if isinstance(role_map, pikepdf.Dictionary):
        target = root.get("/RoleMap") or pikepdf.Dictionary()
        for name in role_map:
            if name not in target:
                target[name] = role_map[name]
        root.RoleMap = target


def pdf_join(parts: list[bytes], *, continue_under: int = 0) -> pikepdf.Pdf:
    """The parts as one PDF: the first part's information and outline, each later part's
    pages after it and its outline entries placed under the last entry `continue_under`
    levels deep (a part continuing "Appendix 1" puts its headings under that entry), and
    each part's structure after the one before."""
    joined = pikepdf.open(io.BytesIO(parts[0]))
    for part in parts[1:]:
        offset = len(joined.pages)
        with pikepdf.open(io.BytesIO(part)) as source:
            page_index = {page.obj.objgen: index for index, page in enumerate(source.pages)}
            with source.open_outline() as outline:
                tree = _outline_tree(outline.root, page_index)
            # Links and their named destinations come too; the outline is placed below.
            joined.add_pages_from(source, outlines="ignore")
            structure_append(joined, source, first_page=offset)
        with joined.open_outline() as outline:
            parent = outline.root
            for _level in range(continue_under):
                if not parent:
                    break
                parent = parent[-1].children
            parent.extend(_outline_items(tree, offset))
    return joined


#: Page numbers are pagination artifacts: shown, but not part of the document's text.
_ARTIFACT = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"


def page_numbers_stamp(pdf: pikepdf.Pdf, where: PageNumbers) -> None:
    """Write "Page N of M" on every page, right-aligned at `where`, as an artifact."""
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
            b"Q " + _ARTIFACT
            + f"q {red:.3f} {green:.3f} {blue:.3f} rg BT {_FONT_NAME} {where.size:g} Tf "
              f"{x:.2f} {y:.2f} Td ({text}) Tj ET Q EMC\n".encode("ascii")))


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


def html_to_pdf(html: str, *, tagged: bool = True) -> bytes:
    """Lay `html` out as PDF, fetching nothing but `data:` images and static files.

    Tagged (PDF/UA) unless `tagged` is false, for an overlay that is not a document."""
    return HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher(),
                ).write_pdf(pdf_variant="pdf/ua-1" if tagged else None)
