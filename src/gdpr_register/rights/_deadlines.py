"""Legal deadlines: Art. 12(3)-(4) responses, Art. 14(3)(a) information, Art. 33(1) breaches.

Periods are counted under Regulation 1182/71 (rule catalogue §3.2, §3.4): the day of receipt
is not counted (Art. 3(1)); a month ends on the same date of the next month, or that month's
last day (Art. 3(2)(c), ``add_months``); a period that ends on a Saturday, Sunday or public
holiday of the controller's Member State ends on the next working day (Art. 3(4)). Periods in
hours (the Art. 33 breach clock) are never rolled.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from gdpr_register._dates import add_months
from gdpr_register._display import Displayable
from gdpr_register.law.calendars import (
    HolidayCalendar,
    WorkingDayCalendar,
    as_calendar,
    country_calendar,
    member_state_zone,
)
from gdpr_register.rights._breach import _BREACH_HOURS as _BREACH_HOURS
from gdpr_register.rights._breach import BreachDeadline, breach_deadline
from gdpr_register.rights._inputs import _aware_datetime as _aware_datetime
from gdpr_register.rights._inputs import _out_of_range, _problem, local_date

__all__ = [
    "BreachDeadline",
    "Deadline",
    "IdentityPause",
    "InformationDeadline",
    "breach_deadline",
    "information_deadline",
    "local_date",
    "response_deadline",
]

_ONE_DAY = timedelta(days=1)


@attrs.frozen(kw_only=True)
class IdentityPause:
    """The clock stops while the controller waits for identity information (EDPB 01/2022 §159).

    Off unless given: Art. 12(3) has no pause in its text, so it applies only where the
    controller asked for the information without undue delay and only with reasonable doubts
    (Art. 12(6)). The days from ``requested`` to ``supplied`` are added to every period.
    """

    requested: date
    supplied: date
    reason: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.supplied < self.requested:
            raise _problem(
                "pause.supplied", f"{self.supplied} is before the request {self.requested}"
            )

    @property
    def days(self) -> int:
        return (self.supplied - self.requested).days


def _why(calendar: WorkingDayCalendar, day: date) -> str:
    explain = getattr(calendar, "why_not_working", None)
    if explain is not None:
        reason = explain(day)
        if reason:
            return str(reason)
    return day.strftime("%A") if day.weekday() > 4 else "a non-working day"


def _roll_steps(calendar: WorkingDayCalendar, raw: date, rolled: date) -> str:
    if raw == rolled:
        return f"{raw} ({raw:%a}) is a working day"
    skipped = []
    day = raw
    while day < rolled:
        skipped.append(f"{day} {_why(calendar, day)}")
        day += _ONE_DAY
    return (
        f"{raw} is not a working day ({'; '.join(skipped)}): the period ends on the next "
        f"working day, {rolled} ({rolled:%a}) (Reg. 1182/71 Art. 3(4))"
    )


@attrs.frozen(kw_only=True)
class Deadline(Displayable):
    """The Art. 12(3) response deadline for a request, with the extension and notice cut-offs.

    ``deadline``: act on the request, or inform of the action taken, by the end of this day.
    ``extended_deadline``: the end of the Art. 12(3) extension by two further months.
    ``extension_notice_by``: an extension, with reasons, must be notified by this day.
    ``refusal_notice_by``: an Art. 12(4) notice (no action, reasons, complaint and remedy) by
    this day. ``explanation`` spells out the arithmetic.
    """

    received: date
    deadline: date
    extended_deadline: date
    country: str
    received_at: datetime | None = None
    pause: IdentityPause | None = None
    calendar: WorkingDayCalendar = attrs.field(eq=False, repr=False)

    @property
    def extension_notice_by(self) -> date:
        return self.deadline  # ART12_3_EXT_NOTICE: within one month of receipt

    @property
    def refusal_notice_by(self) -> date:
        return self.deadline  # ART12_4: within one month of receipt

    @property
    def paused_days(self) -> int:
        return 0 if self.pause is None else self.pause.days

    @property
    def explanation(self) -> tuple[str, ...]:
        d0 = self.received
        steps = []
        if self.received_at is not None:
            steps.append(
                f"Received at {self.received_at.isoformat()}: local date {d0} in "
                f"{member_state_zone(self.country)} (the controller's Member State, "
                f"{self.country})"
            )
        steps.append(
            f"Received {d0} ({d0:%a}); the day of receipt is not counted (Reg. 1182/71 Art. 3(1))"
        )
        one = add_months(d0, 1)
        clamp = "" if one.day == d0.day else f" ({d0:%B} {d0.day} has no counterpart: month end)"
        steps.append(
            f"One month after {d0} ends on {one}{clamp} (Reg. 1182/71 Art. 3(2)(c); GDPR "
            "Art. 12(3))"
        )
        shift = timedelta(days=self.paused_days)
        if self.pause is not None:
            steps.append(
                f"Paused {self.paused_days} day(s) while awaiting identity information "
                f"requested {self.pause.requested}, supplied {self.pause.supplied} "
                f"(EDPB Guidelines 01/2022 §159): {one} + {self.paused_days} = {one + shift}"
            )
        steps.append(_roll_steps(self.calendar, one + shift, self.deadline))
        steps.append(
            f"Extension notice (with reasons) and any Art. 12(4) refusal notice are due by "
            f"{self.deadline}"
        )
        three = add_months(d0, 3)
        one_two = add_months(one, 2)
        raw = min(three, one_two)
        steps.append(
            f"Extended by two further months: receipt + 3 months = {three}, (receipt + 1 "
            f"month) + 2 months = {one_two}; the earlier, {raw}, is used (safe reading)"
        )
        steps.append(_roll_steps(self.calendar, raw + shift, self.extended_deadline))
        return tuple(steps)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (ISO dates)."""
        return {
            "received": self.received.isoformat(),
            "received_at": None if self.received_at is None else self.received_at.isoformat(),
            "deadline": self.deadline.isoformat(),
            "extended_deadline": self.extended_deadline.isoformat(),
            "extension_notice_by": self.extension_notice_by.isoformat(),
            "refusal_notice_by": self.refusal_notice_by.isoformat(),
            "country": self.country,
            "paused_days": self.paused_days,
            "rules": ["ART12_3_BASE", "ART12_3_EXT", "ART12_3_EXT_NOTICE", "ART12_4"],
            "explanation": list(self.explanation),
        }


