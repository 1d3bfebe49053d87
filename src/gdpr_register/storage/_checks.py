"""The argument checks and shared steps every backend applies the same way."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date

from gdpr_register.errors import UsageError
from gdpr_register.model import Notice, RightKind, SubjectEvent
from gdpr_register.storage._values import RequestStatus, SubjectRequest, utc_now

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


def check_notices(notices: Iterable[Notice]) -> list[tuple[Notice, str, str]]:
    """The batch ``save_all`` stores: each notice with its canonical JSON and digest, all
    checked (``UsageError`` for a value that is not a ``Notice``) before anything is written."""
    # Lazily: the codec loads the documents layer, which ``import gdpr_register.storage``
    # need not pay for.
    from gdpr_register.storage._codec import notice_to_json

    batch = []
    for notice in notices:
        if not isinstance(notice, Notice):
            raise UsageError(f"save() takes a Notice, got {type(notice).__name__}")
        batch.append((notice, *notice_to_json(notice)))
    return batch


def check_outcome(status: str, details: object) -> RequestStatus:
    """The outcome ``record_outcome`` may record: a status other than ``open`` and, when
    given, details that are valid Unicode (``UsageError`` otherwise)."""
    try:
        outcome = RequestStatus(status)
    except ValueError:
        raise UsageError(f"{status!r} is not a request status") from None
    if outcome is RequestStatus.OPEN:
        raise UsageError("an outcome cannot be 'open': record how the request ended")
    check_optional_text(details, "details")
    return outcome


def check_erasure(subject: object, request_id: object, reason: object) -> str:
    """The arguments of ``Ledger.erase``, checked alike everywhere; returns the subject key.

    The reason is kept in the receipt as the legal ground, so it must say something.
    """
    key = check_subject(subject)
    if not isinstance(reason, str) or not reason.strip():
        raise UsageError("an erasure needs a reason (the legal ground, e.g. 'Art 17(1)(a)')")
    check_text(reason, "reason")
    check_optional_text(request_id, "request_id")
    return key
