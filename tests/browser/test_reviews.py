"""A board member answers the review's questionnaire on a phone, through their link alone,
and the officer sees the response rate and the results move."""

import datetime
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from trustboard.reviews.models import Question, Questionnaire, Review
from trustboard.reviews.services import (
    Recipient,
    invitations_send,
    questionnaire_question_add,
    questionnaire_save,
    review_save,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
#: Set to a folder to save screenshots of the results and answering pages there (docs/images).
SCREENSHOTS = os.environ.get("TRUSTBOARD_SCREENSHOTS")


def _open_questionnaire(live_server) -> str:
    """A 2017 review asking two of the 2015 questions, sent to two members; one link back."""
    review = review_save(review=Review(title="Review of the Children's Trust Board 2017",
                                       slug="board-review-2017",
                                       starts_on=datetime.date.today(),
                                       ends_on=datetime.date.today()), by=None)
    questionnaire = questionnaire_save(questionnaire=Questionnaire(
        review=review, title="Questionnaire to Board Members",
        closes_on=datetime.date.today() + datetime.timedelta(days=14)), by=None)
    for code in ("purpose", "effectiveness-rating"):
        questionnaire_question_add(questionnaire=questionnaire, by=None, allows_comment=True,
                                   question=Question.objects.get(code=code))
    sent = invitations_send(questionnaire=questionnaire, by=None,
                            link_for=lambda questionnaire, token: "",
                            recipients=[Recipient(name="Member One", email="one@example.org"),
                                        Recipient(name="Member Two", email="two@example.org")])
    return f"{live_server.url}/reviews/answer/{questionnaire.public_id}/{sent[0].token}/"


def test_member_answers_on_a_phone_without_signing_in_and_the_officer_sees_it_counted(
        browser, page, live_server, assert_accessible, sign_in, django_user_model, demo):
    link = _open_questionnaire(live_server)
    django_user_model.objects.create_user(username="reviewer", password="reviewer-password-1",
                                          role="officer")
    sign_in(page, "reviewer", "reviewer-password-1")
    page.goto(f"{live_server.url}/reviews/board-review-2015/results/")
    expect(page.locator("#table-1")).to_contain_text("5.8")
    assert_accessible(page)
    if SCREENSHOTS:
        page.set_viewport_size({"width": 1000, "height": 1400})
        page.screenshot(path=str(Path(SCREENSHOTS) / "reviews-results.png"))
        page.screenshot(path=str(Path(SCREENSHOTS) / "reviews-results-full.png"), full_page=True)
    page.goto(f"{live_server.url}/reviews/board-review-2017/")
    page.get_by_role("link", name="Questionnaire to Board Members").click()
    expect(page.locator("[data-response-rate]")).to_have_text("0 of 2 answered (0%)")

    phone = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800},
                                locale="en-GB").new_page()
    phone.goto(link)
    assert_accessible(phone)
    if SCREENSHOTS:
        phone.screenshot(path=str(Path(SCREENSHOTS) / "reviews-answer-phone.png"),
                         full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("alert")).to_contain_text("answer this question; it is required")
    assert_accessible(phone)
    # By keyboard: an option takes the focus and Space picks it.
    phone.get_by_label("Yes", exact=True).focus()
    phone.keyboard.press("Space")
    phone.get_by_label("Comment (optional)").first.fill("Clear, but <b>not</b> written down")
    phone.get_by_label("7", exact=True).check()
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", name="Answers sent")).to_be_visible()
    assert_accessible(phone)
    phone.goto(link)
    expect(phone.get_by_text("Answers have already been sent from this link")).to_be_visible()

    page.reload()
    expect(page.locator("[data-response-rate]")).to_have_text("1 of 2 answered (50%)")
    page.get_by_role("link", name="Results", exact=True).click()
    expect(page.locator("#table-1")).to_contain_text("7.0")
    expect(page.get_by_text("The one respondent answered Yes.")).to_be_visible()
    expect(page.get_by_text("Clear, but <b>not</b> written down")).to_be_visible()
    assert_accessible(page)
