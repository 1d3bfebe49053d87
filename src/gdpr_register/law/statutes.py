"""National statutes that rules read: retention duties (with the material they cover) and
repealed laws a notice must no longer cite (catalogue §5, §5.1 and §9).
"""

from __future__ import annotations

import re
from datetime import date

import attrs

from gdpr_register.law._source import Confidence, LegalSource

__all__ = [
    "PERSONAL_DATA_ACT",
    "REPEALED_LAWS",
    "STATUTES",
    "RepealedLaw",
    "Statute",
    "repealed_law_cited",
    "statute",
]


@attrs.frozen(kw_only=True)
class Statute:
    """A duty to keep records; it covers only categories holding one of ``material``."""

    id: str
    title: str
    country: str
    material: tuple[str, ...]
    source: LegalSource


_KPL = "https://finlex.fi/fi/laki/ajantasa/1997/19971336"
STATUTES: dict[str, Statute] = {
    s.id: s
    for s in (
        Statute(
            id="FI_KPL_2_10_LONG",
            country="FI",
            title="Accounting Act 1336/1997 ch. 2 s. 10: books and financial statements, 10 years",
            material=("accounting-books", "financial-statements"),
            source=LegalSource(
                citation="Kirjanpitolaki 1336/1997 2:10", url=_KPL, confidence=Confidence.SECONDARY
            ),
        ),
        Statute(
            id="FI_KPL_2_10_SHORT",
            country="FI",
            title="Accounting Act 1336/1997 ch. 2 s. 10: vouchers and other material, 6 years",
            material=("accounting-voucher", "accounting-correspondence"),
            source=LegalSource(
                citation="Kirjanpitolaki 1336/1997 2:10", url=_KPL, confidence=Confidence.SECONDARY
            ),
        ),
        Statute(
            id="FI_EMPL_6_7",
            country="FI",
            title="Employment Contracts Act 55/2001 ch. 6 s. 7: employment certificate, 10 years",
            material=("employment-record",),
            source=LegalSource(
                citation="Työsopimuslaki 55/2001 6:7",
                url="https://finlex.fi/fi/laki/ajantasa/2001/20010055",
            ),
        ),
        Statute(
            id="FI_TYOAIKA_32",
            country="FI",
            title="Working Hours Act 872/2019 s. 32: working-time records",
            material=("working-time-record",),
            source=LegalSource(
                citation="Työaikalaki 872/2019 32 §",
                url="https://finlex.fi/fi/laki/ajantasa/2019/20190872",
                confidence=Confidence.SECONDARY,
            ),
        ),
        Statute(
            id="FI_VUOSILOMA_29",
            country="FI",
            title="Annual Holidays Act 162/2005 s. 29: annual-holiday records",
            material=("holiday-record",),
            source=LegalSource(
                citation="Vuosilomalaki 162/2005 29 §",
                url="https://finlex.fi/fi/laki/ajantasa/2005/20050162",
            ),
        ),
    )
}


def statute(statute_id: str) -> Statute | None:
    return STATUTES.get(statute_id)


@attrs.frozen(kw_only=True)
class RepealedLaw:
    """A law superseded on ``superseded`` (GDPR applies) and repealed on ``repealed``."""

    id: str
    title: str
    pattern: re.Pattern[str]  # how citations of it are recognised in a notice's text
    superseded: date
    repealed: date
    replaced_by: str
    source: LegalSource


PERSONAL_DATA_ACT = RepealedLaw(
    id="FI_HETIL_523_1999",
    title="Personal Data Act 523/1999 (henkilötietolaki)",
    pattern=re.compile(
        r"523/1999|henkilötietolak|personuppgiftslag|personal data act", re.IGNORECASE
    ),
    superseded=date(2018, 5, 25),
    repealed=date(2019, 1, 1),
    replaced_by="GDPR and the Data Protection Act 1050/2018",
    source=LegalSource(
        citation="Tietosuojalaki 1050/2018 s. 38 (repeal of 523/1999)",
        url="https://finlex.fi/fi/laki/alkup/2018/20181050",
    ),
)

REPEALED_LAWS: tuple[RepealedLaw, ...] = (PERSONAL_DATA_ACT,)


def repealed_law_cited(text: str, as_of: date) -> RepealedLaw | None:
    """The repealed (or GDPR-superseded) law ``text`` cites, if GDPR applied on ``as_of``."""
    for law in REPEALED_LAWS:
        if as_of >= law.superseded and law.pattern.search(text):
            return law
    return None
