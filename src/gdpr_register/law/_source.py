"""Where a legal fact comes from, and how sure we are of it."""

from __future__ import annotations

import enum

import attrs

__all__ = ["Confidence", "LegalSource"]


class Confidence(enum.StrEnum):
    """The catalogue's flags: C confirmed from primary text, S secondary only, U unconfirmed."""

    CONFIRMED = "C"
    SECONDARY = "S"
    UNCONFIRMED = "U"


@attrs.frozen(kw_only=True)
class LegalSource:
    """A citation (instrument, case, article) with a URL and a confidence flag."""

    citation: str
    url: str | None = None
    confidence: Confidence = Confidence.CONFIRMED

    def __str__(self) -> str:
        return self.citation
