"""SQLite: versioned notices."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gdpr_register.errors import ConflictError, NotFoundError
from gdpr_register.model import Notice
from gdpr_register.storage._checks import (
    MAX_VERSION,
    check_expected_version,
    check_notices,
    check_version,
)
from gdpr_register.storage._codec import (
    from_timestamp,
    notice_from_json,
    to_timestamp,
)
from gdpr_register.storage._sqlite_db import Db, write_audit
from gdpr_register.storage._values import utc_now
from gdpr_register.storage.base import NoticeRepository, NoticeVersion, StoredNotice


class SqliteNotices(NoticeRepository):
    def __init__(self, db: Db) -> None:
        self._db = db

    def save_all(
        self, notices: Iterable[Notice], *, expected_version: int | None = None
    ) -> tuple[int, ...]:
        expected = check_expected_version(expected_version)
        batch = check_notices(notices)
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
                write_audit(conn, now, "notice.save", notice.id, f"version={latest + 1}")
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
