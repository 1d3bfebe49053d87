"""Erasure (Art. 17): per purpose, per category, with statutory holds from the retention plan."""

from __future__ import annotations

from datetime import date

import attrs

from gdpr_register.model.enums import (
    LawfulBasis,
    RetentionKind,
)
from gdpr_register.model.register import Register
from gdpr_register.rights._holds import Held, statutory_holds
from gdpr_register.rights._model import (
    Candidate,
    CategoryAction,
    CategoryOutcome,
    ControllerDecisions,
    ExceptionFound,
)
from gdpr_register.rights._scope import (
    A,
    Branch,
    PurposeView,
    Work,
    art,
    arts,
    pid_of,
    settle,
)

__all__ = ["erasure"]


def _erasure_purpose(
    work: Work, p: PurposeView, articles: frozenset[LawfulBasis], decisions: ControllerDecisions
) -> tuple[bool, list[str], set[LawfulBasis]]:
    """(erasable for this purpose, grounds, bases that still support processing)."""
    grounds: list[str] = []
    supports: set[LawfulBasis] = set()
    pid = pid_of(p)
    if not articles:
        work.reason(
            "ART17_1_d",
            "Art. 17(1)(d)",
            True,
            "no Art. 6(1) basis is stated for this purpose: on the record the processing has "
            "no lawful basis",
            purpose=pid,
            categories=p.categories,
        )
        return True, ["Art. 17(1)(d)"], supports
    for basis in sorted(articles):
        if basis is A.CONSENT:
            grounds.append("Art. 17(1)(b)")
            work.reason(
                "ART17_1_b",
                "Art. 17(1)(b)",
                True,
                "consent: the erasure request withdraws it (Art. 7(3)); erasure follows where "
                "no other basis remains",
                purpose=pid,
            )
        elif basis in (A.CONTRACT, A.VITAL_INTERESTS):
            if decisions.still_necessary:
                supports.add(basis)
                work.reason(
                    "ART17_1_a",
                    "Art. 17(1)(a)",
                    False,
                    f"{art(basis)}: the controller states the data are still necessary",
                    purpose=pid,
                )
            else:
                grounds.append("Art. 17(1)(a)")
                if decisions.still_necessary is None:
                    work.ask(
                        "still_necessary",
                        "Art. 17(1)(a)",
                        "are the data still necessary for the contract (or vital interests)? "
                        "If so, erasure does not apply to those purposes",
                    )
                work.reason(
                    "ART17_1_a",
                    "Art. 17(1)(a)",
                    True,
                    f"{art(basis)}: erasure applies once the data are no longer necessary"
                    + (" (not answered: assumed)" if decisions.still_necessary is None else ""),
                    purpose=pid,
                )
        elif basis in (A.LEGAL_OBLIGATION, A.PUBLIC_TASK):
            supports.add(basis)
            work.reason(
                "ART17_3_b",
                "Art. 17(3)(b)",
                False,
                f"{art(basis)}: data needed for the legal obligation or public task are "
                "kept for it (erasure excepted)",
                purpose=pid,
                categories=p.categories,
            )
        elif basis is A.LEGITIMATE_INTERESTS:
            if p.direct_marketing:
                grounds.append("Art. 17(1)(c)")
                work.reason(
                    "ART21_3",
                    "Art. 17(1)(c)",
                    True,
                    "direct marketing on legitimate interests: the request is an objection "
                    "under Art. 21(2), which is absolute (Art. 21(3))",
                    purpose=pid,
                )
            elif decisions.compelling_grounds:
                supports.add(basis)
                work.reason(
                    "ART21_1",
                    "Art. 21(1)",
                    False,
                    "legitimate interests: the controller demonstrates compelling grounds: "
                    f"{decisions.compelling_grounds_reason}",
                    purpose=pid,
                )
            else:
                grounds.append("Art. 17(1)(c)")
                if decisions.compelling_grounds is None:
                    work.ask(
                        "compelling_grounds",
                        "Art. 21(1)",
                        "can the controller demonstrate compelling legitimate grounds that "
                        "override the subject's interests, or legal claims?",
                    )
                work.reason(
                    "ART17_1_c",
                    "Art. 17(1)(c)",
                    True,
                    "legitimate interests: erasure follows an objection unless the controller "
                    "demonstrates compelling grounds",
                    purpose=pid,
                )
    return not supports, grounds, supports


_OBLIGATIONS = frozenset({A.LEGAL_OBLIGATION, A.PUBLIC_TASK})


