"""Working-day calendars (rule catalogue §3.5 FI_HOLIDAYS)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from gdpr_register.errors import InputError
from gdpr_register.law.calendars import (
    MEMBER_STATE_ZONES,
    HolidayCalendar,
    as_calendar,
    country_calendar,
    member_state_zone,
)

# The catalogue's table, eves excluded (the default).
FI_2026 = {
    date(2026, 1, 1), date(2026, 1, 6), date(2026, 4, 3), date(2026, 4, 5), date(2026, 4, 6),
    date(2026, 5, 1), date(2026, 5, 14), date(2026, 5, 24), date(2026, 6, 20),
    date(2026, 10, 31), date(2026, 12, 6), date(2026, 12, 25), date(2026, 12, 26),
}
FI_2027 = {
    date(2027, 1, 1), date(2027, 1, 6), date(2027, 3, 26), date(2027, 3, 28), date(2027, 3, 29),
    date(2027, 5, 1), date(2027, 5, 6), date(2027, 5, 16), date(2027, 6, 26),
    date(2027, 11, 6), date(2027, 12, 6), date(2027, 12, 25), date(2027, 12, 26),
}


def test_finnish_holidays_match_the_catalogue() -> None:
    calendar = country_calendar("FI")
    assert set(calendar.holidays_in(2026)) == FI_2026
    assert set(calendar.holidays_in(2027)) == FI_2027


def test_finnish_eves_only_on_request() -> None:
    default = country_calendar("FI")
    eves = country_calendar("FI", fi_eves_are_holidays=True)
    assert set(eves.holidays_in(2026)) == FI_2026 | {date(2026, 6, 19), date(2026, 12, 24)}
    assert set(eves.holidays_in(2027)) == FI_2027 | {date(2027, 6, 25), date(2027, 12, 24)}
    for year in range(2019, 2031):
        assert default.is_working_day(date(year, 12, 24)) == (date(year, 12, 24).weekday() < 5)
        assert not eves.is_working_day(date(year, 12, 24))
    assert eves.why_not_working(date(2026, 6, 19)) == "Midsummer Eve"


def test_weekends_and_names() -> None:
    calendar = country_calendar("FI")
    assert calendar.why_not_working(date(2026, 11, 28)) == "Saturday"
    assert calendar.why_not_working(date(2026, 11, 27)) is None
    assert calendar.holiday_name(date(2026, 12, 6)) == "Independence Day"
    assert calendar.roll(date(2026, 12, 24)) == date(2026, 12, 24)
    assert calendar.roll(date(2026, 12, 25)) == date(2026, 12, 28)
    # Rolling across a year boundary loads the next year.
    assert calendar.roll(date(2027, 12, 31)) == date(2027, 12, 31)
    assert calendar.roll(date(2022, 12, 31)) == date(2023, 1, 2)


def test_calendars_are_shared_and_case_insensitive() -> None:
    assert country_calendar("fi") is country_calendar("FI")
    assert country_calendar("FI") is not country_calendar("FI", fi_eves_are_holidays=True)


def test_every_member_state_has_a_calendar_and_zone() -> None:
    assert len(MEMBER_STATE_ZONES) == 30  # EU-27 + IS, LI, NO
    for code in MEMBER_STATE_ZONES:
        calendar = country_calendar(code)
        assert not calendar.is_working_day(date(2026, 1, 1)), code  # New Year everywhere
        assert member_state_zone(code.lower()) == MEMBER_STATE_ZONES[code]


def test_unknown_country() -> None:
    with pytest.raises(InputError):
        country_calendar("XX")
    with pytest.raises(InputError):
        member_state_zone("US")


def test_custom_calendars() -> None:
    custom = as_calendar({date(2026, 7, 1)})
    assert not custom.is_working_day(date(2026, 7, 1))
    assert custom.is_working_day(date(2026, 7, 2))
    assert not custom.is_working_day(date(2026, 7, 4))  # Saturday
    fixed = HolidayCalendar("x", {date(2026, 7, 1): "Company day"})
    assert fixed.why_not_working(date(2026, 7, 1)) == "Company day"
    assert as_calendar(fixed) is fixed
    with pytest.raises(TypeError):
        as_calendar("FI")  # type: ignore[arg-type]


def test_lazy_year_loading_is_thread_safe() -> None:
    calendar = HolidayCalendar(
        "counted", loader=lambda year: {date(year, 5, 5): "Fifth of May"}
    )
    results: list[bool] = []

    def work() -> None:
        results.extend(
            calendar.is_working_day(date(year, 5, 5)) for year in range(2000, 2050)
        )

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [False] * (50 * 4)
