import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(django_user_model, settings):
    """Trustboard's own setting; the tests otherwise hash with MD5 for speed (conftest)."""
    from trustboard import settings as trustboard_settings

    settings.PASSWORD_HASHERS = trustboard_settings.PASSWORD_HASHERS
    user = django_user_model.objects.create_user(username="someone", password="a-password-1")

    assert identify_hasher(user.password).algorithm == "argon2"


def test_pages_carry_a_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_five_failed_sign_ins_lock_the_username_out(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "officer", "password": "wrong-password"})
    response = client.post("/sign-in/", {"username": "officer",
                                         "password": "officer-password-1"})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.text


def test_a_correct_password_signs_in(client, officer):
    response = client.post("/sign-in/", {"username": "officer",
                                         "password": "officer-password-1"}, follow=True)
    assert response.context["user"] == officer
    assert "Signed in as Pat Officer" in response.text
