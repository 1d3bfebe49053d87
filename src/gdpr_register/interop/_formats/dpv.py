"""W3C DPV 2.x as JSON-LD: the notice, its controller and each register as a ``dpv:Process``.

Each purpose is a sub-process with its own ``dpv:hasLegalBasis``; pooled bases sit on the
register's process (they apply to some purpose, unknown which). Transfers are sub-processes
with ``dpv:hasThirdCountry`` (``loc:`` IRIs) and their Chapter V basis; storage conditions carry
an ``xsd:duration``. What DPV cannot say is exported under ``gdprr:`` (see _dpv_terms). Findings
are not exported: they are our evaluation on a date, not facts the notice states.
"""

from __future__ import annotations

import json
from typing import Any

from gdpr_register.interop._formats import _dpv_terms as terms
from gdpr_register.interop._formats._dpv_parts import (
    our_terms,
    retention_node,
    transfer_node,
)
from gdpr_register.interop._registry import InteropFormat
from gdpr_register.model import DpiaReference, Notice, Register
from gdpr_register.model.enums import RecipientRole, RightStatus, Section, SectionState, SourceKind
from gdpr_register.model.register import NOTICE_SECTIONS
from gdpr_register.model.values import ContactPoint

Node = dict[str, Any]

_INDIRECT = frozenset(
    {SourceKind.THIRD_PARTY, SourceKind.SUBJECT_ORGANISATION, SourceKind.PUBLIC_SOURCE,
     SourceKind.OTHER}
)


