"""The age of digital consent (GDPR Art. 8(1)) per Member State, dated and sourced.

Art. 8(1): where consent is the basis "in relation to the offer of information society
services directly to a child", the child's own consent is lawful from the age of 16; "Member
States may provide by law for a lower age for those purposes provided that such lower age is
not below 13 years". Before a Member State's lowering act entered into force, the GDPR's 16
applied there. A State with no entry here gets the GDPR's 16, flagged as not checked against
its national law (:attr:`DigitalConsentAge.default`).

Confidence (catalogue §10): Finland is confirmed from the Act; the others are confirmed only
from a secondary source (the Bird & Bird GDPR tracker, "Children online", reviewed 2018-2019)
and are to be verified against each national act before a finding relies on them (section
numbers are given only where that source states them; in-force dates are the acts').
"""

from __future__ import annotations

from datetime import date

import attrs

from gdpr_register.law._source import Confidence, LegalSource

__all__ = ["DIGITAL_CONSENT_AGES", "GDPR_DEFAULT_AGE", "DigitalConsentAge", "digital_consent_age"]

GDPR_DEFAULT_AGE = 16
_GDPR_APPLIES = date(2018, 5, 25)
_ART8 = LegalSource(
    citation="GDPR Art. 8(1) (age 16 unless Member State law provides a lower age, not below 13)",
    url="https://eur-lex.europa.eu/eli/reg/2016/679/oj",
)
_TRACKER = "https://www.twobirds.com/en/capabilities/practices/privacy-and-data-protection/" \
    "general-data-protection-regulation/gdpr-tracker/children"


@attrs.frozen(kw_only=True)
class DigitalConsentAge:
    """The age from which a child's own consent is lawful in ``country`` from ``since``."""

    country: str
    age: int
    since: date
    source: LegalSource
    default: bool = False  # True: the GDPR's own 16, national law not checked


def _secondary(country: str, age: int, since: date, citation: str) -> DigitalConsentAge:
    source = LegalSource(citation=citation, url=_TRACKER, confidence=Confidence.SECONDARY)
    return DigitalConsentAge(country=country, age=age, since=since, source=source)


DIGITAL_CONSENT_AGES: tuple[DigitalConsentAge, ...] = (
    DigitalConsentAge(
        country="FI", age=13, since=date(2019, 1, 1),
        source=LegalSource(
            citation="Data Protection Act 1050/2018 s. 5 (in force 2019-01-01)",
            url="https://finlex.fi/fi/laki/ajantasa/2018/20181050",
        ),
    ),
    _secondary("AT", 14, _GDPR_APPLIES, "Datenschutzgesetz s. 4(4)"),
    _secondary("BE", 13, date(2018, 9, 5), "Law of 30 July 2018 on data protection"),
    _secondary("CZ", 15, date(2019, 4, 24), "Act 110/2019 on personal data processing s. 7"),
    _secondary("DK", 13, _GDPR_APPLIES, "Databeskyttelsesloven (Act 502/2018) s. 6"),
    _secondary("DE", 16, _GDPR_APPLIES, "No derogation (BDSG 2018): the GDPR's 16 applies"),
    _secondary("ES", 14, date(2018, 12, 7), "Organic Law 3/2018 (LOPDGDD) art. 7"),
    _secondary("FR", 15, date(2018, 6, 21), "Loi 78-17 art. 7-1 as amended by Law 2018-493"),
    _secondary("HU", 16, _GDPR_APPLIES, "No derogation: the GDPR's 16 applies"),
    _secondary("IE", 16, _GDPR_APPLIES, "Data Protection Act 2018 s. 31"),
    _secondary("IT", 14, date(2018, 9, 19), "Codice privacy art. 2-quinquies (D.Lgs. 101/2018)"),
    _secondary("NL", 16, _GDPR_APPLIES, "Uitvoeringswet AVG"),
    _secondary("PL", 16, _GDPR_APPLIES, "No derogation: the GDPR's 16 applies"),
    _secondary("SE", 13, _GDPR_APPLIES, "Dataskyddslagen (2018:218)"),
    _secondary("SK", 16, _GDPR_APPLIES, "Act 18/2018 on personal data protection"),
)


def digital_consent_age(country: str | None, as_of: date) -> DigitalConsentAge:
    """The Art. 8(1) age in ``country`` on ``as_of``: the latest entry in force then, else the
    GDPR's 16 (``default=True`` when the country has no entry at all)."""
    code = (country or "").upper()
    entries = [e for e in DIGITAL_CONSENT_AGES if e.country == code]
    current = [e for e in entries if e.since <= as_of]
    if current:
        return max(current, key=lambda e: e.since)
    return DigitalConsentAge(
        country=code, age=GDPR_DEFAULT_AGE, since=_GDPR_APPLIES, source=_ART8, default=not entries
    )
