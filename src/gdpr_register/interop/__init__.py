"""Notices to and from other tools' formats: W3C DPV, Art. 30 record spreadsheets, fideslang.

Each format is a module in ``gdpr_register/interop/_formats/`` exposing ``FORMAT``, an
:class:`InteropFormat`; they are discovered, so adding a format never touches this package.
"""

from __future__ import annotations

from gdpr_register.interop._registry import (
    Imported,
    ImportNote,
    InteropFormat,
    export_notice,
    find_format,
    formats,
    import_notice,
)

__all__ = [
    "ImportNote",
    "Imported",
    "InteropFormat",
    "export_notice",
    "find_format",
    "formats",
    "import_notice",
]
