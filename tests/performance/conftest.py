import pytest

from tests.shared_data import SHARED_DATA
from trustboard.performance.services import area_load_national

FINGERTIPS_90284 = (SHARED_DATA / "fingertips"
                    / "ohid_90284_child_injury_admissions_0-14_utla_vs_england.csv")
FINGERTIPS_93356 = SHARED_DATA / "fingertips" / "phe_93356_campylobacter_countyua_2015-2017.csv"
NEIGHBOURS_2025 = (SHARED_DATA / "statistical_neighbours"
                   / "nfer_cs_statistical_neighbours_2025.csv")


def needs_shared_data(path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not present")


@pytest.fixture
def areas(db):
    """England, its regions, authorities and districts, from the packaged lists."""
    area_load_national()
