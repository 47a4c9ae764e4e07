"""Every write to a review's questionnaire: building it, sending links, taking answers.

A link is a random token (`secrets`); only its sha256 is stored, and the stored hash is
compared in constant time. Sending answers locks the invitation, so the same form sent from
two tabs is counted once. An anonymous questionnaire's answers are written with no link to
the invitation or the person, dated to the day only (see models.py).
"""

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from trustboard.core.errors import RuleError
from trustboard.core.services import number_next, record_save, rows_lock
from trustboard.governance.models import Body, Person
from trustboard.reviews.models import (
    Answer,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireQuestion,
    Response,
    Review,
    Section,
)

#: Answers as a form gives them: for each question's number, what was entered.
#: {"score": int | None, "choices": [str], "text": str, "comment": str}
AnswerData = Mapping[int, Mapping[str, object]]


class LinkRefused(RuleError):
    """A link that cannot take answers: unknown, used, closed or for another questionnaire.

    `status` is the HTTP status the answering page shows it with.
    """

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.status = status


class AnswersRefused(RuleError):
    """Answers refused question by question: `errors` maps a form field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(next(iter(errors.values())), field=next(iter(errors)))
        self.errors = errors


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token_new() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


# -- Reviews, the bank and questionnaires ------------------------------------------------

@transaction.atomic
def review_save(*, review: Review, by) -> Review:
    review.slug = review.slug or slugify(review.title)[:100]
    if review.previous_review_id and review.previous_review_id == review.pk:
        raise RuleError("A review cannot be compared with itself.", field="previous_review")
    return record_save(review, by=by)


@transaction.atomic
def question_save(*, question: Question, by) -> Question:
    question.code = question.code or slugify(question.text)[:100]
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKED):
        options = [str(option).strip() for option in question.options if str(option).strip()]
        if len(options) < 2:
            raise RuleError("A choice question needs at least two options, one a line.",
                            field="options")
        if len(set(options)) != len(options):
            raise RuleError("Each option must be different.", field="options")
        question.options = options
    else:
        question.options = []
    return record_save(question, by=by)


@transaction.atomic
def questionnaire_save(*, questionnaire: Questionnaire, by) -> Questionnaire:
    if questionnaire.opens_on and questionnaire.closes_on < questionnaire.opens_on:
        raise RuleError("The closing date must be on or after the opening date.",
                        field="closes_on")
    group_item = questionnaire.group_question
    if group_item is not None and (
            group_item.questionnaire_id != questionnaire.pk
            or group_item.question.kind not in (QuestionKind.SINGLE, QuestionKind.YES_NO)):
        raise RuleError("Results can be broken down by a single-choice or yes/no question of "
                        "this questionnaire only.", field="group_question")
    if questionnaire.pk and questionnaire.responses.exists():
        before = Questionnaire.objects.get(pk=questionnaire.pk)
        if before.group_question_id != questionnaire.group_question_id:
            raise RuleError("Answers have been sent: the question that groups them cannot "
                            "change now.", field="group_question")
        if before.is_anonymous != questionnaire.is_anonymous:
            raise RuleError("Answers have been given on the promise made when they were "
                            "asked: whether the questionnaire is anonymous cannot change now.",
                            field="is_anonymous")
    return record_save(questionnaire, by=by)


@transaction.atomic
def section_add(*, questionnaire: Questionnaire, title: str, by,
                introduction: str = "") -> Section:
    number = number_next(among=questionnaire.sections.all(), field="number",
                         lock=Questionnaire.objects.filter(pk=questionnaire.pk))
    return record_save(Section(questionnaire=questionnaire, number=number, title=title,
                               introduction=introduction), by=by)


@transaction.atomic
def questionnaire_question_add(*, questionnaire: Questionnaire, question: Question, by,
                               section: Section | None = None, is_required: bool = True,
                               allows_comment: bool = False) -> QuestionnaireQuestion:
    """Ask a bank question on a questionnaire, after the questions already there."""
    if section is not None and section.questionnaire_id != questionnaire.pk:
        raise RuleError("That section belongs to another questionnaire.", field="section")
    if questionnaire.items.filter(question=question).exists():
        raise RuleError("That question is already on this questionnaire.", field="question")
    if questionnaire.responses.exists():
        raise RuleError("Answers have been sent: a question added now would be compared "
                        "with none. Start a new questionnaire instead.", field="question")
    number = number_next(among=questionnaire.items.all(), field="number",
                         lock=Questionnaire.objects.filter(pk=questionnaire.pk))
    return record_save(QuestionnaireQuestion(
        questionnaire=questionnaire, question=question, section=section, number=number,
        is_required=is_required, allows_comment=allows_comment), by=by)


# -- Sending -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    group: str = ""
    person: Person | None = None


@dataclass(frozen=True)
class Sent:
    invitation: Invitation
    token: str  # shown once, in the email; never stored


def body_recipients(*, body: Body, as_at: datetime.date) -> list[Recipient]:
    """The members of a body on a date, each with their organisation's sector as group."""
    memberships = (body.memberships.select_related("person__organisation")
                   .exclude(end_date__lt=as_at).exclude(start_date__gt=as_at))
    return [Recipient(name=m.person.name, email=m.person.email, person=m.person,
                      group=m.person.organisation.get_sector_display())
            for m in memberships]


