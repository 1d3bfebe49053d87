"""Small value types: business ids, durations, contact channels, dates at the edge."""


import re
from datetime import date, datetime
from typing import Any

import attrs

from gdpr_register.model._validators import ModelTypeError, ModelValueError, optional_text, text
from gdpr_register.model.countries import is_country_code
from gdpr_register.model.enums import ChannelKind, ContactKind, DurationUnit

__all__ = [
    "FINNISH_BUSINESS_ID",
    "BusinessId",
    "Channel",
    "ContactPoint",
    "Duration",
    "MonthDay",
    "PartialDate",
    "PostalAddress",
    "to_date",
    "to_optional_date",
    "to_optional_partial_date",
    "to_partial_date",
    "ytunnus_check_digit",
]

FINNISH_BUSINESS_ID = "fi-ytunnus"
_YTUNNUS = re.compile(r"([0-9]{7})-([0-9])")  # ASCII digits only
_YTUNNUS_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SCHEME = re.compile(r"[a-z][a-z0-9-]{1,31}")
_OTHER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./:-]{0,63}")


def to_date(value: Any) -> date:
    """Accept a stdlib or pendulum date, or an ISO ``YYYY-MM-DD`` string; return a stdlib date."""
    if isinstance(value, datetime):
        raise TypeError(f"expected a date, got a datetime {value.isoformat()}")
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    if isinstance(value, str):
        # fromisoformat alone would also take 20261125 and 2026-W48-3.
        if _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(f"{value!r} is not a valid date (expected YYYY-MM-DD)")
    raise TypeError(f"expected a date, got {type(value).__name__} {value!r}")


def to_optional_date(value: Any) -> date | None:
    return None if value is None else to_date(value)


