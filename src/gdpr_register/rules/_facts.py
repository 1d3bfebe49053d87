"""What the catalogue derives from one register, and from the law on one day, computed once.

``evaluate`` builds one :class:`RegisterFacts` per register and one :class:`LawOnDate` per
call, and hands them to the rules through the :class:`~gdpr_register.rules.Context`. Many
rules read the same facts (the lawful bases stated, the first stated right of each kind, a
transfer's judgement, the adequacy decision for a country on the date): each is computed on
first use and then read as an attribute. Nothing outlives the call: a second ``evaluate`` of
the same notice starts cold, as a user's first one does. A rule called directly, outside
``evaluate``, gets fresh facts (:func:`facts`).

These are internal caches of one evaluation, not domain objects: plain slotted classes that
fill themselves in, never shared between calls or threads.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from gdpr_register.model._sections import NOTICE_SECTIONS
from gdpr_register.model.enums import (
    LawfulBasis,
    PurposeKind,
    RightKind,
    RightStatus,
    Section,
    SectionState,
    SpecialCategoryCondition,
)

if TYPE_CHECKING:
    from gdpr_register.law.adequacy import AdequacyDecision
    from gdpr_register.law.digital_consent import DigitalConsentAge
    from gdpr_register.law.mechanisms import MechanismStatus
    from gdpr_register.model.enums import TransferMechanism
    from gdpr_register.model.notice import Notice
    from gdpr_register.model.register import Register, StatedBasis, StatedRight
    from gdpr_register.rules._options import Context, Options

__all__ = ["UNSET", "Evaluation", "LawOnDate", "RegisterFacts", "facts"]

UNSET: Any = object()  # a fact not computed yet (None is a fact's value)

# Enum members read in the walk, as module constants: on Python 3.11 reading a member from
# its class goes through EnumType's __getattr__ hook and costs several times a global.
_LI = LawfulBasis.LEGITIMATE_INTERESTS
_CONSENT, _CONTRACT = LawfulBasis.CONSENT, LawfulBasis.CONTRACT
_EXPLICIT = SpecialCategoryCondition.EXPLICIT_CONSENT
_DIRECT_MARKETING = PurposeKind.DIRECT_MARKETING
_DENIED = RightStatus.DENIED
_STATED, _SILENT = SectionState.STATED, SectionState.SILENT
_NONE: frozenset[Any] = frozenset()


class LawOnDate:
    """Lookups in the law tables on one day, each answered once per key."""

    __slots__ = (
        "_adequacy", "_consent_age", "_eea", "_mechanisms", "_reads_conclusion", "as_of",
        "judgements",
    )

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self._adequacy: dict[str, AdequacyDecision | None] = {}
        self._eea: dict[str, bool] = {}
        self._consent_age: dict[str | None, DigitalConsentAge] = {}
        self._mechanisms: dict[tuple[Any, ...], MechanismStatus] = {}
        self._reads_conclusion: dict[TransferMechanism, bool] = {}
        #: Transfer judgements by the facts they are made of (``_chapter5.judgement``): one
        #: legal question, answered once however many registers ask it.
        self.judgements: dict[tuple[Any, ...], Any] = {}

    def mechanism_status(
        self, mechanism: TransferMechanism, concluded: date | None, country: str | None
    ) -> MechanismStatus:
        if concluded is not None:
            # Contracts concluded on different days share a status where the law does not
            # read the day (most mechanisms on most days): one lookup, not one per contract.
            reads = self._reads_conclusion.get(mechanism)
            if reads is None:
                from gdpr_register.law.mechanisms import reads_conclusion

                reads = self._reads_conclusion[mechanism] = reads_conclusion(
                    mechanism, self.as_of
                )
            if not reads:
                concluded = None
        key = (mechanism, concluded, country)
        found = self._mechanisms.get(key)
        if found is None:
            from gdpr_register.law.mechanisms import mechanism_status

            found = self._mechanisms[key] = mechanism_status(
                mechanism, self.as_of, concluded, country
            )
        return found

    def adequacy_for(self, territory: str) -> AdequacyDecision | None:
        found = self._adequacy.get(territory, UNSET)
        if found is UNSET:
            from gdpr_register.law.adequacy import adequacy_for

            found = self._adequacy[territory] = adequacy_for(territory, self.as_of)
        return found  # type: ignore[no-any-return]

    def is_eea(self, country: str) -> bool:
        found = self._eea.get(country)
        if found is None:
            from gdpr_register.law.eea import is_eea

            found = self._eea[country] = is_eea(country, self.as_of)
        return found

    def digital_consent_age(self, country: str | None) -> DigitalConsentAge:
        found = self._consent_age.get(country)
        if found is None:
            from gdpr_register.law.digital_consent import digital_consent_age

            found = self._consent_age[country] = digital_consent_age(country, self.as_of)
        return found


class RegisterFacts:
    """Facts of one register on one day under one set of options, each computed once.

    The cheap ones that nearly every register needs are computed on construction in one walk
    of the purposes and rights; the dearer ones (portability, transfer judgements, section
    states) on first use.
    """

    __slots__ = (
        "_all_bases",
        "_sections",
        "articles",
        "conflict",
        "denied",
        "explicit_consent",
        "exports",
        "index",
        "kinds",
        "law",
        "lawless",
        "li_open",
        "marketing",
        "mechanisms",
        "notice",
        "objection",
        "options",
        "portability",
        "procedures",
        "register",
        "rights",
        "unmapped",
    )

    def __init__(
        self, notice: Notice, register: Register, options: Options, law: LawOnDate,
        index: int = -1,
    ) -> None:
        self.notice = notice
        #: The register's index in ``notice.registers`` (-1: not one of its own objects).
        self.index = index
        self.register = register
        self.options = options
        self.law = law
        found: set[LawfulBasis] = set()
        lawless = li_open = conflict = explicit = False
        for b in register.pooled_bases:
            article = b.article
            if article is None:
                lawless = lawless or not b.law
            else:
                found.add(article)
                if article is _LI and not b.interests:
                    li_open = True
        marketing = []
        unmapped = []
        kinds: set[PurposeKind] = set()
        for purpose in register.purposes:
            bases = purpose.bases
            if bases:
                consent = contract = False
                for b in bases:
                    article = b.article
                    if article is None:
                        if not b.law:
                            lawless = True
                    else:
                        found.add(article)
                        if article is _LI:
                            if not b.interests:
                                li_open = True
                        elif article is _CONSENT:
                            consent = True
                        elif article is _CONTRACT:
                            contract = True
                if consent and contract:
                    conflict = True
            else:
                unmapped.append(purpose.id)
            if not explicit:
                for c in purpose.special_conditions:
                    if c.article is _EXPLICIT:
                        explicit = True
                        break
            purpose_kinds = purpose.kinds
            kinds.update(purpose_kinds)
            if _DIRECT_MARKETING in purpose_kinds:  # Purpose.is_direct_marketing
                marketing.append(purpose.id)
        #: Every Art. 6(1) point stated anywhere in the register (``Register.articles()``).
        self.articles: frozenset[LawfulBasis] = frozenset(found)
        #: Whether some purpose states the Art. 9(2)(a) condition.
        self.explicit_consent = explicit
        #: The ids of the purposes that are direct marketing, in order.
        self.marketing: tuple[str, ...] = tuple(marketing)
        #: Whether some stated basis names neither an Art. 6(1) point nor a law.
        self.lawless = lawless
        #: Whether some 6(1)(f) basis does not state the interests.
        self.li_open = li_open
        #: Whether some purpose's own bases name both 6(1)(a) and 6(1)(b).
        self.conflict = conflict
        #: The ids of the purposes with no bases of their own, in order.
        self.unmapped: tuple[str, ...] = tuple(unmapped)
        #: Every purpose kind stated in the register.
        self.kinds: frozenset[PurposeKind] = frozenset(kinds)
        rights: dict[RightKind, StatedRight] = {}
        procedures = register.request_procedure is not None
        denied = set()
        for item in register.rights:
            right = item.right
            if right not in rights:
                rights[right] = item
            if item.procedure is not None:
                procedures = True
            if item.status is _DENIED:
                denied.add(right)
        #: The first stated right of each kind.
        self.rights = rights
        #: The kinds of right stated (in any entry) as denied.
        self.denied: frozenset[RightKind] = frozenset(denied) if denied else _NONE
        #: Whether the register or one of its rights states a request procedure.
        self.procedures = procedures
        self._all_bases: list[tuple[str, StatedBasis]] | None = None
        #: Filled by the catalogue on first use (``objection_bases``).
        self.objection: tuple[str, ...] | None = None
        #: Filled by the catalogue on first use (``portability_bases``).
        self.portability: Any = UNSET
        #: Filled by the catalogue on first use (``_chapter5.mechanisms``).
        self.mechanisms: Any = None
        #: Filled by the catalogue on first use (``_chapter5.exports``).
        self.exports: Any = None
        self._sections: dict[Section, SectionState] = {}

    @property
    def all_bases(self) -> list[tuple[str, StatedBasis]]:
        """Every stated basis with its path relative to the register."""
        found = self._all_bases
        if found is None:
            found = []
            for i, basis in enumerate(self.register.pooled_bases):
                found.append((f".pooled_bases[{i}]", basis))
            for i, purpose in enumerate(self.register.purposes):
                for j, basis in enumerate(purpose.bases):
                    found.append((f".purposes[{i}].bases[{j}]", basis))
            self._all_bases = found
        return found

    def path(self, field: str) -> str:
        """``notice.path_of(register, field)``: where the register's ``field`` is stated."""
        if field in self.register.inherited:
            return f"$.shared.{field}"
        if self.index < 0:  # not one of the notice's own objects: compare by value
            return self.notice.path_of(self.register, field)
        return f"$.registers[{self.index}].{field}"

    def section_state(self, section: Section) -> SectionState:
        """``notice.section_state(section, register)``."""
        state = self._sections.get(section)
        if state is None:
            register = self.register
            if not register.none and register.coverage is None and section not in NOTICE_SECTIONS:
                # What Notice.section_state finds for a register with no markings: stated, or
                # else the notice's own markings, and silent on a notice without any.
                if register.states(section):
                    state = _STATED
                elif self.notice.coverage is None and not _shared_none(self.notice):
                    state = _SILENT
            if state is None:
                state = self.notice.section_state(section, register)
            self._sections[section] = state
        return state


