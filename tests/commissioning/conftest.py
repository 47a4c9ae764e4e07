import pytest


@pytest.fixture
def demo_officer(demo, django_user_model):
    """The demo's own officer (the demo holds a user named "officer" already)."""
    return django_user_model.objects.get(username="officer")
