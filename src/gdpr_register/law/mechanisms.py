"""Chapter V transfer mechanisms and their validity over time (catalogue §4.1 and §4.3).

Invalidated: Safe Harbour from 2015-10-06 (C-362/14, Schrems I); EU-US Privacy Shield from
2020-07-16 (C-311/18, Schrems II); both only ever covered self-certified organisations in the
United States (Decisions 2000/520/EC and (EU) 2016/1250, Art. 1), so for any other country they
are no mechanism on any date. The old SCCs (2001/497/EC, 2004/915/EC, 2010/87/EU) were
repealed from 2021-09-27 and contracts concluded before then were deemed adequate only until
2022-12-27. SCCs whose version is not stated (``scc``) are read as whichever set was valid on
the date (never against the controller). Adequacy-based mechanisms (adequacy, DPF) are looked
up in :mod:`gdpr_register.law.adequacy` for the destination instead.
"""

from __future__ import annotations

from datetime import date

import attrs

from gdpr_register.law._source import Confidence, LegalSource
from gdpr_register.model.enums import TransferMechanism

__all__ = [
    "MECHANISMS", "MechanismFacts", "MechanismStatus", "mechanism_status", "reads_conclusion",
]


@attrs.frozen(kw_only=True)
class MechanismFacts:
    """A mechanism's instrument and dates; ``None`` dates mean no such limit."""

    mechanism: TransferMechanism
    instrument: str
    article: str  # the GDPR provision it rests on
    valid_from: date | None = None
    no_new_contracts_from: date | None = None  # contracts concluded on/after this: invalid
    invalid_from: date | None = None
    needs_copy_info: bool = False  # Art. 46/47 safeguards: say how to obtain a copy (13(1)(f))
    us_only: bool = False  # covered only self-certified organisations in the United States
    source: LegalSource


MECHANISMS: dict[TransferMechanism, MechanismFacts] = {
    m.mechanism: m
    for m in (
        MechanismFacts(
            mechanism=TransferMechanism.SAFE_HARBOR,
            instrument="Decision 2000/520/EC",
            article="Directive 95/46/EC Art. 25(6)",
            valid_from=date(2000, 7, 26),
            invalid_from=date(2015, 10, 6),
            us_only=True,
            source=LegalSource(
                citation="CJEU C-362/14 Schrems I, 6 Oct 2015",
                url="https://curia.europa.eu/juris/liste.jsf?num=C-362/14",
            ),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.PRIVACY_SHIELD,
            instrument="Decision (EU) 2016/1250",
            article="GDPR Art. 45",
            valid_from=date(2016, 7, 12),
            invalid_from=date(2020, 7, 16),
            us_only=True,
            source=LegalSource(
                citation="CJEU C-311/18 Schrems II, 16 Jul 2020",
                url="https://curia.europa.eu/juris/liste.jsf?num=C-311/18",
            ),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.SCC_OLD,
            instrument="Decisions 2001/497/EC, 2004/915/EC, 2010/87/EU",
            article="GDPR Art. 46(2)(c), Art. 46(5)",
            valid_from=date(2001, 6, 15),
            no_new_contracts_from=date(2021, 9, 27),
            invalid_from=date(2022, 12, 27),
            needs_copy_info=True,
            source=LegalSource(
                citation="Implementing Decision (EU) 2021/914 Art. 4",
                url="https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj",
                confidence=Confidence.SECONDARY,
            ),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.SCC_2021,
            instrument="Implementing Decision (EU) 2021/914",
            article="GDPR Art. 46(2)(c)",
            valid_from=date(2021, 6, 27),
            needs_copy_info=True,
            source=LegalSource(
                citation="Implementing Decision (EU) 2021/914 of 4 June 2021",
                url="https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj",
                confidence=Confidence.SECONDARY,
            ),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.BCR,
            instrument="Binding corporate rules",
            article="GDPR Art. 46(2)(b), Art. 47",
            needs_copy_info=True,
            source=LegalSource(citation="GDPR Art. 47"),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.CODE_OF_CONDUCT,
            instrument="Approved code of conduct",
            article="GDPR Art. 46(2)(e)",
            needs_copy_info=True,
            source=LegalSource(citation="GDPR Art. 46(2)(e)"),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.CERTIFICATION,
            instrument="Approved certification",
            article="GDPR Art. 46(2)(f)",
            needs_copy_info=True,
            source=LegalSource(citation="GDPR Art. 46(2)(f)"),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.AD_HOC_CLAUSES,
            instrument="SA-authorised clauses",
            article="GDPR Art. 46(3)(a)",
            needs_copy_info=True,
            source=LegalSource(citation="GDPR Art. 46(3)(a)"),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.PUBLIC_AUTHORITY_INSTRUMENT,
            instrument="Instrument between public authorities",
            article="GDPR Art. 46(2)(a)",
            needs_copy_info=True,
            source=LegalSource(citation="GDPR Art. 46(2)(a)"),
        ),
        MechanismFacts(
            mechanism=TransferMechanism.DEROGATION,
            instrument="Derogation",
            article="GDPR Art. 49(1)",
            source=LegalSource(citation="GDPR Art. 49(1)"),
        ),
    )
}


