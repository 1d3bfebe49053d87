"""The values every store returns: frozen attrs classes, timestamps aware UTC."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs

from gdpr_register._display import Displayable
from gdpr_register.model import Notice, RightKind
from gdpr_register.model.values import to_date

__all__ = [
    "AuditEntry",
    "DueForErasure",
    "ErasureReceipt",
    "NoticeVersion",
    "RequestStatus",
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



@attrs.frozen(kw_only=True)
class NoticeVersion(Displayable):
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
class DueForErasure(Displayable):
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
