"""Planning entry points: one subject, or a streaming sweep over many."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from gdpr_register.law.statutes import Statute, StatuteTable
from gdpr_register.model.notice import Controller
from gdpr_register.model.register import Register
from gdpr_register.model.values import MonthDay, to_date
from gdpr_register.retention._history import SubjectHistory
from gdpr_register.retention._policy import CompiledPolicy, compile_policy
from gdpr_register.retention._results import PlanItem, PlanStatus, RetentionPlan

__all__ = ["plan_retention", "plans", "sweep"]


def plan_retention(
    register: Register,
    history: SubjectHistory,
    *,
    as_of: date | str,
    controller: Controller | None = None,
    financial_year_end: MonthDay | str | None = None,
    jurisdiction: str | None = None,
    statutes: StatuteTable | Iterable[Statute] | None = None,
) -> RetentionPlan:
    """The retention plan of one subject on ``as_of``: one item per data category.

    Compiles the register's policy each call; to plan many subjects, compile once with
    :func:`compile_policy` and call :meth:`CompiledPolicy.plan` or :func:`sweep`.
    """
    policy = compile_policy(
        register,
        controller=controller,
        financial_year_end=financial_year_end,
        jurisdiction=jurisdiction,
        statutes=statutes,
    )
    return policy.plan(history, to_date(as_of))


def sweep(
    policy: CompiledPolicy,
    histories: Iterable[SubjectHistory],
    as_of: date | Any,
    *,
    statuses: Iterable[PlanStatus] = (PlanStatus.DUE, PlanStatus.RESTRICTED),
) -> Iterator[PlanItem]:
    """Stream the items with one of ``statuses`` (default: due or restricted) on ``as_of``.

    Histories are consumed one at a time, so memory stays bounded whatever their number.
    """
    day = to_date(as_of)
    wanted = frozenset(statuses)
    fast = policy._fast
    evaluate = fast.evaluate
    for history in histories:
        triggers, outcomes = evaluate(history.events, day)
        # Most subjects are retained: build plan objects only for those with a wanted item.
        if any(outcome[0][0] in wanted for outcome in outcomes):
            plan = RetentionPlan(
                subject=history.subject, register=policy.register, as_of=day, layout=fast,
                outcomes=outcomes, triggers=triggers,
            )
            yield from plan.with_status(*wanted)


def plans(
    policy: CompiledPolicy, histories: Iterable[SubjectHistory], as_of: date
) -> Iterator[RetentionPlan]:
    """Every subject's full plan, streamed."""
    plan = policy.plan
    for history in histories:
        yield plan(history, as_of)