# Member-State calendars, shared, each with a memo of unpaused deadlines by receipt date: a
# deadline depends only on the receipt date and the calendar, and the number of distinct
# receipt dates is small (365 a year), so repeated requests cost one dict lookup and share
# one frozen Deadline value (building it is most of the cost of a fresh computation).
_MEMO_LIMIT = 200_000


@attrs.frozen
class _Shared:
    calendar: HolidayCalendar
    country: str
    memo: dict[date, Deadline] = attrs.field(factory=dict, eq=False)


_SHARED: dict[tuple[str, bool], _Shared] = {}


def _shared(country: str, fi_eves: bool) -> _Shared:
    key = (country, fi_eves)
    found = _SHARED.get(key)
    if found is None:
        member_state_zone(country)  # a Member State, or InputError
        code = country.upper()
        found = _SHARED[key] = _Shared(
            calendar=country_calendar(code, fi_eves_are_holidays=fi_eves), country=code
        )
    return found


def _calendar(
    country: str, calendar: WorkingDayCalendar | Set[date] | None, fi_eves: bool
) -> WorkingDayCalendar:
    if calendar is not None:
        return as_calendar(calendar)
    return _shared(country, fi_eves).calendar


def _roll(calendar: WorkingDayCalendar, day: date) -> date:
    if type(calendar) is HolidayCalendar:
        return calendar.roll(day)
    while not calendar.is_working_day(day):
        day += _ONE_DAY
    return day


def _compute(calendar: WorkingDayCalendar, d0: date, shift: int = 0) -> tuple[date, date]:
    """Catalogue §3.4: DEADLINE_BASE and DEADLINE_EXTENDED (both rolled), plus a pause."""
    try:
        one = add_months(d0, 1)
        three = add_months(d0, 3)
        one_two = add_months(one, 2)
        extended = three if three < one_two else one_two
        if shift:
            one += timedelta(days=shift)
            extended += timedelta(days=shift)
        return _roll(calendar, one), _roll(calendar, extended)
    except (OverflowError, ValueError):  # past 9999-12-31
        raise _out_of_range("received", d0) from None


