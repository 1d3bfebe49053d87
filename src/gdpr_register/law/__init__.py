"""Dated legal facts as data, each with its source: read by rules through an ``as_of`` date.

One module per body of facts: :mod:`~gdpr_register.law.eea` (EEA membership),
:mod:`~gdpr_register.law.adequacy` (Art. 45 decisions), :mod:`~gdpr_register.law.mechanisms`
(Chapter V mechanisms and their invalidation), :mod:`~gdpr_register.law.statutes` (national
retention duties and repealed laws). Nothing here reads the clock.
"""

from gdpr_register.law._source import Confidence, LegalSource
from gdpr_register.law.adequacy import ADEQUACY_DECISIONS, AdequacyDecision, adequacy_for
from gdpr_register.law.eea import (
    EEA_MEMBERS,
    GDPR_APPLIES_FROM,
    Membership,
    gdpr_applies_in,
    is_eea,
)
from gdpr_register.law.mechanisms import MECHANISMS, MechanismStatus, mechanism_status
from gdpr_register.law.statutes import (
    DEFAULT_STATUTES,
    STATUTES,
    RepealedLaw,
    Statute,
    StatuteTable,
    repealed_law_cited,
)

__all__ = [
    "ADEQUACY_DECISIONS",
    "DEFAULT_STATUTES",
    "EEA_MEMBERS",
    "GDPR_APPLIES_FROM",
    "MECHANISMS",
    "STATUTES",
    "AdequacyDecision",
    "Confidence",
    "LegalSource",
    "MechanismStatus",
    "Membership",
    "RepealedLaw",
    "Statute",
    "StatuteTable",
    "adequacy_for",
    "gdpr_applies_in",
    "is_eea",
    "mechanism_status",
    "repealed_law_cited",
]
