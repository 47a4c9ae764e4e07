import pytest


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
def migrated_installation(tmp_path_factory):
    """A migrated installation with England's areas: copy it, never change it."""
    from tests.installation import trustboard

    folder = tmp_path_factory.mktemp("migrated") / "site"
    folder.mkdir()
    trustboard(folder, "migrate", "--verbosity", "0")
    trustboard(folder, "load-areas")
    return folder


@pytest.fixture(scope="session")
def demo_installation(tmp_path_factory):
    """An installation holding the demo partnership: copy it, never change it."""
    from tests.installation import trustboard

    folder = tmp_path_factory.mktemp("demo") / "site"
    folder.mkdir()
    trustboard(folder, "demo", "--load-only")
    return folder