@attrs.frozen
class _PurposeErasure:
    erasable: bool
    grounds: tuple[str, ...]
    supports: frozenset[LawfulBasis]

    @property
    def keeps(self) -> frozenset[LawfulBasis]:
        """Bases other than an obligation or task that still support processing."""
        return self.supports - _OBLIGATIONS

    @property
    def holds(self) -> bool:
        """Kept only for a legal obligation or public task (Art. 17(3)(b))."""
        return bool(self.supports) and not self.keeps


def _supports(
    p: PurposeView, articles: frozenset[LawfulBasis], decisions: ControllerDecisions
) -> frozenset[LawfulBasis]:
    """The bases that still support processing after the request (as _erasure_purpose)."""
    kept: set[LawfulBasis] = set()
    for basis in articles:
        if basis in (A.CONTRACT, A.VITAL_INTERESTS):
            if decisions.still_necessary:
                kept.add(basis)
        elif basis in _OBLIGATIONS or (
            basis is A.LEGITIMATE_INTERESTS
            and not p.direct_marketing
            and decisions.compelling_grounds
        ):
            kept.add(basis)
    return frozenset(kept)


def _kind(supports: frozenset[LawfulBasis]) -> str:
    return "keep" if supports - _OBLIGATIONS else "excepted" if supports else "erase"


def _branch(
    p: PurposeView, articles: frozenset[LawfulBasis], decisions: ControllerDecisions
) -> Branch:
    scratch = Work()
    erasable, grounds, supports = _erasure_purpose(scratch, p, articles, decisions)
    result = _PurposeErasure(
        erasable=erasable, grounds=tuple(grounds), supports=frozenset(supports)
    )
    assert result.supports == _supports(p, articles, decisions)  # the key agrees
    if result.keeps:
        kind, outcome = "keep", f"kept: still processed on {arts(result.keeps)}"
    elif result.holds:
        kind, outcome = "excepted", (
            f"kept for the obligation or task ({arts(result.supports)}, Art. 17(3)(b))"
        )
    else:
        kind, outcome = "erase", "erased (" + ", ".join(sorted(set(grounds))) + ")"
    return Branch(
        key=kind, applies=erasable, outcome=outcome, reasons=tuple(scratch.reasons),
        asks=tuple(scratch.pending.values()), data=result,
    )


def _candidates(work: Work, cid: str) -> tuple[Candidate, ...]:
    """The candidate outcomes undetermined purposes give category ``cid``."""
    found: dict[str, Candidate] = {}
    for u in work.undetermined:
        if (u.purpose is not None and cid in u.categories) or u.purpose is None:
            for c in u.candidates:
                found.setdefault(c.outcome, c)
    return tuple(found.values())


