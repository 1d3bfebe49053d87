"""Concurrent writers on one SQLite store: 1, 2, 4, 8 processes appending events at once.

Each writer is its own process (as separate application instances would be) and appends
``--batches`` batches of ``--batch`` events through ``store.ledger.append``; the baseline
writers insert the same rows with the raw driver, one ``BEGIN IMMEDIATE ... COMMIT`` per
batch, with the store's pragmas (WAL, ``synchronous=FULL``, a busy timeout). SQLite admits
one writer at a time, so total throughput stays flat (or falls) as writers are added: this
is the figure that says when to move to PostgreSQL. Sides alternate per writer count.

The machine is shared (2 cores for many processes): absolute figures are noisy; compare
the two sides of one row, and the rows with each other.

    python benchmarks/bench_writers.py            # 1, 2, 4, 8 writers x 20 batches x 500
    python benchmarks/bench_writers.py --quick    # 1, 2, 4 writers x 10 batches x 200
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _timing import Timings, fmt, ratio_line

from gdpr_register.model import SubjectEvent
from gdpr_register.storage import open_store

INSERT = "INSERT INTO events (subject, kind, day, details) VALUES (?, ?, ?, ?)"
START = date(2020, 1, 1)


def _batch(writer: int, number: int, size: int) -> list[SubjectEvent]:
    return [
        SubjectEvent(subject=f"w{writer}-s{number}-{i}", kind="service_contact",
                     on=START + timedelta(days=(writer * 7 + number * 3 + i) % 2000))
        for i in range(size)
    ]


Go = Any  # multiprocessing Event and Queue proxies (untyped in the stubs)


def ours_writer(path: str, writer: int, batches: int, size: int, go: Go, out: Go) -> None:
    with open_store(f"sqlite:///{path}", timeout=120) as store:
        go.wait()  # every writer has started and opened its store
        start = time.time()
        for number in range(batches):
            store.ledger.append(_batch(writer, number, size))
        out.put((start, time.time()))


def raw_writer(path: str, writer: int, batches: int, size: int, go: Go, out: Go) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=120)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 120000")
    go.wait()
    start = time.time()
    for number in range(batches):
        rows = [(e.subject, e.kind, e.on.toordinal(), e.details)
                for e in _batch(writer, number, size)]
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(INSERT, rows)
        conn.execute("COMMIT")
    out.put((start, time.time()))
    conn.close()


def run(side: str, workdir: Path, writers: int, batches: int, size: int, tag: str) -> float:
    path = workdir / f"{side}-{writers}-{tag}.db"
    open_store(f"sqlite:///{path}").close()  # the same schema for both sides
    target = ours_writer if side == "ours" else raw_writer
    context = multiprocessing.get_context("spawn")
    go, out = context.Event(), context.Queue()
    processes = [context.Process(target=target, args=(str(path), w, batches, size, go, out))
                 for w in range(writers)]
    for process in processes:
        process.start()
    time.sleep(0.5 + 0.25 * writers)  # let every writer import and open the store
    go.set()
    spans: list[tuple[float, float]] = [out.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"a {side} writer failed (exit {process.exitcode})")
    elapsed = max(end for _, end in spans) - min(start for start, _ in spans)
    with open_store(f"sqlite:///{path}", read_only=True) as store:
        count = sum(1 for _ in store.ledger.subjects())
    if count != writers * batches * size:
        raise SystemExit(f"{side}: {count} subjects stored, expected {writers * batches * size}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--writers", type=int, nargs="*", default=None)
    parser.add_argument("--batches", type=int, default=None)
    parser.add_argument("--batch", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    writers = args.writers or ([1, 2, 4] if args.quick else [1, 2, 4, 8])
    batches = args.batches or (10 if args.quick else 20)
    size = args.batch or (200 if args.quick else 500)
    lines: list[str] = []
    last = ""
    with tempfile.TemporaryDirectory() as tmp:
        for count in writers:
            sides = {"ours": Timings("ours"), "raw": Timings("raw")}
            for round_ in range(args.repeat):
                for side in ("ours", "raw") if round_ % 2 == 0 else ("raw", "ours"):
                    sides[side].runs.append(
                        run(side, Path(tmp), count, batches, size, str(round_)))
            events = count * batches * size
            lines.append(f"{count} writer(s), {events:,} events in {count * batches} "
                         f"transactions: ours {events / sides['ours'].median:,.0f} events/s, "
                         f"raw {events / sides['raw'].median:,.0f} events/s")
            lines.append(fmt(sides["ours"], "  store.ledger.append"))
            lines.append(fmt(sides["raw"], "  raw sqlite3 executemany"))
            last = ratio_line(sides["ours"], sides["raw"], f"{count} writers ours/raw", "none")
            lines.append(last)
    print(f"{args.repeat} alternating rounds per writer count; timed from a common start "
          "signal (process start-up excluded) to the last commit")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
