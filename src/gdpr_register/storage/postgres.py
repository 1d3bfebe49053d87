"""The PostgreSQL store (psycopg 3 with a connection pool), for many apps and millions of subjects.

``open_store("postgresql://user@host/db")`` calls :func:`open_postgres_store`. This module and the
driver are imported only then (the ``postgres`` extra: ``pip install 'gdpr-register[postgres]'``);
nothing connects at import time. See ``docs/storage.md`` for the options and for what
PostgreSQL's WAL, replicas and backups still hold after an erasure.
"""

from __future__ import annotations

from gdpr_register.errors import StoreUnavailable, UsageError
from gdpr_register.storage._checks import check_seconds
from gdpr_register.storage._values import utc_now
from gdpr_register.storage.base import Store

try:
    import psycopg
    from psycopg import sql
except ImportError as _exc:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "the PostgreSQL store needs psycopg 3: pip install 'gdpr-register[postgres]'"
    ) from _exc

from gdpr_register.storage._pg_codec import write_audit
from gdpr_register.storage._pg_connect import Connector, check_schema_name, redact_url, split_url
from gdpr_register.storage._pg_ledger import PostgresLedger
from gdpr_register.storage._pg_notices import PostgresNotices
from gdpr_register.storage._pg_requests import PostgresAudit, PostgresRequests
from gdpr_register.storage._pg_schema import SCHEMA_VERSION, ensure_schema, read_version

__all__ = ["SCHEMA_VERSION", "PostgresStore", "open_postgres_store"]


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



class PostgresStore(Store):
    """A store in one PostgreSQL database (optionally one schema of it)."""

    def __init__(self, connector: Connector, *, create: bool = True) -> None:
        self._connector = connector
        self.url = connector.shown_url
        self._schema_version = self._open(create)
        connector.start_pool()
        self.notices = PostgresNotices(connector)
        self.ledger = PostgresLedger(connector)
        self.requests = PostgresRequests(connector)
        self.audit = PostgresAudit(connector)

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
                    write_audit(
                        conn, utc_now(), "store.migrate", "schema", f"from={found} to={now}"
                    )
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

