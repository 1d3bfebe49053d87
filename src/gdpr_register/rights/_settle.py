"""Settling a purpose's outcome over every set of bases it may rest on (see ``_scope``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import attrs

from gdpr_register.model.enums import LawfulBasis
from gdpr_register.rights._outcome import (
    Candidate,
    ExceptionFound,
    Pending,
    Reason,
    Undetermined,
)
from gdpr_register.rights._scope import PurposeView, Work, arts, pid_of

__all__ = ["Branch", "settle"]


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
        if p.groups:
            work.reason(
                "ART6_1_GROUPS", "Art. 13(1)(c)", None,
                "the notice states this purpose's bases per data-subject group and the request "
                f"does not say the subject's; the outcome is the same for each: {chosen.outcome}",
                purpose=pid_of(p),
            )
        elif p.pooled:
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
    if p.groups:
        _by_subject_group(work, p, article, mappings, branches)
        return None
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


def _by_subject_group(
    work: Work,
    p: PurposeView,
    article: str,
    mappings: tuple[frozenset[LawfulBasis], ...],
    branches: list[Branch],
) -> None:
    """Undetermined because the subject's group (and so the basis) is not known."""
    grouped: dict[Hashable, tuple[Branch, list[str], set[LawfulBasis]]] = {}
    for mapping, branch in zip(mappings, branches, strict=True):
        entry = grouped.setdefault(branch.key, (branch, [], set()))
        entry[1].extend(p.groups_of(mapping))
        entry[2].update(mapping)
    candidates = tuple(
        Candidate(outcome=f"{branch.outcome} (subjects: {', '.join(groups)})",
                  applies=branch.applies, bases=tuple(sorted(bases)))
        for branch, groups, bases in grouped.values()
    )
    work.undetermined.append(Undetermined(
        article=article, purpose=pid_of(p), categories=p.categories, candidates=candidates,
        decide="state which data-subject group the subject belongs to "
        "(Request.subject_category): the notice states this purpose's bases per group",
    ))
    work.reason(
        "ART6_1_GROUPS", article, None,
        "undetermined: the bases depend on the data-subject group: "
        + "; ".join(c.outcome for c in candidates),
        purpose=pid_of(p), categories=p.categories,
    )
    work.ask("subject_category", "Art. 6(1)", "which data-subject group does the subject "
             "belong to (Request.subject_category)? The notice states bases per group")


