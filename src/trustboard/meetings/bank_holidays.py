"""Bank holidays in England and Wales, 2010 to 2030, for the forward plan.

Source: gov.uk, "UK bank holidays" (https://www.gov.uk/bank-holidays, England and Wales).
The regular days follow the Banking and Financial Dealings Act 1971 as gov.uk applies
them: a holiday falling at a weekend moves to the next weekday that is not already one.
The days moved or added by royal proclamation are listed from gov.uk's published
calendars. gov.uk publishes only a year or two ahead, so days after that are the
regular rule and a later proclamation will not be known here.
"""

from datetime import date, timedelta
from functools import cache

FIRST_YEAR, LAST_YEAR = 2010, 2030

# Royal proclamations, as published on gov.uk; each replaces or adds to the rule.
_MOVED = {
    # Spring bank holiday moved for the Diamond Jubilee (2012) and the Platinum Jubilee (2022);
    # Early May bank holiday moved to VE Day's 75th anniversary (2020).
    date(2012, 5, 28): date(2012, 6, 4),
    date(2020, 5, 4): date(2020, 5, 8),
    date(2022, 5, 30): date(2022, 6, 2),
}
_ADDED = {
    date(2011, 4, 29): "Royal wedding",
    date(2012, 6, 5): "Queen's Diamond Jubilee",
    date(2022, 6, 3): "Platinum Jubilee bank holiday",
    date(2022, 9, 19): "Bank holiday for the State Funeral of Queen Elizabeth II",
    date(2023, 5, 8): "Bank holiday for the coronation of King Charles III",
}


def easter_sunday(year: int) -> date:
    """Easter Day in the Gregorian calendar (the anonymous algorithm of Meeus, Jones, Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=day.weekday())


def _next_free_weekday(day: date, taken: set[date]) -> date:
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


def bank_holidays(year: int) -> dict[date, str]:
    """The bank holidays of England and Wales in `year`, by date."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Bank holidays are known for {FIRST_YEAR} to {LAST_YEAR}, not {year}.")
    return dict(_bank_holidays(year))


@cache
def _bank_holidays(year: int) -> dict[date, str]:
    easter = easter_sunday(year)
    days: dict[date, str] = {
        easter - timedelta(days=2): "Good Friday",
        easter + timedelta(days=1): "Easter Monday",
        _MOVED.get(_first_monday(year, 5), _first_monday(year, 5)): "Early May bank holiday",
        _MOVED.get(_last_monday(year, 5), _last_monday(year, 5)): "Spring bank holiday",
        _last_monday(year, 8): "Summer bank holiday",
    }
    fixed = ((date(year, 1, 1), "New Year's Day"), (date(year, 12, 25), "Christmas Day"),
             (date(year, 12, 26), "Boxing Day"))
    # A day on a weekday keeps its place; one at a weekend takes the next free weekday
    # (Christmas on a Sunday: Boxing Day stays on Monday, Christmas moves to Tuesday).
    days.update({day: name for day, name in fixed if day.weekday() < 5})
    for day, name in fixed:
        if day.weekday() >= 5:
            days[_next_free_weekday(day, set(days))] = f"{name} (substitute day)"
    days.update({day: name for day, name in _ADDED.items() if day.year == year})
    return dict(sorted(days.items()))


def bank_holiday_name(day: date) -> str | None:
    """The bank holiday on `day`, or None if it is an ordinary day (or outside 2010-2030)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return _bank_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """A weekday that is not a bank holiday in England and Wales."""
    return day.weekday() < 5 and bank_holiday_name(day) is None
