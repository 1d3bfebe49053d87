"""One line of meaning per document field, with a one-line example where a form is new.

:mod:`gdpr_register.documents.reference` renders these into ``docs/document-format.md``.
"""

from __future__ import annotations

__all__ = ["FIELD_DOCS"]

FIELD_DOCS: dict[str, str] = {
    # Notice
    "Notice.id": "Stable key of the notice (storage and reports use it).",
    "Notice.title": "Title as written (absent when the notice has none).",
    "Notice.kind": "What the document is: an Art. 13/14 notice, a pre-GDPR register "
    "description, or an Art. 30 record.",
    "Notice.language": "Language of the text as written (BCP 47: `fi`, `sv`, `en`).",
    "Notice.updated": "Date the notice says it was updated, to the precision stated: "
    "`updated: 2026-05` or `updated: 2026` (rules use the last day of that period).",
    "Notice.version": "Version label, if the notice has one.",
    "Notice.source": "Where the text comes from (a URL, a file).",
    "Notice.published_at": "Where data subjects find the full notice, as the controller "
    "publishes it: a URL, or a description (`at our office`). The first layer points there "
    "(absent: not stated).",
    "Notice.controller": "The controller.",
    "Notice.joint_controllers": "Joint controllers (Art. 26) named in the notice.",
    "Notice.contact_points": "Contacts for data-protection matters.",
    "Notice.registers": "The registers or processing activities described (at least one; "
    "ids and names unique).",
    "Notice.supervisory_authority": "The supervisory authority the notice names for complaints.",
    "Notice.cited_laws": "Laws the notice cites as its framework, as written.",
    "Notice.waivers": "Acknowledged findings: reported as waived until they expire.",
    "Notice.shared": "Statements made once for every register, which each register inherits "
    "unless it states them itself: `shared: {rights: [...], request_procedure: {...}}`.",
    "Notice.coverage": "Sections stated in another document or not assessed, for every "
    "register: `coverage: {elsewhere: [{section: rights, reference: 'Privacy policy, s. 7'}], "
    "not_assessed: [security]}`.",
    # Controller
    "Controller.name": "Legal name (absent when the notice names none: rules report it).",
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
    "Controller.employees_range": "Staff count as a range, as written: "
    "`employees_range: fewer than 250`.",
    "Controller.public_authority": "Whether the controller is a public authority or body "
    "(Art. 37(1)(a), Art. 6(1) second subparagraph); absent: not stated.",
    "Controller.targets_union": "Art. 3(2): established outside the Union but offering goods "
    "or services to, or monitoring, people in the Union: `targets_union: true`.",
    "Controller.financial_year_end": "Last day of the financial year as `MM-DD` "
    "(accounting retention clocks); `12-31` when absent.",
    # BusinessId
    "BusinessId.scheme": "`fi-ytunnus` (check digit verified) or another lower-case scheme "
    "name (`se-orgnr`, `lei`, ...).",
    "BusinessId.value": "The identifier, e.g. `2316408-3`.",
    # PostalAddress
    "PostalAddress.street": 'Street address, or "c/o" a person (absent: a town only).',
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
    "SupervisoryAuthority.name": "Name as written (`Tietosuojavaltuutettu`); absent for a "
    'generic "the authority of your country": `supervisory_authority: {}`.',
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
    "Register.name": "Name as written (absent when the notice gives none).",
    "Register.kind": "A whole `register` or one processing `activity`.",
    "Register.description": "Description as written.",
    "Register.purposes": "Purposes of processing (ids unique).",
    "Register.purposes_non_exhaustive": 'The list says "such as", "etc.", "among others": '
    "`purposes_non_exhaustive: true`.",
    "Register.pooled_bases": "Lawful bases stated for the register as a whole, mapped to no "
    "purpose.",
    "Register.data_subjects": "Categories of data subjects.",
    "Register.data_categories": "Categories of personal data (ids unique; other fields refer to "
    "them).",
    "Register.categories_non_exhaustive": "The data categories are examples, not a full list.",
    "Register.sources": "Where the data come from.",
    "Register.recipients": "Recipients or categories of recipients, processors included; "
    "`recipients: none` when the notice says data are disclosed to no one.",
    "Register.recipients_non_exhaustive": "The recipients are examples, not a full list.",
    "Register.transfers": "Transfers to third countries or international organisations; "
    "`transfers: none` when the notice says there are none outside the EU/EEA.",
    "Register.retention": "Retention rules, each with its text as stated.",
    "Register.security": "Security measures described.",
    "Register.automated_decisions": "Statement on automated decisions and profiling (absent: "
    "not stated).",
    "Register.rights": "Rights as stated (one entry per right).",
    "Register.request_procedure": "How to exercise the rights.",
    "Register.provision": "Art. 13(2)(e) statement: is providing the data required.",
    "Register.consents": "Consents the notice says are collected, as written: "
    "`consents: [newsletter opt-in]`.",
    "Register.none": "Sections the notice says there is none of: "
    "`none: [special-categories, automated-decisions, marketing, sale]`; a section with its "
    "own key may also be written there (`transfers: none`, `automated_decisions: none`).",
    "Register.coverage": "Sections of this register stated elsewhere or not assessed (adds "
    "to the notice's `coverage`).",
    "Register.information_society_service": "Art. 8(1): an information society service "
    "offered directly to a child: `information_society_service: true`.",
    "Register.automated_processing": "Whether processing is by automated means (Art. 20(1)(b)).",
    "Register.occasional": "Whether the processing is only occasional (Art. 30(5)).",
    "Register.likely_risk": "Whether the processing is likely to result in a risk (Art. 30(5)).",
    "Register.large_scale": "Large-scale processing (Art. 37(1)(b)-(c)).",
    "Register.systematic_monitoring": "Regular and systematic monitoring (Art. 37(1)(b)).",
    "Register.record_kept": "Whether an Art. 30 record is kept for this register (ART30_5).",
    "Register.dpia": "Where the Art. 35 data protection impact assessment is kept, when known: "
    "`dpia: {reference: DPIA-2026-03, date: 2026-03}` (no rule reads it yet).",
    "DpiaReference.reference": "What identifies the assessment: a document number, a file, "
    "an address.",
    "DpiaReference.date": "When it was carried out or last reviewed, to the precision stated "
    "(`2026`, `2026-03`, `2026-03-14`).",
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
    "StatedBasis.cited": "`true`: the notice cites the article itself; `false`: the encoder "
    "inferred it (absent: not recorded).",
    "StatedBasis.subjects": "Data-subject category ids the basis is stated for: "
    "`{article: 6(1)(b), subjects: [customers]}` (absent: all subjects).",
    # SpecialCondition
    "SpecialCondition.text": "The condition as written.",
    "SpecialCondition.article": "The Art. 9(2) point it normalises to.",
    "SpecialCondition.law": "The law it relies on, where 9(2)(b), (g)-(j) need one.",
    "SpecialCondition.cited": "As for a basis: whether the notice cites the article itself.",
    # SubjectCategory
    "SubjectCategory.id": "Stable key.",
    "SubjectCategory.name": "Name as written.",
    "SubjectCategory.description": "Description as written.",
    "SubjectCategory.includes_children": "Whether children are among the subjects (Art. 8); "
    "absent: not stated.",
    # DataCategory
    "DataCategory.id": "Stable key (retention rules, purposes and recipients refer to it).",
    "DataCategory.name": "Name as written.",
    "DataCategory.description": "What the category contains, as written.",
    "DataCategory.special": "Art. 9(1) special category, if it is one.",
    "DataCategory.criminal": "Whether it holds Art. 10 data on convictions and offences.",
    "DataCategory.material": "Kinds of statutory record it holds (`accounting-voucher`, "
    "`accounting-books`, `employment-record`); statutes obliging their keeping apply to it.",
    "DataCategory.national_id": "Holds a national identification number (Art. 87): "
    "`national_id: true`.",
    "DataCategory.provision": "Whether this item is mandatory or optional to provide: "
    "`provision: voluntary`.",
    "DataCategory.origin": "`provided` by the subject, `observed` from their use of the "
    "service, or `derived` by the controller (absent: not stated).",
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
    "Recipient.role": "Processor, independent controller, joint controller, authority, or "
    "`public` (the data are published).",
    "Recipient.description": "Description as written.",
    "Recipient.is_category": "A category of recipients rather than one named organisation.",
    "Recipient.country": "Where it processes the data (ISO code or `unknown`).",
    "Recipient.dpf_certified": "Whether it is on the EU-US Data Privacy Framework List.",
    "Recipient.categories": "Data-category ids it receives (absent: not stated).",
    "Recipient.valid_from": "First day it receives data.",
    "Recipient.valid_until": "Last day it receives data (not before `valid_from`); a month or "
    'year as stated: "until 4/2022" is `valid_until: 2022-04`.',
    "Recipient.arrangement": "Essence of the Art. 26 arrangement, for joint controllers.",
    "Recipient.law": "The law behind a disclosure, as stated: `law: Poliisilaki 872/2011`.",
    # Transfer
    "Transfer.recipient": "Recipient id.",
    "Transfer.country": "Destination (ISO 3166-1 alpha-2, or `unknown`, the default).",
    "Transfer.region": "The destination as a region when no country is named: "
    "`{region: outside-eea}`, `eea`, `global`.",
    "Transfer.mechanism": "Chapter V mechanism, normalised.",
    "Transfer.mechanism_text": "The mechanism as written.",
    "Transfer.derogation": "Art. 49 derogation (only with mechanism `derogation`).",
    "Transfer.copy_available": "How the data subject can obtain a copy of the safeguards.",
    "Transfer.fallback": "A second mechanism relied on if the first fails (SCCs behind the DPF).",
    "Transfer.concluded": "Date the transfer contract was concluded (old-SCC transition).",
    "Transfer.international_organisation": "Name, for transfers to an international organisation.",
    "Transfer.description": "Description as written.",
    "Transfer.alternatives": "Further mechanisms offered as a set: "
    "`{mechanism: scc, alternatives: [bcr, adequacy]}` (lawful if any one is valid).",
    "Transfer.possible": '"may be transferred", "in the event that we transfer": '
    "`possible: true`.",
    # RetentionRule
    "RetentionRule.text": "The rule as written (always required).",
    "RetentionRule.kind": "How the rule is expressed: a `period` (a maximum), `while` (as long "
    "as a condition), a `statutory-hold` (a duty to keep), `indefinite` (\"kept "
    'indefinitely") or `unspecified` (vague text only).',
    "RetentionRule.categories": "Data-category ids it covers (absent: the whole register).",
    "RetentionRule.subjects": "Data-subject category ids it is stated for: "
    "`subjects: [guest-customers]` (absent: all).",
    "RetentionRule.period": 'Duration from the trigger; without a trigger for "10 years" '
    "with no stated start (the engine then reports it undetermined).",
    "RetentionRule.trigger": "Event the period runs from.",
    "RetentionRule.minimum": 'The shortest time kept, "at least 7 hours": '
    "`minimum: {amount: 7, unit: hours}`.",
    "RetentionRule.maximum_only": 'The period is an upper bound ("at most 10 years"): '
    "`maximum_only: true`.",
    "RetentionRule.alternatives": 'Further periods, "2 years after A or 3 years after B": '
    "each a rule of its own, `alternatives: [{text: ..., kind: period, period: ..., "
    "trigger: ...}]`.",
    "RetentionRule.ends": "Which alternative ends the retention, `first` or `last` (absent: "
    "not stated).",
    "RetentionRule.condition": 'For `while`: the condition ("as long as the customer '
    'relationship lasts").',
    "RetentionRule.statute": "Id of a statute in the statute table (e.g. `FI_KPL_2_10_SHORT`).",
    "RetentionRule.law": "The legal reference as cited: a statute, a court precedent or a "
    "contract.",
    # Duration
    "Duration.amount": "Whole number: at most 100,000 minutes, hours or days, 10,000 weeks, "
    "12,000 months or 1,000 years.",
    "Duration.unit": "`minutes`, `hours`, `days`, `weeks` (exact), `months` or `years` "
    "(calendar units, clamped to the month's end): `{amount: 10, unit: minutes}`.",
    "Duration.approximate": '"about 7 years": `{amount: 7, unit: years, approximate: true}`.',
    # Trigger
    "Trigger.kind": "Kind of trigger event.",
    "Trigger.events": "The host application's event kinds that count (required for "
    "`named-event`; a `last-contact` trigger without them is undetermined).",
    "Trigger.year_end": "The period runs from the end of the calendar year of the event: "
    "`{kind: relationship-end, year_end: true}`.",
    # SecurityMeasure
    "SecurityMeasure.kind": "Technical, organisational, physical (locked rooms) or not said.",
    "SecurityMeasure.text": "The measure as written.",
    # AutomatedDecisions
    "AutomatedDecisions.automated_decisions": "Whether Art. 22 automated decisions are made "
    "(absent: not stated).",
    "AutomatedDecisions.profiling": "Whether profiling takes place (absent: not stated).",
    "AutomatedDecisions.text": "The statement as written.",
    "AutomatedDecisions.logic": "Meaningful information about the logic involved.",
    "AutomatedDecisions.significance": "Significance and envisaged consequences.",
    # StatedRight
    "StatedRight.right": "Which right.",
    "StatedRight.status": "`granted`, `conditional` (with `condition`) or `denied` (with "
    "`reason`).",
    "StatedRight.condition": "The condition the notice attaches.",
    "StatedRight.condition_kind": "The condition normalised: `as-in-law`, `only-if-unlawful`, "
    "`only-if-not-necessary`, `only-if-sole-basis`, `some-cases` or `other`.",
    "StatedRight.reason": "Why the notice denies it.",
    "StatedRight.text": "The statement as written.",
    "StatedRight.procedure": "How to exercise this right, where it differs from the register's.",
    "StatedRight.presented_separately": "Presented clearly and separately (Art. 21(4)).",
    # RequestProcedure
    "RequestProcedure.channels": "Where requests are sent.",
    "RequestProcedure.identity_check": "How identity is verified.",
    "RequestProcedure.text": "The procedure as written.",
    "RequestProcedure.response_time": 'The stated time to answer, "within one month": '
    "`response_time: {amount: 1, unit: months}`.",
    "RequestProcedure.charge": "What a request costs, as stated: `charge: free`, "
    "`fee-further-copies`, ...",
    # Provision
    "Provision.requirement": "Statutory, contractual, needed for a contract, voluntary or mixed.",
    "Provision.obliged": "Whether the data subject is obliged to provide the data.",
    "Provision.consequences": "Consequences of not providing them.",
    "Provision.text": "The statement as written.",
    "Notice.translations": "Other language versions of this notice, which may disagree: "
    "`translations: [{language: sv, notice: acme-sv, source: https://...}]`.",
    "Notice.translated": "A field's text in another language, by path: "
    "`translated: [{language: sv, path: '$.registers[0].name', text: Kundregister}]`.",
    # TranslatedText
    "TranslatedText.language": "The language (BCP 47).",
    "TranslatedText.path": "The field, as a path into this document (it must name a text).",
    "TranslatedText.text": "The field's text in that language.",
    # LanguageVersion
    "LanguageVersion.language": "Its language (BCP 47: `fi`, `sv`, `en`).",
    "LanguageVersion.notice": "Its notice id, when that version is encoded too.",
    "LanguageVersion.source": "Where that version is (a URL, a file).",
    "LanguageVersion.title": "Its title as written.",
    # Coverage
    "Coverage.elsewhere": "Sections stated in another layer or document, each with where.",
    "Coverage.not_assessed": "Sections the encoder did not have or did not assess.",
    "Coverage.note": "Why (e.g. only the first page was available).",
    # SectionReference
    "SectionReference.section": "The section.",
    "SectionReference.reference": 'Where it is stated: "Privacy policy, section 7", a URL.',
    "SectionReference.text": 'What the notice says, as written ("see our cookie policy").',
    # SharedStatements
    "SharedStatements.data_subjects": "Data subjects of every register.",
    "SharedStatements.data_categories": "Data categories of every register.",
    "SharedStatements.sources": "Sources of every register.",
    "SharedStatements.recipients": "Recipients of every register.",
    "SharedStatements.transfers": "Transfers of every register.",
    "SharedStatements.retention": "Retention rules of every register.",
    "SharedStatements.security": "Security measures of every register.",
    "SharedStatements.automated_decisions": "The automated-decision statement of every register.",
    "SharedStatements.rights": "Rights of every register.",
    "SharedStatements.request_procedure": "The request procedure of every register.",
    "SharedStatements.provision": "The Art. 13(2)(e) statement of every register.",
    "SharedStatements.consents": "Consents collected, for every register.",
    "SharedStatements.none": "Sections stated as none for every register that does not state "
    "them itself.",
}
