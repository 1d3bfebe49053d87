"""Planning entry points: one subject, or a streaming sweep over many.

:func:`plan_retention` compiles a register's policy once and reuses it. The cache is keyed by
the register object's identity, held through a weak reference (a register is a frozen value,
hashable, but hashing a large one on every call would cost more than planning): the entry
disappears with the register, and equal but distinct register objects compile separately.
Per register it keeps the policies of the last few option sets (controller and statute table
compared by identity, the other options by value).
"""

from __future__ import annotations

import functools
import threading
import weakref
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

__all__ = ["cached_policy", "plan_retention", "plans", "sweep"]

_PER_REGISTER = 4  # option sets remembered per register
# id(register) -> (weak reference to it, [(options, policy), ...] most recent first)
_CACHE: dict[int, tuple[weakref.ref[Register], list[tuple[tuple[Any, ...], CompiledPolicy]]]] = {}
_LOCK = threading.Lock()


def _forget(key: int, ref: weakref.ref[Register]) -> None:
    with _LOCK:
        entry = _CACHE.get(key)
        if entry is not None and entry[0] is ref:
            del _CACHE[key]


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    controller, year_end, jurisdiction, statutes = a
    return (
        controller is b[0] and year_end == b[1] and jurisdiction == b[2] and statutes is b[3]
    )


def cached_policy(
    register: Register,
    *,
    controller: Controller | None = None,
    financial_year_end: MonthDay | str | None = None,
    jurisdiction: str | None = None,
    statutes: StatuteTable | Iterable[Statute] | None = None,
) -> CompiledPolicy:
    """:func:`compile_policy`, compiled once per register object and option set."""
    options = (controller, financial_year_end, jurisdiction, statutes)
    key = id(register)
    entry = _CACHE.get(key)
    if entry is not None and entry[0]() is register:
        for seen, policy in entry[1]:
            if _same(seen, options):
                return policy
    policy = compile_policy(
        register,
        controller=controller,
        financial_year_end=financial_year_end,
        jurisdiction=jurisdiction,
        statutes=statutes,
    )
    if isinstance(statutes, (StatuteTable, type(None))):  # an iterable may be a one-shot
        _remember(register, key, options, policy)
    return policy


def _remember(
    register: Register, key: int, options: tuple[Any, ...], policy: CompiledPolicy
) -> None:
    with _LOCK:
        entry = _CACHE.get(key)
        if entry is None or entry[0]() is not register:
            try:
                ref = weakref.ref(register, functools.partial(_forget, key))
            except TypeError:  # a subclass without weak references: do not cache
                return
            entry = (ref, [])
            _CACHE[key] = entry
        entry[1].insert(0, (options, policy))
        del entry[1][_PER_REGISTER:]


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

    The register's policy is compiled on the first call and reused while the register object
    lives (see the module docstring); to plan many subjects, :func:`compile_policy` once and
    call :meth:`CompiledPolicy.plan` or :func:`sweep`.
    """
    policy = cached_policy(
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
