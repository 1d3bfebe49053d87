"""Durations in the new units are exact: weeks are days, sub-day periods end on a known day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import Duration, DurationUnit
from gdpr_register._dates import add_duration, exact_days, latest_start

_DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31))


@given(_DAYS, st.integers(min_value=0, max_value=5000))
def test_weeks_equal_the_same_period_in_days(day: date, weeks: int) -> None:
    in_weeks = Duration(amount=weeks, unit=DurationUnit.WEEKS)
    in_days = Duration(amount=7 * weeks, unit=DurationUnit.DAYS)
    assert add_duration(day, in_weeks) == add_duration(day, in_days)
    assert latest_start(day, in_weeks) == latest_start(day, in_days)


@given(_DAYS, st.integers(min_value=0, max_value=2000))
def test_whole_days_in_hours_or_minutes_equal_days(day: date, days: int) -> None:
    in_days = add_duration(day, Duration(amount=days, unit=DurationUnit.DAYS))
    assert add_duration(day, Duration(amount=24 * days, unit=DurationUnit.HOURS)) == in_days
    if 1440 * days <= 100_000:
        minutes = Duration(amount=1440 * days, unit=DurationUnit.MINUTES)
        assert add_duration(day, minutes) == in_days


@given(_DAYS, st.integers(min_value=1, max_value=1439))
def test_a_sub_day_period_ends_on_the_next_day(day: date, minutes: int) -> None:
    # The event may have been at any time of its day: the last instant the period can end
    # at falls on the next day, never later, and never on the day itself.
    for duration in (
        Duration(amount=minutes, unit=DurationUnit.MINUTES),
        Duration(amount=max(1, minutes // 60), unit=DurationUnit.HOURS),
    ):
        assert add_duration(day, duration) == day + timedelta(days=1)


@given(_DAYS, st.integers(min_value=0, max_value=100_000))
def test_sub_day_periods_never_move_a_date_past_the_day_the_last_instant_falls_on(
    day: date, minutes: int
) -> None:
    end = add_duration(day, Duration(amount=minutes, unit=DurationUnit.MINUTES))
    # From the end of the event's day (day + 1, 00:00) plus the minutes: a midnight counts as
    # the end of the day before.
    end_of_day = datetime(day.year, day.month, day.day) + timedelta(days=1)
    last_instant = end_of_day + timedelta(minutes=minutes) - timedelta(microseconds=1)
    assert end == last_instant.date()
    assert (end - day).days == exact_days(Duration(amount=minutes, unit=DurationUnit.MINUTES))


@given(_DAYS, st.integers(min_value=0, max_value=100_000), st.sampled_from(
    [DurationUnit.MINUTES, DurationUnit.HOURS, DurationUnit.DAYS, DurationUnit.WEEKS]))
def test_latest_start_inverts_add_duration_for_exact_units(
    deadline: date, amount: int, unit: DurationUnit
) -> None:
    if unit is DurationUnit.WEEKS:
        amount = amount % 10_000
    duration = Duration(amount=amount, unit=unit)
    start = latest_start(deadline, duration)
    assert add_duration(start, duration) <= deadline
    assert add_duration(start + timedelta(days=1), duration) > deadline


def test_exact_lengths() -> None:
    assert Duration(amount=2, unit=DurationUnit.WEEKS).minutes == 2 * 7 * 1440
    assert Duration(amount=3, unit=DurationUnit.MONTHS).minutes is None
    assert Duration(amount=25, unit=DurationUnit.HOURS).sub_day
    assert exact_days(Duration(amount=25, unit=DurationUnit.HOURS)) == 2
    assert str(Duration(amount=7, unit=DurationUnit.YEARS, approximate=True)) == "about 7 years"


def _plan_end(duration: Duration, event_day: date) -> date | None:
    from gdpr_register import (
        DataCategory,
        Register,
        RetentionKind,
        RetentionRule,
        Trigger,
        TriggerKind,
    )
    from gdpr_register.retention import SubjectHistory, plan_retention

    register = Register(
        id="r",
        data_categories=(DataCategory(id="codes", name="Login codes"),),
        retention=(
            RetentionRule(
                text=str(duration),
                kind=RetentionKind.PERIOD,
                period=duration,
                trigger=Trigger(kind=TriggerKind.COLLECTION),
            ),
        ),
    )
    history = SubjectHistory.from_events("s", [("collection", event_day)])
    plan = plan_retention(register, history, as_of=date(2041, 1, 1))
    [item] = plan.items
    return item.erase_by


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
       st.integers(min_value=0, max_value=300))
def test_retention_plans_count_weeks_as_days(day: date, weeks: int) -> None:
    in_weeks = _plan_end(Duration(amount=weeks, unit=DurationUnit.WEEKS), day)
    assert in_weeks == _plan_end(Duration(amount=7 * weeks, unit=DurationUnit.DAYS), day)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
       st.integers(min_value=1, max_value=1439))
def test_a_sub_day_period_moves_an_erase_by_date_at_most_to_the_next_day(
    day: date, minutes: int
) -> None:
    assert _plan_end(Duration(amount=minutes, unit=DurationUnit.MINUTES), day) == (
        day + timedelta(days=1)
    )
