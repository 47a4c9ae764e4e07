from pathlib import Path

import pytest

# Tests hash passwords with MD5: Argon2 costs about 0.1 s a password by design, and every
# demo and fixture user would pay it. tests/core/test_security.py checks the real setting.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


def pytest_collection_modifyitems(items):
    """Mark every test that can reach the database: pytest-django refuses the database to
    any other, so a test without the mark runs the same on SQLite and PostgreSQL.

    A database test may be marked `sqlite_only(reason=...)` when what it checks cannot
    differ between the databases (docs/testing.md): the PostgreSQL pass leaves it out. The
    reason is required, so each such choice says why where it is made."""
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or any(
            name in item.fixturenames
            for name in ("db", "transactional_db", "django_db_reset_sequences",
                         "django_db_serialized_rollback", "live_server"))
        if uses_database:
            item.add_marker(pytest.mark.database)
        sqlite_only = item.get_closest_marker("sqlite_only")
        if sqlite_only is not None and not sqlite_only.kwargs.get("reason"):
            raise pytest.UsageError(
                f"{item.nodeid} is marked sqlite_only without a reason: say why what it "
                "checks cannot differ on PostgreSQL, as sqlite_only(reason=...) "
                "(docs/testing.md).")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test databases are made from the models (`--no-migrations` in pyproject.toml),
    in a second where running the migrations takes half a minute; add what the
    migrations' own code writes (core 0003: the data version's one row). That the
    migrations make the same tables is tested in tests/core/test_migrations.py."""
    from trustboard.core.models import DataVersion

    with django_db_blocker.unblock():
        DataVersion.objects.get_or_create(pk=1)


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(
        username="officer", password="officer-password-1", role="officer",
        first_name="Pat", last_name="Officer",
    )


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user(
        username="member", password="member-password-1", role="member",
        first_name="Sam", last_name="Member",
    )


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def run_tasks(monkeypatch):
    """Run every queued background task now, as `trustboard db_worker` does in production.

    The worker closes connections out of autocommit mode before each task, which on
    PostgreSQL would end the test's own transaction; here the test owns the connection.
    """
    from django.core.management import call_command

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections",
                        lambda: None)

    def run():
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    return run


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no cached pages: the cache outlives a test's database."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Papers, packs and imports a test stores go to its own folder, not the checkout's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def empty_installation(tmp_path_factory):
    """A migrated installation holding nothing: copy it, never change it. The others
    start from a copy of it, so a worker runs the migrations (half a minute) once."""
    from tests.installation import trustboard

    folder = tmp_path_factory.mktemp("empty") / "site"
    folder.mkdir()
    trustboard(folder, "migrate", "--verbosity", "0")
    return folder


@pytest.fixture(scope="session")
def migrated_installation(empty_installation, tmp_path_factory):
    """A migrated installation with England's areas: copy it, never change it."""
    from tests.installation import copy, trustboard

    folder = copy(empty_installation, tmp_path_factory.mktemp("migrated") / "site")
    trustboard(folder, "load-areas")
    return folder


@pytest.fixture(scope="session")
def demo_installation(empty_installation, tmp_path_factory):
    """An installation holding the demo partnership: copy it, never change it."""
    from tests.installation import copy, trustboard

    folder = copy(empty_installation, tmp_path_factory.mktemp("demo") / "site")
    trustboard(folder, "demo", "--load-only")
    return folder


def _snapshot(django_db_blocker, tmp_path_factory, build):
    from django.test import override_settings

    from tests.demo_snapshot import snapshot_build

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        return snapshot_build(build=build, media=media)


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo, built once in this session (see tests/demo_snapshot.py)."""
    from trustboard.demo.loader import demo_load

    return _snapshot(django_db_blocker, tmp_path_factory, demo_load)


@pytest.fixture(scope="session")
def _performance_demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo's areas and published indicator data alone, built once in this session."""
    from trustboard.performance.demo import performance_demo_load

    return _snapshot(django_db_blocker, tmp_path_factory,
                     lambda: performance_demo_load(by=None))


@pytest.fixture
def demo(db, _demo_snapshot, _uploads_in_a_temporary_folder, settings):
    """The demo partnership exactly as `demo_load()` leaves it, in this test's database and
    MEDIA_ROOT; built once per session and copied in, as loading it takes tens of seconds."""
    _demo_snapshot.restore(media_root=Path(settings.MEDIA_ROOT))


@pytest.fixture
def performance_demo(db, _performance_demo_snapshot, _uploads_in_a_temporary_folder,
                     settings):
    """England's areas, the 2025 statistical neighbours and the published indicator data,
    as `performance_demo_load(by=None)` leaves them (the demo without its partnership)."""
    _performance_demo_snapshot.restore(media_root=Path(settings.MEDIA_ROOT))
