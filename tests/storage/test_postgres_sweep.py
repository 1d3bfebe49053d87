"""The retention sweep evaluated inside PostgreSQL gives exactly the in-memory engine's answer
(random registers, financial years, dates around month ends, hostile keys), streamed."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdpr_register import load_notice
from gdpr_register.model import (
    DataCategory,
    Duration,
    DurationUnit,
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
from gdpr_register.storage import DueForErasure, open_store
from gdpr_register.storage.postgres import PostgresStore
from gdpr_register.testing.contract import HOSTILE_SUBJECTS
from gdpr_register.testing.strategies import durations, month_days, registers

pytestmark = pytest.mark.postgres

SEED = load_notice(
    Path(__file__).resolve().parents[2] / "examples" / "valmennuskumppani.yaml"
).registers[0]
SUBJECTS = st.sampled_from(["a", "b", "B", "ä", *HOSTILE_SUBJECTS])


@pytest.fixture
def store(postgres_url: str) -> Iterator[PostgresStore]:
    with open_store(postgres_url, pool_max_size=2) as opened:
        assert isinstance(opened, PostgresStore)
        yield opened


def _clear(store: PostgresStore) -> None:
    for subject in list(store.ledger.subjects()):
        store.ledger.erase(subject=subject, reason="next example")


def _reference(register: Register, events: list[SubjectEvent], as_of: date,
               year_end: MonthDay) -> list[DueForErasure]:
    from gdpr_register.storage._sweep import sweep_in_python

    grouped: dict[str, list[SubjectEvent]] = {}
    for event in events:
        grouped.setdefault(event.subject, []).append(event)
    return list(sweep_in_python(register, sorted(grouped.items()), as_of=as_of,
                                financial_year_end=year_end))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Register, MonthDay, date, list[SubjectEvent]]:
    register = draw(st.one_of(st.just(SEED), registers()))
    add_maximum = draw(st.booleans())
    if add_maximum and register.data_categories:
        # Drawn rules are mostly vague: add a computable maximum so that subjects become due.
        register = attrs.evolve(register, retention=(*register.retention, RetentionRule(
            text="added", kind=RetentionKind.PERIOD, period=draw(durations()),
            trigger=Trigger(kind=TriggerKind.LAST_CONTACT, events=("contact", "visit")),
        )), none=tuple(s for s in register.none if s is not Section.RETENTION))  # now stated
    year_end = draw(month_days())
    policy = compile_policy(register, financial_year_end=year_end)
    kinds = sorted(policy.known_event_kinds | {"unrelated", "contact", "visit"})
    as_of = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
    days = st.integers(min_value=-15 * 366, max_value=400).map(lambda n: as_of + timedelta(n))
    events = draw(st.lists(
        st.builds(SubjectEvent, subject=SUBJECTS, kind=st.sampled_from(kinds), on=days),
        max_size=40,
    ))
    return register, year_end, as_of, events


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
@given(case=cases())
def test_postgres_sweep_equals_the_engine(
    store: PostgresStore, case: tuple[Register, MonthDay, date, list[SubjectEvent]]
) -> None:
    register, year_end, as_of, events = case
    _clear(store)
    store.ledger.append(events)
    swept = list(store.ledger.due_for_erasure(register, as_of=as_of, financial_year_end=year_end))
    assert swept == _reference(register, events, as_of, year_end)


def test_seed_register_sweep_on_known_subjects(store: PostgresStore) -> None:
    store.ledger.append([
        SubjectEvent(subject="lapsed", kind="service_contact", on=date(2021, 6, 15)),
        SubjectEvent(subject="billed", kind="service_contact", on=date(2021, 6, 15)),
        SubjectEvent(subject="billed", kind="invoice", on=date(2021, 6, 30)),
        SubjectEvent(subject="recent", kind="contact", on=date(2022, 1, 10)),
        SubjectEvent(subject="asked", kind="service_contact", on=date(2026, 1, 1)),
        SubjectEvent(subject="asked", kind="erasure_request", on=date(2026, 11, 1)),
    ])
    swept = {d.subject: d.categories for d in
             store.ledger.due_for_erasure(SEED, as_of=date(2026, 11, 25))}
    contact_only = ("markkinointitiedot", "palvelutiedot", "yhteystiedot")
    everything = tuple(sorted((*contact_only, "laskutustiedot")))
    # The invoice keeps billing data under the Accounting Act hold until 2027-12-31.
    assert swept == {"lapsed": everything, "billed": contact_only, "asked": everything}


def test_events_after_as_of_are_ignored_like_the_engine(store: PostgresStore) -> None:
    register = Register(
        id="r", name="R", data_categories=(DataCategory(id="contact", name="Contact"),),
        retention=(RetentionRule(
            text="at once after the last contact", kind=RetentionKind.PERIOD,
            period=Duration(amount=0, unit=DurationUnit.DAYS),
            trigger=Trigger(kind=TriggerKind.LAST_CONTACT, events=("contact",)),
        ),),
    )
    as_of = date(2000, 1, 1)
    events = [
        SubjectEvent(subject="a", kind="contact", on=as_of),
        SubjectEvent(subject="a", kind="contact", on=as_of + timedelta(days=1)),
        SubjectEvent(subject="b", kind="contact", on=as_of + timedelta(days=1)),
    ]
    store.ledger.append(events)
    swept = list(store.ledger.due_for_erasure(register, as_of=as_of))
    assert swept == _reference(register, events, as_of, MonthDay(month=12, day=31))
    assert swept == [DueForErasure(subject="a", categories=("contact",))]


def _fetching_sessions(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'gdpr-register' "
            "AND state = 'idle in transaction' AND query LIKE 'FETCH FORWARD%'"
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_sweep_streams_through_a_server_side_cursor(
    store: PostgresStore, postgres_url: str
) -> None:
    store.ledger.append(
        SubjectEvent(subject=f"s{n:06d}", kind="service_contact", on=date(2015, 1, 1))
        for n in range(12_000)
    )
    stream = store.ledger.due_for_erasure(SEED, as_of=date(2026, 11, 25))
    assert isinstance(stream, Generator)
    try:
        assert next(stream).subject == "s000000"
        assert _fetching_sessions(postgres_url) == 1  # rows come in batches from a cursor
        assert sum(1 for _ in stream) == 11_999
        assert _fetching_sessions(postgres_url) == 0
    finally:
        stream.close()


def test_closing_the_store_ends_an_abandoned_stream(postgres_url: str) -> None:
    import psycopg

    from gdpr_register.errors import StoreUnavailable

    store = open_store(postgres_url)
    store.ledger.append(
        SubjectEvent(subject=f"s{n:06d}", kind="contact", on=date(2015, 1, 1))
        for n in range(12_000)
    )
    stream = store.ledger.subjects()
    assert next(stream) == "s000000"
    store.close()
    with psycopg.connect(postgres_url) as conn:  # no lock is left behind
        conn.execute("SET lock_timeout = '5s'")
        conn.execute("LOCK TABLE gdpr_events IN ACCESS EXCLUSIVE MODE")
    with pytest.raises(StoreUnavailable):
        for _ in stream:
            pass
