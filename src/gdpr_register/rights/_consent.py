"""Withdrawal of consent (Art. 7(3))."""

from __future__ import annotations

from collections.abc import Hashable

from gdpr_register.model.enums import LawfulBasis
from gdpr_register.rights._scope import (
    A,
    Branch,
    PurposeView,
    Work,
    arts,
    pid_of,
    settle,
)

__all__ = ['withdraw']


def _withdraw_branch(p: PurposeView, bases: frozenset[LawfulBasis]) -> Branch:
    def body(work: Work) -> tuple[Hashable, bool, str]:
        pid = pid_of(p)
        if A.CONSENT in bases or p.explicit_consent:
            others = frozenset(bases - {A.CONSENT})
            tail = (
                "; processing may continue only on " + arts(others)
                if others
                else "; no other basis: the data are to be erased (Art. 17(1)(b))"
            )
            work.reason("ART7_3", "Art. 7(3)", True,
                        "consent can be withdrawn at any time, without affecting prior "
                        "lawfulness" + tail, purpose=pid, categories=p.categories)
            outcome = "withdrawn" + (
                f"; processing continues on {arts(others)}" if others else "; erase"
            )
            return (True, others), True, outcome
        work.reason("ART7_3", "Art. 7(3)", False,
                    "this purpose does not rest on consent", purpose=pid)
        return (False, frozenset()), False, "no consent to withdraw"

    return Branch.run(body)


def withdraw(work: Work, purposes: list[PurposeView]) -> list[bool | None]:
    flags: list[bool | None] = []
    for p in purposes:
        branch = settle(work, p, "Art. 7(3)", lambda q, bases: _withdraw_branch(q, bases))
        flags.append(None if branch is None else branch.applies)
    return flags
