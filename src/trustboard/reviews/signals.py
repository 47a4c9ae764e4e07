"""What the reviews app does when other apps act: an issued review report's
recommendations land in the recommendations register, in the issuing transaction."""

from django.dispatch import receiver

from trustboard.reports.models import Report, ReportKind
from trustboard.reports.signals import report_issued


@receiver(report_issued, sender=Report, dispatch_uid="reviews-recommendations-land")
def _review_recommendations_land(sender, *, report: Report, by, **kwargs) -> None:
    if report.kind == ReportKind.REVIEW:
        from trustboard.reviews.recommendations import review_recommendations_land

        review_recommendations_land(report=report, by=by)
