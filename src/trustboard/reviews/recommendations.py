"""Writes for the recommendations register: sources, recommendations, responses, actions.

Every refusal comes before any write, naming the field: a response "not accepted" with no
reason, an action with no owner or due date, a number repeated in one source. A
recommendation's status follows its response and its actions: closed when not accepted,
in progress once an action is under way, done when every action is completed.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.text import slugify

from trustboard.core.errors import RuleError
from trustboard.core.services import record_save, rows_lock
from trustboard.reviews.recommendation_models import (
    ActionStatus,
    Recommendation,
    RecommendationAction,
    RecommendationResponse,
    RecommendationSource,
    RecommendationStatus,
    SourceKind,
)

#: Responses that need their reason.
NEEDS_REASON = {RecommendationResponse.NOT_ACCEPTED, RecommendationResponse.PARTLY_ACCEPTED}


def _slug_for(title: str) -> str:
    base = slugify(title)[:90] or "source"
    slug, count = base, 1
    while RecommendationSource.objects.filter(slug=slug).exists():
        count += 1
        slug = f"{base}-{count}"
    return slug


@transaction.atomic
def recommendation_source_save(*, source: RecommendationSource, by) -> RecommendationSource:
    """Record a report that makes recommendations (a new one gets a slug from its title)."""
    source.title = source.title.strip()
    if not source.title:
        raise RuleError("Give the source's title.", field="title")
    if not source.slug:
        source.slug = _slug_for(source.title)
    return record_save(source, by=by)


def _check_recommendation(recommendation: Recommendation) -> None:
    recommendation.number = recommendation.number.strip().rstrip(".)")
    recommendation.text = recommendation.text.strip()
    recommendation.response_reason = recommendation.response_reason.strip()
    if not recommendation.number:
        raise RuleError("Give the recommendation's number, as the source numbers it.",
                        field="number")
    if not recommendation.text:
        raise RuleError("Give the recommendation's text.", field="text")
    repeated = Recommendation.objects.filter(source_id=recommendation.source_id,
                                             number=recommendation.number)
    if recommendation.pk:
        repeated = repeated.exclude(pk=recommendation.pk)
    if repeated.exists():
        raise RuleError(f"{recommendation.source.title} already has a recommendation "
                        f"numbered {recommendation.number}.", field="number")
    if recommendation.response in NEEDS_REASON and not recommendation.response_reason:
        label = RecommendationResponse(recommendation.response).label.lower()
        raise RuleError(f"Give the reason the recommendation was {label}.",
                        field="response_reason")


def _status_refresh(recommendation: Recommendation) -> None:
    """The status the response and the actions give; done on the last action's date."""
    if recommendation.response == RecommendationResponse.NOT_ACCEPTED:
        recommendation.status, recommendation.completed_on = RecommendationStatus.CLOSED, None
        return
    actions = list(recommendation.actions.all()) if recommendation.pk else []
    if actions and all(one.status == ActionStatus.COMPLETED for one in actions):
        recommendation.status = RecommendationStatus.DONE
        recommendation.completed_on = max(one.updated_on or one.due_on for one in actions)
    elif any(one.status != ActionStatus.NOT_STARTED for one in actions):
        recommendation.status, recommendation.completed_on = \
            RecommendationStatus.IN_PROGRESS, None
    else:
        recommendation.status, recommendation.completed_on = RecommendationStatus.OPEN, None


@transaction.atomic
def recommendation_save(*, recommendation: Recommendation, by) -> Recommendation:
    """Add or change a recommendation; a new one goes after the source's others."""
    rows_lock(RecommendationSource.objects.filter(pk=recommendation.source_id))
    _check_recommendation(recommendation)
    if not recommendation.pk and not recommendation.position:
        recommendation.position = recommendation.source.recommendations.count() + 1
    _status_refresh(recommendation)
    return record_save(recommendation, by=by)


