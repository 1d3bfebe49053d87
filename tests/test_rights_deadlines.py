"""Art. 12(3) deadlines, Art. 14(3) and Art. 33 clocks (rule catalogue §3)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register._dates import add_months
from gdpr_register.errors import InputError
from gdpr_register.law.calendars import country_calendar
from gdpr_register.rights import (
    IdentityPause,
    breach_deadline,
    information_deadline,
    response_deadline,
)

FI = country_calendar("FI")
FI_EVES = country_calendar("FI", fi_eves_are_holidays=True)
receipts = st.dates(min_value=date(1995, 1, 1), max_value=date(2080, 12, 31))


@pytest.mark.parametrize(
    ("received", "deadline", "extended"),
    [
        # The and the catalogue's worked examples (§3.4).
        (date(2026, 3, 5), date(2026, 4, 7), date(2026, 6, 5)),  # Easter Sun + Mon
        (date(2026, 1, 31), date(2026, 3, 2), date(2026, 4, 28)),  # Sat 28 Feb; 3 m vs 1+2 m
        (date(2026, 11, 25), date(2026, 12, 28), date(2027, 2, 25)),  # Christmas Day
        # Month ends and leap years (Reg. 1182/71 Art. 3(2)(c)).
        (date(2024, 1, 31), date(2024, 2, 29), date(2024, 4, 29)),  # leap day, Thu
        (date(2028, 1, 31), date(2028, 2, 29), date(2028, 5, 2)),  # 29 Apr Sat, 1 May May Day
        (date(2023, 1, 30), date(2023, 2, 28), date(2023, 4, 28)),  # clamped, Tue
        (date(2026, 3, 31), date(2026, 4, 30), date(2026, 6, 30)),  # 30-day month end
        (date(2024, 2, 29), date(2024, 4, 2), date(2024, 5, 29)),  # Good Friday 29 Mar 2024
        (date(2024, 11, 30), date(2024, 12, 30), date(2025, 2, 28)),  # clamp in extension
        (date(2026, 12, 31), date(2027, 2, 1), date(2027, 3, 31)),  # 31 Jan 2027 is a Sunday
    ],
)
def test_worked_examples(received: date, deadline: date, extended: date) -> None:
    result = response_deadline(received, country="FI")
    assert (result.received, result.deadline, result.extended_deadline) == (
        received,
        deadline,
        extended,
    )
    assert result.extension_notice_by == deadline
    assert result.refusal_notice_by == deadline
    assert result.country == "FI"


def test_good_friday_2024_is_rolled() -> None:
    # 29 March 2024 was Good Friday; then Sat, Easter Sunday, Easter Monday 1 April.
    assert response_deadline(date(2024, 2, 29)).deadline == date(2024, 4, 2)


@pytest.mark.parametrize(
    ("received", "deadline", "kind"),
    [
        (date(2026, 12, 1), date(2027, 1, 4), "New Year's Day (Fri 1 Jan 2027)"),
        (date(2026, 12, 6), date(2027, 1, 7), "Epiphany (Wed 6 Jan 2027)"),
        (date(2026, 3, 3), date(2026, 4, 7), "Good Friday 3 Apr 2026 to Easter Monday"),
        (date(2027, 2, 28), date(2027, 3, 30), "Easter Sunday/Monday 28-29 Mar 2027"),
        (date(2026, 4, 1), date(2026, 5, 4), "May Day (Fri 1 May 2026)"),
        (date(2026, 4, 14), date(2026, 5, 15), "Ascension Day (Thu 14 May 2026)"),
        (date(2027, 11, 6), date(2027, 12, 7), "Independence Day (Mon 6 Dec 2027)"),
        (date(2024, 11, 26), date(2024, 12, 27), "St Stephen's Day (Thu 26 Dec 2024)"),
        (date(2026, 5, 19), date(2026, 6, 19), "Midsummer Eve is a working day by default"),
        (date(2027, 11, 24), date(2027, 12, 24), "Christmas Eve is a working day by default"),
    ],
)
def test_finnish_holiday_kinds(received: date, deadline: date, kind: str) -> None:
    assert response_deadline(received).deadline == deadline, kind


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2026, 5, 19), date(2026, 6, 22)),  # Midsummer Eve Fri 19 Jun, Day Sat 20 Jun
        (date(2027, 11, 24), date(2027, 12, 27)),  # Christmas Eve Fri 24 Dec 2027
    ],
)
def test_finnish_eves_counted_on_request(received: date, deadline: date) -> None:
    assert response_deadline(received, fi_eves_are_holidays=True).deadline == deadline


def test_midsummer_and_all_saints_are_in_the_calendar() -> None:
    # Both fall on Saturdays, so they never move a deadline by themselves: check the calendar.
    names = FI.holidays_in(2026)
    assert date(2026, 6, 20) in names  # Midsummer Day, Sat 20-26 Jun
    assert date(2026, 10, 31) in names  # All Saints' Day, Sat 31 Oct-6 Nov
    assert date(2027, 11, 6) in FI.holidays_in(2027)
    assert date(2026, 5, 24) in names  # Pentecost (Sunday)


def test_edpb_examples_when_working_days() -> None:
    # EDPB 01/2022 Examples 32-33: 5 March -> 5 April, 31 August -> 30 September.
    march = [y for y in range(2019, 2041) if FI.is_working_day(date(y, 4, 5))]
    august = [y for y in range(2019, 2041) if FI.is_working_day(date(y, 9, 30))]
    assert 2027 in march
    assert 2026 in august
    for year in march:
        assert response_deadline(date(year, 3, 5)).deadline == date(year, 4, 5)
    for year in august:
        assert response_deadline(date(year, 8, 31)).deadline == date(year, 9, 30)


def test_another_member_state_uses_its_own_holidays() -> None:
    # 3 Oct 2025 (Fri) is German Unity Day, an ordinary Friday in Finland.
    assert response_deadline(date(2025, 9, 3), country="DE").deadline == date(2025, 10, 6)
    assert response_deadline(date(2025, 9, 3), country="fi").deadline == date(2025, 10, 3)
    assert response_deadline(date(2025, 9, 3), country="de").country == "DE"


def test_own_calendar_as_set_or_object() -> None:
    closed = {date(2026, 4, 7), date(2026, 4, 8)}
    assert response_deadline(date(2026, 3, 7), calendar=closed).deadline == date(2026, 4, 9)

    class EveryDay:
        def is_working_day(self, day: date, /) -> bool:
            return True

    result = response_deadline(date(2026, 3, 5), calendar=EveryDay())
    assert result.deadline == date(2026, 4, 5)
    with pytest.raises(TypeError):
        response_deadline(date(2026, 3, 5), calendar=42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("received", "local"),
    [
        ("2026-11-25T22:30:00+00:00", date(2026, 11, 26)),  # 00:30 in Helsinki
        ("2026-11-25T21:59:59Z", date(2026, 11, 25)),  # 23:59:59 in Helsinki
        (datetime(2026, 6, 30, 21, 0, tzinfo=UTC), date(2026, 7, 1)),  # EEST
        (datetime(2026, 3, 4, 23, 0, tzinfo=ZoneInfo("Europe/Paris")), date(2026, 3, 5)),
        (pendulum.datetime(2026, 3, 4, 22, 30, tz="UTC"), date(2026, 3, 5)),
        (pendulum.date(2026, 3, 5), date(2026, 3, 5)),
        ("2026-03-05", date(2026, 3, 5)),
    ],
)
def test_receipt_is_dated_in_the_controllers_zone(received: object, local: date) -> None:
    result = response_deadline(received, country="FI")  # type: ignore[arg-type]
    assert result.received == local
    assert type(result.received) is date
    assert result.deadline == response_deadline(local).deadline


def test_receipt_instant_kept_and_zone_per_member_state() -> None:
    result = response_deadline("2026-11-25T23:30:00+00:00", country="PT")
    assert result.received == date(2026, 11, 25)  # Lisbon is UTC in winter
    assert result.received_at == datetime(2026, 11, 25, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "bad", ["2026-11-25T12:00", "2026-02-30", "yesterday", datetime(2026, 1, 1, 12), 20261125]
)
def test_bad_receipts_are_input_errors(bad: object) -> None:
    with pytest.raises(InputError) as info:
        response_deadline(bad)  # type: ignore[arg-type]
    assert info.value.problems[0].location == "received"


def test_unknown_or_non_member_country() -> None:
    for country in ("US", "XX", "CH"):
        with pytest.raises(InputError) as info:
            response_deadline(date(2026, 1, 1), country=country)
        assert info.value.problems[0].location == "country"


def test_identity_pause() -> None:
    pause = IdentityPause(requested=date(2026, 3, 6), supplied=date(2026, 3, 16))
    result = response_deadline(date(2026, 3, 5), pause=pause)
    assert result.paused_days == 10
    assert result.deadline == date(2026, 4, 15)  # 5 Apr + 10 days, a Wednesday
    assert result.extended_deadline == date(2026, 6, 15)  # 5 Jun + 10 = Mon 15 Jun
    assert response_deadline(date(2026, 3, 5)).paused_days == 0
    with pytest.raises(InputError):
        response_deadline(date(2026, 3, 7), pause=pause)  # requested before receipt
    with pytest.raises(InputError):
        IdentityPause(requested=date(2026, 3, 6), supplied=date(2026, 3, 5))


def test_explanation_names_the_holidays() -> None:
    steps = response_deadline(date(2026, 3, 5)).explanation
    assert any("Easter Sunday" in s and "Easter Monday" in s for s in steps)
    data = response_deadline(date(2026, 11, 25)).to_dict()
    assert {
        "received": "2026-11-25",
        "deadline": "2026-12-28",
        "extended_deadline": "2027-02-25",
        "extension_notice_by": "2026-12-28",
        "country": "FI",
    }.items() <= data.items()


@given(receipts, st.booleans())
def test_deadline_is_a_working_day_within_bounds(received: date, eves: bool) -> None:
    result = response_deadline(received, fi_eves_are_holidays=eves)
    calendar = FI_EVES if eves else FI
    assert calendar.is_working_day(result.deadline)
    assert calendar.is_working_day(result.extended_deadline)
    assert received + timedelta(days=28) <= result.deadline
    assert result.deadline <= add_months(received, 1) + timedelta(days=5)
    assert result.extended_deadline >= result.deadline
    assert result.extension_notice_by == result.deadline


@given(receipts, receipts, st.booleans())
def test_deadline_never_decreases(a: date, b: date, eves: bool) -> None:
    early, late = sorted((a, b))
    first = response_deadline(early, fi_eves_are_holidays=eves)
    second = response_deadline(late, fi_eves_are_holidays=eves)
    assert first.deadline <= second.deadline
    assert first.extended_deadline <= second.extended_deadline


@given(receipts)
def test_extended_is_the_earlier_reading(received: date) -> None:
    raw = min(add_months(received, 3), add_months(add_months(received, 1), 2))
    result = response_deadline(received)
    assert result.extended_deadline == FI.roll(raw)
    assert result.extended_deadline <= FI.roll(add_months(received, 3))


@given(receipts)
def test_memo_and_uncached_agree(received: date) -> None:
    cached = response_deadline(received)
    fresh = response_deadline(received, calendar=FI)
    assert (cached.deadline, cached.extended_deadline) == (
        fresh.deadline,
        fresh.extended_deadline,
    )


# -- Art. 14(3)(a) and Art. 33(1) --------------------------------------------------------


def test_information_deadline() -> None:
    result = information_deadline(date(2026, 11, 25))
    assert (result.deadline, result.rule) == (date(2026, 12, 28), "ART14_3_a")


def test_breach_clock_is_72_hours_exact_and_never_rolled() -> None:
    # Thursday 24 Dec 2026 09:15 -> Sunday 27 Dec 09:15: holidays and weekend do not count.
    aware = datetime(2026, 12, 24, 9, 15, tzinfo=ZoneInfo("Europe/Helsinki"))
    result = breach_deadline(aware)
    assert result.deadline == datetime(2026, 12, 27, 9, 15, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert result.clock_start == aware
    assert result.rule == "ART33_1"


def test_breach_clock_across_daylight_saving() -> None:
    # Helsinki moves to EEST on 29 Mar 2026: 72 elapsed hours end at 11:17 local, not 10:17.
    aware = datetime(2026, 3, 27, 10, 17, tzinfo=ZoneInfo("Europe/Helsinki"))
    result = breach_deadline(aware)
    utc = UTC
    assert result.deadline.astimezone(utc) - aware.astimezone(utc) == timedelta(hours=72)
    assert (result.deadline.hour, result.deadline.minute) == (11, 17)


def test_breach_clock_from_next_full_hour_and_edges() -> None:
    result = breach_deadline("2026-11-27T15:42:10+02:00", start_at_next_full_hour=True)
    assert result.clock_start == datetime(2026, 11, 27, 16, 0, tzinfo=timezone(timedelta(hours=2)))
    assert result.deadline == datetime(2026, 11, 30, 16, 0, tzinfo=timezone(timedelta(hours=2)))
    from_pendulum = breach_deadline(pendulum.datetime(2026, 11, 27, 13, 42, tz="UTC"))
    assert type(from_pendulum.deadline) is datetime
    assert from_pendulum.deadline == datetime(2026, 11, 30, 13, 42, tzinfo=UTC)
    with pytest.raises(InputError):
        breach_deadline(datetime(2026, 11, 27, 15, 42))  # naive
    with pytest.raises(InputError):
        breach_deadline("not a time")


@pytest.mark.parametrize(
    "compute",
    [
        lambda: response_deadline(date(9999, 12, 31)),
        lambda: response_deadline("9999-11-15"),
        lambda: response_deadline("0001-01-01T00:00+05:00"),
        lambda: information_deadline(date(9999, 12, 31)),
        lambda: breach_deadline("9999-12-30T12:00+00:00"),
    ],
)
def test_dates_at_the_end_of_the_calendar_are_input_errors(compute: object) -> None:
    # Bad input is an InputError (exit 2 in the CLI), never an OverflowError traceback.
    with pytest.raises(InputError):
        compute()  # type: ignore[operator]


def test_information_deadline_country_is_normalised_like_response_deadline() -> None:
    assert information_deadline(date(2026, 1, 31), country="fi").country == "FI"
    assert response_deadline(date(2026, 1, 31), country="fi").country == "FI"
