"""Board reviews: the questionnaire the partnership sends itself, and what comes back.

Nottinghamshire 2015: "The review was undertaken in two parts: a Survey Monkey questionnaire
completed by Children's Trust Board Members, and follow up interviews". A review asks its
questions from a reusable bank, so that the same scaled question can be compared across
reviews (2013 and 2015).

Anonymity by design: when a questionnaire is anonymous a `Response` keeps no link to its
`Invitation` or its person, no time finer than the day, and a random id, so neither a page nor
the rows themselves say whose answers are whose. For the same reason `Response` and `Answer`
keep no history (a history row would carry the moment of answering and who was signed in);
the invitation only records that it was answered.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Review(models.Model):
    """One review of the partnership's arrangements (2013, 2015 ...)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    body_reviewed = models.ForeignKey(
        "governance.Body", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reviews", help_text="The board whose arrangements are reviewed.")
    scenario_proposed = models.ForeignKey(
        "governance.Scenario", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reviews_proposing",
        help_text="The arrangement the review proposes, drawn as a scenario.")
    starts_on = models.DateField(help_text="When the review began, e.g. July 2015.")
    ends_on = models.DateField(help_text="When the review ended, e.g. September 2015.")
    is_illustrative = models.BooleanField(
        default=False, help_text="Made up for the demonstration, not from a published paper.")
    previous_review = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="later_reviews",
        help_text="The review to compare scaled answers with.")
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="review_ends_after_it_starts",
                                   violation_error_message="A review cannot end before it "
                                                           "starts."),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:review-detail", args=[self.slug])


class QuestionKind(models.TextChoices):
    SCALE = "scale", "Scale (1 to 10)"
    YES_NO = "yes_no", "Yes or no"
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    RANKED = "ranked", "Ranked choice"
    TEXT = "text", "Free text"


#: The kinds whose answer is one or more of the question's options.
CHOICE_KINDS = (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE,
                QuestionKind.RANKED)
YES, NO = "Yes", "No"


class Question(models.Model):
    """A question in the reusable bank, asked by as many questionnaires as need it."""

    code = models.SlugField(max_length=100, unique=True,
                            help_text="A short name that stays the same across reviews.")
    topic = models.CharField(max_length=100, blank=True,
                             help_text="What the question is about, e.g. Purpose, Scope.")
    text = models.TextField()
    hint = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=10)
    low_label = models.CharField(max_length=100, blank=True,
                                 help_text="What the lowest score means, e.g. Not at all.")
    high_label = models.CharField(max_length=100, blank=True,
                                  help_text="What the highest score means, e.g. Very well.")
    options = models.JSONField(default=list, blank=True,
                               help_text="The options of a choice or ranked question, in order.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_max__gt=models.F("scale_min")),
                                   name="question_scale_rises",
                                   violation_error_message="The top of the scale must be above "
                                                           "its bottom."),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def choices(self) -> list[str]:
        """The options an answer may pick: Yes and No for a yes/no question."""
        return [YES, NO] if self.kind == QuestionKind.YES_NO else list(self.options)


class Questionnaire(models.Model):
    """The survey a review sends: sections of questions from the bank."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="questionnaires")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    is_anonymous = models.BooleanField(
        default=True, help_text="Answers keep no link to who gave them; officers see only who "
                                "has answered.")
    minimum_group_size = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="A group breakdown with fewer answers than this is not shown.")
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(help_text="After this day the links no longer take answers.")
    group_question = models.ForeignKey(
        "QuestionnaireQuestion", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="break results down by",
        help_text="A single-choice or yes/no question of this questionnaire whose answers, as "
                  "each respondent gives them, group the results. Nothing about the person "
                  "invited is copied to an anonymous answer.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "closes_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:questionnaire-detail", args=[self.review.slug, self.pk])


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE,
                                      related_name="sections")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"],
                                    name="section_number_unique",
                                    violation_error_message="That section number is taken."),
        ]

    def __str__(self) -> str:
        return self.title


class QuestionnaireQuestion(models.Model):
    """A bank question as one questionnaire asks it: its place, and whether it must be answered."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE,
                                      related_name="items")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="uses")
    number = models.PositiveSmallIntegerField()
    is_required = models.BooleanField(default=True)
    allows_comment = models.BooleanField(
        default=False, help_text="Show an optional comment box under the question.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"],
                                    name="questionnaire_question_number_unique",
                                    violation_error_message="That question number is taken."),
            models.UniqueConstraint(fields=["questionnaire", "question"],
                                    name="questionnaire_question_once",
                                    violation_error_message="That question is already on this "
                                                            "questionnaire."),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.question}"


class Invitation(models.Model):
    """One person's one-use link to a questionnaire; only the token's hash is kept."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE,
                                      related_name="invitations")
    person = models.ForeignKey("governance.Person", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="review_invitations")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    group = models.CharField(max_length=100, blank=True,
                             help_text="For breakdowns, e.g. the partner's sector.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    answered_on = models.DateField(null=True, blank=True)
    draft = models.JSONField(
        default=dict, blank=True,
        help_text="Answers saved to finish later; emptied when the answers are sent.")
    # The draft holds answers not yet sent: history would keep them tied to the person.
    history = HistoricalRecords(excluded_fields=["draft"])

    class Meta:
        ordering = ["questionnaire", "name"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "email"],
                                    condition=~Q(email=""), name="one_invitation_per_email",
                                    violation_error_message="That address already has an "
                                                            "invitation to this questionnaire."),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.questionnaire})"

    @property
    def has_answered(self) -> bool:
        return self.answered_on is not None


class Response(models.Model):
    """One set of answers. Anonymous: no person, no invitation, only the day, a random id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE,
                                      related_name="responses")
    person = models.ForeignKey(
        "governance.Person", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="review_responses",
        help_text="Only for a questionnaire that is not anonymous.")
    group = models.CharField(
        max_length=100, blank=True,
        help_text="The respondent's own answer to the questionnaire's group question; for a "
                  "named questionnaire without one, the invitation's group.")
    submitted_on = models.DateField()

    class Meta:
        # By the random id: no order follows the order of answering.
        ordering = ["questionnaire", "id"]

    def __str__(self) -> str:
        return f"Response to {self.questionnaire}"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(QuestionnaireQuestion, on_delete=models.CASCADE,
                             related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True,
                               help_text="The options picked; for a ranked question, in order.")
    text = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    theme = models.CharField(max_length=100, blank=True,
                             help_text="An officer's theme for the text or comment.")

    class Meta:
        ordering = ["item", "id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_question",
                                    violation_error_message="That question is already "
                                                            "answered."),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.item}"


# Interviews, review reports and the recommendations register live in their own modules;
# importing them here lets Django find their models in this app.
from trustboard.reviews.followup_models import *  # noqa: E402, F403
from trustboard.reviews.recommendation_models import *  # noqa: E402, F403
