"""The agenda pack: one PDF of the agenda followed by its items' PDF papers.

The agenda is rendered with WeasyPrint and gives each paper's page; those references are
computed from the papers' page counts and the agenda's own length, re-rendering until the
agenda's length settles. Every page is then stamped "Page N of T" from a WeasyPrint overlay,
so the numbers printed on the pages are the ones the agenda cites, and the outline has a
bookmark per item (and per paper under it). Word papers cannot be merged into a PDF without
converting them, so the agenda lists them as available separately.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter, Transformation

from trustboard.core.pdf import html_to_pdf
from trustboard.meetings.models import AgendaItem, Meeting, Paper

# A4 in PDF points: the overlay's page, centred on papers of another size.
_A4 = (595.28, 841.89)

# The stages pack_build reports: laying out the agenda, adding the papers, numbering the pages.
PACK_BUILD_STEPS = 3


@dataclass
class PackPaper:
    paper: Paper
    reader: PdfReader | None = None
    page: int | None = None  # first page in the pack, counting from 1

    @property
    def pages(self) -> int:
        return len(self.reader.pages) if self.reader is not None else 0


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
            if paper.reader is not None:
                paper.page = page
                page += paper.pages


def _page_stamps(total: int, label: str) -> PdfReader:
    """An A4 document of `total` blank pages, each with its number at the foot."""
    html = render_to_string("meetings/pack_stamps.html", {
        "label": label, "total": total, "pages": range(total)})
    return PdfReader(io.BytesIO(html_to_pdf(html)))


def pack_build(*, meeting: Meeting, items: list[PackItem], is_full: bool, version: int,
               stage: Callable[[str], None] = lambda text: None) -> BuiltPack:
    """Build the pack of `items` (each with its papers' readers open) as PDF bytes.

    `stage` is told as each of the PACK_BUILD_STEPS starts.
    """
    stage("Laying out the agenda")
    agenda_pages, agenda = 1, b""
    for _attempt in range(5):
        _number_papers(items, agenda_pages)
        agenda = _agenda_pdf(meeting, items, is_full=is_full, version=version)
        pages = len(PdfReader(io.BytesIO(agenda)).pages)
        if pages == agenda_pages:
            break
        agenda_pages = pages

    stage("Adding the papers")
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(agenda)), import_outline=False)
    for entry in items:
        for paper in entry.papers:
            if paper.reader is not None:
                writer.append(paper.reader, import_outline=False)
    # Bookmarks go in once every page exists, or they would point at pages not yet there.
    writer.add_outline_item(title="Agenda", page_number=0)
    for entry in items:
        pdfs = [paper for paper in entry.papers if paper.reader is not None]
        parent = writer.add_outline_item(title=str(entry.item),
                                         page_number=pdfs[0].page - 1 if pdfs else 0)
        for paper in pdfs:
            writer.add_outline_item(title=paper.paper.title, page_number=paper.page - 1,
                                    parent=parent)

    stage("Numbering the pages")
    total = len(writer.pages)
    day = timezone.localtime(meeting.starts_at)
    stamps = _page_stamps(total, f"{meeting.body.name}, {day:%-d %B %Y}")
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        box = page.mediabox
        move = Transformation().translate(tx=float(box.left) + (float(box.width) - _A4[0]) / 2,
                                          ty=float(box.bottom))
        page.merge_transformed_page(stamp, move)
    writer.add_metadata({"/Title": f"Agenda pack: {meeting}", "/Producer": "Trustboard"})
    writer.page_mode = "/UseOutlines"
    output = io.BytesIO()
    writer.write(output)
    return BuiltPack(pdf=output.getvalue(), pages=total)