def _shared_none(notice: Notice) -> bool:
    shared = notice.shared
    return shared is not None and bool(shared.none)


class Evaluation:
    """One ``evaluate`` call's shared state: the notice, the law on the day, and the facts of
    each register (built on first use, keyed by identity: the notice's own objects)."""

    __slots__ = ("indices", "law", "notice", "options", "table")

    def __init__(self, notice: Notice, options: Options, as_of: date) -> None:
        self.notice = notice
        self.options = options
        self.law = LawOnDate(as_of)
        self.table: dict[int, RegisterFacts] = {}
        self.indices: dict[int, int] | None = None

    def facts_of(self, register: Register, index: int = -1) -> RegisterFacts:
        """The facts of ``register`` (``index``: its place in the notice, when known)."""
        entry = self.table.get(id(register))
        if entry is None or entry.register is not register:
            if index < 0:
                index = self._indices().get(id(register), -1)
            entry = self.table[id(register)] = RegisterFacts(
                self.notice, register, self.options, self.law, index
            )
        return entry

    def _indices(self) -> dict[int, int]:
        """The notice's registers by identity, built once (notice rules ask for any)."""
        found = self.indices
        if found is None:
            found = self.indices = {id(r): i for i, r in enumerate(self.notice.registers)}
        return found


def facts(notice: Notice, register: Register, ctx: Context) -> RegisterFacts:
    """The facts of ``register`` in ``ctx``'s evaluation: the engine's own for the register it
    is evaluating, the call's entry for another register of the notice (notice rules), or
    fresh ones when the rule is called directly (outside ``evaluate``)."""
    found = ctx.facts
    if found is not None and found.register is register:
        return found
    evaluation = ctx.evaluation
    if evaluation is not None and evaluation.notice is notice:
        return evaluation.facts_of(register)
    return RegisterFacts(notice, register, ctx.options, LawOnDate(ctx.as_of))
