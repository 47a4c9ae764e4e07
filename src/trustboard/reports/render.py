"""The report as a standalone HTML file, as the fragment its page shows, and as PDF.

The PDF is WeasyPrint's rendering of the standalone HTML with its print stylesheet (A4
pages, the report's title in the footer). For the PDF each chart is an <img> of its SVG
rather than the SVG inline: WeasyPrint then reads the SVG once as a picture instead of
parsing and styling its elements as part of the page; the tables are laid out at fixed
column widths, which spares a measuring pass over every cell; and each chart's figures
follow it as a line per series rather than as a table, which takes a third of the time.

WeasyPrint lays out on one core, so the report is cut at priorities of its appendix (each
starts a new page anyway) and the parts are laid out at once by forked processes, then
joined page for page with one outline and numbered "Page N of M" (core/pdf.py).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from django.template.loader import render_to_string

from trustboard.core.pdf import (
    PageNumbers,
    html_to_pdf,
    page_numbers_stamp,
    pdf_bytes,
    pdf_join,
)
from trustboard.reports.document import ReportDocument, can_fork

PDF_PARTS = 2  # the machines we run on have two cores or more
#: The print stylesheet's footer: 18 mm from the right edge, the baseline of 8 pt text
#: centred in the 20 mm bottom margin.
PAGE_NUMBERS = PageNumbers(right=51.02, baseline=25.57)


def _css_string(text: str) -> str:
    """Make text safe inside a CSS string in a <style> element."""
    for character in '\\"<>\n':
        text = text.replace(character, " " if character == "\n" else "")
    return text


def html_render(document: ReportDocument, *, for_print: bool = False) -> str:
    """The report as one self-contained HTML file: styles and charts inline."""
    return render_to_string("reports/document.html", {
        "document": document, "footer_css": _css_string(document.footer),
        "for_print": for_print,
    })


def body_render(document: ReportDocument) -> str:
    """The report as its page shows it, under the page's own heading."""
    return render_to_string("reports/_document.html", {
        "document": document, "title_level": 2, "interactive": True,
    })


def _laid_out(htmls: list[str]) -> list[bytes]:
    """Each part's PDF: the later parts in forked processes while this one does the first."""
    if len(htmls) < 2 or not can_fork():
        return [html_to_pdf(html) for html in htmls]
    with ProcessPoolExecutor(max_workers=len(htmls) - 1,
                             mp_context=multiprocessing.get_context("fork")) as pool:
        later = [pool.submit(html_to_pdf, html) for html in htmls[1:]]
        first = html_to_pdf(htmls[0])
        return [first, *(future.result() for future in later)]


def pdf_render(document: ReportDocument, *, parts: int = PDF_PARTS) -> bytes:
    """The report as PDF, laid out in `parts` at once and joined."""
    pieces = document.parts(parts)
    pdf = pdf_join(_laid_out([html_render(piece, for_print=True) for piece in pieces]),
                   continue_under=2)  # the report's title, then "Appendix 1"
    page_numbers_stamp(pdf, PAGE_NUMBERS)
    return pdf_bytes(pdf)


def render(document: ReportDocument, format: str) -> bytes:
    """The report in one of the formats ("html", "docx", "pdf") as bytes."""
    if format == "html":
        return html_render(document).encode("utf-8")
    if format == "pdf":
        return pdf_render(document)
    if format == "docx":
        from trustboard.reports.word import docx_render

        return docx_render(document)
    raise ValueError(f"Unknown format '{format}'.")
