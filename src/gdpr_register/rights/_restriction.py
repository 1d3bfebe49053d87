"""Restriction (Art. 18): the ground the subject invokes, per purpose."""

from __future__ import annotations

from gdpr_register.model.enums import LawfulBasis
from gdpr_register.rights._model import (
    ControllerDecisions,
    RestrictionGround,
)
from gdpr_register.rights._scope import (
    A,
    Branch,
    PurposeView,
    Work,
    pid_of,
    settle,
)

__all__ = ['restriction']


def restriction(
    work: Work,
    purposes: list[PurposeView],
    categories: list[str],
    ground: RestrictionGround | None,
    decisions: ControllerDecisions,
) -> list[bool | None]:
    flags: list[bool | None] = []
    if ground is None:
        work.ask(
            "restriction_ground",
            "Art. 18(1)",
            "which Art. 18(1)(a)-(d) ground does the data subject invoke? (set "
            "Request.restriction_ground); until then restriction is assessed as available",
        )
        work.reason(
            "ART18_1",
            "Art. 18(1)",
            True,
            "restriction is available under every lawful basis when one of the grounds in "
            "Art. 18(1)(a)-(d) holds",
            categories=categories,
        )
        return [True]
    article = f"Art. {ground.value}"
    for p in purposes:
        branch = settle(work, p, article, lambda q, bases: _branch(q, bases, ground, decisions))
        flags.append(None if branch is None else branch.applies)
    return flags


def _branch(
    p: PurposeView,
    bases: frozenset[LawfulBasis],
    ground: RestrictionGround,
    decisions: ControllerDecisions,
) -> Branch:
    article = f"Art. {ground.value}"

    def body(work: Work) -> tuple[bool, bool, str]:
        pid = pid_of(p)
        if ground is RestrictionGround.ACCURACY_CONTESTED:
            ok, message = True, "accuracy contested: restrict while the controller verifies it"
        elif ground is RestrictionGround.UNLAWFUL_ERASURE_OPPOSED:
            ok = not bases
            message = (
                "no Art. 6(1) basis is stated: processing is unlawful on the record"
                if ok
                else "a lawful basis is stated; restriction on this ground needs the processing "
                "to be unlawful"
            )
        elif ground is RestrictionGround.NEEDED_FOR_LEGAL_CLAIMS:
            ok = not decisions.still_necessary
            if decisions.still_necessary is None:
                work.ask(
                    "still_necessary",
                    "Art. 18(1)(c)",
                    "does the controller still need the data for the purposes?",
                )
            message = (
                "the controller still needs the data for its purposes"
                if not ok
                else "the controller no longer needs the data; the subject needs them for "
                "legal claims"
            )
        else:  # OBJECTION_PENDING
            ok = bool(bases & {A.PUBLIC_TASK, A.LEGITIMATE_INTERESTS})
            message = (
                "an Art. 21(1) objection is pending verification of the controller's grounds"
                if ok
                else "no Art. 6(1)(e) or (f) basis: no Art. 21(1) objection to verify"
            )
        work.reason(f"ART18_1_{ground.value[-2]}", article, ok, message, purpose=pid,
                    categories=p.categories)
        return ok, ok, "restriction applies" if ok else "restriction does not apply"

    return Branch.run(body)
