"""The demo partnership loaded once for a whole test module, for the tests that walk every page.

Loading the demo takes seconds; the access matrix and the crawl of public channels make
hundreds of requests against it. The demo is written inside one transaction that the module
rolls back at its end; each test runs in a savepoint inside it, so whatever a test's request
writes (a deletion confirmed, a job queued) is undone before the next test.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings


@dataclass(frozen=True)
class DemoWorld:
    """Where the demo's files are, and the users of its five ways in (the public has none)."""

    media: Path
    users: dict[str, object]


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory):
    from trustboard.demo.loader import demo_load

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), \
            transaction.atomic():
        demo_load()
        users = {user.username: user for user in get_user_model().objects.all()}
        yield DemoWorld(media=media, users=users)
        transaction.set_rollback(True)
