"""Working-day calendars for counting legal periods (Regulation 1182/71 Art. 2(2), 3(4)).

A calendar is any object with ``is_working_day(day) -> bool``. The calendars built here treat
Saturdays, Sundays and the public holidays of one Member State (from the ``holidays``
package, imported lazily) as non-working days, with each year's holidays computed once and
kept as a frozen set, so the hot path is two cheap checks.

Finnish Christmas Eve and Midsummer Eve are non-working days in practice, but not official
public holidays; whether Regulation 1182/71 Art. 2(1) counts them is unconfirmed (rule
catalogue §3.5, FI_HOLIDAYS). By default they are working days (the earlier, safe deadline);
``fi_eves_are_holidays=True`` counts them, as Finnish Act 150/1930 §5 does for national
statutory periods.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Set
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Protocol, runtime_checkable

from gdpr_register.errors import InputError, Problem
from gdpr_register.law._source import Confidence, LegalSource

__all__ = [
    "FI_EVES_SOURCE",
    "MEMBER_STATE_ZONES",
    "PERIODS_SOURCE",
    "HolidayCalendar",
    "WorkingDayCalendar",
    "as_calendar",
    "country_calendar",
    "member_state_zone",
]

# Catalogue §3.2: counting rules (PER_3_1_DAYS, PER_3_2_c, PER_3_4 confirmed; PER_2_1, the
# holidays being those of the Member State where the action is taken, secondary only).
PERIODS_SOURCE = LegalSource(
    citation="Regulation (EEC, Euratom) No 1182/71, Art. 2(1), 3(1), 3(2)(c), 3(4)",
    url="https://eur-lex.europa.eu/eli/reg/1971/1182/oj",
    confidence=Confidence.SECONDARY,
)
# Catalogue §3.5: the eves roll national Finnish deadlines (Act 150/1930 §5); whether
# Reg. 1182/71 counts them is unconfirmed, hence the option with a safe default.
FI_EVES_SOURCE = LegalSource(
    citation="Laki säädettyjen määräaikain laskemisesta 150/1930 5 §",
    url="https://finlex.fi/fi/laki/ajantasa/1930/19300150",
    confidence=Confidence.UNCONFIRMED,
)

_ONE_DAY = timedelta(days=1)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The zone of each EU/EEA Member State's capital: a request received at an instant is dated
# in the controller's Member State before the period is counted (mainland zones; a controller
# established elsewhere, e.g. the Azores, passes its own zone).
MEMBER_STATE_ZONES: Mapping[str, str] = {
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BG": "Europe/Sofia",
    "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague",
    "DE": "Europe/Berlin",
    "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "GR": "Europe/Athens",
    "HR": "Europe/Zagreb",
    "HU": "Europe/Budapest",
    "IE": "Europe/Dublin",
    "IS": "Atlantic/Reykjavik",
    "IT": "Europe/Rome",
    "LI": "Europe/Vaduz",
    "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg",
    "LV": "Europe/Riga",
    "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam",
    "NO": "Europe/Oslo",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest",
    "SE": "Europe/Stockholm",
    "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava",
}


@runtime_checkable
class WorkingDayCalendar(Protocol):
    """What deadline arithmetic needs from a calendar."""

    def is_working_day(self, day: date, /) -> bool: ...


class HolidayCalendar:
    """Saturdays, Sundays and listed holidays are non-working days; every other day works.

    ``holidays`` are fixed dates (with names); ``loader`` computes a year's holidays on first
    use (a country's calendar uses the ``holidays`` package). Safe to share between threads.
    """

    __slots__ = ("_holidays", "_loader", "_lock", "_names", "_years", "name")

    def __init__(
        self,
        name: str,
        holidays: Mapping[date, str] | Set[date] = frozenset(),
        *,
        loader: Callable[[int], Mapping[date, str]] | None = None,
    ) -> None:
        self.name = name
        names = dict(holidays) if isinstance(holidays, Mapping) else dict.fromkeys(holidays, "")
        self._names: dict[date, str] = names
        self._holidays: frozenset[date] = frozenset(names)
        self._loader = loader
        # Without a loader every year is "loaded": the given set is the whole truth.
        self._years: frozenset[int] | None = frozenset() if loader is not None else None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"HolidayCalendar({self.name!r})"

    def _load(self, year: int) -> None:
        assert self._loader is not None
        assert self._years is not None
        with self._lock:
            if year in self._years:
                return
            loaded = self._loader(year)
            names = {**self._names, **loaded}
            # Publish the set before the year, so a reader that sees the year sees its days.
            self._names = names
            self._holidays = frozenset(names)
            self._years = self._years | {year}

    def is_working_day(self, day: date, /) -> bool:
        years = self._years
        if years is not None and day.year not in years:
            self._load(day.year)
        return day.weekday() < 5 and day not in self._holidays

    def roll(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day (1182/71 Art. 3(4))."""
        years = self._years
        if years is None:
            holidays = self._holidays
            while day.weekday() > 4 or day in holidays:
                day += _ONE_DAY
            return day
        while True:
            if day.year not in years:
                self._load(day.year)
                years = self._years
                assert years is not None
            if day.weekday() < 5 and day not in self._holidays:
                return day
            day += _ONE_DAY

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name (empty string when unnamed), None when ``day`` is no holiday."""
        if self._years is not None and day.year not in self._years:
            self._load(day.year)
        return self._names.get(day)

    def holidays_in(self, year: int) -> dict[date, str]:
        """Every holiday of ``year`` with its name, in date order."""
        if self._years is not None and year not in self._years:
            self._load(year)
        return {d: self._names[d] for d in sorted(self._names) if d.year == year}

    def why_not_working(self, day: date) -> str | None:
        """Why ``day`` is not a working day ("Saturday", a holiday's name), None if it is one."""
        name = self.holiday_name(day)
        if name is not None:
            return name or "public holiday"
        if day.weekday() > 4:
            return _WEEKDAYS[day.weekday()]
        return None


def _midsummer_eve(year: int) -> date:
    # The Friday between 19 and 25 June (since 1955).
    day = date(year, 6, 19)
    return day + timedelta(days=(4 - day.weekday()) % 7)


def _country_loader(country: str, fi_eves_are_holidays: bool) -> Callable[[int], dict[date, str]]:
    def load(year: int) -> dict[date, str]:
        import holidays

        # English holiday names where the package has them, the country's own otherwise.
        supported = getattr(holidays.country_holidays(country), "supported_languages", ())
        language = "en_US" if "en_US" in supported else None
        found = holidays.country_holidays(country, years=year, language=language)
        days = {date(d.year, d.month, d.day): str(name) for d, name in found.items()}
        if country == "FI":
            eves = {date(year, 12, 24): "Christmas Eve", _midsummer_eve(year): "Midsummer Eve"}
            for eve, name in eves.items():
                if fi_eves_are_holidays:
                    days.setdefault(eve, name)
                else:
                    days.pop(eve, None)
        return days

    return load


@lru_cache(maxsize=1)
def _supported_countries() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


def country_calendar(country: str, *, fi_eves_are_holidays: bool = False) -> HolidayCalendar:
    """The working-day calendar of ``country`` (ISO 3166-1 alpha-2), shared and cached.

    ``fi_eves_are_holidays`` only matters for ``FI``; see the module docstring.
    """
    code = country.upper() if isinstance(country, str) else country
    if not isinstance(code, str) or code not in _supported_countries():
        raise InputError(
            [Problem(location="country", message=f"no public-holiday calendar for {country!r}")]
        )
    return _country_calendar(code, bool(fi_eves_are_holidays) and code == "FI")


@lru_cache(maxsize=128)
def _country_calendar(code: str, fi_eves_are_holidays: bool) -> HolidayCalendar:
    name = f"{code} public holidays"
    if code == "FI":
        name += " (Christmas and Midsummer Eves " + (
            "counted)" if fi_eves_are_holidays else "not counted)"
        )
    return HolidayCalendar(name, loader=_country_loader(code, fi_eves_are_holidays))


def as_calendar(calendar: WorkingDayCalendar | Set[date]) -> WorkingDayCalendar:
    """Accept a calendar object or a set of holiday dates (weekends are non-working anyway)."""
    if type(calendar) is HolidayCalendar:
        return calendar
    if type(calendar) is frozenset:  # before the slower isinstance against the ABC
        return _fixed_calendar(calendar)
    if isinstance(calendar, Set):
        if isinstance(calendar, frozenset):
            return _fixed_calendar(calendar)
        return _fixed_calendar(frozenset(calendar))
    if callable(getattr(calendar, "is_working_day", None)):
        return calendar
    raise TypeError(
        "a calendar needs an is_working_day(date) method, or pass a set of holiday dates; "
        f"got {type(calendar).__name__}"
    )


@lru_cache(maxsize=64)
def _fixed_calendar(days: frozenset[date]) -> HolidayCalendar:
    # A set of anything but dates would silently never match a day: refuse it. (datetime is
    # a date subclass that never equals a date, so it is refused too.)
    for day in days:
        if not isinstance(day, date) or isinstance(day, datetime):
            raise TypeError(
                "a holiday set holds datetime.date values; got "
                f"{type(day).__name__} {day!r}"
            )
    # Cached by value: a frozenset passed on every call is validated and indexed once.
    return HolidayCalendar("custom holidays", days)


def member_state_zone(country: str) -> str:
    """The IANA zone in which requests to a controller in ``country`` are dated."""
    try:
        return MEMBER_STATE_ZONES[country.upper()]
    except (KeyError, AttributeError):
        raise InputError(
            [
                Problem(
                    location="country",
                    message=f"{country!r} is not an EU/EEA Member State "
                    f"(expected one of {', '.join(sorted(MEMBER_STATE_ZONES))})",
                )
            ]
        ) from None
