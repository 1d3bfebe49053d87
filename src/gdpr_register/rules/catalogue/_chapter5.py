"""Whether a transfer is lawful under Chapter V on a date, from what the notice states.

One judgement per transfer, shared by ART44, ART13_1_f and ART45_DPF: the mechanisms the
notice names (``mechanism``, ``fallback``, ``alternatives``; lawful if any one is valid), and
what the law supplies by itself from stated facts (Art. 45(1): a full adequacy decision for
the destination, or the DPF for a US recipient stated to be certified). A fact the notice does
not state never makes a transfer unlawful: the judgement is then *undetermined*.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs

from gdpr_register.law.eea import is_eea
from gdpr_register.law.mechanisms import MECHANISMS
from gdpr_register.model.countries import UNKNOWN_COUNTRY
from gdpr_register.model.enums import Region, TransferDerogation, TransferMechanism
from gdpr_register.model.register import Recipient, Register, Transfer
from gdpr_register.rules._engine import Options
from gdpr_register.rules._facts import LawOnDate, RegisterFacts

__all__ = [
    "DPF_FROM", "Judgement", "Verdict", "destination", "is_export", "judge", "judge_on", "stated",
]

DPF_FROM = date(2023, 7, 10)  # Implementing Decision (EU) 2023/1795

# Members read for every transfer, as module constants: on Python 3.11 a member read from its
# class costs several times a global.
_NONE_STATED = TransferMechanism.NONE_STATED
_DEROGATION = TransferMechanism.DEROGATION
_COMPELLING = TransferDerogation.COMPELLING_LEGITIMATE_INTERESTS
_EEA = Region.EEA


@attrs.frozen
class Verdict:
    """One mechanism on one date: valid, invalid (``determined``) or undetermined."""

    valid: bool
    reason: str
    since: date | None = None
    determined: bool = True


@attrs.frozen
class Judgement:
    """A transfer on a date.

    ``lawful``: True (a stated mechanism, or the law itself, covers it), False (every stated
    mechanism is invalid on stated facts), None (the notice does not state enough).
    ``mechanism``/``verdict``: the mechanism the finding speaks of and why.
    ``invalid``: every stated mechanism that is invalid on the date (for ART13_1_f).
    """

    lawful: bool | None
    mechanism: TransferMechanism
    verdict: Verdict
    invalid: tuple[tuple[TransferMechanism, Verdict], ...] = ()
    by_law: str | None = None  # "adequacy" or "dpf" when Art. 45(1) covers it by itself
    scc_unversioned: bool = False  # lawful only through SCCs whose version is not stated


def destination(transfer: Transfer) -> str:
    return transfer.international_organisation or transfer.country


def exports(f: RegisterFacts) -> list[Export]:
    """The register's transfers that leave the EEA on the day (:func:`is_export`), each with
    its recipient (None when the transfer names none, or one the register does not list);
    judged on first use (:func:`judgement`)."""
    found: list[Export] | None = f.exports
    if found is None:
        found = f.exports = []
        register = f.register
        transfers = register.transfers
        if not transfers:
            return found
        in_eea = f.law.is_eea
        named = mechanisms(f)
        for i, transfer in enumerate(transfers):
            if _leaves(transfer, in_eea):
                wanted = transfer.recipient
                recipient = None
                if wanted is not None:  # recipient ids are unique: the first is the one
                    for candidate in register.recipients:
                        if candidate.id == wanted:
                            recipient = candidate
                            break
                found.append(Export(i, transfer, recipient, named[i]))
    return found


def mechanisms(f: RegisterFacts) -> list[tuple[TransferMechanism, ...]]:
    """:func:`stated` for each of the register's transfers, in order, once per evaluation."""
    found: list[tuple[TransferMechanism, ...]] | None = f.mechanisms
    if found is None:
        found = f.mechanisms = [stated(t) for t in f.register.transfers]
    return found


