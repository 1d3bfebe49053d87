"""The in-memory backend: the reference implementation of the contract (and a test fake).

Plain Python structures behind one lock; every write builds its result first and then
applies it, so a failed call changes nothing.
"""

from __future__ import annotations

import bisect
import threading
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from gdpr_register.errors import ConflictError, NotFoundError, StoreUnavailable
from gdpr_register.model import Notice, Register, RightKind, SubjectEvent
from gdpr_register.storage._checks import check_erasure, check_notices, check_outcome
from gdpr_register.storage.base import (
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
    check_optional_text,
    check_subject,
    check_text,
    check_version,
    new_request,
    utc_now,
)

__all__ = ["SCHEMA_VERSION", "MemoryStore"]

SCHEMA_VERSION = 1


class _State:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.closed = False
        self.notices: dict[str, list[StoredNotice]] = {}
        self.digests: dict[tuple[str, int], str] = {}
        self.events: dict[str, list[tuple[date, int, SubjectEvent]]] = {}
        self.seq = 0
        self.receipts: list[ErasureReceipt] = []
        self.requests: dict[str, SubjectRequest] = {}
        self.audit: list[AuditEntry] = []

    def check_open(self) -> None:
        if self.closed:
            raise StoreUnavailable("memory: the store is closed")

    def log(self, action: str, target: str, details: str, at: datetime) -> None:
        self.audit.append(
            AuditEntry(seq=len(self.audit) + 1, at=at, action=action, target=target,
                       details=details)
        )


class _Notices(NoticeRepository):
    def __init__(self, state: _State) -> None:
        self._s = state

    def save_all(
        self, notices: Iterable[Notice], *, expected_version: int | None = None
    ) -> tuple[int, ...]:
        expected = check_expected_version(expected_version)
        batch = [(notice, digest) for notice, _content, digest in check_notices(notices)]
        with self._s.lock:
            self._s.check_open()
            # Check every notice first (counting the batch's own earlier saves), then apply.
            latest: dict[str, int] = {}
            versions = []
            for notice, _digest in batch:
                current = latest.get(notice.id, len(self._s.notices.get(notice.id, ())))
                if expected is not None and expected != current:
                    raise ConflictError(
                        f"notice {notice.id!r}: expected version {expected}, "
                        f"the latest is {current}"
                    )
                latest[notice.id] = current + 1
                versions.append(current + 1)
            for (notice, digest), version in zip(batch, versions, strict=True):
                now = utc_now()
                self._s.notices.setdefault(notice.id, []).append(
                    StoredNotice(notice=notice, version=version, saved_at=now)
                )
                self._s.digests[notice.id, version] = digest
                self._s.log("notice.save", notice.id, f"version={version}", now)
            return tuple(versions)

    def _versions(self, notice_id: str) -> list[StoredNotice]:
        check_text(notice_id, "notice_id")
        self._s.check_open()
        versions = self._s.notices.get(notice_id)
        if not versions:
            raise NotFoundError(f"no notice {notice_id!r} in the store")
        return versions

    def get(self, notice_id: str, version: int | None = None) -> StoredNotice:
        with self._s.lock:
            versions = self._versions(notice_id)
            if version is None:
                return versions[-1]
            check_version(version)
            if version > len(versions):
                raise NotFoundError(f"notice {notice_id!r} has no version {version}")
            return versions[version - 1]

    def history(self, notice_id: str) -> tuple[NoticeVersion, ...]:
        with self._s.lock:
            return tuple(
                NoticeVersion(notice_id=notice_id, version=s.version, saved_at=s.saved_at,
                              digest=self._s.digests[notice_id, s.version])
                for s in self._versions(notice_id)
            )

    def ids(self) -> tuple[str, ...]:
        with self._s.lock:
            self._s.check_open()
            return tuple(sorted(self._s.notices))


