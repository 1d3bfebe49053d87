"""The in-database retention sweep gives exactly the in-memory engine's answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdpr_register.model import (
    DataCategory,
    MonthDay,
    Register,
    RetentionKind,
    RetentionRule,
    Section,
    SubjectEvent,
    Trigger,
    TriggerKind,
)
from gdpr_register.retention import compile_policy
from gdpr_register.storage import DueForErasure, Store, open_store
from gdpr_register.storage import sqlite as sqlite_backend
from gdpr_register.storage._sweep import SqlSweep, sweep_in_python
from gdpr_register.testing.contract import sample_register
from gdpr_register.testing.strategies import durations, month_days, registers


@st.composite
def cases(draw: st.DrawFn) -> tuple[Register, MonthDay, date, list[SubjectEvent]]:
    register = draw(registers())
    if draw(st.booleans()) and register.data_categories:
        # Most drawn rules are vague; add computable maxima so that many subjects are due.
        extra = RetentionRule(
            text="added", kind=RetentionKind.PERIOD,
            period=draw(durations()),
            trigger=Trigger(kind=TriggerKind.LAST_CONTACT, events=("contact", "visit")),
        )
        # A register stated as having no retention cannot also state a rule: drop the none.
        register = attrs.evolve(register, retention=(*register.retention, extra),
                                none=tuple(n for n in register.none if n is not Section.RETENTION))
    year_end = draw(month_days())
    policy = compile_policy(register, financial_year_end=year_end)
    kinds = sorted(policy.known_event_kinds | {"unrelated", "contact", "visit"})
    as_of = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
    days = st.integers(min_value=-15 * 366, max_value=400).map(lambda n: as_of + timedelta(n))
    events = draw(st.lists(
        st.builds(SubjectEvent, subject=st.sampled_from(["a", "b", "c", "d'", "e\x00"]),
                  kind=st.sampled_from(["contact", "visit"]) | st.sampled_from(kinds), on=days),
        max_size=30,
    ))
    return register, year_end, as_of, events


def _reference(register: Register, events: list[SubjectEvent], as_of: date,
               year_end: MonthDay) -> list[DueForErasure]:
    grouped: dict[str, list[SubjectEvent]] = {}
    for event in events:
        grouped.setdefault(event.subject, []).append(event)
    return list(sweep_in_python(register, sorted(grouped.items()), as_of=as_of,
                                financial_year_end=year_end))


@settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=cases())
def test_sqlite_sweep_equals_the_engine(
    case: tuple[Register, MonthDay, date, list[SubjectEvent]], monkeypatch: pytest.MonkeyPatch
) -> None:
    register, year_end, as_of, events = case
    monkeypatch.setattr(sqlite_backend, "PAGE_SIZE", 2)  # exercise the pagination too
    with open_store("sqlite:///:memory:") as store:
        store.ledger.append(events)
        swept = list(store.ledger.due_for_erasure(register, as_of=as_of,
                                                  financial_year_end=year_end))
    assert swept == _reference(register, events, as_of, year_end)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_memory_sweep_equals_the_engine(
    case: tuple[Register, MonthDay, date, list[SubjectEvent]],
) -> None:
    register, year_end, as_of, events = case
    with open_store("memory:") as store:
        store.ledger.append(events)
        swept = list(store.ledger.due_for_erasure(register, as_of=as_of,
                                                  financial_year_end=year_end))
    assert swept == _reference(register, events, as_of, year_end)


def test_sweep_on_each_backend(store_factory: Callable[..., Store]) -> None:
    store = store_factory()
    register = sample_register()
    store.ledger.append(
        SubjectEvent(subject=f"s{n:03}", kind="service_contact",
                     on=date(2021, 11, 25) + timedelta(days=n - 50))
        for n in range(100)
    )
    swept = list(store.ledger.due_for_erasure(register, as_of=date(2026, 11, 25)))
    # 5 years after the last contact: contacts on or before 2021-11-25 are due.
    assert [d.subject for d in swept] == [f"s{n:03}" for n in range(51)]
    assert all(d.categories == ("contact",) for d in swept)


def test_sweep_streams(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_backend, "PAGE_SIZE", 3)
    with open_store("sqlite:///:memory:") as store:
        store.ledger.append(
            SubjectEvent(subject=f"s{n:02}", kind="service_contact", on=date(2000, 1, 1))
            for n in range(10)
        )
        results = store.ledger.due_for_erasure(sample_register(), as_of=date(2026, 1, 1))
        assert isinstance(results, Iterator)
        first = next(results)
        assert first.subject == "s00"
        # Pages are fetched lazily: writes between pages are allowed (no lock is held).
        store.ledger.append([SubjectEvent(subject="s99", kind="service_contact",
                                          on=date(2000, 1, 1))])
        assert [d.subject for d in results][-1] == "s99"


def test_sql_has_no_values_in_it() -> None:
    register = sample_register()
    sweep = SqlSweep.build(register, as_of=date(2026, 11, 25))
    assert "service_contact" not in sweep.sql
    assert str(date(2021, 11, 25).toordinal()) not in sweep.sql
    assert "service_contact" in sweep.params.values()
    assert date(2021, 11, 25).toordinal() in sweep.params.values()
    postgres = SqlSweep.build(register, as_of=date(2026, 11, 25), dialect="postgres")
    assert ":" not in postgres.sql
    assert "%(after)s" in postgres.sql
    assert date(2021, 11, 25) in postgres.params.values()


def test_statutory_hold_keeps_accounting_material_out_of_the_sweep() -> None:
    base = sample_register()
    register = attrs.evolve(
        base,
        data_categories=(
            *base.data_categories,
            DataCategory(id="invoices", name="Invoices", material=("accounting-voucher",)),
        ),
        retention=(attrs.evolve(base.retention[0], categories=("contact", "invoices")),),
    )
    events = [
        SubjectEvent(subject=f"s{year}", kind=kind, on=date(year, 6, 15))
        for year in range(2012, 2024)
        for kind in ("service_contact", "invoice")
    ]
    as_of = date(2026, 11, 25)
    with open_store("sqlite:///:memory:") as store:
        store.ledger.append(events)
        swept = list(store.ledger.due_for_erasure(register, as_of=as_of))
    assert swept == _reference(register, events, as_of, MonthDay(month=12, day=31))
    categories = {d.subject: d.categories for d in swept}
    # Vouchers are kept to the end of the 6th year after the financial year's calendar year.
    assert categories["s2012"] == ("contact", "invoices")
    assert categories["s2020"] == ("contact",)
    assert "s2022" not in categories


def test_events_after_as_of_do_not_count() -> None:
    register = sample_register()
    as_of = date(2026, 11, 25)
    events = [
        SubjectEvent(subject="a", kind="service_contact", on=date(2020, 1, 1)),
        SubjectEvent(subject="a", kind="service_contact", on=date(2027, 1, 1)),  # later
        SubjectEvent(subject="b", kind="service_contact", on=date(2027, 1, 1)),
    ]
    with open_store("sqlite:///:memory:") as store:
        store.ledger.append(events)
        swept = list(store.ledger.due_for_erasure(register, as_of=as_of))
    assert swept == _reference(register, events, as_of, MonthDay(month=12, day=31))
    assert [d.subject for d in swept] == ["a"]
