"""The demo partnership's areas, neighbours and real published indicator data.

The published files ship with Trustboard in trustboard/demo/data (its README gives each
file's publisher, source and licence): the 2025 children's services statistical
neighbours, Fingertips indicator 90284 (hospital admissions for injuries in children
aged 0 to 14) for every authority against England and, from the regions' export, each
region's own figures, and four DfE children's social care indicators
(demo_social_care.py). A missing file is an error naming it: the demo never loads
without its real data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from trustboard.core.errors import TrustboardError
from trustboard.performance.demo_social_care import social_care_demo_load, social_care_files
from trustboard.performance.imports import data_import
from trustboard.performance.models import FINGERTIPS, Area, Indicator, Polarity, ValueType
from trustboard.performance.services import (
    area_load_national,
    indicator_save,
    neighbours_import_file,
)

#: The published files the demo (and the tests) read, inside the package.
DEMO_DATA = Path(__file__).resolve().parents[1] / "demo" / "data"
NEIGHBOURS_FILE = Path("statistical_neighbours") / "nfer_cs_statistical_neighbours_2025.csv"
INJURIES_FILE = (Path("fingertips")
                 / "ohid_90284_child_injury_admissions_0-14_utla_vs_england.csv")
# The same indicator exported with regions as the parent: it adds each region's figures.
INJURIES_REGIONS_FILE = (Path("fingertips")
                         / "ohid_90284_child_injury_admissions_0-14_utla_vs_region.csv")
INJURIES_DEFINITION = (
    "Emergency hospital admissions caused by unintentional and deliberate injuries in "
    "children aged 0 to 14 years, per 10,000 resident population aged 0 to 14 "
    "(OHID Fingertips, Child and Maternal Health profile, indicator 90284).")


class DemoDataMissing(TrustboardError):
    """A published file the demo loads is not where it ships."""


@dataclass
class PerformanceDemo:
    areas: int = 0
    neighbour_areas: int = 0
    data_points: int = 0


def demo_data_files(folder: Path) -> list[Path]:
    """Every published file the performance demo reads, under `folder`."""
    return [folder / NEIGHBOURS_FILE, folder / INJURIES_FILE, folder / INJURIES_REGIONS_FILE,
            *social_care_files(folder)]


@transaction.atomic
def performance_demo_load(*, by, folder: Path = DEMO_DATA) -> PerformanceDemo:
    """Load the areas of England, the 2025 statistical neighbours, indicator 90284 for every
    authority, region and England (Nottinghamshire is E10000024, DfE 891) and the DfE social
    care indicators. Running it again changes nothing. A missing file raises
    DemoDataMissing naming it, before anything is written."""
    missing = [path for path in demo_data_files(folder) if not path.is_file()]
    if missing:
        raise DemoDataMissing(
            "The demo's published data are missing: " + ", ".join(map(str, missing))
            + f". They ship with Trustboard in {DEMO_DATA} (see its README.md).")
    counts = area_load_national()
    summary = PerformanceDemo(areas=counts.created + counts.updated + counts.unchanged)
    summary.neighbour_areas = neighbours_import_file(path=folder / NEIGHBOURS_FILE,
                                                     model_year=2025).areas
    for injuries in (INJURIES_FILE, INJURIES_REGIONS_FILE):
        record = data_import(path=folder / injuries, by=by, create_indicators=True,
                             polarity=Polarity.LOWER_IS_BETTER,
                             value_type=ValueType.CRUDE_RATE)
    # The regions' export holds every authority's figures too, unchanged: its record counts
    # each data point of the indicator once.
    summary.data_points = record.created + record.updated + record.unchanged
    indicator = Indicator.objects.get(source=FINGERTIPS, source_id="90284")
    if not indicator.definition:
        indicator.definition = INJURIES_DEFINITION
        indicator.unit = "per 10,000 children aged 0 to 14"
        # National statistics as OHID publishes them: the demo's officer decides they are
        # public as published (an indicator an import adds starts unpublished).
        indicator.approval_required = False
        indicator_save(indicator=indicator, by=by)
    summary.data_points += social_care_demo_load(
        by=by, folder=folder, area_codes=set(Area.objects.values_list("code", flat=True)))
    return summary
