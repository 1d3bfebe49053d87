"""Portability (Art. 20): consent or contract, automated, data provided by the subject.

"Provided by" the data subject (Art. 20(1); WP242 rev.01) covers data the subject gave and
data observed from the subject's use of the service, not data the controller created or
inferred. A category's origin is read from ``DataCategory.origin`` when stated, else from
the sources that list it; a source that lists no categories proves nothing about any one
category, so such a category is ``undetermined`` and not exported.
"""

from __future__ import annotations

import enum

from gdpr_register.model.enums import LawfulBasis, SourceKind
from gdpr_register.model.register import DataCategory, Register
from gdpr_register.rights._model import (
    Candidate,
    CategoryAction,
    CategoryOutcome,
    Undetermined,
)
from gdpr_register.rights._scope import (
    A,
    Branch,
    PurposeView,
    Work,
    arts,
    pid_of,
    settle,
)

__all__ = ["portability"]


class _Origin(enum.Enum):
    PROVIDED = "provided"
    NOT_PROVIDED = "not-provided"
    UNKNOWN = "unknown"


def _stated_origin(category: DataCategory) -> str | None:
    origin = getattr(category, "origin", None)  # DataCategory.origin (CONTRACT §9)
    return None if origin is None else str(getattr(origin, "value", origin))


def _origins(register: Register) -> dict[str, tuple[_Origin, str]]:
    """Per category: whether the subject provided it, and why the assessment thinks so."""
    listed: dict[str, list[SourceKind]] = {}
    unlisted_subject_source = False
    for source in register.sources:
        if not source.categories and source.kind is SourceKind.DATA_SUBJECT:
            unlisted_subject_source = True
        for cid in source.categories:
            listed.setdefault(cid, []).append(source.kind)
    result: dict[str, tuple[_Origin, str]] = {}
    for category in register.data_categories:
        stated = _stated_origin(category)
        kinds = listed.get(category.id, [])
        if stated == "provided":
            result[category.id] = (_Origin.PROVIDED, "stated as provided by the subject")
        elif stated == "observed":
            result[category.id] = (
                _Origin.PROVIDED,
                "observed from the subject's use of the service (counts as provided, WP242)",
            )
        elif stated == "derived":
            result[category.id] = (
                _Origin.NOT_PROVIDED,
                "created or inferred by the controller: not provided by the subject (WP242)",
            )
        elif SourceKind.DATA_SUBJECT in kinds:
            result[category.id] = (_Origin.PROVIDED, "a data-subject source lists it")
        elif SourceKind.OBSERVED in kinds:
            result[category.id] = (
                _Origin.PROVIDED,
                "an observed source lists it: observed from the subject (counts as provided, "
                "WP242)",
            )
        elif kinds:
            shown = ", ".join(sorted({k.value for k in kinds}))
            result[category.id] = (
                _Origin.NOT_PROVIDED, f"obtained from {shown} sources, not from the subject"
            )
        elif unlisted_subject_source:
            result[category.id] = (
                _Origin.UNKNOWN,
                "a data-subject source lists no categories: that does not show the subject "
                "provided this one",
            )
        else:
            result[category.id] = (_Origin.UNKNOWN, "the notice does not say where it comes from")
    return result


def _basis_branch(p: PurposeView, bases: frozenset[LawfulBasis]) -> Branch:
    if A.CONSENT in bases or p.explicit_consent:
        shown = "Art. 6(1)(a)" if A.CONSENT in bases else "Art. 9(2)(a)"
        return Branch(key=True, applies=True, outcome=f"portable ({shown})", data=shown)
    if A.CONTRACT in bases:
        return Branch(key=True, applies=True, outcome="portable (Art. 6(1)(b))",
                      data="Art. 6(1)(b)")
    if bases == {A.PUBLIC_TASK}:
        reason = ("ART20_3", "Art. 20(3)",
                  "processing for a public task: portability does not apply")
    else:
        reason = ("ART20_1_a", "Art. 20(1)(a)",
                  f"basis {arts(bases) or 'no lawful basis'}: portability needs consent or "
                  "contract")
    scratch = Work()
    scratch.reason(*reason[:2], False, reason[2], purpose=pid_of(p))
    return Branch(key=False, applies=False, outcome="not portable (basis)",
                  reasons=tuple(scratch.reasons))


