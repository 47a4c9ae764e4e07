"""PDF parts joined into one file, as a reader of the joined report would check it."""

import http.server
import io
import shutil
import subprocess
import threading

import pikepdf
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from tests.pdf_structure import (
    ends_with_pagination_artifact,
    pages_find_their_elements,
    structure_elements,
)
from trustboard.core.pdf import (
    DOCUMENT_BASE_URL,
    PageNumbers,
    RefusedAddress,
    StaticOnlyFetcher,
    html_to_pdf,
    page_numbers_stamp,
    pdf_bytes,
    pdf_join,
)

A4_WIDTH = 595.28


def _tagged(body: str) -> bytes:
    return html_to_pdf(f"<html lang='en-GB'><head><title>Officer group report</title></head>"
                       f"<body>{body}</body></html>")


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


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    """A real server on loopback that records every request made to it."""
    _CountingHandler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _CountingHandler.requests
    server.shutdown()


def test_layout_attaches_no_file_of_the_server(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret key")
    pdf = pikepdf.open(io.BytesIO(html_to_pdf(
        f'<p>Report</p><a rel="attachment" href="file://{secret}">x</a>'
        f'<link rel="attachment" href="file://{secret}">'
        f'<img src="file://{secret}" alt="">')))
    assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
    assert b"the secret key" not in pdf_bytes(pdf)


def test_layout_makes_no_request_to_another_host(web_server):
    address, requests = web_server
    html_to_pdf(f'<link rel="stylesheet" href="{address}/style.css">'
                f'<img src="{address}/chart.png" alt="">'
                f'<a rel="attachment" href="{address}/file.txt">x</a>'
                f'<p style="background: url({address}/background.png)">Report</p>')
    assert requests == []


def test_layout_still_draws_inline_images():
    pixel = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
             "2mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    pdf = pikepdf.open(io.BytesIO(html_to_pdf(f'<img src="{pixel}" alt="A dot">')))
    assert any(isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image"
               for item in pdf.objects)


def test_refused_address_names_it():
    with pytest.raises(RefusedAddress, match="file:///etc/passwd"):
        StaticOnlyFetcher().fetch("file:///etc/passwd")
    with pytest.raises(RefusedAddress):
        StaticOnlyFetcher().fetch(DOCUMENT_BASE_URL + "static/../../etc/passwd")


def test_static_files_of_the_app_are_served():
    response = StaticOnlyFetcher().fetch(DOCUMENT_BASE_URL + "static/core/job-progress.js")
    assert b"progress" in response.read()


def test_laid_out_pdf_is_tagged_in_its_language_with_its_title():
    pdf = pikepdf.open(io.BytesIO(_tagged("<h1>Officer group report</h1><p>One.</p>")))
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert b"pdfuaid" in pdf.Root.Metadata.read_bytes()
    kinds = [kind for kind, _page, _alt in structure_elements(pdf)]
    assert kinds[:2] == ["/Document", "/H1"] and "/P" in kinds


def test_joined_parts_keep_their_structure_in_page_order_under_one_document():
    joined = pdf_join([
        _tagged("<h1>Officer group report</h1><img alt='Trend of teenage conceptions' "
                "src='data:image/svg+xml;utf8,<svg xmlns=\"http://www.w3.org/2000/svg\" "
                "width=\"9\" height=\"9\"/>'>"),
        _tagged("<h2>Appendix 1</h2><p>One.</p><h3 style='break-before: page'>Priority 2</h3>"),
    ])
    page_numbers_stamp(joined, PageNumbers(right=56.7, baseline=28.35))
    pdf = pikepdf.open(io.BytesIO(pdf_bytes(joined)))
    elements = [(kind, page, alt) for kind, page, alt in structure_elements(pdf)
                if kind in ("/Document", "/H1", "/H2", "/H3", "/Figure")]
    assert elements == [("/Document", None, None), ("/H1", 0, None),
                        ("/Figure", 0, "Trend of teenage conceptions"), ("/H2", 1, None),
                        ("/H3", 2, None)]
    assert pages_find_their_elements(pdf)
    assert all(ends_with_pagination_artifact(page) for page in pdf.pages)


def test_untagged_part_joins_without_structure_of_its_own(parts):
    joined = pikepdf.open(io.BytesIO(pdf_bytes(pdf_join([_tagged("<h1>Report</h1>"),
                                                         parts[2]]))))
    assert len(joined.pages) == 2
    assert {page for _kind, page, _alt in structure_elements(joined)} == {None, 0}