class Export:
    """One transfer leaving the EEA, with its recipient and (once asked) its judgement."""

    __slots__ = ("index", "judgement", "named", "recipient", "transfer")

    def __init__(self, index: int, transfer: Transfer, recipient: Recipient | None,
                 named: tuple[TransferMechanism, ...]) -> None:
        self.index, self.transfer, self.recipient = index, transfer, recipient
        self.named = named  # the mechanisms stated (:func:`stated`)
        self.judgement: Judgement | None = None


def judgement(f: RegisterFacts, export: Export) -> Judgement:
    """The export's judgement on the day, once per evaluation (ART44, ART13_1_f, ...).

    A judgement depends only on the facts :func:`judge_on` reads (the mechanisms named, the
    destination, whether a derogation is named, the conclusion date, the recipient's DPF
    certification), the day and the options: registers that state the same transfer (the
    same processor abroad in many activities of a record) share one judgement.
    """
    found = export.judgement
    if found is None:
        transfer, recipient = export.transfer, export.recipient
        key = (transfer.mechanism, export.named, transfer.country,
               transfer.international_organisation, transfer.derogation is None,
               transfer.concluded, recipient.dpf_certified if recipient is not None else None)
        judgements = f.law.judgements
        found = judgements.get(key)
        if found is None:
            found = judgements[key] = judge_on(transfer, recipient, f.law, f.options)
        export.judgement = found
    return found


def is_export(transfer: Transfer, as_of: date) -> bool:
    """Whether the transfer leaves the EEA on ``as_of`` (an unknown destination may)."""
    return _leaves(transfer, lambda country: is_eea(country, as_of))


def _leaves(transfer: Transfer, in_eea: Callable[[str], bool]) -> bool:
    if transfer.international_organisation:
        return True
    if transfer.country == UNKNOWN_COUNTRY:
        return transfer.region is not _EEA
    return not in_eea(transfer.country)


def stated(transfer: Transfer) -> tuple[TransferMechanism, ...]:
    """The mechanisms the notice names for the transfer, primary first, without repeats."""
    only: TransferMechanism | None = transfer.mechanism
    fallback, alternatives = transfer.fallback, transfer.alternatives
    if only is _NONE_STATED:
        only = None
    if not alternatives:  # the common cases: one mechanism, or one and a fallback
        if fallback is None or fallback is _NONE_STATED or fallback is only:
            return () if only is None else (only,)
        return (fallback,) if only is None else (only, fallback)
    out: list[TransferMechanism] = []
    for mechanism in (only, fallback, *alternatives):
        if mechanism is None or mechanism is _NONE_STATED or mechanism in out:
            continue
        out.append(mechanism)
    return tuple(out)


def recipient_of(register: Register, transfer: Transfer) -> Recipient | None:
    return register.recipient(transfer.recipient) if transfer.recipient is not None else None


# The verdicts that carry no fact of their own transfer, made once (verdicts are values).
_VALID = Verdict(True, "valid")
_DESTINATION_NOT_STATED = Verdict(False, "destination-not-stated", determined=False)
_DPF_ONLY_US = Verdict(False, "dpf-covers-only-us")
_DPF_NOT_YET = Verdict(False, "not-yet-valid", DPF_FROM)
_CERTIFICATION_NOT_STATED = Verdict(False, "certification-not-stated", determined=False)
_NOT_CERTIFIED = Verdict(False, "recipient-not-certified")
_NO_ADEQUACY = Verdict(False, "no-adequacy-decision")
_DEROGATION_NOT_NAMED = Verdict(False, "derogation-not-named", determined=False)
_ADEQUACY, _DPF, _SCC = TransferMechanism.ADEQUACY, TransferMechanism.DPF, TransferMechanism.SCC


def _dpf(transfer: Transfer, recipient: Recipient | None, law: LawOnDate,
         options: Options) -> Verdict:
    if transfer.country == UNKNOWN_COUNTRY and not transfer.international_organisation:
        return _DESTINATION_NOT_STATED
    if transfer.country != "US":
        return _DPF_ONLY_US
    if law.adequacy_for("US") is None:
        return _DPF_NOT_YET
    certified = recipient.dpf_certified if recipient is not None else None
    if certified is None:
        return _VALID if options.assume_dpf_certified else _CERTIFICATION_NOT_STATED
    return _VALID if certified else _NOT_CERTIFIED


