"""Properties from issue 4, on the seed register and on generated histories."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import Duration, MonthDay, Notice, Register, RetentionKind, load_notice
from gdpr_register._dates import add_duration
from gdpr_register.errors import InputError
from gdpr_register.retention import (
    CompiledPolicy,
    PlanStatus,
    RetentionPlan,
    SubjectHistory,
    compile_policy,
)
from gdpr_register.retention._fast import _adder
from gdpr_register.testing.strategies import (
    durations,
    histories,
    history_events,
    month_days,
    registers,
)

AS_OF = date(2026, 11, 25)
_NOTICE: Notice = load_notice(
    Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"
)
POLICY = compile_policy(_NOTICE.registers[0], controller=_NOTICE.controller)
# The same register with no statutory material: no hold applies anywhere.
_SEED = _NOTICE.registers[0]
NO_HOLD_POLICY = compile_policy(
    attrs.evolve(
        _SEED,
        data_categories=tuple(attrs.evolve(c, material=()) for c in _SEED.data_categories),
    ),
    controller=_NOTICE.controller,
)
_RANK = {
    PlanStatus.RETAINED: 0,
    PlanStatus.RESTRICTED: 1,
    PlanStatus.UNDETERMINED: 1,
    PlanStatus.DUE: 2,
}

as_of_dates = st.dates(date(2000, 1, 1), date(2040, 12, 31))


def shape(plan: RetentionPlan) -> list[tuple[object, ...]]:
    return [
        (i.category, i.status, i.erase_by, i.restricted_until, i.purpose_ends, i.hold_until)
        for i in plan.items
    ]


@given(history=histories(), as_of=as_of_dates)
def test_erase_by_never_before_its_trigger(history: SubjectHistory, as_of: date) -> None:
    for policy in (POLICY, NO_HOLD_POLICY):
        plan = policy.plan(history, as_of)
        for item in plan.items:
            for reason in item.reasons:
                if reason.trigger is not None:
                    assert reason.end is not None
                    assert reason.end >= reason.trigger
            if item.erase_by is not None:
                assert any(
                    r.trigger is not None and r.trigger <= item.erase_by for r in item.reasons
                )


@given(
    history=histories(),
    contact=st.dates(date(2000, 1, 1), date(2035, 12, 31)),
    kind=st.sampled_from(["contact", "service_contact"]),
    as_of=as_of_dates,
)
def test_a_later_contact_never_makes_data_due_earlier(
    history: SubjectHistory, contact: date, kind: str, as_of: date
) -> None:
    latest = max((d for _, d in history.events), default=contact)
    later = max(contact, latest)
    before = POLICY.plan(history, as_of)
    after = POLICY.plan(history.with_event(kind, later), as_of)
    for old, new in zip(before.items, after.items, strict=True):
        if old.purpose_ends is None:
            continue  # nothing was computable before: there is no earlier date to keep
        assert new.purpose_ends is not None
        assert new.purpose_ends >= old.purpose_ends
        if old.status is not PlanStatus.DUE:
            assert new.status is not PlanStatus.DUE
        if old.erase_by is not None and new.erase_by is not None:
            assert new.erase_by >= old.erase_by


@given(history=histories(), as_of=as_of_dates)
def test_a_hold_never_shortens_retention(history: SubjectHistory, as_of: date) -> None:
    """The seed with Finnish statutes vs the same register with no statutes at all."""
    held = POLICY.plan(history, as_of)
    free = NO_HOLD_POLICY.plan(history, as_of)
    for with_hold, without in zip(held.items, free.items, strict=True):
        assert with_hold.purpose_ends == without.purpose_ends
        if without.erase_by is not None and with_hold.erase_by is not None:
            assert with_hold.erase_by >= without.erase_by
        assert _RANK[with_hold.status] <= _RANK[without.status]


@given(events=history_events(max_size=10), as_of=as_of_dates, seed=st.integers(0, 2**32))
def test_the_order_of_events_is_irrelevant(
    events: list[tuple[str, date]], as_of: date, seed: int
) -> None:
    shuffled = list(events)
    random.Random(seed).shuffle(shuffled)
    a = SubjectHistory.from_events("s", events)
    b = SubjectHistory.from_events("s", shuffled)
    assert a == b
    assert shape(POLICY.plan(a, as_of)) == shape(POLICY.plan(b, as_of))


@pytest.mark.parametrize("policy", [POLICY, NO_HOLD_POLICY])
@given(history=histories(), as_of=as_of_dates)
def test_status_agrees_with_thresholds(
    policy: CompiledPolicy, history: SubjectHistory, as_of: date
) -> None:
    """The SQL formulation in the module docstring gives exactly the plan's statuses."""
    thresholds = policy.thresholds(as_of)
    plan = policy.plan(history, as_of)
    for category, item in zip(policy.categories, plan.items, strict=True):
        expired = active = started = False
        for clock in category.clocks:
            dates = [d for k, d in history.events if k in clock.events and d <= as_of]
            if not dates:
                continue
            agg = max(dates) if clock.aggregation.value == "latest" else min(dates)
            expired_at, held_after = thresholds[clock.id]
            if clock.kind.value == "maximum":
                started = True
                expired = expired or agg <= expired_at
            else:
                active = active or agg > held_after
        if not started:
            expected = PlanStatus.UNDETERMINED
        elif not expired:
            expected = PlanStatus.RETAINED
        elif active:
            expected = PlanStatus.RESTRICTED
        elif category.blocked:
            expected = PlanStatus.UNDETERMINED
        else:
            expected = PlanStatus.DUE
        assert item.status is expected


