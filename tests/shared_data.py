"""Where the real published data of ../shared/data lies (see its README)."""

import os
from pathlib import Path

_BESIDE_THE_REPOSITORY = Path(__file__).resolve().parents[2] / "shared" / "data"
SHARED_DATA = Path(os.environ.get("TRUSTBOARD_SHARED_DATA", _BESIDE_THE_REPOSITORY))
