"""PDF parts joined into one file, as a reader of the joined report would check it."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from trustboard.core.pdf import PageNumbers, page_numbers_stamp, pdf_bytes, pdf_join

A4_WIDTH = 595.28


def _part(body: str) -> bytes:
    return HTML(string=f"<style>@page {{ size: A4 }}</style>{body}").write_pdf()


@pytest.fixture
def parts():
    return [
        _part("<h1>Officer group report</h1><h2>Purpose of the Report</h2><p>One.</p>"
              "<h2 style='break-before: page'>Appendix 1</h2><h3>Priority 1</h3>"),
        _part("<h3>Priority 2</h3><p><a href='#later'>See later</a></p>"
              "<h4 id='later' style='break-before: page'>An indicator</h4>"),
        _part("<h3>Priority 3</h3>"),
    ]


def _outline(reader, items):
    tree = []
    for item in items:
        if isinstance(item, list):
            tree[-1] = (tree[-1][0], tree[-1][1], _outline(reader, item))
        else:
            tree.append((item.title, reader.get_destination_page_number(item), []))
    return tree


def test_joined_file_has_every_page_in_order(parts):
    reader = PdfReader(io.BytesIO(pdf_bytes(pdf_join(parts))))
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) == 5
    assert "Officer group report" in texts[0] and "Appendix 1" in texts[1]
    assert "Priority 2" in texts[2] and "An indicator" in texts[3] and "Priority 3" in texts[4]


def test_later_parts_bookmarks_go_under_the_heading_they_continue(parts):
    reader = PdfReader(io.BytesIO(pdf_bytes(pdf_join(parts, continue_under=2))))
    assert _outline(reader, reader.outline) == [
        ("Officer group report", 0, [
            ("Purpose of the Report", 0, []),
            ("Appendix 1", 1, [
                ("Priority 1", 1, []),
                ("Priority 2", 2, [("An indicator", 3, [])]),
                ("Priority 3", 4, []),
            ]),
        ]),
    ]


def test_links_within_a_later_part_still_lead_to_their_place(parts):
    reader = PdfReader(io.BytesIO(pdf_bytes(pdf_join(parts))))
    destinations = reader.named_destinations
    assert "later" in destinations
    assert reader.get_destination_page_number(destinations["later"]) == 3


def test_every_page_is_numbered_of_the_whole(parts):
    pdf = pdf_join(parts)
    page_numbers_stamp(pdf, PageNumbers(right=51.02, baseline=25.57))
    reader = PdfReader(io.BytesIO(pdf_bytes(pdf)))
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of 5" in page.extract_text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_page_number_sits_right_aligned_at_the_foot(parts, tmp_path):
    pdf = pdf_join(parts)
    page_numbers_stamp(pdf, PageNumbers(right=51.02, baseline=25.57))
    path = tmp_path / "joined.pdf"
    path.write_bytes(pdf_bytes(pdf))
    boxes = subprocess.run(["pdftotext", "-f", "3", "-l", "3", "-bbox", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
    last = [line for line in boxes.splitlines() if ">5</word>" in line][-1]
    right = float(last.split('xMax="')[1].split('"')[0])
    bottom = float(last.split('yMax="')[1].split('"')[0])
    assert right == pytest.approx(A4_WIDTH - 51.02, abs=1.0)
    assert bottom == pytest.approx(841.89 - 25.57 + 1.7, abs=1.5)  # baseline plus descent
