"""An officer runs a meeting in the browser; the public and the body's members read it."""

import re

import pytest
from playwright.sync_api import expect

from tests.meetings.factories import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

EXEMPT_TITLE = "Short breaks contract variation"
EXEMPT_DECISION = "Vary the short breaks contract by the sum negotiated."
KEY_MESSAGE = "Partners will see the Early Help Strategy in their June briefings."
EXEMPT_PAPER = "Short breaks contract: revised prices"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(demo, live_server):
    """The demo (tests/conftest.py), served: its address."""
    return live_server.url


def _add_item(page, title: str, *, paragraph: str | None = None):
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("For decision").check()
    if paragraph:
        page.get_by_label("Exempt under Schedule 12A").check()
        page.get_by_label("Schedule 12A paragraph").select_option(value=paragraph)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=re.compile(re.escape(title)))).to_be_visible()


def _record_decision(page, item: str, text: str):
    page.get_by_role("link", name="Record a decision").click()
    page.get_by_label("Agenda item").select_option(label=item)
    page.get_by_label("Kind").select_option(label="Note")
    page.get_by_label("Decision").fill(text)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(text)).to_be_visible()


def test_officer_builds_an_agenda_and_the_public_sees_only_open_items(
        page, demo, sign_in, assert_accessible, run_tasks):
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{demo}/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a meeting").click()
    assert_accessible(page)
    expect(page.get_by_label("Body").locator("option", has_text="Children's Trust Board")
           ).to_have_count(0)  # a body of the proposed 2015 arrangement holds no meetings
    page.get_by_label("Body").select_option(label="Children's Trust Executive")
    page.get_by_label("Date").fill("2013-05-16")
    page.get_by_label("Starts at").fill("14:00")
    page.get_by_label("Place").fill("County Hall, West Bridgford")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Children's Trust Executive, 16 May 2013")
    meeting_url = page.url
    assert_accessible(page)

    # The agenda starts with the standard items; the clerk moves one and removes another.
    for number, title in enumerate(["Apologies and substitutions", "Declarations of interest",
                                    "Minutes of the last meeting", "Matters arising",
                                    "Any other business", "Date of next meeting"], start=1):
        expect(page.get_by_role("heading", name=f"{number}. {title}")).to_be_visible()
    page.get_by_role("button", name="Move down item 5").click()
    expect(page.get_by_role("heading", name="5. Date of next meeting")).to_be_visible()
    expect(page.get_by_role("heading", name="6. Any other business")).to_be_visible()
    page.get_by_role("link", name="Remove item 4").click()
    page.get_by_role("button", name="Remove the item").click()
    expect(page.get_by_role("heading", name="4. Date of next meeting")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add an agenda item").click()
    assert_accessible(page)
    page.go_back()
    _add_item(page, "Early Help Strategy")
    _add_item(page, EXEMPT_TITLE, paragraph="3")
    expect(page.get_by_text("Exempt: Schedule 12A paragraph 3")).to_be_visible()
    expect(page.get_by_role("heading", name="7. Exclusion of the press and public")
           ).to_be_visible()
    expect(page.get_by_role("heading", name=f"8. {EXEMPT_TITLE}")).to_be_visible()

    page.get_by_role("link", name="Record attendance").click()
    assert_accessible(page)
    page.get_by_role("group", name="Corporate Director (placeholder)").get_by_label(
        "Present").check()
    page.get_by_role("group", name="Deputy Director (placeholder)").get_by_label(
        "Apologies").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Apologies")).to_be_visible()

    _record_decision(page, "4. Early Help Strategy", "The Early Help Strategy was approved.")
    page.get_by_role("link", name="Record a decision").click()
    assert_accessible(page)
    page.go_back()
    _record_decision(page, f"8. {EXEMPT_TITLE}", EXEMPT_DECISION)

    page.get_by_role("link", name="Add a key message").click()
    assert_accessible(page)
    page.get_by_label("Key message").fill(KEY_MESSAGE)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(KEY_MESSAGE)).to_be_visible()
    assert_accessible(page)

    _add_paper(page, "4. Early Help Strategy", "Early Help Strategy 2013-16",
               "early-help.pdf", pdf_bytes("Early Help Strategy"), assert_accessible)
    _add_paper(page, f"8. {EXEMPT_TITLE}", EXEMPT_PAPER, "variation.pdf",
               pdf_bytes(EXEMPT_PAPER), assert_accessible)
    page.get_by_role("link", name="Add a paper").click()
    page.get_by_label("Agenda item").select_option(label="4. Early Help Strategy")
    page.get_by_label("Title of the paper").fill("Not a paper")
    page.get_by_label("File").set_input_files(files=[{
        "name": "not-a-paper.pdf", "mimeType": "application/pdf",
        "buffer": b"<script>alert(1)</script>"}])
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("not really a PDF or a Word (DOCX)")
    assert_accessible(page)
    page.go_back()
    page.go_back()

    page.get_by_role("link", name="Publish the agenda pack").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the pack").click()
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    assert_accessible(page)
    run_tasks()
    page.reload()
    expect(page.get_by_text(re.compile("Agenda pack version 1 published: \\d+ pages"))
           ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See the result").click()
    expect(page.get_by_role("link", name=re.compile("Agenda pack, version 1"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Full pack for members"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Draft the minutes").click()
    assert_accessible(page)
    page.get_by_role("button", name="Draft the minutes").click()
    expect(page.get_by_text("To be approved at the next meeting")).to_be_visible()
    expect(page.get_by_role("heading", name="4. Early Help Strategy")).to_be_visible()
    assert_accessible(page)
    page.goto(meeting_url)

    page.context.clear_cookies()
    page.goto(meeting_url)
    expect(page.get_by_role("heading", name="4. Early Help Strategy")).to_be_visible()
    expect(page.get_by_text("The Early Help Strategy was approved.")).to_be_visible()
    # The public sees the exempt item by its paragraph, after the exclusion resolution.
    expect(page.get_by_role("heading", name="8. Exempt item: Schedule 12A paragraph 3")
           ).to_be_visible()
    expect(page.get_by_text(re.compile("To resolve that the press and public be excluded .* "
                                       "paragraph 3 of Part 1 of Schedule 12A"))).to_be_visible()
    expect(page.get_by_role("link", name="Early Help Strategy 2013-16")).to_be_visible()
    expect(page.get_by_text(EXEMPT_TITLE)).to_have_count(0)
    expect(page.get_by_text(EXEMPT_DECISION)).to_have_count(0)
    expect(page.get_by_text(EXEMPT_PAPER)).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("Full pack"))).to_have_count(0)
    expect(page.get_by_role("link", name="Add an agenda item")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Draft minutes").click()
    expect(page.get_by_text(EXEMPT_TITLE)).to_have_count(0)
    expect(page.get_by_role("heading", name="8. Exempt item: Schedule 12A paragraph 3")
           ).to_be_visible()
    expect(page.get_by_text(re.compile("RESOLVED that the press and public be excluded .* "
                                       "paragraph 3 of Part 1 of Schedule 12A"))).to_be_visible()
    expect(page.get_by_text("This item was taken in private")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{demo}/meetings/newsletter/?from=2013-05-01&to=2013-05-31")
    expect(page.get_by_text(KEY_MESSAGE)).to_be_visible()
    expect(page.get_by_text("The Early Help Strategy was approved.")).to_be_visible()
    expect(page.get_by_text(EXEMPT_TITLE)).to_have_count(0)
    expect(page.get_by_text(EXEMPT_DECISION)).to_have_count(0)
    assert_accessible(page)

    sign_in(page, "member", "demo-member-password")
    page.goto(meeting_url)
    expect(page.get_by_role("heading", name=f"8. {EXEMPT_TITLE}")).to_be_visible()
    expect(page.get_by_text(EXEMPT_DECISION)).to_be_visible()
    expect(page.get_by_role("link", name=EXEMPT_PAPER)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Full pack for members"))).to_be_visible()
    assert_accessible(page)


def _add_paper(page, item: str, title: str, name: str, content: bytes, assert_accessible):
    page.get_by_role("link", name="Add a paper").click()
    assert_accessible(page)
    page.get_by_label("Agenda item").select_option(label=item)
    page.get_by_label("Title of the paper").fill(title)
    page.get_by_label("File").set_input_files(files=[{
        "name": name, "mimeType": "application/pdf", "buffer": content}])
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name=title)).to_be_visible()


def test_officer_edits_an_item_links_it_to_the_plan_and_reads_coverage(
        page, demo, sign_in, assert_accessible):
    sign_in(page, "officer", "demo-officer-password")
    page.goto(f"{demo}/meetings/")
    page.get_by_role("link", name="17 May 2012, 14:00").click()
    page.get_by_role("link", name="Change item 3").click()
    assert_accessible(page)
    page.get_by_label("5. Reduce child and family poverty").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("minutes of this meeting were approved")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{demo}/meetings/")
    page.get_by_role("link", name="21 March 2013, 14:00").click()
    page.get_by_role("link", name="Change the meeting").click()
    assert_accessible(page)
    page.get_by_label("Place").fill("Mansfield Civic Centre")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Mansfield Civic Centre")).to_be_visible()
    page.get_by_role("link", name="Remove item 1").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove the item").click()
    expect(page.get_by_role("heading", name="1. Declarations of interest")).to_be_visible()

    page.goto(f"{demo}/meetings/coverage/")
    expect(page.get_by_text("Priority 4. Close the gaps in educational achievement")
           ).to_be_visible()
    assert_accessible(page)
    page.goto(f"{demo}/meetings/attendance/")
    expect(page.get_by_role("heading", name="Key decision makers absent")).to_be_visible()
    assert_accessible(page)


def test_public_reads_the_demo_meetings_and_newsletter(page, demo, assert_accessible):
    page.goto(f"{demo}/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="17 May 2012, 14:00").click()
    expect(page.get_by_role("heading", name="5. Youth Homelessness Strategy")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{demo}/meetings/newsletter/?from=2012-04-01&to=2013-03-31")
    expect(page.get_by_text("Award of the young carers")).to_have_count(0)
    assert_accessible(page)
    page.goto(f"{demo}/meetings/newsletter/")
    assert_accessible(page)
    page.goto(f"{demo}/meetings/")
    page.get_by_role("link", name="12 July 2012, 14:00").click()
    expect(page.get_by_role("link", name=re.compile("Agenda pack, version 2"))).to_be_visible()
    expect(page.get_by_text("Added: paper \u201cPathway to Provision: equality impact "
                            "assessment\u201d to item 6")).to_be_visible()
    expect(page.get_by_text("young carers")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Minutes, approved")).click()
    expect(page.get_by_text("Approved", exact=True)).to_be_visible()
    expect(page.get_by_text("young carers")).to_have_count(0)
    assert_accessible(page)
