"""PostgreSQL: the ledger of subject events, the retention sweep and erasure."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, LiteralString

from psycopg import sql

from gdpr_register.errors import UsageError
from gdpr_register.model import Register, SubjectEvent
from gdpr_register.model.values import to_date
from gdpr_register.storage._checks import check_erasure, check_event, check_subject, check_text
from gdpr_register.storage._codec import from_timestamp, to_timestamp
from gdpr_register.storage._pg_codec import dec, enc, opt_dec, opt_enc, write_audit
from gdpr_register.storage._pg_connect import Connector
from gdpr_register.storage._values import utc_now
from gdpr_register.storage.base import DueForErasure, ErasureReceipt, Ledger

# Rows fetched per round trip by the server-side cursors that stream results.
_STREAM_BATCH = 5000


class PostgresLedger(Ledger):
    def __init__(self, connector: Connector) -> None:
        self._c = connector

    def append(self, events: Iterable[SubjectEvent]) -> int:
        count = 0
        with self._c.transaction() as conn:
            with conn.cursor() as cur, cur.copy(
                "COPY gdpr_events (subject, kind, day, details) FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types(("bytea", "text", "date", "bytea"))
                write = copy.write_row
                for event in events:
                    if type(event) is not SubjectEvent and not isinstance(event, SubjectEvent):
                        raise UsageError(
                            f"append() takes SubjectEvent values, got {type(event).__name__} "
                            f"at position {count}"
                        )
                    details = event.details
                    try:
                        row = (
                            event.subject.encode("utf-8"),
                            event.kind,
                            event.on,
                            None if details is None else details.encode("utf-8"),
                        )
                    except UnicodeEncodeError:
                        check_event(event)  # raises UsageError naming the field
                        raise
                    write(row)
                    count += 1
            write_audit(conn, utc_now(), "ledger.append", "ledger", f"events={count}")
        return count

    def events(self, subject: str) -> tuple[SubjectEvent, ...]:
        key = enc(check_subject(subject))
        with self._c.transaction() as conn:
            rows = conn.execute(
                "SELECT kind, day, details FROM gdpr_events WHERE subject = %s "
                "ORDER BY day, seq",
                (key,),
            ).fetchall()
        return tuple(
            SubjectEvent(subject=subject, kind=kind, on=on, details=opt_dec(details))
            for kind, on, details in rows
        )

    def subjects(self) -> Iterator[str]:
        for (subject,) in self._stream(
            sql.SQL("SELECT DISTINCT subject FROM gdpr_events ORDER BY subject"), ()
        ):
            yield dec(subject)

    def _stream(
        self, query: sql.SQL | sql.Composed, params: Sequence[Any] | Mapping[str, Any]
    ) -> Iterator[tuple[Any, ...]]:
        # A named (server-side) cursor: rows arrive in batches, memory stays flat.
        with self._c.streaming() as conn, conn.cursor(name=f"gdpr_{uuid.uuid4().hex}") as cur:
            cur.itersize = _STREAM_BATCH
            cur.execute(query, params)
            yield from cur

    def due_for_erasure(
        self, register: Register, *, as_of: date, **policy_options: Any
    ) -> Iterator[DueForErasure]:
        from gdpr_register.storage._sweep import SqlSweep

        sweep = SqlSweep.build(
            register, as_of=to_date(as_of), dialect="postgres", table="gdpr_events",
            **policy_options,
        )
        return self._sweep(sweep)

    def _sweep(self, sweep: Any) -> Iterator[DueForErasure]:
        if not sweep.categories:
            return  # no category can ever be due: nothing to ask the database
        # One query evaluated inside PostgreSQL, streamed through a server-side cursor: the
        # keyset parameter starts below every key (b"") and LIMIT NULL means no limit.
        rows = self._stream(sql.SQL(sweep.sql), sweep.bind(b"", None))
        yield from sweep.results((dec(row[0]), *row[1:]) for row in rows)

    def erase(
        self, *, subject: str, request_id: str | None = None, reason: str
    ) -> ErasureReceipt:
        key = enc(check_erasure(subject, request_id, reason))
        receipt_id = uuid.uuid4().hex
        with self._c.transaction() as conn:
            kinds = conn.execute(
                "WITH gone AS (DELETE FROM gdpr_events WHERE subject = %s RETURNING kind) "
                "SELECT kind, count(*) FROM gone GROUP BY kind",
                (key,),
            ).fetchall()
            scrubbed = conn.execute(
                "UPDATE gdpr_requests SET subject = NULL, details = NULL WHERE subject = %s",
                (key,),
            ).rowcount
            now = utc_now()
            receipt = ErasureReceipt(
                id=receipt_id,
                request_id=request_id,
                reason=reason,
                erased_at=now,
                events_erased=sum(int(n) for _, n in kinds),
                event_kinds=tuple(sorted(k for k, _ in kinds)),
                requests_scrubbed=scrubbed,
            )
            conn.execute(
                "INSERT INTO gdpr_receipts (id, request_id, reason, erased_at, events_erased, "
                "event_kinds, requests_scrubbed) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                (
                    receipt.id,
                    opt_enc(request_id),
                    enc(reason),
                    to_timestamp(now),
                    receipt.events_erased,
                    list(receipt.event_kinds),
                    receipt.requests_scrubbed,
                ),
            )
            write_audit(
                conn,
                now,
                "ledger.erase",
                receipt.id,
                f"events={receipt.events_erased} requests={receipt.requests_scrubbed}",
            )
        return receipt

    def receipts(self, *, request_id: str | None = None) -> tuple[ErasureReceipt, ...]:
        query: LiteralString = (
            "SELECT id, request_id, reason, erased_at, events_erased, event_kinds, "
            "requests_scrubbed FROM gdpr_receipts"
        )
        with self._c.transaction() as conn:
            if request_id is None:
                rows = conn.execute(query + " ORDER BY seq").fetchall()
            else:
                rows = conn.execute(
                    query + " WHERE request_id = %s ORDER BY seq",
                    (enc(check_text(request_id, "request_id")),),
                ).fetchall()
        return tuple(
            ErasureReceipt(
                id=rid,
                request_id=opt_dec(req),
                reason=dec(reason),
                erased_at=from_timestamp(at),
                events_erased=n,
                event_kinds=tuple(kinds),
                requests_scrubbed=scrubbed,
            )
            for rid, req, reason, at, n, kinds, scrubbed in rows
        )
