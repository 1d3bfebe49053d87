"""PostgreSQL: how host-application strings are stored (``bytea`` of UTF-8) and the audit writer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg

from gdpr_register.storage._checks import check_text
from gdpr_register.storage._codec import to_timestamp

# The advisory lock taken just before writing an audit entry: it makes ``seq`` gap-free
# (1, 2, 3, ...) even with concurrent writers, and is held only until the commit.
_AUDIT_LOCK = 0x6764_7072_6175  # "gdprau"


def enc(text: str) -> bytes:
    # UTF-8 byte order is code-point order. Lone surrogates are refused (check_text), as
    # SQLite refuses them: every backend stores the same strings.
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        check_text(text, "text")
        raise


def dec(data: bytes | memoryview) -> str:
    # surrogatepass: rows written before lone surrogates were refused still read back.
    return bytes(data).decode("utf-8", "surrogatepass")


def opt_enc(text: str | None) -> bytes | None:
    return None if text is None else enc(text)


def opt_dec(data: bytes | memoryview | None) -> str | None:
    return None if data is None else dec(data)



def write_audit(
    conn: psycopg.Connection[Any], at: datetime, action: str, target: str, details: str
) -> None:
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_AUDIT_LOCK,))
    conn.execute(
        "INSERT INTO gdpr_audit (seq, at, action, target, details) "
        "SELECT coalesce(max(seq), 0) + 1, %s, %s, %s, %s FROM gdpr_audit",
        (to_timestamp(at), action, enc(target), enc(details)),
    )
