"""Dated legal facts as data, each with its source: read by rules through an ``as_of`` date.

One module per body of facts: :mod:`~gdpr_register.law.eea` (EEA membership),
:mod:`~gdpr_register.law.adequacy` (Art. 45 decisions), :mod:`~gdpr_register.law.mechanisms`
(Chapter V mechanisms and their invalidation), :mod:`~gdpr_register.law.statutes` (national
retention duties and repealed laws). Nothing here reads the clock.

Names load on first use, as the package's own do: reading one table
(``from gdpr_register.law.eea import is_eea``) builds that table, not every other.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_LAZY: dict[str, str] = {  # name -> the module of this package that defines it
    "ADEQUACY_DECISIONS": "adequacy",
    "AdequacyDecision": "adequacy",
    "Confidence": "_source",
    "DEFAULT_STATUTES": "statutes",
    "EEA_MEMBERS": "eea",
    "GDPR_APPLIES_FROM": "eea",
    "LegalSource": "_source",
    "MECHANISMS": "mechanisms",
    "MechanismStatus": "mechanisms",
    "Membership": "eea",
    "RepealedLaw": "statutes",
    "STATUTES": "statutes",
    "Statute": "statutes",
    "StatuteTable": "statutes",
    "adequacy_for": "adequacy",
    "gdpr_applies_in": "eea",
    "is_eea": "eea",
    "mechanism_status": "mechanisms",
    "repealed_law_cited": "statutes",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    else:
        try:  # a module of this package not imported yet (``gdpr_register.law.calendars``)
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
