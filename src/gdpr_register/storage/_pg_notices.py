"""PostgreSQL: versioned notices."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg

from gdpr_register.errors import ConflictError, NotFoundError
from gdpr_register.model import Notice
from gdpr_register.storage._checks import (
    check_expected_version,
    check_notices,
    check_text,
    check_version,
)
from gdpr_register.storage._codec import (
    from_timestamp,
    notice_from_json,
    to_timestamp,
)
from gdpr_register.storage._pg_codec import write_audit
from gdpr_register.storage._pg_connect import Connector
from gdpr_register.storage._values import utc_now
from gdpr_register.storage.base import NoticeRepository, NoticeVersion, StoredNotice

# The first key of the two-key advisory locks that serialise saves of one notice.
_NOTICE_LOCK_CLASS = 0x6764_7072  # "gdpr"
# How often a save without ``expected_version`` retries after losing a race for a number
# (only a writer that bypasses the lock above can make it lose).
_SAVE_ATTEMPTS = 20


class PostgresNotices(NoticeRepository):
    def __init__(self, connector: Connector) -> None:
        self._c = connector

    def save_all(
        self, notices: Iterable[Notice], *, expected_version: int | None = None
    ) -> tuple[int, ...]:
        expected = check_expected_version(expected_version)
        batch = check_notices(notices)
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
                write_audit(conn, now, "notice.save", notice.id, f"version={version}")
                versions.append(version)
        return tuple(versions)

    def get(self, notice_id: str, version: int | None = None) -> StoredNotice:
        check_text(notice_id, "notice_id")
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
        check_text(notice_id, "notice_id")
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

