"""Papers: only real PDFs and Word documents, of a sensible size and name, stored safely."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.storage import default_storage

from tests.meetings.factories import AgendaItemFactory, docx_bytes, pdf_bytes, upload
from trustboard.core.errors import RuleError
from trustboard.meetings.models import Paper, PaperKind
from trustboard.meetings.services import paper_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return AgendaItemFactory(title="Youth Homelessness Strategy")


def _refused(item, officer, name: str, content: bytes, *, title: str = "Strategy") -> RuleError:
    with pytest.raises(RuleError) as refused:
        paper_upload(item=item, title=title, file=upload(name, content), by=officer)
    assert not Paper.objects.exists()
    return refused.value


def test_pdf_is_stored_under_a_generated_name_with_its_checksum(item, officer):
    content = pdf_bytes("Youth Homelessness Strategy", pages=3)
    paper = paper_upload(item=item, title="Youth Homelessness Strategy 2012-15",
                         file=upload("Youth Homelessness Strategy.pdf", content), by=officer)
    assert paper.content_type == PaperKind.PDF
    assert (paper.size, paper.page_count) == (len(content), 3)
    assert paper.sha256 == hashlib.sha256(content).hexdigest()
    assert paper.original_name == "Youth Homelessness Strategy.pdf"
    assert paper.file.name.startswith("papers/") and paper.file.name.endswith(".pdf")
    assert "Youth" not in paper.file.name
    with default_storage.open(paper.file.name) as stored:
        assert stored.read() == content
    assert paper.history.get().history_user == officer


def test_word_document_is_accepted(item, officer):
    paper = paper_upload(item=item, title="Consultation",
                         file=upload("consultation.docx", docx_bytes("Findings")), by=officer)
    assert (paper.content_type, paper.page_count) == (PaperKind.DOCX, None)


def test_text_file_named_pdf_is_refused(item, officer):
    error = _refused(item, officer, "report.pdf", b"This is not a PDF at all.")
    assert error.field == "file"
    assert "not really a PDF or a Word (DOCX) document" in error.message


def test_zip_without_a_word_document_inside_is_refused(item, officer):
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    error = _refused(item, officer, "report.docx", content.getvalue())
    assert error.field == "file"
    assert "not really a PDF" in error.message


def test_damaged_pdf_is_refused(item, officer):
    error = _refused(item, officer, "report.pdf", b"%PDF-1.7\n garbage without pages")
    assert "cannot be read" in error.message


def test_pdf_named_docx_is_refused(item, officer):
    error = _refused(item, officer, "report.docx", pdf_bytes("Report"))
    assert "is a PDF but its name ends .docx" in error.message


def test_file_above_the_limit_is_refused_with_both_sizes(item, officer, settings):
    settings.TRUSTBOARD_MAX_PAPER_BYTES = 1024 * 1024
    error = _refused(item, officer, "big.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024))
    assert error.field == "file"
    assert "The file is 2.0 MB; a paper can be at most 1.0 MB" in error.message


def test_default_limit_is_twenty_megabytes(item, officer):
    error = _refused(item, officer, "big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))
    assert "at most 20.0 MB" in error.message


def test_empty_file_is_refused(item, officer):
    assert _refused(item, officer, "empty.pdf", b"").message == "The file is empty."


@pytest.mark.parametrize("name", ["<script>alert(1)</script>.pdf", "report<img src=x>.pdf"])
def test_name_with_markup_is_refused(item, officer, name):
    error = _refused(item, officer, name, pdf_bytes("Report"))
    assert (error.field, "markup" in error.message) == ("file", True)


@pytest.mark.parametrize("name", ["../../settings.pdf", "..\\..\\report.pdf", "/etc/report.pdf"])
def test_name_with_a_folder_path_is_refused(item, officer, name):
    assert "folder path" in _refused(item, officer, name, pdf_bytes("Report")).message


@pytest.mark.parametrize("name", ["report\x00.pdf", "report\n.pdf", "report\u202efdp.docx"])
def test_name_with_control_characters_is_refused(item, officer, name):
    assert "control characters" in _refused(item, officer, name, pdf_bytes("Report")).message


def test_name_without_pdf_or_docx_extension_is_refused(item, officer):
    assert "named .pdf or .docx" in _refused(item, officer, "report.html",
                                              pdf_bytes("Report")).message


def test_paper_without_a_title_is_refused(item, officer):
    error = _refused(item, officer, "report.pdf", pdf_bytes("Report"), title="  ")
    assert error.field == "title"


def test_paper_refused_after_storing_leaves_no_file_behind(item, officer, media):
    error = _refused(item, officer, "report.pdf", pdf_bytes("Report"), title="x" * 301)
    assert error.field == "title"
    assert not [path for path in media.rglob("*") if path.is_file()]
