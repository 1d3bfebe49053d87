"""The assessment's view of a register: purposes with their bases, the request's scope.

A purpose rests on the Art. 6(1) bases mapped to it. A purpose with none mapped rests on the
register's pooled bases, read as the notice states them: "A, B or C" means one or more of
them, unknown which - not all of them (rule catalogue §10). Each right evaluates a purpose
on every set of bases it may rest on (:meth:`PurposeView.mappings`); :func:`settle` reports
the outcome when all agree and an :class:`~gdpr_register.rights.Undetermined` when not.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import attrs

from gdpr_register.model.enums import LawfulBasis, PurposeKind, SpecialCategoryCondition
from gdpr_register.model.register import Purpose, Register
from gdpr_register.rights._model import (
    Applicability,
    ControllerDecisions,
    Request,
)
from gdpr_register.rights._outcome import (
    Action,
    CategoryOutcome,
    ExceptionFound,
    Pending,
    Reason,
    Undetermined,
)

__all__ = [
    "DM_KINDS",
    "WHOLE",
    "A",
    "PurposeView",
    "Work",
    "art",
    "arts",
    "check_scope",
    "pid_of",
    "purpose_views",
    "scope_categories",
    "unmapped_notes",
    "verdict",
]


A = LawfulBasis
WHOLE = "*"  # the pseudo-purpose of a register that lists no purposes
DM_KINDS = frozenset({PurposeKind.DIRECT_MARKETING})
_HEALTH = frozenset(
    {SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE, SpecialCategoryCondition.PUBLIC_HEALTH}
)


def art(basis: LawfulBasis) -> str:
    return f"Art. {basis.value}"


def arts(bases: Iterable[LawfulBasis]) -> str:
    return ", ".join(art(b) for b in sorted(bases))


@attrs.frozen(kw_only=True)
class PurposeView:
    """One purpose as the assessment reads it.

    ``articles``: the bases it certainly rests on; ``pooled``: when it has no mapped basis
    and the notice pools several, the candidates (it rests on one or more, unknown which).
    """

    id: str
    name: str
    articles: frozenset[LawfulBasis]
    unmapped: tuple[str, ...]
    categories: tuple[str, ...]
    direct_marketing: bool
    explicit_consent: bool
    public_health: bool
    pooled: frozenset[LawfulBasis] = frozenset()
    # Bases stated per data-subject group ("customers: contract; prospects: legitimate
    # interests") when the request does not say the subject's group: (group, bases) each.
    groups: tuple[tuple[str, frozenset[LawfulBasis]], ...] = ()

    def mappings(self) -> tuple[frozenset[LawfulBasis], ...]:
        """Every set of bases the purpose may rest on (one when the mapping is known)."""
        if self.groups:
            return tuple(dict.fromkeys(bases for _, bases in self.groups))
        if not self.pooled:
            return (self.articles,)
        items = sorted(self.pooled)
        return tuple(
            frozenset(c) for size in range(1, len(items) + 1) for c in combinations(items, size)
        )

    @property
    def possible(self) -> frozenset[LawfulBasis]:
        """Every basis the purpose may rest on."""
        return self.articles.union(self.pooled, *(bases for _, bases in self.groups))

    def groups_of(self, bases: frozenset[LawfulBasis]) -> list[str]:
        return [group for group, theirs in self.groups if theirs == bases]


def _by_group(
    purpose: Purpose, register: Register, request: Request
) -> tuple[frozenset[LawfulBasis], tuple[tuple[str, frozenset[LawfulBasis]], ...]]:
    """The purpose's mapped bases for the request's subject, or per group when unknown."""
    general = frozenset(b.article for b in purpose.bases if b.article and not b.subjects)
    specific: dict[str, set[LawfulBasis]] = {}
    for b in purpose.bases:
        if b.article is not None:
            for group in b.subjects:
                specific.setdefault(group, set()).add(b.article)
    if not specific:
        return general, ()
    if request.subject_category is not None:
        return general | specific.get(request.subject_category, set()), ()
    groups = [(group, general | frozenset(bases)) for group, bases in specific.items()]
    if general and any(s.id not in specific for s in register.data_subjects):
        groups.append(("other data subjects", general))
    if len({bases for _, bases in groups}) == 1:
        return groups[0][1], ()
    return general, tuple(groups)


def _view(
    id: str,
    name: str,
    mapped: frozenset[LawfulBasis],
    pooled: frozenset[LawfulBasis],
    unmapped: tuple[str, ...],
    categories: tuple[str, ...],
    decided: tuple[LawfulBasis, ...] | None,
    *,
    direct_marketing: bool,
    explicit_consent: bool,
    public_health: bool,
) -> PurposeView:
    if decided is not None and not mapped:
        articles, candidates = frozenset(decided), frozenset[LawfulBasis]()
    elif mapped or len(pooled) <= 1:
        articles, candidates = mapped or pooled, frozenset()
    else:
        articles, candidates = frozenset(), pooled
    return PurposeView(
        id=id, name=name, articles=articles, unmapped=unmapped, categories=categories,
        pooled=candidates, direct_marketing=direct_marketing,
        explicit_consent=explicit_consent, public_health=public_health,
    )


def purpose_views(
    register: Register, request: Request, decisions: ControllerDecisions
) -> list[PurposeView]:
    all_categories = tuple(c.id for c in register.data_categories)
    pooled = frozenset(b.article for b in register.pooled_bases if b.article is not None)
    pooled_texts = tuple(b.text or "" for b in register.pooled_bases if b.article is None)
    views = []
    if not register.purposes:
        views.append(_view(
            WHOLE, "the register as a whole (no purposes listed)", frozenset(), pooled,
            pooled_texts, all_categories, None,
            direct_marketing=False, explicit_consent=False, public_health=False,
        ))
    for purpose in register.purposes:
        conditions = {c.article for c in purpose.special_conditions}
        mapped, groups = _by_group(purpose, register, request)
        decided = decisions.bases_of(purpose.id)
        view = _view(
            purpose.id, purpose.name, mapped, pooled,
            tuple(b.text or "" for b in purpose.bases if b.article is None) + pooled_texts,
            purpose.categories or all_categories, decided,
            direct_marketing=bool(DM_KINDS & set(purpose.kinds)),
            explicit_consent=SpecialCategoryCondition.EXPLICIT_CONSENT in conditions,
            public_health=bool(conditions & _HEALTH),
        )
        if groups:
            view = attrs.evolve(
                view, articles=frozenset(decided or ()), pooled=frozenset(),
                groups=() if decided else groups,
            )
        views.append(view)
    if request.purposes:
        wanted = set(request.purposes)
        views = [v for v in views if v.id in wanted]
    return views


def scope_categories(register: Register, request: Request) -> list[str]:
    ids = [c.id for c in register.data_categories]
    if request.categories:
        wanted = set(request.categories)
        ids = [c for c in ids if c in wanted]
    return ids


def check_scope(register: Register, request: Request, decisions: ControllerDecisions) -> None:
    from gdpr_register.errors import InputError, Problem

    problems = []
    purposes = {p.id for p in register.purposes}
    categories = {c.id for c in register.data_categories}
    for index, pid in enumerate(request.purposes):
        if pid not in purposes:
            problems.append(
                Problem(location=f"request.purposes[{index}]", message=f"unknown purpose {pid!r}")
            )
    for index, cid in enumerate(request.categories):
        if cid not in categories:
            problems.append(
                Problem(
                    location=f"request.categories[{index}]", message=f"unknown category {cid!r}"
                )
            )
    if request.subject_category is not None and request.subject_category not in {
        s.id for s in register.data_subjects
    }:
        problems.append(Problem(
            location="request.subject_category",
            message=f"unknown data-subject category {request.subject_category!r}",
        ))
    for index, (pid, _bases) in enumerate(decisions.purpose_bases):
        if pid not in purposes:
            problems.append(Problem(
                location=f"controller_decisions.purpose_bases[{index}]",
                message=f"unknown purpose {pid!r}",
            ))
    if problems:
        raise InputError(problems)


class Work:
    """Accumulates the assessment's parts."""

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.exceptions: list[ExceptionFound] = []
        self.pending: dict[str, Pending] = {}
        self.actions: list[Action] = []
        self.categories: list[CategoryOutcome] = []
        self.undetermined: list[Undetermined] = []

    def reason(
        self,
        rule: str,
        article: str,
        applies: bool | None,
        message: str,
        purpose: str | None = None,
        categories: Iterable[str] = (),
    ) -> None:
        self.reasons.append(
            Reason(
                rule=rule,
                article=article,
                applies=applies,
                message=message,
                purpose=purpose,
                categories=tuple(categories),
            )
        )

    def ask(self, decision: str, article: str, message: str) -> None:
        self.pending.setdefault(
            decision, Pending(decision=decision, article=article, message=message)
        )


