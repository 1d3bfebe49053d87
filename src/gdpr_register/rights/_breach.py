"""The Art. 33(1) breach clock: 72 elapsed hours, never rolled to a working day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from gdpr_register.rights._inputs import _aware_datetime, _out_of_range

_BREACH_HOURS = timedelta(hours=72)


@attrs.frozen(kw_only=True)
class BreachDeadline:
    """Art. 33(1): notify the supervisory authority within 72 hours of becoming aware.

    Exact to the minute and never moved off weekends or holidays (Reg. 1182/71 Art. 3(4)
    only rolls periods not expressed in hours). ``clock_start`` differs from ``became_aware``
    only with ``start_at_next_full_hour`` (Reg. 1182/71 Art. 3(1): the hour in which the event
    occurs is not counted; catalogue PER_3_1_HOURS, confidence S).
    """

    became_aware: datetime
    clock_start: datetime
    deadline: datetime
    rule: str = "ART33_1"

    def to_dict(self) -> dict[str, str]:
        return {
            "became_aware": self.became_aware.isoformat(),
            "clock_start": self.clock_start.isoformat(),
            "deadline": self.deadline.isoformat(),
            "rule": self.rule,
        }


def breach_deadline(
    became_aware: datetime | str, *, start_at_next_full_hour: bool = False
) -> BreachDeadline:
    """72 elapsed hours from the moment of awareness, in the zone it was given in."""
    aware = _aware_datetime(became_aware, "became_aware")
    aware = datetime(
        aware.year, aware.month, aware.day, aware.hour, aware.minute, aware.second,
        aware.microsecond, tzinfo=aware.tzinfo, fold=aware.fold,
    )  # a stdlib datetime, also for pendulum input
    start = aware
    try:
        if start_at_next_full_hour:
            floored = aware.replace(minute=0, second=0, microsecond=0)
            start = (floored.astimezone(UTC) + timedelta(hours=1)).astimezone(aware.tzinfo)
        # Elapsed time: add in UTC so a daylight-saving change never stretches the 72 hours.
        end = (start.astimezone(UTC) + _BREACH_HOURS).astimezone(aware.tzinfo)
    except OverflowError:  # past 9999-12-31
        raise _out_of_range("became_aware", aware.isoformat()) from None
    return BreachDeadline(became_aware=aware, clock_start=start, deadline=end)
