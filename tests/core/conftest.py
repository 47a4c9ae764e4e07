"""The demo partnership held for a whole test module, for the tests that walk every page.

The access matrix and the crawl of public channels make hundreds of requests against the
demo. The session's snapshot of the demo (tests/demo_snapshot.py, built once per worker)
is written inside one transaction that the module rolls back at its end; each test runs in
a savepoint inside it, so whatever a test's request writes (a deletion confirmed, a job
queued) is undone before the next test. Writing the snapshot takes moments where running
`demo_load()` again took tens of seconds each time a worker came back to the module.
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
def demo_world(_demo_snapshot, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), \
            transaction.atomic():
        _demo_snapshot.restore(media_root=media)
        users = {user.username: user for user in get_user_model().objects.all()}
        yield DemoWorld(media=media, users=users)
        transaction.set_rollback(True)
