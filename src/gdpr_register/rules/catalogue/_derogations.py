"""Chapter V derogations (Art. 49): flagged as exceptional, and closed to public powers."""

from __future__ import annotations

from collections.abc import Sequence

from gdpr_register.model.enums import LawfulBasis, TransferDerogation, TransferMechanism
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rules._engine import Context, Hit, Lifecycle, Severity, hit, rule
from gdpr_register.rules._facts import facts
from gdpr_register.rules.catalogue._chapter5 import destination, is_export, mechanisms, stated

# Read for every transfer, as a module constant: on Python 3.11 a member read from its class
# costs several times a global (EnumType's attribute lookup).
_DEROGATION = TransferMechanism.DEROGATION
# Register rules take the engine's facts of their register from ``ctx.facts`` and call
# ``facts()`` only when those are not the register's (a rule called outside ``evaluate``).


@rule(
    "ART49_1",
    title="Art. 49 derogations are for occasional transfers only",
    severity=Severity.INFO,
    citation="GDPR Art. 49(1); EDPB Guidelines 2/2018",
    message="The transfer to {country} relies on the derogation {derogation}",
    fix="Use an adequacy decision or Art. 46 safeguards for regular transfers; keep derogations "
    "for occasional, necessary ones",
    what="Advice: a transfer on an Art. 49(1) derogation is flagged (`info`: whether it is "
    "occasional is not stated). Derogations are exceptional and cannot carry routine "
    "transfers; the compelling-interests derogation (49(1) second subparagraph) also requires "
    "informing the supervisory authority and documenting the assessment in the Art. 30 record.",
    why="Art. 49(1) applies 'in the absence of an adequacy decision ... or of appropriate "
    "safeguards'; EDPB Guidelines 2/2018 read it strictly; Tietosuojavaltuutettu calls it a "
    "last resort (catalogue ART49_ROUTINE).",
    example="`{country: IN, mechanism: derogation, derogation: 49(1)(a)}`.",
    enforces="",
    advice="EDPB Guidelines 2/2018: derogations are for occasional transfers; whether a "
    "transfer is occasional is not stated",
    sections=("transfers",),
    references=("https://tietosuoja.fi/en/derogations-for-specific-situations",),
)
def art49_1(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if (f := ctx.facts) is None or f.register is not register:
        f = facts(notice, register, ctx)
    hits: list[Hit] = []
    for i, named in enumerate(mechanisms(f)):
        if _DEROGATION not in named:
            continue
        transfer = register.transfers[i]
        if transfer.derogation is not None:
            hits.append(hit(f"{ctx.path}.transfers[{i}]", country=destination(transfer),
                            derogation=transfer.derogation.value))
    return hits


_NOT_FOR_PUBLIC_POWERS = frozenset({
    TransferDerogation.EXPLICIT_CONSENT,
    TransferDerogation.CONTRACT_WITH_SUBJECT,
    TransferDerogation.CONTRACT_IN_SUBJECT_INTEREST,
    TransferDerogation.COMPELLING_LEGITIMATE_INTERESTS,
})


@rule(
    "ART49_3",
    title="Public authorities cannot use consent, contract or compelling-interest derogations",
    severity=Severity.MEDIUM,
    citation="GDPR Art. 49(3)",
    lifecycle=Lifecycle.PREVIEW,
    message="The public authority transfers to {country} on the derogation {derogation}, which "
    "Art. 49(3) excludes for activities in the exercise of public powers",
    fix="Rest the transfer on an adequacy decision, Art. 46 safeguards (e.g. an instrument "
    "between public authorities, Art. 46(2)(a)) or a derogation open to public authorities "
    "(49(1)(d)-(g))",
    variants={
        "public-powers-not-stated": (
            "The public authority transfers to {country} on the derogation {derogation}; Art. "
            "49(3) excludes it if the activity is an exercise of public powers",
            "Check whether the activity is an exercise of public powers; if so, use another "
            "mechanism",
        ),
    },
    what="A controller stated to be a public authority whose transfer relies only on Art. "
    "49(1)(a), (b), (c) or the second subparagraph, in a register whose processing rests on "
    "Art. 6(1)(e) (a public task or official authority): medium. Without a 6(1)(e) basis "
    "the notice does not show the activity is an exercise of public powers: `info`. A "
    "controller not stated to be a public authority is not checked.",
    why="Art. 49(3): 'Points (a), (b) and (c) of the first subparagraph of paragraph 1 and the "
    "second subparagraph thereof shall not apply to activities carried out by public "
    "authorities in the exercise of their public powers.'",
    example="`controller: {public_authority: true}` and `{country: IN, mechanism: derogation, "
    "derogation: 49(1)(a)}` in a register on 6(1)(e).",
    enforces="Art. 49(3): 'Points (a), (b) and (c) of the first subparagraph of paragraph 1 and "
    "the second subparagraph thereof shall not apply to activities carried out by public "
    "authorities in the exercise of their public powers.'",
    advice="Info where the notice does not show that the activity is an exercise of public "
    "powers (no Art. 6(1)(e) basis)",
    sections=("transfers",),
    references=("https://gdprhub.eu/index.php?title=Article_49_GDPR",),
)
def art49_3(notice: Notice, register: Register, ctx: Context) -> Sequence[Hit]:
    if notice.controller.public_authority is not True:
        return []
    public_task = LawfulBasis.PUBLIC_TASK in facts(notice, register, ctx).articles
    hits: list[Hit] = []
    for i, transfer in enumerate(register.transfers):
        if stated(transfer) != (TransferMechanism.DEROGATION,):
            continue
        if transfer.derogation not in _NOT_FOR_PUBLIC_POWERS:
            continue
        if not is_export(transfer, ctx.as_of):
            continue
        assert transfer.derogation is not None
        hits.append(hit(
            f"{ctx.path}.transfers[{i}]",
            problem="public-powers" if public_task else "public-powers-not-stated",
            severity=None if public_task else Severity.INFO,
            country=destination(transfer), derogation=transfer.derogation.value,
        ))
    return hits
