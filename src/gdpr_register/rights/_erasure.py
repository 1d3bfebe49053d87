"""Erasure (Art. 17): per purpose, per category, with statutory holds from the retention plan."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import attrs

from gdpr_register.model.enums import (
    LawfulBasis,
    RetentionKind,
)
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rights._model import (
    Action,
    CategoryAction,
    CategoryOutcome,
    ControllerDecisions,
    ExceptionFound,
)
from gdpr_register.rights._scope import (
    A,
    PurposeView,
    Work,
    art,
    pid_of,
)

if TYPE_CHECKING:
    from gdpr_register.retention import SubjectHistory

__all__ = ["ENDED", "erasure", "plan_holds"]

ENDED = "*ended*"  # marker in plan holds: every category's retention period has ended


def _erasure_purpose(
    work: Work, p: PurposeView, decisions: ControllerDecisions
) -> tuple[bool, list[str], set[LawfulBasis]]:
    """(erasable for this purpose, grounds, bases that still support processing)."""
    grounds: list[str] = []
    supports: set[LawfulBasis] = set()
    pid = pid_of(p)
    if not p.articles:
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
    for basis in sorted(p.articles):
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
                f"{art(basis)}: processing needed for a legal obligation or public task is "
                "excepted from erasure",
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


def _statutory_holds(register: Register) -> dict[str, str]:
    """Categories under a statutory retention duty (Art. 17(3)(b)), with the why."""
    held: dict[str, str] = {}
    for category in register.data_categories:
        if category.material:
            held[category.id] = "holds statutory records (" + ", ".join(category.material) + ")"
    for rule in register.retention:
        if rule.kind is RetentionKind.STATUTORY_HOLD:
            for cid in rule.categories:
                held.setdefault(cid, f"statutory hold: {rule.statute or rule.law or rule.text}")
    return held


def erasure(
    work: Work,
    register: Register,
    purposes: list[PurposeView],
    categories: list[str],
    decisions: ControllerDecisions,
    plan_holds: dict[str, _Held] | None,
    as_of: date,
) -> list[bool]:
    per_purpose: dict[str, tuple[bool, list[str], set[LawfulBasis]]] = {}
    for p in purposes:
        per_purpose[p.id] = _erasure_purpose(work, p, decisions)
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
    held = _statutory_holds(register)
    claimed = decisions.exceptions
    flags: list[bool] = []
    for cid in categories:
        users = [p for p in purposes if cid in p.categories]
        keepers = [p for p in users if per_purpose[p.id][2] - {A.LEGAL_OBLIGATION, A.PUBLIC_TASK}]
        holders = [p for p in users if per_purpose[p.id][2] and p not in keepers]
        # (article, until, why, source)
        exceptions: list[tuple[str, date | None, str, str]] = []
        planned = None if plan_holds is None else plan_holds.get(cid)
        if planned is not None and planned.until is not None and planned.until < as_of:
            work.reason(
                "ART17_3_b",
                "Art. 17(3)(b)",
                True,
                f"category {cid}: the statutory hold ended on {planned.until}",
                categories=[cid],
            )
        elif planned is not None:
            exceptions.append(
                ("Art. 17(3)(b)", planned.until, planned.message, "retention plan")
            )
        elif cid in held:
            exceptions.append(("Art. 17(3)(b)", None, held[cid], "register"))
        for p in holders:
            exceptions.append(
                ("Art. 17(3)(b)", None, f"purpose {p.id} ({p.name})", "register")
            )
        for p in users:
            if p.public_health and p not in keepers:
                exceptions.append(
                    ("Art. 17(3)(c)", None, f"purpose {p.id}: Art. 9(2)(h)/(i)", "register")
                )
        for exc in claimed:
            if not exc.categories or cid in exc.categories:
                exceptions.append(
                    (f"Art. {exc.article.value}", exc.until, exc.reason, "controller")
                )
        if keepers:
            bases = sorted({b for p in keepers for b in per_purpose[p.id][2]})
            stop = sorted(p.id for p in users if per_purpose[p.id][0])
            message = "still processed on " + ", ".join(art(b) for b in bases)
            if stop:
                message += "; stop processing it for " + ", ".join(stop)
            work.categories.append(
                CategoryOutcome(
                    category=cid,
                    action=CategoryAction.KEEP,
                    articles=("Art. 17(1)",),
                    purposes=tuple(p.id for p in keepers),
                    message=message,
                )
            )
            work.reason(
                "ART17_1",
                "Art. 17(1)",
                False,
                f"category {cid}: {message}",
                categories=[cid],
            )
            flags.append(False)
        elif exceptions:
            dated = [u for _, u, _, _ in exceptions if u is not None]
            until = max(dated) if dated and len(dated) == len(exceptions) else None
            articles = tuple(sorted({a for a, _, _, _ in exceptions}))
            why = "; ".join(m for _, _, m, _ in exceptions)
            work.categories.append(
                CategoryOutcome(
                    category=cid,
                    action=CategoryAction.RESTRICT,
                    articles=articles,
                    until=until,
                    purposes=tuple(p.id for p in holders),
                    message=f"kept but restricted to storage (Art. 18(2)): {why}",
                )
            )
            for article, exc_until, why_one, source in exceptions:
                work.exceptions.append(
                    ExceptionFound(
                        rule="ART" + article.removeprefix("Art. ").replace("(", "_").replace(
                            ")", ""
                        ),
                        article=article,
                        message=why_one,
                        categories=(cid,),
                        until=exc_until,
                        source=source,
                    )
                )
            work.reason(
                "ART17_3",
                articles[0],
                False,
                f"category {cid}: erasure excepted ({', '.join(articles)}); restrict instead"
                + (f" until {until}" if until else ""),
                categories=[cid],
            )
            flags.append(False)
        else:
            grounds = sorted({g for p in users for g in per_purpose[p.id][1]}) or [
                "Art. 17(1)(a)"
            ]
            message = (
                "erase" if users else "no stated purpose uses this category: no longer necessary"
            )
            work.categories.append(
                CategoryOutcome(
                    category=cid,
                    action=CategoryAction.ERASE,
                    articles=tuple(grounds),
                    purposes=tuple(p.id for p in users),
                    message=message,
                )
            )
            if not users:
                work.reason("ART17_1_a", "Art. 17(1)(a)", True, message, categories=[cid])
            flags.append(True)
    if not categories:
        flags = [per_purpose[p.id][0] for p in purposes]
    if any(c.action is CategoryAction.RESTRICT for c in work.categories):
        work.actions.append(
            Action(
                rule="ART18_3",
                article="Art. 18(3)",
                message="inform the data subject before a restriction is lifted",
            )
        )
    return flags



@attrs.frozen
class _Held:
    """A category's statutory hold according to the subject's retention plan."""

    until: date | None
    message: str


def plan_holds(
    work: Work,
    register: Register,
    history: SubjectHistory | None,
    as_of: date,
    notice: Notice | None,
) -> dict[str, _Held] | None:
    """Per category: the statutory hold the retention plan computes for this subject."""
    if history is None:
        return None
    from gdpr_register.retention import PlanStatus, plan_retention

    plan = plan_retention(
        register,
        history,
        as_of=as_of,
        controller=notice.controller if notice is not None else None,
    )
    holds: dict[str, _Held] = {}
    if plan.items and all(
        i.status in (PlanStatus.DUE, PlanStatus.RESTRICTED) for i in plan.items
    ):
        holds[ENDED] = _Held(until=None, message="every retention period has ended")
    for item in plan.items:
        if item.hold_until is not None:
            holds[item.category] = _Held(
                until=item.hold_until,
                message=f"retention plan for {history.subject}: {item.reason() or item.summary()}",
            )
        if item.status is PlanStatus.DUE:
            work.reason(
                "ART5_1_e",
                "Art. 17(1)(a)",
                None,
                f"retention plan: the retention period ended ({item.summary()}); the data "
                "are no longer necessary",
                categories=[item.category],
            )
    return holds

