"""Art. 13/14 transparency items, purpose specification and internal consistency."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from gdpr_register.model.enums import (
    DpoStatus,
    LawfulBasis,
    RecipientRole,
    Section,
    SectionState,
)
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Severity, hit, notice_rule, rule
from gdpr_register.rules.catalogue._common import (
    INDIRECT,
    MARKETING_KINDS,
    LazyPattern,
    contains_any,
    facts,
    has_consent,
    indirect_sources,
)

# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``).

GDPR = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
ART13 = "https://gdprhub.eu/index.php?title=Article_13_GDPR"
ART14 = "https://streamlex.eu/articles/gdpr-en-art-14"


# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_DPO_APPOINTED = DpoStatus.APPOINTED
_INFO = Severity.INFO
_LEGITIMATE_INTERESTS = LawfulBasis.LEGITIMATE_INTERESTS
_LOW = Severity.LOW
_DPO_NOT_STATED = DpoStatus.NOT_STATED
_RECIPIENTS_SECTION = Section.RECIPIENTS
_SILENT = SectionState.SILENT
_ROLE_UNSPECIFIED = RecipientRole.UNSPECIFIED


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
    example="`controller: {name: Example Oy}` with no address, e-mail, phone or contact points; "
    "a controller with no name (problem `no-identity`).",
    variants={
        "no-identity": (
            "The notice does not identify the controller (no name)",
            "Name the controller (the legal person or body responsible for the processing)",
        ),
    },
    enforces="Art. 13(1)(a), 14(1)(a): 'the identity and the contact details of the controller'",
    sections=("controller",),
    references=(ART13, GDPR),
)
def art13_1_a(notice: Notice, ctx: Context) -> Iterator[Hit]:
    c = notice.controller
    if not c.name:
        yield hit("$.controller", problem="no-identity", missing="identity")
    reachable = c.address or c.email or c.phone or c.website
    if not reachable and not any(p.channels for p in notice.contact_points):
        yield hit("$.controller", problem="no-contact", missing="contact details")


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
    enforces="Art. 13(1)(b): 'the contact details of the data protection officer, where "
    "applicable'",
    advice="Saying explicitly that no DPO is appointed is good practice (info)",
    sections=("dpo",),
    references=(ART13, "http://gdpr-dpa.co.uk/cgi-bin/gdpr.py?article=37"),
)
def art13_1_b(notice: Notice, ctx: Context) -> Iterator[Hit]:
    dpo = notice.controller.dpo
    if dpo.status is _DPO_APPOINTED and (dpo.contact is None or not dpo.contact.channels):
        yield hit("$.controller.dpo", problem="no-contact")
    elif dpo.status is _DPO_NOT_STATED:
        yield hit("$.controller.dpo", problem="not-stated", severity=_INFO)


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
        "no-basis": (
            "Purpose {purposes} is stated with no legal basis",
            "State the Art. 6(1) basis of every purpose",
        ),
        "not-mapped": (
            "Several bases are pooled for the whole register, so the notice does not say which "
            "one each purpose rests on (purposes without their own basis: {purposes})",
            "Map each purpose to the Art. 6(1) basis it rests on",
        ),
    },
    enforces="Art. 13(1)(c), 14(1)(c): 'the purposes of the processing for which the personal "
    "data are intended as well as the legal basis for the processing'",
    sections=("purposes", "bases"),
    what="Every purpose is stated with its Art. 6(1) basis: a purpose with none, mapped or "
    "pooled, is a finding (`no-basis`). A stated basis that maps to no "
    "Art. 6(1) point and names no law (pre-GDPR wording such as 'customer relationship' or "
    "'other appropriate connection') is a finding naming the text (high). Where two or more "
    "bases are pooled for the whole register and some purposes have no basis of their own, "
    "the notice does not say which basis each of them rests on: a low finding listing those "
    "purposes (a single pooled basis is the basis of every purpose, and no finding).",
    why="Art. 13(1)(c) requires 'the purposes of the processing ... as well as the legal basis "
    "for the processing'; a basis is given 'for one or more specific purposes' (Art. 6(1)(a)) "
    "and a pooled list 'A, B or C' leaves each purpose's basis unknown (catalogue §10). The "
    "Personal Data Act's 'connection requirement' is no GDPR basis (catalogue DEF-02).",
    example="`pooled_bases: [{text: muu asiallinen yhteys}]` (no article) -> problem "
    "`not-a-gdpr-basis`, stated `muu asiallinen yhteys`.",
    references=(ART13, "https://gdprhub.eu/index.php?title=Article_6_GDPR"),
)
def art13_1_c(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    pooled = len(register.pooled_bases)
    if register.purposes and not f.lawless and not (f.unmapped and pooled != 1):
        return ()  # every purpose has a basis, each naming a point or a law, mapped or alone
    hits: list[Hit] = []
    if not register.purposes:
        hits.append(hit(ctx.path, problem="no-purposes", stated=None, purposes=()))
    for i, purpose in enumerate(register.purposes):
        if not register.bases_for(purpose):
            hits.append(hit(f"{ctx.path}.purposes[{i}]", problem="no-basis", stated=None,
                            purposes=(purpose.id,)))
    for path, basis in f.all_bases:
        if basis.article is None and not basis.law:
            hits.append(hit(ctx.path + path, problem="not-a-gdpr-basis", stated=basis.text,
                            purposes=()))
    if len(register.pooled_bases) > 1:
        unmapped = tuple(p.id for p in register.purposes if not p.bases)
        if unmapped:
            hits.append(hit(ctx.path + ".pooled_bases", problem="not-mapped", stated=None,
                            purposes=unmapped, severity=_LOW))
    return hits


_MARKETING_ONLY_LI = frozenset(
    {LawfulBasis.CONTRACT, LawfulBasis.LEGAL_OBLIGATION, LawfulBasis.VITAL_INTERESTS}
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
    variants={
        "implied": (
            "Purpose {purpose} is marketing, which none of the pooled bases ({bases}) can "
            "support and no consent is stated: it can rest only on legitimate interests "
            "(6(1)(f)), which the notice neither states nor explains",
            "State legitimate interests as the basis of the marketing, with the interests "
            "pursued (or collect consent and say so)",
        ),
    },
    enforces="Art. 13(1)(d): 'where the processing is based on point (f) of Article 6(1), the "
    "legitimate interests pursued by the controller or by a third party'",
    sections=("legitimate-interests",),
    what="Where Art. 6(1)(f) is a basis (mapped or pooled), the legitimate interests pursued "
    "are stated with it. Where a marketing purpose has no basis of its own and the register "
    "pools only contract, legal obligation or vital interests (with no consent stated or "
    "collected), the purpose can rest only on 6(1)(f): the interests are then missing too "
    "(problem `implied`).",
    why="Art. 13(1)(d): 'where the processing is based on point (f) of Article 6(1), the "
    "legitimate interests pursued by the controller or by a third party'. Marketing is not "
    "necessary for performing a contract, nor a step taken at the subject's request (Art. "
    "6(1)(b)), nor a legal obligation: prospective customers have no contract at all "
    "(issue 9, catalogue DEF-03).",
    example="`bases: [{article: 6(1)(f)}]` with no `interests`; or a purpose `kinds: "
    "[direct-marketing]` and `pooled_bases: [6(1)(b), 6(1)(c)]`.",
    references=(ART13, "https://edpb.europa.eu/our-work-tools/our-documents/guidelines/"
                "guidelines-22019-processing-personal-data-under-article-61b_en"),
)
def art13_1_d(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    if not f.li_open and not register.pooled_bases:
        return ()
    hits: list[Hit] = []
    if f.li_open:
        li = _LEGITIMATE_INTERESTS
        for j, basis in enumerate(register.pooled_bases):
            if basis.article is li and not basis.interests:
                hits.append(hit(f"{ctx.path}.pooled_bases[{j}]", problem="not-stated", purpose=None,
                                purpose_note="", bases=()))
        for i, item in enumerate(register.purposes):
            for j, basis in enumerate(item.bases):
                if basis.article is li and not basis.interests:
                    hits.append(hit(f"{ctx.path}.purposes[{i}].bases[{j}]", problem="not-stated",
                                    purpose=item.id, purpose_note=f" for {item.id}", bases=()))
    if not register.pooled_bases:
        return hits
    pooled = [b.article for b in register.pooled_bases]
    if None in pooled or not set(pooled) <= _MARKETING_ONLY_LI:
        return hits
    if has_consent(f) or register.consents:
        return hits
    for i, item in enumerate(register.purposes):
        if not item.bases and not MARKETING_KINDS.isdisjoint(item.kinds):
            hits.append(hit(f"{ctx.path}.purposes[{i}]", problem="implied", purpose=item.id,
                            purpose_note="", bases=tuple(sorted(str(a) for a in set(pooled)))))
    return hits


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
def art13_1_e(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    hits: list[Hit] = []
    for i, transfer in enumerate(register.transfers):
        if transfer.recipient is None:
            listed = facts(notice, register, ctx).section_state(_RECIPIENTS_SECTION) is not (
                _SILENT)  # once per register: the facts hold the state
            hits.append(hit(f"{ctx.path}.transfers[{i}]",
                            problem="transfer-not-linked" if listed else "no-recipient",
                            severity=_INFO if listed else None,
                            country=transfer.country, recipient=None))
    for i, recipient in enumerate(register.recipients):
        if recipient.role is _ROLE_UNSPECIFIED:
            hits.append(hit(f"{ctx.path}.recipients[{i}]", problem="role-unspecified",
                            country=recipient.country, recipient=recipient.id, severity=_INFO))
    return hits


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
    enforces="Art. 14(1)(d): 'the categories of personal data concerned'",
    sections=("data-categories",),
    references=(ART14,),
)
def art14_1_d(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    hits: list[Hit] = []
    if not register.data_categories:
        indirect = indirect_sources(register)
        if indirect:
            hits.append(hit(ctx.path, sources=tuple(sid for _, sid in indirect)))
    return hits


_GENERIC_SOURCE = LazyPattern(
    r"^\s*(?:other |external |various |our )?(?:partners?|third[- ]part(?:y|ies)|"
    r"yhteistyökumppan\w*|kolmansi\w* osapuol\w*|ulkopuoli\w* lähte\w*|"
    r"samarbetspartner\w*|tredje part\w*|other sources|external sources)\s*$",
    re.IGNORECASE,
)
# A word each of those names contains: most names have none, and then the pattern (dear to
# compile at start) is not needed.
_GENERIC_STEMS = ("partner", "third", "yhteistyökumppan", "kolmansi", "ulkopuoli", "tredje part",
                  "sources")


def generic_source(name: str) -> bool:
    """Whether a source is named only generically ("partners", "third parties", ...)."""
    # casefold: at least every match the pattern's IGNORECASE finds
    return contains_any(name.casefold(), _GENERIC_STEMS) and (
        _GENERIC_SOURCE.match(name) is not None
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
def art14_2_f(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    hits: list[Hit] = []
    for i, source in enumerate(register.sources):
        if source.kind not in INDIRECT:
            continue
        path = f"{ctx.path}.sources[{i}]"
        if not source.name and not source.description:
            hits.append(hit(path, problem="unidentified", source=source.id, name=None,
                            missing=("name",)))
        elif source.name and generic_source(source.name):
            hits.append(hit(path, problem="generic", source=source.id, name=source.name,
                            missing=(), severity=_INFO))
    return hits

