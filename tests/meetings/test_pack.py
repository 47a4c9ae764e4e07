"""The agenda pack: one PDF whose printed page numbers match the agenda's references."""

import io
import re
import subprocess

import pikepdf
import pytest
from pypdf import PdfReader

from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    at,
    docx_bytes,
    pdf_bytes,
    upload,
)
from tests.pdf_structure import (
    ends_with_pagination_artifact,
    pages_find_their_elements,
    structure_elements,
)
from trustboard.core.errors import RuleError
from trustboard.meetings.models import ExemptParagraph, MeetingStatus, PackVersion
from trustboard.meetings.services import agenda_item_save, pack_publish, paper_upload

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Award of the young carers support contract"
SECRET_PAPER = "Tender evaluation: young carers"


@pytest.fixture
def meeting(officer):
    meeting = MeetingFactory(starts_at=at(2012, 7, 12, 14), ends_at=at(2012, 7, 12, 16))
    strategy = AgendaItemFactory(meeting=meeting, number=1,
                                 title="Looked After Children Strategy")
    AgendaItemFactory(meeting=meeting, number=2, title="Apologies and declarations")
    secret = AgendaItemFactory(meeting=meeting, number=3, title=SECRET_TITLE, is_exempt=True,
                               exempt_paragraph=ExemptParagraph.FINANCIAL)
    pathway = AgendaItemFactory(meeting=meeting, number=4, title="Pathway to Provision")
    paper_upload(item=strategy, title="Looked After Children Strategy 2012-15",
                 file=upload("lac.pdf", pdf_bytes("Looked After Children Strategy", pages=3)),
                 by=officer)
    paper_upload(item=secret, title=SECRET_PAPER,
                 file=upload("tender.pdf", pdf_bytes(SECRET_PAPER, pages=2)), by=officer)
    paper_upload(item=pathway, title="Pathway to Provision consultation",
                 file=upload("pathway.pdf", pdf_bytes("Pathway to Provision", pages=2)),
                 by=officer)
    paper_upload(item=pathway, title="Consultation questionnaire",
                 file=upload("questionnaire.docx", docx_bytes("Questions")), by=officer)
    return meeting


def _read(field) -> PdfReader:
    with field.open("rb") as stored:
        return PdfReader(io.BytesIO(stored.read()))


def _page(reader: PdfReader, index: int) -> str:
    """A page's text with its line breaks as spaces."""
    return " ".join(reader.pages[index].extract_text().split())


def _text(reader: PdfReader) -> str:
    return " ".join(_page(reader, index) for index in range(len(reader.pages)))


def _outline(reader: PdfReader) -> list:
    def walk(entries):
        return [walk(entry) if isinstance(entry, list) else
                (entry.title, reader.get_destination_page_number(entry)) for entry in entries]
    return walk(reader.outline)


def test_public_pack_is_the_agenda_then_the_public_papers(meeting, officer):
    version = pack_publish(meeting=meeting, by=officer)
    reader = _read(version.public_pdf)
    assert len(reader.pages) == version.public_pages == 1 + 3 + 2 + 1
    assert "Looked After Children Strategy, page 1" in _page(reader, 1)
    assert "Pathway to Provision, page 2" in _page(reader, 5)
    assert "Questions" in _page(reader, 6)  # the Word paper, laid out as PDF


def test_agenda_page_references_match_the_numbers_printed_on_the_pages(meeting, officer):
    reader = _read(pack_publish(meeting=meeting, by=officer).public_pdf)
    agenda = _page(reader, 0)
    assert "Looked After Children Strategy 2012-15: page 2" in agenda
    assert "Pathway to Provision consultation: page 5" in agenda
    assert "Consultation questionnaire: page 7" in agenda
    for index in range(7):
        assert f"Page {index + 1} of 7" in _page(reader, index)


def test_word_paper_is_in_the_pack_at_the_page_the_agenda_gives(meeting, officer):
    reader = _read(pack_publish(meeting=meeting, by=officer).public_pdf)
    assert "Consultation questionnaire: page 7" in _page(reader, 0)
    assert "available separately" not in _page(reader, 0)
    assert "Questions" in _page(reader, 6)
    assert "Page 7 of 7" in _page(reader, 6)


def test_word_paper_uploaded_before_conversion_is_listed_as_available_separately(
        meeting, officer):
    paper = meeting.items.get(number=4).papers.get(title="Consultation questionnaire")
    paper.pdf_file, paper.page_count = "", None
    paper.save()
    reader = _read(pack_publish(meeting=meeting, by=officer).public_pdf)
    assert len(reader.pages) == 1 + 3 + 2
    assert ("Consultation questionnaire (Word document uploaded before papers were converted "
            "to PDF, available separately") in _page(reader, 0)


