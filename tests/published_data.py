"""The real published files the tests check figures against.

They ship with Trustboard in trustboard/demo/data (its README gives each file's publisher,
source and licence), the folder the demo loads from. A missing file is an error naming it
when the tests that read it are collected, never a skip.
"""

from pathlib import Path

from trustboard.performance.demo import (
    DEMO_DATA,
    INJURIES_FILE,
    INJURIES_REGIONS_FILE,
    NEIGHBOURS_FILE,
)


def published(relative: Path | str) -> Path:
    """The path of a published file under the demo's data folder; it must be there."""
    path = DEMO_DATA / relative
    if not path.is_file():
        raise FileNotFoundError(
            f"The published file {path} is missing: it ships with the repository "
            f"(see {DEMO_DATA / 'README.md'}).")
    return path


FINGERTIPS_90284 = published(INJURIES_FILE)
FINGERTIPS_90284_REGIONS = published(INJURIES_REGIONS_FILE)
FINGERTIPS_93356 = published("fingertips/phe_93356_campylobacter_countyua_2015-2017.csv")
NEIGHBOURS_2025 = published(NEIGHBOURS_FILE)