def erasure(
    work: Work,
    register: Register,
    purposes: list[PurposeView],
    categories: list[str],
    decisions: ControllerDecisions,
    plan_holds: dict[str, Held] | None,
    as_of: date,
) -> list[bool | None]:
    per_purpose: dict[str, _PurposeErasure | None] = {}
    for p in purposes:
        branch = settle(
            work, p, "Art. 17(1)", lambda q, bases: _branch(q, bases, decisions),
            key=lambda q, bases: _kind(_supports(q, bases, decisions)),
        )
        per_purpose[p.id] = None if branch is None else branch.data
    if any(
        r.kind is RetentionKind.STATUTORY_HOLD and not r.categories and r.statute is None
        for r in register.retention
    ):
        work.reason(
            "FI_DPO_4359",
            "Art. 17(3)(b)",
            None,
            "the register's statutory hold names no data categories and no statute: only "
            "categories holding statutory material can be withheld on it",
        )
    held = statutory_holds(register)
    flags: list[bool | None] = []
    for cid in categories:
        users = [p for p in purposes if cid in p.categories]
        known = {p.id: r for p in users if (r := per_purpose[p.id]) is not None}
        open_ = [p for p in users if per_purpose[p.id] is None]
        keepers = [p for p in users if p.id in known and known[p.id].keeps]
        holders = [p for p in users if p.id in known and known[p.id].holds]
        exceptions = _exceptions(work, cid, users, keepers, holders, held, plan_holds,
                                 decisions, as_of)
        if keepers:
            bases = sorted({b for p in keepers for b in known[p.id].keeps})
            stop = sorted(p.id for p in users if p.id in known and known[p.id].erasable)
            message = "still processed on " + ", ".join(art(b) for b in bases)
            if stop:
                message += "; stop processing it for " + ", ".join(stop)
            work.categories.append(CategoryOutcome(
                category=cid, action=CategoryAction.KEEP, articles=("Art. 17(1)",),
                purposes=tuple(p.id for p in keepers), message=message,
            ))
            work.reason("ART17_1", "Art. 17(1)", False, f"category {cid}: {message}",
                        categories=[cid])
            flags.append(False)
        elif open_:
            shown = "; ".join(c.outcome for c in _candidates(work, cid))
            also = (
                " (at least kept under " + ", ".join(sorted({e[0] for e in exceptions})) + ")"
                if exceptions else ""
            )
            message = (
                "undetermined: purposes " + ", ".join(p.id for p in open_)
                + " rest on pooled bases, unknown which" + also + f"; candidates: {shown}"
            )
            work.categories.append(CategoryOutcome(
                category=cid, action=CategoryAction.UNDETERMINED, articles=("Art. 17(1)",),
                purposes=tuple(p.id for p in open_), message=message,
            ))
            _record(work, cid, exceptions)
            flags.append(None)
        elif exceptions:
            dated = [u for _, u, _, _ in exceptions if u is not None]
            until = max(dated) if dated and len(dated) == len(exceptions) else None
            articles = tuple(sorted({a for a, _, _, _ in exceptions}))
            why = "; ".join(m for _, _, m, _ in exceptions)
            work.categories.append(CategoryOutcome(
                category=cid, action=CategoryAction.EXCEPTED, articles=articles, until=until,
                purposes=tuple(p.id for p in holders),
                message=f"kept for the exception's purpose only, and used for it: {why}",
            ))
            _record(work, cid, exceptions)
            work.reason(
                "ART17_3", articles[0], False,
                f"category {cid}: the exception in {', '.join(articles)} applies: kept for "
                "it and used only for it" + (f" until {until}, then erased" if until else ""),
                categories=[cid],
            )
            flags.append(False)
        else:
            grounds = sorted({g for p in users for g in known[p.id].grounds}) or [
                "Art. 17(1)(a)"
            ]
            message = (
                "erase" if users else "no stated purpose uses this category: no longer necessary"
            )
            work.categories.append(CategoryOutcome(
                category=cid, action=CategoryAction.ERASE, articles=tuple(grounds),
                purposes=tuple(p.id for p in users), message=message,
            ))
            if not users:
                work.reason("ART17_1_a", "Art. 17(1)(a)", True, message, categories=[cid])
            flags.append(True)
    if not categories:
        flags = [None if (r := per_purpose[p.id]) is None else r.erasable for p in purposes]
    return flags


# (article, until, why, source)
_Exception = tuple[str, date | None, str, str]


def _exceptions(
    work: Work,
    cid: str,
    users: list[PurposeView],
    keepers: list[PurposeView],
    holders: list[PurposeView],
    held: dict[str, str],
    plan_holds: dict[str, Held] | None,
    decisions: ControllerDecisions,
    as_of: date,
) -> list[_Exception]:
    """The Art. 17(3) exceptions that keep category ``cid`` from erasure."""
    exceptions: list[_Exception] = []
    planned = None if plan_holds is None else plan_holds.get(cid)
    if planned is not None and planned.until is not None and planned.until < as_of:
        work.reason(
            "ART17_3_b", "Art. 17(3)(b)", True,
            f"category {cid}: the statutory hold ended on {planned.until}", categories=[cid],
        )
    elif planned is not None:
        exceptions.append(("Art. 17(3)(b)", planned.until, planned.message, "retention plan"))
    elif cid in held:
        exceptions.append(("Art. 17(3)(b)", None, held[cid], "register"))
    for p in holders:
        exceptions.append(("Art. 17(3)(b)", None, f"purpose {p.id} ({p.name})", "register"))
    for p in users:
        if p.public_health and p not in keepers:
            exceptions.append(
                ("Art. 17(3)(c)", None, f"purpose {p.id}: Art. 9(2)(h)/(i)", "register")
            )
    for exc in decisions.exceptions:
        if not exc.categories or cid in exc.categories:
            exceptions.append((f"Art. {exc.article.value}", exc.until, exc.reason, "controller"))
    return exceptions


def _record(work: Work, cid: str, exceptions: list[_Exception]) -> None:
    for article, until, why, source in exceptions:
        work.exceptions.append(ExceptionFound(
            rule="ART" + article.removeprefix("Art. ").replace("(", "_").replace(")", ""),
            article=article, message=why, categories=(cid,), until=until, source=source,
        ))
