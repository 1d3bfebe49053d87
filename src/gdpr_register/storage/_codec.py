"""How backends serialise notices: canonical JSON text and its digest."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from gdpr_register.documents import notice_from_data, notice_to_data
from gdpr_register.errors import UsageError
from gdpr_register.model import Notice

__all__ = ["from_timestamp", "notice_from_json", "notice_to_json", "to_timestamp"]


def notice_to_json(notice: Notice) -> tuple[str, str]:
    """Canonical JSON (sorted keys, no spaces) and its sha256 hex digest."""
    text = json.dumps(
        notice_to_data(notice), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
        default=str,
    )
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: no backend can store it
        raise UsageError(
            f"notice {notice.id!r}: its text is not valid Unicode (a lone surrogate "
            f"{text[exc.start]!r}); decode bytes as UTF-8 before building the notice"
        ) from None
    return text, hashlib.sha256(raw).hexdigest()


def notice_from_json(text: str, *, source: str) -> Notice:
    return notice_from_data(json.loads(text), source=source)


def to_timestamp(moment: datetime) -> int:
    """Microseconds since the epoch: exact, sortable, the same in every backend."""
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_timestamp(micros: int) -> datetime:
    seconds, micro = divmod(micros, 1_000_000)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=micro)