def test_public_pack_has_a_bookmark_per_open_item_and_paper(meeting, officer):
    reader = _read(pack_publish(meeting=meeting, by=officer).public_pdf)
    assert _outline(reader) == [
        ("Agenda", 0),
        ("1. Looked After Children Strategy", 1),
        [("Looked After Children Strategy 2012-15", 1)],
        ("2. Apologies and declarations", 0),
        # The exempt item, as the public sees it: its paragraph and no paper.
        ("3. Exempt item: Schedule 12A paragraph 3: Item not for publication", 0),
        ("4. Pathway to Provision", 4),
        [("Pathway to Provision consultation", 4), ("Consultation questionnaire", 6)],
    ]


def test_public_pack_never_contains_the_exempt_item(meeting, officer):
    reader = _read(pack_publish(meeting=meeting, by=officer).public_pdf)
    text = _text(reader) + repr(_outline(reader)) + repr(reader.metadata)
    assert SECRET_TITLE not in text
    assert SECRET_PAPER not in text
    assert "young carers" not in text


def test_full_pack_for_members_has_the_exempt_item_and_its_paper(meeting, officer):
    version = pack_publish(meeting=meeting, by=officer)
    reader = _read(version.full_pdf)
    assert len(reader.pages) == version.full_pages == 1 + 3 + 2 + 2 + 1
    assert (f"3. {SECRET_TITLE}", 4) in _outline(reader)
    assert "Schedule 12A, paragraph 3" in _page(reader, 0)
    assert f"{SECRET_PAPER}: page 5" in _page(reader, 0)
    assert "Page 9 of 9" in _page(reader, 8)


def test_pack_without_exempt_items_has_no_full_pack(officer):
    item = AgendaItemFactory(title="Youth Homelessness Strategy")
    version = pack_publish(meeting=item.meeting, by=officer)
    assert not version.full_pdf
    assert version.changes_for(sees_exempt=False) == ["First published."]


def test_long_agenda_runs_to_several_pages_and_references_still_match(officer):
    meeting = MeetingFactory()
    for number in range(1, 31):
        AgendaItemFactory(meeting=meeting, number=number, title=f"Locality report {number}",
                          summary="")
    last = meeting.items.get(number=30)
    paper_upload(item=last, title="Gedling locality report",
                 file=upload("gedling.pdf", pdf_bytes("Gedling", pages=1)), by=officer)
    version = pack_publish(meeting=meeting, by=officer)
    reader = _read(version.public_pdf)
    agenda_pages = version.public_pages - 1
    assert agenda_pages > 1
    agenda = " ".join(_page(reader, index) for index in range(agenda_pages))
    assert f"Gedling locality report: page {version.public_pages}" in agenda
    assert "Gedling, page 1" in _page(reader, -1)


def test_paper_added_after_publication_is_a_supplement_in_a_new_version(meeting, officer):
    pack_publish(meeting=meeting, by=officer)
    item = meeting.items.get(number=2)
    paper = paper_upload(item=item, title="Declarations register",
                         file=upload("register.pdf", pdf_bytes("Register")), by=officer)
    assert paper.is_supplement
    latest = meeting.pack_versions.order_by("-number").first()
    assert latest.number == 2
    assert latest.changes_for(sees_exempt=False) == [
        "Added: paper \u201cDeclarations register\u201d to item 2"]
    assert "Declarations register: page 5" in _page(_read(latest.public_pdf), 0)


def test_exempt_supplement_is_listed_only_for_members(meeting, officer):
    pack_publish(meeting=meeting, by=officer)
    paper_upload(item=meeting.items.get(number=3), title="Revised tender prices",
                 file=upload("prices.pdf", pdf_bytes("Prices")), by=officer)
    latest = meeting.pack_versions.get(number=2)
    assert latest.changes_for(sees_exempt=False) == ["The pack was reissued."]
    assert latest.changes_for(sees_exempt=True) == [
        "Added: paper \u201cRevised tender prices\u201d to item 3"]
    assert "Revised tender prices" not in _text(_read(latest.public_pdf))


def test_pack_of_an_empty_agenda_is_refused(officer):
    with pytest.raises(RuleError, match="Add the agenda's items"):
        pack_publish(meeting=MeetingFactory(), by=officer)
    assert not PackVersion.objects.exists()


def test_pack_of_a_cancelled_meeting_is_refused(officer):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.CANCELLED))
    with pytest.raises(RuleError, match="cancelled"):
        pack_publish(meeting=item.meeting, by=officer)


def test_publishing_reports_each_stage_in_order(meeting, officer):
    seen = []
    pack_publish(meeting=meeting, by=officer,
                 progress=lambda done, total, stage: seen.append((done, total, stage)))
    stages = [stage for _done, _total, stage in seen]
    assert stages == ["Reading the papers"] * 4 + [
        "Laying out the agenda", "Adding the papers", "Numbering the pages",
        "Writing the members\u2019 full pack (laying out the agenda)",
        "Writing the members\u2019 full pack (adding the papers)",
        "Writing the members\u2019 full pack (numbering the pages)",
        "Recording the new version"]
    assert [done for done, _total, _stage in seen] == list(range(len(seen)))
    assert {total for _done, total, _stage in seen} == {len(seen)}