def response_deadline(
    received: date | datetime | str,
    *,
    country: str = "FI",
    calendar: WorkingDayCalendar | Set[date] | None = None,
    fi_eves_are_holidays: bool = False,
    pause: IdentityPause | None = None,
) -> Deadline:
    """The Art. 12(3) deadline for a request received on ``received`` (rule catalogue §3.4).

    ``received``: the controller's local date, or an aware datetime / pendulum DateTime / ISO
    string dated in ``country``'s zone. ``country``: the controller's Member State, whose
    public holidays count. ``calendar``: your own (an object with ``is_working_day``, or a set
    of holiday dates) instead of the Member State's. ``pause``: see :class:`IdentityPause`.
    """
    if type(received) is date and pause is None and calendar is None:
        # The common case, memoised: a plain date on a Member State's calendar.
        shared = _SHARED.get((country, fi_eves_are_holidays)) or _shared(
            country, fi_eves_are_holidays
        )
        found = shared.memo.get(received)
        if found is None:
            memo = shared.memo
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            found = memo[received] = _deadline(shared.calendar, shared.country, received)
        return found
    if type(received) is date and pause is None and type(calendar) is frozenset:
        # A holiday set passed on every call (the same frozenset): its calendar and memo.
        return _fixed_memo(as_calendar(calendar), country.upper(), received)
    if type(received) is date:
        d0, at = received, None
    else:
        d0, at = local_date(received, country)
    if calendar is None:
        shared = _SHARED.get((country, fi_eves_are_holidays)) or _shared(
            country, fi_eves_are_holidays
        )
        cal: WorkingDayCalendar = shared.calendar
        code = shared.country
    else:
        cal = as_calendar(calendar)
        code = country.upper()
    if pause is not None and pause.requested < d0:
        raise _problem("pause.requested", f"{pause.requested} is before the receipt {d0}")
    if pause is None and at is None:
        if calendar is None:
            return response_deadline(
                d0, country=country, fi_eves_are_holidays=fi_eves_are_holidays
            )
        if isinstance(calendar, Set):
            return _fixed_memo(cal, code, d0)
    return _deadline(cal, code, d0, at, pause)


# Holiday sets passed in become calendars cached by value (law.calendars), fixed for good:
# their deadlines are memoised like a Member State's, keyed by the calendar object itself.
_FIXED_MEMOS: dict[int, tuple[WorkingDayCalendar, dict[tuple[date, str], Deadline]]] = {}


def _fixed_memo(cal: WorkingDayCalendar, code: str, d0: date) -> Deadline:
    entry = _FIXED_MEMOS.get(id(cal))
    if entry is None or entry[0] is not cal:  # new, or an id reused after eviction
        if len(_FIXED_MEMOS) >= 64:
            _FIXED_MEMOS.clear()
        entry = _FIXED_MEMOS[id(cal)] = (cal, {})
    memo = entry[1]
    found = memo.get((d0, code))
    if found is None:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        found = memo[(d0, code)] = _deadline(cal, code, d0)
    return found


def _deadline(
    cal: WorkingDayCalendar,
    code: str,
    d0: date,
    at: datetime | None = None,
    pause: IdentityPause | None = None,
) -> Deadline:
    deadline, extended = _compute(cal, d0, 0 if pause is None else pause.days)
    return Deadline(
        received=d0,
        deadline=deadline,
        extended_deadline=extended,
        country=code,
        received_at=at,
        pause=pause,
        calendar=cal,
    )


@attrs.frozen(kw_only=True)
class InformationDeadline:
    """Art. 14(3)(a): the latest day to give Art. 14 information, one month after obtaining.

    Art. 14(3)(b)-(c) can make it earlier: at the first communication with the data subject,
    or at the first disclosure to another recipient.
    """

    obtained: date
    deadline: date
    country: str
    rule: str = "ART14_3_a"


def information_deadline(
    obtained: date | datetime | str,
    *,
    country: str = "FI",
    calendar: WorkingDayCalendar | Set[date] | None = None,
    fi_eves_are_holidays: bool = False,
) -> InformationDeadline:
    """One month after the personal data were obtained, rolled to a working day."""
    d0, _ = local_date(obtained, country)
    cal = _calendar(country, calendar, fi_eves_are_holidays)
    try:
        deadline = _roll(cal, add_months(d0, 1))
    except (OverflowError, ValueError):  # past 9999-12-31
        raise _out_of_range("obtained", d0) from None
    return InformationDeadline(obtained=d0, deadline=deadline, country=country.upper())
