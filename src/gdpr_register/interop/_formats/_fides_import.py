"""fides manifests -> a notice document, with notes on what fideslang cannot carry."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdpr_register.documents.io import (
    DEFAULT_MAX_NODES,
    Format,
    _check_budget,
    _parse,
    notice_from_data,
)
from gdpr_register.errors import DocumentError, Problem
from gdpr_register.interop._formats import _fides_terms as terms
from gdpr_register.interop._formats._fides_read import (
    Checker,
    read_contact,
    read_system,
    read_taxonomy,
)
from gdpr_register.interop._registry import Imported, ImportNote

_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")
Doc = dict[str, Any]


def _ident(key: str) -> str:
    """Our identifier for a fides key segment: '<' and '>' have no place in ours."""
    ident = _NOT_ID.sub("-", terms.ident_of(key)).lstrip("-_.")[:100]
    return ident or "x"


class _Resolver:
    """Our id, name and default key for a taxonomy key used in one system."""

    def __init__(self, taxonomy: dict[str, dict[str, Any]], system_key: str) -> None:
        self.taxonomy = taxonomy
        self.qualifier = f"<{system_key}>"

    def entry(self, kind: str, key: str) -> tuple[str, str, str | None, str]:
        """``(id, name, description, default key)`` for ``key``."""
        found = self.taxonomy.get(f"{kind}:{key}")
        if found is None:  # a default key used as it is
            name = terms.DEFAULT_NAMES.get(key, key)
            return _ident(key), name, None, key
        parent = found["parent_key"]
        own = key[len(parent) + 1:] if parent and key.startswith(parent + ".") else key
        own = own.removesuffix(self.qualifier)
        return _ident(own), found["name"] or own, found["description"], parent or key


def _category(resolver: _Resolver, key: str) -> Doc:
    ident, name, description, default = resolver.entry("data_category", key)
    doc: Doc = {"id": ident, "name": name}
    if description is not None:
        doc["description"] = description
    special = terms.SPECIAL_OF_CATEGORY.get(default)
    if special is not None:
        doc["special"] = special.value
    if default == terms.CRIMINAL:
        doc["criminal"] = True
    if default == terms.NATIONAL_ID:
        doc["national_id"] = True
    return doc


def _register(system: Mapping[str, Any], where: str, taxonomy: dict[str, dict[str, Any]],
              notes: list[ImportNote]) -> Doc:
    key = system["fides_key"]
    resolver = _Resolver(taxonomy, key)
    doc: Doc = {"id": _ident(key)}
    if system["name"] is not None:
        doc["name"] = system["name"]
    if system["description"] is not None:
        doc["description"] = system["description"]
    if system["system_type"] == "Processing activity":
        doc["kind"] = "activity"
    purposes: dict[str, Doc] = {}
    categories: dict[str, Doc] = {}
    subjects: dict[str, Doc] = {}
    retention: list[str] = []
    third: list[str] = []
    for j, declaration in enumerate(system["declarations"]):
        if declaration is None:
            continue
        here = f"{where}.privacy_declarations[{j}]"
        cats = [_category(resolver, k) for k in declaration["data_categories"]]
        for cat in cats:
            categories.setdefault(cat["id"], cat)
        for k in declaration["data_subjects"]:
            ident, name, description, _default = resolver.entry("data_subject", k)
            subject: Doc = {"id": ident, "name": name}
            if description is not None:
                subject["description"] = description
            subjects.setdefault(ident, subject)
        use = declaration["data_use"]
        ident, name, description, default = resolver.entry("data_use", use)
        if f"data_use:{use}" not in taxonomy and use not in terms.DEFAULT_NAMES:
            name = declaration["name"] or name  # an unknown default key: its declaration's name
        purpose = purposes.setdefault(ident, {"id": ident, "name": name, "_cats": []})
        if description is not None:
            purpose["description"] = description
        kinds = terms.kinds_of_use(default)
        if kinds:
            purpose["kinds"] = [k.value for k in kinds]
        if declaration["basis"] is not None:
            bases = purpose.setdefault("bases", [])
            if {"article": declaration["basis"].value} not in bases:
                bases.append({"article": declaration["basis"].value})
        if declaration["condition"] is not None:
            conditions = purpose.setdefault("special_conditions", [])
            if {"article": declaration["condition"].value} not in conditions:
                conditions.append({"article": declaration["condition"].value})
        purpose["_cats"] = list(dict.fromkeys([*purpose["_cats"], *(c["id"] for c in cats)]))
        if declaration["special"] and not any("special" in c for c in cats):
            notes.append(ImportNote(where=f"{here}.processes_special_category_data", message=(
                "special-category data is processed, but no data category names which "
                "special category: set `special` on the category")))
        if declaration["retention"] is not None and declaration["retention"] not in retention:
            retention.append(declaration["retention"])
            notes.append(ImportNote(where=f"{here}.retention_period", message=(
                "retention is text only in fideslang: imported as an unspecified rule "
                "(state its period and trigger to compute erasure dates)")))
        if declaration["third_parties"] is not None and declaration["third_parties"] not in third:
            third.append(declaration["third_parties"])
    for purpose in purposes.values():
        used = purpose.pop("_cats")
        if set(used) != set(categories):
            purpose["categories"] = used
    doc["purposes"] = list(purposes.values())
    doc["data_categories"] = list(categories.values())
    doc["data_subjects"] = list(subjects.values())
    if system["pooled"]:
        doc["pooled_bases"] = [{"article": b.value} for b in dict.fromkeys(system["pooled"])]
    doc["retention"] = [{"kind": "unspecified", "text": text} for text in retention]
    doc["recipients"] = [
        {"id": f"third-parties-{n}" if n else "third-parties", "name": text,
         "role": "unspecified", "is_category": True}
        for n, text in enumerate(third)
    ]
    if third:
        notes.append(ImportNote(where=f"{where}.privacy_declarations", message=(
            "third parties are one text in fideslang: imported as one recipient category "
            "of unspecified role")))
    doc["transfers"] = _transfers(system, where, notes)
    if system["security"] is not None:
        doc["security"] = [{"kind": "unspecified", "text": system["security"]}]
    if system["profiling"]:
        doc["automated_decisions"] = {"profiling": True}
    return {k: v for k, v in doc.items() if v != []}


def _transfers(system: Mapping[str, Any], where: str, notes: list[ImportNote]) -> list[Doc]:
    if not system["transfers"] and not system["transfer_bases"]:
        return []
    found = []
    for basis in system["transfer_bases"] or [None]:
        mechanism = terms.TRANSFER_MECHANISM_OF.get(basis) if basis else None
        transfer: Doc = {"mechanism": (mechanism.value if mechanism else "none-stated")}
        if basis is not None:
            transfer["mechanism_text"] = basis
        found.append(transfer)
    notes.append(ImportNote(where=f"{where}.legal_basis_for_transfers", message=(
        "fideslang gives no destination country: transfers imported with country 'unknown'")))
    return found


def _controller(manifest: Mapping[str, Any], check: Checker, systems: list[Any],
                notes: list[ImportNote]) -> tuple[str, Doc, str | None]:
    """The notice id, the controller and the title, from the organization resource."""
    wanted = next((s["organization"] for s in systems if s and s["organization"]), None)
    orgs = check.items(manifest.get("organization"), "$.organization")
    index = next((i for i, o in enumerate(orgs)
                  if isinstance(o, Mapping) and o.get("fides_key") == wanted), 0)
    where = f"$.organization[{index}]"
    org = check.mapping(orgs[index], where) if orgs else None
    org = org or {}
    key = check.key(org.get("fides_key"), f"{where}.fides_key", required=False) or "fides"
    contact = read_contact(org.get("controller"), f"{where}.controller", check) or {}
    name = contact.get("name") or check.text(org.get("name"), f"{where}.name")
    controller: Doc = {"name": name} if name else {}
    for field in ("email", "phone"):
        if field in contact:
            controller[field] = contact[field]
    if not ("email" in contact or "phone" in contact):
        notes.append(ImportNote(where=f"{where}.controller", message=(
            "no controller contact (e-mail or phone): Art. 13(1)(a) asks for one")))
    if "address" in contact:
        notes.append(ImportNote(where=f"{where}.controller.address", message=(
            "the controller's address is one text in fideslang: not imported")))
    dpo = read_contact(org.get("data_protection_officer"),
                       f"{where}.data_protection_officer", check)
    if dpo is not None:  # a DPO block, even an empty one, says one is appointed
        channels = [{"kind": f, "value": dpo[f]} for f in ("email", "phone") if f in dpo]
        point: Doc = {"kind": "person" if "name" in dpo else "role", "channels": channels}
        if "name" in dpo:
            point["name"] = dpo["name"]
        controller["dpo"] = {"status": "appointed", "contact": point}
    representative = read_contact(org.get("representative"), f"{where}.representative", check)
    if representative and "name" in representative:
        controller["representative"] = {"name": representative["name"]}
    title = check.text(org.get("description"), f"{where}.description")
    return _ident(key), controller, title


def import_fideslang(raw: bytes, source: str) -> Imported:
    """A notice from a fides manifest with ``system`` resources (YAML or JSON)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(location="", message=f"not UTF-8 text (byte {exc.start})")
        raise DocumentError([problem], source=source) from None
    data = _parse(text, Format.YAML, source)  # JSON is YAML too
    _check_budget(data, DEFAULT_MAX_NODES, source)
    check = Checker()
    manifest = check.mapping(data, "$")
    check.raise_if_any(source)
    assert manifest is not None
    taxonomy = read_taxonomy(manifest, check)
    raw_systems = check.items(manifest.get("system"), "$.system", required=True)
    if not raw_systems and not check.problems:
        check.fail("$.system", "no systems: a notice describes at least one register")
    systems = [read_system(s, f"$.system[{i}]", check) for i, s in enumerate(raw_systems)]
    seen: dict[str, str] = {}
    for i, system in enumerate(systems):
        for field in ("fides_key", "name"):
            value = system and system[field]
            if not value:
                continue
            label = f"{field}:{_ident(value) if field == 'fides_key' else value.casefold()}"
            if label in seen:
                check.fail(f"$.system[{i}].{field}", f"duplicate {field} {value!r} "
                           f"(first at {seen[label]})")
            seen.setdefault(label, f"$.system[{i}]")
    notes: list[ImportNote] = []
    ident, controller, title = _controller(manifest, check, systems, notes)
    check.raise_if_any(source)
    registers = [_register(s, f"$.system[{i}]", taxonomy, notes)
                 for i, s in enumerate(systems) if s is not None]
    document: Doc = {"id": ident, "controller": controller, "registers": registers}
    if title is not None:
        document["title"] = title
    joint = list(dict.fromkeys(s["joint"] for s in systems if s and s["joint"]))
    if joint:  # one text in fideslang: kept whole, as one party
        document["joint_controllers"] = [{"name": text} for text in joint]
        notes.append(ImportNote(where="$.system", message=(
            "joint controllers are one text in fideslang: imported as one party each")))
    return Imported(notice=notice_from_data(document, source=source), notes=tuple(notes))
