"""Events about one data subject, supplied by the host application.

Subject keys are pseudonymous keys chosen by the application (``cust-42``), never raw
identifiers; ``kind`` is the application's event name (``service_contact``, ``invoice``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from gdpr_register.model._validators import identifier, optional_text
from gdpr_register.model.values import to_date

__all__ = ["SubjectEvent"]


def _subject_key(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str):
        raise TypeError(f"expected a subject key string, got {type(value).__name__}")
    if not value or len(value) > 1000:
        raise ValueError("a subject key must be 1 to 1000 characters")


@attrs.frozen(kw_only=True)
class SubjectEvent:
    subject: str = attrs.field(validator=_subject_key)
    kind: str = attrs.field(validator=identifier)
    on: date = attrs.field(converter=to_date)
    details: str | None = attrs.field(default=None, validator=optional_text)
