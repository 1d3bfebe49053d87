"""fideslang 3.x manifests: each register a fides ``system`` with ``privacy_declarations``.

One declaration per purpose (one data use each; a purpose stated on several Art. 6(1) bases
gets one declaration per basis, as fideslang holds one basis per declaration). Purposes,
data categories and data subjects become custom taxonomy entries under the mapped default
key, so their ids and names come back on import. Retention is text only, recipients are one
``third_parties`` text, transfers have no country: the import reports those as notes.
"""

from __future__ import annotations

from typing import Any

import yaml

from gdpr_register.documents.io import _yaml_dumper
from gdpr_register.interop._formats import _fides_terms as terms
from gdpr_register.interop._formats._fides_import import import_fideslang
from gdpr_register.interop._registry import InteropFormat
from gdpr_register.model import Notice, Register
from gdpr_register.model.enums import EntryKind, RecipientRole
from gdpr_register.model.values import ContactPoint

__all__ = ["FORMAT", "export_fideslang"]

Resource = dict[str, Any]
SYSTEM_TYPES = {EntryKind.REGISTER: "Register", EntryKind.ACTIVITY: "Processing activity"}


class _Taxonomy:
    """Custom taxonomy entries by key; the same id in two registers with a different
    definition is qualified with the register's id (``user.contact.crm.yhteystiedot``)."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Resource]] = {
            "data_category": {}, "data_use": {}, "data_subject": {}}

    def key(self, kind: str, parent: str | None, ident: str, register: str,
            name: str, description: str | None) -> str:
        prefix = f"{parent}." if parent else ""
        table = self.entries[kind]
        resource: Resource = {"name": name}
        if description is not None:
            resource["description"] = description
        if parent:
            resource["parent_key"] = parent
            if parent == terms.PURPOSE_ROOT and parent not in table:
                table[parent] = dict(terms.PURPOSE_ROOT_RESOURCE)
        own = terms.key_part(ident)
        for candidate in (f"{prefix}{own}", f"{prefix}{own}<{terms.key_part(register)}>"):
            known = table.get(candidate)
            if known is None:
                table[candidate] = {"fides_key": candidate, **resource}
                return candidate
            if {k: v for k, v in known.items() if k != "fides_key"} == resource:
                return candidate
        raise AssertionError("register ids are unique")  # pragma: no cover


def _category_parent(category: Any) -> str:
    if category.special is not None and category.special in terms.SPECIAL_CATEGORIES:
        return terms.SPECIAL_CATEGORIES[category.special]
    if category.criminal:
        return terms.CRIMINAL
    if category.national_id:
        return terms.NATIONAL_ID
    words = f"{category.id} {category.name}".casefold()
    for stems, key in terms.CATEGORY_WORDS:
        if any(stem in words for stem in stems):
            return key
    return terms.CATEGORY_ROOT


def _contact(name: str | None, point: ContactPoint | None = None, **fields: str | None) -> Resource:
    details: Resource = {"name": name or (point.name if point else None) or ""}
    if point is not None:
        for channel in point.channels:
            if channel.kind.value in ("email", "phone") and not fields.get(channel.kind.value):
                fields[channel.kind.value] = channel.value
    details.update({k: v for k, v in fields.items() if v})
    return details


def _address(notice: Notice) -> str | None:
    a = notice.controller.address
    if a is None:
        return None
    parts = [a.street, " ".join(p for p in (a.postal_code, a.city) if p), a.country]
    return ", ".join(p for p in parts if p)


def _organization(notice: Notice) -> Resource:
    c = notice.controller
    org: Resource = {"fides_key": terms.key_part(notice.id)}
    if c.name is not None:
        org["name"] = c.name
    if notice.title is not None:
        org["description"] = notice.title
    org["controller"] = _contact(c.name, address=_address(notice), email=c.email, phone=c.phone)
    if c.dpo.contact is not None:
        org["data_protection_officer"] = _contact(None, c.dpo.contact)
    if c.representative is not None:
        org["representative"] = _contact(c.representative.name, c.representative.contact)
    return org


def _third_parties(register: Register, categories: set[str]) -> tuple[str | None, list[str]]:
    """The recipients receiving any of ``categories``, in words, and the categories shared."""
    named: list[str] = []
    shared: list[str] = []
    for r in register.recipients:
        covered = set(r.categories) or {c.id for c in register.data_categories}
        if not covered & categories:
            continue
        # An unspecified role is left out: an import reads the text back as a recipient of
        # unspecified role, so writing it would grow the text on every round trip.
        facts = [r.role.value] if r.role is not RecipientRole.UNSPECIFIED else []
        facts += [] if r.country in (None, "unknown") else [str(r.country)]
        named.append(f"{r.name} ({', '.join(facts)})" if facts else r.name)
        shared.extend(c.id for c in register.data_categories if c.id in covered & categories)
    return ("; ".join(named) or None), list(dict.fromkeys(shared))


def _retention(register: Register, categories: set[str]) -> str | None:
    texts = [rule.text for rule in register.retention
             if not rule.categories or set(rule.categories) & categories]
    return "\n".join(texts) or None


def _declarations(register: Register, taxonomy: _Taxonomy) -> list[Resource]:
    category_keys = {
        c.id: taxonomy.key("data_category", _category_parent(c), c.id, register.id,
                           c.name, c.description)
        for c in register.data_categories
    }
    subject_keys = [
        taxonomy.key("data_subject", None, s.id, register.id, s.name, s.description)
        for s in register.data_subjects
    ]
    found = []
    for purpose in register.purposes:
        parent = terms.data_use(purpose.kinds) or terms.PURPOSE_ROOT
        use = taxonomy.key("data_use", parent, purpose.id, register.id, purpose.name,
                           purpose.description)
        ids = list(purpose.categories) or [c.id for c in register.data_categories]
        special = any(register.category(i).special is not None for i in ids)
        articles = list(dict.fromkeys(b.article for b in purpose.bases if b.article))
        conditions = list(dict.fromkeys(
            c.article for c in purpose.special_conditions if c.article))
        third, shared = _third_parties(register, set(ids))
        for k in range(max(len(articles), len(conditions), 1)):
            declaration: Resource = {
                "name": purpose.name,
                "data_use": use,
                "data_categories": [category_keys[i] for i in ids],
                "data_subjects": list(subject_keys),
            }
            if k < len(articles):
                declaration["legal_basis_for_processing"] = terms.LEGAL_BASES[articles[k]]
            declaration["processes_special_category_data"] = special or bool(conditions)
            if k < len(conditions):
                declaration["special_category_legal_basis"] = terms.SPECIAL_BASES[conditions[k]]
            retention = _retention(register, set(ids))
            if retention is not None:
                declaration["retention_period"] = retention
            declaration["data_shared_with_third_parties"] = third is not None
            if third is not None:
                declaration["third_parties"] = third
                declaration["shared_categories"] = [category_keys[i] for i in shared]
            found.append(declaration)
    return found


def _system(notice: Notice, register: Register, taxonomy: _Taxonomy) -> Resource:
    system: Resource = {"fides_key": terms.key_part(register.id)}
    if register.name is not None:
        system["name"] = register.name
    if register.description is not None:
        system["description"] = register.description
    system["organization_fides_key"] = terms.key_part(notice.id)
    system["system_type"] = SYSTEM_TYPES[register.kind]
    system["responsibility"] = ["Controller"]
    if notice.controller.name is not None:
        system["legal_name"] = notice.controller.name
    address = _address(notice)
    if address is not None:
        system["legal_address"] = address
    if notice.joint_controllers:
        system["joint_controller_info"] = "; ".join(p.name for p in notice.joint_controllers)
    if register.security:
        system["data_security_practices"] = "\n".join(m.text for m in register.security)
    ad = register.automated_decisions
    system["uses_profiling"] = bool(ad is not None and ad.profiling)
    system["does_international_transfers"] = bool(register.transfers)
    bases = [terms.TRANSFER_BASES.get(t.mechanism, terms.OTHER_TRANSFER_BASIS)
             for t in register.transfers]
    system["legal_basis_for_transfers"] = list(dict.fromkeys(bases))
    pooled = [terms.LEGAL_BASES[b.article] for b in register.pooled_bases if b.article]
    if pooled:  # fideslang has no bases shared by purposes: kept in the system's meta
        system["meta"] = {"pooled_legal_bases": list(dict.fromkeys(pooled))}
    system["privacy_declarations"] = _declarations(register, taxonomy)
    return system


def export_fideslang(notice: Notice, lang: str = "en") -> str:
    """A fides manifest (YAML) with the organization, the custom taxonomy entries and one
    system per register (``lang`` is unused: texts are exported as written)."""
    del lang
    taxonomy = _Taxonomy()
    systems = [_system(notice, r, taxonomy) for r in notice.registers]
    manifest: Resource = {"organization": [_organization(notice)]}
    for kind, table in taxonomy.entries.items():
        if table:
            manifest[kind] = list(table.values())
    manifest["system"] = systems
    # The notice dumper quotes what YAML 1.1 (fides) or 1.2 would not read back as text;
    # no ``&id001`` anchors, so each declaration reads on its own.
    dumper = type("FidesDumper", (_yaml_dumper(),), {"ignore_aliases": _no_aliases})
    return yaml.dump(manifest, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def _no_aliases(_self: Any, _data: Any) -> bool:
    return True


FORMAT = InteropFormat(
    name="fideslang",
    summary="fides systems with privacy declarations (fideslang 3.x manifest, YAML)",
    suffix=".yml",
    export=export_fideslang,
    import_=import_fideslang,
)
