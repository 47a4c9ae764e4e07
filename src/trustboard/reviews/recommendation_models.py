"""The recommendations register: recommendations made to the partnership, wherever they
come from, each followed from its response to done.

Middlesbrough's scrutiny panel (2010) ends in numbered recommendations to the Children's
Trust, paragraph 24 asking "The Panel would like to hear how the Children's Trust will seek
to do this"; a board review's recommendations (Nottinghamshire 2015) land here when its
report is issued. Imported by models.py, so Django finds these models in the reviews app.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class SourceKind(models.TextChoices):
    BOARD_REVIEW = "board_review", "Board review"
    SCRUTINY = "scrutiny", "Scrutiny panel"
    INSPECTION = "inspection", "Inspection"
    SERIOUS_CASE_REVIEW = "serious_case_review", "Serious case review"


class RecommendationSource(models.Model):
    """A report that made recommendations: a review, a scrutiny panel, an inspection."""

    kind = models.CharField(max_length=30, choices=SourceKind.choices)
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    made_by = models.CharField(
        max_length=300, help_text="Who made the recommendations, e.g. Middlesbrough "
                                  "Council's Ad Hoc Children's Trust Scrutiny Panel.")
    published_on = models.DateField(null=True, blank=True)
    addressed_to = models.CharField(
        max_length=300, help_text="The body that has to answer, e.g. the Children's Trust.")
    asks = models.TextField(
        blank=True, help_text="What the source asks of that body, in its own words, e.g. "
                              "\u201cThe Panel would like to hear how ...\u201d.")
    review = models.OneToOneField("reviews.Review", null=True, blank=True,
                                  on_delete=models.PROTECT,
                                  related_name="recommendation_source")
    report = models.ForeignKey("reports.Report", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               help_text="The issued report the recommendations came from.")
    is_illustrative = models.BooleanField(
        default=False, help_text="Its responses and progress are made up for the demo.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recommendations:source-detail", args=[self.slug])


class RecommendationResponse(models.TextChoices):
    AWAITED = "awaited", "Response awaited"
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CLOSED = "closed", "Closed: not accepted"


class Recommendation(models.Model):
    source = models.ForeignKey(RecommendationSource, on_delete=models.CASCADE,
                               related_name="recommendations")
    number = models.CharField(max_length=20, help_text="As the source numbers it, e.g. 19.")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    addressed_to = models.CharField(max_length=300, blank=True,
                                    help_text="Left empty, the body the source addresses.")
    response = models.CharField(max_length=20, choices=RecommendationResponse.choices,
                                default=RecommendationResponse.AWAITED)
    response_reason = models.TextField(
        blank=True, help_text="Why it was not (or only partly) accepted.")
    responded_on = models.DateField(null=True, blank=True)
    owner = models.CharField(max_length=300, blank=True,
                             help_text="Who answers for it, by post.")
    status = models.CharField(max_length=20, choices=RecommendationStatus.choices,
                              default=RecommendationStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"],
                                    name="recommendation_number_unique_in_source",
                                    violation_error_message="This source already has a "
                                                            "recommendation with this number."),
            models.CheckConstraint(
                condition=~Q(response="not_accepted") | ~Q(response_reason=""),
                name="recommendation_not_accepted_has_reason",
                violation_error_message="A recommendation not accepted needs the reason."),
        ]

    def __str__(self) -> str:
        return f"{self.source.title}: recommendation {self.number}"

    @property
    def body(self) -> str:
        return self.addressed_to or self.source.addressed_to

    @property
    def is_done(self) -> bool:
        return self.status == RecommendationStatus.DONE


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_SCHEDULE = "on_schedule", "On schedule"
    AT_RISK = "at_risk", "At risk"
    DELAYED = "delayed", "Delayed"
    COMPLETED = "completed", "Completed"


class RecommendationAction(models.Model):
    """What is being done about a recommendation, by whom and by when."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE,
                                       related_name="actions")
    text = models.TextField()
    owner = models.CharField(max_length=300)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices,
                              default=ActionStatus.NOT_STARTED)
    progress = models.TextField(blank=True, help_text="The latest progress, in a sentence.")
    updated_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(owner=""),
                                   name="recommendation_action_has_owner",
                                   violation_error_message="An action needs an owner."),
        ]

    def __str__(self) -> str:
        return self.text
