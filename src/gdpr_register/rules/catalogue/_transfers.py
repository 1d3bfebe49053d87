"""Chapter V transfers (Arts. 44-49) and their Art. 13(1)(f) information, on the ``as_of`` date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from gdpr_register.law.adequacy import adequacy_for
from gdpr_register.law.eea import is_eea
from gdpr_register.law.mechanisms import MECHANISMS, mechanism_status
from gdpr_register.model.countries import UNKNOWN_COUNTRY
from gdpr_register.model.enums import TransferMechanism
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Recipient, Register, Transfer
from gdpr_register.rules._engine import Context, Hit, Options, Severity, hit, rule

TRANSFERS = "https://tietosuoja.fi/en/transfers-of-personal-data-outside-the-eu-and-eea"
ADEQUACY = (
    "https://commission.europa.eu/law/law-topic/data-protection/"
    "international-dimension-data-protection/adequacy-decisions_en"
)
_ADEQUACY_BASED = (TransferMechanism.ADEQUACY, TransferMechanism.DPF)


@attrs.frozen
class _Verdict:
    valid: bool
    reason: str
    since: date | None = None


def _destination(transfer: Transfer) -> str:
    return transfer.international_organisation or transfer.country


def _check(
    mechanism: TransferMechanism,
    transfer: Transfer,
    recipient: Recipient | None,
    as_of: date,
    options: Options,
) -> _Verdict:
    if mechanism is TransferMechanism.ADEQUACY:
        decision = adequacy_for(_destination(transfer), as_of)
        if decision is None:
            return _Verdict(False, "no-adequacy-decision")
        if decision.certified_only:
            return _check(TransferMechanism.DPF, transfer, recipient, as_of, options)
        return _Verdict(True, "valid")
    if mechanism is TransferMechanism.DPF:
        if transfer.country != "US":
            return _Verdict(False, "dpf-covers-only-us")
        decision = adequacy_for("US", as_of)
        if decision is None:
            return _Verdict(False, "not-yet-valid", date(2023, 7, 10))
        certified = recipient.dpf_certified if recipient is not None else None
        if certified is None:
            certified = options.assume_dpf_certified
        return _Verdict(True, "valid") if certified else _Verdict(False, "recipient-not-certified")
    if mechanism is TransferMechanism.DEROGATION:
        if transfer.derogation is None:
            return _Verdict(False, "derogation-not-named")
        return _Verdict(True, "valid")
    status = mechanism_status(mechanism, as_of, transfer.concluded)
    return _Verdict(status.valid, status.reason, status.since)


def _is_export(transfer: Transfer, as_of: date) -> bool:
    if transfer.international_organisation:
        return True
    return transfer.country == UNKNOWN_COUNTRY or not is_eea(transfer.country, as_of)


def _recipient(register: Register, transfer: Transfer) -> Recipient | None:
    return register.recipient(transfer.recipient) if transfer.recipient is not None else None


@rule(
    "ART44",
    title="A transfer outside the EEA needs a mechanism valid on the date",
    severity=Severity.HIGH,
    citation="GDPR Art. 44, 45, 46, 49",
    message="The transfer to {recipient} ({country}) rests on {mechanism}, which is not valid "
    "on {as_of}: {reason}{since_note}",
    fix="Put the transfer on a current mechanism: an adequacy decision in force, DPF "
    "certification of the exact recipient, or SCCs 2021/914 with a transfer impact assessment",
    what="Every transfer to a country where GDPR does not apply on `as_of` (or to an "
    "international organisation, or to an unknown country) whose recipient is active that "
    "day (valid_from/valid_until) rests on a mechanism valid that day: an adequacy decision "
    "in force for the destination (within its scope), the EU-US "
    "Data Privacy Framework for a certified recipient (from 2023-07-10), SCCs 2021/914 (from "
    "2021-06-27), old SCCs only if concluded before 2021-09-27 and only until 2022-12-27, "
    "BCRs, codes, certification, ad hoc clauses, or a named Art. 49 derogation. Safe Harbour "
    "is invalid from 2015-10-06 and Privacy Shield from 2020-07-16. A valid fallback "
    "mechanism saves an invalid primary one. A recipient whose DPF certification is not "
    "stated counts as uncertified (option `assume_dpf_certified`).",
    why="Art. 44: 'Any transfer of personal data ... shall take place only if ... the "
    "conditions laid down in this Chapter are complied with'. Schrems I (C-362/14) and "
    "Schrems II (C-311/18) invalidated Safe Harbour and Privacy Shield; Decision 2021/914 "
    "Art. 4 ended the old SCCs (catalogue §4, DEF-01).",
    example="`transfers: [{recipient: facebook, country: US, mechanism: privacy-shield}]` as "
    "of 2026-11-25 -> reason `invalidated`, since 2020-07-16; as of 2018-09-05 no finding.",
    references=(TRANSFERS, ADEQUACY, "https://curia.europa.eu/juris/liste.jsf?num=C-311/18"),
)
def art44(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, transfer in enumerate(register.transfers):
        if not _is_export(transfer, ctx.as_of):
            continue
        recipient = _recipient(register, transfer)
        if recipient is not None and not recipient.active_on(ctx.as_of):
            continue  # the recipient relationship had not started or had ended on as_of
        verdict = _check(transfer.mechanism, transfer, recipient, ctx.as_of, ctx.options)
        if verdict.valid:
            continue
        if transfer.fallback is not None and _check(
            transfer.fallback, transfer, recipient, ctx.as_of, ctx.options
        ).valid:
            continue
        yield hit(
            f"{ctx.path}.transfers[{i}]",
            recipient=recipient.name if recipient else transfer.recipient,
            country=_destination(transfer),
            mechanism=transfer.mechanism.value,
            reason=verdict.reason,
            since=verdict.since,
            as_of=ctx.as_of,
            since_note=f" (since {verdict.since.isoformat()})" if verdict.since else "",
        )


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
        "undeclared": (
            "Recipient {recipient} is in {country}, outside the EEA, but no transfer to it is "
            "declared",
            "Declare the transfer with its mechanism, or correct the recipient's country",
        ),
    },
    what="A declared transfer names its mechanism; a transfer on Art. 46/47 safeguards (SCCs, "
    "BCRs, codes, certification, clauses) says how to obtain a copy; a recipient located "
    "outside the EEA on `as_of` without a declared transfer is a finding.",
    why="Art. 13(1)(f): 'where applicable, the fact that the controller intends to transfer "
    "personal data to a third country ... and the existence or absence of an adequacy "
    "decision ..., or in the case of transfers referred to in Article 46 or 47, or the second "
    "subparagraph of Article 49(1), reference to the appropriate or suitable safeguards and "
    "the means by which to obtain a copy of them'.",
    example="`{country: US, mechanism: scc-2021}` without `copy_available`.",
    references=(TRANSFERS,),
)
def art13_1_f(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    declared = set()
    for i, transfer in enumerate(register.transfers):
        declared.add(transfer.recipient)
        if not _is_export(transfer, ctx.as_of):
            continue
        path = f"{ctx.path}.transfers[{i}]"
        if transfer.mechanism is TransferMechanism.NONE_STATED:
            yield hit(path, problem="no-mechanism", country=_destination(transfer),
                      mechanism=None, recipient=transfer.recipient)
            continue
        facts = MECHANISMS.get(transfer.mechanism)
        needs_copy = (facts is not None and facts.needs_copy_info) or (
            transfer.derogation is not None and transfer.derogation.value == "49(1)-2"
        )
        if needs_copy and not transfer.copy_available:
            yield hit(path, problem="no-copy-info", country=_destination(transfer),
                      mechanism=transfer.mechanism.value, recipient=transfer.recipient)
    for i, recipient in enumerate(register.recipients):
        country = recipient.country
        if (
            country is not None
            and country != UNKNOWN_COUNTRY
            and recipient.id not in declared
            and recipient.active_on(ctx.as_of)
            and not is_eea(country, ctx.as_of)
        ):
            yield hit(f"{ctx.path}.recipients[{i}]", problem="undeclared", country=country,
                      mechanism=None, recipient=recipient.id)


@rule(
    "ART45_DPF",
    title="A DPF transfer keeps an SCC fallback",
    severity=Severity.LOW,
    citation="GDPR Art. 45; Implementing Decision (EU) 2023/1795; C-703/25 P (pending)",
    message="The transfer to {recipient} rests on the EU-US Data Privacy Framework with no "
    "fallback mechanism",
    fix="Conclude SCCs 2021/914 with the recipient as a fallback (fallback: scc-2021)",
    what="A transfer on the DPF names a fallback mechanism (normally SCCs 2021/914), because "
    "the DPF carries a risk flag.",
    why="The DPF adequacy decision is under appeal (C-703/25 P, lodged 31 Oct 2025) and "
    "exposed to US developments (Trump v. Slaughter); the catalogue encodes it as valid with "
    "a risk flag and asks for a fallback (§4.2).",
    example="`{country: US, mechanism: dpf}` without `fallback`.",
    references=(ADEQUACY, "https://eur-lex.europa.eu/eli/C/2025/6610/oj"),
)
def art45_dpf(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, transfer in enumerate(register.transfers):
        if transfer.mechanism is TransferMechanism.DPF and transfer.fallback is None:
            yield hit(f"{ctx.path}.transfers[{i}]", recipient=transfer.recipient)


@rule(
    "ART45_SCOPE",
    title="A partial adequacy decision: check its scope",
    severity=Severity.LOW,
    citation="GDPR Art. 45(1)",
    message="The adequacy decision for {country} ({instrument}) covers only {scope}",
    fix="Confirm the recipient is within the decision's scope, or add SCCs",
    what="A transfer on an adequacy decision limited to a sector or to certain recipients "
    "(Canada: PIPEDA organisations; Israel: automated transfers; Japan: APPI operators) is "
    "flagged for a scope check.",
    why="Art. 45(1) allows transfers to 'a territory or one or more specified sectors'; "
    "outside the scope the decision gives no cover (catalogue §4.1 ART45_1).",
    example="`{country: CA, mechanism: adequacy}`.",
    references=(ADEQUACY,),
)
def art45_scope(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, transfer in enumerate(register.transfers):
        if transfer.mechanism is not TransferMechanism.ADEQUACY:
            continue
        decision = adequacy_for(_destination(transfer), ctx.as_of)
        if decision is not None and not decision.full and not decision.certified_only:
            yield hit(f"{ctx.path}.transfers[{i}]", country=_destination(transfer),
                      instrument=decision.instrument, scope=decision.scope)


@rule(
    "ART49_1",
    title="Art. 49 derogations are for occasional transfers only",
    severity=Severity.LOW,
    citation="GDPR Art. 49(1); EDPB Guidelines 2/2018",
    message="The transfer to {country} relies on the derogation {derogation}",
    fix="Use an adequacy decision or Art. 46 safeguards for regular transfers; keep derogations "
    "for occasional, necessary ones",
    what="A transfer on an Art. 49(1) derogation is flagged: derogations are exceptional and "
    "cannot carry routine transfers; the compelling-interests derogation (49(1) second "
    "subparagraph) also requires informing the supervisory authority and documenting the "
    "assessment in the Art. 30 record.",
    why="Art. 49(1) applies 'in the absence of an adequacy decision ... or of appropriate "
    "safeguards'; EDPB Guidelines 2/2018 read it strictly; Tietosuojavaltuutettu calls it a "
    "last resort (catalogue ART49_ROUTINE).",
    example="`{country: IN, mechanism: derogation, derogation: 49(1)(a)}`.",
    references=("https://tietosuoja.fi/en/derogations-for-specific-situations",),
)
def art49_1(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
    for i, transfer in enumerate(register.transfers):
        if transfer.mechanism is TransferMechanism.DEROGATION and transfer.derogation is not None:
            yield hit(f"{ctx.path}.transfers[{i}]", country=_destination(transfer),
                      derogation=transfer.derogation.value)
