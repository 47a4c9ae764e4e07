"""The recommendations register's part of the golden thread: a recommendation whose action
is past its due date and not completed. Recommendations are made to the partnership, not to
one priority (the register has no link to the plan), so they add gaps to the whole plan and
no column to the matrix. The thread's interface is in trustboard.thread.providers."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from trustboard.reviews.recommendation_models import ActionStatus, RecommendationAction
from trustboard.thread.providers import Gap, Kind, Link, Subject, ThreadContext

KINDS: list[Kind] = []

FOLLOWED_UP = (
    "Middlesbrough scrutiny panel, paragraphs 19-26: the panel's recommendations, with "
    "\"The Panel would like to hear how\" the trust responds; Nottinghamshire 2015 review of "
    "the Children's Trust"
)


def links(context: ThreadContext) -> dict[int, list[Link]]:
    return {}


def gaps(context: ThreadContext) -> list[Gap]:
    """Each recommendation with an action due before the date and not completed."""
    overdue: dict[int, list[tuple]] = {}
    for row in (RecommendationAction.objects
                .filter(due_on__lt=context.as_at)
                .filter(Q(recommendation__source__published_on__isnull=True)
                        | Q(recommendation__source__published_on__lte=context.as_at))
                .exclude(status=ActionStatus.COMPLETED)
                .order_by("recommendation__source__title", "recommendation__position",
                          "due_on", "pk")
                .values_list("recommendation_id", "recommendation__number",
                             "recommendation__source__title", "recommendation__source__slug",
                             "text", "due_on")):
        overdue.setdefault(row[0], []).append(row)
    found = []
    for pk, rows in overdue.items():
        _, number, source, slug, text, due_on = rows[0]
        title = f"{source}: recommendation {number}"
        more = f" and {len(rows) - 1} more" if len(rows) > 1 else ""
        found.append(Gap(
            rule="recommendation-past-due", severity="medium",
            message=f"Recommendation {number} of {source} is past due: “{text}” was due by "
                    f"{due_on:%-d %B %Y}{more} and is not completed.",
            citation=FOLLOWED_UP,
            subjects=[Subject("recommendations", pk, title,
                              reverse("recommendations:source-detail", args=[slug])
                              + f"#recommendation-{pk}")]))
    return found
