"""Small views over the model shared by the catalogue's rules."""

from __future__ import annotations

import re

from gdpr_register.model.enums import (
    DataOrigin,
    LawfulBasis,
    PurposeKind,
    RightCondition,
    RightKind,
    RightStatus,
    Section,
    SectionState,
    SourceKind,
    SpecialCategoryCondition,
)
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register, StatedRight
from gdpr_register.rules._engine import Context
from gdpr_register.rules._facts import UNSET, RegisterFacts, facts

__all__ = [
    "INDIRECT",
    "MARKETING_KINDS",
    "NARROWING",
    "UNJUDGED",
    "VAGUE",
    "LazyPattern",
    "RegisterFacts",
    "at",
    "condition_kind",
    "contains_any",
    "facts",
    "has_consent",
    "indirect_sources",
    "narrowing",
    "objection_bases",
    "portability_bases",
    "portability_candidates",
    "right_index",
    "right_path",
    "section_state",
]

# Sources that make Art. 14 apply (data not obtained from the data subject). Data observed by
# the controller's own systems count as collected from the subject (C-422/24).
INDIRECT = frozenset(
    {SourceKind.SUBJECT_ORGANISATION, SourceKind.THIRD_PARTY, SourceKind.PUBLIC_SOURCE,
     SourceKind.OTHER}
)
# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_CONSENT_BASIS, _CONTRACT_BASIS = LawfulBasis.CONSENT, LawfulBasis.CONTRACT
_FROM_SUBJECT, _OBSERVED = SourceKind.DATA_SUBJECT, SourceKind.OBSERVED
_DERIVED = DataOrigin.DERIVED

class LazyPattern:
    """A regular expression compiled on first use: most runs of the command line never need
    some of the catalogue's patterns, and compiling them all costs start-up time."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self._get().search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self._get().match(text)


# Retention wording with no determinable end (Art. 13(2)(a) asks for a period or criteria).
VAGUE = LazyPattern(
    r"as long as (?:is |it is |it's |they are )?(?:necessary|needed|required)|longer by law|"
    r"niin kauan kuin (?:on |se on |ne ovat )?"
    r"(?:tarpeen|tarpeellista|tarvitaan)|tarpeellisen ajan|so länge (?:wie )?nötig|"
    r"så länge (?:som )?(?:det är )?nödvändigt|osaa tiedoista",
    re.IGNORECASE,
)








def contains_any(folded: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` is a substring of ``folded`` (the prefilter before a pattern).

    A plain loop: ``any()`` over a generator costs more than the searches on this hot path.
    """
    for word in words:  # noqa: SIM110
        if word in folded:
            return True
    return False


def has_consent(f: RegisterFacts) -> bool:
    return _CONSENT_BASIS in f.articles or f.explicit_consent


def indirect_sources(register: Register) -> list[tuple[int, str]]:
    return [(i, s.id) for i, s in enumerate(register.sources) if s.kind in INDIRECT]


MARKETING_KINDS = frozenset({PurposeKind.MARKETING, PurposeKind.DIRECT_MARKETING})

# Section states a rule does not judge (stated in another document, or not assessed).
UNJUDGED = frozenset({SectionState.ELSEWHERE, SectionState.NOT_ASSESSED})

# RightCondition values (CONTRACT §3) that narrow a right below what the law gives.
NARROWING = frozenset({RightCondition.ONLY_IF_UNLAWFUL, RightCondition.ONLY_IF_NOT_NECESSARY,
                       RightCondition.ONLY_IF_SOLE_BASIS, RightCondition.SOME_CASES})


def condition_kind(right: StatedRight) -> RightCondition | None:
    """The stated right's normalised condition, None where the encoder did not normalise it."""
    return right.condition_kind


def section_state(
    notice: Notice, section: Section | str, register: Register | None = None
) -> SectionState:
    """The state of a notice section for a register (or the notice as a whole)."""
    return notice.section_state(section if type(section) is Section else Section(section),
                                register)




