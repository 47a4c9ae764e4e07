"""The report read back from each format, as the committee clerk would open it."""

import io
import re
import shutil
import subprocess

import pikepdf
import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

from tests.pdf_structure import pages_find_their_elements, structure_elements
from trustboard.reports.render import body_render, html_render, pdf_render
from trustboard.reports.word import docx_render


@pytest.fixture
def docx(document):
    return Document(io.BytesIO(docx_render(document)))


@pytest.fixture
def pdf_bytes(document):
    return pdf_render(document)


def _numbered(document):
    return [paragraph for section in document.sections if section.style == "numbered"
            for paragraph in section.paragraphs]


def test_docx_has_real_headings(docx):
    headings = [(p.style.name, p.text) for p in docx.paragraphs
                if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Officer group report: Nottinghamshire Children's Trust") in headings
    assert ("Heading 2", "Purpose of the Report") in headings
    assert ("Heading 2", "Information and Advice") in headings
    assert ("Heading 3", "Progress against Performance Indicators: six-month performance "
                         "report") in headings
    assert ("Heading 1", "Appendix 1") in headings
    assert ("Heading 2", "Priority 1: Priority number 1") in headings


def test_docx_numbers_the_same_paragraphs_with_word_numbering(docx, document):
    numbered = [p.text for p in docx.paragraphs if p.style.name == "List Number"]
    expected = [paragraph.text for paragraph in _numbered(document)]
    assert numbered == expected
    # Word's list: the style carries the numbering, so the 1st, 2nd... paragraph in it is
    # numbered 1., 2. ... exactly as the HTML and PDF print them.
    style = docx.styles["List Number"].element
    assert style.pPr.numPr is not None
    summary_number = next(index for index, text in enumerate(numbered, start=1)
                          if text.startswith("In summary"))
    assert f"{summary_number}." == next(p.number for p in _numbered(document)
                                        if p.text.startswith("In summary"))


def test_docx_has_the_summary_points_as_bullets(docx):
    bullets = [p.text for p in docx.paragraphs if p.style.name == "List Bullet"]
    assert any(text.startswith("of the four performance indicators where comparison "
                               "information is available, two show that Nottinghamshire "
                               "performance exceeds the national average") for text in bullets)
    items = [p.text for p in docx.paragraphs if p.style.name == "List Bullet 2"]
    assert "breastfeeding prevalence at 6-8 weeks." in items


def test_docx_recommendations_are_numbered_from_one(docx):
    texts = [p.text for p in docx.paragraphs]
    assert ("1) That the Children and Young People's Committee notes the contents of the "
            "report.") in texts


def test_docx_tables_hold_the_indicator_rows(docx):
    rows = [[cell.text for cell in row.cells] for table in docx.tables for row in table.rows]
    assert ["Indicator", "Period", "Value", "England", "Compared with England",
            "Neighbours' average", "Target", "Direction of travel"] in rows
    obesity = next(row for row in rows
                   if row[0] == "Obesity in primary school age children in Reception Year")
    assert obesity[1:5] == ["2011/12", "50.0%", "45.0%", "Better than England"]
    assert ["1.2", "Launch the Pathway to Provision", "\u2013", "\u2013", "Completed", ""] in rows


def test_docx_has_the_charts_as_pictures(docx, document):
    assert len(docx.inline_shapes) == len(document.charts) == 4
    assert "Its trend chart and data are shown under priority 1." in [
        p.text for p in docx.paragraphs]
    images = {part.partname for part in docx.part.package.iter_parts()
              if part.content_type == "image/png"}
    assert 1 <= len(images) <= len(document.charts) == 4


def test_docx_footer_numbers_the_pages(docx):
    footer = docx.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_pdf_text_has_page_numbers_and_the_summary(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    pages = len(reader.pages)
    first = reader.pages[0].extract_text()
    assert f"Page 1 of {pages}" in first
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert ("of the four performance indicators where comparison information is available, "
            "two show that Nottinghamshire performance exceeds the national average") in text
    assert "Purpose of the Report" in text
    assert "Appendix 1" in text


def test_pdf_paragraph_numbers_match_the_document(pdf_bytes, document):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    summary = next(p for p in _numbered(document) if p.text.startswith("In summary"))
    assert re.search(rf"{re.escape(summary.number)}\s+In summary, these performance", text)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pdf_first_page_renders_to_a_picture_with_something_on_it(pdf_bytes, tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                    str(source), str(tmp_path / "page")], check=True)
    picture = tmp_path / "page.png"
    assert picture.exists()
    image = Image.open(picture).convert("L")
    darkest, lightest = image.getextrema()
    assert darkest < 100 and lightest > 200  # ink on paper, not a blank page


def test_html_file_stands_alone_with_numbered_paragraphs(document):
    html = html_render(document)
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html and "counter(pages)" in html
    assert '<span class="tb-report__number">1. </span>To provide an overview' in html
    assert "<svg" in html
    assert "Nottinghamshire Children&#x27;s Trust" in html or "Nottinghamshire Children's" in html


def test_page_fragment_puts_chart_tables_in_details(document):
    body = body_render(document)
    assert "<h2" in body and "<h1" not in body
    assert "govuk-details" in body


def test_pdf_laid_out_in_parts_is_the_whole_page_for_page(document):
    whole = PdfReader(io.BytesIO(pdf_render(document, parts=1)))
    in_parts = PdfReader(io.BytesIO(pdf_render(document, parts=3)))
    assert len(document.parts(3)) == 3
    assert [page.extract_text() for page in in_parts.pages] == [
        page.extract_text() for page in whole.pages]


def test_pdf_bookmarks_lead_to_each_priority_under_appendix_1(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    title, sections = reader.outline[0], reader.outline[1]
    assert title.title == "Officer group report: Nottinghamshire Children's Trust"
    appendix = next(index for index, item in enumerate(sections)
                    if not isinstance(item, list) and item.title == "Appendix 1")
    priorities = [item for item in sections[appendix + 1] if not isinstance(item, list)]
    assert [item.title for item in priorities] == [
        f"Priority {number}: Priority number {number}" for number in (1, 2, 3)]
    for item in priorities:
        page = reader.pages[reader.get_destination_page_number(item)]
        assert item.title in re.sub(r"\s+", " ", page.extract_text())


def test_pdf_prints_each_charts_figures_under_it(pdf_bytes, document):
    text = re.sub(r"\s+", " ", " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages))
    entry = document.charts[0]
    assert entry.figure_lines and entry.figure_lines[0].startswith("Nottinghamshire: ")
    for line in entry.figure_lines:
        assert line in text
    # A repeat under a later part names the priority with the chart, in words.
    assert "Its trend chart and data are shown under priority 1." in text


def test_pdf_prints_one_key_and_charts_without_their_own(document, pdf_bytes):
    text = re.sub(r"\s+", " ", " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages))
    assert text.count("Key to the charts in this appendix.") == 1
    entry = document.charts[0]
    assert "trustboard-chart__legend" in entry.chart.svg  # HTML and Word keep theirs
    assert "trustboard-chart__legend" not in entry.print_chart.svg
    assert document.appendix.key is not None


def test_every_format_prints_each_indicators_sentence_from_the_one_document(docx, document,
                                                                           pdf_bytes):
    """Word once wrote its own copy of the sentence, lowercasing "England"."""
    sentences = [entry.summary for priority in document.appendix.priorities
                 for entry in priority.indicators]
    assert "better than England" in sentences[0]
    word = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    html = html_render(document)
    pdf = re.sub(r"\s+", " ", " ".join(page.extract_text()
                                       for page in PdfReader(io.BytesIO(pdf_bytes)).pages))
    for sentence in sentences:
        assert sentence in word
        assert sentence.replace("'", "&#x27;") in html
        assert sentence in pdf.replace("\u2019", "'")
    assert "england" not in word


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="needs poppler's pdfinfo")
def test_pdf_is_tagged_with_its_title_and_every_chart_has_its_alternative_text(
        pdf_bytes, document, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert f"Title:           {document.title_block.title}" in info
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    assert str(pdf.Root.Lang) == "en-GB"
    figures = [alt for kind, _page, alt in structure_elements(pdf) if kind == "/Figure"]
    assert figures and all(figures)
    assert pages_find_their_elements(pdf)
