"""The PostgreSQL store's schema and its migrations.

Version numbers are shared with the SQLite backend: version N means the same contract in both.
``MIGRATIONS[n]`` upgrades a store from version ``n - 1`` to ``n`` (``MIGRATIONS[1]`` creates an
empty store); opening runs the missing steps in one transaction under an advisory lock, so two
processes opening the same empty database at once cannot both create it.

Every column that holds text chosen by the host application (subject keys, details, request
ids, reasons) is ``bytea`` holding the UTF-8 encoding: PostgreSQL ``text`` cannot hold NUL, and
``bytea`` compares byte-wise, which for UTF-8 is code-point order (the order the contract asks
for). Such columns are indexed by hash (no size limit), never by a B-tree. Identifiers
validated by the model (notice ids, event kinds, rights) stay ``text``.
Timestamps are integer microseconds since the epoch, as in every backend.
"""

from __future__ import annotations

from typing import Any, LiteralString

import psycopg

from gdpr_register.errors import StoreUnavailable

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "ensure_schema", "read_version"]

SCHEMA_VERSION = 1

# An arbitrary constant: the advisory lock that serialises schema creation and upgrades.
_MIGRATION_LOCK = 0x6764_7072_7367  # "gdprsg"

MIGRATIONS: dict[int, tuple[LiteralString, ...]] = {
    1: (
        """CREATE TABLE gdpr_meta (
            key text PRIMARY KEY,
            value text NOT NULL
        )""",
        """CREATE TABLE gdpr_notices (
            notice_id text NOT NULL,
            version integer NOT NULL CHECK (version >= 1),
            saved_at bigint NOT NULL,
            digest text NOT NULL,
            document text NOT NULL,
            PRIMARY KEY (notice_id, version)
        )""",
        """CREATE TABLE gdpr_events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            subject bytea NOT NULL,
            kind text NOT NULL,
            day date NOT NULL,
            details bytea
        )""",
        # Hash indexes, not B-trees: a B-tree entry is limited to about 2.7 kB, and a subject
        # key of 1000 characters can take 4000 bytes of UTF-8. A hash index stores only a
        # 4-byte hash, so lookups by key (events, erase) work for every key; ordered results
        # (subjects(), the sweep) are sorted by the server, in its own bounded memory.
        "CREATE INDEX gdpr_events_subject ON gdpr_events USING hash (subject)",
        """CREATE TABLE gdpr_requests (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id bytea NOT NULL,
            subject bytea,
            right_kind text NOT NULL,
            received date NOT NULL,
            opened_at bigint NOT NULL,
            status text NOT NULL,
            decided_at bigint,
            details bytea
        )""",
        # Request ids have no length limit either: uniqueness is enforced on their SHA-256
        # (32 bytes); lookups compare the digest (indexed) and then the id itself.
        "CREATE UNIQUE INDEX gdpr_requests_id ON gdpr_requests (sha256(id))",
        "CREATE INDEX gdpr_requests_subject ON gdpr_requests USING hash (subject)",
        """CREATE TABLE gdpr_receipts (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text NOT NULL UNIQUE,
            request_id bytea,
            reason bytea NOT NULL,
            erased_at bigint NOT NULL,
            events_erased integer NOT NULL,
            event_kinds text[] NOT NULL,
            requests_scrubbed integer NOT NULL
        )""",
        "CREATE INDEX gdpr_receipts_request ON gdpr_receipts USING hash (request_id)",
        # seq is assigned by the store (max + 1 under a lock), so the trail has no gaps.
        """CREATE TABLE gdpr_audit (
            seq bigint PRIMARY KEY,
            at bigint NOT NULL,
            action text NOT NULL,
            target bytea NOT NULL,
            details bytea NOT NULL
        )""",
        "CREATE INDEX gdpr_audit_at ON gdpr_audit (at)",
    ),
}


def read_version(conn: psycopg.Connection[Any]) -> int:
    """The stored schema version; 0 for a database without our tables."""
    # A scan of pg_class with this statement's snapshot, not to_regclass(): the latter goes
    # through the backend's catalog cache, which may still hold a negative entry from before
    # the migration lock was granted, and miss the tables another process just created.
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class "
        "WHERE relname = 'gdpr_meta' AND relnamespace = "
        "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()))"
    ).fetchone()
    if row is None or not row[0]:
        return 0
    found = conn.execute("SELECT value FROM gdpr_meta WHERE key = 'schema_version'").fetchone()
    return int(found[0]) if found is not None else 0


def ensure_schema(conn: psycopg.Connection[Any], shown_url: str) -> tuple[int, int]:
    """Create or upgrade the schema in the current transaction; return (found, now).

    A store written by a newer version of this library is refused, untouched.
    """
    found = read_version(conn)
    if found == SCHEMA_VERSION:
        return found, found
    if found < SCHEMA_VERSION:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        found = read_version(conn)  # another process may have upgraded while we waited
    if found > SCHEMA_VERSION:
        raise StoreUnavailable(
            f"PostgreSQL store {shown_url} has schema version {found}, newer than the "
            f"version {SCHEMA_VERSION} this gdpr-register understands: upgrade gdpr-register"
        )
    for step in range(found + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    if found < SCHEMA_VERSION:
        conn.execute(
            "INSERT INTO gdpr_meta (key, value) VALUES ('schema_version', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (str(SCHEMA_VERSION),),
        )
    return found, SCHEMA_VERSION
