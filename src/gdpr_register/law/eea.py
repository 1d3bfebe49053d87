"""EEA membership with dates: where a transfer is no Chapter V (third-country) transfer.

EU-27 states count as members throughout (Croatia from its accession on 2013-07-01), so that
a date before GDPR applied (2018-05-25) never turns an intra-EU transfer into an export.
Iceland, Liechtenstein and Norway count from their EEA membership (1994-01-01; Liechtenstein
1995-05-01): under Directive 95/46/EC, part of the EEA Agreement, they were EEA states for
transfer purposes before GDPR was incorporated into the EEA Agreement on 2018-07-20 (EEA Joint
Committee Decision 154/2018 of 6 July 2018; ``gdpr_since``). A transfer to Norway between
2018-05-25 and 2018-07-19 is therefore not read as a third-country transfer. The United
Kingdom applied GDPR as a Member State until the end of the Brexit transition period
(2020-12-31); it is a third country afterwards.
"""

from __future__ import annotations

from datetime import date

import attrs

from gdpr_register.law._source import Confidence, LegalSource

__all__ = [
    "EEA_MEMBERS",
    "GDPR_APPLIES_FROM",
    "Membership",
    "gdpr_applies_in",
    "is_eea",
    "membership",
]

GDPR_APPLIES_FROM = date(2018, 5, 25)  # Art. 99(2)

_GDPR = LegalSource(
    citation="GDPR Art. 99(2); TEU Art. 52",
    url="https://eur-lex.europa.eu/eli/reg/2016/679/oj",
)
_EEA_DIRECTIVE = LegalSource(
    citation="EEA Agreement (in force 1994-01-01; Liechtenstein 1995-05-01), Annex XI: Directive "
    "95/46/EC; GDPR incorporated by EEA Joint Committee Decision No 154/2018, in force 2018-07-20",
    url="https://www.efta.int/EEA/news/General-Data-Protection-Regulation-incorporated-EEA-Agreement-509291",
    confidence=Confidence.SECONDARY,
)
_BREXIT = LegalSource(
    citation="Withdrawal Agreement (OJ C 384I, 12.11.2019) Arts. 126-127: transition to 2020-12-31",
    url="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12019W/TXT(02)",
    confidence=Confidence.SECONDARY,
)


@attrs.frozen(kw_only=True)
class Membership:
    """A country inside the EEA from ``since`` up to and including ``until`` (None: open).

    ``gdpr_since``: where GDPR itself applied later than EEA membership began (Iceland,
    Liechtenstein, Norway: 2018-07-20); None means from 2018-05-25 or membership, whichever
    is later.
    """

    country: str
    name: str
    since: date
    until: date | None
    source: LegalSource
    gdpr_since: date | None = None

    def on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


_EU27 = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IE": "Ireland",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
}

EEA_MEMBERS: tuple[Membership, ...] = (
    *(
        Membership(
            country=code,
            name=name,
            since=date(2013, 7, 1) if code == "HR" else date.min,
            until=None,
            source=_GDPR,
        )
        for code, name in _EU27.items()
    ),
    *(
        Membership(
            country=code,
            name=name,
            since=since,
            until=None,
            source=_EEA_DIRECTIVE,
            gdpr_since=date(2018, 7, 20),
        )
        for code, name, since in (
            ("IS", "Iceland", date(1994, 1, 1)),
            ("LI", "Liechtenstein", date(1995, 5, 1)),
            ("NO", "Norway", date(1994, 1, 1)),
        )
    ),
    Membership(
        country="GB",
        name="United Kingdom",
        since=date.min,
        until=date(2020, 12, 31),
        source=_BREXIT,
    ),
)

_BY_COUNTRY: dict[str, Membership] = {m.country: m for m in EEA_MEMBERS}


def membership(country: str) -> Membership | None:
    """The membership record of ``country`` (ISO alpha-2), current or past; None if never."""
    return _BY_COUNTRY.get(country)


def is_eea(country: str, as_of: date) -> bool:
    """Whether ``country`` (ISO alpha-2) was inside the EEA on ``as_of``: a transfer there is
    no Chapter V transfer. Norway, Iceland and Liechtenstein count before 2018-07-20 too
    (Directive 95/46/EC applied there as EEA law)."""
    record = _BY_COUNTRY.get(country)
    return record is not None and record.on(as_of)


def gdpr_applies_in(country: str, as_of: date) -> bool:
    """Whether GDPR itself applied in ``country`` on ``as_of`` (from 2018-05-25; Iceland,
    Liechtenstein and Norway from 2018-07-20)."""
    record = _BY_COUNTRY.get(country)
    if record is None or not record.on(as_of):
        return False
    return as_of >= max(GDPR_APPLIES_FROM, record.gdpr_since or GDPR_APPLIES_FROM)
