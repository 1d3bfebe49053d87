"""Art. 13/14 transparency items, purpose specification and internal consistency."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdpr_register.model import Section, SectionState
from gdpr_register.model.enums import (
    ChannelKind,
    DpoStatus,
    LawfulBasis,
    ProvisionRequirement,
    PurposeKind,
    RecipientRole,
)
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Severity, hit, notice_rule, rule
from gdpr_register.rules.catalogue._common import all_bases, indirect_sources

GDPR = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
ART13 = "https://gdprhub.eu/index.php?title=Article_13_GDPR"
ART14 = "https://streamlex.eu/articles/gdpr-en-art-14"


@notice_rule(
    "ART13_1_a",
    title="Controller identity and contact details",
    severity=Severity.HIGH,
    citation="GDPR Art. 13(1)(a), 14(1)(a)",
    message="The notice names the controller but gives no way to contact it ({missing})",
    fix="Add the controller's postal address and an e-mail address or phone number",
    what="The controller must be identified with its contact details: an address, e-mail, "
    "phone, website or a contact point with a channel. The name alone is not enough.",
    why="Art. 13(1)(a) and 14(1)(a) require 'the identity and the contact details of the "
    "controller and, where applicable, of the controller's representative'.",
    example="`controller: {name: Example Oy}` with no address, e-mail, phone or contact points.",
    references=(ART13, GDPR),
)
def art13_1_a(notice: Notice, ctx: Context) -> Iterator[Hit]:
    c = notice.controller
    reachable = c.address or c.email or c.phone or c.website
    if not reachable and not any(p.channels for p in notice.contact_points):
        yield hit("$.controller", missing="contact details")


@notice_rule(
    "ART13_1_b",
    title="Data protection officer contact details",
    severity=Severity.HIGH,
    citation="GDPR Art. 13(1)(b), 14(1)(b), 37(7)",
    message="A DPO is appointed but the notice gives no contact details for the DPO",
    fix="Publish the DPO's contact details (a mailbox is enough), or state that none is appointed",
    variants={
        "not-stated": (
            "The notice does not say whether a data protection officer is appointed",
            "State 'no DPO is appointed' (dpo: {{status: none}}) or give the DPO's contacts",
        )
    },
    what="Where a DPO is appointed, the notice gives the DPO's contact details (high). Where "
    "the notice says nothing about a DPO, an info finding suggests saying so explicitly.",
    why="Art. 13(1)(b): 'the contact details of the data protection officer, where "
    "applicable'; Art. 37(7) asks the contacts to be published. Silence is not a breach where "
    "no DPO is mandatory (see ART37_1), hence only info.",
    example="`dpo: {status: appointed}` without `contact`; or `dpo: {status: not-stated}` (info).",
    references=(ART13, "http://gdpr-dpa.co.uk/cgi-bin/gdpr.py?article=37"),
)
def art13_1_b(notice: Notice, ctx: Context) -> Iterator[Hit]:
    dpo = notice.controller.dpo
    if dpo.status is DpoStatus.APPOINTED and (dpo.contact is None or not dpo.contact.channels):
        yield hit("$.controller.dpo", problem="no-contact")
    elif dpo.status is DpoStatus.NOT_STATED:
        yield hit("$.controller.dpo", problem="not-stated", severity=Severity.INFO)


@rule(
    "ART13_1_c",
    title="Purposes and the lawful basis of each",
    severity=Severity.HIGH,
    citation="GDPR Art. 13(1)(c), 14(1)(c), 6(1)",
    message="The basis {stated!r} is no Art. 6(1) lawful basis",
    fix="Replace the wording with the Art. 6(1) point(s) that apply and map each to its purposes",
    variants={
        "no-purposes": (
            "The register states no purposes of processing",
            "List every purpose, each with its Art. 6(1) basis",
        ),
        "not-mapped": (
            "Bases are pooled for the whole register, not mapped per purpose "
            "(purposes without their own basis: {purposes})",
            "Map each purpose to the Art. 6(1) basis it rests on",
        ),
    },
    what="Every purpose is stated with its own Art. 6(1) basis. A stated basis that maps to no "
    "Art. 6(1) point (pre-GDPR wording such as 'customer relationship' or 'other appropriate "
    "connection') is a finding naming the text; bases listed for the whole register but not "
    "mapped to purposes are a finding listing the purposes left without their own basis.",
    why="Art. 13(1)(c) requires 'the purposes of the processing ... as well as the legal basis "
    "for the processing'; the data subject must be able to tell which basis covers which "
    "purpose. The Personal Data Act's 'connection requirement' is no GDPR basis (catalogue "
    "DEF-02).",
    example="`pooled_bases: [{text: muu asiallinen yhteys}]` (no article) -> problem "
    "`not-a-gdpr-basis`, stated `muu asiallinen yhteys`.",
    references=(ART13, "https://gdprhub.eu/index.php?title=Article_6_GDPR"),
)
def art13_1_c(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    if not register.purposes:
        yield hit(ctx.path, problem="no-purposes", stated=None, purposes=())
    for path, basis in all_bases(register):
        if basis.article is None:
            yield hit(ctx.path + path, problem="not-a-gdpr-basis", stated=basis.text, purposes=())
    if register.pooled_bases:
        unmapped = tuple(p.id for p in register.purposes if not p.bases)
        if unmapped:
            yield hit(
                ctx.path + ".pooled_bases", problem="not-mapped", stated=None, purposes=unmapped
            )


@rule(
    "ART13_1_d",
    title="Legitimate interests pursued",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 13(1)(d), 14(2)(b)",
    message="Legitimate interests (Art. 6(1)(f)) are a basis{purpose_note} but the interests "
    "pursued are not stated",
    fix="State the legitimate interests pursued (e.g. 'informing existing customers of similar "
    "services')",
    what="Where Art. 6(1)(f) is a basis, the legitimate interests pursued by the controller or "
    "a third party are stated with it.",
    why="Art. 13(1)(d): 'where the processing is based on point (f) of Article 6(1), the "
    "legitimate interests pursued by the controller or by a third party'.",
    example="`bases: [{article: 6(1)(f)}]` with no `interests`.",
    references=(ART13,),
)
def art13_1_d(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for path, basis in all_bases(register):
        if basis.article is LawfulBasis.LEGITIMATE_INTERESTS and not basis.interests:
            purpose = None
            if path.startswith(".purposes["):
                purpose = register.purposes[int(path[10:path.index("]")])].id
            note = f" for {purpose}" if purpose else ""
            yield hit(ctx.path + path, purpose=purpose, purpose_note=note)


@rule(
    "ART13_1_e",
    title="Recipients or categories of recipients",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 13(1)(e), 14(1)(e), 4(9)",
    message="A transfer to {country} names no recipient, and the register names no recipients "
    "or categories of recipients",
    fix="Name the recipient (or its category) of every disclosure and transfer",
    variants={
        "role-unspecified": (
            "The recipient {recipient} is listed without saying whether it is a processor or a "
            "controller",
            "Say whether the recipient acts as processor (Art. 28) or as a controller",
        ),
        "transfer-not-linked": (
            "The transfer to {country} does not say which of the listed recipients receives "
            "the data",
            "Link the transfer to its recipient (recipient: <id>)",
        ),
    },
    what="A transfer that names no recipient, in a register that lists no recipients or "
    "categories of recipients, is a finding (the notice says data leave the EEA but not to "
    "whom). Where recipients are listed (or stated elsewhere / not assessed), an unlinked "
    "transfer is only `info`, and so is a recipient listed without its role (processor, "
    "controller, joint controller, authority): Art. 13(1)(e) asks for recipients or their "
    "categories, not their roles (good practice, WP260).",
    why="Art. 13(1)(e) requires 'the recipients or categories of recipients of the personal "
    "data, if any'; processors are recipients too (Art. 4(9)). Naming each recipient's role is "
    "guidance, not a requirement (catalogue §10).",
    example="`transfers: [{country: US, mechanism: scc-2021}]` with no `recipient` and "
    "`recipients: []`.",
    enforces="Art. 13(1)(e), 14(1)(e): 'the recipients or categories of recipients of the "
    "personal data, if any'",
    advice="WP260: say each recipient's role (processor or controller) and link each transfer "
    "to its recipient",
    sections=("recipients",),
    references=(ART13, "https://gdprhub.eu/index.php?title=Article_28_GDPR"),
)
def art13_1_e(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    listed = notice.section_state(Section.RECIPIENTS, register) is not SectionState.SILENT
    for i, transfer in enumerate(register.transfers):
        if transfer.recipient is None:
            yield hit(f"{ctx.path}.transfers[{i}]",
                      problem="transfer-not-linked" if listed else "no-recipient",
                      severity=Severity.INFO if listed else None,
                      country=transfer.country, recipient=None)
    for i, recipient in enumerate(register.recipients):
        if recipient.role is RecipientRole.UNSPECIFIED:
            yield hit(f"{ctx.path}.recipients[{i}]", problem="role-unspecified",
                      country=recipient.country, recipient=recipient.id, severity=Severity.INFO)


@rule(
    "ART13_2_e",
    title="Whether providing the data is required, and the consequences of not",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 13(2)(e)",
    message="The notice does not say whether providing the data is a statutory or contractual "
    "requirement, whether the data subject is obliged, or what happens if not",
    fix="Add a provision statement: required for the contract / voluntary, and the consequence "
    "of not providing the data",
    variants={
        "incomplete": (
            "The provision statement lacks {missing}",
            "Complete the provision statement ({missing})",
        )
    },
    what="Each register states whether providing the data is a statutory or contractual "
    "requirement or needed to enter a contract, whether the data subject is obliged, and the "
    "consequences of not providing it (for anything but voluntary provision).",
    why="Art. 13(2)(e) lists all three elements (catalogue DEF-08).",
    example="A register without `provision`; or `provision: {requirement: contractual}` with "
    "no `obliged` and no `consequences`.",
    references=(ART13,),
)
def art13_2_e(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    provision = register.provision
    if provision is None:
        missing_all = ("requirement", "obliged", "consequences")
        yield hit(ctx.path, problem="not-stated", missing=missing_all)
        return
    if provision.requirement is ProvisionRequirement.VOLUNTARY:
        return
    missing = tuple(
        name
        for name, value in (
            ("obliged", provision.obliged), ("consequences", provision.consequences)
        )
        if value is None
    )
    if missing:
        yield hit(ctx.path + ".provision", problem="incomplete", missing=missing)


@rule(
    "ART13_2_f",
    title="Automated decision-making and profiling",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 13(2)(f), 14(2)(g), 22",
    message="Automated decision-making or profiling is used, but the notice lacks {missing}",
    fix="Explain the logic involved and the significance and envisaged consequences",
    variants={
        "not-stated": (
            "The notice does not say whether automated decision-making or profiling is used",
            "Add a statement on automated decision-making and profiling",
        )
    },
    what="Where automated decisions (Art. 22(1),(4)) or profiling are used, the notice gives "
    "meaningful information about the logic involved and the significance and envisaged "
    "consequences. A register with no statement at all gets an info finding.",
    why="Art. 13(2)(f): 'the existence of automated decision-making, including profiling ... "
    "and, at least in those cases, meaningful information about the logic involved, as well "
    "as the significance and the envisaged consequences'.",
    example="`automated_decisions: {automated_decisions: true, profiling: false}` without "
    "`logic` and `significance`.",
    references=(ART13, "https://gdprhub.eu/index.php?title=Article_22_GDPR"),
)
def art13_2_f(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    adm = register.automated_decisions
    if adm is None:
        yield hit(ctx.path, problem="not-stated", missing=(), severity=Severity.INFO)
        return
    if adm.automated_decisions or adm.profiling:
        missing = tuple(
            name for name, value in (("logic", adm.logic), ("significance", adm.significance))
            if not value
        )
        if missing:
            yield hit(ctx.path + ".automated_decisions", problem="incomplete", missing=missing)


_PROFILING_KINDS = frozenset({PurposeKind.PROFILING, PurposeKind.AD_TARGETING})
_MARKETING_KINDS = frozenset({PurposeKind.MARKETING, PurposeKind.DIRECT_MARKETING})


@rule(
    "ART12_1",
    title="The notice contradicts itself on profiling",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 12(1), 13(2)(f)",
    message="The notice says there is no profiling, but purpose {purpose} is {kinds}",
    fix="Correct the statement on profiling, or the purpose, so that they agree",
    what="A register whose statement says 'no profiling' must not have a purpose tagged "
    "profiling or ad targeting, or one combining analytics with marketing.",
    why="Art. 12(1) asks for information that is 'concise, transparent, intelligible'; a "
    "notice that contradicts itself is none of these (catalogue §9 ART12_1, DEF-12).",
    example="`automated_decisions: {profiling: false, ...}` with a purpose `kinds: "
    "[ad-targeting]`.",
    references=("https://gdprhub.eu/index.php?title=Article_12_GDPR",),
)
def art12_1(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    adm = register.automated_decisions
    if adm is None or adm.profiling:
        return
    for i, purpose in enumerate(register.purposes):
        kinds = set(purpose.kinds)
        hits = kinds & _PROFILING_KINDS
        if PurposeKind.ANALYTICS in kinds and kinds & _MARKETING_KINDS:
            hits |= {PurposeKind.ANALYTICS}
        if hits:
            yield hit(f"{ctx.path}.purposes[{i}]", purpose=purpose.id,
                      kinds=tuple(sorted(k.value for k in hits)))


_OPEN_ENDED = re.compile(
    r"\betc\b|\bjne\b|\bmm\.|\bmuun muassa\b|\bmuut(?:hin)? (?:vastaavat )?(?:tarkoitukset|"
    r"käyttötarkoitukset)|\bother purposes\b|\band so on\b|\bamong others\b|"
    r"\bincluding but not limited to\b|\bbland annat\b|\bm\.m\.",
    re.IGNORECASE,
)
# Substrings every match contains: a C-speed prefilter before the regex (hot path).
_OPEN_ENDED_HINTS = ("etc", "jne", "mm.", "muun muassa", "muut", "muihin", "other purposes",
                     "and so on", "among others", "including but", "bland annat", "m.m.")


def _open_ended(text: str) -> re.Match[str] | None:
    folded = text.lower()
    if not any(h in folded for h in _OPEN_ENDED_HINTS):
        return None
    return _OPEN_ENDED.search(text)


@rule(
    "ART5_1_b",
    title="Purposes specified and explicit",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 5(1)(b)",
    message="The purposes are open-ended: {excerpt!r}",
    fix="List every purpose explicitly; drop 'etc.', 'among others' and 'other purposes'",
    what="Purpose names and descriptions, and the register's description of its use, must not "
    "leave the list open ('etc.', 'among others', 'mm.', 'other purposes').",
    why="Art. 5(1)(b): data are 'collected for specified, explicit and legitimate purposes'; "
    "an open list is neither (catalogue §9 ART5_1_b).",
    example="`description: 'customer relationship (among others marketing, sales)'`.",
    references=("https://gdprhub.eu/index.php?title=Article_5_GDPR",),
)
def art5_1_b(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    texts = [(ctx.path + ".description", register.description)]
    for i, purpose in enumerate(register.purposes):
        texts.append((f"{ctx.path}.purposes[{i}].name", purpose.name))
        texts.append((f"{ctx.path}.purposes[{i}].description", purpose.description))
    for path, text in texts:
        if text and (match := _open_ended(text)):
            start = max(0, match.start() - 30)
            yield hit(path, excerpt=text[start:match.end() + 30].strip())


@rule(
    "ART14_1_d",
    title="Categories of personal data (data from other sources)",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 14(1)(d)",
    message="Data come from other sources ({sources}) but no categories of personal data are "
    "stated",
    fix="List the categories of personal data concerned",
    what="Where data are not obtained from the data subject (a source other than the subject "
    "or the controller's own observation), the notice states the categories of data.",
    why="Art. 14(1)(d) adds 'the categories of personal data concerned' to the Art. 13 list "
    "for indirectly collected data.",
    example="`sources: [{kind: third-party, ...}]` and `data_categories: []`.",
    references=(ART14,),
)
def art14_1_d(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    if not register.data_categories:
        indirect = indirect_sources(register)
        if indirect:
            yield hit(ctx.path, sources=tuple(sid for _, sid in indirect))


_GENERIC_SOURCE = re.compile(
    r"^\s*(?:other |external |various |our )?(?:partners?|third[- ]part(?:y|ies)|"
    r"yhteistyökumppan\w*|kolmansi\w* osapuol\w*|ulkopuoli\w* lähte\w*|"
    r"samarbetspartner\w*|tredje part\w*|other sources|external sources)\s*$",
    re.IGNORECASE,
)


@rule(
    "ART14_2_f",
    title="Source of the data (data from other sources)",
    severity=Severity.LOW,
    citation="GDPR Art. 14(2)(f), Recital 61",
    message="The source {source} is not identified: it has neither a name nor a description",
    fix="Name the source, or at least describe its kind (e.g. 'the credit information "
    "register of Suomen Asiakastieto Oy')",
    variants={
        "generic": (
            "The source {source} is named only generically ({name!r})",
            "Name the organisations the data come from, or describe their kind and sector",
        ),
    },
    what="Each indirect source (third party, the subject's organisation, other) is identified "
    "by a name or a description (low when it has neither). A named source satisfies Art. "
    "14(2)(f); which categories each source supplies is not required. A source named only "
    "generically ('partners', 'third parties') is `info` advice: WP260 asks for the "
    "organisations or at least their kind and sector.",
    why="Art. 14(2)(f): 'from which source the personal data originate, and if applicable, "
    "whether it came from publicly accessible sources'; Recital 61 allows general information "
    "where various sources were used (catalogue DEF-18, §10).",
    example="`sources: [{id: partners, kind: third-party}]` (no name, no description).",
    enforces="Art. 14(2)(f): 'from which source the personal data originate, and if applicable, "
    "whether it came from publicly accessible sources'",
    advice="WP260: name the organisations a generic source ('partners') stands for, or at least "
    "their kind and sector",
    sections=("sources",),
    references=(ART14,),
)
def art14_2_f(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, _sid in indirect_sources(register):
        source = register.sources[i]
        path = f"{ctx.path}.sources[{i}]"
        if not source.name and not source.description:
            yield hit(path, problem="unidentified", source=source.id, name=None,
                      missing=("name",))
        elif source.name and _GENERIC_SOURCE.match(source.name):
            yield hit(path, problem="generic", source=source.id, name=source.name,
                      missing=(), severity=Severity.INFO)


@notice_rule(
    "ART12_2_BARRIER",
    title="Barriers to exercising rights",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 12(2), 12(6); EDPB Guidelines 01/2022 §73-79",
    message="Requests can only be made {barrier}",
    fix="Accept requests through the usual channels (e-mail, web form, post); ask for "
    "identification only with reasonable doubts and never demand an ID copy by default",
    what="A request procedure that demands a copy of an identity document, or accepts "
    "requests only in person, is a barrier.",
    why="Art. 12(2): the controller 'shall facilitate the exercise of data subject rights'; "
    "Art. 12(6) allows further identification only with reasonable doubts; EDPB 01/2022 "
    "§73-79 calls ID copies generally disproportionate (S).",
    example="`request_procedure: {identity_check: id-document}`.",
    references=("https://gdprhub.eu/index.php?title=Article_12_GDPR",),
)
def art12_2_barrier(notice: Notice, ctx: Context) -> Iterator[Hit]:
    for index, register in enumerate(notice.registers):
        procedures = [(f"$.registers[{index}].request_procedure", register.request_procedure)]
        procedures += [
            (f"$.registers[{index}].rights[{j}].procedure", r.procedure)
            for j, r in enumerate(register.rights)
        ]
        for path, procedure in procedures:
            if procedure is None:
                continue
            if procedure.identity_check.value == "id-document":
                yield hit(path, register=register.id, barrier="with a copy of an identity document")
            kinds = {c.kind for c in procedure.channels}
            if kinds == {ChannelKind.IN_PERSON}:
                yield hit(path, register=register.id, barrier="in person")
