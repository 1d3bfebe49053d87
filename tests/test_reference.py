from __future__ import annotations

from pathlib import Path

from gdpr_register.documents.reference import (
    DOCUMENT_CLASSES,
    FIELD_DOCS,
    document_fields,
    document_format_markdown,
)

ROOT = Path(__file__).resolve().parent.parent


def test_every_field_is_documented_and_nothing_else() -> None:
    fields = {f"{cls.__name__}.{a.name}" for cls in DOCUMENT_CLASSES for a in document_fields(cls)}
    assert fields == set(FIELD_DOCS)


def test_committed_reference_is_current() -> None:
    committed = (ROOT / "docs" / "document-format.md").read_text(encoding="utf-8")
    assert committed == document_format_markdown(), (
        "regenerate: python -m gdpr_register.documents.reference > docs/document-format.md"
    )
