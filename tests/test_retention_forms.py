"""The retention engine reads retention as notices state it (issue 10 items 4 and 13).

Exact where the period is exact (minutes, hours, weeks, days, months, years); undetermined,
with the reason, where it is not (about, no start, unnamed contacts, a minimum only, or
alternatives without saying which ends it); "kept indefinitely" is a statement.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import (
    DataCategory,
    Duration,
    DurationUnit,
    Register,
    RetentionKind,
    RetentionRule,
    SubjectEvent,
    Trigger,
    TriggerKind,
)
from gdpr_register.model import RetentionEnd
from gdpr_register.retention import (
    GapKind,
    PlanItem,
    PlanStatus,
    SubjectHistory,
    compile_policy,
)
from gdpr_register.storage import open_store

AS_OF = date(2026, 11, 25)
LATER = date(2099, 12, 31)  # a plan on a day after every generated event
CONTACT = Trigger(kind=TriggerKind.LAST_CONTACT, events=("contact",))
CLOSED = Trigger(kind=TriggerKind.ACCOUNT_CLOSURE)


def period(amount: int, unit: DurationUnit, trigger: Trigger | None = CONTACT,
           **kw: object) -> RetentionRule:
    return RetentionRule(text="as stated", kind=RetentionKind.PERIOD,
                         period=Duration(amount=amount, unit=unit), trigger=trigger,
                         **kw)  # type: ignore[arg-type]


def item(*rules: RetentionRule, events: tuple[tuple[str, date], ...] = (),
         as_of: date = AS_OF) -> PlanItem:
    register = Register(id="r", name="R", data_categories=(DataCategory(id="c", name="C"),),
                        retention=rules)
    history = SubjectHistory.from_events(
        "s", [SubjectEvent(subject="s", kind=k, on=d) for k, d in events]
    )
    policy = compile_policy(register)
    found = policy.plan(history, as_of).items[0]
    # The bulk loop (results()) is generated apart from plan(): both must say the same.
    [(_, results)] = policy.results([history], as_of)
    assert results == ((found.status, found.erase_by, found.restricted_until),)
    return found


def gaps(found: PlanItem) -> set[GapKind]:
    return {g.kind for g in found.policy.gaps}


@given(st.integers(min_value=1, max_value=500),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_a_period_in_weeks_equals_the_same_period_in_days(weeks: int, contact: date) -> None:
    in_weeks = item(period(weeks, DurationUnit.WEEKS), events=(("contact", contact),),
                    as_of=LATER)
    in_days = item(period(7 * weeks, DurationUnit.DAYS), events=(("contact", contact),),
                   as_of=LATER)
    assert in_weeks.erase_by == in_days.erase_by == contact + timedelta(weeks=weeks)
    assert in_weeks.status is in_days.status


@given(st.integers(min_value=1, max_value=100_000), st.sampled_from(["minutes", "hours"]),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_a_sub_day_period_moves_the_erase_by_date_by_at_most_the_day_it_falls_on(
    amount: int, unit: str, contact: date
) -> None:
    # An event known only by its date may have happened at any time that day: a period of
    # N minutes ends on the day N minutes after that day's last instant falls on.
    minutes = amount * (60 if unit == "hours" else 1)
    found = item(period(amount, DurationUnit(unit)), events=(("contact", contact),),
                 as_of=LATER)
    whole_days = contact + timedelta(days=minutes // 1440)
    assert found.erase_by is not None
    assert whole_days <= found.erase_by <= whole_days + timedelta(days=1)
    assert found.erase_by > contact  # never before the event's day is over


def test_short_exact_periods() -> None:
    # Login codes kept 10 minutes: erased from the next day; 2 weeks after an event: exact.
    assert item(period(10, DurationUnit.MINUTES),
                events=(("contact", date(2026, 3, 1)),)).erase_by == date(2026, 3, 2)
    assert item(period(2, DurationUnit.WEEKS),
                events=(("contact", date(2026, 3, 1)),)).erase_by == date(2026, 3, 15)


@pytest.mark.parametrize(
    ("rule", "kind"),
    [
        (RetentionRule(text="about 7 years", kind=RetentionKind.PERIOD, trigger=CONTACT,
                       period=Duration(amount=7, unit=DurationUnit.YEARS, approximate=True)),
         GapKind.APPROXIMATE),
        (period(10, DurationUnit.YEARS, trigger=None), GapKind.NO_START),
        (period(10, DurationUnit.YEARS, trigger=None, maximum_only=True), GapKind.NO_START),
        (period(2, DurationUnit.YEARS, trigger=Trigger(kind=TriggerKind.LAST_CONTACT)),
         GapKind.UNNAMED_EVENTS),
        (RetentionRule(text="at least 7 hours", kind=RetentionKind.PERIOD,
                       minimum=Duration(amount=7, unit=DurationUnit.HOURS)),
         GapKind.MINIMUM_ONLY),
        (period(2, DurationUnit.YEARS,
                alternatives=(period(3, DurationUnit.YEARS, trigger=CLOSED),)),
         GapKind.ALTERNATIVES),
    ],
    ids=["approximate", "no-start", "at-most-no-start", "unnamed-contacts", "minimum-only",
         "alternatives-unsaid"],
)
def test_inexact_retention_is_undetermined_with_the_reason(
    rule: RetentionRule, kind: GapKind
) -> None:
    # Art. 13(2)(a) asks for the period or the criteria; what is not exact is never given a
    # made-up date (issue 10 item 4): undetermined, and the reason says why.
    found = item(rule, events=(("contact", date(2020, 1, 1)), ("account_closed", date(2020, 1, 1))))
    assert found.status is PlanStatus.UNDETERMINED
    assert found.erase_by is None
    assert kind in gaps(found)
    assert found.reason()


def test_kept_indefinitely_is_a_statement() -> None:
    # "Kept indefinitely" is what the notice says (issue 10 item 13): never due, never
    # undetermined, with the statement as the reason; an erasure request still ends it
    # (Art. 17(1)).
    indefinite = RetentionRule(text="kept indefinitely", kind=RetentionKind.INDEFINITE)
    found = item(indefinite, events=(("contact", date(2000, 1, 1)),))
    assert (found.status, found.erase_by) == (PlanStatus.RETAINED, None)
    assert "indefinitely" in found.reason()
    asked = item(indefinite, events=(("erasure_request", date(2026, 1, 5)),))
    assert (asked.status, asked.erase_by) == (PlanStatus.DUE, date(2026, 1, 5))
    # A computable maximum for the same data caps it.
    capped = item(indefinite, period(1, DurationUnit.YEARS),
                  events=(("contact", date(2020, 1, 1)),))
    assert (capped.status, capped.erase_by) == (PlanStatus.DUE, date(2021, 1, 1))


def test_a_minimum_with_a_maximum_uses_the_maximum() -> None:
    both = period(3, DurationUnit.YEARS, minimum=Duration(amount=1, unit=DurationUnit.YEARS))
    assert item(both, events=(("contact", date(2020, 1, 1)),)).erase_by == date(2023, 1, 1)


def test_a_statutory_minimum_is_a_hold() -> None:
    # Art. 17(3)(b): "kept at least 6 years by law" keeps the data through its end.
    hold = RetentionRule(text="at least 6 years (law)", kind=RetentionKind.STATUTORY_HOLD,
                         minimum=Duration(amount=6, unit=DurationUnit.YEARS), trigger=CLOSED)
    found = item(period(1, DurationUnit.YEARS), hold,
                 events=(("contact", date(2020, 1, 1)), ("account_closed", date(2020, 1, 1))),
                 as_of=date(2025, 6, 1))
    assert (found.status, found.hold_until) == (PlanStatus.RESTRICTED, date(2026, 1, 1))
    assert found.erase_by == date(2026, 1, 2)


@pytest.mark.parametrize(("ends", "erase_by"), [
    (RetentionEnd.FIRST, date(2022, 1, 1)), (RetentionEnd.LAST, date(2024, 6, 1)),
])
def test_two_alternative_maxima(ends: RetentionEnd, erase_by: date) -> None:
    # "2 years after the last contact or 3 years after the account is closed, whichever is
    # earlier / later" (issue 10 item 13).
    rule = period(2, DurationUnit.YEARS, ends=ends,
                  alternatives=(period(3, DurationUnit.YEARS, trigger=CLOSED),))
    events = (("contact", date(2020, 1, 1)), ("account_closed", date(2021, 6, 1)))
    assert item(rule, events=events, as_of=date(2030, 1, 1)).erase_by == erase_by
    assert item(rule, events=events, as_of=date(2021, 12, 1)).status is PlanStatus.RETAINED


def test_whichever_later_waits_for_an_alternative_that_has_not_started() -> None:
    rule = period(2, DurationUnit.YEARS, ends=RetentionEnd.LAST,
                  alternatives=(period(3, DurationUnit.YEARS, trigger=CLOSED),))
    found = item(rule, events=(("contact", date(2020, 1, 1)),), as_of=date(2030, 1, 1))
    assert (found.status, found.erase_by) == (PlanStatus.RETAINED, None)
    assert "account_closed" in found.reason()  # the alternative not started yet


def test_the_end_of_the_calendar_year_after_an_event() -> None:
    # "Deleted one year after the end of the year in which the customer relationship ended."
    rule = period(1, DurationUnit.YEARS,
                  trigger=Trigger(kind=TriggerKind.ACCOUNT_CLOSURE, year_end=True))
    found = item(rule, events=(("account_closed", date(2024, 3, 5)),))
    assert found.erase_by == date(2025, 12, 31)
    assert found.reasons[0].anchor == date(2024, 12, 31)


def test_the_database_sweep_agrees_on_alternatives() -> None:
    register = Register(
        id="r", name="R", data_categories=(DataCategory(id="c", name="C"),),
        retention=(period(2, DurationUnit.YEARS, ends=RetentionEnd.LAST,
                          alternatives=(period(3, DurationUnit.YEARS, trigger=CLOSED),)),),
    )
    events = [
        SubjectEvent(subject="both", kind="contact", on=date(2020, 1, 1)),
        SubjectEvent(subject="both", kind="account_closed", on=date(2020, 6, 1)),
        SubjectEvent(subject="one", kind="contact", on=date(2020, 1, 1)),
        SubjectEvent(subject="late", kind="contact", on=date(2020, 1, 1)),
        SubjectEvent(subject="late", kind="account_closed", on=date(2024, 6, 1)),
    ]
    with open_store("sqlite:///:memory:") as store:
        store.ledger.append(events)
        due = list(store.ledger.due_for_erasure(register, as_of=date(2026, 1, 1)))
    assert [d.subject for d in due] == ["both"]
