"""Automated individual decisions (Art. 22)."""

from __future__ import annotations

from gdpr_register.model.register import Register
from gdpr_register.rights._scope import (
    A,
    PurposeView,
    Work,
)

__all__ = ['automated']


def automated(work: Work, register: Register, purposes: list[PurposeView]) -> list[bool | None]:
    adm = register.automated_decisions
    if adm is None or not adm.automated_decisions:
        if adm is None:
            work.ask("automated_decisions", "Art. 22(1)",
                     "the register does not say whether it makes automated decisions")
        work.reason("ART22_1", "Art. 22(1)", False,
                    "the register states no decisions based solely on automated processing")
        return [False]
    bases = {a for p in purposes for a in p.possible}
    if A.CONTRACT in bases:
        work.reason("ART22_2_a", "Art. 22(2)(a)", None,
                    "allowed if necessary for a contract; the subject may obtain human "
                    "intervention, express a view and contest (Art. 22(3))")
    if A.CONSENT in bases:
        work.reason("ART22_2_c", "Art. 22(2)(c)", None,
                    "allowed only with explicit consent; human intervention, view and "
                    "contest (Art. 22(3))")
    if A.LEGAL_OBLIGATION in bases or A.PUBLIC_TASK in bases:
        work.reason("ART22_2_b", "Art. 22(2)(b)", None,
                    "allowed where Union or Member State law authorises it with safeguards")
    work.reason("ART22_1", "Art. 22(1)", True,
                "the register makes decisions based solely on automated processing")
    return [True]

