"""The agenda pack: one PDF of the agenda followed by its items' PDF papers.

The agenda is rendered with WeasyPrint and gives each paper's page; those references are
computed from the papers' page counts and the agenda's own length, re-rendering until the
agenda's length settles. Every page is then stamped "Page N of T" from a WeasyPrint overlay,
so the numbers printed on the pages are the ones the agenda cites, and the outline has a
bookmark per item (and per paper under it). A Word paper's pages are those of the PDF it
was laid out as when uploaded (`meetings.papers`).
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pikepdf
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from trustboard.core.pdf import html_to_pdf, pdf_bytes, structure_append
from trustboard.meetings.models import AgendaItem, Meeting, Paper

# A4 in PDF points: the overlay's page, centred on papers of another size.
_A4 = (595.28, 841.89)

# The stages pack_build reports: laying out the agenda, adding the papers, numbering the pages.
PACK_BUILD_STEPS = 3

#: The page stamp is a pagination artifact: shown, but not read as the document's text.
_ARTIFACT = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"


@dataclass
class PackPaper:
    paper: Paper
    pdf: pikepdf.Pdf | None = None  # the paper's PDF (a Word paper's rendition), opened
    page: int | None = None  # first page in the pack, counting from 1

    @property
    def pages(self) -> int:
        return len(self.pdf.pages) if self.pdf is not None else 0


@dataclass
class PackItem:
    item: AgendaItem
    papers: list[PackPaper] = field(default_factory=list)


@dataclass(frozen=True)
class BuiltPack:
    pdf: bytes
    pages: int


def _agenda_pdf(meeting: Meeting, items: list[PackItem], *, is_full: bool,
                version: int) -> bytes:
    html = render_to_string("meetings/pack_agenda.html", {
        "meeting": meeting, "items": items, "is_full": is_full, "version": version,
        "partnership_name": getattr(settings, "TRUSTBOARD_PARTNERSHIP_NAME", ""),
    })
    return html_to_pdf(html)


def _number_papers(items: list[PackItem], agenda_pages: int) -> None:
    page = agenda_pages + 1
    for entry in items:
        for paper in entry.papers:
            if paper.pdf is not None:
                paper.page = page
                page += paper.pages


def _page_stamps(total: int, label: str) -> pikepdf.Pdf:
    """An A4 document of `total` blank pages, each with its number at the foot."""
    html = render_to_string("meetings/pack_stamps.html", {
        "label": label, "total": total, "pages": range(total)})
    return pikepdf.open(io.BytesIO(html_to_pdf(html, tagged=False)))


def _stamp(pack: pikepdf.Pdf, stamps: pikepdf.Pdf) -> None:
    """Draw each stamp page over the pack's page, centred, after the page's own drawing."""
    for page, stamp in zip(pack.pages, stamps.pages, strict=True):
        overlay = pack.copy_foreign(stamp.as_form_xobject())
        name = page.add_resource(overlay, pikepdf.Name.XObject, prefix="TbStamp")
        box = page.mediabox
        left = float(box[0]) + (float(box[2]) - float(box[0]) - _A4[0]) / 2
        page.contents_add(pack.make_stream(b"q\n"), prepend=True)
        page.contents_add(pack.make_stream(
            f"Q {_ARTIFACT} q 1 0 0 1 {left:.2f} {float(box[1]):.2f} cm {name} Do Q EMC\n"
            .encode("ascii")))


def _outline(pack: pikepdf.Pdf, items: list[PackItem]) -> None:
    with pack.open_outline() as outline:
        outline.root.clear()
        outline.root.append(pikepdf.OutlineItem("Agenda", 0))
        for entry in items:
            pdfs = [paper for paper in entry.papers if paper.pdf is not None]
            parent = pikepdf.OutlineItem(str(entry.item), pdfs[0].page - 1 if pdfs else 0)
            parent.children.extend(pikepdf.OutlineItem(paper.paper.title, paper.page - 1)
                                   for paper in pdfs)
            outline.root.append(parent)


def pack_build(*, meeting: Meeting, items: list[PackItem], is_full: bool, version: int,
               stage: Callable[[str], None] = lambda text: None) -> BuiltPack:
    """Build the pack of `items` (each with its papers' PDFs open) as PDF bytes.

    The agenda's structure and each tagged paper's are kept, in page order, so the pack is
    a tagged PDF; an untagged PDF paper's pages come as they are. `stage` is told as each
    of the PACK_BUILD_STEPS starts.
    """
    stage("Laying out the agenda")
    agenda_pages, agenda = 1, b""
    for _attempt in range(5):
        _number_papers(items, agenda_pages)
        agenda = _agenda_pdf(meeting, items, is_full=is_full, version=version)
        with pikepdf.open(io.BytesIO(agenda)) as laid_out:
            pages = len(laid_out.pages)
        if pages == agenda_pages:
            break
        agenda_pages = pages

    stage("Adding the papers")
    pack = pikepdf.open(io.BytesIO(agenda))
    for entry in items:
        for paper in entry.papers:
            if paper.pdf is not None:
                first = len(pack.pages)
                pack.add_pages_from(paper.pdf, outlines="ignore")
                structure_append(pack, paper.pdf, first_page=first)
    # Bookmarks go in once every page exists, or they would point at pages not yet there.
    _outline(pack, items)

    stage("Numbering the pages")
    total = len(pack.pages)
    day = timezone.localtime(meeting.starts_at)
    _stamp(pack, _page_stamps(total, f"{meeting.body.name}, {day:%-d %B %Y}"))
    pack.docinfo["/Title"] = f"Agenda pack: {meeting}"
    pack.docinfo["/Producer"] = "Trustboard"
    pack.Root.PageMode = pikepdf.Name.UseOutlines
    return BuiltPack(pdf=pdf_bytes(pack), pages=total)