@given(
    register=registers(),
    history=histories(),
    as_of=as_of_dates,
    year_end=month_days(),
)
def test_holds_never_shorten_retention_on_any_register(
    register: Register, history: SubjectHistory, as_of: date, year_end: MonthDay
) -> None:
    """Removing every hold rule and all statutory material never makes data kept longer."""
    bare = attrs.evolve(
        register,
        data_categories=tuple(attrs.evolve(c, material=()) for c in register.data_categories),
        retention=tuple(
            r for r in register.retention if r.kind is not RetentionKind.STATUTORY_HOLD
        ),
    )
    held = compile_policy(register, jurisdiction="FI", financial_year_end=year_end)
    free = compile_policy(bare, jurisdiction="FI", financial_year_end=year_end)
    for with_hold, without in zip(
        held.plan(history, as_of).items, free.plan(history, as_of).items, strict=True
    ):
        assert with_hold.purpose_ends == without.purpose_ends
        if without.erase_by is not None and with_hold.erase_by is not None:
            assert with_hold.erase_by >= without.erase_by
        assert _RANK[with_hold.status] <= _RANK[without.status]


@st.composite
def policy_and_history(draw: st.DrawFn) -> tuple[CompiledPolicy, SubjectHistory]:
    register = draw(registers())
    policy = compile_policy(
        register,
        jurisdiction=draw(st.sampled_from(["FI", "SE", None])),
        financial_year_end=draw(month_days()),
    )
    kinds = sorted(policy.known_event_kinds)
    return policy, draw(histories(kinds))


@given(case=policy_and_history(), as_of=as_of_dates)
def test_generated_evaluator_agrees_with_the_interpreter(
    case: tuple[CompiledPolicy, SubjectHistory], as_of: date
) -> None:
    policy, history = case
    fast = policy._fast  # the generated code is private; its agreement is the contract
    triggers, outcomes = fast.evaluate(history.events, as_of)
    reference_triggers, reference_outcomes = fast.reference(history.events, as_of)
    assert list(triggers) == reference_triggers
    assert list(outcomes) == reference_outcomes


