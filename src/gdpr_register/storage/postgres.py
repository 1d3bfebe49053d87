"""The PostgreSQL store (psycopg 3 with a connection pool), for many apps and millions of subjects.

``open_store("postgresql://user@host/db")`` calls :func:`open_postgres_store`. This module and the
driver are imported only then (the ``postgres`` extra: ``pip install 'gdpr-register[postgres]'``);
nothing connects at import time. See ``docs/storage.md`` for the options and for what
PostgreSQL's WAL, replicas and backups still hold after an erasure.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, LiteralString

from gdpr_register.errors import ConflictError, NotFoundError, StoreUnavailable, UsageError
from gdpr_register.model import Notice, Register, RightKind, SubjectEvent
from gdpr_register.model.values import to_date
from gdpr_register.storage._codec import (
    from_timestamp,
    notice_from_json,
    notice_to_json,
    to_timestamp,
)
from gdpr_register.storage.base import (
    AuditEntry,
    AuditLog,
    DueForErasure,
    ErasureReceipt,
    Ledger,
    NoticeRepository,
    NoticeVersion,
    RequestLog,
    RequestStatus,
    Store,
    StoredNotice,
    SubjectRequest,
    check_event,
    check_expected_version,
    check_seconds,
    check_subject,
    check_text,
    check_version,
    new_request,
    utc_now,
)

try:
    import psycopg
    from psycopg import sql
except ImportError as _exc:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "the PostgreSQL store needs psycopg 3: pip install 'gdpr-register[postgres]'"
    ) from _exc

from gdpr_register.storage._pg_connect import Connector, check_schema_name, redact_url, split_url
from gdpr_register.storage._pg_schema import SCHEMA_VERSION, ensure_schema, read_version

__all__ = ["SCHEMA_VERSION", "PostgresStore", "open_postgres_store"]

# The advisory lock taken just before writing an audit entry: it makes ``seq`` gap-free
# (1, 2, 3, ...) even with concurrent writers, and is held only until the commit.
_AUDIT_LOCK = 0x6764_7072_6175  # "gdprau"
# The first key of the two-key advisory locks that serialise saves of one notice.
_NOTICE_LOCK_CLASS = 0x6764_7072  # "gdpr"
# How often a save without ``expected_version`` retries after losing a race for a number
# (only a writer that bypasses the lock above can make it lose).
_SAVE_ATTEMPTS = 20
# Rows fetched per round trip by the server-side cursors that stream results.
_STREAM_BATCH = 5000


def _enc(text: str) -> bytes:
    # UTF-8 byte order is code-point order. Lone surrogates are refused (check_text), as
    # SQLite refuses them: every backend stores the same strings.
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        check_text(text, "text")
        raise


def _dec(data: bytes | memoryview) -> str:
    # surrogatepass: rows written before lone surrogates were refused still read back.
    return bytes(data).decode("utf-8", "surrogatepass")


def _opt_enc(text: str | None) -> bytes | None:
    return None if text is None else _enc(text)


def _opt_dec(data: bytes | memoryview | None) -> str | None:
    return None if data is None else _dec(data)


def _text(value: object, name: str) -> str:
    return check_text(value, name)


def open_postgres_store(
    url: str,
    *,
    schema: str | None = None,
    pool: bool = True,
    pool_min_size: int = 1,
    pool_max_size: int = 10,
    connect_timeout: float = 10.0,
    statement_timeout: float = 300.0,
    lock_timeout: float = 30.0,
    create: bool = True,
) -> PostgresStore:
    """Open the PostgreSQL store at ``url``, creating or upgrading its schema.

    ``schema``: the PostgreSQL schema (namespace) holding the store's tables, created if
    missing (default: the connection's ``search_path``, usually ``public``); also accepted as
    ``?schema=NAME`` in the URL. ``pool``: keep a ``psycopg_pool`` connection pool of
    ``pool_min_size``..``pool_max_size`` connections (long-running applications); ``False``
    opens one connection per operation (short scripts). Timeouts are in seconds: connecting,
    any one statement, and waiting for a lock; hitting one raises ``StoreUnavailable`` naming
    the URL with its password redacted. ``create=False`` opens an existing store only: a
    schema without the store's tables raises ``StoreUnavailable`` instead of being set up.
    """
    shown = redact_url(url)
    _, own = split_url(url)
    if "schema" in own:
        schema = own["schema"]
    if "pool" in own:
        pool = own["pool"].lower() not in ("0", "false", "no", "off")
    if "pool_min_size" in own:
        pool_min_size = _int_option(own["pool_min_size"], "pool_min_size", shown)
    if "pool_max_size" in own:
        pool_max_size = _int_option(own["pool_max_size"], "pool_max_size", shown)
    if schema is not None:
        check_schema_name(schema, shown)
    for name, value in (
        ("connect_timeout", connect_timeout),
        ("statement_timeout", statement_timeout),
        ("lock_timeout", lock_timeout),
    ):
        check_seconds(value, name)
    if not 0 <= pool_min_size <= pool_max_size or pool_max_size < 1:
        raise UsageError(
            f"pool sizes must satisfy 0 <= pool_min_size <= pool_max_size >= 1, "
            f"got {pool_min_size} and {pool_max_size}"
        )
    connector = Connector(
        url,
        schema=schema,
        pool=pool,
        pool_min_size=pool_min_size,
        pool_max_size=pool_max_size,
        connect_timeout=float(connect_timeout),
        statement_timeout=float(statement_timeout),
        lock_timeout=float(lock_timeout),
        application_name="gdpr-register",
    )
    return PostgresStore(connector, create=create)


def _int_option(value: str, name: str, shown: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"{shown}: {name} must be an integer, got {value!r}") from None


def _audit(
    conn: psycopg.Connection[Any], at: datetime, action: str, target: str, details: str
) -> None:
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_AUDIT_LOCK,))
    conn.execute(
        "INSERT INTO gdpr_audit (seq, at, action, target, details) "
        "SELECT coalesce(max(seq), 0) + 1, %s, %s, %s, %s FROM gdpr_audit",
        (to_timestamp(at), action, _enc(target), _enc(details)),
    )


class PostgresStore(Store):
    """A store in one PostgreSQL database (optionally one schema of it)."""

    def __init__(self, connector: Connector, *, create: bool = True) -> None:
        self._connector = connector
        self.url = connector.shown_url
        self._schema_version = self._open(create)
        connector.start_pool()
        self.notices = _Notices(connector)
        self.ledger = _Ledger(connector)
        self.requests = _Requests(connector)
        self.audit = _Audit(connector)

    def _open(self, create: bool) -> int:
        connector = self._connector
        conn = connector.connect()
        try:
            with conn.transaction():
                if not create and read_version(conn) == 0:
                    raise StoreUnavailable(
                        f"PostgreSQL store {connector.shown_url}: there is no store in this "
                        "database or schema (nothing was created)"
                    )
                # Create the schema only when it is missing: CREATE SCHEMA IF NOT EXISTS
                # still fails on a read-only server or for a role without CREATE rights.
                if connector.schema is not None and conn.execute(
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace "
                    "WHERE nspname = %s)",
                    (connector.schema,),
                ).fetchone() == (True,):
                    conn.execute(
                        sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
                            sql.Identifier(connector.schema)
                        )
                    )
                found, now = ensure_schema(conn, connector.shown_url)
                if 0 < found < now:  # creating an empty store is not an upgrade
                    _audit(conn, utc_now(), "store.migrate", "schema", f"from={found} to={now}")
        except psycopg.Error as exc:
            connector.fail(exc)
        finally:
            conn.close()
        return now

    @property
    def schema_version(self) -> int:
        return self._schema_version

    def close(self) -> None:
        self._connector.close()

    def vacuum(self, *, full: bool = False) -> None:
        """Reclaim the space of erased rows now instead of waiting for autovacuum.

        After :meth:`~gdpr_register.storage.base.Ledger.erase` no query returns the subject,
        but PostgreSQL keeps the deleted row versions (and their index entries) in the table
        files until VACUUM. ``full=True`` rewrites the ledger and request tables and their
        indexes (``VACUUM FULL``: an exclusive lock while it runs), so no page of the live
        files holds an erased key. See ``docs/storage.md`` for WAL, replicas and backups.
        """
        conn = self._connector.connect()
        try:
            conn.autocommit = True
            conn.execute("SET statement_timeout TO 0")  # maintenance may take long
            if full:
                conn.execute("VACUUM (FULL, ANALYZE) gdpr_events, gdpr_requests")
            else:
                conn.execute("VACUUM (ANALYZE) gdpr_events, gdpr_requests")
        except psycopg.Error as exc:
            self._connector.fail(exc)
        finally:
            conn.close()


class _Notices(NoticeRepository):
    def __init__(self, connector: Connector) -> None:
        self._c = connector

    def save_all(
        self, notices: Iterable[Notice], *, expected_version: int | None = None
    ) -> tuple[int, ...]:
        expected = check_expected_version(expected_version)
        batch = []
        for notice in notices:
            if not isinstance(notice, Notice):
                raise UsageError(f"save() takes a Notice, got {type(notice).__name__}")
            batch.append((notice, *notice_to_json(notice)))
        if not batch:
            return ()
        for attempt in range(_SAVE_ATTEMPTS):
            try:
                return self._save(batch, expected)
            except ConflictError as exc:
                # Without an expected version there is nothing to conflict with: a concurrent
                # writer only took the number we meant to use, so take the next one.
                unique = isinstance(exc.__cause__, psycopg.errors.UniqueViolation)
                if expected is not None or not unique or attempt == _SAVE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _save(
        self, batch: Sequence[tuple[Notice, str, str]], expected: int | None
    ) -> tuple[int, ...]:
        versions: list[int] = []
        with self._c.transaction() as conn:
            # Saves of one notice take turns (a transaction-scoped advisory lock keyed by the
            # notice id), so the version check below is exact and concurrent saves without an
            # expected version queue instead of failing; other notices are not blocked. The
            # locks are taken in one order (sorted ids) so that two batches cannot deadlock.
            for notice_id in sorted({notice.id for notice, _, _ in batch}):
                conn.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                    (_NOTICE_LOCK_CLASS, notice_id),
                )
            for notice, document, digest in batch:
                row = conn.execute(
                    "SELECT coalesce(max(version), 0) FROM gdpr_notices WHERE notice_id = %s",
                    (notice.id,),
                ).fetchone()
                latest = int(row[0]) if row is not None else 0
                if expected is not None and expected != latest:
                    raise ConflictError(
                        f"{self._c.shown_url}: notice {notice.id!r} is at version {latest}, "
                        f"not the expected {expected}: reload it and apply the change again"
                    )
                version = latest + 1
                now = utc_now()
                # The primary key (id, version) is the last line of defence: of two writers
                # of the same version exactly one succeeds; the other's UniqueViolation
                # becomes ConflictError.
                conn.execute(
                    "INSERT INTO gdpr_notices (notice_id, version, saved_at, digest, document) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    (notice.id, version, to_timestamp(now), digest, document),
                )
                _audit(conn, now, "notice.save", notice.id, f"version={version}")
                versions.append(version)
        return tuple(versions)

    def get(self, notice_id: str, version: int | None = None) -> StoredNotice:
        _text(notice_id, "notice_id")
        if version is not None:
            check_version(version)
        with self._c.transaction() as conn:
            if version is None:
                row = conn.execute(
                    "SELECT version, saved_at, document FROM gdpr_notices WHERE notice_id = %s "
                    "ORDER BY version DESC LIMIT 1",
                    (notice_id,),
                ).fetchone()
            else:
                row = conn.execute(
                    "SELECT version, saved_at, document FROM gdpr_notices "
                    "WHERE notice_id = %s AND version = %s",
                    (notice_id, version),
                ).fetchone()
        if row is None:
            which = "" if version is None else f" version {version}"
            raise NotFoundError(f"{self._c.shown_url}: no notice {notice_id!r}{which}")
        notice = notice_from_json(row[2], source=f"{self._c.shown_url} {notice_id} v{row[0]}")
        return StoredNotice(notice=notice, version=row[0], saved_at=from_timestamp(row[1]))

    def history(self, notice_id: str) -> tuple[NoticeVersion, ...]:
        _text(notice_id, "notice_id")
        with self._c.transaction() as conn:
            rows = conn.execute(
                "SELECT version, saved_at, digest FROM gdpr_notices WHERE notice_id = %s "
                "ORDER BY version",
                (notice_id,),
            ).fetchall()
        if not rows:
            raise NotFoundError(f"{self._c.shown_url}: no notice {notice_id!r}")
        return tuple(
            NoticeVersion(
                notice_id=notice_id, version=v, saved_at=from_timestamp(at), digest=digest
            )
            for v, at, digest in rows
        )

    def ids(self) -> tuple[str, ...]:
        with self._c.transaction() as conn:
            rows = conn.execute(
                'SELECT DISTINCT notice_id COLLATE "C" FROM gdpr_notices ORDER BY 1'
            ).fetchall()
        return tuple(r[0] for r in rows)


class _Ledger(Ledger):
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
            _audit(conn, utc_now(), "ledger.append", "ledger", f"events={count}")
        return count

    def events(self, subject: str) -> tuple[SubjectEvent, ...]:
        key = _enc(check_subject(subject))
        with self._c.transaction() as conn:
            rows = conn.execute(
                "SELECT kind, day, details FROM gdpr_events WHERE subject = %s "
                "ORDER BY day, seq",
                (key,),
            ).fetchall()
        return tuple(
            SubjectEvent(subject=subject, kind=kind, on=on, details=_opt_dec(details))
            for kind, on, details in rows
        )

    def subjects(self) -> Iterator[str]:
        for (subject,) in self._stream(
            sql.SQL("SELECT DISTINCT subject FROM gdpr_events ORDER BY subject"), ()
        ):
            yield _dec(subject)

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
        yield from sweep.results((_dec(row[0]), *row[1:]) for row in rows)

    def erase(
        self, *, subject: str, request_id: str | None = None, reason: str
    ) -> ErasureReceipt:
        key = _enc(check_subject(subject))
        _text(reason, "reason")
        if request_id is not None:
            _text(request_id, "request_id")
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
                    _opt_enc(request_id),
                    _enc(reason),
                    to_timestamp(now),
                    receipt.events_erased,
                    list(receipt.event_kinds),
                    receipt.requests_scrubbed,
                ),
            )
            _audit(
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
                    (_enc(_text(request_id, "request_id")),),
                ).fetchall()
        return tuple(
            ErasureReceipt(
                id=rid,
                request_id=_opt_dec(req),
                reason=_dec(reason),
                erased_at=from_timestamp(at),
                events_erased=n,
                event_kinds=tuple(kinds),
                requests_scrubbed=scrubbed,
            )
            for rid, req, reason, at, n, kinds, scrubbed in rows
        )


_REQUEST_COLUMNS: LiteralString = (
    "id, subject, right_kind, received, opened_at, status, decided_at, details"
)


def _request(row: tuple[Any, ...]) -> SubjectRequest:
    rid, subject, right, received, opened_at, status, decided_at, details = row
    return SubjectRequest(
        id=_dec(rid),
        subject=_opt_dec(subject),
        right=RightKind(right),
        received=received,
        opened_at=from_timestamp(opened_at),
        status=RequestStatus(status),
        decided_at=None if decided_at is None else from_timestamp(decided_at),
        details=_opt_dec(details),
    )


class _Requests(RequestLog):
    def __init__(self, connector: Connector) -> None:
        self._c = connector

    def open(
        self,
        *,
        subject: str,
        right: RightKind,
        received: date,
        request_id: str | None = None,
        details: str | None = None,
    ) -> SubjectRequest:
        request = new_request(
            subject=subject, right=right, received=received, request_id=request_id,
            details=details,
        )
        rid, right, now = request.id, request.right, request.opened_at
        with self._c.transaction() as conn:
            try:
                with conn.transaction():
                    conn.execute(
                        "INSERT INTO gdpr_requests (id, subject, right_kind, received, "
                        "opened_at, status, details) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                        (
                            _enc(rid),
                            _enc(subject),
                            right.value,
                            request.received,
                            to_timestamp(now),
                            RequestStatus.OPEN.value,
                            _opt_enc(details),
                        ),
                    )
            except psycopg.errors.UniqueViolation as exc:
                raise ConflictError(
                    f"{self._c.shown_url}: a request with id {rid!r} already exists"
                ) from exc
            _audit(conn, now, "request.open", rid, f"right={right.value}")
        return request

    def record_outcome(
        self, request_id: str, *, status: RequestStatus, details: str | None = None
    ) -> SubjectRequest:
        _text(request_id, "request_id")
        try:
            status = RequestStatus(status)
        except ValueError:
            raise UsageError(f"{status!r} is not a request status") from None
        if status is RequestStatus.OPEN:
            raise UsageError("an outcome cannot be 'open': record how the request ended")
        if details is not None:
            _text(details, "details")
        now = utc_now()
        with self._c.transaction() as conn:
            row = conn.execute(
                "UPDATE gdpr_requests SET status = %s, decided_at = %s, "
                "details = coalesce(%s, details) "
                "WHERE sha256(id) = sha256(%s) AND id = %s AND status = 'open' "
                "RETURNING " + _REQUEST_COLUMNS,
                (status.value, to_timestamp(now), _opt_enc(details), *[_enc(request_id)] * 2),
            ).fetchone()
            if row is None:
                found = conn.execute(
                    "SELECT status FROM gdpr_requests WHERE sha256(id) = sha256(%s) AND id = %s",
                    (_enc(request_id), _enc(request_id)),
                ).fetchone()
                if found is None:
                    raise NotFoundError(f"{self._c.shown_url}: no request {request_id!r}")
                raise ConflictError(
                    f"{self._c.shown_url}: request {request_id!r} is {found[0]}, not open"
                )
            _audit(conn, now, "request.outcome", request_id, f"status={status.value}")
        return _request(row)

    def get(self, request_id: str) -> SubjectRequest:
        _text(request_id, "request_id")
        with self._c.transaction() as conn:
            row = conn.execute(
                "SELECT " + _REQUEST_COLUMNS + " FROM gdpr_requests "
                "WHERE sha256(id) = sha256(%s) AND id = %s",
                (_enc(request_id), _enc(request_id)),
            ).fetchone()
        if row is None:
            raise NotFoundError(f"{self._c.shown_url}: no request {request_id!r}")
        return _request(row)

    def list(
        self, *, subject: str | None = None, status: RequestStatus | None = None
    ) -> tuple[SubjectRequest, ...]:
        where: list[sql.Composable] = []
        params: list[Any] = []
        if subject is not None:
            where.append(sql.SQL("subject = %s"))
            params.append(_enc(check_subject(subject)))
        if status is not None:
            where.append(sql.SQL("status = %s"))
            params.append(RequestStatus(status).value)
        query: sql.Composable = sql.SQL("SELECT " + _REQUEST_COLUMNS + " FROM gdpr_requests")
        if where:
            query = query + sql.SQL(" WHERE ") + sql.SQL(" AND ").join(where)
        query = query + sql.SQL(" ORDER BY seq")
        with self._c.transaction() as conn:
            rows = conn.execute(query, params).fetchall()
        return tuple(_request(r) for r in rows)


class _Audit(AuditLog):
    def __init__(self, connector: Connector) -> None:
        self._c = connector

    def entries(self, since: datetime | None = None) -> tuple[AuditEntry, ...]:
        with self._c.transaction() as conn:
            if since is None:
                rows = conn.execute(
                    "SELECT seq, at, action, target, details FROM gdpr_audit ORDER BY seq"
                ).fetchall()
            else:
                if not isinstance(since, datetime) or since.tzinfo is None:
                    raise UsageError(f"since must be an aware datetime, got {since!r}")
                rows = conn.execute(
                    "SELECT seq, at, action, target, details FROM gdpr_audit WHERE at >= %s "
                    "ORDER BY seq",
                    (to_timestamp(since),),
                ).fetchall()
        return tuple(
            AuditEntry(
                seq=seq,
                at=from_timestamp(at),
                action=action,
                target=_dec(target),
                details=_dec(details),
            )
            for seq, at, action, target, details in rows
        )
