"""A JSON Schema (draft 2020-12) of notice documents, generated from the model.

Editors (VS Code's YAML extension, JetBrains) use it to complete and check notice files as they
are typed. It describes structure and types; the loader still has the last word on what only
code can check (Y-tunnus check digits, references between ids, uniqueness).
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date, datetime
from typing import Any

import attrs

from gdpr_register import model
from gdpr_register.documents.reference import (
    DOCUMENT_CLASSES,
    FIELD_DOCS,
    document_enums,
    document_fields,
)
from gdpr_register.model.countries import COUNTRY_NAMES
from gdpr_register.model.register import SECTION_FIELDS

__all__ = ["SCHEMA_ID", "notice_schema"]

SCHEMA_ID = "https://gdpr-register.invalid/schema/notice.schema.json"
_IDENTIFIER = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"
_COUNTRY_FIELDS = {"country"}
_IDENTIFIER_FIELDS = {
    "id",
    "rule",
    "statute",
    "recipient",
    "categories",
    "events",
    "material",
    "subjects",
}
# `transfers: none`: a section's own key may say "the notice says there is none".
_NONE_KEYS = frozenset(SECTION_FIELDS.values())


def _ref(cls: type) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _scalar(tp: Any, field_name: str, destination: bool = False) -> dict[str, Any]:
    if tp is str:
        if field_name in _COUNTRY_FIELDS:
            codes = sorted(COUNTRY_NAMES)
            return {"type": "string", "enum": [*codes, "unknown"] if destination else codes}
        if field_name in _IDENTIFIER_FIELDS:
            return {"type": "string", "pattern": _IDENTIFIER}
        return {"type": "string", "minLength": 1, "pattern": r"\S"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is date:
        return {"type": "string", "format": "date"}
    if tp is model.PartialDate:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ]
        }
    if tp is datetime:
        return {"type": "string", "format": "date-time"}
    if tp is model.MonthDay:
        return {"type": "string", "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _ref(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return _ref(tp)
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover - a new model type


def _field_schema(tp: Any, field_name: str, destination: bool = False) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _field_schema(inner[0], field_name, destination)  # absent stands for None
    if origin is tuple:
        return {"type": "array", "items": _field_schema(args[0], field_name, destination)}
    return _scalar(tp, field_name, destination)


def _class_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in document_fields(cls):
        # Only a recipient's or transfer's destination may be "unknown".
        destination = cls in (model.Recipient, model.Transfer)
        schema = _field_schema(hints[field.name], field.name, destination)
        if cls in (model.Register, model.SharedStatements) and field.name in _NONE_KEYS:
            schema = {"anyOf": [schema, {"const": "none"}]}
        schema["description"] = FIELD_DOCS[f"{cls.__name__}.{field.name}"]
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    out: dict[str, Any] = {
        "type": "object",
        "description": " ".join((cls.__doc__ or "").split("\n\n")[0].split()),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    if cls is model.StatedBasis or cls is model.SpecialCondition:
        article = hints["article"]
        enum_type = next(a for a in typing.get_args(article) if a is not type(None))
        return {"anyOf": [out, _ref(enum_type)], "description": out["description"]}
    return out


def notice_schema() -> dict[str, Any]:
    """The JSON Schema of a notice document, as a dict ready for ``json.dumps``."""
    defs: dict[str, Any] = {cls.__name__: _class_schema(cls) for cls in DOCUMENT_CLASSES}
    for enum_type in document_enums():
        defs[enum_type.__name__] = {"type": "string", "enum": [m.value for m in enum_type]}
    notice = defs.pop("Notice")
    notice["properties"]["registers"]["minItems"] = 1
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "gdpr_register notice document",
        **notice,
        "$defs": defs,
    }
