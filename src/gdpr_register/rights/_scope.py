"""The assessment's view of a register: purposes with their bases, the request's scope.

A purpose rests on the Art. 6(1) bases mapped to it. A purpose with none mapped rests on the
register's pooled bases, read as the notice states them: "A, B or C" means one or more of
them, unknown which - not all of them (rule catalogue §10). Each right evaluates a purpose
on every set of bases it may rest on (:meth:`PurposeView.mappings`); :func:`settle` reports
the outcome when all agree and an :class:`~gdpr_register.rights.Undetermined` when not.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from itertools import combinations
from typing import Any

import attrs

from gdpr_register.model.enums import LawfulBasis, PurposeKind, SpecialCategoryCondition
from gdpr_register.model.register import Register
from gdpr_register.rights._model import (
    Action,
    Applicability,
    Candidate,
    CategoryOutcome,
    ControllerDecisions,
    ExceptionFound,
    Pending,
    Reason,
    Request,
    Undetermined,
)

__all__ = [
    "DM_KINDS",
    "WHOLE",
    "A",
    "Branch",
    "PurposeView",
    "Work",
    "art",
    "arts",
    "check_scope",
    "pid_of",
    "purpose_views",
    "scope_categories",
    "settle",
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

    def mappings(self) -> tuple[frozenset[LawfulBasis], ...]:
        """Every set of bases the purpose may rest on (one when the mapping is known)."""
        if not self.pooled:
            return (self.articles,)
        items = sorted(self.pooled)
        return tuple(
            frozenset(c) for size in range(1, len(items) + 1) for c in combinations(items, size)
        )

    @property
    def possible(self) -> frozenset[LawfulBasis]:
        """Every basis the purpose may rest on."""
        return self.articles | self.pooled


def _view(
    id: str,
    name: str,
    mapped: frozenset[LawfulBasis],
    pooled: frozenset[LawfulBasis],
    unmapped: tuple[str, ...],
    categories: tuple[str, ...],
    decided: tuple[LawfulBasis, ...] | None,
    **facts: bool,
) -> PurposeView:
    if decided is not None and not mapped:
        articles, candidates = frozenset(decided), frozenset[LawfulBasis]()
    elif mapped or len(pooled) <= 1:
        articles, candidates = mapped or pooled, frozenset()
    else:
        articles, candidates = frozenset(), pooled
    return PurposeView(
        id=id, name=name, articles=articles, unmapped=unmapped, categories=categories,
        pooled=candidates, **facts,
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
        mapped = frozenset(b.article for b in purpose.bases if b.article is not None)
        views.append(_view(
            purpose.id, purpose.name, mapped, pooled,
            tuple(b.text or "" for b in purpose.bases if b.article is None) + pooled_texts,
            purpose.categories or all_categories, decisions.bases_of(purpose.id),
            direct_marketing=bool(DM_KINDS & set(purpose.kinds)),
            explicit_consent=SpecialCategoryCondition.EXPLICIT_CONSENT in conditions,
            public_health=bool(conditions & _HEALTH),
        ))
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
    for index, (pid, _bases) in enumerate(decisions.purpose_bases):
        if pid not in purposes:
            problems.append(Problem(
                location=f"controller_decisions.purpose_bases[{index}]",
                message=f"unknown purpose {pid!r}",
            ))
    if problems:
        raise InputError(problems)


@attrs.frozen
class Branch:
    """A purpose's outcome on one set of bases: ``key`` must agree across the mappings."""

    key: Hashable
    applies: bool
    outcome: str
    reasons: tuple[Reason, ...] = ()
    asks: tuple[Pending, ...] = ()
    data: Any = None  # what the right needs from the chosen branch
    exceptions: tuple[ExceptionFound, ...] = ()

    @classmethod
    def run(cls, body: Callable[[Work], tuple[Hashable, bool, str]]) -> Branch:
        """Run ``body`` on a scratch :class:`Work`; it returns (key, applies, outcome)."""
        scratch = Work()
        key, applies, outcome = body(scratch)
        return cls(
            key=key, applies=applies, outcome=outcome, reasons=tuple(scratch.reasons),
            asks=tuple(scratch.pending.values()), exceptions=tuple(scratch.exceptions),
        )


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


def settle(
    work: Work,
    p: PurposeView,
    article: str,
    evaluate: Callable[[PurposeView, frozenset[LawfulBasis]], Branch],
    key: Callable[[PurposeView, frozenset[LawfulBasis]], Hashable] | None = None,
) -> Branch | None:
    """``p``'s outcome on every set of bases it may rest on; None when they disagree.

    When they disagree the purpose is recorded as undetermined with each candidate outcome
    and the bases that lead to it, and the controller is asked for the mapping. ``key``, if
    given, is a cheap function equal to ``evaluate(...).key``: then only one mapping per
    distinct key is evaluated in full.
    """
    mappings = p.mappings()
    if key is not None and len(mappings) > 1:
        keys = [key(p, m) for m in mappings]
        chosen_of: dict[Hashable, Branch] = {}
        for m, k in reversed(list(zip(mappings, keys, strict=True))):  # widest first
            if k not in chosen_of:
                chosen_of[k] = evaluate(p, m)
        branches = [chosen_of[k] for k in keys]
    else:
        branches = [evaluate(p, m) for m in mappings]
    first = branches[0]
    if all(b.key == first.key for b in branches):
        chosen = branches[-1]  # the widest mapping: its reasons name every candidate basis
        if p.pooled:
            work.reason(
                "ART6_1_POOLED", "Art. 13(1)(c)", None,
                f"the notice pools {arts(p.pooled)} without saying which this purpose rests "
                f"on; the outcome is the same on each: {chosen.outcome}",
                purpose=pid_of(p),
            )
        work.reasons.extend(chosen.reasons)
        work.exceptions.extend(chosen.exceptions)
        for ask in chosen.asks:
            work.pending.setdefault(ask.decision, ask)
        return chosen
    grouped: dict[Hashable, tuple[Branch, list[LawfulBasis]]] = {}
    for mapping, branch in zip(mappings, branches, strict=True):
        entry = grouped.setdefault(branch.key, (branch, []))
        if len(mapping) == 1:
            entry[1].extend(mapping)
    candidates = tuple(
        Candidate(outcome=branch.outcome, applies=branch.applies, bases=tuple(sorted(bases)))
        for branch, bases in grouped.values()
    )
    decide = (
        f"state which of {arts(p.pooled)} purpose {p.id} rests on "
        "(ControllerDecisions.purpose_bases); the notice pools them"
    )
    work.undetermined.append(Undetermined(
        article=article, purpose=pid_of(p), categories=p.categories, candidates=candidates,
        decide=decide,
    ))
    shown = "; ".join(
        f"{c.outcome}" + (f" if it rests on {arts(c.bases)}" if c.bases else " otherwise")
        for c in candidates
    )
    work.reason(
        "ART6_1_POOLED", article, None,
        f"undetermined: the notice pools {arts(p.pooled)} without saying which this purpose "
        f"rests on: {shown}",
        purpose=pid_of(p), categories=p.categories,
    )
    work.ask("purpose_bases", "Art. 6(1)", "which of the pooled bases does each purpose rest "
             "on? Until stated, outcomes that depend on it are undetermined")
    return None


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
