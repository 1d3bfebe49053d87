"""Portability (Art. 20): consent or contract, automated, data provided by the subject."""

from __future__ import annotations

from gdpr_register.model.enums import (
    SourceKind,
)
from gdpr_register.model.register import Register
from gdpr_register.rights._model import (
    CategoryAction,
    CategoryOutcome,
)
from gdpr_register.rights._scope import (
    A,
    PurposeView,
    Work,
    art,
    pid_of,
)

__all__ = ['portability']


def portability(
    work: Work,
    register: Register,
    purposes: list[PurposeView],
    categories: list[str],
) -> list[bool]:
    provided: set[str] = set()
    for source in register.sources:
        if source.kind is SourceKind.DATA_SUBJECT:
            provided.update(source.categories or (c.id for c in register.data_categories))
    automated = register.automated_processing
    if automated is False:
        work.reason(
            "ART20_1_b",
            "Art. 20(1)(b)",
            False,
            "the register states the processing is not carried out by automated means",
        )
        return [False]
    if automated is None:
        work.ask(
            "automated_processing",
            "Art. 20(1)(b)",
            "the register does not state whether processing is automated; portability is "
            "assessed as if it is (set Register.automated_processing)",
        )
    eligible: dict[str, list[str]] = {}
    flags = []
    for p in purposes:
        pid = pid_of(p)
        if A.CONSENT in p.articles or p.explicit_consent:
            basis = "Art. 6(1)(a)" if A.CONSENT in p.articles else "Art. 9(2)(a)"
        elif A.CONTRACT in p.articles:
            basis = "Art. 6(1)(b)"
        else:
            basis = ""
        if not basis:
            if p.articles == {A.PUBLIC_TASK}:
                work.reason("ART20_3", "Art. 20(3)", False,
                            "processing for a public task: portability does not apply",
                            purpose=pid)
            else:
                shown = ", ".join(art(a) for a in sorted(p.articles)) or "no lawful basis"
                work.reason("ART20_1_a", "Art. 20(1)(a)", False,
                            f"basis {shown}: portability needs consent or contract",
                            purpose=pid)
            flags.append(False)
            continue
        mine = [c for c in p.categories if c in provided and c in categories]
        if not mine:
            work.reason("ART20_1", "Art. 20(1)", False,
                        "none of this purpose's categories is provided by the data subject",
                        purpose=pid)
            flags.append(False)
            continue
        work.reason("ART20_1_a", "Art. 20(1)(a)", True,
                    f"{basis}, data provided by the subject", purpose=pid, categories=mine)
        for cid in mine:
            eligible.setdefault(cid, []).append(p.id)
        flags.append(len(mine) == len([c for c in p.categories if c in categories]))
    for cid in categories:
        if cid in eligible:
            work.categories.append(CategoryOutcome(
                category=cid, action=CategoryAction.EXPORT, articles=("Art. 20(1)",),
                purposes=tuple(eligible[cid]),
                message="provide in a structured, commonly used, machine-readable format"))
        else:
            why = ("not provided by the data subject" if cid not in provided
                   else "no consent or contract purpose uses it")
            work.categories.append(CategoryOutcome(
                category=cid, action=CategoryAction.NOT_PORTABLE, articles=("Art. 20(1)",),
                message=why))
    work.reason("ART20_4", "Art. 20(4)", None,
                "the copy must not adversely affect others' rights; portability is without "
                "prejudice to Art. 17 (Art. 20(3))")
    return flags

