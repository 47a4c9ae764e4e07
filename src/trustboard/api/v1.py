"""Trustboard's own REST API at /api/v1/: the NinjaAPI, who a request speaks for, errors and
pages. The endpoints are in `trustboard.api.endpoints`; docs/api.md describes them.

Every answer that is not a success is JSON `{"detail": "...", "field": "..."}`, `field`
naming the parameter or part of the request at fault (null where none is).
"""

from __future__ import annotations

from typing import Generic, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from trustboard.api.selectors import TokenRefused, api_token_user
from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, user_can

#: The most items one page of a list holds, and how many it holds when not asked.
MAX_LIMIT = 500
DEFAULT_LIMIT = 50
#: Ids and offsets beyond this are refused before they reach the database (a larger
#: integer overflows its columns).
LARGEST_ID = 2**31 - 1


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class RowErrorOut(Schema):
    row: int | None
    column: str | None
    detail: str


class ImportErrorOut(ErrorOut):
    errors: list[RowErrorOut] = []


class ApiError(Exception):
    """A refusal to answer as JSON: its status, message and the field concerned."""

    def __init__(self, status: int, detail: str, *, field: str | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.field = field


def error_response(status: int, detail: str, field: str | None = None, **extra) -> JsonResponse:
    return JsonResponse({"detail": detail, "field": field, **extra}, status=status)


# --- who the request speaks for --------------------------------------------------------------


class BearerToken(HttpBearer):
    """`Authorization: Bearer tb_...`: the token's user, or a 401 saying what is wrong.

    With no Authorization header it answers None, so an endpoint open to the public lets the
    request through as the public (`public_or_token`); any header that is not a good bearer
    token is refused, never quietly read as the public.
    """

    openapi_description = ("A personal API token, made on your API tokens page "
                           "(/api/tokens/). Without one you read what the public may read.")

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise TokenRefused("Send the token as 'Authorization: Bearer <token>'.")
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token)
        # The token acts as its user: history rows and permission checks name them.
        request.user = user
        return user


bearer = BearerToken()


def _public(request: HttpRequest):
    return AnonymousUser()


#: For reads: a token's user when one is sent, else the public.
public_or_token = [bearer, _public]


def caller(request: HttpRequest):
    """The user the request acts as: the token's, or the anonymous public."""
    return request.auth if request.auth is not None else AnonymousUser()


def require(request: HttpRequest, permission: Permission, doing: str) -> None:
    if not user_can(caller(request), permission):
        if not caller(request).is_authenticated:
            raise ApiError(401, f"Send an API token to {doing}.", field="Authorization")
        raise ApiError(403, f"Your role does not allow you to {doing} ({permission.value}).")


# --- the API and its errors ------------------------------------------------------------------


class TrustboardApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Say in the schema that a token is optional where the public may read."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for methods in schema["paths"].values():
            for operation in methods.values():
                if operation.get("security") and not operation.get("x-token-required"):
                    operation["security"] = [*operation["security"], {}]
        return schema


api = TrustboardApi(
    title="Trustboard API",
    version="1",
    description=(
        "The partnership's public information, read by programs: indicators and their "
        "values (as approved for publication, small counts suppressed), areas, the "
        "governance structure, plans, and meetings with their public business. With a "
        "personal API token, analysts import indicator data and officers read what "
        "officers may read. Lists come a page at a time, and every error is JSON naming "
        "the field at fault."),
    urls_namespace="api:v1",
    docs_url=None,
    openapi_url="/openapi.json",
    auth=public_or_token,
)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.detail, exc.field)


@api.exception_handler(TokenRefused)
def _token_refused(request, exc: TokenRefused) -> HttpResponse:
    response = error_response(401, exc.message, "Authorization")
    response["WWW-Authenticate"] = 'Bearer realm="trustboard"'
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc) -> HttpResponse:
    response = error_response(401, "Send an API token as 'Authorization: Bearer <token>'; "
                                   "make one on your API tokens page.", "Authorization")
    response["WWW-Authenticate"] = 'Bearer realm="trustboard"'
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError) -> HttpResponse:
    """Name the first parameter at fault, in the words of the check that failed."""
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ())]
    field = location[-1] if location else None
    if location[:1] == ["body"] or field in (None, "body"):
        field = ".".join(location[1:]) or "body"
    message = first.get("msg", "is not valid")
    return error_response(422, f"{field}: {message}", field)


@api.exception_handler(RuleError)
def _rule(request, exc: RuleError) -> HttpResponse:
    return error_response(422, exc.message, exc.field)


@api.exception_handler(Http404)
def _not_found(request, exc) -> HttpResponse:
    return error_response(404, str(exc) or "There is nothing at this address.")


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc) -> HttpResponse:
    return error_response(403, str(exc) or "Your role does not allow this.")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code, str(exc))


# --- pages of a list -------------------------------------------------------------------------


Item = TypeVar("Item")


class Page(Schema, Generic[Item]):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    items: list[Item]


def page(request: HttpRequest, items, *, limit: int, offset: int) -> dict:
    """One page of `items` (a queryset or a list): `count` is the whole list's length.

    An offset past the end of a list is refused with a 404 naming `offset`, so a client
    walking the pages stops; an empty list's first page is an empty page (count 0).
    """
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) \
        else len(items)
    if offset and offset >= count:
        raise ApiError(404, f"offset {offset} is past the end of the list: it has {count} "
                            f"item{'' if count == 1 else 's'}.", field="offset")
    return {"count": count, "limit": limit, "offset": offset,
            "next": _page_link(request, limit, offset + limit) if offset + limit < count
            else None,
            "previous": _page_link(request, limit, max(offset - limit, 0)) if offset else None,
            "items": list(items[offset:offset + limit])}


def _page_link(request: HttpRequest, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return f"{request.path}?{query.urlencode()}"


#: The answers every endpoint may give besides its success.
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def answers(success, **more) -> dict:
    return {200: success, **ERRORS, **{int(code[1:]): schema for code, schema in more.items()}}


# Registers the endpoints on `api` (kept apart so this module stays the API's frame).
from trustboard.api import endpoints  # noqa: E402, F401
