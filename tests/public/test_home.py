"""The home page: the partnership at a glance for the public, "your work" signed in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_public_home_page_renders_from_the_demo(client, demo):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    print(response.text[response.text.index('id="main-content"'):][:6000])
