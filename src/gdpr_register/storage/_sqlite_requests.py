"""SQLite: data-subject requests and the audit trail."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from gdpr_register.errors import ConflictError, NotFoundError
from gdpr_register.model import RightKind
from gdpr_register.storage._checks import check_outcome, new_request
from gdpr_register.storage._codec import from_timestamp, to_timestamp
from gdpr_register.storage._sqlite_db import Db, write_audit
from gdpr_register.storage._values import utc_now
from gdpr_register.storage.base import (
    AuditEntry,
    AuditLog,
    RequestLog,
    RequestStatus,
    SubjectRequest,
)

_REQUEST_COLUMNS = "id, subject, right_kind, received, opened_at, status, decided_at, details"


def _request(row: tuple[Any, ...]) -> SubjectRequest:
    rid, subject, right, received, opened_at, status, decided_at, details = row
    return SubjectRequest(
        id=rid, subject=subject, right=RightKind(right), received=date.fromordinal(received),
        opened_at=from_timestamp(opened_at), status=RequestStatus(status),
        decided_at=None if decided_at is None else from_timestamp(decided_at), details=details,
    )


class SqliteRequests(RequestLog):
    def __init__(self, db: Db) -> None:
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
            write_audit(conn, request.opened_at, "request.open", rid, f"right={right.value}")
        return request

    def record_outcome(
        self, request_id: str, *, status: RequestStatus, details: str | None = None
    ) -> SubjectRequest:
        status = check_outcome(status, details)
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
            write_audit(conn, now, "request.outcome", request_id, f"status={status.value}")
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


class SqliteAudit(AuditLog):
    def __init__(self, db: Db) -> None:
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