class _Ledger(Ledger):
    def __init__(self, state: _State) -> None:
        self._s = state

    def append(self, events: Iterable[SubjectEvent]) -> int:
        batch = [check_event(event) for event in events]
        with self._s.lock:
            self._s.check_open()
            seq = self._s.seq
            for event in batch:
                seq += 1
                bisect.insort(self._s.events.setdefault(event.subject, []),
                              (event.on, seq, event))
            self._s.seq = seq
            self._s.log("ledger.append", "ledger", f"events={len(batch)}", utc_now())
        return len(batch)

    def events(self, subject: str) -> tuple[SubjectEvent, ...]:
        check_subject(subject)
        with self._s.lock:
            self._s.check_open()
            return tuple(e for _on, _seq, e in self._s.events.get(subject, ()))

    def subjects(self) -> Iterator[str]:
        with self._s.lock:
            self._s.check_open()
            keys = sorted(self._s.events)
        return iter(keys)

    def due_for_erasure(
        self, register: Register, *, as_of: date, **policy_options: Any
    ) -> Iterator[DueForErasure]:
        from gdpr_register.storage._sweep import sweep_in_python

        with self._s.lock:
            self._s.check_open()
            keys = sorted(self._s.events)
        return sweep_in_python(
            register, ((k, self.events(k)) for k in keys), as_of=as_of, **policy_options
        )

    def erase(
        self, *, subject: str, request_id: str | None = None, reason: str
    ) -> ErasureReceipt:
        check_erasure(subject, request_id, reason)
        with self._s.lock:
            self._s.check_open()
            gone = [e for _on, _seq, e in self._s.events.get(subject, ())]
            scrubbed = [r for r in self._s.requests.values() if r.subject == subject]
            now = utc_now()
            receipt = ErasureReceipt(
                id=uuid.uuid4().hex, request_id=request_id, reason=reason, erased_at=now,
                events_erased=len(gone), event_kinds=tuple(sorted({e.kind for e in gone})),
                requests_scrubbed=len(scrubbed),
            )
            self._s.events.pop(subject, None)
            for request in scrubbed:
                self._s.requests[request.id] = _evolve_request(request, subject=None,
                                                                details=None)
            self._s.receipts.append(receipt)
            self._s.log("ledger.erase", receipt.id,
                        f"events={len(gone)} requests={len(scrubbed)}", now)
            return receipt

    def receipts(self, *, request_id: str | None = None) -> tuple[ErasureReceipt, ...]:
        check_optional_text(request_id, "request_id")
        with self._s.lock:
            self._s.check_open()
            return tuple(r for r in self._s.receipts
                         if request_id is None or r.request_id == request_id)


def _evolve_request(request: SubjectRequest, **changes: Any) -> SubjectRequest:
    import attrs

    return attrs.evolve(request, **changes)


class _Requests(RequestLog):
    def __init__(self, state: _State) -> None:
        self._s = state

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
        with self._s.lock:
            self._s.check_open()
            if request.id in self._s.requests:
                raise ConflictError(f"request {request.id!r} already exists")
            self._s.requests[request.id] = request
            self._s.log("request.open", request.id, f"right={request.right.value}",
                        request.opened_at)
            return request

    def record_outcome(
        self, request_id: str, *, status: RequestStatus, details: str | None = None
    ) -> SubjectRequest:
        status = check_outcome(status, details)
        with self._s.lock:
            request = self.get(request_id)
            if request.status is not RequestStatus.OPEN:
                raise ConflictError(
                    f"request {request_id!r} is already {request.status.value}"
                )
            now = utc_now()
            done = _evolve_request(
                request, status=status, decided_at=now,
                details=request.details if details is None else details,
            )
            self._s.requests[request_id] = done
            self._s.log("request.outcome", request_id, f"status={status.value}", now)
            return done

    def get(self, request_id: str) -> SubjectRequest:
        check_text(request_id, "request_id")
        with self._s.lock:
            self._s.check_open()
            try:
                return self._s.requests[request_id]
            except KeyError:
                raise NotFoundError(f"no request {request_id!r} in the store") from None

    def list(
        self, *, subject: str | None = None, status: RequestStatus | None = None
    ) -> tuple[SubjectRequest, ...]:
        if subject is not None:
            check_subject(subject)
        with self._s.lock:
            self._s.check_open()
            return tuple(
                r for r in self._s.requests.values()
                if (subject is None or r.subject == subject)
                and (status is None or r.status is RequestStatus(status))
            )


class _Audit(AuditLog):
    def __init__(self, state: _State) -> None:
        self._s = state

    def entries(self, since: datetime | None = None) -> tuple[AuditEntry, ...]:
        with self._s.lock:
            self._s.check_open()
            return tuple(e for e in self._s.audit if since is None or e.at >= since)


class MemoryStore(Store):
    """A store that lives as long as the object: for tests and short scripts."""

    def __init__(self, *, create: bool = True) -> None:
        # ``create`` is accepted as every backend accepts it; a new memory store is empty
        # either way.
        del create
        self._state = _State()
        self.url = "memory:"
        self.notices = _Notices(self._state)
        self.ledger = _Ledger(self._state)
        self.requests = _Requests(self._state)
        self.audit = _Audit(self._state)

    @property
    def schema_version(self) -> int:
        return SCHEMA_VERSION

    def close(self) -> None:
        self._state.closed = True