def unmapped_notes(work: Work, register: Register, purposes: list[PurposeView]) -> None:
    pooled = [b.text or "" for b in register.pooled_bases if b.article is None]
    for text in pooled:
        work.reason(
            "ART6_1",
            "Art. 6(1)",
            None,
            f"pooled basis {text!r} is no Art. 6(1) lawful basis and cannot support "
            "processing; it is ignored",
        )
    for p in purposes:
        if p.id == WHOLE:
            continue
        for text in p.unmapped[: len(p.unmapped) - len(pooled)]:
            work.reason(
                "ART6_1",
                "Art. 6(1)",
                None,
                f"stated basis {text!r} is no Art. 6(1) lawful basis and cannot support "
                "processing; it is ignored",
                purpose=p.id,
            )


def verdict(flags: list[bool | None]) -> Applicability:
    """YES/NO when every part agrees; UNDETERMINED when nothing applies for sure but some
    part is undetermined; PARTLY otherwise."""
    known = [f for f in flags if f is not None]
    if flags and len(known) == len(flags) and all(known):
        return Applicability.YES
    if not any(known):
        return Applicability.UNDETERMINED if len(known) < len(flags) else Applicability.NO
    return Applicability.PARTLY


def pid_of(p: PurposeView) -> str | None:
    return None if p.id == WHOLE else p.id
