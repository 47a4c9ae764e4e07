"""The report as a standalone HTML file, as the fragment its page shows, and as PDF.

The PDF is WeasyPrint's rendering of the standalone HTML, whose print stylesheet sets A4
pages with "Page N of M" in the footer through CSS page counters. For the PDF each chart is
an <img> of its SVG rather than the SVG inline: WeasyPrint then reads the SVG once as a
picture instead of parsing and styling its elements as part of the page, and the tables
are laid out at fixed column widths, which spares a measuring pass over every cell.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from trustboard.reports.document import ReportDocument


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


def pdf_render(document: ReportDocument) -> bytes:
    from weasyprint import HTML

    return HTML(string=html_render(document, for_print=True)).write_pdf()


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