def export_dpv(notice: Notice, lang: str = "en") -> str:
    """The notice as DPV JSON-LD (``lang`` is unused: texts are exported as written)."""
    del lang
    base = f"urn:gdpr-register:{notice.id}"
    graph: list[Node] = [_notice(notice, base), _controller(notice, base)]
    used: set[str] = set()
    for register in notice.registers:
        graph.append(_register(notice, register, f"{base}/registers/{register.id}", used))
    graph.extend(our_terms(used))
    document = {"@context": terms.CONTEXT, "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _text(node: Node, key: str, value: str | None) -> None:
    if value is not None:
        node[key] = value


def _notice(notice: Notice, base: str) -> Node:
    sources = {s.kind for r in notice.registers for s in r.sources}
    types = []
    if not sources or sources - _INDIRECT:
        types.append("eu-gdpr:DirectDataCollectionNotice")
    if sources & _INDIRECT:
        types.append("eu-gdpr:IndirectDataCollectionNotice")
    node: Node = {
        "@id": base,
        "@type": ["dpv:PrivacyNotice", *types],
        "dct:identifier": notice.id,
        "dct:language": notice.language,
        "gdprr:noticeKind": notice.kind.value,
        "dpv:hasDataController": f"{base}/controller",
    }
    _text(node, "dct:title", notice.title)
    _text(node, "dct:source", notice.source)
    _text(node, "dct:hasVersion", notice.version)
    if notice.updated is not None:
        node["gdprr:updated"] = str(notice.updated)  # keeps the precision stated
        if notice.updated.exact:
            node["dct:modified"] = notice.updated.latest().isoformat()
    if notice.cited_laws:
        node["gdprr:citedLaw"] = list(notice.cited_laws)
    if notice.supervisory_authority is not None:
        authority = notice.supervisory_authority
        sa: Node = {"@type": "dpv:DataProtectionAuthority"}
        _text(sa, "dpv:hasName", authority.name)
        _text(sa, "gdprr:website", authority.website)
        if authority.country is not None:
            sa["dpv:hasCountry"] = f"loc:{authority.country}"
        node["gdprr:supervisoryAuthority"] = sa
    states = _section_states(notice, None)
    if states:
        node["gdprr:sectionState"] = states
    return node


def _contact(point: ContactPoint) -> Node:
    node: Node = {"@type": "gdprr:ContactPoint", "gdprr:contactKind": point.kind.value}
    _text(node, "dpv:hasName", point.name)
    _text(node, "dct:description", point.note)
    for channel in point.channels:
        node.setdefault("dpv:hasContact", []).append(f"{channel.kind.value}: {channel.value}")
    return node


def _controller(notice: Notice, base: str) -> Node:
    c = notice.controller
    node: Node = {"@id": f"{base}/controller", "@type": "dpv:DataController"}
    _text(node, "dpv:hasName", c.name)
    if c.business_id is not None:
        node["dpv:hasIdentifier"] = f"{c.business_id.scheme}:{c.business_id.value}"
    if c.address is not None:
        a = c.address
        parts = [a.street, " ".join(p for p in (a.postal_code, a.city) if p), a.country]
        node["dpv:hasAddress"] = ", ".join(p for p in parts if p)
    contacts = [f"{kind}: {value}" for kind, value in
                (("phone", c.phone), ("email", c.email), ("web", c.website)) if value]
    if contacts:
        node["dpv:hasContact"] = contacts
    if c.member_state is not None:
        node["dpv:hasCountry"] = f"loc:{c.member_state}"
    if c.representative is not None:
        node["dpv:hasRepresentative"] = {
            "@type": "dpv:Representative", "dpv:hasName": c.representative.name}
    if c.dpo.contact is not None:
        node["dpv:hasDataProtectionOfficer"] = {
            **_contact(c.dpo.contact), "@type": "dpv:DataProtectionOfficer"}
    node["gdprr:dpoStatus"] = c.dpo.status.value
    if notice.contact_points:
        node["gdprr:contactPoint"] = [_contact(p) for p in notice.contact_points]
    if notice.joint_controllers:
        node["dpv:hasJointDataControllers"] = {
            "@type": "dpv:JointDataControllers",
            "dpv:hasDataController": [
                {"@type": "dpv:DataController", "dpv:hasName": p.name}
                for p in notice.joint_controllers
            ],
        }
    return node


def _bases(purpose_bases: Any) -> list[Any]:
    found: list[Any] = []
    for basis in purpose_bases:
        if basis.article is not None:
            found.append(terms.BASES[basis.article])
        else:  # wording that is no GDPR basis ("customer relationship")
            found.append({"@type": "gdprr:UnmappedLegalBasis", "dct:description": basis.text})
    return found


def _dpia(dpia: DpiaReference) -> Node:
    node: Node = {"@type": "dpv:DPIA", "dct:identifier": dpia.reference}
    if dpia.date is not None:
        node["gdprr:assessed"] = str(dpia.date)  # keeps the precision stated
        if dpia.date.exact:
            node["dct:date"] = dpia.date.latest().isoformat()
    return node


def _register(notice: Notice, register: Register, rid: str, used: set[str]) -> Node:
    controller = f"urn:gdpr-register:{notice.id}/controller"
    node: Node = {
        "@id": rid,
        "@type": "dpv:Process",
        "dct:identifier": register.id,
        "gdprr:entryKind": register.kind.value,
        "dpv:hasDataController": controller,
        "dpv:hasNotice": f"urn:gdpr-register:{notice.id}",
    }
    _text(node, "dct:title", register.name)
    _text(node, "dct:description", register.description)
    categories = {c.id: f"{rid}/data_categories/{c.id}" for c in register.data_categories}
    subjects = [_subject(s, f"{rid}/data_subjects/{s.id}") for s in register.data_subjects]
    node["dpv:hasPersonalData"] = [_category(c, categories[c.id]) for c in register.data_categories]
    node["dpv:hasDataSubject"] = subjects
    if register.pooled_bases:
        node["dpv:hasLegalBasis"] = _bases(register.pooled_bases)
    node["dpv:hasProcess"] = [
        _purpose(p, f"{rid}/purposes/{p.id}", categories)
        for p in register.purposes
    ]
    recipients = {r.id: f"{rid}/recipients/{r.id}" for r in register.recipients}
    node["dpv:hasRecipient"] = [_recipient(r, recipients[r.id]) for r in register.recipients]
    processors = [recipients[r.id] for r in register.recipients
                  if r.role is RecipientRole.PROCESSOR]
    if processors:
        node["dpv:hasDataProcessor"] = processors
    transfers = [
        transfer_node(t, f"{rid}/transfers/{i}", recipients, used)
        for i, t in enumerate(register.transfers)
    ]
    node["dpv:hasProcess"].extend(transfers)
    countries = sorted({t.country for t in register.transfers if t.country != "unknown"})
    if countries:
        node["dpv:hasThirdCountry"] = [f"loc:{c}" for c in countries]
    node["dpv:hasStorageCondition"] = [
        retention_node(notice, register, rule, f"{rid}/retention/{i}", categories, used)
        for i, rule in enumerate(register.retention)
    ]
    node["dpv:hasTechnicalOrganisationalMeasure"] = [
        {"@type": terms.MEASURES[m.kind], "dct:description": m.text} for m in register.security
    ]
    node["dpv:hasDataSource"] = [
        _source(s, categories) for s in register.sources
    ]
    if register.dpia is not None:
        node["dpv:hasImpactAssessment"] = _dpia(register.dpia)
    _rights(register, node)
    states = _section_states(notice, register)
    if states:
        node["gdprr:sectionState"] = states
    return {k: v for k, v in node.items() if v != []}


def _category(category: Any, iri: str) -> Node:
    types = ["dpv:PersonalData"]
    if category.special is not None:
        types += ["dpv:SpecialCategoryPersonalData", *terms.SPECIAL[category.special]]
    if category.criminal:
        types.append("pd:Criminal")
    if category.national_id:
        types.append("pd:OfficialID")
    node: Node = {"@id": iri, "@type": types, "dct:identifier": category.id,
                  "dct:title": category.name}
    _text(node, "dct:description", category.description)
    if category.material:
        node["gdprr:material"] = list(category.material)
    return node


def _subject(subject: Any, iri: str) -> Node:
    node: Node = {"@id": iri, "@type": "dpv:DataSubject", "dct:identifier": subject.id,
                  "dct:title": subject.name}
    _text(node, "dct:description", subject.description)
    if subject.includes_children:
        node["@type"] = ["dpv:DataSubject", "dpv:Child"]
    return node


def _purpose(purpose: Any, iri: str, categories: dict[str, str]) -> Node:
    kinds = [terms.PURPOSES[k] for k in purpose.kinds if k in terms.PURPOSES]
    target: Node = {"@id": f"{iri}#purpose", "@type": ["dpv:Purpose", *dict.fromkeys(kinds)],
                    "dct:identifier": purpose.id, "dct:title": purpose.name}
    _text(target, "dct:description", purpose.description)
    node: Node = {"@id": iri, "@type": "dpv:Process", "dpv:hasPurpose": target}
    bases = _bases(purpose.bases)
    bases += [
        terms.SPECIAL_BASES[c.article] for c in purpose.special_conditions
        if c.article is not None
    ]
    if bases:
        node["dpv:hasLegalBasis"] = bases
    if purpose.categories:
        node["dpv:hasPersonalData"] = [categories[c] for c in purpose.categories]
    return node


def _recipient(recipient: Any, iri: str) -> Node:
    node: Node = {
        "@id": iri,
        "@type": list(dict.fromkeys(["dpv:Recipient", terms.RECIPIENTS[recipient.role]])),
        "dct:identifier": recipient.id,
        "dpv:hasName": recipient.name,
        "gdprr:recipientRole": recipient.role.value,
    }
    _text(node, "dct:description", recipient.description)
    if recipient.country not in (None, "unknown"):
        node["dpv:hasCountry"] = f"loc:{recipient.country}"
    if recipient.valid_from is not None:
        node["gdprr:validFrom"] = recipient.valid_from.isoformat()
    if recipient.valid_until is not None:
        node["gdprr:validUntil"] = recipient.valid_until.latest().isoformat()
    if recipient.is_category:
        node["gdprr:isCategory"] = True
    return node


def _source(source: Any, categories: dict[str, str]) -> Node:
    node: Node = {"@type": terms.SOURCES[source.kind], "gdprr:sourceKind": source.kind.value}
    _text(node, "dpv:hasName", source.name)
    _text(node, "dct:description", source.description)
    if source.categories:
        node["dpv:hasPersonalData"] = [categories[c] for c in source.categories]
    return node


def _rights(register: Register, node: Node) -> None:
    granted = [r for r in register.rights if r.status is not RightStatus.DENIED]
    node["dpv:hasRight"] = list(dict.fromkeys(terms.RIGHTS[r.right] for r in granted))
    statements = []
    for right in register.rights:
        if right.status is RightStatus.GRANTED:
            continue
        statement: Node = {
            "@type": "gdprr:RightStatement",
            "gdprr:right": terms.RIGHTS[right.right],
            "gdprr:rightKind": right.right.value,
            "gdprr:status": right.status.value,
        }
        _text(statement, "gdprr:condition", right.condition)
        if right.condition_kind is not None:
            statement["gdprr:conditionKind"] = right.condition_kind.value
        _text(statement, "dct:description", right.text)
        statements.append(statement)
    if statements:
        node["gdprr:rightStatement"] = statements


def _section_states(notice: Notice, register: Register | None) -> list[Node]:
    """Sections the notice says there is none of, states elsewhere or were not assessed:
    the register's sections for a register, the notice's own (DPO...) for None."""
    found = []
    for section in Section:
        if (section in NOTICE_SECTIONS) != (register is None):
            continue
        note = notice.section_note(section, register)
        if note is None or note.state is SectionState.STATED:
            continue
        state: Node = {"@type": "gdprr:SectionState", "gdprr:section": section.value,
                       "gdprr:state": note.state.value}
        _text(state, "gdprr:reference", note.reference)
        _text(state, "dct:description", note.text)
        found.append(state)
    return found


__all__ = ["FORMAT", "export_dpv"]

FORMAT = InteropFormat(
    name="dpv",
    summary="W3C Data Privacy Vocabulary 2.x as JSON-LD (export only)",
    suffix=".jsonld",
    export=export_dpv,
)
