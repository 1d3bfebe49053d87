"""Statutory holds an erasure request meets: stated in the register, or dated by the
subject's retention plan (Art. 17(3)(b))."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import attrs

from gdpr_register.model.enums import RetentionKind
from gdpr_register.model.notice import Notice
from gdpr_register.model.register import Register
from gdpr_register.rights._scope import Work

if TYPE_CHECKING:
    from gdpr_register.retention import SubjectHistory

__all__ = ["ENDED", "Held", "plan_holds", "statutory_holds"]

ENDED = "*ended*"  # marker in plan holds: every category's retention period has ended


def statutory_holds(register: Register) -> dict[str, str]:
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


@attrs.frozen
class Held:
    """A category's statutory hold according to the subject's retention plan."""

    until: date | None
    message: str


def plan_holds(
    work: Work,
    register: Register,
    history: SubjectHistory | None,
    as_of: date,
    notice: Notice | None,
) -> dict[str, Held] | None:
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
    holds: dict[str, Held] = {}
    if plan.items and all(
        i.status in (PlanStatus.DUE, PlanStatus.RESTRICTED) for i in plan.items
    ):
        holds[ENDED] = Held(until=None, message="every retention period has ended")
    for item in plan.items:
        if item.hold_until is not None:
            holds[item.category] = Held(
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

