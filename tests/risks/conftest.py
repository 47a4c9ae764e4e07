import pytest


@pytest.fixture
def demo_member(demo, client, django_user_model):
    """A client signed in as the demo's member."""
    client.force_login(django_user_model.objects.get(username="member"))
    return client
