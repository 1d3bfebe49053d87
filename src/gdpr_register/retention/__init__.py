"""Executable retention: erase-by dates, statutory holds, and who is due for erasure.

Compile a register's rules once (:func:`compile_policy`), then plan subjects
(:meth:`CompiledPolicy.plan`, :func:`sweep`); :func:`plan_retention` does both for one
subject. The exact semantics, which an in-database sweep must reproduce, are in the docstring
of :mod:`gdpr_register.retention._policy` and in ``docs/retention.md``.
"""

from gdpr_register.retention._clocks import (
    CALENDAR_YEAR,
    Aggregation,
    Anchor,
    CategoryPolicy,
    Clock,
    ClockKind,
    Gap,
    GapKind,
    financial_year_end_of,
)
from gdpr_register.retention._history import SubjectHistory, group_histories
from gdpr_register.retention._kinds import EventKind
from gdpr_register.retention._plan import plan_retention, plans, sweep
from gdpr_register.retention._policy import CompiledPolicy, compile_policy
from gdpr_register.retention._results import (
    PlanItem,
    PlanStatus,
    Reason,
    ReasonKind,
    RetentionPlan,
)

__all__ = [
    "CALENDAR_YEAR",
    "Aggregation",
    "Anchor",
    "CategoryPolicy",
    "Clock",
    "ClockKind",
    "CompiledPolicy",
    "EventKind",
    "Gap",
    "GapKind",
    "PlanItem",
    "PlanStatus",
    "Reason",
    "ReasonKind",
    "RetentionPlan",
    "SubjectHistory",
    "compile_policy",
    "financial_year_end_of",
    "group_histories",
    "plan_retention",
    "plans",
    "sweep",
]
