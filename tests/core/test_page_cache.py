"""Cached public pages never outlive a change to the data, however it was written."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from trustboard.core.page_cache import data_changed, data_version, public_page_cache
from trustboard.governance.models import Organisation

pytestmark = pytest.mark.django_db

calls = []


@public_page_cache
def counted(request):
    calls.append(request.path)
    return HttpResponse(f"page {len(calls)}")


@pytest.fixture
def get(rf: RequestFactory):
    from django.contrib.auth.models import AnonymousUser

    calls.clear()

    def go(path="/counted/", user=None, cookies=None):
        request = rf.get(path)
        request.user = user or AnonymousUser()
        request.COOKIES.update(cookies or {})
        return counted(request).content.decode()

    return go


def test_the_public_is_served_from_the_cache_until_the_data_changes(get):
    assert get() == "page 1"
    assert get() == "page 1", "served from the cache"
    Organisation.objects.create(name="Nottinghamshire County Council")
    assert get() == "page 2", "a save raised the data version"


@pytest.mark.parametrize("write", [
    lambda: Organisation.objects.bulk_create([Organisation(name="A"), Organisation(name="B")]),
    lambda: Organisation.objects.filter(name="Nottinghamshire County Council").update(
        name="Notts CC"),
    lambda: Organisation.objects.all().delete(),
    lambda: data_changed(),
])
def test_bulk_writes_updates_deletes_and_raw_writers_expire_the_cache(get, write):
    Organisation.objects.create(name="Nottinghamshire County Council")
    before = data_version()
    get()
    write()
    assert data_version() > before
    assert get() == "page 2"


def test_a_rolled_back_write_leaves_the_version(get):
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.create(name="Gone")
        raise RuntimeError
    assert data_version() == before


def test_signing_in_is_not_a_change_to_the_data(client):
    get_user_model().objects.create_user(username="sam", password="sam-password-123")
    before = data_version()
    client.post("/sign-in/", {"username": "sam", "password": "sam-password-123"})
    assert data_version() == before, "last_login, the session and axes' log are not data"


def test_signed_in_people_and_pending_messages_are_never_served_from_the_cache(get):
    user = get_user_model().objects.create_user(username="sam", password="sam-password-123")
    assert get() == "page 1"
    assert get(user=user) == "page 2"
    assert get(cookies={"messages": "x"}) == "page 3"
    assert get("/counted/?page=2") == "page 4", "each query string is its own page"


def test_a_lost_version_row_is_made_again(get):
    from trustboard.core.models import DataVersion

    DataVersion.objects.all().delete()
    assert get() == "page 1" and get() == "page 2", "no row, no caching"
    data_changed()
    assert data_version() == 1
    assert get() == "page 3" and get() == "page 3"
