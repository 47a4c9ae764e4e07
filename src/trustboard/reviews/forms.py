"""Forms for building questionnaires, sending them, and reading answers from a posted page."""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from trustboard.governance.models import Body
from trustboard.reviews.models import (
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireQuestion,
    Review,
    Section,
)
from trustboard.reviews.services import Recipient


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["title", "slug", "body_reviewed", "scenario_proposed", "starts_on", "ends_on",
                  "previous_review", "is_illustrative", "summary"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}),
                   "ends_on": forms.DateInput(attrs={"type": "date"})}


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "introduction", "is_anonymous", "minimum_group_size", "opens_on",
                  "closes_on", "group_question"]
        widgets = {"opens_on": forms.DateInput(attrs={"type": "date"}),
                   "closes_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group_question"].queryset = (
            self.instance.items.filter(question__kind__in=[QuestionKind.SINGLE,
                                                           QuestionKind.YES_NO])
            if self.instance.pk else QuestionnaireQuestion.objects.none())


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label="Options", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For a single, multiple or ranked choice question: one option a line.")

    class Meta:
        model = Question
        fields = ["text", "hint", "topic", "kind", "scale_min", "scale_max", "low_label",
                  "high_label"]

    def clean(self):
        cleaned = super().clean()
        self.instance.options = [line.strip() for line in
                                 cleaned.get("options_text", "").splitlines() if line.strip()]
        return cleaned


class SectionForm(forms.Form):
    title = forms.CharField(max_length=200)
    introduction = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class QuestionAddForm(forms.Form):
    question = forms.ModelChoiceField(queryset=Question.objects.all(),
                                      label="Question from the bank")
    section = forms.ModelChoiceField(queryset=Section.objects.none(), required=False,
                                     empty_label="No section")
    is_required = forms.BooleanField(required=False, initial=True,
                                     label="An answer is required")
    allows_comment = forms.BooleanField(required=False,
                                        label="Show a comment box under the question")

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = questionnaire.sections.all()
        self.fields["question"].queryset = Question.objects.exclude(
            uses__questionnaire=questionnaire)


_LINE = re.compile(r"^\s*(?P<name>[^<,]+?)\s*[<,]\s*(?P<email>[^>\s]+)\s*>?\s*$")


class InviteForm(forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.select_related("scenario").order_by("scenario__name", "name"),
        required=False, empty_label="No body", label="Invite the members of a body")
    people = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 5}), label="Or a list of people",
        help_text="One a line: a name then an email address, such as "
                  "Alex Smith <alex.smith@example.org>.")

    def clean_people(self) -> list[Recipient]:
        recipients = []
        for number, line in enumerate(self.cleaned_data["people"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _LINE.match(line)
            if not match:
                raise ValidationError(f"Line {number}: write a name then an email address, "
                                      "such as Alex Smith <alex.smith@example.org>.")
            try:
                validate_email(match["email"])
            except ValidationError as error:
                raise ValidationError(f"Line {number}: “{match['email']}” is not an email "
                                      "address.") from error
            recipients.append(Recipient(name=match["name"], email=match["email"]))
        return recipients

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("body") and not cleaned.get("people"):
            raise ValidationError("Choose a body or list the people to invite.")
        return cleaned


@dataclass
class AnswerField:
    """One question of the answering page, with what was entered and its error."""

    item: QuestionnaireQuestion
    score: str = ""
    choices: list[str] = field(default_factory=list)
    ranks: list[tuple[int, str, str]] = field(default_factory=list)  # (index, option, rank)
    text: str = ""
    comment: str = ""
    error: str = ""

    @property
    def name(self) -> str:
        return f"q{self.item.number}"

    @property
    def scale(self) -> list[str]:
        question = self.item.question
        return [str(score) for score in range(question.scale_min, question.scale_max + 1)]


class AnswerPage:
    """Read a questionnaire's answers from a posted page (or a saved draft), without JavaScript.

    A ranked question posts a rank for each option (q3_rank_0, q3_rank_1 ...); a comment
    posts as q3_comment. The service checks the answers; this only reads their shape.
    """

    def __init__(self, items: list[QuestionnaireQuestion], *, data=None, draft=None):
        self.fields = [AnswerField(item=item) for item in items]
        self.errors: dict[str, str] = {}
        for answer in self.fields:
            if data is not None:
                self._read_post(answer, data)
            elif draft:
                self._read_draft(answer, draft.get(str(answer.item.number), {}))
            if answer.item.question.kind == QuestionKind.RANKED and not answer.ranks:
                answer.ranks = [(index, option, "")
                                for index, option in enumerate(answer.item.question.options)]

    def _read_post(self, answer: AnswerField, data) -> None:
        name, question = answer.name, answer.item.question
        answer.score = data.get(name, "").strip() if question.kind == QuestionKind.SCALE else ""
        answer.text = data.get(name, "") if question.kind == QuestionKind.TEXT else ""
        answer.comment = data.get(f"{name}_comment", "")
        if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            answer.choices = data.getlist(name)
        if question.kind == QuestionKind.RANKED:
            answer.ranks = [(index, option, data.get(f"{name}_rank_{index}", "").strip())
                            for index, option in enumerate(question.options)]
            given = [rank for _, _, rank in answer.ranks if rank]
            if any(not rank.isdigit() or not 1 <= int(rank) <= len(question.options)
                   for rank in given):
                self.errors[name] = (f"Question {answer.item.number}: give each option a rank "
                                     f"from 1 to {len(question.options)}.")
            elif len(set(given)) != len(given):
                self.errors[name] = (f"Question {answer.item.number}: give each option a "
                                     "different rank.")
            else:
                answer.choices = [option for _, option, rank in
                                  sorted(answer.ranks, key=lambda row: int(row[2] or 0))
                                  if rank]

    def _read_draft(self, answer: AnswerField, saved: dict) -> None:
        answer.score = "" if saved.get("score") is None else str(saved["score"])
        answer.choices = list(saved.get("choices") or [])
        answer.text = saved.get("text", "")
        answer.comment = saved.get("comment", "")
        if answer.item.question.kind == QuestionKind.RANKED:
            order = answer.choices
            answer.ranks = [(index, option, str(order.index(option) + 1) if option in order
                             else "") for index, option in enumerate(answer.item.question.options)]

    def data(self) -> dict[int, dict]:
        return {answer.item.number: {"score": answer.score or None, "choices": answer.choices,
                                     "text": answer.text, "comment": answer.comment}
                for answer in self.fields}

    def add_errors(self, errors: dict[str, str]) -> None:
        self.errors.update(errors)

    def with_errors(self) -> "AnswerPage":
        for answer in self.fields:
            answer.error = self.errors.get(answer.name, "")
        return self

    @property
    def sections(self) -> list[tuple[Section | None, list[AnswerField]]]:
        grouped: list[tuple[Section | None, list[AnswerField]]] = []
        for answer in self.fields:
            if not grouped or grouped[-1][0] != answer.item.section:
                grouped.append((answer.item.section, []))
            grouped[-1][1].append(answer)
        return grouped
