"""The report as a Word document: real headings, Word's own paragraph numbering, tables.

Numbered paragraphs use the "List Number" style, one Word list that counts on through
every section, as the committee report's paragraphs do; the HTML and PDF print the same
numbers. Charts go in as PNG (Word cannot hold the SVG reliably), each followed by its
data table. The footer carries "Page N of M" as Word fields.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
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
#: The text width between the margins (21 cm less 2 x 2.2 cm) in twentieths of a point.
TEXT_WIDTH_TWIPS = round((21 - 2 * 2.2) / 2.54 * 1440)
#: Table text: 8.5 pt (Word counts half-points), no space after each cell's paragraph.
CELL_RUN = '<w:rPr>{bold}<w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>'
CELL_PARAGRAPH = '<w:pPr><w:spacing w:after="0"/></w:pPr>'
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


class _Styles:
    """Style ids looked up once: python-docx searches every style on each lookup by name."""

    def __init__(self, doc):
        self.ids = {name: doc.styles[name].style_id for name in (
            "List Number", "List Bullet", "List Bullet 2", "Table Grid",
            "Heading 1", "Heading 2", "Heading 3")}

    def paragraph(self, doc, text: str, style: str):
        paragraph = doc.add_paragraph(text)
        paragraph._p.style = self.ids[style]
        return paragraph

    def heading(self, doc, text: str, level: int):
        return self.paragraph(doc, text, f"Heading {level}")


def _title_block(doc, document: ReportDocument, styles: _Styles) -> None:
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
    styles.heading(doc, block.title, 1)


def _section(doc, section: Section, styles: _Styles) -> None:
    if section.heading:
        styles.heading(doc, section.heading, section.level)
    for paragraph in section.paragraphs:
        if section.style == NUMBERED:
            styles.paragraph(doc, paragraph.text, "List Number")
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
            styles.paragraph(doc, point.text, "List Bullet")
            for item in point.items:
                styles.paragraph(doc, item, "List Bullet 2")
    if section.table is not None:
        table = section.table
        _table(doc, table.headers, table.rows, caption=table.caption, styles=styles)


def _cell(text: object, width: int, *, bold: bool = False) -> str:
    runs = []
    for index, line in enumerate(str(text).split("\n")):
        if index:
            runs.append("<w:br/>")
        runs.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    run_properties = CELL_RUN.format(bold="<w:b/><w:bCs/>" if bold else "")
    return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p>'
            f'{CELL_PARAGRAPH}<w:r>{run_properties}{"".join(runs)}</w:r></w:p></w:tc>')


def _table(doc, headers, rows, *, caption: str, styles: _Styles) -> None:
    """A Word table with a bold header row that repeats on each page, then one row each.

    The table's XML is written in one piece and parsed once: adding cells one at a time
    through python-docx costs a search of the cell's siblings for every property set.
    """
    paragraph = doc.add_paragraph()
    paragraph.add_run(caption).bold = True
    width = TEXT_WIDTH_TWIPS // len(headers)
    xml = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{styles.ids["Table Grid"]}"/>'
           '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
           'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
           '</w:tblPr><w:tblGrid>', f'<w:gridCol w:w="{width}"/>' * len(headers),
           '</w:tblGrid><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>']
    xml.extend(_cell(header, width, bold=True) for header in headers)
    xml.append("</w:tr>")
    for row in rows:
        cells = list(row)
        if len(cells) != len(headers):
            raise ValueError(f"A row of '{caption}' has {len(cells)} cells, not "
                             f"{len(headers)}.")
        xml.append("<w:tr>")
        xml.extend(_cell(value, width) for value in cells)
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    doc.element.body.sectPr.addprevious(parse_xml("".join(xml)))


def _indicator(doc, document: ReportDocument, entry: IndicatorEntry,
               styles: _Styles) -> None:
    styles.heading(doc, entry.name, 3)
    details = [entry.summary]
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
        _table(doc, table.headers, table.rows, caption=table.caption, styles=styles)


def _appendix(doc, document: ReportDocument, styles: _Styles) -> None:
    appendix = document.appendix
    doc.add_page_break()
    styles.heading(doc, appendix.title, 1)
    doc.add_paragraph(appendix.introduction)
    for priority in appendix.priorities:
        styles.heading(doc, f"Priority {priority.number}: {priority.title}", 2)
        if priority.outcome:
            doc.add_paragraph(priority.outcome)
        if priority.accountable_body:
            doc.add_paragraph(f"Accountable body: {priority.accountable_body}")
        if priority.actions:
            _table(doc, ACTION_HEADERS,
                   [(a.reference, a.title, a.lead, a.due, a.status_label, a.commentary)
                    for a in priority.actions],
                   caption=f"Key actions of priority {priority.number}", styles=styles)
        if priority.indicators:
            _table(doc, INDICATOR_HEADERS,
                   [(i.name, i.period, i.value, i.england, i.comparison, i.neighbours,
                     i.target, i.direction) for i in priority.indicators],
                   caption=f"Performance indicators of priority {priority.number}",
                   styles=styles)
            for entry in priority.indicators:
                _indicator(doc, document, entry, styles)


def docx_render(document: ReportDocument) -> bytes:
    doc = Document()
    _setup(doc, document)
    styles = _Styles(doc)
    _title_block(doc, document, styles)
    for section in document.sections:
        _section(doc, section, styles)
    if document.appendix is not None:
        with document.pngs_drawn_alongside():
            _appendix(doc, document, styles)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
