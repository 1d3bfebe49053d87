"""PostgreSQL: data-subject requests and the audit trail."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, LiteralString

import psycopg
from psycopg import sql

from gdpr_register.errors import ConflictError, NotFoundError, UsageError
from gdpr_register.model import RightKind
from gdpr_register.storage._checks import check_outcome, check_subject, check_text, new_request
from gdpr_register.storage._codec import from_timestamp, to_timestamp
from gdpr_register.storage._pg_codec import dec, enc, opt_dec, opt_enc, write_audit
from gdpr_register.storage._pg_connect import Connector
from gdpr_register.storage._values import utc_now
from gdpr_register.storage.base import (
    AuditEntry,
    AuditLog,
    RequestLog,
    RequestStatus,
    SubjectRequest,
)

_REQUEST_COLUMNS: LiteralString = (
    "id, subject, right_kind, received, opened_at, status, decided_at, details"
)


def _request(row: tuple[Any, ...]) -> SubjectRequest:
    rid, subject, right, received, opened_at, status, decided_at, details = row
    return SubjectRequest(
        id=dec(rid),
        subject=opt_dec(subject),
        right=RightKind(right),
        received=received,
        opened_at=from_timestamp(opened_at),
        status=RequestStatus(status),
        decided_at=None if decided_at is None else from_timestamp(decided_at),
        details=opt_dec(details),
    )


class PostgresRequests(RequestLog):
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
                            enc(rid),
                            enc(subject),
                            right.value,
                            request.received,
                            to_timestamp(now),
                            RequestStatus.OPEN.value,
                            opt_enc(details),
                        ),
                    )
            except psycopg.errors.UniqueViolation as exc:
                raise ConflictError(
                    f"{self._c.shown_url}: a request with id {rid!r} already exists"
                ) from exc
            write_audit(conn, now, "request.open", rid, f"right={right.value}")
        return request

    def record_outcome(
        self, request_id: str, *, status: RequestStatus, details: str | None = None
    ) -> SubjectRequest:
        check_text(request_id, "request_id")
        status = check_outcome(status, details)
        now = utc_now()
        with self._c.transaction() as conn:
            row = conn.execute(
                "UPDATE gdpr_requests SET status = %s, decided_at = %s, "
                "details = coalesce(%s, details) "
                "WHERE sha256(id) = sha256(%s) AND id = %s AND status = 'open' "
                "RETURNING " + _REQUEST_COLUMNS,
                (status.value, to_timestamp(now), opt_enc(details), *[enc(request_id)] * 2),
            ).fetchone()
            if row is None:
                found = conn.execute(
                    "SELECT status FROM gdpr_requests WHERE sha256(id) = sha256(%s) AND id = %s",
                    (enc(request_id), enc(request_id)),
                ).fetchone()
                if found is None:
                    raise NotFoundError(f"{self._c.shown_url}: no request {request_id!r}")
                raise ConflictError(
                    f"{self._c.shown_url}: request {request_id!r} is {found[0]}, not open"
                )
            write_audit(conn, now, "request.outcome", request_id, f"status={status.value}")
        return _request(row)

    def get(self, request_id: str) -> SubjectRequest:
        check_text(request_id, "request_id")
        with self._c.transaction() as conn:
            row = conn.execute(
                "SELECT " + _REQUEST_COLUMNS + " FROM gdpr_requests "
                "WHERE sha256(id) = sha256(%s) AND id = %s",
                (enc(request_id), enc(request_id)),
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
            params.append(enc(check_subject(subject)))
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


class PostgresAudit(AuditLog):
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
                target=dec(target),
                details=dec(details),
            )
            for seq, at, action, target, details in rows
        )
