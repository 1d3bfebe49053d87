"""Calendar arithmetic on stdlib dates, fast enough for hot paths (no pendulum here).

Months and years clamp to the end of the month: 31 Jan + 1 month = 28/29 Feb and
29 Feb + 1 year = 28 Feb (Regulation 1182/71 Art. 3(2)(c) counts months this way too).
Weeks are exactly seven days.

Minutes and hours on a date-only event count from the *end* of the event's day: the event may
have happened at any time that day, so the period's last instant is at the latest
(day + 1) 00:00 + N minutes, and the date returned is the day that instant falls on, a
midnight counting as the end of the day before. That is ``day + ceil(N / 1440)`` days: 10
minutes after an event on 1 March ends on 2 March, 24 hours ends on 2 March (as 1 day does),
25 hours on 3 March. The result is never earlier than any instant the period can end at, so
an erase-by date is never one the controller could not yet have reached, and a sub-day period
moves a date by at most one day past whole days.
"""

from __future__ import annotations

from datetime import date, timedelta

from gdpr_register.model.enums import DurationUnit
from gdpr_register.model.values import Duration

__all__ = [
    "add_duration",
    "add_months",
    "days_in_month",
    "end_of_year",
    "exact_days",
    "latest_start",
]

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (negative allowed), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = days_in_month(year, month0 + 1)
    return date(year, month0 + 1, day.day if day.day <= last else last)


def exact_days(duration: Duration) -> int | None:
    """The whole days ``add_duration`` adds for an exact unit (minutes, hours rounded up as
    the module explains; days; weeks); None for calendar months and years."""
    minutes = duration.minutes
    if minutes is None:
        return None
    return -(-minutes // 1440)


def add_duration(day: date, duration: Duration) -> date:
    if duration.unit is DurationUnit.MONTHS:
        return add_months(day, duration.amount)
    if duration.unit is DurationUnit.YEARS:
        return add_months(day, 12 * duration.amount)
    days = exact_days(duration)
    assert days is not None
    return day + timedelta(days=days)


def latest_start(deadline: date, duration: Duration) -> date:
    """The latest ``d`` with ``add_duration(d, duration) <= deadline``.

    ``add_duration`` is monotone in ``d``, so "``d + duration <= deadline``" is exactly
    "``d <= latest_start(deadline, duration)``": a sweep can compare stored dates against one
    precomputed threshold instead of doing calendar arithmetic per row (in SQL too).
    """
    days = exact_days(duration)
    if days is not None:
        return deadline - timedelta(days=days)
    months = duration.amount * (12 if duration.unit is DurationUnit.YEARS else 1)
    candidate = add_months(deadline, -months)
    # Clamping can map several start days onto one end day (Jan 29-31 + 1 month = Feb 28):
    # step forward while the next day still lands on or before the deadline.
    while _next_ends_by(candidate, months, deadline):
        candidate += timedelta(days=1)
    while add_months(candidate, months) > deadline:
        candidate -= timedelta(days=1)
    return candidate


def _next_ends_by(day: date, months: int, deadline: date) -> bool:
    """Whether the day after ``day``, plus ``months``, falls on or before ``deadline``; a date
    past 9999-12-31 falls after every deadline (stepping off the calendar is no answer)."""
    try:
        return add_months(day + timedelta(days=1), months) <= deadline
    except (ValueError, OverflowError):
        return False


def end_of_year(day: date) -> date:
    return date(day.year, 12, 31)
