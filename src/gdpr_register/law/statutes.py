"""National statutes that rules and the retention engine read: retention duties (with the
material they cover and, where confirmed, their period and clock) and repealed laws a notice
must no longer cite (catalogue §5, §5.1 and §9).

A :class:`Statute` says which kinds of statutory *material* it covers (``accounting-voucher``,
``employment-record``...), in which country, for how long and from which clock. The retention
engine links it to a register's data categories through ``DataCategory.material`` (and
through a ``statutory-hold`` rule that names it): a statute covers only the categories that
hold its material (the Finnish DPA's decision 4359/163/2018: the bookkeeping duty covers
accounting material only).

Confidence follows the rule catalogue (C/S/U). A statute whose period or trigger is not
confirmed has ``period``/``trigger`` None: the engine then reports the covered data
*undetermined*, never a made-up date. Users add their own statutes with
:meth:`StatuteTable.with_statutes` (or ``statutes=`` on the retention functions).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import attrs

from gdpr_register._lazy import lazy_names
from gdpr_register.law._source import Confidence, LegalSource

if TYPE_CHECKING:
    from gdpr_register.law._statute_table import (
        ACCOUNTING_EVENTS,
        DEFAULT_STATUTES,
        STATUTES,
        Statute,
        StatuteTable,
    )

__all__ = [
    "ACCOUNTING_EVENTS",
    "DEFAULT_STATUTES",
    "PERSONAL_DATA_ACT",
    "REPEALED_LAWS",
    "STATUTES",
    "Confidence",
    "RepealedLaw",
    "Statute",
    "StatuteTable",
    "repealed_law_cited",
    "statute",
]

# The retention duties' table (two attrs classes, seven statutes) is built on first use: the
# rules a check runs read only the repealed laws below.
__getattr__ = lazy_names(
    __name__,
    dict.fromkeys(
        ("ACCOUNTING_EVENTS", "DEFAULT_STATUTES", "STATUTES", "Statute", "StatuteTable"),
        "gdpr_register.law._statute_table",
    ),
    globals(),
)

def statute(statute_id: str) -> Statute | None:
    """The built-in statute with this id, or None."""
    from gdpr_register.law._statute_table import STATUTES

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