def _mail_link(invitation: Invitation, link: str, *, reminder: bool) -> None:
    questionnaire = invitation.questionnaire
    subject = (f"Reminder: {questionnaire.title}" if reminder else questionnaire.title)
    anonymous = ("Your answers are anonymous: they are kept with no link to you. "
                 if questionnaire.is_anonymous else "")
    body = (f"Dear {invitation.name},\n\n"
            f"{'This is a reminder: you have not yet answered ' if reminder else 'Please answer '}"
            f"{questionnaire.title} for {questionnaire.review.title} by "
            f"{questionnaire.closes_on:%-d %B %Y}.\n\n{anonymous}"
            f"Your own link (it needs no account; please do not pass it on):\n{link}\n\n"
            "You can save your answers and finish later from the same link.\n")
    send_mail(subject, body, None, [invitation.email])


def _check_open(questionnaire: Questionnaire, today: datetime.date) -> None:
    if questionnaire.closes_on < today:
        raise RuleError(f"The questionnaire closed on {questionnaire.closes_on:%-d %B %Y}: "
                        "move its closing date first.", field="closes_on")


@transaction.atomic
def invitations_send(*, questionnaire: Questionnaire, recipients: Iterable[Recipient], by,
                     link_for: Callable[[Questionnaire, str], str],
                     today: datetime.date | None = None) -> list[Sent]:
    """Give each recipient a one-use link and email it once the invitations are saved.

    Recipients already invited (same email, or same person) are left out. `link_for` makes
    the absolute link from the questionnaire and the token.
    """
    today = today or timezone.localdate()
    _check_open(questionnaire, today)
    rows_lock(Questionnaire.objects.filter(pk=questionnaire.pk))
    invited = questionnaire.invitations.values_list("email", "person_id")
    emails = {email.lower() for email, _ in invited if email}
    people = {person for _, person in invited if person}
    sent: list[Sent] = []
    for number, recipient in enumerate(recipients, start=1):
        email = recipient.email.strip()
        if not recipient.name.strip():
            raise RuleError(f"Recipient {number} has no name.", field="recipients")
        if email.lower() in emails or (recipient.person and recipient.person.pk in people):
            continue
        token, hashed = _token_new()
        invitation = record_save(Invitation(
            questionnaire=questionnaire, person=recipient.person, name=recipient.name.strip(),
            email=email, group=recipient.group, token_hash=hashed,
            sent_on=today if email else None), by=by, exclude=["token_hash"])
        if email:
            emails.add(email.lower())
            link = link_for(questionnaire, token)
            transaction.on_commit(lambda i=invitation, url=link: _mail_link(i, url, reminder=False))
        if recipient.person:
            people.add(recipient.person.pk)
        sent.append(Sent(invitation=invitation, token=token))
    return sent


