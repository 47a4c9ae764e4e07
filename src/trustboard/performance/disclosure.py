"""Disclosure control for everything the public reads: the threshold setting and one frame step.

Every public page, download, feed and API response passes data points through
`public_points_frame` (or a helper built on it); officers and analysts signed in read the
figures as they are. The rules themselves live in the engine
(`trustboard.performance.engine.disclosure`); docs/disclosure-control.md explains them.
"""

from __future__ import annotations

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .engine.disclosure import DISCLOSURE_KEYS, suppress_small_counts, suppression_note

SETTING = "TRUSTBOARD_DISCLOSURE_THRESHOLD"
DEFAULT_THRESHOLD = 5


def disclosure_threshold() -> int:
    """Return the setting's threshold: counts under it are suppressed for the public.

    The setting (and the environment variable of the same name) must be a whole number of
    at least 1; anything else stops with an error naming it rather than publishing counts
    under a threshold nobody chose.
    """
    raw = getattr(settings, SETTING, DEFAULT_THRESHOLD)
    text = str(raw).strip()
    if isinstance(raw, bool) or not text.isdigit() or int(text) < 1:
        raise ImproperlyConfigured(
            f"{SETTING} must be a whole number of at least 1 (counts under it are hidden "
            f"from the public), not {raw!r}.")
    return int(text)


def public_points_frame(frame: pl.DataFrame, *,
                        keys: tuple[str, ...] = DISCLOSURE_KEYS) -> pl.DataFrame:
    """Return `frame` as the public may read it: small counts suppressed, with a note why.

    `frame` has the columns `suppress_small_counts` reads (`area_code`, `parent_code`,
    `count`, the value, its limits and `value_note`, grouped by `keys`).
    """
    return suppress_small_counts(frame, threshold=disclosure_threshold(), keys=keys)


def public_note() -> str:
    """Return the note a suppressed figure carries at the current threshold."""
    return suppression_note(disclosure_threshold())
