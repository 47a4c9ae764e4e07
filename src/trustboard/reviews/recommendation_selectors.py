"""Reads for the recommendations register: each source with its recommendations,
responses and progress, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from trustboard.reviews.recommendation_models import (
    ActionStatus,
    Recommendation,
    RecommendationAction,
    RecommendationResponse,
    RecommendationSource,
    RecommendationStatus,
)


def _recommendations() -> Prefetch:
    return Prefetch("recommendations", queryset=Recommendation.objects.prefetch_related(
        Prefetch("actions", queryset=RecommendationAction.objects.order_by("due_on", "pk"))))


def source_list() -> QuerySet[RecommendationSource]:
    """Every source with its recommendations and their actions (three queries)."""
    return RecommendationSource.objects.prefetch_related(_recommendations())


def source_get(*, slug: str) -> RecommendationSource:
    return get_object_or_404(source_list(), slug=slug)


def recommendation_get(*, source: RecommendationSource, pk: int) -> Recommendation:
    return get_object_or_404(Recommendation.objects.select_related("source"),
                             source=source, pk=pk)


def action_get(*, recommendation: Recommendation, pk: int) -> RecommendationAction:
    return get_object_or_404(RecommendationAction.objects.select_related("recommendation"),
                             recommendation=recommendation, pk=pk)


@dataclass(frozen=True)
class SourceProgress:
    """How a source's recommendations stand: responses and progress in counts."""

    source: RecommendationSource
    total: int
    responses: dict[str, int]
    statuses: dict[str, int]
    overdue_actions: int

    @property
    def done(self) -> int:
        return self.statuses.get(RecommendationStatus.DONE, 0)

    @property
    def accepted(self) -> int:
        return (self.responses.get(RecommendationResponse.ACCEPTED, 0)
                + self.responses.get(RecommendationResponse.PARTLY_ACCEPTED, 0))


def source_progress(source: RecommendationSource, *, today: datetime.date) -> SourceProgress:
    """A prefetched source's counts (no query of its own)."""
    recommendations = list(source.recommendations.all())
    overdue = sum(1 for one in recommendations for action in one.actions.all()
                  if action.status != ActionStatus.COMPLETED and action.due_on < today)
    return SourceProgress(
        source=source, total=len(recommendations),
        responses=dict(Counter(one.response for one in recommendations)),
        statuses=dict(Counter(one.status for one in recommendations)),
        overdue_actions=overdue)


def register_progress(*, today: datetime.date,
                      until: datetime.date | None = None) -> list[SourceProgress]:
    """Every source published by `until` (all if None) with its counts, for the register's
    page and the annual report (three queries)."""
    sources = source_list()
    if until is not None:
        sources = sources.exclude(published_on__gt=until)
    return [source_progress(one, today=today) for one in sources]