@transaction.atomic
def reminders_send(*, questionnaire: Questionnaire, by,
                   link_for: Callable[[Questionnaire, str], str],
                   today: datetime.date | None = None) -> int:
    """Email a fresh link to everyone invited who has not answered; return how many.

    The earlier link stops working: only hashes are kept, so a reminder needs a new token.
    A saved draft stays with the invitation, so the new link finishes it.
    """
    today = today or timezone.localdate()
    _check_open(questionnaire, today)
    waiting = list(questionnaire.invitations.select_for_update()
                   .filter(answered_on__isnull=True).exclude(email=""))
    for invitation in waiting:
        token, invitation.token_hash = _token_new()
        invitation.reminded_on = today
        invitation.reminders_sent += 1
        invitation._history_user = by
        invitation.save(update_fields=["token_hash", "reminded_on", "reminders_sent"])
        link = link_for(questionnaire, token)
        transaction.on_commit(lambda i=invitation, url=link: _mail_link(i, url, reminder=True))
    return len(waiting)


# -- Answering ---------------------------------------------------------------------------

def invitation_from_link(*, public_id, token: str, today: datetime.date | None = None,
                         for_update: bool = False) -> Invitation:
    """The invitation a link opens, or LinkRefused saying plainly why it cannot be used."""
    today = today or timezone.localdate()
    hashed = token_hash(token)
    rows = Invitation.objects.select_related("questionnaire__review")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(token_hash=hashed).first()
    if invitation is None or not hmac.compare_digest(invitation.token_hash, hashed):
        raise LinkRefused("This link is not recognised. Check that you copied the whole link "
                          "from your email; if you were sent a reminder, use the link in the "
                          "reminder.", status=404)
    questionnaire = invitation.questionnaire
    if str(questionnaire.public_id) != str(public_id):
        raise LinkRefused(f"This link is for another questionnaire, “{questionnaire.title}”. "
                          "Use the link from the email about this one.", status=400)
    if invitation.answered_on is not None:
        raise LinkRefused("Answers have already been sent from this link, so it cannot be "
                          "used again: nothing more was counted. Thank you for taking part.",
                          status=410)
    if questionnaire.closes_on < today:
        raise LinkRefused(f"This questionnaire closed on {questionnaire.closes_on:%-d %B %Y}: "
                          "answers are no longer taken.", status=410)
    if questionnaire.opens_on and questionnaire.opens_on > today:
        raise LinkRefused(f"This questionnaire opens on {questionnaire.opens_on:%-d %B %Y}.",
                          status=403)
    return invitation


def _items(questionnaire: Questionnaire) -> list[QuestionnaireQuestion]:
    return list(questionnaire.items.select_related("question"))


def answers_check(*, items: list[QuestionnaireQuestion], data: AnswerData,
                  complete: bool) -> dict[int, dict]:
    """Return the answers cleaned, or raise AnswersRefused naming each wrong field.

    `complete` asks for every required question to be answered (sending, not saving).
    """
    errors: dict[str, str] = {}
    cleaned: dict[int, dict] = {}
    for item in items:
        question, given = item.question, data.get(item.number, {})
        field = f"q{item.number}"
        score = given.get("score")
        choices = [str(choice) for choice in (given.get("choices") or []) if str(choice)]
        text = str(given.get("text") or "").strip()
        comment = str(given.get("comment") or "").strip() if item.allows_comment else ""
        answered = False
        if question.kind == QuestionKind.SCALE:
            if score not in (None, ""):
                try:
                    score = int(score)
                except (TypeError, ValueError):
                    score = None
                if score is None or not question.scale_min <= score <= question.scale_max:
                    errors[field] = (f"Question {item.number}: choose a score from "
                                     f"{question.scale_min} to {question.scale_max}.")
                    continue
                answered = True
            else:
                score = None
        else:
            score = None
        if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE,
                             QuestionKind.RANKED):
            allowed = question.choices
            if any(choice not in allowed for choice in choices):
                errors[field] = f"Question {item.number}: choose from the options given."
                continue
            if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE) and len(choices) > 1:
                errors[field] = f"Question {item.number}: choose one option only."
                continue
            if question.kind == QuestionKind.RANKED and choices:
                if len(set(choices)) != len(choices):
                    errors[field] = (f"Question {item.number}: give each option a different "
                                     "rank.")
                    continue
                if complete and len(choices) != len(allowed):
                    errors[field] = f"Question {item.number}: rank every option."
                    continue
            answered = bool(choices)
        if question.kind == QuestionKind.TEXT:
            answered = bool(text)
        else:
            text = ""
        if complete and item.is_required and not answered:
            errors[field] = f"Question {item.number}: answer this question; it is required."
            continue
        if answered or comment:
            cleaned[item.number] = {"score": score, "choices": choices, "text": text,
                                    "comment": comment}
    if errors:
        raise AnswersRefused(errors)
    return cleaned


