"""Turn a published period label into the dates it covers, so periods sort and compare.

The labels are those Fingertips, DfE and LAIT publish (docs/indicators-import.md, "Periods"):

=====================  ===========================================  =================
label                  covers                                       range
=====================  ===========================================  =================
``2023``               calendar year 1 Jan 2023 - 31 Dec 2023       1y
``2023/24``            financial year 1 Apr 2023 - 31 Mar 2024      1y
                       (academic year 1 Sep 2023 - 31 Aug 2024
                       for an indicator measured by academic year)
``2023-24``            the same as ``2023/24`` (DfE and LAIT write it so)
``2021 - 23``          calendar years 2021 to 2023                  3y
``2020/21 - 22/23``    financial (or academic) years 2020/21 to 22/23  3y
``2023 Q3``            calendar quarter: Jul - Sep 2023             1q
``2023/24 Q3``         financial-year quarter: Oct - Dec 2023       1q
``2023 Jan``,          a month                                      1m
``Jan 2023``
=====================  ===========================================  =================

``2011-12`` is always the split year 2011/12, never December 2011: write months with
their names.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_name) if name})

_YEAR = re.compile(r"(\d{4})")
_SPLIT_YEAR = re.compile(r"(\d{4})[/-](\d{2}|\d{4})")
_YEARS = re.compile(r"(\d{4})\s+-\s+(\d{2}|\d{4})")
_SPLIT_YEARS = re.compile(r"(\d{4})/(\d{2})\s+-\s+(\d{2})/(\d{2})")
_QUARTER = re.compile(r"(\d{4})\s+Q([1-4])", re.IGNORECASE)
_SPLIT_QUARTER = re.compile(r"(\d{4})/(\d{2})\s+Q([1-4])", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"([A-Za-z]+)\s+(\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})\s+([A-Za-z]+)")


class PeriodError(ValueError):
    """A label that names no period Trustboard knows; the message says which forms it takes."""


@dataclass(frozen=True)
class ParsedPeriod:
    label: str
    start: date
    end: date
    range: str  # Fingertips' "Time period range": 1y, 3y, 1q, 1m
    sortable: int  # Fingertips' "Time period Sortable": first year, quarter, month: YYYYQQMM


FORMS = "2023, 2023/24, 2023-24, 2021 - 23, 2020/21 - 22/23, 2023 Q3, 2023/24 Q3 or Jan 2023"


def period_parse(label: str, *, academic: bool = False) -> ParsedPeriod:
    """Return the dates `label` covers; a split year starts in April, or September if
    `academic`. Raise PeriodError for a label of no known form."""
    text = " ".join(str(label).split())
    start_month = 9 if academic else 4
    if match := _YEAR.fullmatch(text):
        year = int(match[1])
        return ParsedPeriod(text, date(year, 1, 1), date(year, 12, 31), "1y", year * 10_000)
    if match := _SPLIT_YEAR.fullmatch(text):
        first = int(match[1])
        if _following(first, match[2]) == first + 1:
            return ParsedPeriod(text, date(first, start_month, 1),
                                _month_end(first + 1, start_month - 1), "1y", first * 10_000)
    if match := _YEARS.fullmatch(text):
        first, last = int(match[1]), _following(int(match[1]), match[2])
        if last > first:
            return ParsedPeriod(text, date(first, 1, 1), date(last, 12, 31),
                                f"{last - first + 1}y", first * 10_000)
    if match := _SPLIT_YEARS.fullmatch(text):
        first = int(match[1])
        last_start = _following(first, match[3])
        if (_following(first, match[2]) == first + 1 and last_start > first
                and _following(last_start, match[4]) == last_start + 1):
            return ParsedPeriod(text, date(first, start_month, 1),
                                _month_end(last_start + 1, start_month - 1),
                                f"{last_start - first + 1}y", first * 10_000)
    if match := _QUARTER.fullmatch(text):
        year, quarter = int(match[1]), int(match[2])
        first_month = 3 * quarter - 2
        return ParsedPeriod(text, date(year, first_month, 1),
                            _month_end(year, first_month + 2), "1q",
                            year * 10_000 + quarter * 100)
    if match := _SPLIT_QUARTER.fullmatch(text):
        first, quarter = int(match[1]), int(match[3])
        if _following(first, match[2]) == first + 1:
            month = start_month + 3 * (quarter - 1)
            year, month = first + (month - 1) // 12, (month - 1) % 12 + 1
            return ParsedPeriod(text, date(year, month, 1), _month_end(year, month + 2), "1q",
                                first * 10_000 + quarter * 100)
    for pattern, year_group, month_group in ((_MONTH_FIRST, 2, 1), (_YEAR_FIRST, 1, 2)):
        if (match := pattern.fullmatch(text)) and match[month_group].lower() in _MONTHS:
            year, month = int(match[year_group]), _MONTHS[match[month_group].lower()]
            return ParsedPeriod(text, date(year, month, 1), _month_end(year, month), "1m",
                                year * 10_000 + month)
    raise PeriodError(f"'{label}' is not a period Trustboard reads; write it like {FORMS}.")


def _following(first: int, written: str) -> int:
    """Return the year `written` as two or four digits after the four-digit `first`."""
    if len(written) == 4:
        return int(written)
    century = first - first % 100
    year = century + int(written)
    return year if year >= first else year + 100


def _month_end(year: int, month: int) -> date:
    """Return the last day of `month` (which may run past 12 or below 1) of `year`."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def period_index(day: date) -> int:
    """The engine's period index of the month holding `day`: year x 12 + month - 1."""
    return day.year * 12 + day.month - 1
