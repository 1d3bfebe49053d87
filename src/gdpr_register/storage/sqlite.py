"""The SQLite backend (stdlib ``sqlite3``): the embedded default.

One connection per store, in autocommit mode; every write is an explicit
``BEGIN IMMEDIATE ... COMMIT`` (the write lock is taken up front, so optimistic-concurrency
checks and the insert happen under it). WAL journal, ``synchronous=FULL``, a busy timeout,
``secure_delete`` so erased rows are overwritten, and a WAL checkpoint (TRUNCATE) after
erasure. Long results (``subjects()``, the sweep) are read in keyset pages: memory stays flat
and no lock is held between pages. Every value is a bound parameter.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from typing import Any, TypeVar

from gdpr_register.errors import (
    ConflictError,
    NotFoundError,
    StoreError,
    StoreUnavailable,
    UsageError,
)
from gdpr_register.model import Notice, Register, RightKind, SubjectEvent
from gdpr_register.storage._codec import (
    from_timestamp,
    notice_from_json,
    notice_to_json,
    to_timestamp,
)
from gdpr_register.storage._sweep import SqlSweep
from gdpr_register.storage._url import redact_url, sqlite_path
from gdpr_register.storage.base import (
    MAX_VERSION,
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
    check_version,
    new_request,
    utc_now,
)

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SqliteStore", "open_sqlite_store"]

T = TypeVar("T")

#: The schema this code writes. Each released version N has ``MIGRATIONS[N]``: the statements
#: that take a version N-1 database to N (N=1 creates the schema from nothing).
SCHEMA_VERSION = 1

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "INSERT INTO schema_version (version) VALUES (0)",
        """CREATE TABLE notices (
            notice_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            saved_at INTEGER NOT NULL,
            digest TEXT NOT NULL,
            content TEXT NOT NULL,
            PRIMARY KEY (notice_id, version)
        ) WITHOUT ROWID""",
        # ``day`` is the proleptic ordinal (date.toordinal()): compact, compared as integers.
        """CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            kind TEXT NOT NULL,
            day INTEGER NOT NULL,
            details TEXT
        )""",
        # Covers the sweep (GROUP BY subject with FILTER on kind, aggregate on day).
        "CREATE INDEX events_by_subject ON events (subject, kind, day)",
        """CREATE TABLE requests (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            subject TEXT,
            right_kind TEXT NOT NULL,
            received INTEGER NOT NULL,
            opened_at INTEGER NOT NULL,
            status TEXT NOT NULL,
            decided_at INTEGER,
            details TEXT
        )""",
        "CREATE INDEX requests_by_subject ON requests (subject)",
        """CREATE TABLE erasure_receipts (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            request_id TEXT,
            reason TEXT NOT NULL,
            erased_at INTEGER NOT NULL,
            events_erased INTEGER NOT NULL,
            event_kinds TEXT NOT NULL,
            requests_scrubbed INTEGER NOT NULL
        )""",
        """CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            details TEXT NOT NULL
        )""",
    ),
}

PAGE_SIZE = 10_000


def _sqlite_error_text(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", None)
    return f"{exc} ({name})" if name else str(exc)


class _Db:
    """The connection, its lock, and error translation."""

    def __init__(self, url: str, conn: sqlite3.Connection) -> None:
        self.url = url
        self.conn: sqlite3.Connection | None = conn
        self.lock = threading.RLock()

    def fail(self, exc: sqlite3.Error, doing: str) -> StoreError:
        text = _sqlite_error_text(exc)
        if isinstance(exc, sqlite3.IntegrityError):
            return ConflictError(f"{self.url}: {doing}: {text}")
        lowered = text.lower()
        if "readonly" in lowered or "read-only" in lowered:
            return StoreUnavailable(f"{self.url}: {doing}: the store is read-only ({text})")
        if "locked" in lowered or "busy" in lowered:
            return StoreUnavailable(
                f"{self.url}: {doing}: the store stayed locked past the timeout ({text})"
            )
        return StoreUnavailable(f"{self.url}: {doing}: {text}")

    def connection(self) -> sqlite3.Connection:
        if self.conn is None:
            raise StoreUnavailable(f"{self.url}: the store is closed")
        return self.conn

    @contextmanager
    def write(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; the write lock is taken at BEGIN (IMMEDIATE)."""
        with self.lock:
            conn = self.connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self.fail(exc, doing) from exc
            try:
                yield conn
            except BaseException as exc:
                # The original error matters more; SQLite may have rolled back already.
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self.fail(exc, doing) from exc
                if isinstance(exc, UnicodeEncodeError):  # lone surrogates cannot be UTF-8
                    raise UsageError(f"{self.url}: {doing}: text is not valid Unicode "
                                     f"({exc.reason}); SQLite stores UTF-8 only") from exc
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise self.fail(exc, doing) from exc

    def read(self, doing: str, work: Callable[[sqlite3.Connection], T]) -> T:
        with self.lock:
            conn = self.connection()
            try:
                return work(conn)
            except sqlite3.Error as exc:
                raise self.fail(exc, doing) from exc
            except UnicodeEncodeError as exc:  # a lone surrogate in a bound parameter
                raise UsageError(f"{self.url}: {doing}: text is not valid Unicode "
                                 f"({exc.reason}); SQLite stores UTF-8 only") from exc

    def pages(
        self, doing: str, sql: str, bind: Callable[[Any, int], Any], start: Any
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Keyset pagination: ``bind(last_key, page_size)`` gives the parameters; the key is
        the first column. No lock is held between pages."""
        last = start
        while True:
            bound = bind(last, PAGE_SIZE)

            def page(conn: sqlite3.Connection, bound: Any = bound) -> list[Any]:
                return conn.execute(sql, bound).fetchall()

            rows = self.read(doing, page)
            if not rows:
                return
            yield rows
            if len(rows) < PAGE_SIZE:
                return
            last = rows[-1][0]

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                conn, self.conn = self.conn, None
                conn.close()


def _audit(conn: sqlite3.Connection, at: datetime, action: str, target: str, details: str) -> None:
    conn.execute(
        "INSERT INTO audit (at, action, target, details) VALUES (?, ?, ?, ?)",
        (to_timestamp(at), action, target, details),
    )


class _Notices(NoticeRepository):
    def __init__(self, db: _Db) -> None:
        self._db = db

    def save_all(
        self, notices: Iterable[Notice], *, expected_version: int | None = None
    ) -> tuple[int, ...]:
        expected = check_expected_version(expected_version)
        batch = []
        for notice in notices:
            if not isinstance(notice, Notice):
                raise UsageError(f"expected a Notice, got {type(notice).__name__}")
            batch.append((notice, *notice_to_json(notice)))
        if not batch:
            return ()
        versions: list[int] = []
        doing = (f"saving notice {batch[0][0].id!r}" if len(batch) == 1
                 else f"saving {len(batch)} notices")
        with self._db.write(doing) as conn:
            for notice, content, digest in batch:
                (latest,) = conn.execute(
                    "SELECT COALESCE(MAX(version), 0) FROM notices WHERE notice_id = ?",
                    (notice.id,),
                ).fetchone()
                if expected is not None and expected != latest:
                    raise ConflictError(
                        f"{self._db.url}: notice {notice.id!r}: expected version {expected}, "
                        f"the latest is {latest}"
                    )
                now = utc_now()
                conn.execute(
                    "INSERT INTO notices (notice_id, version, saved_at, digest, content) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (notice.id, latest + 1, to_timestamp(now), digest, content),
                )
                _audit(conn, now, "notice.save", notice.id, f"version={latest + 1}")
                versions.append(int(latest + 1))
        return tuple(versions)

    def get(self, notice_id: str, version: int | None = None) -> StoredNotice:
        if version is None:
            sql = ("SELECT version, saved_at, content FROM notices WHERE notice_id = ? "
                   "ORDER BY version DESC LIMIT 1")
            params: tuple[Any, ...] = (notice_id,)
        else:
            check_version(version)
            sql = ("SELECT version, saved_at, content FROM notices "
                   "WHERE notice_id = ? AND version = ?")
            params = (notice_id, version)
        if version is not None and version > MAX_VERSION:
            row = None  # beyond SQLite's 64-bit integers: no such version can exist
        else:
            row = self._db.read(f"reading notice {notice_id!r}",
                                lambda c: c.execute(sql, params).fetchone())
        if row is None:
            if version is None:
                raise NotFoundError(f"{self._db.url}: no notice {notice_id!r}")
            raise NotFoundError(f"{self._db.url}: notice {notice_id!r} has no version {version}")
        number, saved_at, content = row
        return StoredNotice(
            notice=notice_from_json(content, source=f"{self._db.url} {notice_id} v{number}"),
            version=number,
            saved_at=from_timestamp(saved_at),
        )

    def history(self, notice_id: str) -> tuple[NoticeVersion, ...]:
        rows = self._db.read(
            f"reading the history of notice {notice_id!r}",
            lambda c: c.execute(
                "SELECT version, saved_at, digest FROM notices WHERE notice_id = ? "
                "ORDER BY version", (notice_id,)
            ).fetchall(),
        )
        if not rows:
            raise NotFoundError(f"{self._db.url}: no notice {notice_id!r}")
        return tuple(
            NoticeVersion(notice_id=notice_id, version=v, saved_at=from_timestamp(at), digest=d)
            for v, at, d in rows
        )

    def ids(self) -> tuple[str, ...]:
        rows = self._db.read("listing notices", lambda c: c.execute(
            "SELECT DISTINCT notice_id FROM notices ORDER BY notice_id").fetchall())
        return tuple(r[0] for r in rows)


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


class _Ledger(Ledger):
    def __init__(self, db: _Db) -> None:
        self._db = db

    def append(self, events: Iterable[SubjectEvent]) -> int:
        counter = _Counter(_event_rows(events))
        with self._db.write("appending events") as conn:
            conn.executemany(
                "INSERT INTO events (subject, kind, day, details) VALUES (?, ?, ?, ?)",
                counter,
            )
            _audit(conn, utc_now(), "ledger.append", "ledger", f"events={counter.count}")
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
        check_subject(subject)
        if not isinstance(reason, str) or not reason.strip():
            raise UsageError("an erasure needs a reason")
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
            _audit(conn, now, "ledger.erase", receipt.id,
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


_REQUEST_COLUMNS = "id, subject, right_kind, received, opened_at, status, decided_at, details"


def _request(row: tuple[Any, ...]) -> SubjectRequest:
    rid, subject, right, received, opened_at, status, decided_at, details = row
    return SubjectRequest(
        id=rid, subject=subject, right=RightKind(right), received=date.fromordinal(received),
        opened_at=from_timestamp(opened_at), status=RequestStatus(status),
        decided_at=None if decided_at is None else from_timestamp(decided_at), details=details,
    )


class _Requests(RequestLog):
    def __init__(self, db: _Db) -> None:
        self._db = db

    def open(
        self,
        *,
        subject: str,
        right: RightKind,
        received: date,
        request_id: str | None = None,
        details: str | None = None,
    ) -> SubjectRequest:
        request = new_request(subject=subject, right=right, received=received,
                              request_id=request_id, details=details)
        rid, right = request.id, request.right
        with self._db.write("opening a request") as conn:
            try:
                conn.execute(
                    f"INSERT INTO requests ({_REQUEST_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (rid, subject, right.value, request.received.toordinal(),
                     to_timestamp(request.opened_at), request.status.value, None, details),
                )
            except sqlite3.IntegrityError as exc:
                raise ConflictError(f"{self._db.url}: request {rid!r} already exists") from exc
            _audit(conn, request.opened_at, "request.open", rid, f"right={right.value}")
        return request

    def record_outcome(
        self, request_id: str, *, status: RequestStatus, details: str | None = None
    ) -> SubjectRequest:
        status = RequestStatus(status)
        if status is RequestStatus.OPEN:
            raise UsageError("an outcome cannot be 'open'")
        with self._db.write("recording an outcome") as conn:
            row = conn.execute(f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE id = ?",
                               (request_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"{self._db.url}: no request {request_id!r}")
            current = _request(row)
            if current.status is not RequestStatus.OPEN:
                raise ConflictError(
                    f"{self._db.url}: request {request_id!r} is already {current.status.value}"
                )
            now = utc_now()
            conn.execute(
                "UPDATE requests SET status = ?, decided_at = ?, details = COALESCE(?, details) "
                "WHERE id = ?",
                (status.value, to_timestamp(now), details, request_id),
            )
            _audit(conn, now, "request.outcome", request_id, f"status={status.value}")
            row = conn.execute(f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE id = ?",
                               (request_id,)).fetchone()
        return _request(row)

    def get(self, request_id: str) -> SubjectRequest:
        row = self._db.read("reading a request", lambda c: c.execute(
            f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE id = ?", (request_id,)).fetchone())
        if row is None:
            raise NotFoundError(f"{self._db.url}: no request {request_id!r}")
        return _request(row)

    def list(
        self, *, subject: str | None = None, status: RequestStatus | None = None
    ) -> tuple[SubjectRequest, ...]:
        clauses: list[str] = []
        params: list[Any] = []
        if subject is not None:
            clauses.append("subject = ?")
            params.append(subject)
        if status is not None:
            clauses.append("status = ?")
            params.append(RequestStatus(status).value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.read("listing requests", lambda c: c.execute(
            f"SELECT {_REQUEST_COLUMNS} FROM requests{where} ORDER BY seq", params).fetchall())
        return tuple(_request(r) for r in rows)


class _Audit(AuditLog):
    def __init__(self, db: _Db) -> None:
        self._db = db

    def entries(self, since: datetime | None = None) -> tuple[AuditEntry, ...]:
        sql = "SELECT seq, at, action, target, details FROM audit"
        params: tuple[Any, ...] = ()
        if since is not None:
            sql += " WHERE at >= ?"
            params = (to_timestamp(since),)
        rows = self._db.read("reading the audit log",
                             lambda c: c.execute(sql + " ORDER BY seq", params).fetchall())
        return tuple(
            AuditEntry(seq=s, at=from_timestamp(at), action=a, target=t, details=d)
            for s, at, a, t, d in rows
        )


class SqliteStore(Store):
    """A store in one SQLite database file (or ``:memory:``)."""

    def __init__(self, url: str, conn: sqlite3.Connection, schema_version: int) -> None:
        self._db = _Db(url, conn)
        self.url = url
        self._schema_version = schema_version
        self.notices = _Notices(self._db)
        self.ledger = _Ledger(self._db)
        self.requests = _Requests(self._db)
        self.audit = _Audit(self._db)

    @property
    def schema_version(self) -> int:
        return self._schema_version

    def close(self) -> None:
        self._db.close()


def _schema_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if exists is None:
        other = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
        if other:
            raise StoreUnavailable("the database has tables but is not a gdpr-register store")
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def _refuse_newer(found: int, target: int, url: str) -> None:
    if found > target:
        raise StoreUnavailable(
            f"{url}: the store has schema version {found}, newer than this version of "
            f"gdpr-register understands ({target}): upgrade gdpr-register"
        )


def migrate(conn: sqlite3.Connection, url: str, *, target: int | None = None) -> int:
    """Bring the schema to ``target`` (default: ``SCHEMA_VERSION``) in one transaction;
    return the version found before. A failing step rolls everything back."""
    if target is None:
        target = SCHEMA_VERSION
    found = _schema_version(conn)  # a plain read first: an up-to-date store needs no lock
    if found == target:
        return found
    _refuse_newer(found, target, url)
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = _schema_version(conn)  # again under the write lock: another process may
        _refuse_newer(found, target, url)  # have migrated in the meantime
        for version in range(found + 1, target + 1):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("UPDATE schema_version SET version = ?", (version,))
        if found and found < target:
            _audit(conn, utc_now(), "store.migrate", "schema", f"from={found} to={target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found


def open_sqlite_store(
    url: str, *, timeout: float = 10.0, read_only: bool = False, create: bool = True
) -> SqliteStore:
    """Open ``sqlite:///PATH``: create or upgrade the schema, set the pragmas.

    ``timeout`` (seconds) bounds every wait for another writer's lock; ``read_only`` opens
    the file read-only (it must exist and have the current schema); ``create=False`` opens
    an existing store only (a missing file is ``StoreUnavailable`` naming the path, and
    nothing is created).
    """
    shown = redact_url(url)
    path = sqlite_path(url)
    timeout = check_seconds(timeout, "timeout", zero=True)
    memory = path == ":memory:"
    if read_only and memory:
        raise UsageError("an in-memory SQLite store cannot be read-only")
    try:
        if memory:
            conn = sqlite3.connect(":memory:", timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
        else:
            absolute = os.path.abspath(path)
            directory = os.path.dirname(absolute)
            if not os.path.isdir(directory):
                raise StoreUnavailable(
                    f"{shown}: the directory {redact_url(directory)} does not exist")
            existing = os.path.exists(absolute)
            if not existing and (read_only or not create):
                raise StoreUnavailable(
                    f"{shown}: there is no store at {redact_url(absolute)} (nothing was "
                    "created; check the path)")
            mode = "ro" if read_only else "rwc" if create else "rw"
            target = f"file:{_uri_path(absolute)}?mode={mode}"
            conn = sqlite3.connect(target, uri=True, timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreUnavailable(f"{shown}: cannot open the database: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")  # int: not user text
        conn.execute("PRAGMA secure_delete = ON")
        if not (memory or create) and _schema_version(conn) == 0:
            raise StoreUnavailable(
                f"{shown}: {redact_url(path)} is not a gdpr-register store (it has no "
                "tables; nothing was created)")
        if read_only:
            conn.execute("PRAGMA query_only = ON")
            found = _schema_version(conn)
            if found != SCHEMA_VERSION:
                raise StoreUnavailable(
                    f"{shown}: schema version {found}, this gdpr-register needs "
                    f"{SCHEMA_VERSION}; open it writable once to upgrade"
                    if found < SCHEMA_VERSION else
                    f"{shown}: schema version {found} is newer than this gdpr-register "
                    f"understands ({SCHEMA_VERSION}): upgrade gdpr-register"
                )
        else:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if not memory and str(mode).lower() != "wal":
                raise StoreUnavailable(f"{shown}: cannot switch the journal to WAL ({mode})")
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn, shown)
    except StoreUnavailable as exc:
        conn.close()
        if str(exc).startswith(shown):
            raise
        raise StoreUnavailable(f"{shown}: {exc}") from exc
    except sqlite3.Error as exc:
        conn.close()
        raise StoreUnavailable(f"{shown}: cannot open the store: {_open_failure(exc, path)}"
                               ) from exc
    return SqliteStore(shown, conn, SCHEMA_VERSION)


def _open_failure(exc: sqlite3.Error, path: str) -> str:
    """Why opening failed, in terms of what the user can change (CLI or Python alike)."""
    text = _sqlite_error_text(exc)
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_DIRECTORY":
        directory = redact_url(os.path.dirname(os.path.abspath(path)))
        return (f"the directory {directory} is not writable, and SQLite must create the "
                "store's -wal and -shm files next to it even to read it: make the directory "
                f"writable, or copy the store into one that is ({text})")
    if "readonly" in text.lower():
        return f"the store file is not writable by this user ({text})"
    return text


def _uri_path(path: str) -> str:
    """A file path quoted for an SQLite URI (``?`` and ``#`` would end the path), from its
    bytes: a non-UTF-8 name (``surrogateescape`` characters) reaches the file system as the
    bytes it was given as."""
    from urllib.parse import quote

    return quote(os.fsencode(path))
