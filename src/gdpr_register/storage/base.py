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
import enum
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import attrs

from gdpr_register.errors import UsageError
from gdpr_register.model import Notice, Register, RightKind, SubjectEvent
from gdpr_register.model.values import to_date

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


def utc_now() -> datetime:
    """The store's clock: an aware UTC datetime (microsecond precision)."""
    return datetime.now(UTC)


def _aware_utc(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, datetime) or value.utcoffset() != timedelta(0):
        raise ValueError(f"{attribute.name} must be an aware UTC datetime, got {value!r}")


def _optional_aware_utc(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _aware_utc(instance, attribute, value)


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{attribute.name} must be a positive integer, got {value!r}")


# --------------------------------------------------------------------------- values


@attrs.frozen(kw_only=True)
class NoticeVersion:
    """One saved version of a notice (without its content): what ``history`` lists."""

    notice_id: str
    version: int = attrs.field(validator=_positive)
    saved_at: datetime = attrs.field(validator=_aware_utc)
    digest: str  # sha256 of the canonical JSON of the notice: equal digests, equal content


@attrs.frozen(kw_only=True)
class StoredNotice:
    """A notice as stored: its content plus the version bookkeeping."""

    notice: Notice
    version: int = attrs.field(validator=_positive)
    saved_at: datetime = attrs.field(validator=_aware_utc)


@attrs.frozen(kw_only=True)
class DueForErasure:
    """One sweep result: a subject with the data categories due for erasure on ``as_of``."""

    subject: str
    categories: tuple[str, ...]  # sorted, never empty


@attrs.frozen(kw_only=True)
class ErasureReceipt:
    """Proof that a subject's ledger entries were erased — without any personal data.

    It records what was erased (how many events, of which kinds, how many request records
    were scrubbed), when, why and for which request; never the subject key or event details.
    """

    id: str
    request_id: str | None
    reason: str
    erased_at: datetime = attrs.field(validator=_aware_utc)
    events_erased: int
    event_kinds: tuple[str, ...]  # sorted, distinct
    requests_scrubbed: int


class RequestStatus(enum.StrEnum):
    """Where a data-subject request stands."""

    OPEN = "open"
    COMPLETED = "completed"  # done as asked
    PARTIAL = "partial"  # e.g. erase some categories, restrict others under a statutory hold
    REFUSED = "refused"  # with the reason in ``details``
    WITHDRAWN = "withdrawn"  # the subject withdrew the request


@attrs.frozen(kw_only=True)
class SubjectRequest:
    """A data-subject request (Art 15-22) and, once decided, its outcome.

    ``subject`` and ``details`` become ``None`` when the subject is erased (the record stays,
    without personal data, for accountability).
    """

    id: str
    subject: str | None
    right: RightKind
    received: date = attrs.field(converter=to_date)
    opened_at: datetime = attrs.field(validator=_aware_utc)
    status: RequestStatus = RequestStatus.OPEN
    decided_at: datetime | None = attrs.field(default=None, validator=_optional_aware_utc)
    details: str | None = None


@attrs.frozen(kw_only=True)
class AuditEntry:
    """One thing the store did on someone's behalf.

    ``action`` is one of ``notice.save``, ``ledger.append``, ``ledger.erase``,
    ``request.open``, ``request.outcome``, ``store.migrate``; ``target`` is the notice id,
    request id, receipt id or ``ledger``; ``details`` is short text without personal data
    (versions, counts, statuses).
    """

    seq: int = attrs.field(validator=_positive)
    at: datetime = attrs.field(validator=_aware_utc)
    action: str
    target: str
    details: str = ""


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


# --------------------------------------------------------------------------- helpers for backends


#: The largest version number a store can hold (a signed 64-bit integer): any larger
#: version does not exist in any backend.
MAX_VERSION = 2**63 - 1
#: The longest wait a timeout may ask for: PostgreSQL's and SQLite's millisecond settings are
#: 32-bit integers (about 24.8 days).
MAX_TIMEOUT = (2**31 - 1) / 1000


def check_text(value: object, name: str) -> str:
    """A string every backend can store: valid Unicode, i.e. encodable as UTF-8.

    Lone surrogates (``'\\udcff'``, e.g. from ``surrogateescape`` decoding) are not characters;
    SQLite cannot store them, so no backend accepts them (``UsageError``).
    """
    if not isinstance(value, str):
        raise UsageError(f"{name} must be a string, got {type(value).__name__}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise UsageError(
                f"{name} is not valid Unicode: a lone surrogate {value[exc.start]!r} at "
                f"position {exc.start} (decode bytes as UTF-8 before storing them)"
            ) from None
    return value


def check_optional_text(value: object, name: str) -> str | None:
    return None if value is None else check_text(value, name)


def check_subject(subject: object) -> str:
    """The subject key rules every backend enforces (the same as ``SubjectEvent``'s)."""
    if not isinstance(subject, str) or not subject or len(subject) > 1000:
        raise UsageError(f"a subject key is a string of 1 to 1000 characters, got {subject!r:.60}")
    return check_text(subject, "a subject key")


def check_event(event: object) -> SubjectEvent:
    """An event a backend may append: a ``SubjectEvent`` whose strings are valid Unicode."""
    if not isinstance(event, SubjectEvent):
        raise UsageError(f"expected SubjectEvent values, got {type(event).__name__}")
    if not event.subject.isascii():
        check_subject(event.subject)
    if event.details is not None and not event.details.isascii():
        check_text(event.details, "event details")
    return event


def check_seconds(value: object, name: str, *, zero: bool = False) -> float:
    """A timeout in seconds: a finite number > 0 (``>= 0`` with ``zero``), at most
    ``MAX_TIMEOUT``."""
    if (
        isinstance(value, bool) or not isinstance(value, int | float)
        or not (value >= 0 if zero else value > 0) or not value <= MAX_TIMEOUT
    ):
        lowest = ">= 0" if zero else "> 0"
        raise UsageError(
            f"{name} must be a number of seconds {lowest} and at most {MAX_TIMEOUT:g} "
            f"(about 24 days), got {value!r}"
        )
    return float(value)


_RIGHT_VALUES = frozenset(kind.value for kind in RightKind)


def new_request(
    *,
    subject: object,
    right: object,
    received: date,
    request_id: object = None,
    details: object = None,
) -> SubjectRequest:
    """The checked, ``open`` request every backend's ``RequestLog.open`` stores.

    Checks the arguments the same way everywhere (``UsageError`` for each bad one) and stamps
    ``opened_at``; the id is a random hex string unless the caller gives one.
    """
    key = check_subject(subject)
    check_optional_text(request_id, "a request id")
    check_optional_text(details, "details")
    if not isinstance(right, str) or right not in _RIGHT_VALUES:
        raise UsageError(f"{right!r} is not a data-subject right")
    kind = RightKind(right)
    rid = uuid.uuid4().hex if request_id is None else request_id
    if not isinstance(rid, str) or not rid:
        raise UsageError(f"a request id is a non-empty string, got {rid!r:.60}")
    if details is not None and not isinstance(details, str):
        raise UsageError(f"details must be a string, got {type(details).__name__}")
    return SubjectRequest(
        id=rid, subject=key, right=kind, received=received, opened_at=utc_now(), details=details
    )


def check_version(version: object, name: str = "version") -> int:
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UsageError(f"{name} must be a positive integer, got {version!r}")
    return version


def check_expected_version(expected: object) -> int | None:
    if expected is None:
        return None
    if not isinstance(expected, int) or isinstance(expected, bool) or expected < 0:
        raise UsageError(f"expected_version must be None or an integer >= 0, got {expected!r}")
    return expected


def sorted_kinds(events: Sequence[SubjectEvent]) -> tuple[str, ...]:
    return tuple(sorted({e.kind for e in events}))