_OBJECTION = tuple((b, b.value) for b in (LawfulBasis.PUBLIC_TASK,
                                          LawfulBasis.LEGITIMATE_INTERESTS))


def objection_bases(f: RegisterFacts) -> tuple[str, ...]:
    """The Art. 21(1) bases (6(1)(e), (f)) any purpose may rest on; a pooled basis counts,
    since it may be the one a purpose rests on (a right applies if any pooled basis triggers it)."""
    found = f.objection
    if found is None:
        stated = f.articles
        found = f.objection = tuple(value for b, value in _OBJECTION if b in stated)
    return found


def portability_bases(f: RegisterFacts) -> tuple[str, ...] | None:
    """The Art. 20(1) bases that make portability apply, () when it does not, None when it
    cannot be told (processing by automated means not stated and not assumed under the
    evaluation's options).

    Art. 20(1): consent (6(1)(a), 9(2)(a)) or contract (6(1)(b)), processing "carried out by
    automated means", data "provided by" the data subject. Data are not provided by the
    subject where every stated source is someone else or every category is derived by the
    controller (an unstated origin is not proof either way, so it does not rule it out).
    """
    found = f.portability
    if found is UNSET:
        found = f.portability = _portability_bases(f)
    return found  # type: ignore[no-any-return]


def _portability_bases(f: RegisterFacts) -> tuple[str, ...] | None:
    register = f.register
    bases = portability_candidates(f)
    if not bases:
        return ()
    if register.sources:
        for s in register.sources:
            if s.kind is _FROM_SUBJECT or s.kind is _OBSERVED:
                break
        else:  # every stated source is someone else
            return ()
    if register.data_categories:
        for c in register.data_categories:
            if c.origin is not _DERIVED:
                break
        else:  # every category is derived by the controller
            return ()
    automated = register.automated_processing
    if automated is False:
        return ()
    if automated is None and not f.options.assume_automated_processing:
        return None
    return bases


_CONSENT, _CONTRACT = LawfulBasis.CONSENT.value, LawfulBasis.CONTRACT.value
_EXPLICIT = SpecialCategoryCondition.EXPLICIT_CONSENT.value


def portability_candidates(f: RegisterFacts) -> tuple[str, ...]:
    """The bases stated that Art. 20(1) names: 6(1)(a), 6(1)(b), 9(2)(a), in that order."""
    stated = f.articles
    found = []
    if _CONSENT_BASIS in stated:
        found.append(_CONSENT)
    if _CONTRACT_BASIS in stated:
        found.append(_CONTRACT)
    if f.explicit_consent:
        found.append(_EXPLICIT)
    return tuple(found)


def right_index(register: Register, right: RightKind) -> int:
    """The index of a stated right in ``register.rights`` (the right must be stated)."""
    return next(i for i, r in enumerate(register.rights) if r.right is right)




# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_DENIED, _GRANTED = RightStatus.DENIED, RightStatus.GRANTED
_AS_IN_LAW = RightCondition.AS_IN_LAW


def narrowing(right: StatedRight) -> str | None:
    """How a stated right departs from the law: ``denied``, ``narrowed`` (a condition
    normalised as one the law lacks), ``unclear`` (a condition not normalised: whether it
    narrows the right cannot be told), or None (as the law gives it)."""
    status = right.status
    if status is _DENIED:
        return "denied"
    if status is _GRANTED:
        return None
    kind = right.condition_kind
    if kind in NARROWING:
        return "narrowed"
    return None if kind is _AS_IN_LAW else "unclear"


def at(register: Register, ctx: Context, field: str) -> str:
    """The path of a register field in the document: the notice's shared block when the
    register inherits it (CONTRACT §8), else the register's own key."""
    return f"$.shared.{field}" if field in register.inherited else f"{ctx.path}.{field}"


def right_path(register: Register, ctx: Context, right: RightKind) -> str:
    """The path of a stated right (the right must be stated)."""
    return f"{at(register, ctx, 'rights')}[{right_index(register, right)}]"
