"""The document-format reference (``docs/document-format.md``), generated from the model.

Types, defaults and allowed values come from the attrs classes and enums themselves; the one
line of meaning per field comes from :data:`FIELD_DOCS`. A test keeps both complete: a field
without a description, or a stale committed page, fails it.
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date, datetime
from typing import Any

import attrs

from gdpr_register import model

__all__ = ["DOCUMENT_CLASSES", "FIELD_DOCS", "document_enums", "document_format_markdown"]

DOCUMENT_CLASSES: tuple[type, ...] = (
    model.Notice,
    model.Controller,
    model.BusinessId,
    model.PostalAddress,
    model.DpoStatement,
    model.Party,
    model.ContactPoint,
    model.Channel,
    model.SupervisoryAuthority,
    model.Waiver,
    model.Register,
    model.Purpose,
    model.StatedBasis,
    model.SpecialCondition,
    model.SubjectCategory,
    model.DataCategory,
    model.Source,
    model.Recipient,
    model.Transfer,
    model.RetentionRule,
    model.Duration,
    model.Trigger,
    model.SecurityMeasure,
    model.AutomatedDecisions,
    model.StatedRight,
    model.RequestProcedure,
    model.Provision,
)

FIELD_DOCS: dict[str, str] = {
    # Notice
    "Notice.id": "Stable key of the notice (storage and reports use it).",
    "Notice.title": "Title as written.",
    "Notice.kind": "What the document is: an Art. 13/14 notice, a pre-GDPR register "
    "description, or an Art. 30 record.",
    "Notice.language": "Language of the text as written (BCP 47: `fi`, `sv`, `en`).",
    "Notice.updated": "Date the notice says it was updated.",
    "Notice.version": "Version label, if the notice has one.",
    "Notice.source": "Where the text comes from (a URL, a file).",
    "Notice.controller": "The controller.",
    "Notice.joint_controllers": "Joint controllers (Art. 26) named in the notice.",
    "Notice.contact_points": "Contacts for data-protection matters.",
    "Notice.registers": "The registers or processing activities described (at least one; "
    "ids and names unique).",
    "Notice.supervisory_authority": "The supervisory authority the notice names for complaints.",
    "Notice.cited_laws": "Laws the notice cites as its framework, as written.",
    "Notice.waivers": "Acknowledged findings: reported as waived until they expire.",
    # Controller
    "Controller.name": "Legal name.",
    "Controller.short_name": "Name the notice uses for itself.",
    "Controller.business_id": "Business identifier with its scheme.",
    "Controller.address": "Postal address.",
    "Controller.phone": "Phone number as written.",
    "Controller.email": "E-mail address as written.",
    "Controller.website": "Website as written.",
    "Controller.country": "Member State of the main establishment (its public holidays count "
    "in Art. 12(3) deadlines); defaults to the address's country.",
    "Controller.representative": "Art. 27 representative, for controllers outside the EU.",
    "Controller.dpo": "What the notice says about a data protection officer.",
    "Controller.employees": "Number of employees (Art. 30(5) exemption threshold 250).",
    "Controller.public_authority": "Whether the controller is a public authority or body "
    "(Art. 37(1)(a), Art. 6(1) second subparagraph).",
    "Controller.financial_year_end": "Last day of the financial year as `MM-DD` "
    "(accounting retention clocks); `12-31` when absent.",
    # BusinessId
    "BusinessId.scheme": "`fi-ytunnus` (check digit verified) or another lower-case scheme "
    "name (`se-orgnr`, `lei`, ...).",
    "BusinessId.value": "The identifier, e.g. `2316408-3`.",
    # PostalAddress
    "PostalAddress.street": "Street address.",
    "PostalAddress.postal_code": "Postal code (quote it in YAML to keep leading zeros).",
    "PostalAddress.city": "City or post office.",
    "PostalAddress.country": "ISO 3166-1 alpha-2 code.",
    # DpoStatement
    "DpoStatement.status": "`appointed`, `none` (said explicitly) or `not-stated`.",
    "DpoStatement.contact": "The DPO's contact point (only when appointed).",
    # Party
    "Party.name": "Legal name.",
    "Party.business_id": "Business identifier.",
    "Party.address": "Postal address.",
    "Party.contact": "Contact point.",
    # ContactPoint
    "ContactPoint.kind": 'A `person`, a `role` ("the board"), a `mailbox` or an `organisation`.',
    "ContactPoint.name": "Name of the person, role or mailbox.",
    "ContactPoint.channels": "Ways to reach it.",
    "ContactPoint.note": "What the notice says this contact is for.",
    # Channel
    "Channel.kind": "Channel type.",
    "Channel.value": "Address, number or URL as written.",
    # SupervisoryAuthority
    "SupervisoryAuthority.name": "Name as written (`Tietosuojavaltuutettu`).",
    "SupervisoryAuthority.country": "ISO 3166-1 alpha-2 code.",
    "SupervisoryAuthority.website": "Website as written.",
    "SupervisoryAuthority.contact": "Contact point.",
    # Waiver
    "Waiver.rule": "Rule id the waiver acknowledges (e.g. `ART13_2_e`).",
    "Waiver.justification": "Why the finding is accepted.",
    "Waiver.path": "Only findings at this path are waived (all of the rule's when absent).",
    "Waiver.expires": "Date the waiver expires; an expired waiver is a finding of its own.",
    "Waiver.acknowledged_by": "Who accepted it.",
    # Register
    "Register.id": "Stable key of the register within the notice.",
    "Register.name": "Name as written.",
    "Register.kind": "A whole `register` or one processing `activity`.",
    "Register.description": "Description as written.",
    "Register.purposes": "Purposes of processing (ids unique).",
    "Register.pooled_bases": "Lawful bases stated for the register as a whole, mapped to no "
    "purpose.",
    "Register.data_subjects": "Categories of data subjects.",
    "Register.data_categories": "Categories of personal data (ids unique; other fields refer to "
    "them).",
    "Register.sources": "Where the data come from.",
    "Register.recipients": "Recipients or categories of recipients, processors included.",
    "Register.transfers": "Transfers to third countries or international organisations.",
    "Register.retention": "Retention rules, each with its text as stated.",
    "Register.security": "Security measures described.",
    "Register.automated_decisions": "Statement on automated decisions and profiling (absent: "
    "not stated).",
    "Register.rights": "Rights as stated (one entry per right).",
    "Register.request_procedure": "How to exercise the rights.",
    "Register.provision": "Art. 13(2)(e) statement: is providing the data required.",
    "Register.automated_processing": "Whether processing is by automated means (Art. 20(1)(b)).",
    "Register.occasional": "Whether the processing is only occasional (Art. 30(5)).",
    "Register.likely_risk": "Whether the processing is likely to result in a risk (Art. 30(5)).",
    "Register.large_scale": "Large-scale processing (Art. 37(1)(b)-(c)).",
    "Register.systematic_monitoring": "Regular and systematic monitoring (Art. 37(1)(b)).",
    "Register.record_kept": "Whether an Art. 30 record is kept for this register (ART30_5).",
    # Purpose
    "Purpose.id": "Stable key of the purpose within the register.",
    "Purpose.name": "Purpose as written.",
    "Purpose.description": "Longer description as written.",
    "Purpose.kinds": "Tags rules reason about (direct marketing, analytics, ad targeting...).",
    "Purpose.bases": "Lawful bases mapped to this purpose.",
    "Purpose.special_conditions": "Art. 9(2) conditions for special-category data used for "
    "this purpose.",
    "Purpose.categories": "Data-category ids used for this purpose (absent: all).",
    # StatedBasis
    "StatedBasis.text": "The basis as written (keep non-GDPR wording here, with no article).",
    "StatedBasis.article": "The Art. 6(1) point it normalises to.",
    "StatedBasis.law": "The law behind a 6(1)(c) obligation or 6(1)(e) task.",
    "StatedBasis.interests": "The legitimate interests pursued, for 6(1)(f) (Art. 13(1)(d)).",
    # SpecialCondition
    "SpecialCondition.text": "The condition as written.",
    "SpecialCondition.article": "The Art. 9(2) point it normalises to.",
    "SpecialCondition.law": "The law it relies on, where 9(2)(b), (g)-(j) need one.",
    # SubjectCategory
    "SubjectCategory.id": "Stable key.",
    "SubjectCategory.name": "Name as written.",
    "SubjectCategory.description": "Description as written.",
    "SubjectCategory.includes_children": "Whether children are among the subjects (Art. 8).",
    # DataCategory
    "DataCategory.id": "Stable key (retention rules, purposes and recipients refer to it).",
    "DataCategory.name": "Name as written.",
    "DataCategory.description": "What the category contains, as written.",
    "DataCategory.special": "Art. 9(1) special category, if it is one.",
    "DataCategory.criminal": "Whether it holds Art. 10 data on convictions and offences.",
    "DataCategory.material": "Kinds of statutory record it holds (`accounting-voucher`, "
    "`accounting-books`, `employment-record`); statutes obliging their keeping apply to it.",
    # Source
    "Source.id": "Stable key.",
    "Source.kind": "Who provides the data.",
    "Source.name": "Name of the source as written.",
    "Source.description": "Description as written.",
    "Source.publicly_accessible": "Whether it is a publicly accessible source (Art. 14(2)(f)).",
    "Source.categories": "Data-category ids from this source (absent: not stated).",
    # Recipient
    "Recipient.id": "Stable key (transfers refer to it).",
    "Recipient.name": "Name as written.",
    "Recipient.role": "Processor, independent controller, joint controller or authority.",
    "Recipient.description": "Description as written.",
    "Recipient.is_category": "A category of recipients rather than one named organisation.",
    "Recipient.country": "Where it processes the data (ISO code or `unknown`).",
    "Recipient.dpf_certified": "Whether it is on the EU-US Data Privacy Framework List.",
    "Recipient.categories": "Data-category ids it receives (absent: not stated).",
    "Recipient.valid_from": "First day it receives data.",
    "Recipient.valid_until": "Last day it receives data (not before `valid_from`).",
    "Recipient.arrangement": "Essence of the Art. 26 arrangement, for joint controllers.",
    # Transfer
    "Transfer.recipient": "Recipient id.",
    "Transfer.country": "Destination (ISO 3166-1 alpha-2 or `unknown`).",
    "Transfer.mechanism": "Chapter V mechanism, normalised.",
    "Transfer.mechanism_text": "The mechanism as written.",
    "Transfer.derogation": "Art. 49 derogation (only with mechanism `derogation`).",
    "Transfer.copy_available": "How the data subject can obtain a copy of the safeguards.",
    "Transfer.fallback": "A second mechanism relied on if the first fails (SCCs behind the DPF).",
    "Transfer.concluded": "Date the transfer contract was concluded (old-SCC transition).",
    "Transfer.international_organisation": "Name, for transfers to an international organisation.",
    "Transfer.description": "Description as written.",
    # RetentionRule
    "RetentionRule.text": "The rule as written (always required).",
    "RetentionRule.kind": "How the rule is expressed: a `period` (a maximum), `while` (as long "
    "as a condition), a `statutory-hold` (a duty to keep) or `unspecified` (vague text only).",
    "RetentionRule.categories": "Data-category ids it covers (absent: the whole register).",
    "RetentionRule.period": "Duration from the trigger (with `trigger`).",
    "RetentionRule.trigger": "Event the period runs from (with `period`).",
    "RetentionRule.condition": 'For `while`: the condition ("as long as the customer '
    'relationship lasts").',
    "RetentionRule.statute": "Id of a statute in the statute table (e.g. `FI_KPL_2_10_SHORT`).",
    "RetentionRule.law": "The law as cited in the text.",
    # Duration
    "Duration.amount": "Whole number, 0-1000.",
    "Duration.unit": "`days`, `months` or `years` (months and years clamp to the month's end).",
    # Trigger
    "Trigger.kind": "Kind of trigger event.",
    "Trigger.events": "The host application's event kinds that count (required for "
    "`last-contact` and `named-event`).",
    # SecurityMeasure
    "SecurityMeasure.kind": "Technical, organisational or not said.",
    "SecurityMeasure.text": "The measure as written.",
    # AutomatedDecisions
    "AutomatedDecisions.automated_decisions": "Whether Art. 22 automated decisions are made.",
    "AutomatedDecisions.profiling": "Whether profiling takes place.",
    "AutomatedDecisions.text": "The statement as written.",
    "AutomatedDecisions.logic": "Meaningful information about the logic involved.",
    "AutomatedDecisions.significance": "Significance and envisaged consequences.",
    # StatedRight
    "StatedRight.right": "Which right.",
    "StatedRight.status": "`granted`, `conditional` (with `condition`) or `denied` (with "
    "`reason`).",
    "StatedRight.condition": "The condition the notice attaches.",
    "StatedRight.reason": "Why the notice denies it.",
    "StatedRight.text": "The statement as written.",
    "StatedRight.procedure": "How to exercise this right, where it differs from the register's.",
    "StatedRight.presented_separately": "Presented clearly and separately (Art. 21(4)).",
    # RequestProcedure
    "RequestProcedure.channels": "Where requests are sent.",
    "RequestProcedure.identity_check": "How identity is verified.",
    "RequestProcedure.text": "The procedure as written.",
    # Provision
    "Provision.requirement": "Statutory, contractual, needed for a contract, voluntary or mixed.",
    "Provision.obliged": "Whether the data subject is obliged to provide the data.",
    "Provision.consequences": "Consequences of not providing them.",
    "Provision.text": "The statement as written.",
}


def _type_name(tp: Any) -> str:
    if isinstance(tp, str):
        return tp
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return " or ".join(_type_name(a) for a in inner)
    if origin is tuple:
        return f"list of {_type_name(args[0])}"
    if tp is str:
        return "text"
    if tp is bool:
        return "true/false"
    if tp is int:
        return "integer"
    if tp is date:
        return "date (YYYY-MM-DD)"
    if tp is datetime:
        return "date-time with offset"
    if tp is model.MonthDay:
        return "MM-DD"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    if isinstance(tp, type) and attrs.has(tp):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return getattr(tp, "__name__", str(tp))


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "**required**"
    value = field.default
    if value is None:
        return "absent"
    if value == ():
        return "empty"
    if isinstance(value, enum.Enum):
        return f"`{value.value}`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if attrs.has(type(value)):
        return "see type"
    return f"`{value}`"


def document_enums() -> list[type[enum.Enum]]:
    """Every enum a document field uses, sorted by name."""
    found: dict[str, type[enum.Enum]] = {}
    for cls in DOCUMENT_CLASSES:
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            stack = [hints[field.name]]
            while stack:
                tp = stack.pop()
                if isinstance(tp, type) and issubclass(tp, enum.Enum):
                    found[tp.__name__] = tp
                stack.extend(typing.get_args(tp))
    return [found[name] for name in sorted(found)]


def document_format_markdown() -> str:
    """The whole reference page as Markdown."""
    out = [
        "# Document format",
        "",
        "<!-- Generated by gdpr_register.documents.reference: do not edit by hand. -->",
        "",
        "A notice document is a YAML, JSON or TOML file whose top level is a **Notice**. Field",
        "names are the same in every format. Unknown keys are rejected (with a did-you-mean);",
        "every error names its path, like `$.registers[0].purposes[1].bases[0].article`.",
        "Dates are `YYYY-MM-DD` text (YAML dates are read as text, so an impossible date is",
        "reported at its path); YAML scalars follow YAML 1.2: only `true`/`false` are booleans",
        "(so `NO`, Norway, stays text) and `010` is ten. A key given twice is an error. Files",
        "over 16 MiB, documents nested over 64 levels or expanding to over two million values",
        "(YAML alias bombs) are refused. Writing is atomic and keeps the file's permissions.",
        "",
        "Represent the notice **as written**: keep the text as stated and add the normalised",
        "value (an article, a mechanism) only where the wording supports it. Legal gaps are",
        "not load errors; `gdpr-register check` reports them.",
        "",
        "Shorthand: a lawful basis or Art. 9(2) condition may be written as its article alone",
        "(`bases: [6(1)(b)]`); wording that is no GDPR basis goes in `text` with no article.",
        "",
        "See `examples/valmennuskumppani.yaml` (a real 2018 Finnish notice, defects included).",
        "",
    ]
    for cls in DOCUMENT_CLASSES:
        hints = typing.get_type_hints(cls)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        doc = " ".join(doc.split())
        out += [f"## {cls.__name__}", "", doc, "", "| field | type | default | meaning |"]
        out.append("|---|---|---|---|")
        for field in attrs.fields(cls):
            meaning = FIELD_DOCS[f"{cls.__name__}.{field.name}"]
            out.append(
                f"| `{field.name}` | {_type_name(hints[field.name])} | {_default(field)} "
                f"| {meaning} |"
            )
        out.append("")
    out += ["## Enumerations", ""]
    for enum_type in document_enums():
        values = ", ".join(f"`{m.value}`" for m in enum_type)
        doc = " ".join((enum_type.__doc__ or "").split())
        if doc.startswith(("An enumeration", "Create a collection")):
            doc = ""
        out += [f"### {enum_type.__name__}", "", (doc + " " if doc else "") + values, ""]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(document_format_markdown(), end="")
