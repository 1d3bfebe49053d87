"""Chapter V transfers (Arts. 44-49) and their Art. 13(1)(f) information, on the ``as_of`` date.

The Art. 49 derogation rules are in :mod:`._derogations`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from gdpr_register.model import Section, SectionState
from gdpr_register.model.countries import UNKNOWN_COUNTRY
from gdpr_register.model.enums import TransferMechanism
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import ArgValue, Context, Hit, Severity, hit, rule
from gdpr_register.rules._facts import facts
from gdpr_register.rules.catalogue._chapter5 import (
    Export,
    Judgement,
    destination,
    exports,
    judgement,
    mechanisms,
    needs_copy_info,
)

# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``): the
# same facts, without a function call per rule and register on the hot path.

TRANSFERS = "https://tietosuoja.fi/en/transfers-of-personal-data-outside-the-eu-and-eea"
ADEQUACY = (
    "https://commission.europa.eu/law/law-topic/data-protection/"
    "international-dimension-data-protection/adequacy-decisions_en"
)


@rule(
    "ART44",
    title="A transfer outside the EEA needs a mechanism valid on the date",
    severity=Severity.HIGH,
    citation="GDPR Art. 44, 45, 46, 49",
    message="The transfer to {recipient} ({country}) rests on {mechanism}, which is not valid "
    "on {as_of}: {reason}{since_note}",
    fix="Put the transfer on a current mechanism: an adequacy decision in force, DPF "
    "certification of the exact recipient, or SCCs 2021/914 with a transfer impact assessment",
    variants={
        "undetermined": (
            "Cannot tell whether the transfer to {recipient} ({country}) is lawful on {as_of}: "
            "{reason}",
            "State the facts that decide it (the mechanism, the recipient's DPF certification, "
            "the derogation, the destination)",
        ),
        "possible": (
            "If the possible transfer to {recipient} ({country}) takes place, {mechanism} does "
            "not cover it on {as_of}: {reason}{since_note}",
            "Put any such transfer on a current mechanism before it takes place",
        ),
        "scc-version-not-stated": (
            "The transfer to {recipient} ({country}) rests on standard contractual clauses "
            "whose version is not stated; only SCCs 2021/914 are valid on {as_of}",
            "Check that the contract uses the 2021/914 clauses and say so (mechanism: scc-2021)",
        ),
    },
    what="Every transfer to a country outside the EEA on `as_of` (or to an international "
    "organisation, or to an unknown destination) whose recipient is active that day "
    "(valid_from/valid_until) rests on a mechanism valid that day. It is lawful if any "
    "stated mechanism (`mechanism`, `fallback`, `alternatives`) is valid, or if the law "
    "itself covers it (Art. 45(1)): a full adequacy decision for the destination, or the "
    "EU-US Data Privacy Framework (from 2023-07-10) for a US recipient stated to be certified, "
    "whatever the notice names (ART13_1_f reports a missing or false statement). Validity: "
    "SCCs 2021/914 from 2021-06-27; old SCCs only if concluded before 2021-09-27 and only "
    "until 2022-12-27; SCCs with no version are read as whichever set was valid (info note "
    "after 2021-09-27); Safe Harbour (to 2015-10-06) and Privacy Shield (to 2020-07-16) only "
    "ever covered the United States. High only when every stated mechanism is invalid on "
    "stated facts. Unknown facts are never read against the controller: no mechanism named, "
    "DPF certification not stated, a derogation not named, an unknown destination or an old "
    "SCC without conclusion date in the grace period give one `info` (problem "
    "`undetermined`). A possible transfer ('may be transferred') on an invalid mechanism is "
    "`info` here (problem `possible`); ART13_1_f reports the statement.",
    why="Art. 44: 'Any transfer of personal data ... shall take place only if ... the "
    "conditions laid down in this Chapter are complied with'; Art. 45(1): a transfer on an "
    "adequacy decision 'shall not require any specific authorisation'. Schrems I (C-362/14) "
    "and Schrems II (C-311/18) invalidated Safe Harbour and Privacy Shield, which covered "
    "only self-certified US organisations (Decisions 2000/520/EC and (EU) 2016/1250); "
    "Decision 2021/914 Art. 4 ended the old SCCs; Decision (EU) 2023/1795 Art. 1 covers "
    "organisations on the DPF List (catalogue §4, DEF-01).",
    example="`transfers: [{recipient: facebook, country: US, mechanism: privacy-shield}]` as "
    "of 2026-11-25 -> reason `invalidated`, since 2020-07-16; as of 2018-09-05 no finding.",
    enforces="Art. 44: 'Any transfer of personal data which are undergoing processing or are "
    "intended for processing after transfer to a third country or to an international "
    "organisation shall take place only if, subject to the other provisions of this "
    "Regulation, the conditions laid down in this Chapter are complied with by the "
    "controller and processor'",
    advice="Info only where the facts that decide it are not stated (mechanism, DPF "
    "certification, derogation, destination, conclusion date of old SCCs), for a "
    "possible transfer, and for SCCs whose version is not stated",
    sections=("transfers",),
    references=(TRANSFERS, ADEQUACY, "https://curia.europa.eu/juris/liste.jsf?num=C-311/18"),
)
def art44(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    as_of = ctx.as_of
    hits: list[Hit] = []
    for export in exports(f):
        recipient = export.recipient
        if recipient is not None and not recipient.active_on(as_of):
            continue  # the recipient relationship had not started or had ended on as_of
        found = judgement(f, export)
        lawful = found.lawful
        if lawful is True:
            if found.scc_unversioned and as_of >= _OLD_SCC_CUTOFF:
                hits.append(_hit(ctx, export, "scc-version-not-stated", _INFO, found))
        elif lawful is None:
            hits.append(_hit(ctx, export, "undetermined", _INFO, found))
        elif export.transfer.possible:
            hits.append(_hit(ctx, export, "possible", _INFO, found))
        else:
            hits.append(_hit(ctx, export, "invalid", None, found))
    return hits


def _args(found: Judgement, export: Export, ctx: Context) -> dict[str, ArgValue]:
    recipient, transfer, verdict = export.recipient, export.transfer, found.verdict
    return {
        "recipient": recipient.name if recipient else transfer.recipient,
        "country": destination(transfer),
        "mechanism": found.mechanism.value,
        "reason": verdict.reason,
        "since": verdict.since,
        "as_of": ctx.as_of,
        "since_note": f" (since {verdict.since.isoformat()})" if verdict.since else "",
    }


def _hit(ctx: Context, export: Export, problem: str, severity: Severity | None,
         found: Judgement) -> Hit:
    return Hit(f"{ctx.path}.transfers[{export.index}]",
               {"problem": problem, **_args(found, export, ctx)}, severity=severity)


_OLD_SCC_CUTOFF = date(2021, 9, 27)
# Members read on every register, as module constants: on Python 3.11 a member read from its
# class costs several times a global (EnumType's attribute lookup).
_INFO = Severity.INFO
_NONE, _TRANSFERS = SectionState.NONE, Section.TRANSFERS
_DPF_ONLY = (TransferMechanism.DPF,)
_ADEQUACY = TransferMechanism.ADEQUACY


@rule(
    "ART13_1_f",
    title="Transfers: the mechanism and how to obtain a copy of the safeguards",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 13(1)(f), 14(1)(f)",
    message="The transfer to {country} does not say which mechanism it rests on",
    fix="Name the adequacy decision or the safeguards the transfer rests on",
    variants={
        "no-copy-info": (
            "The transfer to {country} rests on {mechanism} but the notice does not say how to "
            "obtain a copy of the safeguards",
            "Say how to obtain a copy of the safeguards (e.g. 'ask privacy@... for a copy of "
            "the SCCs')",
        ),
        "invalid-mechanism": (
            "The notice tells data subjects that the transfer to {country} rests on "
            "{mechanism}, which is not valid on {as_of} ({reason})",
            "Tell data subjects the mechanism the transfer actually rests on today",
        ),
        "invalid-alongside-valid": (
            "The notice also names {mechanism} for the transfer to {country}, which is not "
            "valid on {as_of} ({reason})",
            "Drop the mechanism that no longer applies from the notice",
        ),
        "undeclared": (
            "Recipient {recipient} is in {country}, outside the EEA, but no transfer to it is "
            "declared",
            "Declare the transfer with its mechanism, or correct the recipient's country",
        ),
        "contradiction": (
            "The notice says there are no transfers outside the EEA, but recipient {recipient} "
            "is in {country}",
            "Check where the recipient processes the data and correct either statement",
        ),
    },
    what="A declared transfer outside the EEA names its mechanism (or the adequacy decision); "
    "`transfers: none` answers the duty. A transfer on Art. 46/47 safeguards (SCCs, BCRs, "
    "codes, certification, clauses) or on the 49(1) second subparagraph says how to obtain "
    "a copy. A mechanism the notice tells data subjects about that is invalid on `as_of` "
    "(Privacy Shield after 2020-07-16, Safe Harbour for any country but the US, the DPF for "
    "a recipient stated not to be certified ...) makes the statement false (medium; `info` "
    "when another stated mechanism is valid). A recipient located outside the EEA on `as_of` "
    "without a declared transfer is a finding; where the notice says there are no transfers, "
    "that is an `info` contradiction to check.",
    why="Art. 13(1)(f): 'where applicable, the fact that the controller intends to transfer "
    "personal data to a third country ... and the existence or absence of an adequacy "
    "decision ..., or in the case of transfers referred to in Article 46 or 47, or the second "
    "subparagraph of Article 49(1), reference to the appropriate or suitable safeguards and "
    "the means by which to obtain a copy of them'. A reference to a mechanism that no longer "
    "exists is no reference to the safeguards.",
    example="`{country: US, mechanism: scc-2021}` without `copy_available`; `{country: US, "
    "mechanism: privacy-shield}` as of 2026-11-25 (invalid-mechanism).",
    enforces="Art. 13(1)(f), 14(1)(f): 'where applicable, the fact that the controller intends to "
    "transfer personal data to a third country or international organisation and the "
    "existence or absence of an adequacy decision by the Commission, or in the case of "
    "transfers referred to in Article 46 or 47, or the second subparagraph of Article "
    "49(1), reference to the appropriate or suitable safeguards and the means by which "
    "to obtain a copy of them or where they have been made available'",
    advice="Info: a stated mechanism no longer valid beside a valid one; a recipient abroad "
    "where the notice says there are no transfers",
    sections=("transfers",),
    references=(TRANSFERS,),
)
def art13_1_f(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    hits: list[Hit] = []
    for export in exports(f):
        transfer = export.transfer
        if not export.named:
            hits.append(hit(f"{ctx.path}.transfers[{export.index}]", problem="no-mechanism",
                            country=destination(transfer), mechanism=None,
                            recipient=transfer.recipient))
            continue
        found = judgement(f, export)
        for mechanism, verdict in found.invalid:
            told_valid = found.lawful is True and found.by_law is None
            hits.append(hit(
                f"{ctx.path}.transfers[{export.index}]",
                problem="invalid-alongside-valid" if told_valid else "invalid-mechanism",
                severity=_INFO if told_valid else None, country=destination(transfer),
                mechanism=mechanism.value, reason=verdict.reason, as_of=ctx.as_of,
                recipient=transfer.recipient,
            ))
        # copy_available first: the cheaper test, and most transfers state it.
        if not transfer.copy_available and needs_copy_info(transfer, found):
            hits.append(hit(f"{ctx.path}.transfers[{export.index}]", problem="no-copy-info",
                            country=destination(transfer), mechanism=found.mechanism.value,
                            recipient=transfer.recipient))
    declared: set[str | None] | None = None  # built only for a recipient outside the EEA
    law = f.law
    for i, recipient in enumerate(register.recipients):
        country_ = recipient.country
        if country_ is None or country_ == UNKNOWN_COUNTRY or law.is_eea(country_):
            continue
        if declared is None:
            declared = {transfer.recipient for transfer in register.transfers}
        if recipient.id not in declared and recipient.active_on(ctx.as_of):
            none_stated = f.section_state(_TRANSFERS) is _NONE
            hits.append(hit(
                f"{ctx.path}.recipients[{i}]",
                problem="contradiction" if none_stated else "undeclared",
                severity=_INFO if none_stated else None,
                country=country_, mechanism=None, recipient=recipient.id,
            ))
    return hits


@rule(
    "ART45_DPF",
    title="A DPF transfer keeps an SCC fallback",
    severity=Severity.INFO,
    citation="GDPR Art. 45; Implementing Decision (EU) 2023/1795; C-703/25 P (pending)",
    message="The transfer to {recipient} rests on the EU-US Data Privacy Framework with no "
    "fallback mechanism",
    fix="Conclude SCCs 2021/914 with the recipient as a fallback (fallback: scc-2021)",
    what="Advice: a transfer on the DPF names a fallback or alternative mechanism (normally "
    "SCCs 2021/914), because the DPF decision carries a risk flag. No article requires a "
    "fallback, so this is `info` only.",
    why="The DPF adequacy decision is under appeal (C-703/25 P, lodged 31 Oct 2025) and "
    "exposed to US developments (Trump v. Slaughter); keeping SCCs ready is prudent, not a "
    "legal duty (catalogue §4.2, §10).",
    example="`{country: US, mechanism: dpf}` without `fallback` or `alternatives`.",
    enforces="",
    advice="Keep an SCC fallback for transfers on the DPF: Decision (EU) 2023/1795 is under "
    "appeal (C-703/25 P); no article requires it",
    sections=("transfers",),
    references=(ADEQUACY, "https://eur-lex.europa.eu/eli/C/2025/6610/oj"),
)
def art45_dpf(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    named_all = mechanisms(f)
    if _DPF_ONLY not in named_all:  # one C-level scan rules out most registers
        return []
    hits: list[Hit] = []
    for i, named in enumerate(named_all):
        if named == _DPF_ONLY:
            hits.append(hit(f"{ctx.path}.transfers[{i}]",
                            recipient=register.transfers[i].recipient))
    return hits


@rule(
    "ART45_SCOPE",
    title="A partial adequacy decision: check its scope",
    severity=Severity.INFO,
    citation="GDPR Art. 45(1)",
    message="The adequacy decision for {country} ({instrument}) covers only {scope}",
    fix="Confirm the recipient is within the decision's scope, or add SCCs",
    what="Advice: a transfer on an adequacy decision limited to a sector or to certain "
    "recipients (Canada: PIPEDA organisations; Israel: automated transfers; Japan: APPI "
    "operators) is flagged for a scope check (`info`: whether the recipient is in scope is "
    "not stated).",
    why="Art. 45(1) allows transfers to 'a territory or one or more specified sectors'; "
    "outside the scope the decision gives no cover (catalogue §4.1 ART45_1).",
    example="`{country: CA, mechanism: adequacy}`.",
    enforces="",
    advice="Check that the recipient is within the scope of a partial adequacy decision (Art. "
    "45(1): 'one or more specified sectors'); the scope is not stated",
    sections=("transfers",),
    references=(ADEQUACY,),
)
def art45_scope(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    hits: list[Hit] = []
    for i, named in enumerate(mechanisms(f)):
        if _ADEQUACY not in named:
            continue
        transfer = register.transfers[i]
        decision = f.law.adequacy_for(destination(transfer))
        if decision is not None and not decision.full and not decision.certified_only:
            hits.append(hit(f"{ctx.path}.transfers[{i}]", country=destination(transfer),
                            instrument=decision.instrument, scope=decision.scope))
    return hits

