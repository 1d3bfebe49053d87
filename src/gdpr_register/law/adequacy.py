"""Art. 45 adequacy decisions with their dates and scope (rule catalogue §4.2, ADEQUACY_LIST).

A decision counts from ``adopted`` up to and including ``ends`` (None: open-ended; Art. 45(3)
reviews do not end a decision). The EU-US Data Privacy Framework covers only organisations on
the DPF List (``certified_only``) and carries a risk flag: it is under appeal (C-703/25 P), so
keeping an SCC fallback is advised (advice, not law). The 11 pre-GDPR decisions stay in force
(Art. 45(9)). ``adopted`` is the date of adoption; ``instrument`` is the number of the published
decision (never the Commission's C(...) document number); ``source.confidence`` says whether the
number was confirmed on EUR-Lex (C) or only from a secondary source (S).
"""

from __future__ import annotations

from datetime import date

import attrs

from gdpr_register.law._source import Confidence, LegalSource

__all__ = ["ADEQUACY_DECISIONS", "AdequacyDecision", "adequacy_for", "decisions_for"]

_LIST = "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en"
S = Confidence.SECONDARY
C = Confidence.CONFIRMED


@attrs.frozen(kw_only=True)
class AdequacyDecision:
    """One adequacy decision: for a country (ISO alpha-2) or an international organisation."""

    territory: str  # ISO code, or the organisation's name for an international organisation
    name: str
    instrument: str
    adopted: date
    ends: date | None = None
    full: bool = True  # False: limited to a sector or to certain recipients (see ``scope``)
    scope: str = "full"
    certified_only: bool = False  # only recipients certified under the scheme (DPF)
    risk_flag: bool = False  # legally contested: keep a fallback mechanism
    organisation: bool = False
    source: LegalSource

    def on(self, day: date) -> bool:
        return self.adopted <= day and (self.ends is None or day <= self.ends)


def _d(
    territory: str,
    name: str,
    instrument: str,
    adopted: date,
    conf: Confidence,
    url: str = _LIST,
    **kw: object,
) -> AdequacyDecision:
    # Decisions from 2019 on are Implementing Decisions (Art. 45(3) GDPR); older ones are
    # Commission Decisions under Directive 95/46/EC Art. 25(6), kept in force by Art. 45(9).
    kind = "Implementing Decision" if instrument.startswith("(EU)") else "Decision"
    return AdequacyDecision(
        territory=territory,
        name=name,
        instrument=instrument,
        adopted=adopted,
        source=LegalSource(citation=f"Commission {kind} {instrument}", url=url, confidence=conf),
        **kw,  # type: ignore[arg-type]
    )


