"""Reading a fides manifest: its shape checked, every problem with its ``$.system[0]...`` path."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdpr_register.errors import DocumentError, Problem
from gdpr_register.interop._formats import _fides_terms as terms

_FIDES_KEY = re.compile(r"[a-zA-Z0-9_.<>-]+")  # fideslang's FIDES_KEY_PATTERN


class Checker:
    """Collects problems; each check returns the value when usable, else None."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(location=where, message=message))

    def mapping(self, value: Any, where: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.fail(where, f"expected a mapping, got {_kind(value)}")
        return None

    def items(self, value: Any, where: str, *, required: bool = False) -> list[Any]:
        if value is None and not required:
            return []
        if isinstance(value, list):
            return value
        self.fail(where, f"expected a list, got {_kind(value)}")
        return []

    def text(self, value: Any, where: str, *, required: bool = False) -> str | None:
        if value is None and not required:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # as fideslang does (coerce_numbers_to_str)
        if isinstance(value, str) and value.strip():
            return value
        self.fail(where, f"expected a non-empty string, got {_kind(value)}")
        return None

    def key(self, value: Any, where: str, *, required: bool = True) -> str | None:
        found = self.text(value, where, required=required)
        if found is not None and not _FIDES_KEY.fullmatch(found):
            self.fail(where, f"{found!r} is not a fides key (letters, digits, '_.<>-')")
            return None
        return found

    def keys(self, value: Any, where: str, *, required: bool = False) -> list[str]:
        found = [self.key(v, f"{where}[{i}]")
                 for i, v in enumerate(self.items(value, where, required=required))]
        return [k for k in found if k is not None]

    def flag(self, value: Any, where: str) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        self.fail(where, f"expected true or false, got {_kind(value)}")
        return False

    def choice(self, value: Any, where: str, allowed: Mapping[str, Any]) -> Any:
        if value is None:
            return None
        if isinstance(value, str) and value in allowed:
            return allowed[value]
        listed = ", ".join(repr(a) for a in allowed)
        self.fail(where, f"{value!r} is not one of {listed}")
        return None

    def raise_if_any(self, source: str) -> None:
        if self.problems:
            raise DocumentError(self.problems, source=source)


def _kind(value: Any) -> str:
    return "nothing" if value is None else f"{type(value).__name__} {value!r}"[:80]


def read_taxonomy(manifest: Mapping[str, Any], check: Checker) -> dict[str, dict[str, Any]]:
    """The custom taxonomy entries by key: ``{key: {name, description, parent_key, kind}}``."""
    found: dict[str, dict[str, Any]] = {}
    for kind in ("data_category", "data_use", "data_subject"):
        for i, raw in enumerate(check.items(manifest.get(kind), f"$.{kind}")):
            where = f"$.{kind}[{i}]"
            entry = check.mapping(raw, where)
            if entry is None:
                continue
            key = check.key(entry.get("fides_key"), f"{where}.fides_key")
            name = check.text(entry.get("name"), f"{where}.name")
            description = check.text(entry.get("description"), f"{where}.description")
            parent = check.key(entry.get("parent_key"), f"{where}.parent_key", required=False)
            if key is not None:
                found[f"{kind}:{key}"] = {
                    "name": name, "description": description, "parent_key": parent}
    return found


def read_declaration(raw: Any, where: str, check: Checker) -> dict[str, Any] | None:
    entry = check.mapping(raw, where)
    if entry is None:
        return None
    return {
        "name": check.text(entry.get("name"), f"{where}.name"),
        "data_use": check.key(entry.get("data_use"), f"{where}.data_use"),
        "data_categories": check.keys(
            entry.get("data_categories"), f"{where}.data_categories", required=True),
        "data_subjects": check.keys(entry.get("data_subjects"), f"{where}.data_subjects"),
        "basis": check.choice(entry.get("legal_basis_for_processing"),
                              f"{where}.legal_basis_for_processing", terms.BASIS_OF),
        "special": check.flag(entry.get("processes_special_category_data"),
                              f"{where}.processes_special_category_data"),
        "condition": check.choice(entry.get("special_category_legal_basis"),
                                  f"{where}.special_category_legal_basis",
                                  terms.SPECIAL_BASIS_OF),
        "retention": check.text(entry.get("retention_period"), f"{where}.retention_period"),
        "third_parties": check.text(entry.get("third_parties"), f"{where}.third_parties"),
    }


def read_system(raw: Any, where: str, check: Checker) -> dict[str, Any] | None:
    entry = check.mapping(raw, where)
    if entry is None:
        return None
    meta = entry.get("meta")
    pooled: list[Any] = []
    if meta is not None and check.mapping(meta, f"{where}.meta") is not None:
        items = check.items(meta.get("pooled_legal_bases"), f"{where}.meta.pooled_legal_bases")
        pooled = [check.choice(b, f"{where}.meta.pooled_legal_bases[{i}]", terms.BASIS_OF)
                  for i, b in enumerate(items)]
    declarations = check.items(
        entry.get("privacy_declarations"), f"{where}.privacy_declarations", required=True)
    return {
        "fides_key": check.key(entry.get("fides_key"), f"{where}.fides_key"),
        "name": check.text(entry.get("name"), f"{where}.name"),
        "description": check.text(entry.get("description"), f"{where}.description"),
        "system_type": check.text(entry.get("system_type"), f"{where}.system_type"),
        "organization": check.key(entry.get("organization_fides_key"),
                                  f"{where}.organization_fides_key", required=False),
        "security": check.text(entry.get("data_security_practices"),
                               f"{where}.data_security_practices"),
        "joint": check.text(entry.get("joint_controller_info"), f"{where}.joint_controller_info"),
        "profiling": check.flag(entry.get("uses_profiling"), f"{where}.uses_profiling"),
        "transfers": check.flag(entry.get("does_international_transfers"),
                                f"{where}.does_international_transfers"),
        "transfer_bases": [
            b for i, b in enumerate(check.items(entry.get("legal_basis_for_transfers"),
                                                f"{where}.legal_basis_for_transfers"))
            if check.text(b, f"{where}.legal_basis_for_transfers[{i}]", required=True)
        ],
        "pooled": [b for b in pooled if b is not None],
        "declarations": [
            read_declaration(d, f"{where}.privacy_declarations[{j}]", check)
            for j, d in enumerate(declarations)
        ],
    }


def read_contact(raw: Any, where: str, check: Checker) -> dict[str, str] | None:
    """A ContactDetails block's non-empty fields; None when there is no block."""
    entry = check.mapping(raw, where) if raw is not None else None
    if entry is None:
        return None
    found = {}
    for field in ("name", "address", "email", "phone"):
        value = entry.get(field)
        if value in (None, ""):
            continue
        text = check.text(value, f"{where}.{field}")
        if text is not None:
            found[field] = text
    return found
