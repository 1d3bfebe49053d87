"""Small views over the model shared by the catalogue's rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdpr_register.model.enums import LawfulBasis, SourceKind, SpecialCategoryCondition
from gdpr_register.model.register import Register, StatedBasis

__all__ = [
    "INDIRECT",
    "VAGUE",
    "all_bases",
    "has_consent",
    "indirect_sources",
]

# Sources that make Art. 14 apply (data not obtained from the data subject). Data observed by
# the controller's own systems count as collected from the subject (C-422/24).
INDIRECT = frozenset(
    {SourceKind.SUBJECT_ORGANISATION, SourceKind.THIRD_PARTY, SourceKind.PUBLIC_SOURCE,
     SourceKind.OTHER}
)

# Retention wording with no determinable end (Art. 13(2)(a) asks for a period or criteria).
VAGUE = re.compile(
    r"as long as (?:is )?(?:necessary|needed|required)|longer by law|niin kauan kuin (?:on )?"
    r"(?:tarpeen|tarpeellista|tarvitaan)|tarpeellisen ajan|so länge (?:wie )?nötig|"
    r"så länge (?:som )?(?:det är )?nödvändigt|osaa tiedoista",
    re.IGNORECASE,
)


def all_bases(register: Register) -> Iterator[tuple[str, StatedBasis]]:
    """Every stated basis with its path relative to the register."""
    for i, basis in enumerate(register.pooled_bases):
        yield f".pooled_bases[{i}]", basis
    for i, purpose in enumerate(register.purposes):
        for j, basis in enumerate(purpose.bases):
            yield f".purposes[{i}].bases[{j}]", basis


def has_consent(register: Register) -> bool:
    if LawfulBasis.CONSENT in register.articles():
        return True
    return any(
        c.article is SpecialCategoryCondition.EXPLICIT_CONSENT
        for p in register.purposes
        for c in p.special_conditions
    )


def indirect_sources(register: Register) -> list[tuple[int, str]]:
    return [(i, s.id) for i, s in enumerate(register.sources) if s.kind in INDIRECT]
