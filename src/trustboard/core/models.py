from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    """What a signed-in person may do; the anonymous public has no role."""

    ADMINISTRATOR = "administrator", "Administrator"
    OFFICER = "officer", "Partnership officer"
    ANALYST = "analyst", "Analyst"
    MEMBER = "member", "Board or group member"


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "In progress"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


class Job(models.Model):
    """A piece of background work a person asked for (an import, a report) and its outcome.

    The django-tasks queue runs it; this row is what the person's progress page reads.
    Progress while running lives in a small file beside the data (see core.jobs), because
    the work itself is one database transaction that nobody else can see into.
    """

    title = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=40, default="steps", help_text='e.g. "rows".')
    stage = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    result_summary = models.TextField(blank=True)
    created_by = models.ForeignKey("core.User", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="jobs")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}


class DataVersion(models.Model):
    """One row whose number goes up with every write to the partnership's data.

    Public pages are cached under this number (core.page_cache), so a page is never
    served from before the last change, whichever process made it.
    """

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"Data version {self.version}"
