"""The review pages through the test client: answering by link, results, who sees what."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests.reviews.conftest import TODAY
from trustboard.reviews.models import Answer, Invitation, Question, Questionnaire, Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def _answer_url(survey, token):
    return reverse("reviews:answer", args=[survey.public_id, token])


def _text(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def test_a_respondent_answers_through_the_link_without_signing_in(client, survey):
    url = _answer_url(survey, survey.tokens[0])
    assert "How would you rate it?" in _text(client.get(url))
    page = client.post(url, {"q1": "8", "q2": "Yes", "q2_comment": "Fine",
                             "q3_rank_0": "2", "q3_rank_1": "1", "q3_rank_2": "3",
                             "action": "send"})
    assert "Answers sent" in _text(page)
    assert Response.objects.get().answers.get(item__number=3).choices == ["Voice", "Plan",
                                                                          "Data"]


def test_the_same_form_sent_from_two_tabs_is_counted_once(client, survey):
    url = _answer_url(survey, survey.tokens[0])
    data = {"q1": "8", "q2": "Yes", "action": "send"}
    client.post(url, data)
    second = client.post(url, data)
    assert second.status_code == 410
    assert "nothing more was counted" in _text(second)
    assert Response.objects.count() == 1


def test_a_score_outside_the_scale_is_shown_beside_the_question(client, survey):
    page = client.post(_answer_url(survey, survey.tokens[0]),
                       {"q1": "11", "q2": "Yes", "action": "send"})
    assert "There is a problem" in _text(page)
    assert 'href="#q1">Question 1: choose a score from 1 to 10.' in page.content.decode()
    assert not Response.objects.exists()


def test_a_tampered_link_gets_a_clear_message(client, survey):
    page = client.get(_answer_url(survey, survey.tokens[0] + "x"))
    assert page.status_code == 404
    assert "This link is not recognised" in _text(page)


def test_saving_keeps_the_answers_for_the_same_link(client, survey):
    url = _answer_url(survey, survey.tokens[0])
    client.post(url, {"q1": "4", "q4": "Half done", "action": "save"})
    again = client.get(url)
    assert 'value="4" checked' in again.content.decode()
    assert "Half done" in _text(again)
    assert not Response.objects.exists()


def test_answer_text_is_escaped_on_the_results_page(client, officer_client, survey):
    client.post(_answer_url(survey, survey.tokens[0]),
                {"q1": "5", "q2": "No", "q2_comment": "<script>alert(1)</script>",
                 "action": "send"})
    page = officer_client.get(reverse("reviews:results", args=["test-review"]))
    assert "<script>alert(1)</script>" not in page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()


def test_the_questionnaire_page_shows_the_response_rate_and_who_answered(client,
                                                                          officer_client,
                                                                          survey):
    client.post(_answer_url(survey, survey.tokens[1]), {"q1": "5", "q2": "No",
                                                         "action": "send"})
    page = _text(officer_client.get(survey.get_absolute_url()))
    assert "1 of 3 answered (33%)" in page
    assert "Ben Bold10 Jul 2015NoAnswered" in page


def test_a_group_smaller_than_the_minimum_is_not_shown(client, officer_client, survey):
    survey.minimum_group_size = 2
    survey.group_question = survey.items.get(number=2)
    survey.save()
    for token, score, purpose in zip(survey.tokens, ("2", "4", "9"), ("Yes", "Yes", "No"),
                                     strict=True):
        client.post(_answer_url(survey, token), {"q1": score, "q2": purpose, "action": "send"})
    page = _text(officer_client.get(reverse("reviews:results", args=["test-review"])))
    assert "Yes: 2 respondents" in page
    assert "No: 1 respondents" not in page
    assert "1 group with fewer than 2 respondents is not shown" in page


def test_an_officer_sends_the_questionnaire_to_a_list_of_people(officer_client, survey):
    page = officer_client.post(reverse("reviews:questionnaire-invite",
                                       args=["test-review", survey.pk]),
                               {"people": "Dee Deft <dee@example.org>\nnot an address"})
    assert "Line 2: write a name then an email address" in _text(page)
    officer_client.post(reverse("reviews:questionnaire-invite", args=["test-review", survey.pk]),
                        {"people": "Dee Deft <dee@example.org>"})
    assert Invitation.objects.filter(name="Dee Deft", email="dee@example.org").exists()


def test_a_member_cannot_see_the_questionnaire_page(member_client, survey):
    assert member_client.get(survey.get_absolute_url()).status_code == 403


def test_the_demo_results_page_reproduces_table_1_and_the_counts_of_the_review(demo, client):
    from django.contrib.auth import get_user_model
    client.force_login(get_user_model().objects.get(username="member"))
    page = client.get(reverse("reviews:results", args=["board-review-2015"]))
    text = _text(page)
    # Table 1 of the 2015 review (seed 000, paragraph 18).
    table = page.content.decode().split('id="table-1"')[1].split("</table>")[0]
    assert re.findall(r"numeric\">(\d\.\d)</td>", table) == ["5.9", "5.9", "5.9", "5.8"]
    assert "Nine respondents" in text  # paragraph 8
    assert "Two thirds of respondents answered More than two years." in text  # paragraph 9
    assert "Seven of the nine respondents answered Yes." in text  # paragraph 10
    assert "All but one of the respondents answered Yes." in text  # paragraph 12
    assert "Two thirds of respondents answered No." in text  # paragraph 13
    assert "Half of respondents answered Yes." in text  # paragraph 15, an equal split
    assert "The Children's Trust is not an integrated commissioning group but rather a " \
           "strategic group" in page.content.decode().replace("&#x27;", "'")
    assert "Compared with Review of the Children's Trust 2012-13 (illustrative scores)" in \
        text.replace("&#x27;", "'")


def test_the_csv_export_has_no_name_date_or_group_for_an_anonymous_questionnaire(
        client, officer_client, survey):
    client.post(_answer_url(survey, survey.tokens[0]), {"q1": "8", "q2": "Yes",
                                                        "action": "send"})
    export = officer_client.get(reverse("reviews:answers-export",
                                        args=["test-review", survey.pk]))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][:2] == ["Response", "1. How would you rate it?"]
    assert rows[1][:3] == ["1", "8", "Yes"]
    flat = " ".join(" ".join(row) for row in rows)
    assert not any(word in flat for word in ("Ada", "Health", "2015"))


def test_an_officer_files_comments_under_themes_and_the_results_group_them(client,
                                                                          officer_client,
                                                                          survey):
    for token, comment in zip(survey.tokens, ("Too long", "Too many papers", "Good chair"),
                              strict=True):
        client.post(_answer_url(survey, token), {"q1": "5", "q2": "Yes", "q2_comment": comment,
                                                 "action": "send"})
    url = reverse("reviews:comment-themes", args=["test-review", survey.pk])
    assert "Comment: Too many papers" in _text(officer_client.get(url))
    themes = {f"theme-{answer.pk}": "Meetings" if answer.comment.startswith("Too") else "Chairing"
              for answer in Answer.objects.exclude(comment="")}
    officer_client.post(url, themes)
    results = _text(officer_client.get(reverse("reviews:results", args=["test-review"])))
    assert re.search("Comments Chairing Good chair Meetings Too long ?Too many papers", results)


def test_an_officer_adds_the_2015_questions_to_the_bank(officer_client, survey):
    officer_client.post(reverse("reviews:question-bank"))
    page = _text(officer_client.get(reverse("reviews:question-bank"))).replace("&#x27;", "'")
    # The fixture's "purpose" question was already in the bank, and is kept as it was.
    assert "12 of the 2015 review's questions added" in page
    assert "How would you rate the effectiveness of communications with the Partnership's " \
           "workforce?" in page.replace("&#x27;", "'")


def test_an_officer_sends_the_questionnaire_to_the_members_of_a_body(officer_client, survey):
    from tests.governance.factories import MembershipFactory
    membership = MembershipFactory(person__email="member@example.org")
    officer_client.post(reverse("reviews:questionnaire-invite", args=["test-review", survey.pk]),
                        {"body": membership.body.pk})
    invitation = Invitation.objects.get(person=membership.person)
    assert invitation.email == "member@example.org"


def test_an_officer_reminds_those_who_have_not_answered(client, officer_client, survey,
                                                         mailoutbox,
                                                         django_capture_on_commit_callbacks):
    client.post(_answer_url(survey, survey.tokens[0]), {"q1": "8", "q2": "Yes",
                                                        "action": "send"})
    with django_capture_on_commit_callbacks(execute=True):
        page = officer_client.post(reverse("reviews:questionnaire-remind",
                                           args=["test-review", survey.pk]), follow=True)
    assert "Reminders sent to 2 who have not answered." in _text(page)
    assert sorted(message.to[0] for message in mailoutbox) == ["ben@example.org",
                                                               "cy@example.org"]


def test_two_options_on_the_same_rank_are_refused(client, survey):
    page = client.post(_answer_url(survey, survey.tokens[0]),
                       {"q1": "8", "q2": "Yes", "q3_rank_0": "1", "q3_rank_1": "1",
                        "q3_rank_2": "2", "action": "send"})
    assert "Question 3: give each option a different rank." in _text(page)
    assert not Response.objects.exists()


def test_an_officer_builds_a_questionnaire_from_the_bank_through_the_pages(officer_client):
    officer_client.post(reverse("reviews:question-create"), {
        "text": "Which matters most?", "kind": "ranked", "scale_min": 1, "scale_max": 10,
        "options_text": "Plan\nVoice\nData"})
    officer_client.post(reverse("reviews:review-create"), {
        "title": "Board review 2017", "slug": "board-review-2017", "starts_on": "2017-07-01",
        "ends_on": "2017-09-30"})
    officer_client.post(reverse("reviews:questionnaire-create", args=["board-review-2017"]), {
        "title": "Questionnaire to members", "is_anonymous": "on", "minimum_group_size": 3,
        "closes_on": "2017-08-14"})
    questionnaire = Questionnaire.objects.get(title="Questionnaire to members")
    args = ["board-review-2017", questionnaire.pk]
    officer_client.post(reverse("reviews:section-create", args=args), {"title": "Priorities"})
    officer_client.post(reverse("reviews:question-add", args=args), {
        "question": Question.objects.get(text="Which matters most?").pk,
        "section": questionnaire.sections.get().pk, "is_required": "on"})
    item = questionnaire.items.get()
    assert (item.number, item.section.title, item.question.options) == (
        1, "Priorities", ["Plan", "Voice", "Data"])


def test_a_choice_question_needs_two_options(officer_client):
    page = officer_client.post(reverse("reviews:question-create"), {
        "text": "Which?", "kind": "single", "scale_min": 1, "scale_max": 10,
        "options_text": "Only one"})
    assert "A choice question needs at least two options, one a line." in _text(page)
    assert not Question.objects.exists()


def test_a_member_with_no_email_address_is_named_and_not_invited(officer_client, survey):
    from tests.governance.factories import MembershipFactory
    membership = MembershipFactory(person__email="")
    page = officer_client.post(reverse("reviews:questionnaire-invite",
                                       args=["test-review", survey.pk]),
                               {"body": membership.body.pk}, follow=True)
    assert f"having no email address (add one on their page, then send again): " \
           f"{membership.person.name}." in _text(page)
    assert not Invitation.objects.filter(person=membership.person).exists()


def test_the_answering_page_is_kept_out_of_caches_and_referers(client, survey):
    page = client.get(_answer_url(survey, survey.tokens[0]))
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"]