@transaction.atomic
def recommendation_respond(*, recommendation: Recommendation, response: str, reason: str = "",
                           owner: str = "", responded_on: datetime.date | None = None,
                           by) -> Recommendation:
    """Record the body's response: accepted, partly accepted (why not wholly), or not
    accepted (why), and who answers for it."""
    if response not in RecommendationResponse.values:
        raise RuleError(f"Unknown response '{response}'.", field="response")
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    recommendation.response, recommendation.response_reason = response, reason or ""
    recommendation.owner = (owner or "").strip() or recommendation.owner
    recommendation.responded_on = responded_on
    return recommendation_save(recommendation=recommendation, by=by)


def _check_action(action: RecommendationAction) -> None:
    action.text, action.owner = action.text.strip(), action.owner.strip()
    if not action.text:
        raise RuleError("Say what the action is.", field="text")
    if not action.owner:
        raise RuleError("Give the action's owner: who will do it.", field="owner")
    if action.due_on is None:
        raise RuleError("Give the date the action is due.", field="due_on")
    if action.recommendation.response == RecommendationResponse.NOT_ACCEPTED:
        raise RuleError("This recommendation was not accepted, so it takes no actions.",
                        field="text")


@transaction.atomic
def recommendation_action_save(*, action: RecommendationAction, by) -> RecommendationAction:
    """Add or change an action on a recommendation; the recommendation's status follows."""
    recommendation = Recommendation.objects.select_for_update().get(
        pk=action.recommendation_id)
    action.recommendation = recommendation
    _check_action(action)
    if action.status not in ActionStatus.values:
        raise RuleError(f"Unknown status '{action.status}'.", field="status")
    record_save(action, by=by)
    _status_refresh(recommendation)
    record_save(recommendation, by=by)
    return action


@transaction.atomic
def recommendation_action_progress(*, action: RecommendationAction, status: str,
                                   progress: str = "", updated_on: datetime.date, by
                                   ) -> RecommendationAction:
    """Record how an action stands on a date, in a sentence."""
    action = RecommendationAction.objects.select_related("recommendation").get(pk=action.pk)
    action.status, action.progress, action.updated_on = status, progress.strip(), updated_on
    return recommendation_action_save(action=action, by=by)


@transaction.atomic
def recommendations_add(*, source: RecommendationSource, items: list[tuple[str, str]],
                        by) -> list[Recommendation]:
    """Add a source's numbered recommendations at once, all or none: a number repeated in
    the list or already in the source refuses the lot."""
    seen: set[str] = set()
    for number, _text in items:
        key = number.strip().rstrip(".)")
        if key in seen:
            raise RuleError(f"Recommendation {key} is given twice.", field="number")
        seen.add(key)
    return [recommendation_save(recommendation=Recommendation(source=source, number=number,
                                                              text=text), by=by)
            for number, text in items]


def review_recommendations_land(*, report, by) -> list[Recommendation]:
    """Put an issued review report's RECOMMENDATION/S in the register, under its review.

    A later version issued adds the recommendations it numbers anew and rewords those no
    one has yet answered; a response already recorded is kept.
    """
    from trustboard.reports.document import number_sections
    from trustboard.reviews.followup_models import ReviewReport

    link = ReviewReport.objects.select_related("review").filter(report=report).first()
    if link is None:
        return []
    review = link.review
    source = RecommendationSource.objects.filter(review=review).first()
    if source is None:
        source = recommendation_source_save(source=RecommendationSource(
            kind=SourceKind.BOARD_REVIEW, title=report.title, review=review,
            made_by=report.report_of or "The partnership's officers",
            addressed_to=report.committee), by=by)
    source.report, source.published_on = report, report.issued_at.date()
    record_save(source, by=by)
    landed = []
    sections = [one for one in number_sections(report.sections)
                if one.key == "recommendations"]
    for section in sections:
        for index, paragraph in enumerate(section.paragraphs, start=1):
            number = str(index)
            existing = source.recommendations.filter(number=number).first()
            if existing is None:
                landed.append(recommendation_save(recommendation=Recommendation(
                    source=source, number=number, text=paragraph.text, position=index), by=by))
            elif existing.response == RecommendationResponse.AWAITED:
                existing.text = paragraph.text
                landed.append(recommendation_save(recommendation=existing, by=by))
    return landed