@given(case=policy_and_history(), as_of=as_of_dates)
def test_generated_bulk_loop_agrees_with_the_interpreter(
    case: tuple[CompiledPolicy, SubjectHistory], as_of: date
) -> None:
    """results() and rows() inline the evaluator: per category, the interpreter's result."""
    policy, history = case
    _, reference = policy._fast.reference(history.events, as_of)
    expected = tuple(reference[g][0] for _, g in policy._fast.order)
    assert list(policy.results([history, history], as_of)) == [(history.subject, expected)] * 2
    assert list(policy.rows([history], as_of)) == [
        (history.subject, category.category, *result)
        for category, result in zip(policy.categories, expected, strict=True)
    ]


@given(
    case=policy_and_history(),
    day=st.dates(date(1, 1, 1), date(9999, 12, 31)),
)
def test_the_memo_computes_each_clock_end_as_the_clock_does(
    case: tuple[CompiledPolicy, SubjectHistory], day: date
) -> None:
    """The bulk path's specialised end arithmetic agrees with Clock.end, errors included."""
    policy, _ = case
    for i, clock in enumerate(policy.clocks):
        # The day, and the days where a year-end anchor changes: the financial year's end,
        # the day after it, the year's first and last days.
        pivot = clock.financial_year_end.in_year(day.year)
        near = [day, pivot, date(day.year, 1, 1), date(day.year, 12, 31)]
        if pivot < date(day.year, 12, 31):
            near.append(pivot + timedelta(days=1))
        for trigger in near:
            try:
                expected: date | type[Exception] = clock.end(trigger)
            except InputError:
                expected = InputError
            try:
                found: date | type[Exception] = policy._fast._end(i, trigger)
            except InputError:
                found = InputError
            assert found == expected


@given(duration=durations(), day=st.dates(date(1, 1, 1), date(9000, 12, 31)))
def test_the_specialised_duration_arithmetic_is_add_duration(
    duration: Duration, day: date
) -> None:
    assert _adder(duration)(day) == add_duration(day, duration)


@given(case=policy_and_history(), as_of=as_of_dates, data=st.data())
def test_the_loop_over_unordered_events_agrees_with_the_interpreter(
    case: tuple[CompiledPolicy, SubjectHistory], as_of: date, data: st.DataObject
) -> None:
    """A stream read for planning hands over each subject's events unordered."""
    policy, history = case
    _, reference = policy._fast.reference(history.events, as_of)
    expected = tuple(reference[g][0] for _, g in policy._fast.order)
    shuffled = data.draw(st.permutations(history.events))
    for events in (shuffled, history.events[::-1]):
        assert list(policy._fast._results_of_pairs([(history.subject, events)], as_of)) == [
            (history.subject, expected)
        ]


@given(history=histories(min_size=2), as_of=as_of_dates)
def test_the_loop_over_unordered_events_agrees_on_the_seed(
    history: SubjectHistory, as_of: date
) -> None:
    for policy in (POLICY, NO_HOLD_POLICY):
        _, reference = policy._fast.reference(history.events, as_of)
        expected = tuple(reference[g][0] for _, g in policy._fast.order)
        found = policy._fast._results_of_pairs([(history.subject, history.events[::-1])], as_of)
        assert list(found) == [(history.subject, expected)]


@pytest.mark.parametrize("year_end", ["06-30", "12-31", "02-29", "01-01"])
def test_the_memo_computes_year_end_anchored_clocks_every_day(year_end: str) -> None:
    # The seed's accounting hold runs from the end of the calendar year in which the
    # financial year ended: every day of four years, leap years included, on a fresh memo.
    policy = compile_policy(_SEED, jurisdiction="FI", financial_year_end=year_end)
    assert any(clock.anchor.value != "event" for clock in policy.clocks)
    start = date(2019, 1, 1)
    for offset in range(4 * 366):
        day = start + timedelta(days=offset)
        for i, clock in enumerate(policy.clocks):
            assert policy._fast._end(i, day) == clock.end(day), (clock.id, day)
