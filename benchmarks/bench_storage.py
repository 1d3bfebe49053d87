"""Storage benchmarks (SQLite): our code and a hand-written baseline timed in the same run.

    python benchmarks/bench_storage.py            # 1,000,000 events / subjects
    python benchmarks/bench_storage.py --quick    # 100,000

1. Bulk append: ``store.ledger.append(events)`` vs the same rows inserted with the raw
   driver (``executemany`` in one transaction) into an identical schema. Goal: <= 1.3x.
2. The retention sweep over the seed register: ``store.ledger.due_for_erasure`` vs the
   equivalent hand-written SQL query on the same database (goal: <= 1.5x), and vs loading
   every subject into Python and planning each with the in-memory engine.
3. Memory while sweeping: peak Python allocations (tracemalloc) stay flat: results stream.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from gdpr_register.documents import load_notice
from gdpr_register.model import SubjectEvent
from gdpr_register.retention import compile_policy
from gdpr_register.storage import open_store
from gdpr_register.storage._sweep import sweep_in_python

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 25)
INSERT = "INSERT INTO events (subject, kind, day, details) VALUES (?, ?, ?, ?)"


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def make_events(subjects: int, seed: int = 1) -> list[SubjectEvent]:
    rng = random.Random(seed)
    start = date(2015, 1, 1).toordinal()
    span = AS_OF.toordinal() - start
    events = []
    for n in range(subjects):
        key = f"cust-{n:07d}"
        for _ in range(rng.randint(1, 2)):
            events.append(SubjectEvent(subject=key, kind="service_contact",
                                       on=date.fromordinal(start + rng.randrange(span))))
        if rng.random() < 0.5:
            events.append(SubjectEvent(subject=key, kind="invoice",
                                       on=date.fromordinal(start + rng.randrange(span))))
        if rng.random() < 0.02:
            events.append(SubjectEvent(subject=key, kind="erasure_request",
                                       on=date.fromordinal(start + rng.randrange(span))))
    return events


def raw_connection(path: Path) -> sqlite3.Connection:
    """The same pragmas the store uses (WAL, synchronous=FULL), no library code."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    return conn


def bench_append(events: list[SubjectEvent], workdir: Path, runs: int) -> None:
    rows = [(e.subject, e.kind, e.on.toordinal(), e.details) for e in events]
    counter = itertools.count()

    def fresh() -> Path:
        path = workdir / f"append-{next(counter)}.db"
        open_store(f"sqlite:///{path}").close()  # the same schema and indexes for both
        return path

    def ours() -> None:
        with open_store(f"sqlite:///{fresh()}") as store:
            store.ledger.append(events)

    def raw() -> None:
        conn = raw_connection(fresh())
        conn.execute("BEGIN")
        conn.executemany(INSERT, rows)
        conn.execute("COMMIT")
        conn.close()

    raw_time = best_of(runs, raw)
    our_time = best_of(runs, ours)
    print(f"bulk append of {len(events):,} events")
    print(f"  raw executemany, one transaction: {raw_time:8.2f} s")
    print(f"  store.ledger.append:              {our_time:8.2f} s"
          f"   ratio {our_time / raw_time:.2f}x (goal <= 1.3x)")


HAND_WRITTEN = """
SELECT subject,
       MAX(day) FILTER (WHERE kind IN ('contact', 'service_contact')) <= :contact
       OR MIN(day) FILTER (WHERE kind = 'erasure_request') <= :erasure AS due_any,
       COALESCE(MAX(day) FILTER (WHERE kind IN ('accounting_entry', 'invoice', 'payment',
                                                'voucher')) > :hold, 0) AS billing_held
FROM events
WHERE day <= :as_of
GROUP BY subject
HAVING MAX(day) FILTER (WHERE kind IN ('contact', 'service_contact')) <= :contact
       OR MIN(day) FILTER (WHERE kind = 'erasure_request') <= :erasure
ORDER BY subject
"""


def bench_sweep(events: list[SubjectEvent], workdir: Path, runs: int) -> None:
    notice = load_notice(ROOT / "examples" / "valmennuskumppani.yaml")
    register = notice.registers[0]
    policy = compile_policy(register, controller=notice.controller)
    clocks = {c.id: c for c in policy.clocks}
    assert set(clocks) == {"rule[0]", "gdpr:erasure_request", "statute:FI_KPL_2_10_SHORT"}, (
        "the hand-written query encodes the seed register's clocks; update it with the seed"
    )
    thresholds = {
        "as_of": AS_OF.toordinal(),
        "contact": clocks["rule[0]"].threshold(AS_OF).toordinal(),
        "erasure": clocks["gdpr:erasure_request"].threshold(AS_OF).toordinal(),
        "hold": clocks["statute:FI_KPL_2_10_SHORT"].threshold(AS_OF - timedelta(1)).toordinal(),
    }
    path = workdir / "sweep.db"
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        store.ledger.append(events)
    subjects = len({e.subject for e in events})

    def ours() -> int:
        with open_store(url) as store:
            return sum(1 for _ in store.ledger.due_for_erasure(
                register, as_of=AS_OF, controller=notice.controller))

    def hand_written() -> int:
        conn = raw_connection(path)
        count = 0
        for _row in conn.execute(HAND_WRITTEN, thresholds):
            count += 1
        conn.close()
        return count

    def in_python() -> int:
        conn = raw_connection(path)
        rows = conn.execute("SELECT subject, kind, day FROM events ORDER BY subject, day, seq")

        def grouped() -> Iterator[tuple[str, list[SubjectEvent]]]:
            for subject, group in itertools.groupby(rows, key=lambda r: r[0]):
                yield subject, [SubjectEvent(subject=subject, kind=k, on=date.fromordinal(d))
                                for _s, k, d in group]

        count = sum(1 for _ in sweep_in_python(register, grouped(), as_of=AS_OF,
                                               controller=notice.controller))
        conn.close()
        return count

    due = ours()
    assert due == hand_written() == in_python(), "the three sweeps disagree"
    hand_time = best_of(runs, hand_written)
    our_time = best_of(runs, ours)
    python_time = best_of(1, in_python)
    print(f"retention sweep over {subjects:,} subjects ({len(events):,} events, {due:,} due)")
    print(f"  hand-written SQL:                 {hand_time:8.2f} s")
    print(f"  store.ledger.due_for_erasure:     {our_time:8.2f} s"
          f"   ratio {our_time / hand_time:.2f}x (goal <= 1.5x)")
    print(f"  load every subject into Python:   {python_time:8.2f} s"
          f"   ours is {python_time / our_time:.1f}x faster")

    tracemalloc.start()
    ours()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  peak Python memory while sweeping: {peak / 2**20:.1f} MiB (results streamed)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="100,000 instead of 1,000,000")
    parser.add_argument("--runs", type=int, default=2, help="repetitions (best is kept)")
    args = parser.parse_args(argv)
    size = 100_000 if args.quick else 1_000_000
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        workdir = Path(tmp)
        append_events = [SubjectEvent(subject=f"cust-{n:07d}", kind="service_contact",
                                      on=date(2020, 1, 1) + timedelta(n % 2000),
                                      details=None if n % 3 else "called about an invoice")
                         for n in range(size)]
        bench_append(append_events, workdir, args.runs)
        del append_events
        bench_sweep(make_events(size), workdir, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
