"""Trustboard's statistics engine: confidence intervals and benchmarking of indicator values
as England's national profiles (OHID Fingertips) compute them.

Pure functions over NumPy arrays and Polars frames, with no Django, no I/O and no clock,
so the package can be tested, benchmarked and published on its own.
"""

from .benchmarking import (
    COMPARISON,
    DIRECTION,
    POLARITIES,
    RECENT_TREND,
    TARGET_STATUS,
    benchmark,
    compare_with_benchmark,
    currency,
    direction_of_travel,
    england_quintile,
    neighbour_summary,
    recent_trend,
    target_status,
)
from .checks import EngineInputError
from .disclosure import suppress_small_counts, suppression_note
from .intervals import (
    Interval,
    byars_limits,
    dsr_ci,
    dsr_ci_by_group,
    exact_poisson_limits,
    mean_ci,
    poisson_limits,
    proportion_ci,
    rate_ci,
)
from .trends import TrendTest, proportion_trend, weighted_regression_trend

__all__ = [
    "COMPARISON",
    "DIRECTION",
    "POLARITIES",
    "RECENT_TREND",
    "TARGET_STATUS",
    "EngineInputError",
    "Interval",
    "TrendTest",
    "benchmark",
    "byars_limits",
    "compare_with_benchmark",
    "currency",
    "direction_of_travel",
    "dsr_ci",
    "dsr_ci_by_group",
    "england_quintile",
    "exact_poisson_limits",
    "mean_ci",
    "neighbour_summary",
    "poisson_limits",
    "proportion_ci",
    "proportion_trend",
    "rate_ci",
    "recent_trend",
    "suppress_small_counts",
    "suppression_note",
    "target_status",
    "weighted_regression_trend",
]
