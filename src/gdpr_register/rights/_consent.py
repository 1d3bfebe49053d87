"""Withdrawal of consent (Art. 7(3))."""

from __future__ import annotations

from gdpr_register.rights._scope import (
    A,
    PurposeView,
    Work,
    art,
    pid_of,
)

__all__ = ['withdraw']


def withdraw(work: Work, purposes: list[PurposeView]) -> list[bool]:
    flags = []
    for p in purposes:
        pid = pid_of(p)
        if A.CONSENT in p.articles or p.explicit_consent:
            others = sorted(p.articles - {A.CONSENT})
            tail = (
                "; processing may continue only on " + ", ".join(art(b) for b in others)
                if others
                else "; no other basis: the data are to be erased (Art. 17(1)(b))"
            )
            work.reason("ART7_3", "Art. 7(3)", True,
                        "consent can be withdrawn at any time, without affecting prior "
                        "lawfulness" + tail, purpose=pid, categories=p.categories)
            flags.append(True)
        else:
            work.reason("ART7_3", "Art. 7(3)", False,
                        "this purpose does not rest on consent", purpose=pid)
            flags.append(False)
    return flags

