"""Reads of the API app: a person's tokens, and who a bearer token speaks for."""

import hmac

import polars as pl
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from trustboard.api.models import ApiToken
from trustboard.api.services import PREFIX_LENGTH, TOKEN_START, token_digest
from trustboard.core.models import Role
from trustboard.core.permissions import role_of
from trustboard.performance.disclosure import hide_points, suppressed_point_ids
from trustboard.performance.models import Area, DataPoint, Indicator
from trustboard.performance.selectors import published_points


class TokenRefused(Exception):
    """A bearer token that does not let its holder in, with the reason to show (401)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def api_token_list(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_token_get(*, user, pk: int) -> ApiToken:
    """One of the user's own tokens; anyone else's is not found."""
    return get_object_or_404(ApiToken, user=user, pk=pk)


def api_token_user(token: str):
    """The active user a bearer token acts as, or TokenRefused saying why not.

    The stored digests are compared in constant time, and the token's use is noted without
    a history row (a read is not a change to the token).
    """
    if not token.startswith(TOKEN_START) or len(token) < PREFIX_LENGTH + 8:
        raise TokenRefused("This is not a Trustboard API token: tokens start with 'tb_'. "
                           "Make one on your API tokens page.")
    digest = token_digest(token)
    found = None
    for candidate in ApiToken.objects.filter(prefix=token[:PREFIX_LENGTH]).select_related("user"):
        if hmac.compare_digest(candidate.digest, digest):
            found = candidate
    if found is None:
        raise TokenRefused("This API token is not recognised: it may have been mistyped or "
                           "deleted. Make a new one on your API tokens page.")
    if found.revoked_at is not None:
        raise TokenRefused(f"This API token ('{found.name}') was revoked on "
                           f"{timezone.localtime(found.revoked_at):%-d %B %Y}.")
    if found.expires_on is not None and found.expires_on < timezone.localdate():
        raise TokenRefused(f"This API token ('{found.name}') expired at the end of "
                           f"{found.expires_on:%-d %B %Y}. Make a new one on your API "
                           "tokens page.")
    if not found.user.is_active:
        raise TokenRefused("The account this API token belongs to is no longer active.")
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user


# --- indicator values as the caller may read them --------------------------------------------

_POINT_VALUES = {
    "point_id": "id", "indicator_id": "indicator_id", "area_code": "area__code",
    "area_name": "area__name", "parent_code": "area__parent__code", "period": "period__label",
    "period_start": "period__start", "period_end": "period__end", "breakdown": "breakdown_id",
    "sex": "breakdown__sex", "age": "breakdown__age",
    "category_type": "breakdown__category_type", "category": "breakdown__category",
    "value": "value", "lower95": "lower95", "upper95": "upper95", "lower998": "lower998",
    "upper998": "upper998", "count": "count", "denominator": "denominator",
    "value_note": "value_note",
}
_FLOATS = ["value", "lower95", "upper95", "lower998", "upper998", "count", "denominator"]


def sees_unapproved_values(user) -> bool:
    """Signed in, a person reads values not yet approved for publication, as on the
    indicator pages; the public reads approved values only (published_points)."""
    return role_of(user) is not None


def sees_small_counts(user) -> bool:
    """Officers and analysts read every count; everyone else reads them through disclosure
    control (ISSUE17 "Disclosure control")."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.OFFICER, Role.ANALYST)


def indicator_points(*, indicator: Indicator, user, period: str | None = None,
                     area_code: str | None = None) -> list[dict]:
    """The indicator's values that `user` may read, in one query, ordered by period, area and
    breakdown; each with `suppressed` saying whether disclosure control withheld it.

    Disclosure control judges each period over every area and breakdown before
    `area_code` narrows the rows (`suppressed_point_ids`, as the pages and downloads do), so
    a locality protected by suppressing its neighbour stays protected, and no two channels
    disagree about a figure.
    """
    points = DataPoint.objects.filter(indicator=indicator)
    if not sees_unapproved_values(user):
        points = published_points(points)
    if period:
        points = points.filter(period__label=period)
    hidden = set() if sees_small_counts(user) else suppressed_point_ids(points)
    rows = list(points.order_by("period__start", "period__end", "period__label", "area__code",
                                "breakdown_id").values_list(*_POINT_VALUES.values()))
    frame = pl.DataFrame(rows, schema={
        "point_id": pl.Int64, "indicator_id": pl.Int64, "area_code": pl.String,
        "area_name": pl.String, "parent_code": pl.String, "period": pl.String,
        "period_start": pl.Date, "period_end": pl.Date, "breakdown": pl.Int64,
        "sex": pl.String, "age": pl.String, "category_type": pl.String, "category": pl.String,
        **dict.fromkeys(_FLOATS, pl.Float64), "value_note": pl.String}, orient="row")
    frame = hide_points(frame, hidden).drop("point_id")
    if area_code:
        frame = frame.filter(pl.col("area_code") == area_code)
    return frame.to_dicts()


def indicator_search(*, text: str = "") -> QuerySet[Indicator]:
    """Indicators by name, narrowed to those whose name holds `text` or whose source id it
    is. Every indicator and its definition is public; its values are not (indicator_points)."""
    indicators = Indicator.objects.order_by("name", "pk")
    if text.strip():
        indicators = indicators.filter(Q(name__icontains=text.strip())
                                       | Q(source_id=text.strip()))
    return indicators


def area_list(*, kind: str | None = None) -> QuerySet[Area]:
    areas = Area.objects.select_related("parent", "region").order_by("kind", "code")
    return areas.filter(kind=kind) if kind else areas
