"""Connections to PostgreSQL for the PostgreSQL store: URL handling, timeouts, pooling and the
translation of driver errors into the library's own.

psycopg is imported here only; this module itself is imported lazily by
``open_postgres_store``, so nothing connects (or even imports the driver) at import time.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import psycopg
import psycopg.conninfo
import psycopg.errors
from psycopg import sql

from gdpr_register.errors import (
    ConflictError,
    NotFoundError,
    StoreError,
    StoreUnavailable,
    UsageError,
)
from gdpr_register.storage._url import redact_url, split_postgres_url
from gdpr_register.storage.base import check_seconds

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

__all__ = ["Connector", "redact_url", "split_url"]

_SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


def split_url(url: str) -> tuple[str, dict[str, str]]:
    """Split our own query parameters (``schema``, ``pool``...) off a PostgreSQL URL."""
    return split_postgres_url(url)


def check_schema_name(name: str, shown_url: str) -> str:
    if not _SCHEMA_NAME.fullmatch(name):
        raise UsageError(
            f"{shown_url}: {name!r} is not a PostgreSQL schema name this store accepts "
            "(letters, digits and '_', not starting with a digit, at most 63 characters)"
        )
    return name


def _url_seconds(text: str, shown_url: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(
            f"{shown_url}: connect_timeout must be a number of seconds, got {text!r}"
        ) from None
    # libpq reads 0 (or less) as "wait forever": this store promises never to hang.
    return check_seconds(value, f"{shown_url}: connect_timeout")


class Connector:
    """Hands out connections inside transactions, from a pool or one at a time.

    Every connection has a connect timeout, a statement timeout and a lock timeout, so a
    store that is unreachable, overloaded or locked fails with :class:`StoreUnavailable`
    instead of hanging. Driver errors leave this class translated (``raise ... from``).
    """

    def __init__(
        self,
        url: str,
        *,
        schema: str | None,
        pool: bool,
        pool_min_size: int,
        pool_max_size: int,
        connect_timeout: float,
        statement_timeout: float,
        lock_timeout: float,
        application_name: str,
    ) -> None:
        self.conninfo, _own = split_url(url)
        self.shown_url = redact_url(url)
        self.schema = schema
        self.connect_timeout = connect_timeout
        # libpq counts connect_timeout in whole seconds and treats values below 2 as 2.
        settings = [
            f"-c statement_timeout={int(statement_timeout * 1000)}",
            f"-c lock_timeout={int(lock_timeout * 1000)}",
            # A hung client must not hold locks forever; generous, because a caller consuming
            # a streamed sweep slowly is idle in its transaction between batches.
            f"-c idle_in_transaction_session_timeout={int(max(2 * statement_timeout, 600) * 1000)}",
        ]
        try:
            given = psycopg.conninfo.conninfo_to_dict(self.conninfo)
        except psycopg.ProgrammingError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise UsageError(
                f"{self.shown_url} is not a valid PostgreSQL URL ({reason})"
            ) from exc
        if given.get("connect_timeout") is not None:
            # The URL's own connect_timeout wins (as ``?schema=`` does); it also bounds the
            # wait for a pooled connection.
            connect_timeout = _url_seconds(str(given["connect_timeout"]), self.shown_url)
        # The URL's own ``options`` (e.g. ``-csearch_path=x``) come first; ours are appended.
        if given.get("options"):
            settings.insert(0, str(given["options"]))
        self._kwargs: dict[str, Any] = {
            "connect_timeout": max(2, round(connect_timeout)),
            "options": " ".join(settings),
        }
        self.connect_timeout = connect_timeout
        if "application_name" not in given:
            self._kwargs["application_name"] = application_name
        self._use_pool = pool
        self._pool_sizes = (pool_min_size, pool_max_size)
        self._pool: ConnectionPool[Any] | None = None
        self._closed = False
        self._streams: set[psycopg.Connection[Any]] = set()
        self._streams_lock = threading.Lock()

    # -- lifecycle ---------------------------------------------------------------------
    def connect(self) -> psycopg.Connection[Any]:
        """A fresh connection (not pooled), configured; the caller closes it."""
        if self._closed:
            raise StoreUnavailable(f"PostgreSQL store {self.shown_url} is closed")
        try:
            conn = psycopg.connect(self.conninfo, **self._kwargs)
        except psycopg.Error as exc:
            self.fail(exc)
        try:
            self._configure(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def start_pool(self) -> None:
        """Open the pool (when pooling), after the bootstrap connection proved the URL works."""
        if not self._use_pool or self._pool is not None:
            return
        from psycopg_pool import ConnectionPool

        min_size, max_size = self._pool_sizes
        pool: ConnectionPool[Any] = ConnectionPool(
            self.conninfo,
            kwargs=self._kwargs,
            min_size=min_size,
            max_size=max_size,
            open=False,
            configure=self._configure,
            # A connection the server dropped (restart, failover, idle kill) is replaced
            # before use instead of failing the caller's operation.
            check=ConnectionPool.check_connection,
            timeout=self.connect_timeout,
            reconnect_timeout=max(self.connect_timeout, 30.0),
            name="gdpr-register",
        )
        try:
            pool.open(wait=True, timeout=self.connect_timeout)
        except psycopg.Error as exc:
            pool.close()
            self.fail(exc)
        self._pool = pool

    def close(self) -> None:
        self._closed = True
        # A stream the caller abandoned (not consumed, not garbage-collected yet) keeps its
        # transaction open, and with it locks that block VACUUM FULL or DROP: end them.
        with self._streams_lock:
            abandoned = list(self._streams)
            self._streams.clear()
        for conn in abandoned:
            with contextlib.suppress(Exception):
                conn.close()
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        if self.schema is not None:
            conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))
            conn.commit()

    # -- use -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection inside a transaction: committed on success, rolled back on error."""
        if self._closed:
            raise StoreUnavailable(f"PostgreSQL store {self.shown_url} is closed")
        try:
            if self._pool is not None:
                with self._pool.connection() as conn:
                    yield conn
            else:
                with self.connect() as conn:
                    yield conn
        except psycopg.Error as exc:
            self.fail(exc)

    @contextlib.contextmanager
    def streaming(self) -> Iterator[psycopg.Connection[Any]]:
        """Like :meth:`transaction`, for a generator that streams rows to the caller: closing
        the store ends the stream's transaction even if the caller never finishes it."""
        with self.transaction() as conn:
            with self._streams_lock:
                self._streams.add(conn)
            try:
                yield conn
            finally:
                with self._streams_lock:
                    self._streams.discard(conn)

    def fail(self, exc: psycopg.Error) -> NoReturn:
        raise self.translate(exc) from exc

    def translate(self, exc: psycopg.Error) -> StoreError:
        where = f"PostgreSQL store {self.shown_url}"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(
            exc,
            psycopg.errors.UniqueViolation
            | psycopg.errors.SerializationFailure
            | psycopg.errors.DeadlockDetected,
        ):
            return ConflictError(f"{where}: a concurrent change conflicts with this one ({reason})")
        if isinstance(exc, psycopg.errors.NoDataFound):
            return NotFoundError(f"{where}: {reason}")
        if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
            return StoreUnavailable(f"{where} is read-only and cannot be written ({reason})")
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            return StoreUnavailable(f"{where} refuses this operation ({reason})")
        if isinstance(exc, psycopg.errors.QueryCanceled):
            return StoreUnavailable(f"{where} did not answer in time ({reason})")
        if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
            return StoreUnavailable(f"{where} is unavailable ({reason})")
        return StoreError(f"{where}: {reason}")
