"""Schemathesis against /api/v1/'s own OpenAPI schema, over the demo partnership.

Each operation of the schema is called with requests generated from it (valid ones and,
where the schema allows, invalid ones); every answer must be no server error, carry a status
the schema lists for it, and match that status's response schema. A handful of examples an
operation keeps the run short; CI's later runs find what earlier ones did not.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db


@schemathesis.serializer("text/csv")
def _csv(context, value):
    """The import's body, sent as text (schemathesis knows JSON, forms and text/plain)."""
    return {"data": value if isinstance(value, bytes) else str(value).encode()}


def _schema():
    """The schema as the API serves it, with the Django WSGI application to call."""
    from trustboard.api.v1 import api

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema())
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_answer_is_a_server_error_or_breaks_the_schema(case, demo):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                   response_schema_conformance])
