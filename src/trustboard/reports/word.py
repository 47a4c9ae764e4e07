"""The report as a Word document: real headings, Word's own paragraph numbering, tables.

Numbered paragraphs use the "List Number" style, one Word list that counts on through
every section, as the committee report's paragraphs do; the HTML and PDF print the same
numbers. Charts go in as PNG (Word cannot hold the SVG reliably), each followed by its
data table. The footer carries "Page N of M" as Word fields.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from trustboard.reports.document import (
    NUMBERED,
    RECOMMENDATIONS,
    IndicatorEntry,
    ReportDocument,
    Section,
)

FONT = "Arial"
TEXT = RGBColor(0x0B, 0x0C, 0x0C)
ACTION_HEADERS = ("Ref", "Key action", "Lead", "Due", "Status", "Commentary")
INDICATOR_HEADERS = ("Indicator", "Period", "Value", "England", "Compared with England",
                     "Neighbours' average", "Target", "Direction of travel")


def _field(run, code: str) -> None:
    """Put a Word field (PAGE, NUMPAGES) in a run; Word fills it in when it lays out."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = code
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)


def _setup(doc, document: ReportDocument) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.font.color.rgb = TEXT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = TEXT
    styles["List Number"].paragraph_format.space_after = Pt(6)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{document.footer} · Page ")
    _field(footer.add_run(), "PAGE")
    footer.add_run(" of ")
    _field(footer.add_run(), "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(8)
    doc.core_properties.title = document.title_block.title
    doc.core_properties.author = document.partnership


def _title_block(doc, document: ReportDocument) -> None:
    block = document.title_block
    if document.status_line:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(document.status_line.upper())
        run.bold = True
    for text in (block.committee, block.date_text,
                 f"Agenda Item: {block.agenda_item}" if block.agenda_item else ""):
        if text:
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(text).bold = True
    if block.report_of:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(f"Report of the {block.report_of}")
        run.bold = True
        run.font.all_caps = True
    doc.add_heading(block.title, level=1)


def _section(doc, section: Section) -> None:
    if section.heading:
        doc.add_heading(section.heading, level=section.level)
    for paragraph in section.paragraphs:
        if section.style == NUMBERED:
            doc.add_paragraph(paragraph.text, style="List Number")
        elif section.style == RECOMMENDATIONS:
            body = doc.add_paragraph(f"{paragraph.number} {paragraph.text}".strip())
            body.paragraph_format.left_indent = Cm(0.75)
        else:
            body = doc.add_paragraph()
            for index, line in enumerate(paragraph.lines):
                run = body.add_run(line)
                if index < len(paragraph.lines) - 1:
                    run.add_break()
        for point in paragraph.points:
            doc.add_paragraph(point.text, style="List Bullet")
            for item in point.items:
                doc.add_paragraph(item, style="List Bullet 2")


def _table(doc, headers, rows, *, caption: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(caption).bold = True
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    for row in table.rows:
        for cell in row.cells:
            for cell_paragraph in cell.paragraphs:
                cell_paragraph.paragraph_format.space_after = Pt(0)
                for run in cell_paragraph.runs:
                    run.font.size = Pt(8.5)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _indicator(doc, document: ReportDocument, entry: IndicatorEntry) -> None:
    doc.add_heading(entry.name, level=3)
    details = [f"Latest value {entry.value} ({entry.period}); England {entry.england}; "
               f"{entry.comparison.lower()}; statistical neighbours' average "
               f"{entry.neighbours}; target {entry.target}; direction of travel "
               f"{entry.direction.lower()}."]
    if entry.exceptions:
        details.append(f"Outside tolerance: {', '.join(entry.exceptions)}.")
    doc.add_paragraph(" ".join(details))
    if entry.commentary:
        paragraph = doc.add_paragraph()
        paragraph.add_run("Commentary: ").bold = True
        paragraph.add_run(entry.commentary)
    if entry.shown_under:
        doc.add_paragraph(f"Its trend chart and data are shown under priority "
                          f"{entry.shown_under}.")
    if entry.chart is not None:
        doc.add_picture(io.BytesIO(document.png(entry)), width=Cm(16))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption = doc.add_paragraph(entry.chart.alt)
        caption.runs[0].font.size = Pt(8)
        table = entry.chart.table
        _table(doc, table.headers, table.rows, caption=table.caption)


def _appendix(doc, document: ReportDocument) -> None:
    appendix = document.appendix
    doc.add_page_break()
    doc.add_heading(appendix.title, level=1)
    doc.add_paragraph(appendix.introduction)
    for priority in appendix.priorities:
        doc.add_heading(f"Priority {priority.number}: {priority.title}", level=2)
        if priority.outcome:
            doc.add_paragraph(priority.outcome)
        if priority.accountable_body:
            doc.add_paragraph(f"Accountable body: {priority.accountable_body}")
        if priority.actions:
            _table(doc, ACTION_HEADERS,
                   [(a.reference, a.title, a.lead, a.due, a.status_label, a.commentary)
                    for a in priority.actions],
                   caption=f"Key actions of priority {priority.number}")
        if priority.indicators:
            _table(doc, INDICATOR_HEADERS,
                   [(i.name, i.period, i.value, i.england, i.comparison, i.neighbours,
                     i.target, i.direction) for i in priority.indicators],
                   caption=f"Performance indicators of priority {priority.number}")
            for entry in priority.indicators:
                _indicator(doc, document, entry)


def docx_render(document: ReportDocument) -> bytes:
    doc = Document()
    _setup(doc, document)
    _title_block(doc, document)
    for section in document.sections:
        _section(doc, section)
    if document.appendix is not None:
        _appendix(doc, document)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
