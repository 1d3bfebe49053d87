"""SQLite: the ledger of subject events, the retention sweep and erasure."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import suppress
from datetime import date
from typing import Any

from gdpr_register.errors import StoreUnavailable
from gdpr_register.model import Register, SubjectEvent
from gdpr_register.storage._checks import check_erasure, check_event, check_subject
from gdpr_register.storage._codec import from_timestamp, to_timestamp
from gdpr_register.storage._sqlite_db import Db, write_audit
from gdpr_register.storage._sweep import SqlSweep
from gdpr_register.storage._values import utc_now
from gdpr_register.storage.base import DueForErasure, ErasureReceipt, Ledger


def _event_rows(events: Iterable[SubjectEvent]) -> Iterator[tuple[str, str, int, str | None]]:
    for event in events:
        if type(event) is not SubjectEvent and not isinstance(event, SubjectEvent):
            check_event(event)  # raises UsageError
        # A lone surrogate fails in sqlite3's UTF-8 encoding: write() makes it a UsageError.
        yield event.subject, event.kind, event.on.toordinal(), event.details


class _Counter:
    """Counts rows as ``executemany`` pulls them (the batch is never copied into a list)."""

    def __init__(self, rows: Iterator[tuple[str, str, int, str | None]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[tuple[str, str, int, str | None]]:
        for row in self.rows:
            self.count += 1
            yield row


class SqliteLedger(Ledger):
    def __init__(self, db: Db) -> None:
        self._db = db

    def append(self, events: Iterable[SubjectEvent]) -> int:
        counter = _Counter(_event_rows(events))
        with self._db.write("appending events") as conn:
            conn.executemany(
                "INSERT INTO events (subject, kind, day, details) VALUES (?, ?, ?, ?)",
                counter,
            )
            write_audit(conn, utc_now(), "ledger.append", "ledger", f"events={counter.count}")
        return counter.count

    def events(self, subject: str) -> tuple[SubjectEvent, ...]:
        check_subject(subject)
        rows = self._db.read("reading events", lambda c: c.execute(
            "SELECT kind, day, details FROM events WHERE subject = ? ORDER BY day, seq",
            (subject,)).fetchall())
        fromordinal = date.fromordinal
        return tuple(
            SubjectEvent(subject=subject, kind=k, on=fromordinal(d), details=x)
            for k, d, x in rows
        )

    def subjects(self) -> Iterator[str]:
        self._db.connection()  # a closed store fails now, not at the first next()
        return self._subjects()

    def _subjects(self) -> Iterator[str]:
        # The first page starts after '' (no subject is empty).
        for rows in self._db.pages(
            "listing subjects",
            "SELECT DISTINCT subject FROM events WHERE subject > ? ORDER BY subject LIMIT ?",
            lambda after, limit: (after, limit), "",
        ):
            for (subject,) in rows:
                yield subject

    def due_for_erasure(
        self, register: Register, *, as_of: date, **policy_options: Any
    ) -> Iterator[DueForErasure]:
        self._db.connection()
        sweep = SqlSweep.build(register, as_of=as_of, dialect="sqlite", **policy_options)
        return self._sweep(sweep)

    def _sweep(self, sweep: SqlSweep) -> Iterator[DueForErasure]:
        if not sweep.categories:
            return
        for rows in self._db.pages("sweeping for erasure", sweep.sql, sweep.bind, ""):
            yield from sweep.results(rows)

    def erase(
        self, *, subject: str, request_id: str | None = None, reason: str
    ) -> ErasureReceipt:
        check_erasure(subject, request_id, reason)
        with self._db.write("erasing a subject") as conn:
            kinds = [k for (k,) in conn.execute(
                "SELECT DISTINCT kind FROM events WHERE subject = ? ORDER BY kind", (subject,))]
            erased = conn.execute("DELETE FROM events WHERE subject = ?", (subject,)).rowcount
            scrubbed = conn.execute(
                "UPDATE requests SET subject = NULL, details = NULL WHERE subject = ?",
                (subject,),
            ).rowcount
            now = utc_now()
            receipt = ErasureReceipt(
                id=uuid.uuid4().hex, request_id=request_id, reason=reason, erased_at=now,
                events_erased=erased, event_kinds=tuple(kinds), requests_scrubbed=scrubbed,
            )
            conn.execute(
                "INSERT INTO erasure_receipts (id, request_id, reason, erased_at, "
                "events_erased, event_kinds, requests_scrubbed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (receipt.id, request_id, reason, to_timestamp(now), erased,
                 json.dumps(list(kinds)), scrubbed),
            )
            write_audit(conn, now, "ledger.erase", receipt.id,
                   f"events={erased} requests={scrubbed}")
        self._checkpoint()
        return receipt

    def _checkpoint(self) -> None:
        """Move the WAL into the database file (where secure_delete zeroed the erased cells)
        and truncate it, so the erased bytes are nowhere in the store's files. Best effort:
        with readers still open it completes at a later checkpoint."""
        def work(conn: sqlite3.Connection) -> None:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

        with suppress(StoreUnavailable):  # committed already; a busy reader only postpones
            self._db.read("checkpointing", work)

    def receipts(self, *, request_id: str | None = None) -> tuple[ErasureReceipt, ...]:
        sql = ("SELECT id, request_id, reason, erased_at, events_erased, event_kinds, "
               "requests_scrubbed FROM erasure_receipts")
        params: tuple[Any, ...] = ()
        if request_id is not None:
            sql += " WHERE request_id = ?"
            params = (request_id,)
        rows = self._db.read("reading receipts",
                             lambda c: c.execute(sql + " ORDER BY seq", params).fetchall())
        return tuple(
            ErasureReceipt(id=i, request_id=r, reason=why, erased_at=from_timestamp(at),
                           events_erased=n, event_kinds=tuple(json.loads(k)),
                           requests_scrubbed=s)
            for i, r, why, at, n, k, s in rows
        )
