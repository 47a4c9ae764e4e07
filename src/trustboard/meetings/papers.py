"""What an uploaded paper really is: checked by its bytes, never by its name or the browser.

A paper is a PDF (it starts `%PDF-` and pypdf can read its pages) or a Word document (a zip
holding `word/document.xml`). A Word paper is also laid out as a tagged PDF when it is
uploaded (`core.office`), so the agenda pack carries its pages; one that cannot be converted
is refused. Its name is kept for display only; it is stored under a name
we make, so a name carrying markup, a folder path or control characters is refused outright
rather than cleaned into something the officer did not choose.

Papers are published, so nothing in one may run on a reader's computer. A Word document
holding macros or ActiveX controls is refused, as is one that would inflate to more than
MAX_DOCX_EXPANDED_BYTES (a "zip bomb"), and so is one that links to outside files (a picture
or object fetched from an address when the document is opened or converted: it could carry
a file of the server's into a published paper); links a reader follows are fine. A PDF's
active content (JavaScript, actions run on opening or on any event, actions that launch
programs, open other files or send form data, XFA forms, embedded files) is taken out
before it is stored; a PDF without any is stored byte for byte as uploaded.
"""

import hashlib
import io
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

import pikepdf
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from trustboard.core.errors import RuleError
from trustboard.core.office import ConversionError, docx_to_pdf
from trustboard.meetings.models import PaperKind

DEFAULT_MAX_PAPER_BYTES = 20 * 1024 * 1024
_EXTENSIONS = {".pdf": PaperKind.PDF, ".docx": PaperKind.DOCX}