@transaction.atomic
def answers_save_draft(*, public_id, token: str, data: AnswerData,
                       today: datetime.date | None = None) -> Invitation:
    """Keep the answers so far with the invitation, to be finished from the same link."""
    invitation = invitation_from_link(public_id=public_id, token=token, today=today,
                                      for_update=True)
    cleaned = answers_check(items=_items(invitation.questionnaire), data=data, complete=False)
    invitation.draft = {str(number): answer for number, answer in cleaned.items()}
    invitation.skip_history_when_saving = True  # a history row would time the answering
    invitation.save(update_fields=["draft"])
    return invitation


@transaction.atomic
def answers_submit(*, public_id, token: str, data: AnswerData,
                   today: datetime.date | None = None) -> Response:
    """Count one set of answers from a link, once: the link is used up as they are saved.

    An anonymous questionnaire's response keeps nothing that leads back to the invitation:
    no person, no link, no time but the day, a random id. The draft is emptied.
    """
    today = today or timezone.localdate()
    # Locked, and read again under the lock: a second tab waits, then finds it answered.
    invitation = invitation_from_link(public_id=public_id, token=token, today=today,
                                      for_update=True)
    questionnaire = invitation.questionnaire
    items = _items(questionnaire)
    cleaned = answers_check(items=items, data=data, complete=True)
    # The group is what the respondent said of themselves; an anonymous answer copies
    # nothing from the invitation, whose group could single its person out.
    group = "" if questionnaire.is_anonymous else invitation.group
    if questionnaire.group_question_id:
        number = next(item.number for item in items if item.pk == questionnaire.group_question_id)
        group = (cleaned.get(number, {}).get("choices") or [""])[0]
    response = Response.objects.create(
        questionnaire=questionnaire, group=group, submitted_on=today,
        person=None if questionnaire.is_anonymous else invitation.person)
    by_number = {item.number: item for item in items}
    Answer.objects.bulk_create([
        Answer(response=response, item=by_number[number], score=answer["score"],
               choices=answer["choices"], text=answer["text"], comment=answer["comment"])
        for number, answer in sorted(cleaned.items())
    ])
    invitation.answered_on = today
    invitation.draft = {}
    # No history row: its timestamp, to the second, would mark when this person answered.
    invitation.skip_history_when_saving = True
    invitation.save(update_fields=["answered_on", "draft"])
    return response


@transaction.atomic
def answer_themes_set(*, questionnaire: Questionnaire, themes: Mapping[str, str], by) -> int:
    """File comments under themes (answer id to theme), so they can be read grouped.

    Refuses the lot if any id is not an answer of this questionnaire. Returns how many
    changed. Answers keep no history, so `by` is not recorded against them.
    """
    answers = {str(answer.pk): answer for answer in
               Answer.objects.filter(item__questionnaire=questionnaire, pk__in=list(themes))}
    unknown = set(themes) - set(answers)
    if unknown:
        raise RuleError("Some comments are not this questionnaire's: reload the page and try "
                        "again.")
    changed = []
    for key, theme in themes.items():
        theme = theme.strip()[:100]
        if answers[key].theme != theme:
            answers[key].theme = theme
            changed.append(answers[key])
    Answer.objects.bulk_update(changed, ["theme"])
    return len(changed)
