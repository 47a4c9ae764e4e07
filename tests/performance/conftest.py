import pytest

from trustboard.performance.services import area_load_national


@pytest.fixture
def areas(db):
    """England, its regions, authorities and districts, from the packaged lists."""
    area_load_national()
