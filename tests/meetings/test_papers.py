"""Papers: only real PDFs and Word documents, of a sensible size and name, stored safely."""

import hashlib
import io
import zipfile

import pikepdf
import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

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


def test_word_document_is_kept_and_laid_out_as_a_tagged_pdf_for_the_pack(item, officer):
    content = docx_bytes("Findings")
    paper = paper_upload(item=item, title="Consultation",
                         file=upload("consultation.docx", content), by=officer)
    assert (paper.content_type, paper.page_count) == (PaperKind.DOCX, 1)
    with default_storage.open(paper.file.name) as stored:
        assert stored.read() == content  # the original, for download
    assert paper.pdf_file.name.startswith("papers/") and paper.pdf_file.name.endswith(".pdf")
    with default_storage.open(paper.pdf_file.name) as stored:
        rendition = stored.read()
    assert "Findings" in PdfReader(io.BytesIO(rendition)).pages[0].extract_text()
    assert pikepdf.open(io.BytesIO(rendition)).Root.MarkInfo.Marked is True


def _word_parts(parts: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return output.getvalue()


def test_word_document_that_cannot_be_laid_out_is_refused_and_leaves_no_file(
        item, officer, media):
    content = _word_parts({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.'
                               b'openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": b"<w:document this is not XML"})
    error = _refused(item, officer, "minutes.docx", content)
    assert error.field == "file"
    assert error.message.startswith("The Word document could not be turned into PDF for the "
                                    "agenda pack: LibreOffice could not lay it out")
    assert "Save it as a PDF from Word and upload that instead." in error.message
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_word_document_whose_conversion_runs_too_long_is_refused(item, officer, settings):
    settings.TRUSTBOARD_CONVERSION_TIMEOUT = 0.01
    error = _refused(item, officer, "consultation.docx", docx_bytes("Findings"))
    assert "took longer than 0.01 seconds" in error.message


def _docx_relating(target: str, kind: str) -> bytes:
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = Document()
    document.add_paragraph("Findings")
    document.part.relate_to(target, getattr(RELATIONSHIP_TYPE, kind), is_external=True)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


@pytest.mark.parametrize("target", ["file:///etc/passwd", "http://169.254.169.254/latest"])
def test_word_document_linking_to_an_outside_picture_is_refused(item, officer, target):
    error = _refused(item, officer, "consultation.docx", _docx_relating(target, "IMAGE"))
    assert error.field == "file"
    assert f"links to an outside image ({target})" in error.message
    assert "Insert the picture or object into the document itself" in error.message


def test_word_document_with_a_web_link_is_accepted(item, officer):
    paper = paper_upload(item=item, title="Consultation", by=officer, file=upload(
        "consultation.docx", _docx_relating("https://www.nottinghamshire.gov.uk/", "HYPERLINK")))
    assert paper.page_count == 1


def test_word_papers_pdf_version_follows_the_papers_own_rule(item, officer, client):
    paper = paper_upload(item=item, title="Consultation", by=officer,
                         file=upload("consultation.docx", docx_bytes("Findings")))
    response = client.get(f"/meetings/papers/{paper.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    item.is_exempt, item.exempt_paragraph = True, 3
    item.save()
    assert client.get(f"/meetings/papers/{paper.pk}/pdf/").status_code == 404


def test_pdf_paper_has_no_separate_pdf_version(item, officer, client):
    paper = paper_upload(item=item, title="Strategy", by=officer,
                         file=upload("strategy.pdf", pdf_bytes("Strategy")))
    assert client.get(f"/meetings/papers/{paper.pk}/pdf/").status_code == 404


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


# Active content: nothing in a published paper may run on a reader's computer


def _docx_with(extra: dict[str, bytes]) -> bytes:
    """A real Word document with `extra` parts added to its zip."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes("Findings"))) as source, \
            zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():
            archive.writestr(part, source.read(part))
        for name, content in extra.items():
            archive.writestr(name, content)
    return output.getvalue()


@pytest.mark.parametrize("part", ["word/vbaProject.bin", "word/vbaData.xml"])
def test_word_document_holding_macros_is_refused(item, officer, part):
    error = _refused(item, officer, "consultation.docx",
                     _docx_with({part: b"\xd0\xcf\x11\xe0 macro project"}))
    assert error.field == "file"
    assert f"The Word document holds macros ({part})" in error.message
    assert "not macro-enabled" in error.message


def test_word_document_of_a_macro_enabled_type_is_refused(item, officer):
    content = docx_bytes("Findings")
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        types = source.read("[Content_Types].xml").replace(
            b"wordprocessingml.document.main+xml",
            b"ms-word.document.macroEnabled.main+xml")
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in source.infolist():
                archive.writestr(part, types if part.filename == "[Content_Types].xml"
                                 else source.read(part))
    error = _refused(item, officer, "consultation.docx", output.getvalue())
    assert "holds macros (a macro-enabled document type)" in error.message


def test_word_document_holding_activex_controls_is_refused(item, officer):
    error = _refused(item, officer, "consultation.docx",
                     _docx_with({"word/activeX/activeX1.xml": b"<ax:ocx/>"}))
    assert "ActiveX controls (word/activeX/activeX1.xml)" in error.message


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A Word document of about 1 MB whose document.xml inflates to 200 MB, written a
    megabyte at a time so the test never holds it inflated."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as document:
            block = (b"<w:p/>" * (1 << 18))[:1 << 20]
            for _ in range(200):
                document.write(block)
    return output.getvalue()


def test_word_document_inflating_to_hundreds_of_megabytes_is_refused(item, officer, zip_bomb):
    assert len(zip_bomb) < 2 * 1024 * 1024
    error = _refused(item, officer, "consultation.docx", zip_bomb)
    assert error.field == "file"
    assert "inflates to 200.0 MB when opened; a paper may inflate to at most 100.0 MB" \
        in error.message
    assert "zip bomb" in error.message


def _understated(content: bytes, name: bytes, size: int) -> bytes:
    """The zip with `name`'s uncompressed size rewritten as `size` in both of its headers."""
    data = bytearray(content)
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                                   (b"PK\x01\x02", 24, 28, 46)):
        start = data.find(signature)
        while start >= 0:
            name_length = int.from_bytes(data[start + length_at:start + length_at + 2], "little")
            if data[start + name_at:start + name_at + name_length] == name:
                data[start + size_at:start + size_at + 4] = size.to_bytes(4, "little")
            start = data.find(signature, start + 4)
    return bytes(data)


def test_word_document_whose_zip_understates_its_size_is_refused(item, officer, zip_bomb):
    lying = _understated(zip_bomb, b"word/document.xml", 1000)
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000
    error = _refused(item, officer, "consultation.docx", lying)
    assert "The Word document cannot be read" in error.message


def test_word_document_with_pictures_within_the_limit_is_accepted(item, officer):
    pictures = {f"word/media/image{n}.png": bytes(range(256)) * 4096 for n in range(5)}
    paper = paper_upload(item=item, title="Consultation", by=officer,
                         file=upload("consultation.docx", _docx_with(pictures)))
    assert paper.content_type == PaperKind.DOCX


def _pdf_with_scripts() -> bytes:
    """A real three-page PDF that runs JavaScript on opening, on a page's events and from a
    link, with a JavaScript name tree, Launch and SubmitForm actions, an XFA form, an
    embedded program both in the name tree and as an attachment, and an ordinary web link."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes("Youth Homelessness Strategy", pages=3)))
    script = pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript,
                                JS=pikepdf.String("app.alert('opened')"))
    pdf.Root.OpenAction = pdf.make_indirect(script)
    pdf.Root.AA = pikepdf.Dictionary(WC=pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('closing')")))
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([
        pikepdf.String("startup"),
        pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                             JS=pikepdf.String("app.alert('named')")))])))
    program = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Filespec,
                                                   F=pikepdf.String("setup.exe"),
                                                   EF=pikepdf.Dictionary(F=pikepdf.Stream(
                                                       pdf, b"MZ program"))))
    pdf.Root.Names.EmbeddedFiles = pikepdf.Dictionary(Names=pikepdf.Array([
        pikepdf.String("setup.exe"), program]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([]), XFA=pikepdf.Stream(
        pdf, b"<xdp:xdp><script>app.alert('xfa')</script></xdp:xdp>"))
    page = pdf.pages[0].obj
    page.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('page')")))
    link = dict(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                Rect=pikepdf.Array([10, 10, 100, 30]))
    page.Annots = pdf.make_indirect(pikepdf.Array([
        pdf.make_indirect(pikepdf.Dictionary(**link, A=pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('link')")))),
        pdf.make_indirect(pikepdf.Dictionary(**link, A=pikepdf.Dictionary(
            S=pikepdf.Name.Launch, F=pikepdf.String("C:\\Windows\\System32\\calc.exe")))),
        pdf.make_indirect(pikepdf.Dictionary(**link, A=pikepdf.Dictionary(
            S=pikepdf.Name.SubmitForm, F=pikepdf.String("https://example.org/collect")))),
        pdf.make_indirect(pikepdf.Dictionary(**link, A=pikepdf.Dictionary(
            S=pikepdf.Name.URI, URI=pikepdf.String("https://www.gov.uk/")))),
        pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment,
            Rect=pikepdf.Array([10, 40, 30, 60]), FS=program)),
    ]))
    output = io.BytesIO()
    pdf.save(output, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return output.getvalue()


def _active_content(pdf: pikepdf.Pdf) -> list[str]:
    """Every script, automatic action, active action, XFA form or attached file left
    anywhere in the file."""
    found = []

    def visit(obj, where):
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            found.extend(f"{key} in {where}" for key in ("/JS", "/AA", "/OpenAction", "/XFA",
                                                         "/EmbeddedFiles", "/EF") if key in obj)
            if obj.get("/S") in ("/JavaScript", "/Launch", "/SubmitForm"):
                found.append(f"{obj.get('/S')} action in {where}")
            if obj.get("/Subtype") == "/FileAttachment":
                found.append(f"attachment in {where}")
            children = [obj[key] for key in obj]
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            return
        for child in children:
            if isinstance(child, pikepdf.Object) and not child.is_indirect:
                visit(child, where)

    for obj in pdf.objects:
        visit(obj, repr(obj.objgen))
    visit(pdf.trailer, "trailer")
    return found


def test_pdf_is_stored_without_its_javascript_and_automatic_actions(item, officer):
    content = _pdf_with_scripts()
    with pikepdf.open(io.BytesIO(content)) as uploaded:
        assert len(_active_content(uploaded)) >= 14, "the PDF holds what is to be removed"
    paper = paper_upload(item=item, title="Youth Homelessness Strategy 2012-15",
                         file=upload("strategy.pdf", content), by=officer)

    with default_storage.open(paper.file.name) as file:
        stored = file.read()
    assert b"app.alert" not in stored and b"MZ program" not in stored
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert _active_content(pdf) == []
        assert "/Names" not in pdf.Root or "/JavaScript" not in pdf.Root.Names
        links = [annotation.get("/A") for annotation in pdf.pages[0].Annots]
        assert [str(link.URI) for link in links if link is not None] == ["https://www.gov.uk/"]
    reader = PdfReader(io.BytesIO(stored))
    assert len(reader.pages) == paper.page_count == 3
    assert "Youth Homelessness Strategy, page 2" in " ".join(reader.pages[1].extract_text().split())
    assert (paper.size, paper.sha256) == (len(stored), hashlib.sha256(stored).hexdigest())