def ytunnus_check_digit(body: str) -> int | None:
    """The check digit of a seven-digit Finnish business-ID body; None if no digit is valid."""
    remainder = sum(int(d) * w for d, w in zip(body, _YTUNNUS_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None  # such bodies are never issued
    return 11 - remainder


def _valid_business_id(instance: "BusinessId", _attribute: Any, value: str) -> None:
    if not isinstance(value, str):
        raise ModelTypeError("value", f"expected a business id string, got {type(value).__name__}")
    if instance.scheme == FINNISH_BUSINESS_ID:
        match = _YTUNNUS.fullmatch(value)
        if match is None:
            raise ModelValueError(
                "value", f"{value!r} is not a Finnish business ID (expected NNNNNNN-C)"
            )
        expected = ytunnus_check_digit(match.group(1))
        if expected is None or expected != int(match.group(2)):
            shown = "none is valid" if expected is None else f"expected {expected}"
            raise ModelValueError(
                "value", f"{value!r} has a wrong check digit {match.group(2)} ({shown})"
            )
    elif not _OTHER_ID.fullmatch(value):
        raise ModelValueError(
            "value",
            f"{value!r} is not a valid business id "
            "(letters, digits, spaces and ./:- only, at most 64 characters)",
        )


def _valid_scheme(_instance: object, _attribute: Any, value: str) -> None:
    if not isinstance(value, str) or not _SCHEME.fullmatch(value):
        raise ModelValueError(
            "scheme",
            f"{value!r} is not a business-id scheme (expected lower-case letters, digits "
            f"and '-', e.g. {FINNISH_BUSINESS_ID!r})",
        )


@attrs.frozen(kw_only=True)
class BusinessId:
    """An organisation identifier with its scheme; Finnish Y-tunnus check digits are verified."""

    scheme: str = attrs.field(validator=_valid_scheme)
    value: str = attrs.field(validator=_valid_business_id)

    def __str__(self) -> str:
        return self.value


def _country(_instance: object, attribute: Any, value: str | None) -> None:
    if value is not None and not is_country_code(value):
        raise ModelValueError(
            attribute.name,
            f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. 'FI', 'SE', 'US')",
        )


@attrs.frozen(kw_only=True)
class PostalAddress:
    """A postal address; ``street`` may be absent (a town only, or "c/o" a person)."""

    street: str | None = attrs.field(default=None, validator=optional_text)
    postal_code: str | None = attrs.field(default=None, validator=optional_text)
    city: str = attrs.field(validator=text)
    country: str | None = attrs.field(default=None, validator=_country)


@attrs.frozen(kw_only=True)
class Channel:
    """One way to reach a contact: an e-mail address, a phone number, a web form..."""

    kind: ChannelKind = attrs.field(validator=attrs.validators.instance_of(ChannelKind))
    value: str = attrs.field(validator=text)


@attrs.frozen(kw_only=True)
class ContactPoint:
    """A person, role or mailbox to contact about data protection, with its channels."""

    kind: ContactKind = attrs.field(validator=attrs.validators.instance_of(ContactKind))
    name: str | None = attrs.field(default=None, validator=optional_text)
    channels: tuple[Channel, ...] = ()
    note: str | None = attrs.field(default=None, validator=optional_text)

    def channel(self, kind: ChannelKind) -> Channel | None:
        return next((c for c in self.channels if c.kind is kind), None)


def _positive(_instance: object, attribute: Any, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelTypeError(attribute.name, f"expected an integer, got {type(value).__name__}")
    if value < 0 or value > MAX_DURATION_AMOUNT:
        raise ModelValueError(attribute.name, f"{value} is out of range 0..{MAX_DURATION_AMOUNT}")


MAX_DURATION_AMOUNT = 100_000  # 100,000 minutes is ~70 days, 100,000 days ~274 years
# Bounds per unit keep date arithmetic inside the calendar (no period beyond ~1000 years).
_MAX_BY_UNIT = {
    DurationUnit.MINUTES: 100_000,
    DurationUnit.HOURS: 100_000,
    DurationUnit.DAYS: 100_000,
    DurationUnit.WEEKS: 10_000,
    DurationUnit.MONTHS: 12_000,
    DurationUnit.YEARS: 1000,
}
_EXACT_MINUTES = {DurationUnit.MINUTES: 1, DurationUnit.HOURS: 60}


@attrs.frozen(kw_only=True)
class Duration:
    """A duration: exact minutes, hours, days or weeks, or calendar months or years (months
    clamp to the month's end). ``approximate``: the notice says "about" ("about 7 years")."""

    amount: int = attrs.field(validator=_positive)
    unit: DurationUnit = attrs.field(validator=attrs.validators.instance_of(DurationUnit))
    approximate: bool = False

    def __attrs_post_init__(self) -> None:
        limit = _MAX_BY_UNIT[self.unit]
        if self.amount > limit:
            raise ModelValueError("amount", f"{self.amount} {self.unit.value} is more than {limit}")

    @property
    def sub_day(self) -> bool:
        """Whether the unit is shorter than a day (minutes or hours)."""
        return self.unit in _EXACT_MINUTES

    @property
    def minutes(self) -> int | None:
        """The exact length in minutes for minutes, hours, days and weeks; None for months
        and years, whose length depends on the calendar."""
        if self.unit in _EXACT_MINUTES:
            return self.amount * _EXACT_MINUTES[self.unit]
        if self.unit is DurationUnit.DAYS:
            return self.amount * 1440
        if self.unit is DurationUnit.WEEKS:
            return self.amount * 7 * 1440
        return None

    def __str__(self) -> str:
        about = "about " if self.approximate else ""
        return f"{about}{self.amount} {self.unit!s}"  # a StrEnum's str is its value, read faster


_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")


def _partial_part(instance: "PartialDate", attribute: Any, value: Any) -> None:
    if value is None and attribute.name != "year":
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelTypeError(attribute.name, f"expected an integer, got {type(value).__name__}")


@attrs.frozen(kw_only=True, order=False)
class PartialDate:
    """A date stated to a year, a month or a day (``2026``, ``2026-05``, ``2026-05-04``).

    The precision is kept as stated; :meth:`earliest` and :meth:`latest` give the first and
    last day of the stated period. Rules comparing dates use :meth:`latest` (the documented
    end of what the notice says), so a month-only date is never read against the controller.
    """

    year: int = attrs.field(validator=_partial_part)
    month: int | None = attrs.field(default=None, validator=_partial_part)
    day: int | None = attrs.field(default=None, validator=_partial_part)

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ModelValueError("year", f"{self.year} is not a year 1..9999")
        if self.month is None:
            if self.day is not None:
                raise ModelValueError("day", "a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ModelValueError("month", f"month {self.month} is not 1..12")
        if self.day is not None:
            last = _days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                raise ModelValueError(
                    "day", f"day {self.day} does not exist in {self.year}-{self.month:02d}"
                )

    @classmethod
    def of(cls, day: date) -> "PartialDate":
        return cls(year=day.year, month=day.month, day=day.day)

    @classmethod
    def parse(cls, value: str) -> "PartialDate":
        match = _PARTIAL_DATE.fullmatch(value)
        if match is None or (match.group(3) is not None and match.group(2) is None):
            raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
        month, day = (int(g) if g is not None else None for g in match.groups()[1:])
        try:
            return cls(year=int(match.group(1)), month=month, day=day)
        except ModelValueError as exc:
            raise ValueError(f"{value!r} is not a valid date: {exc.message}") from None

    @property
    def exact(self) -> bool:
        """Whether the date is stated to the day."""
        return self.day is not None

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        if self.month is None:
            return date(self.year, 12, 31)
        return date(self.year, self.month, self.day or _days_in_month(self.year, self.month))

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def to_partial_date(value: Any) -> PartialDate:
    """Accept a PartialDate, a date, a year as an integer, or ``YYYY[-MM[-DD]]`` text."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime):
        raise TypeError(f"expected a date, got a datetime {value.isoformat()}")
    if isinstance(value, date):
        return PartialDate.of(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate.parse(f"{value:04d}") if 0 <= value <= 9999 else PartialDate(year=value)
    if isinstance(value, str):
        return PartialDate.parse(value)
    raise TypeError(f"expected a date, got {type(value).__name__} {value!r}")


def to_optional_partial_date(value: Any) -> PartialDate | None:
    return None if value is None else to_partial_date(value)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _month_day(instance: "MonthDay", attribute: Any, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name}: expected an integer")
    if attribute.name == "month" and not 1 <= value <= 12:
        raise ValueError(f"month {value} is not 1..12")


@attrs.frozen(kw_only=True)
class MonthDay:
    """A day of the year without a year, e.g. the end of a financial year (``03-31``)."""

    month: int = attrs.field(validator=_month_day)
    day: int = attrs.field(validator=_month_day)

    def __attrs_post_init__(self) -> None:
        # Feb 29 is allowed: it is clamped to Feb 28 in common years.
        last = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[self.month - 1]
        if not 1 <= self.day <= last:
            raise ValueError(f"day {self.day} does not exist in month {self.month}")

    @classmethod
    def parse(cls, value: str) -> "MonthDay":
        match = re.fullmatch(r"([0-9]{2})-([0-9]{2})", value)  # ASCII digits only
        if match is None:
            raise ValueError(f"{value!r} is not a month and day (expected MM-DD, e.g. '12-31')")
        return cls(month=int(match.group(1)), day=int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> date:
        """This day in ``year``, with 02-29 clamped to 02-28 in common years."""
        if self.month == 2 and self.day == 29 and not _is_leap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
