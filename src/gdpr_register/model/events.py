"""Events about one data subject, supplied by the host application.

Subject keys are pseudonymous keys chosen by the application (``cust-42``), never raw
identifiers; ``kind`` is the application's event name (``service_contact``, ``invoice``).
"""


from datetime import date
from typing import Any

import attrs

from gdpr_register._text import shown
from gdpr_register.model._validators import (
    ModelTypeError,
    ModelValueError,
    identifier,
    optional_text,
)
from gdpr_register.model.values import to_date

__all__ = ["MAX_SUBJECT_KEY", "SubjectEvent", "check_subject_key"]

MAX_SUBJECT_KEY = 1000
# Lone surrogates (surrogateescape's undecodable bytes) are not Unicode text: SQLite cannot
# store them, so a key holding one would be kept by one backend and refused by another.
# Control characters are refused at every input (events files, --subject) and escaped in
# every output, but not here: stores written by earlier releases hold keys with NUL, and
# backends rebuild their events through this class.


def check_subject_key(value: object, name: str = "subject") -> str:
    """``value`` if it is a subject key every store accepts, else a ``ModelValueError``
    (a ``ValueError`` and a ``GdprRegisterError``; ``ModelTypeError`` for a non-string)."""
    if not isinstance(value, str):
        raise ModelTypeError(name, f"expected a subject key string, got {type(value).__name__}")
    if not value or len(value) > MAX_SUBJECT_KEY:
        raise ModelValueError(
            name, f"a subject key must be 1 to {MAX_SUBJECT_KEY} characters, got {len(value)}")
    if not value.isascii():  # fast path: ASCII has no surrogates
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ModelValueError(
                name, f"subject key {shown(value)} is not valid Unicode: a lone surrogate "
                f"{shown(value[exc.start])} at position {exc.start} (decode bytes as UTF-8 "
                "first)") from None
    return value


def _subject_key(_instance: object, attribute: Any, value: Any) -> None:
    check_subject_key(value, attribute.name)


@attrs.frozen(kw_only=True)
class SubjectEvent:
    """One event about a data subject (``kind`` on ``on``), keyed by a pseudonymous ``subject``
    key; retention triggers count from such events."""

    subject: str = attrs.field(validator=_subject_key)
    kind: str = attrs.field(validator=identifier)
    on: date = attrs.field(converter=to_date)
    details: str | None = attrs.field(default=None, validator=optional_text)
