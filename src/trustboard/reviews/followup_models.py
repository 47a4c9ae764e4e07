"""What a review does after its questionnaire: interviews tagged with themes, and the
committee report it is written up in (the option it proposes is its `scenario_proposed`).

The 2015 Nottinghamshire review, paragraph 19: "Individual interviews were undertaken with
8 members of the Children's Trust Board, as well as 3 Senior Managers". Imported by
models.py, so Django finds these models in the reviews app.
"""

from django.db import models
from simple_history.models import HistoricalRecords


class IntervieweeGroup(models.TextChoices):
    MEMBER = "member", "Board member"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    OTHER = "other", "Other stakeholder"


class Interview(models.Model):
    """Notes of one interview, the interviewee named by post, as the review names them."""

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE,
                               related_name="interviews")
    role = models.CharField(max_length=300, help_text="The interviewee's post, e.g. Associate "
                                                      "Director for Public Health.")
    organisation = models.CharField(max_length=300)
    group = models.CharField(max_length=20, choices=IntervieweeGroup.choices,
                             default=IntervieweeGroup.MEMBER)
    held_on = models.DateField()
    topic = models.CharField(max_length=300, blank=True,
                             help_text="What the interview was about, if it had a focus.")
    is_illustrative = models.BooleanField(
        default=False, help_text="Made up for the demonstration (who said which point).")
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.role}, {self.organisation}"


class InterviewTheme(models.Model):
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE,
                               related_name="interview_themes")
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "name"]
        constraints = [models.UniqueConstraint(fields=["review", "name"],
                                               name="interview_theme_unique_in_review")]

    def __str__(self) -> str:
        return self.name


class InterviewNote(models.Model):
    """One point an interviewee made, in their words or the interviewer's, with its themes."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    themes = models.ManyToManyField(InterviewTheme, blank=True, related_name="notes")
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["interview", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ReviewReport(models.Model):
    """A committee report (reports.Report, kind "review") written from a review."""

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE,
                               related_name="reports")
    report = models.OneToOneField("reports.Report", on_delete=models.CASCADE,
                                  related_name="review_link")
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "-report__version"]

    def __str__(self) -> str:
        return str(self.report)
