"""Core views that stand alone."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_health_view_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert (response.status_code, response.content) == (200, b"ok")
