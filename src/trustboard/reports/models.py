"""Committee reports the partnership writes from its data: drafted, edited, then issued.

An issued report is frozen: its HTML, DOCX and PDF are kept in storage exactly as they
were issued, and writing the report again starts a new draft version beside it.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ReportKind(models.TextChoices):
    PERFORMANCE = "performance", "Six-monthly performance report"
    ANNUAL = "annual", "Annual report of the partnership"
    UPDATE = "update", "Update to another body"
    REVIEW = "review", "Board review report"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"


#: The formats every report is written in, with their content types.
FORMATS = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class Report(models.Model):
    kind = models.CharField(max_length=20, choices=ReportKind.choices,
                            default=ReportKind.PERFORMANCE)
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="reports")
    as_at = models.DateField(help_text="Progress and figures as they stood on this date.")
    period_start = models.DateField(null=True, blank=True,
                                    help_text="The start of the period the report covers.")
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=300)
    committee = models.CharField(
        max_length=200, help_text="The committee or board it goes to, e.g. the Children and "
                                  "Young People's Committee.")
    meeting_date = models.DateField(null=True, blank=True)
    agenda_item = models.CharField(max_length=20, blank=True)
    report_of = models.CharField(
        max_length=300, blank=True,
        help_text="Whose report it is, e.g. the Corporate Director for Children, Families "
                  "and Cultural Services.")
    sections = models.JSONField(
        default=list, blank=True,
        help_text="The report's sections: heading, level, numbering style and text.")
    status = models.CharField(max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    created_by = models.ForeignKey("core.User", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    issued_by = models.ForeignKey("core.User", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(null=True, blank=True)
    html_file = models.FileField(max_length=200, blank=True)
    docx_file = models.FileField(max_length=200, blank=True)
    pdf_file = models.FileField(max_length=200, blank=True)
    files_are_current = models.BooleanField(
        default=False, help_text="False once the text has changed since the files were made.")
    issued_body = models.TextField(
        blank=True, help_text="The report's HTML as issued, shown on its page.")
    history = HistoricalRecords(excluded_fields=["issued_body"])

    class Meta:
        ordering = ["-as_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="issued") | models.Q(issued_at__isnull=False),
                name="report_issued_has_date",
                violation_error_message="An issued report needs its date of issue."),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == ReportStatus.ISSUED

    def file_for(self, format: str):
        return getattr(self, f"{format}_file")

    def file_name(self, format: str) -> str:
        stem = f"{self.plan.slug}-{self.kind}-{self.as_at:%Y-%m-%d}-v{self.version}"
        return f"{stem}.{format}"
