"""The SQLite backend (stdlib ``sqlite3``): the embedded default.

One connection per store, in autocommit mode; every write is an explicit
``BEGIN IMMEDIATE ... COMMIT`` (the write lock is taken up front, so optimistic-concurrency
checks and the insert happen under it). WAL journal, ``synchronous=FULL``, a busy timeout,
``secure_delete`` so erased rows are overwritten, and a WAL checkpoint (TRUNCATE) after
erasure. Long results (``subjects()``, the sweep) are read in keyset pages: memory stays flat
and no lock is held between pages. Every value is a bound parameter.
"""

from __future__ import annotations

import os
import sqlite3

from gdpr_register.errors import StoreUnavailable, UsageError
from gdpr_register.storage._checks import check_seconds
from gdpr_register.storage._sqlite_db import Db, error_text, write_audit
from gdpr_register.storage._sqlite_ledger import SqliteLedger
from gdpr_register.storage._sqlite_notices import SqliteNotices
from gdpr_register.storage._sqlite_requests import SqliteAudit, SqliteRequests
from gdpr_register.storage._url import redact_url, sqlite_path
from gdpr_register.storage._values import utc_now
from gdpr_register.storage.base import Store

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SqliteStore", "open_sqlite_store"]

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

class SqliteStore(Store):
    """A store in one SQLite database file (or ``:memory:``)."""

    def __init__(self, url: str, conn: sqlite3.Connection, schema_version: int) -> None:
        self._db = Db(url, conn, PAGE_SIZE)
        self.url = url
        self._schema_version = schema_version
        self.notices = SqliteNotices(self._db)
        self.ledger = SqliteLedger(self._db)
        self.requests = SqliteRequests(self._db)
        self.audit = SqliteAudit(self._db)

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
            write_audit(conn, utc_now(), "store.migrate", "schema", f"from={found} to={target}")
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
    text = error_text(exc)
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
