"""PostgreSQL store benchmarks: our code against the raw driver / hand-written SQL, same run.

1. Bulk append of N events (default 1,000,000): ``store.ledger.append(events)`` against a raw
   psycopg ``COPY ... FROM STDIN (FORMAT BINARY)`` of the same rows, already encoded, into the
   same table (goal: at most 1.3x).
2. The retention sweep over N subjects (1 to 4 events each) against the seed register
   (``examples/valmennuskumppani.yaml``): ``store.ledger.due_for_erasure`` against a
   hand-written SQL query a DBA would write for that register (PostgreSQL interval arithmetic,
   no parameters from our compiler), both streamed through a server-side cursor (goal: at most
   1.5x); plus, for scale, loading every subject's events into Python and running the
   in-memory retention engine. The answers of all three are checked to be identical.

Usage::

    python benchmarks/bench_storage_pg.py [--quick] [--url postgresql://...] [--repeat 3]

The URL comes from ``--url`` or ``GDPR_REGISTER_TEST_POSTGRES_URL``. Everything happens in a
schema of its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from gdpr_register import load_notice
from gdpr_register.model import Register, SubjectEvent
from gdpr_register.storage import DueForErasure, open_store
from gdpr_register.storage.postgres import PostgresStore

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 25)
KINDS = (
    ("service_contact", 40),
    ("contact", 15),
    ("invoice", 20),
    ("payment", 10),
    ("newsletter", 10),
    ("erasure_request", 1),
)

# The seed register's policy written by hand, as a DBA would: contact data 5 years after the
# last contact or service contact, or at once on an erasure request; billing data the same
# unless the Accounting Act 2:10 hold (6 years from the end of the calendar year of the last
# accounting event; financial year = calendar year) still runs on AS_OF.
HAND_WRITTEN = """
SELECT subject, contact_due, contact_due AND NOT held AS billing_due FROM (
    SELECT subject,
        COALESCE(last_contact + interval '5 years' <= %(as_of)s, FALSE)
            OR COALESCE(first_erasure <= %(as_of)s, FALSE) AS contact_due,
        COALESCE(make_date(extract(year FROM last_accounting)::int + 6, 12, 31) >= %(as_of)s,
                 FALSE) AS held
    FROM (
        SELECT subject,
            max(day) FILTER (WHERE kind IN ('contact', 'service_contact')) AS last_contact,
            min(day) FILTER (WHERE kind = 'erasure_request') AS first_erasure,
            max(day) FILTER (WHERE kind IN ('accounting_entry', 'invoice', 'payment',
                                            'voucher')) AS last_accounting
        FROM gdpr_events WHERE day <= %(as_of)s GROUP BY subject
    ) AS per_subject
) AS flagged
WHERE contact_due ORDER BY subject
"""
CONTACT_CATEGORIES = ("markkinointitiedot", "palvelutiedot", "yhteystiedot")


def _events(subjects: int, seed: int) -> Iterator[SubjectEvent]:
    rnd = random.Random(seed)
    kinds = [k for k, w in KINDS for _ in range(w)]
    start = date(2012, 1, 1)
    span = (AS_OF - start).days
    for n in range(subjects):
        key = f"cust-{rnd.randrange(16**8):08x}-{n}"
        for _ in range(rnd.randint(1, 4)):
            yield SubjectEvent(
                subject=key,
                kind=rnd.choice(kinds),
                on=start + timedelta(days=rnd.randrange(span)),
                details=None if rnd.random() < 0.7 else f"ticket {rnd.randrange(10**6)}",
            )


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _report(name: str, ours: list[float], base: list[float], goal: float) -> float:
    ratio = min(ours) / min(base)
    print(
        f"{name}: ours best {min(ours):.2f}s (median {statistics.median(ours):.2f}s), "
        f"baseline best {min(base):.2f}s (median {statistics.median(base):.2f}s) "
        f"-> ratio {ratio:.2f}x (goal <= {goal}x) {'OK' if ratio <= goal else 'OVER GOAL'}"
    )
    return ratio


def bench_append(store: PostgresStore, url: str, count: int, repeat: int) -> float:
    events = []
    for event in _events(count, seed=1):
        events.append(event)
        if len(events) == count:
            break
    rows = [
        (e.subject.encode("utf-8"), e.kind, e.on, None if e.details is None else
         e.details.encode("utf-8"))
        for e in events
    ]

    def truncate() -> None:
        with psycopg.connect(url) as conn:
            conn.execute("TRUNCATE gdpr_events")

    raw = psycopg.connect(url)  # opened outside the timing, as the store's pool is

    def raw_copy() -> None:
        with raw.transaction(), raw.cursor() as cur, cur.copy(
            "COPY gdpr_events (subject, kind, day, details) FROM STDIN (FORMAT BINARY)"
        ) as copy:
            copy.set_types(("bytea", "text", "date", "bytea"))
            for row in rows:
                copy.write_row(row)

    ours: list[float] = []
    base: list[float] = []
    print(f"bulk append of {count:,} events, {repeat} runs each (alternating)")
    for _ in range(repeat):
        truncate()
        elapsed, appended = _timed(lambda: store.ledger.append(events))
        assert appended == count
        ours.append(elapsed)
        truncate()
        base.append(_timed(raw_copy)[0])
    truncate()
    raw.close()
    return _report("  append", ours, base, 1.3)


def _hand_written(url: str) -> list[DueForErasure]:
    found = []
    with psycopg.connect(url) as conn, conn.cursor(name="hand_written") as cur:
        cur.itersize = 5000
        cur.execute(HAND_WRITTEN, {"as_of": AS_OF})
        for subject, _contact_due, billing_due in cur:
            due = [*CONTACT_CATEGORIES, "laskutustiedot"] if billing_due else CONTACT_CATEGORIES
            found.append(DueForErasure(subject=bytes(subject).decode(), categories=tuple(
                sorted(due))))
    return found


def _in_python(url: str, register: Register) -> list[DueForErasure]:
    from gdpr_register.retention import PlanStatus, SubjectHistory, compile_policy

    policy = compile_policy(register)
    found = []

    def flush(subject: bytes, history: list[tuple[str, date]]) -> None:
        plan = policy.plan(SubjectHistory(subject=subject.decode(), events=history), AS_OF)
        due = sorted(i.category for i in plan.items if i.status is PlanStatus.DUE)
        if due:
            found.append(DueForErasure(subject=subject.decode(), categories=tuple(due)))

    with psycopg.connect(url) as conn, conn.cursor(name="everything") as cur:
        cur.itersize = 20_000
        cur.execute("SELECT subject, kind, day FROM gdpr_events ORDER BY subject, day, seq")
        current: bytes | None = None
        history: list[tuple[str, date]] = []
        for subject, kind, day in cur:
            if subject != current:
                if current is not None:
                    flush(current, history)
                current, history = subject, []
            history.append((kind, day))
        if current is not None:
            flush(current, history)
    return found


def bench_sweep(store: PostgresStore, url: str, subjects: int, repeat: int) -> float:
    register = load_notice(ROOT / "examples" / "valmennuskumppani.yaml").registers[0]
    elapsed, appended = _timed(lambda: store.ledger.append(_events(subjects, seed=2)))
    print(f"retention sweep over {subjects:,} subjects ({appended:,} events, appended in "
          f"{elapsed:.1f}s), seed register, as of {AS_OF}, {repeat} runs each")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE gdpr_events")

    def ours_run() -> list[DueForErasure]:
        return list(store.ledger.due_for_erasure(register, as_of=AS_OF))

    ours: list[float] = []
    base: list[float] = []
    expected: list[DueForErasure] | None = None
    for _ in range(repeat):
        elapsed, swept = _timed(ours_run)
        ours.append(elapsed)
        elapsed, hand = _timed(lambda: _hand_written(url))
        base.append(elapsed)
        assert swept == hand, "the hand-written query disagrees with the store"
        expected = swept
    assert expected is not None
    print(f"  {len(expected):,} subjects due")
    ratio = _report("  sweep", ours, base, 1.5)

    elapsed, in_python = _timed(lambda: _in_python(url, register))
    assert in_python == expected, "the in-memory engine disagrees with the store"
    print(f"  loading every subject into Python + in-memory engine: {elapsed:.2f}s "
          f"({elapsed / min(ours):.1f}x our sweep)")

    # Memory stays flat: Python-heap peak while streaming the whole sweep (results dropped).
    tracemalloc.start()
    count = sum(1 for _ in store.ledger.due_for_erasure(register, as_of=AS_OF))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"  streaming {count:,} results: Python heap peak {peak / 1e6:.1f} MB")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="100,000 instead of 1,000,000")
    parser.add_argument("--url", default=os.environ.get("GDPR_REGISTER_TEST_POSTGRES_URL"))
    parser.add_argument("--repeat", type=int, default=5, help="runs of each side")
    args = parser.parse_args(argv)
    if not args.url:
        print("set GDPR_REGISTER_TEST_POSTGRES_URL or pass --url", file=sys.stderr)
        return 2
    size = 100_000 if args.quick else 1_000_000
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(args.url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    url = _with_search_path(args.url, schema)
    try:
        with open_store(url, pool_max_size=2) as store:
            assert isinstance(store, PostgresStore)
            print(f"PostgreSQL store {store.url}")
            append_ratio = bench_append(store, url, size, args.repeat)
            sweep_ratio = bench_sweep(store, url, size, args.repeat)
    finally:
        with psycopg.connect(args.url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
    print(f"ratios: append {append_ratio:.2f}x (goal 1.3x), sweep {sweep_ratio:.2f}x (goal 1.5x)")
    return 0


def _with_search_path(url: str, schema: str) -> str:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


if __name__ == "__main__":
    raise SystemExit(main())
