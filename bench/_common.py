"""Helpers every benchmark shares: timing, the machine's description and the result file."""

from __future__ import annotations

import gc
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
RESULT_KEYS = ("name", "metric", "value", "unit", "baseline", "baseline_value", "ratio",
               "target", "met", "machine")


def best_of(run: Callable[[], Any], *, repeats: int = 3) -> tuple[float, Any]:
    """Return the fastest of `repeats` wall-clock timings of `run()` and its last result."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        result = None
        gc.collect()
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def machine() -> str:
    """Describe the machine the way results are compared: system, processor and cores."""
    processor = platform.processor() or platform.machine()
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (f"{platform.system()} {platform.release()} {model or processor}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}")


def write_result(result: dict[str, Any]) -> Path:
    """Write `result` to bench/results/<name>.json, refusing one without the agreed keys."""
    missing = [key for key in RESULT_KEYS if key not in result]
    if missing:
        raise ValueError(f"result is missing {', '.join(missing)}")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{result['name']}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
