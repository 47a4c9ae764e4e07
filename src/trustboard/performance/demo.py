"""The demo partnership's areas, neighbours and real published indicator data.

Real data comes from the shared folder of published files beside the repository
(../shared/data, or TRUSTBOARD_SHARED_DATA): the 2025 children's services statistical
neighbours, Fingertips indicator 90284 (hospital admissions for injuries in children
aged 0 to 14) and four DfE children's social care indicators (demo_social_care.py).
Where the folder is missing, the areas still load and the rest is skipped with a message
saying so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from trustboard.performance.demo_social_care import FOLDER as SOCIAL_CARE_FOLDER
from trustboard.performance.demo_social_care import social_care_demo_load
from trustboard.performance.imports import data_import
from trustboard.performance.models import FINGERTIPS, Area, Indicator, Polarity, ValueType
from trustboard.performance.services import (
    area_load_national,
    indicator_save,
    neighbours_import_file,
)

NEIGHBOURS_FILE = Path("statistical_neighbours") / "nfer_cs_statistical_neighbours_2025.csv"
INJURIES_FILE = (Path("fingertips")
                 / "ohid_90284_child_injury_admissions_0-14_utla_vs_england.csv")
INJURIES_DEFINITION = (
    "Emergency hospital admissions caused by unintentional and deliberate injuries in "
    "children aged 0 to 14 years, per 10,000 resident population aged 0 to 14 "
    "(OHID Fingertips, Child and Maternal Health profile, indicator 90284).")


def shared_data_folder() -> Path:
    """Where the published files lie: TRUSTBOARD_SHARED_DATA, or ../shared/data beside the
    repository (as tests/shared_data.py finds it)."""
    beside = Path(__file__).resolve().parents[4] / "shared" / "data"
    return Path(os.environ.get("TRUSTBOARD_SHARED_DATA", beside))


@dataclass
class PerformanceDemo:
    areas: int = 0
    neighbour_areas: int = 0
    data_points: int = 0
    messages: list[str] = field(default_factory=list)


@transaction.atomic
def performance_demo_load(*, by, folder: Path | None = None) -> PerformanceDemo:
    """Load the areas of England, then, where the shared data are present, the 2025
    statistical neighbours and indicator 90284 for every authority (Nottinghamshire is
    E10000024, DfE 891). Running it again changes nothing."""
    folder = folder or shared_data_folder()
    counts = area_load_national()
    summary = PerformanceDemo(areas=counts.created + counts.updated + counts.unchanged)
    neighbours, injuries = folder / NEIGHBOURS_FILE, folder / INJURIES_FILE
    if neighbours.exists():
        summary.neighbour_areas = neighbours_import_file(path=neighbours, model_year=2025).areas
    else:
        summary.messages.append(f"Statistical neighbours skipped: {neighbours} is missing.")
    if injuries.exists():
        record = data_import(path=injuries, by=by, create_indicators=True,
                             polarity=Polarity.LOWER_IS_BETTER, value_type=ValueType.CRUDE_RATE)
        summary.data_points = record.created + record.updated + record.unchanged
        indicator = Indicator.objects.get(source=FINGERTIPS, source_id="90284")
        if not indicator.definition:
            indicator.definition = INJURIES_DEFINITION
            indicator.unit = "per 10,000 children aged 0 to 14"
            # National statistics as OHID publishes them: the demo's officer decides they
            # are public as published (an indicator an import adds starts unpublished).
            indicator.approval_required = False
            indicator_save(indicator=indicator, by=by)
    else:
        summary.messages.append(f"Fingertips indicator 90284 skipped: {injuries} is missing.")
    if (folder / SOCIAL_CARE_FOLDER).exists():
        summary.data_points += social_care_demo_load(
            by=by, folder=folder, area_codes=set(Area.objects.values_list("code", flat=True)))
    else:
        summary.messages.append(f"DfE social care indicators skipped: "
                                f"{folder / SOCIAL_CARE_FOLDER} is missing.")
    return summary