#: The most a Word document's parts may come to once inflated: five times the largest paper.
#: Text compresses perhaps tenfold and pictures hardly at all, so a real document of 20 MB
#: stays far below it; a "zip bomb" of a few hundred kilobytes inflating to gigabytes does not.
MAX_DOCX_EXPANDED_BYTES = 100 * 1024 * 1024
#: The most parts a Word document may hold (a long report with pictures has a few hundred).
MAX_DOCX_PARTS = 10_000
#: Parts that hold macros, named in any folder: a .docx should have none, a .docm has them.
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")
_READ_CHUNK = 1024 * 1024
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def max_paper_bytes() -> int:
    """The largest paper accepted: the TRUSTBOARD_MAX_PAPER_BYTES setting, 20 MB by default."""
    return int(getattr(settings, "TRUSTBOARD_MAX_PAPER_BYTES", DEFAULT_MAX_PAPER_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class InspectedPaper:
    """What to store for an upload: `content` is the file, or the PDF without its active
    content (`removed` says what was taken out; empty when the upload is stored as it is);
    for a Word document, `pdf` is its PDF rendition and `page_count` that PDF's pages."""

    name: str
    kind: PaperKind
    size: int
    sha256: str
    page_count: int | None
    content: File
    removed: tuple[str, ...] = ()
    #: A Word paper laid out as a tagged PDF, for the agenda pack; None for a PDF paper.
    pdf: ContentFile | None = None


def paper_name_check(name: str) -> str:
    """Return the file's name if it is a plain PDF or DOCX name; refuse it otherwise."""
    name = (name or "").strip()
    if not name:
        raise RuleError("The file has no name; give it one ending .pdf or .docx.", field="file")
    if len(name) > 200:
        raise RuleError("The file name is longer than 200 characters; shorten it.", field="file")
    if any(unicodedata.category(char) in ("Cc", "Cf") for char in name):
        raise RuleError("The file name contains control characters; rename the file using "
                        "letters, numbers, spaces and hyphens.", field="file")
    if "<" in name or ">" in name:
        raise RuleError("The file name contains markup (< or >); rename the file using "
                        "letters, numbers, spaces and hyphens.", field="file")
    if "/" in name or "\\" in name or ".." in name or name.startswith("."):
        raise RuleError("The file name contains a folder path; choose the file itself, named "
                        "with letters, numbers, spaces and hyphens.", field="file")
    extension = name[name.rfind("."):].lower() if "." in name else ""
    if extension not in _EXTENSIONS:
        raise RuleError("The file must be a PDF or a Word document, named .pdf or .docx.",
                        field="file")
    return name


def _kind_of(file: File) -> tuple[PaperKind, int | None]:
    """The format the bytes say, and a PDF's page count; refuse anything else."""
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head == b"%PDF-":
        try:
            reader = PdfReader(file)
            if reader.is_encrypted:
                raise RuleError("The PDF is password-protected; upload a copy without a "
                                "password.", field="file")
            pages = len(reader.pages)
        except (PdfReadError, ValueError, KeyError, TypeError) as error:
            raise RuleError("The file starts like a PDF but cannot be read; it may be "
                            "damaged. Save it as a PDF again and upload it.",
                            field="file") from error
        if not pages:
            raise RuleError("The PDF has no pages.", field="file")
        return PaperKind.PDF, pages
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(file) as archive:
                if "word/document.xml" in archive.namelist():
                    _docx_check(archive)
                    return PaperKind.DOCX, None
        except zipfile.BadZipFile:
            pass
        finally:
            file.seek(0)
    raise RuleError("The file is not really a PDF or a Word (DOCX) document; save it in one "
                    "of those formats and upload it again.", field="file")


def _docx_check(archive: zipfile.ZipFile) -> None:
    """Refuse a Word document holding macros or ActiveX controls, or one that inflates too far.

    The sizes the zip's directory declares are checked first; then every part is inflated,
    counting what comes out, so a directory understating its sizes is caught too.
    """
    parts = archive.infolist()
    if len(parts) > MAX_DOCX_PARTS:
        raise RuleError(f"The Word document holds {len(parts):,} parts; a paper may hold at "
                        f"most {MAX_DOCX_PARTS:,}. Save it from Word again and upload it.",
                        field="file")
    for part in parts:
        if part.filename.lower().rsplit("/", 1)[-1] in _MACRO_PARTS:
            _refuse_macros(part.filename)
        if part.filename.lower().startswith("word/activex/"):
            raise RuleError(
                f"The Word document holds ActiveX controls ({part.filename}), which can run "
                "programs on the computer of anyone who opens it, and papers are published. "
                "Remove the controls, save it again and upload it.", field="file")
    declared = sum(part.file_size for part in parts)
    if declared > MAX_DOCX_EXPANDED_BYTES:
        _refuse_expansion(declared)
    inflated = 0
    try:
        for part in parts:
            with archive.open(part) as member:
                while chunk := member.read(_READ_CHUNK):
                    inflated += len(chunk)
                    if inflated > MAX_DOCX_EXPANDED_BYTES:
                        _refuse_expansion(inflated, at_least=True)
                    if part.filename == "[Content_Types].xml" and b"macroEnabled" in chunk:
                        _refuse_macros("a macro-enabled document type")
        for part in parts:
            if part.filename.lower().endswith(".rels"):
                _outside_links_refuse(part.filename, archive.read(part))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
            RuntimeError) as error:
        raise RuleError(f"The Word document cannot be read; it may be damaged ({error}). "
                        "Save it from Word again and upload it.", field="file") from error


def _outside_links_refuse(name: str, relationships: bytes) -> None:
    """Refuse a part whose relationships fetch an outside file (a linked picture, object,
    template or frame); a hyperlink, which only a reader follows, is allowed."""
    try:
        root = ElementTree.fromstring(relationships)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise RuleError(f"The Word document cannot be read: its part {name} is damaged. "
                        "Save it from Word again and upload it.", field="file") from error
    for relationship in root.iter(_RELATIONSHIPS):
        if (relationship.get("TargetMode") == "External"
                and not relationship.get("Type", "").endswith("/hyperlink")):
            kind = relationship.get("Type", "").rsplit("/", 1)[-1] or "file"
            raise RuleError(
                f"The Word document links to an outside {kind} "
                f"({relationship.get('Target', '')[:100]}) rather than holding it, and it "
                "would be fetched when the paper is laid out for the pack. Insert the "
                "picture or object into the document itself, save it and upload it again.",
                field="file")


def _refuse_macros(where: str) -> None:
    raise RuleError(f"The Word document holds macros ({where}), which can run programs on the "
                    "computer of anyone who opens it, and papers are published. In Word, "
                    "save it as 'Word Document (*.docx)', not macro-enabled, and upload it "
                    "again.", field="file")


def _refuse_expansion(size: int, *, at_least: bool = False) -> None:
    raise RuleError(f"The Word document inflates to {'more than ' if at_least else ''}"
                    f"{_megabytes(size)} when opened; a paper may inflate to at most "
                    f"{_megabytes(MAX_DOCX_EXPANDED_BYTES)}. A file that grows this much is "
                    "damaged or built to overwhelm the computer that opens it (a 'zip bomb'); "
                    "save it from Word again and upload it.", field="file")


# Actions that run code, start programs, open other files or send data when triggered.
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE",
                   "/Rendition", "/RichMediaExecute"}
# Annotations that carry files or media players rather than marks on the page.
_ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"}