def portability(
    work: Work,
    register: Register,
    purposes: list[PurposeView],
    categories: list[str],
) -> list[bool | None]:
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
    origins = _origins(register)
    in_scope = set(categories)
    eligible: dict[str, list[str]] = {}
    open_: dict[str, list[str]] = {}
    flags: list[bool | None] = []
    for p in purposes:
        pid = pid_of(p)
        branch = settle(work, p, "Art. 20(1)(a)", lambda q, bases: _basis_branch(q, bases))
        mine = [c for c in p.categories if c in in_scope]
        if branch is None:
            for cid in mine:
                open_.setdefault(cid, []).append(p.id)
            flags.append(None)
            continue
        if not branch.applies:
            flags.append(False)
            continue
        states = [origins[c][0] for c in mine]
        provided = [c for c in mine if origins[c][0] is _Origin.PROVIDED]
        for cid in mine:
            eligible.setdefault(cid, []).append(p.id)
        if provided:
            work.reason("ART20_1_a", "Art. 20(1)(a)", True,
                        f"{branch.data}, data provided by the subject", purpose=pid,
                        categories=provided)
        else:
            work.reason("ART20_1", "Art. 20(1)", None if _Origin.UNKNOWN in states else False,
                        "none of this purpose's categories is shown to be provided by the "
                        "data subject", purpose=pid)
        if provided and len(provided) == len(mine):
            flags.append(True)
        elif provided:
            flags.extend([True, False])
        else:
            flags.append(None if _Origin.UNKNOWN in states else False)
    for cid in categories:
        _category(work, cid, origins[cid], eligible.get(cid, []), open_.get(cid, []))
    work.reason("ART20_4", "Art. 20(4)", None,
                "the copy must not adversely affect others' rights; portability is without "
                "prejudice to Art. 17 (Art. 20(3))")
    return flags


def _category(
    work: Work, cid: str, origin: tuple[_Origin, str], eligible: list[str], open_: list[str]
) -> None:
    state, why = origin

    def add(action: CategoryAction, message: str, purposes: list[str]) -> None:
        work.categories.append(CategoryOutcome(
            category=cid, action=action, articles=("Art. 20(1)",), purposes=tuple(purposes),
            message=message,
        ))

    if state is _Origin.NOT_PROVIDED:
        add(CategoryAction.NOT_PORTABLE, why, [])
    elif eligible and state is _Origin.PROVIDED:
        add(CategoryAction.EXPORT,
            "provide in a structured, commonly used, machine-readable format", eligible)
    elif eligible:
        add(CategoryAction.UNDETERMINED,
            f"not exported until the controller establishes the subject provided it: {why}",
            eligible)
        work.undetermined.append(Undetermined(
            article="Art. 20(1)", purpose=None, categories=(cid,),
            candidates=(
                Candidate(outcome="export: provided by or observed from the subject",
                          applies=True),
                Candidate(outcome="not portable: created or inferred by the controller, "
                          "or obtained elsewhere", applies=False),
            ),
            decide=f"state where category {cid} comes from (DataCategory.origin: provided, "
            "observed or derived)",
        ))
        work.ask("origin", "Art. 20(1)", "were the data provided by the subject? State "
                 "DataCategory.origin; until then such categories are not exported")
    elif open_:
        add(CategoryAction.UNDETERMINED,
            "not exported: the purposes using it (" + ", ".join(open_) + ") rest on pooled "
            "bases, unknown which; portable only on consent or contract", open_)
    else:
        add(CategoryAction.NOT_PORTABLE, "no consent or contract purpose uses it", [])