def test_pack_with_a_damaged_paper_is_refused_and_leaves_nothing(meeting, officer, media):
    paper = meeting.items.get(number=4).papers.get(title="Pathway to Provision consultation")
    with open(paper.file.path, "wb") as stored:
        stored.write(b"%PDF-1.4\ngarbage")
    with pytest.raises(RuleError, match=r"Pathway to Provision consultation.* cannot be read"):
        pack_publish(meeting=meeting, by=officer)
    assert not PackVersion.objects.exists()
    assert not list((media / "packs").glob("*"))


def test_body_name_with_markup_is_stamped_as_text_and_attaches_no_file(meeting, officer):
    # The security review's attack: a name that ends the stamp's style element and asks
    # WeasyPrint to attach a file of the server's to the public pack.
    name = 'X</style><a rel="attachment" href="file:///etc/passwd">x</a>'
    meeting.body.name = name
    meeting.body.save()
    version = pack_publish(meeting=meeting, by=officer)
    for field in (version.public_pdf, version.full_pdf):
        with field.open("rb") as stored:
            pdf = pikepdf.open(io.BytesIO(stored.read()))
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert not any("/FileAttachment" in repr(page.obj.get("/Annots", []))
                       for page in pdf.pages)
        reader = _read(field)
        assert "root:" not in _text(reader)
        assert f"{name}, 12 July 2012 \u00b7 Page 2 of" in _page(reader, 1)


def _make_exempt(item, by):
    item.is_exempt, item.exempt_paragraph = True, ExemptParagraph.FINANCIAL
    return agenda_item_save(item=item, by=by)


def test_item_made_exempt_withdraws_every_public_pack_that_shows_it(meeting, officer):
    pack_publish(meeting=meeting, by=officer)
    pack_publish(meeting=meeting, by=officer)
    _make_exempt(meeting.items.get(number=4), officer)
    versions = list(meeting.pack_versions.order_by("number"))
    assert [version.is_public for version in versions] == [False, False]
    assert versions[0].public_withdrawn_reason == (
        "Item 4 became exempt (Schedule 12A paragraph 3) after this version was published.")
    assert "Pathway to Provision" in _text(_read(versions[0].public_pdf))  # kept for officers


def test_pack_published_before_the_item_was_added_stays_public(meeting, officer):
    pack_publish(meeting=meeting, by=officer)
    late = agenda_item_save(item=AgendaItemFactory.build(meeting=meeting, number=None,
                                                         title="Residential placement costs"),
                            by=officer)
    pack_publish(meeting=meeting, by=officer)
    _make_exempt(late, officer)
    assert [version.is_public for version in meeting.pack_versions.order_by("number")] == [
        True, False]


def test_changing_an_exempt_item_withdraws_nothing(meeting, officer):
    pack_publish(meeting=meeting, by=officer)
    secret = meeting.items.get(number=3)
    secret.summary = "Revised evaluation."
    agenda_item_save(item=secret, by=officer)
    assert meeting.pack_versions.get().is_public


def test_next_version_after_an_item_became_exempt_tells_the_public_only_of_a_reissue(
        meeting, officer):
    pack_publish(meeting=meeting, by=officer)
    # Made exempt, it moves to the end of the agenda, after the exclusion of the public.
    item = _make_exempt(meeting.items.get(number=4), officer)
    latest = pack_publish(meeting=meeting, by=officer)
    assert latest.is_public
    assert latest.changes_for(sees_exempt=False) == ["The pack was reissued."]
    assert latest.changes_for(sees_exempt=True) == [
        f"Item {item.number} is now exempt and left out of the public pack"]
    public = _text(_read(latest.public_pdf))
    assert "Pathway to Provision" not in public
    assert "Looked After Children Strategy" in public
    # A reissue with no change at all reads the same to the public, so the two cannot be told
    # apart.
    again = pack_publish(meeting=meeting, by=officer)
    assert again.changes_for(sees_exempt=False) == ["The pack was reissued."]


def test_pack_is_a_tagged_pdf_whose_structure_covers_the_agenda_and_the_word_paper(
        meeting, officer):
    version = pack_publish(meeting=meeting, by=officer)
    info = subprocess.run(["pdfinfo", version.public_pdf.path], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    with version.public_pdf.open("rb") as stored:
        pdf = pikepdf.open(io.BytesIO(stored.read()))
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo["/Title"]) == f"Agenda pack: {meeting}"
    structure = structure_elements(pdf)
    assert structure[0][0] == "/Document"
    assert [kind for kind, _page, _alt in structure].count("/Document") == 1
    assert ("/H1", 0, None) in {(kind, page, alt) for kind, page, alt in structure}
    # The Word paper, converted tagged, keeps its paragraphs on its page (the 7th).
    assert any(kind == "/P" and page == 6 for kind, page, _alt in structure)
    assert pages_find_their_elements(pdf)


def test_page_numbers_are_stamped_as_pagination_artifacts(meeting, officer):
    version = pack_publish(meeting=meeting, by=officer)
    with version.public_pdf.open("rb") as stored:
        pdf = pikepdf.open(io.BytesIO(stored.read()))
    assert all(ends_with_pagination_artifact(page) for page in pdf.pages)