def _pdf_cleaned(file: File) -> tuple[bytes, tuple[str, ...]] | None:
    """Return the PDF without its active content and what was removed; None if it had none."""
    file.seek(0)
    try:
        with pikepdf.open(io.BytesIO(file.read())) as pdf:
            removed = _pdf_active_content_removed(pdf)
            if not removed:
                return None
            output = io.BytesIO()
            # qpdf writes only the objects still reached from the document, so what was cut
            # loose (a JavaScript name tree's scripts, an embedded file) is not written.
            pdf.save(output)
    except pikepdf.PdfError as error:
        raise RuleError("The file starts like a PDF but cannot be read; it may be damaged. "
                        "Save it as a PDF again and upload it.", field="file") from error
    finally:
        file.seek(0)
    return output.getvalue(), tuple(sorted(removed))


def _pdf_active_content_removed(pdf: pikepdf.Pdf) -> set[str]:
    removed: set[str] = set()
    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key, what in (("/JavaScript", "JavaScript"), ("/EmbeddedFiles", "embedded files")):
            if key in names:
                del names[key]
                removed.add(what)
    for key, what in (("/Collection", "embedded files"), ("/OpenAction", "an opening action")):
        if key in root:
            del root[key]
            removed.add(what)
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
        del form["/XFA"]
        removed.add("an XFA form")
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            kept = [annotation for annotation in annotations
                    if not (isinstance(annotation, pikepdf.Dictionary)
                            and annotation.get("/Subtype") in _ACTIVE_ANNOTATIONS)]
            if len(kept) < len(annotations):
                page.obj["/Annots"] = pikepdf.Array(kept)
                removed.add("attached files or media")
    for obj in pdf.objects:
        _remove_actions(obj, removed)
    _remove_actions(pdf.trailer, removed)
    return removed


def _remove_actions(obj, removed: set[str]) -> None:
    """Take scripts, automatic actions and active actions out of a dictionary and the
    dictionaries and arrays written inside it (other objects are visited on their own)."""
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for key in ("/JS", "/AA", "/OpenAction"):
            if key in obj:
                del obj[key]
                removed.add({"/JS": "JavaScript", "/AA": "actions run on events",
                             "/OpenAction": "an opening action"}[key])
        for key in ("/A", "/Next"):
            if key in obj and _is_active_action(obj[key]):
                del obj[key]
                removed.add("actions that run programs, scripts or open other files")
        children = [obj[key] for key in obj]
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return
    for child in children:
        if isinstance(child, pikepdf.Object) and not child.is_indirect:
            _remove_actions(child, removed)


def _is_active_action(action) -> bool:
    if isinstance(action, pikepdf.Array):
        return any(_is_active_action(item) for item in action)
    return (isinstance(action, pikepdf.Dictionary)
            and (action.get("/S") in _ACTIVE_ACTIONS or "/JS" in action))


def paper_inspect(file: File) -> InspectedPaper:
    """Check an uploaded file's name, size and bytes; say what it is or refuse it."""
    name = paper_name_check(file.name)
    size = file.size
    if not size:
        raise RuleError("The file is empty.", field="file")
    limit = max_paper_bytes()
    if size > limit:
        raise RuleError(f"The file is {_megabytes(size)}; a paper can be at most "
                        f"{_megabytes(limit)}. Reduce its size or split it.", field="file")
    kind, pages = _kind_of(file)
    declared = _EXTENSIONS[name[name.rfind("."):].lower()]
    if declared != kind:
        raise RuleError(f"The file is a {kind.label} but its name ends "
                        f"{name[name.rfind('.'):]}; rename it to match.", field="file")
    cleaned = _pdf_cleaned(file) if kind == PaperKind.PDF else None
    if cleaned:
        content, removed = cleaned
        return InspectedPaper(name=name, kind=kind, size=len(content),
                              sha256=hashlib.sha256(content).hexdigest(), page_count=pages,
                              content=ContentFile(content, name=file.name), removed=removed)
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    rendition = None
    if kind == PaperKind.DOCX:
        rendition, pages = _docx_rendition(file)
    return InspectedPaper(name=name, kind=kind, size=size, sha256=digest.hexdigest(),
                          page_count=pages, content=file, pdf=rendition)


def _docx_rendition(file: File) -> tuple[ContentFile, int]:
    """The Word document as a tagged PDF, and its pages; refuse one that will not convert."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        pdf = docx_to_pdf(data)
    except ConversionError as error:
        raise RuleError(f"The Word document could not be turned into PDF for the agenda "
                        f"pack: {error} Save it as a PDF from Word and upload that instead.",
                        field="file") from error
    rendition = ContentFile(pdf, name="paper.pdf")
    cleaned = _pdf_cleaned(rendition)
    if cleaned:
        rendition = ContentFile(cleaned[0], name="paper.pdf")
    pages = len(PdfReader(io.BytesIO(rendition.read())).pages)
    rendition.seek(0)
    return rendition, pages
