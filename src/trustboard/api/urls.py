"""/api/: a person's API tokens, and Trustboard's own API (v1) with its documentation page.

The national profiles' API (/api/fingertips/) has its own package and URLs.
"""

from functools import wraps

from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from trustboard.api import views
from trustboard.api.v1 import api, error_response

app_name = "api"


def _json_refusals(view):
    """Ninja answers a method an address does not take with a plain-text 405: say it in
    JSON, as every other refusal of the API, keeping the Allow header."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not isinstance(response, JsonResponse):
            allowed = response.get("Allow", "")
            refused = error_response(405, f"{request.method} is not allowed here; this "
                                          f"address takes {allowed or 'no method'}.")
            refused["Allow"] = allowed
            return refused
        return response

    return wrapped


def _v1_patterns():
    patterns, _app_name, _namespace = api.urls
    for pattern in patterns:
        if pattern.name == "openapi-json":
            pattern.callback = require_safe(pattern.callback)
        pattern.callback = _json_refusals(pattern.callback)
    return patterns


@csrf_exempt
def not_found(request, rest=""):
    return error_response(404, f"There is nothing at /api/v1/{rest}: see /api/v1/docs for "
                               "the addresses the API answers.")


urlpatterns = [
    path("tokens/", views.token_list, name="token-list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("v1/docs", views.documentation, name="docs"),
    path("v1/", include((_v1_patterns(), "v1"), namespace="v1")),
    path("v1/<path:rest>", not_found, name="not-found"),
]
