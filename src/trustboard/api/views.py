"""The pages of the API app: a person's own API tokens, and the API's documentation."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from trustboard.api import selectors, services
from trustboard.api.forms import TokenForm
from trustboard.api.v1 import api
from trustboard.core.errors import RuleError


@login_required
def token_list(request):
    """The user's tokens, and the form to make one; a new token is shown on this answer
    only (it is not kept, so it cannot be shown again)."""
    form = TokenForm(request.POST or None)
    made = None
    if request.method == "POST" and form.is_valid():
        try:
            made = services.api_token_create(user=request.user, **form.cleaned_data)
        except RuleError as error:
            form.add_error(error.field, error.message)
        else:
            form = TokenForm()
    response = render(request, "api/token_list.html", {
        "form": form, "made": made, "today": timezone.localdate(),
        "tokens": selectors.api_token_list(user=request.user)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk):
    token = services.api_token_revoke(token=selectors.api_token_get(user=request.user, pk=pk))
    messages.success(request, f"The token '{token.name}' is revoked: it no longer works.")
    return redirect("api:token-list")


@require_safe
def documentation(request):
    """The API's own page: each endpoint from the OpenAPI schema, with examples; no script
    from elsewhere (Swagger UI's CDN is refused by the site's content security policy)."""
    schema = api.get_openapi_schema()
    operations = [
        {"method": method.upper(), "path": path,
         # Each part of a long address may start a line on a phone.
         "parts": path.strip("/").split("/"), "summary": operation.get("summary", ""),
         "description": operation.get("description", ""),
         "needs_token": operation.get("x-token-required", False),
         "parameters": operation.get("parameters", []),
         "responses": sorted(operation.get("responses", {})),
         "tag": (operation.get("tags") or ["Other"])[0]}
        for path, methods in schema["paths"].items() for method, operation in methods.items()
    ]
    tags = []
    for operation in operations:
        if operation["tag"] not in tags:
            tags.append(operation["tag"])
    return render(request, "api/docs.html", {
        "schema": schema, "sections": [(tag, [op for op in operations if op["tag"] == tag])
                                       for tag in tags],
        "site": request.build_absolute_uri("/").rstrip("/"),
        "schema_size": len(json.dumps(schema)),
    })
