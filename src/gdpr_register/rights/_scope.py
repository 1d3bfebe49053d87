"""The assessment's view of a register: purposes with their bases, the request's scope."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from gdpr_register.model.enums import (
    LawfulBasis,
    PurposeKind,
    SpecialCategoryCondition,
)
from gdpr_register.model.register import Register
from gdpr_register.rights._model import (
    Action,
    Applicability,
    CategoryOutcome,
    ExceptionFound,
    Pending,
    Reason,
    Request,
)

__all__ = [
    "DM_KINDS",
    "WHOLE",
    "A",
    "PurposeView",
    "Work",
    "art",
    "check_scope",
    "pid_of",
    "purpose_views",
    "scope_categories",
    "unmapped_notes",
    "verdict",
]


A = LawfulBasis
WHOLE = "*"  # the pseudo-purpose of a register that lists no purposes
ENDED = "*ended*"  # marker in plan holds: every category's retention period has ended
DM_KINDS = frozenset({PurposeKind.DIRECT_MARKETING})


def art(basis: LawfulBasis) -> str:
    return f"Art. {basis.value}"


@attrs.frozen
class PurposeView:
    id: str
    name: str
    articles: frozenset[LawfulBasis]
    unmapped: tuple[str, ...]
    categories: tuple[str, ...]
    direct_marketing: bool
    explicit_consent: bool
    public_health: bool


def purpose_views(register: Register, request: Request) -> list[PurposeView]:
    all_categories = tuple(c.id for c in register.data_categories)
    views = []
    items: Iterable[Any] = register.purposes
    if not register.purposes:
        views.append(
            PurposeView(
                id=WHOLE,
                name="the register as a whole (no purposes listed)",
                articles=frozenset(b.article for b in register.pooled_bases if b.article),
                unmapped=tuple(b.text or "" for b in register.pooled_bases if b.article is None),
                categories=all_categories,
                direct_marketing=False,
                explicit_consent=False,
                public_health=False,
            )
        )
        items = ()
    for purpose in items:
        bases = register.bases_for(purpose)
        conditions = {c.article for c in purpose.special_conditions}
        views.append(
            PurposeView(
                id=purpose.id,
                name=purpose.name,
                articles=frozenset(b.article for b in bases if b.article is not None),
                unmapped=tuple(b.text or "" for b in bases if b.article is None),
                categories=purpose.categories or all_categories,
                direct_marketing=bool(DM_KINDS & set(purpose.kinds)),
                explicit_consent=SpecialCategoryCondition.EXPLICIT_CONSENT in conditions,
                public_health=bool(
                    conditions
                    & {
                        SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE,
                        SpecialCategoryCondition.PUBLIC_HEALTH,
                    }
                ),
            )
        )
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


def check_scope(register: Register, request: Request) -> None:
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


def verdict(flags: list[bool]) -> Applicability:
    if flags and all(flags):
        return Applicability.YES
    if not any(flags):
        return Applicability.NO
    return Applicability.PARTLY


def pid_of(p: PurposeView) -> str | None:
    return None if p.id == WHOLE else p.id

