"""Month arithmetic. Time moves in whole months from the start date: `add_months` keeps the
day of month, clamped to the month's end (31 January + 1 month = 28 or 29 February)."""

from __future__ import annotations

from calendar import monthrange
from datetime import date


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, keeping the day of month, clamped to the month's end."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end`: the largest n with add_months(start, n) <= end."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


def month_offset(start: date, day: date) -> int:
    """The first month offset t with add_months(start, t) >= day (0 if day <= start)."""
    if day <= start:
        return 0
    months = months_between(start, day)
    return months if add_months(start, months) >= day else months + 1
