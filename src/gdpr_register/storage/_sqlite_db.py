"""The SQLite connection of a store: its lock, transactions, keyset pages, error translation."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any, TypeVar

from gdpr_register.errors import ConflictError, StoreError, StoreUnavailable, UsageError
from gdpr_register.storage._codec import to_timestamp

T = TypeVar("T")


def error_text(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", None)
    return f"{exc} ({name})" if name else str(exc)


class Db:
    """The connection, its lock, and error translation."""

    def __init__(self, url: str, conn: sqlite3.Connection, page_size: int) -> None:
        self.url = url
        self.page_size = page_size
        self.conn: sqlite3.Connection | None = conn
        self.lock = threading.RLock()

    def fail(self, exc: sqlite3.Error, doing: str) -> StoreError:
        text = error_text(exc)
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
            bound = bind(last, self.page_size)

            def page(conn: sqlite3.Connection, bound: Any = bound) -> list[Any]:
                return conn.execute(sql, bound).fetchall()

            rows = self.read(doing, page)
            if not rows:
                return
            yield rows
            if len(rows) < self.page_size:
                return
            last = rows[-1][0]

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                conn, self.conn = self.conn, None
                conn.close()


def write_audit(
    conn: sqlite3.Connection, at: datetime, action: str, target: str, details: str
) -> None:
    """The audit entry of a change, in the change's transaction."""
    conn.execute(
        "INSERT INTO audit (at, action, target, details) VALUES (?, ?, ?, ?)",
        (to_timestamp(at), action, target, details),
    )
