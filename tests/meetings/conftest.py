import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Papers and packs go to a folder of the test's own, never the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