ADEQUACY_DECISIONS: tuple[AdequacyDecision, ...] = (
    _d("CH", "Switzerland", "2000/518/EC", date(2000, 7, 26), S),
    _d(
        "CA",
        "Canada",
        "2002/2/EC",
        date(2001, 12, 20),
        S,
        full=False,
        scope="commercial organisations subject to PIPEDA",
    ),
    _d("AR", "Argentina", "2003/490/EC", date(2003, 6, 30), S),
    _d("GG", "Guernsey", "2003/821/EC", date(2003, 11, 21), S),
    _d("IM", "Isle of Man", "2004/411/EC", date(2004, 4, 28), S),
    _d("JE", "Jersey", "2008/393/EC", date(2008, 5, 8), S),
    _d("FO", "Faroe Islands", "2010/146/EU", date(2010, 3, 5), S),
    _d("AD", "Andorra", "2010/625/EU", date(2010, 10, 19), S),
    _d(
        "IL",
        "Israel",
        "2011/61/EU",
        date(2011, 1, 31),
        S,
        full=False,
        scope="automated international transfers",
    ),
    _d("UY", "Uruguay", "2012/484/EU", date(2012, 8, 21), S),
    _d("NZ", "New Zealand", "2013/65/EU", date(2012, 12, 19), S),
    _d(
        "JP",
        "Japan",
        "(EU) 2019/419",
        date(2019, 1, 23),
        C,
        full=False,
        scope="business operators under the APPI, with the Supplementary Rules",
        url="https://eur-lex.europa.eu/eli/dec_impl/2019/419/oj",
    ),
    _d(
        "KR",
        "Republic of Korea",
        "(EU) 2022/254",
        date(2021, 12, 17),
        S,
        scope="PIPA; first review concluded July 2026",
        url="https://eur-lex.europa.eu/eli/dec_impl/2022/254/oj",
    ),
    # The UK: the TCA bridge after the transition period, the 2021 decision (extended by six
    # months in 2025) and its renewal of 19 Dec 2025 to 27 Dec 2031.
    AdequacyDecision(
        territory="GB",
        name="United Kingdom",
        instrument="EU-UK TCA Art. FINPROV.10A (bridge)",
        adopted=date(2021, 1, 1),
        ends=date(2021, 6, 30),
        scope="interim: transfers not treated as third-country transfers",
        source=LegalSource(
            citation="EU-UK Trade and Cooperation Agreement Art. FINPROV.10A",
            url="https://eur-lex.europa.eu/eli/agree_internation/2021/689/oj",
            confidence=S,
        ),
    ),
    # (EU) 2021/1772 of 28 June 2021, four-year sunset (27 June 2025), extended to 27 December
    # 2025 by Implementing Decision (EU) 2025/1226 of 24 June 2025 (number: secondary source).
    _d(
        "GB",
        "United Kingdom",
        "(EU) 2021/1772, extended by (EU) 2025/1226",
        date(2021, 6, 28),
        C,
        ends=date(2025, 12, 27),
        scope="GDPR transfers; immigration-control carve-out",
        url="https://eur-lex.europa.eu/eli/dec_impl/2021/1772/oj",
    ),
    # The renewal of 19 Dec 2025 to 27 Dec 2031: date and end confirmed by several sources;
    # the instrument number (EU) 2025/2574 only by a secondary one.
    _d(
        "GB",
        "United Kingdom",
        "(EU) 2025/2574",
        date(2025, 12, 19),
        S,
        ends=date(2031, 12, 27),
        scope="GDPR transfers; immigration carve-out removed",
    ),
    _d(
        "US",
        "United States (EU-US Data Privacy Framework)",
        "(EU) 2023/1795",
        date(2023, 7, 10),
        C,
        full=False,
        certified_only=True,
        risk_flag=True,
        scope="only organisations on the DPF List, per their HR/non-HR scope; "
        "appeal C-703/25 P pending",
        url="https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj",
    ),
    # Secondary: the number and date are from a reproduction of the EUR-Lex record
    # (CELEX 32025D1382, notified under C(2025) 4626), not from EUR-Lex itself.
    _d(
        "European Patent Organisation",
        "European Patent Organisation",
        "(EU) 2025/1382",
        date(2025, 7, 15),
        S,
        organisation=True,
        url="https://eur-lex.europa.eu/eli/dec_impl/2025/1382/oj",
    ),
    # Confirmed on EUR-Lex: Implementing Decision (EU) 2026/179 of 26 January 2026 (notified
    # under document C(2026) 373; OJ L, 2026/179, 28.1.2026). C(2026) 373 is the document
    # number, not the instrument.
    _d(
        "BR",
        "Brazil",
        "(EU) 2026/179",
        date(2026, 1, 26),
        C,
        scope="controllers and processors subject to the LGPD",
        url="https://eur-lex.europa.eu/eli/dec_impl/2026/179/oj",
    ),
)

_BY_TERRITORY: dict[str, tuple[AdequacyDecision, ...]] = {}
for _decision in ADEQUACY_DECISIONS:
    _key = _decision.territory.casefold() if _decision.organisation else _decision.territory
    _BY_TERRITORY[_key] = (*_BY_TERRITORY.get(_key, ()), _decision)


def decisions_for(territory: str) -> tuple[AdequacyDecision, ...]:
    """Every decision, past or present, for a country code or an organisation's name."""
    return _BY_TERRITORY.get(territory, ()) or _BY_TERRITORY.get(territory.casefold(), ())


def adequacy_for(territory: str, as_of: date) -> AdequacyDecision | None:
    """The decision in force for ``territory`` on ``as_of``; the latest adopted if two overlap."""
    found = None
    for decision in decisions_for(territory):
        if decision.on(as_of) and (found is None or decision.adopted > found.adopted):
            found = decision
    return found
