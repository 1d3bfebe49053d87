"""The storage contract: one interface, implemented once per backend.

A backend provides a :class:`Store` with four parts — :class:`NoticeRepository` (versioned
notices), :class:`Ledger` (subject events, the retention sweep and physical erasure),
:class:`RequestLog` (data-subject requests and their outcomes) and :class:`AuditLog` (what was
done, when: Art 5(2) accountability). ``docs/storage.md`` states the contract precisely;
``gdpr_register.testing.contract`` is the executable version every backend must pass.

The abstract classes do the bookkeeping that is the same everywhere (argument checks, the
structural diff); backends implement the abstract methods.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from gdpr_register.model import Notice, Register, RightKind, SubjectEvent

# The values and the backends' shared checks live in private modules; both are re-exported
# here (``X as X``), where backend authors import them from (docs/storage.md).
from gdpr_register.storage._checks import MAX_TIMEOUT as MAX_TIMEOUT
from gdpr_register.storage._checks import MAX_VERSION as MAX_VERSION
from gdpr_register.storage._checks import check_event as check_event
from gdpr_register.storage._checks import check_expected_version as check_expected_version
from gdpr_register.storage._checks import check_optional_text as check_optional_text
from gdpr_register.storage._checks import check_seconds as check_seconds
from gdpr_register.storage._checks import check_subject as check_subject
from gdpr_register.storage._checks import check_text as check_text
from gdpr_register.storage._checks import check_version as check_version
from gdpr_register.storage._checks import new_request as new_request
from gdpr_register.storage._checks import sorted_kinds as sorted_kinds
from gdpr_register.storage._values import (
    AuditEntry,
    DueForErasure,
    ErasureReceipt,
    NoticeVersion,
    RequestStatus,
    StoredNotice,
    SubjectRequest,
    utc_now,
)

if TYPE_CHECKING:
    from gdpr_register.storage._diff import Change

__all__ = [
    "AuditEntry",
    "AuditLog",
    "DueForErasure",
    "ErasureReceipt",
    "Ledger",
    "NoticeRepository",
    "NoticeVersion",
    "RequestLog",
    "RequestStatus",
    "Store",
    "StoredNotice",
    "SubjectRequest",
    "utc_now",
]

# --------------------------------------------------------------------------- parts


class NoticeRepository(abc.ABC):
    """Versioned notices: every save is a new, immutable version numbered 1, 2, 3, ..."""

    def save(self, notice: Notice, expected_version: int | None = None) -> int:
        """Store ``notice`` as the next version of ``notice.id`` and return that number.

        ``expected_version`` is the version the caller's change is based on (``0``: the
        notice must not exist yet); if it is not the latest version, nothing is saved and
        :class:`~gdpr_register.errors.ConflictError` is raised. ``None`` skips the check.
        """
        return self.save_all([notice], expected_version=expected_version)[0]

    @abc.abstractmethod
    def save_all(
        self, notices: Iterable[Notice], *, expected_version: int | None = None
    ) -> tuple[int, ...]:
        """Save several notices in one transaction: all of them or none; return the versions.

        Each is saved as :meth:`save` would, in order, with ``expected_version`` checked
        against each notice's latest version at that point (a second notice with the same id
        as an earlier one therefore conflicts unless ``expected_version`` is ``None``).
        """

    @abc.abstractmethod
    def get(self, notice_id: str, version: int | None = None) -> StoredNotice:
        """The latest version, or the given one; ``NotFoundError`` when there is none."""

    @abc.abstractmethod
    def history(self, notice_id: str) -> tuple[NoticeVersion, ...]:
        """Every version, oldest first; ``NotFoundError`` for an unknown notice."""

    @abc.abstractmethod
    def ids(self) -> tuple[str, ...]:
        """The ids of all stored notices, sorted."""

    def diff(self, notice_id: str, v1: int, v2: int) -> tuple[Change, ...]:
        """Structural changes from version ``v1`` to ``v2``, in document order.

        Each change renders as ``registers[0].transfers[0].mechanism: privacy-shield ->
        scc-2021``.
        """
        from gdpr_register.storage._diff import diff_notices

        return diff_notices(self.get(notice_id, v1).notice, self.get(notice_id, v2).notice)


class Ledger(abc.ABC):
    """Subject events (pseudonymous keys chosen by the host application), the retention sweep
    and physical erasure."""

    @abc.abstractmethod
    def append(self, events: Iterable[SubjectEvent]) -> int:
        """Store all ``events`` in one transaction (all or nothing); return how many."""

    @abc.abstractmethod
    def events(self, subject: str) -> tuple[SubjectEvent, ...]:
        """The subject's events ordered by date, then by the order they were appended;
        empty for an unknown subject."""

    @abc.abstractmethod
    def subjects(self) -> Iterator[str]:
        """Every subject with at least one event, sorted by code point, streamed."""

    @abc.abstractmethod
    def due_for_erasure(
        self, register: Register, *, as_of: date, **policy_options: Any
    ) -> Iterator[DueForErasure]:
        """The retention sweep: subjects with categories due for erasure on ``as_of``.

        Exactly what the in-memory retention engine answers for each subject's events
        (``policy_options`` go to ``gdpr_register.retention.compile_policy``); sorted by
        subject; streamed (a backend never loads the whole ledger).
        """

    @abc.abstractmethod
    def erase(
        self, *, subject: str, request_id: str | None = None, reason: str
    ) -> ErasureReceipt:
        """Physically remove the subject's events and scrub the subject from request records,
        in one transaction; return (and keep) a receipt without personal data."""

    @abc.abstractmethod
    def receipts(self, *, request_id: str | None = None) -> tuple[ErasureReceipt, ...]:
        """Erasure receipts, oldest first, optionally only those for one request."""


class RequestLog(abc.ABC):
    """Data-subject requests and their outcomes."""

    @abc.abstractmethod
    def open(
        self,
        *,
        subject: str,
        right: RightKind,
        received: date,
        request_id: str | None = None,
        details: str | None = None,
    ) -> SubjectRequest:
        """Record a new request (status ``open``); the id is generated unless given.
        A duplicate ``request_id`` raises ``ConflictError``."""

    @abc.abstractmethod
    def record_outcome(
        self, request_id: str, *, status: RequestStatus, details: str | None = None
    ) -> SubjectRequest:
        """Close an open request with its outcome. ``NotFoundError`` for an unknown id,
        ``ConflictError`` when it is not open any more, ``UsageError`` for status ``open``."""

    @abc.abstractmethod
    def get(self, request_id: str) -> SubjectRequest:
        """One request; ``NotFoundError`` when unknown."""

    @abc.abstractmethod
    def list(
        self, *, subject: str | None = None, status: RequestStatus | None = None
    ) -> tuple[SubjectRequest, ...]:
        """Requests in the order they were opened, optionally filtered."""


class AuditLog(abc.ABC):
    """The append-only audit trail; the store writes it, users read it."""

    @abc.abstractmethod
    def entries(self, since: datetime | None = None) -> tuple[AuditEntry, ...]:
        """Entries with ``at >= since`` (all when ``None``), in ``seq`` order."""


class Store(abc.ABC):
    """A store: the four parts over one database. Use it as a context manager."""

    url: str  # with any password redacted: safe to show
    notices: NoticeRepository
    ledger: Ledger
    requests: RequestLog
    audit: AuditLog

    @abc.abstractmethod
    def close(self) -> None:
        """Release connections; idempotent. Using a closed store raises ``StoreUnavailable``."""

    @property
    @abc.abstractmethod
    def schema_version(self) -> int:
        """The schema version of the open store (``SCHEMA_VERSION`` after opening)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"

