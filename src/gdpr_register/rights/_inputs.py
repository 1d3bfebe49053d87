"""Dates and instants from what a caller passes in: local dates in a Member State's zone,
aware datetimes, and the input errors the deadline functions raise."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from gdpr_register.errors import InputError, Problem
from gdpr_register.law.calendars import (
    member_state_zone,
)


def _problem(location: str, message: str) -> InputError:
    return InputError([Problem(location=location, message=message)])


def _out_of_range(location: str, value: object) -> InputError:
    return _problem(location, f"{value}: the period runs outside the years 1-9999")


def _aware_datetime(value: Any, location: str) -> datetime:
    """A timezone-aware stdlib datetime from a datetime, pendulum DateTime or ISO string."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise _problem(
                location,
                f"{value!r} is not an ISO date-time (expected e.g. 2026-11-25T14:30+02:00)",
            ) from None
    if not isinstance(value, datetime):
        raise _problem(location, f"expected a date-time, got {type(value).__name__} {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise _problem(
            location,
            f"{value.isoformat()} has no time zone; give a UTC offset or zone, "
            "or pass a date (the controller's local date)",
        )
    return value


def local_date(received: Any, country: str = "FI") -> tuple[date, datetime | None]:
    """The controller's local date of a receipt, and the instant when one was given.

    ``received``: a date (taken as the local date already), an aware datetime or pendulum
    DateTime, or an ISO string of either. Instants are dated in the Member State's zone.
    """
    if isinstance(received, date) and not isinstance(received, datetime):
        return date(received.year, received.month, received.day), None
    if isinstance(received, str) and len(received.strip()) == 10:
        try:
            return date.fromisoformat(received.strip()), None
        except ValueError:
            raise _problem(
                "received", f"{received!r} is not a valid date (expected YYYY-MM-DD)"
            ) from None
    instant = _aware_datetime(received, "received")
    import pendulum

    try:
        local = pendulum.instance(instant).in_timezone(member_state_zone(country))
    except OverflowError:
        raise _out_of_range("received", instant.isoformat()) from None
    return date(local.year, local.month, local.day), instant
