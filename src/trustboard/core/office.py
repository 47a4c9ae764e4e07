"""Word documents turned into tagged PDFs by LibreOffice, run headless.

A Word paper goes into the agenda pack as pages, so that the pack is complete and the page
numbers the agenda gives hold; the original stays for download. LibreOffice is the one
well-kept converter that lays out Word documents faithfully without Word. It is installed
by `make` (`libreoffice-writer-nogui`, as Graphviz is) and run once per document with a
profile of its own in a temporary folder, so conversions never share or leave state, and
with a time limit, after which it and every process it started are ended.

The document is checked before it comes here (`meetings.papers`): no macros, no ActiveX, no
links to outside files, so converting it cannot run code or fetch anything.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

#: LibreOffice's PDF export, asked for a tagged PDF (headings, lists, tables and the
#: pictures' alternative text in its structure) that shows the document's title.
_PDF_EXPORT = "pdf:writer_pdf_Export:" + json.dumps({
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
})
DEFAULT_TIMEOUT_SECONDS = 120


class ConversionError(Exception):
    """The document could not be converted; the message says why, for the person uploading."""


def office_command() -> str | None:
    """The LibreOffice program, or None where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: float | None = None) -> bytes:
    """The Word document `data` laid out as a tagged PDF."""
    program = office_command()
    if program is None:
        raise ConversionError("LibreOffice, which turns Word papers into PDF, is not "
                              "installed on this server; ask its administrator to run "
                              "`make install`.")
    timeout = timeout or float(getattr(settings, "TRUSTBOARD_CONVERSION_TIMEOUT",
                                       DEFAULT_TIMEOUT_SECONDS))
    with tempfile.TemporaryDirectory(prefix="trustboard-office-") as folder:
        work = Path(folder)
        source = work / "paper.docx"
        source.write_bytes(data)
        command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", _PDF_EXPORT, "--outdir", str(work / "out"), str(source)]
        # Its own session, so a time-out ends LibreOffice's helper processes too.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True, env={**os.environ, "HOME": folder})
        try:
            _out, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionError(f"Converting it to PDF took longer than {timeout:g} "
                                  "seconds.") from None
        result = work / "out" / "paper.pdf"
        if process.returncode != 0 or not result.is_file() or not result.stat().st_size:
            detail = errors.decode("utf-8", "replace").strip().splitlines()
            raise ConversionError("LibreOffice could not lay it out"
                                  + (f" ({detail[-1]})" if detail else "") + ".")
        return result.read_bytes()
