"""Objection (Art. 21(1)) and the direct-marketing objection (Art. 21(2)-(3))."""

from __future__ import annotations

from gdpr_register.model.enums import LawfulBasis
from gdpr_register.rights._model import (
    ControllerDecisions,
    ExceptionFound,
)
from gdpr_register.rights._scope import (
    A,
    Branch,
    PurposeView,
    Work,
    pid_of,
    settle,
)

__all__ = ['dm_objection', 'objection']


def _objection_branch(
    p: PurposeView, bases: frozenset[LawfulBasis], decisions: ControllerDecisions
) -> Branch:
    def body(work: Work) -> tuple[bool, bool, str]:
        pid = pid_of(p)
        if p.direct_marketing:
            work.reason("ART21_3", "Art. 21(3)", True,
                        "direct marketing: the objection is absolute (Art. 21(2)-(3)); "
                        "compelling grounds do not count", purpose=pid)
            return True, True, "processing stops (direct marketing)"
        if not bases & {A.PUBLIC_TASK, A.LEGITIMATE_INTERESTS}:
            hint = " (withdraw consent instead, Art. 7(3))" if A.CONSENT in bases else ""
            work.reason("ART21_1", "Art. 21(1)", False,
                        "Art. 21(1) covers only processing on Art. 6(1)(e) or (f)" + hint,
                        purpose=pid)
            return False, False, "no Art. 21(1) objection (no Art. 6(1)(e) or (f) basis)"
        if decisions.compelling_grounds:
            work.reason("ART21_1", "Art. 21(1)", False,
                        "the controller demonstrates compelling legitimate grounds: "
                        f"{decisions.compelling_grounds_reason}", purpose=pid)
            work.exceptions.append(ExceptionFound(
                rule="ART21_1", article="Art. 21(1)", source="controller",
                message=str(decisions.compelling_grounds_reason), categories=p.categories))
            return False, False, "processing continues on compelling grounds"
        if decisions.compelling_grounds is None:
            work.ask("compelling_grounds", "Art. 21(1)",
                     "can the controller demonstrate compelling legitimate grounds that "
                     "override the subject's interests, or legal claims? Until it does, "
                     "processing stops")
        work.reason("ART21_1", "Art. 21(1)", True,
                    "processing on Art. 6(1)(e)/(f) must stop unless the controller "
                    "demonstrates compelling grounds", purpose=pid)
        return True, True, "processing stops unless compelling grounds are demonstrated"

    return Branch.run(body)


def objection(
    work: Work, purposes: list[PurposeView], decisions: ControllerDecisions
) -> list[bool | None]:
    flags: list[bool | None] = []
    for p in purposes:
        branch = settle(
            work, p, "Art. 21(1)", lambda q, bases: _objection_branch(q, bases, decisions)
        )
        flags.append(None if branch is None else branch.applies)
    return flags


def dm_objection(work: Work, purposes: list[PurposeView]) -> list[bool | None]:
    flags: list[bool | None] = []
    for p in purposes:
        if p.direct_marketing:
            work.reason("ART21_2", "Art. 21(2)", True,
                        "direct marketing: processing for it must stop, whatever the basis; "
                        "absolute (Art. 21(3))", purpose=pid_of(p), categories=p.categories)
        else:
            work.reason("ART21_2", "Art. 21(2)", False,
                        "not a direct-marketing purpose", purpose=pid_of(p))
        flags.append(p.direct_marketing)
    if not purposes:
        work.reason("ART21_2", "Art. 21(2)", False, "the register lists no purposes")
    return flags

