"""What an uploaded paper really is: checked by its bytes, never by its name or the browser.

A paper is a PDF (it starts `%PDF-` and pypdf can read its pages) or a Word document (a zip
holding `word/document.xml`). Its name is kept for display only; it is stored under a name
we make, so a name carrying markup, a folder path or control characters is refused outright
rather than cleaned into something the officer did not choose.
"""

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from trustboard.core.errors import RuleError
from trustboard.meetings.models import PaperKind

DEFAULT_MAX_PAPER_BYTES = 20 * 1024 * 1024
_EXTENSIONS = {".pdf": PaperKind.PDF, ".docx": PaperKind.DOCX}


def max_paper_bytes() -> int:
    """The largest paper accepted: the TRUSTBOARD_MAX_PAPER_BYTES setting, 20 MB by default."""
    return int(getattr(settings, "TRUSTBOARD_MAX_PAPER_BYTES", DEFAULT_MAX_PAPER_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class InspectedPaper:
    name: str
    kind: PaperKind
    size: int
    sha256: str
    page_count: int | None


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
                    return PaperKind.DOCX, None
        except zipfile.BadZipFile:
            pass
        finally:
            file.seek(0)
    raise RuleError("The file is not really a PDF or a Word (DOCX) document; save it in one "
                    "of those formats and upload it again.", field="file")


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
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return InspectedPaper(name=name, kind=kind, size=size, sha256=digest.hexdigest(),
                          page_count=pages)