def check(
    mechanism: TransferMechanism,
    transfer: Transfer,
    recipient: Recipient | None,
    law: LawOnDate,
    options: Options,
) -> Verdict:
    """One stated mechanism on ``law.as_of``."""
    if mechanism is _ADEQUACY:
        if transfer.country == UNKNOWN_COUNTRY and not transfer.international_organisation:
            return _DESTINATION_NOT_STATED
        decision = law.adequacy_for(destination(transfer))
        if decision is None:
            return _NO_ADEQUACY
        if decision.certified_only:
            return _dpf(transfer, recipient, law, options)
        return _VALID
    if mechanism is _DPF:
        return _dpf(transfer, recipient, law, options)
    if mechanism is _DEROGATION:
        return _DEROGATION_NOT_NAMED if transfer.derogation is None else _VALID
    country = None if transfer.international_organisation else transfer.country
    status = law.mechanism_status(mechanism, transfer.concluded, country)
    return Verdict(status.valid, status.reason, status.since, status.determined)


def _by_law(
    transfer: Transfer, recipient: Recipient | None, law: LawOnDate, options: Options
) -> str | None:
    """Art. 45(1): an adequacy decision covers the transfer whatever the notice names."""
    if transfer.country == UNKNOWN_COUNTRY and not transfer.international_organisation:
        return None
    decision = law.adequacy_for(destination(transfer))
    if decision is None:
        return None
    if decision.certified_only:
        stated_ = recipient.dpf_certified if recipient is not None else None
        certified = stated_ is True or (stated_ is None and options.assume_dpf_certified)
        return "dpf" if certified else None
    return "adequacy" if decision.full else None


def judge(
    transfer: Transfer, recipient: Recipient | None, as_of: date, options: Options
) -> Judgement:
    """The transfer's standing on ``as_of`` (call only for exports, see :func:`is_export`).
    Inside ``evaluate`` the rules read it once per transfer from the register's facts
    (:meth:`~gdpr_register.rules._facts.RegisterFacts.judgement`)."""
    return judge_on(transfer, recipient, LawOnDate(as_of), options)


def judge_on(
    transfer: Transfer, recipient: Recipient | None, law: LawOnDate, options: Options
) -> Judgement:
    """:func:`judge` with the law-table lookups of one evaluation."""
    named = stated(transfer)
    verdicts = [(m, check(m, transfer, recipient, law, options)) for m in named]
    invalid = tuple((m, v) for m, v in verdicts if not v.valid and v.determined)
    valid = [(m, v) for m, v in verdicts if v.valid]
    if valid:
        unversioned = all(m is _SCC for m, _ in valid)
        mechanism, verdict = valid[0]
        return Judgement(True, mechanism, verdict, invalid, scc_unversioned=unversioned)
    by_law = _by_law(transfer, recipient, law, options)
    if by_law is not None:
        return Judgement(True, transfer.mechanism, _VALID, invalid, by_law=by_law)
    if not named:
        return Judgement(
            None, TransferMechanism.NONE_STATED,
            Verdict(False, "mechanism-not-stated", determined=False),
        )
    open_ = [(m, v) for m, v in verdicts if not v.determined]
    if open_:
        mechanism, verdict = open_[0]
        return Judgement(None, mechanism, verdict, invalid)
    mechanism, verdict = verdicts[0]
    return Judgement(False, mechanism, verdict, invalid)


def needs_copy_info(transfer: Transfer, judgement: Judgement) -> bool:
    """Art. 13(1)(f): transfers on Art. 46/47 safeguards or the 49(1) second subparagraph."""
    if judgement.lawful is True and judgement.by_law is None:
        facts = MECHANISMS.get(judgement.mechanism)
        if facts is not None and facts.needs_copy_info:
            return True
    return transfer.derogation is _COMPELLING and _DEROGATION in stated(transfer)
