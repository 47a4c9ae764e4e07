"""`trustboard report performance ...` writes the report to a file, or says what is wrong."""

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from pypdf import PdfReader

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("figures")]


def _report(*args):
    out = io.StringIO()
    call_command("report", *args, "--quiet", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("format", ["html", "docx", "pdf"])
def test_writes_each_format(plan, tmp_path, format):
    output = tmp_path / f"report.{format}"
    said = _report("performance", "--plan", "cypf-2011-14", "--as-at", "2012-09-30",
                   "--format", format, "--output", str(output))
    assert "Wrote Officer group report" in said
    content = output.read_bytes()
    if format == "pdf":
        assert "Page 1 of" in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    elif format == "docx":
        assert any(p.style.name == "Heading 1" for p in Document(io.BytesIO(content)).paragraphs)
    else:
        assert b"Purpose of the Report" in content


@pytest.mark.parametrize(("args", "message"), [
    (["--plan", "nope"], "--plan 'nope' is not a plan's slug (plans: cypf-2011-14)"),
    (["--as-at", "30/09/2012"], "--as-at '30/09/2012' is not a date"),
    (["--format", "odt"], "--format 'odt' is not one Trustboard writes: use html, docx, pdf"),
    (["--output", "/no/such/folder/report.pdf"], "--output '/no/such/folder/report.pdf' "
                                                 "cannot be written"),
])
def test_errors_name_the_option(plan, tmp_path, args, message):
    options = {"--plan": "cypf-2011-14", "--as-at": "2012-09-30", "--format": "pdf",
               "--output": str(tmp_path / "report.pdf")}
    options.update(dict(zip(args[::2], args[1::2], strict=True)))
    with pytest.raises(CommandError, match="^" + message.replace("(", r"\(").replace(
            ")", r"\)")):
        _report("performance", *[part for pair in options.items() for part in pair])


def test_an_update_goes_to_the_health_and_wellbeing_board(plan, tmp_path):
    output = tmp_path / "update.html"
    _report("update", "--plan", "cypf-2011-14", "--as-at", "2012-09-30", "--format", "html",
            "--output", str(output))
    assert "update to the Health and Wellbeing Board" in output.read_text()
