"""Production settings: no key from the source, and `check --deploy` clean as documented."""

import secrets
import stat
import subprocess
import sys

from tests.installation import environment

# The production environment docs/operating.md gives, with a key made for the test.
DOCUMENTED_PRODUCTION = {
    "TRUSTBOARD_PRODUCTION": "1",
    "TRUSTBOARD_ALLOWED_HOSTS": "trust.example.gov.uk",
    "TRUSTBOARD_CSRF_TRUSTED_ORIGINS": "https://trust.example.gov.uk",
    "TRUSTBOARD_HSTS_SECONDS": "31536000",
    "TRUSTBOARD_HSTS_INCLUDE_SUBDOMAINS": "1",
    "TRUSTBOARD_HSTS_PRELOAD": "1",
    "TRUSTBOARD_SSL_REDIRECT": "1",
    "TRUSTBOARD_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def _settings(folder, *names, key: bool = False, **extra):
    """The named settings as a process on the installation in `folder` sees them."""
    env = environment(folder, DJANGO_SETTINGS_MODULE="trustboard.settings", **extra)
    if not key:
        env.pop("TRUSTBOARD_SECRET_KEY")
    code = ("from django.conf import settings\n"
            f"for name in {names!r}: print(getattr(settings, name))")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True)


def test_without_a_key_each_installation_makes_its_own_readable_by_its_owner_only(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"

    keys = [_settings(folder, "SECRET_KEY").stdout for folder in (first, second, first)]

    assert keys[0] == keys[2] and keys[0] != keys[1]
    assert len(keys[0].strip()) >= 50
    assert stat.S_IMODE((first / "secret_key").stat().st_mode) == 0o600


def test_production_refuses_to_start_without_a_key(tmp_path):
    done = _settings(tmp_path, "SECRET_KEY", TRUSTBOARD_PRODUCTION="1")

    assert done.returncode != 0
    assert "Set TRUSTBOARD_SECRET_KEY for production" in done.stderr
    assert not (tmp_path / "secret_key").exists()


def test_a_key_file_others_can_read_is_refused(tmp_path):
    _settings(tmp_path, "SECRET_KEY")
    (tmp_path / "secret_key").chmod(0o644)

    done = _settings(tmp_path, "SECRET_KEY")

    assert done.returncode != 0
    assert "others than its owner can read it: run `chmod 600" in done.stderr


def test_the_proxy_header_and_https_settings_come_from_the_environment(tmp_path):
    done = _settings(tmp_path, "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
                     "SECURE_SSL_REDIRECT", key=True, **DOCUMENTED_PRODUCTION)

    assert done.stdout.splitlines() == ["('HTTP_X_FORWARDED_PROTO', 'https')", "31536000",
                                        "True"]


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    done = subprocess.run([sys.executable, "-m", "trustboard.cli", "check", "--deploy",
                           "--fail-level", "INFO"], capture_output=True, text=True,
                          env=environment(tmp_path, **DOCUMENTED_PRODUCTION,
                                          TRUSTBOARD_SECRET_KEY=secrets.token_urlsafe(50)))

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