# ``scc``: standard contractual clauses whose version the notice does not state.
_SCC_UNVERSIONED = TransferMechanism.SCC
MECHANISMS[_SCC_UNVERSIONED] = MechanismFacts(
    mechanism=_SCC_UNVERSIONED,
    instrument="Standard contractual clauses (version not stated)",
    article="GDPR Art. 46(2)(c)",
    needs_copy_info=True,
    source=LegalSource(
        citation="Implementing Decision (EU) 2021/914 Art. 4",
        url="https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj",
        confidence=Confidence.SECONDARY,
    ),
)


@attrs.frozen(kw_only=True)
class MechanismStatus:
    """Whether a non-adequacy mechanism was usable on a date, and why not.

    ``determined`` is False where the stated facts do not decide it (an old SCC contract with
    no conclusion date during the 2021-09-27..2022-12-26 grace period): then ``valid`` is False
    but nothing may be read against the controller.
    """

    valid: bool
    # "valid", "not-yet-valid", "invalidated", "no-new-contracts", "none-stated",
    # "covers-only-us", "conclusion-date-not-stated"
    reason: str
    since: date | None = None  # the date the reason took effect
    facts: MechanismFacts | None = None
    determined: bool = True


def reads_conclusion(mechanism: TransferMechanism, as_of: date) -> bool:
    """Whether :func:`mechanism_status` may read the conclusion date of ``mechanism`` on
    ``as_of``: where it does not, transfers that differ only in that date have the same
    status (an over-approximation: True whenever it might)."""
    if mechanism is _SCC_UNVERSIONED:
        return True  # decided by the old set's grace period, which reads it
    facts = MECHANISMS.get(mechanism)
    if facts is None:
        return False
    cutoff = facts.no_new_contracts_from
    return cutoff is not None and as_of >= cutoff


def mechanism_status(
    mechanism: TransferMechanism,
    as_of: date,
    concluded: date | None = None,
    country: str | None = None,
) -> MechanismStatus:
    """Validity of a mechanism on ``as_of``; adequacy and DPF are not decided here.

    Old SCCs concluded on or after 2021-09-27 were never valid; with no conclusion date the
    answer in the grace period is undetermined (``determined=False``). ``country`` (ISO code):
    Safe Harbour and Privacy Shield never covered a country other than the United States.
    SCCs with no version are valid where either set was valid on ``as_of``.
    """
    if mechanism is _SCC_UNVERSIONED:
        current = mechanism_status(TransferMechanism.SCC_2021, as_of)
        if current.valid:
            return attrs.evolve(current, facts=MECHANISMS[mechanism])
        return mechanism_status(TransferMechanism.SCC_OLD, as_of, concluded)
    facts = MECHANISMS.get(mechanism)
    if facts is None:
        return MechanismStatus(valid=False, reason="none-stated")
    if facts.us_only and country is not None and country not in ("US", "unknown"):
        return MechanismStatus(valid=False, reason="covers-only-us", facts=facts)
    if facts.valid_from is not None and as_of < facts.valid_from:
        return MechanismStatus(
            valid=False, reason="not-yet-valid", since=facts.valid_from, facts=facts
        )
    if facts.invalid_from is not None and as_of >= facts.invalid_from:
        return MechanismStatus(
            valid=False, reason="invalidated", since=facts.invalid_from, facts=facts
        )
    cutoff = facts.no_new_contracts_from
    if cutoff is not None and as_of >= cutoff:
        if concluded is None:
            return MechanismStatus(
                valid=False, reason="conclusion-date-not-stated", since=cutoff, facts=facts,
                determined=False,
            )
        if concluded >= cutoff:
            return MechanismStatus(
                valid=False, reason="no-new-contracts", since=cutoff, facts=facts
            )
    return MechanismStatus(valid=True, reason="valid", facts=facts)
