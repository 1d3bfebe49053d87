"""Tables of results: ``to_records()`` (plain dicts, no pandas) and ``to_pandas()``.

Reports, retention plans, assessments and timelines have both methods; sweep results are
streams, so they are tabled by functions: :func:`sweep_to_pandas` reads
``store.ledger.due_for_erasure(...)`` in chunks, :func:`items_to_pandas` the items of
:func:`gdpr_register.retention.sweep`. Columns and dtypes: :data:`SCHEMAS`, docs/notebooks.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from gdpr_register.frames._pandas import DTYPES, frame, frame_in_chunks
from gdpr_register.frames._records import (
    SCHEMAS,
    Record,
    assessment_records,
    item_records,
    plan_records,
    report_records,
    sweep_records,
)

if TYPE_CHECKING:
    from gdpr_register.retention import PlanItem
    from gdpr_register.storage._values import DueForErasure

__all__ = [
    "CHUNK",
    "DTYPES",
    "SCHEMAS",
    "Record",
    "assessment_records",
    "frame",
    "item_records",
    "items_to_pandas",
    "plan_records",
    "records",
    "report_records",
    "sweep_records",
    "sweep_to_pandas",
    "to_pandas",
]

CHUNK = 100_000  # rows per chunk when tabling a stream

# Class name -> (table, records function), looked up along the MRO.
_TABLES: dict[str, tuple[str, Any]] = {
    "Report": ("report", report_records),
    "RetentionPlan": ("plan", plan_records),
    "Assessment": ("assessment", assessment_records),
}


def _table(value: object) -> tuple[str, Any]:
    for klass in type(value).__mro__:
        if klass.__name__ in _TABLES:
            return _TABLES[klass.__name__]
    raise TypeError(f"no table for {type(value).__name__}")


def records(value: object) -> list[Record]:
    """The rows of a report, plan or assessment."""
    return list(_table(value)[1](value))


def to_pandas(value: object) -> Any:
    """The DataFrame of a report, plan or assessment."""
    table, make = _table(value)
    return frame(make(value), table)


def sweep_to_pandas(results: Iterable[DueForErasure], *, chunk_size: int = CHUNK) -> Any:
    """One row per (subject, category due) of a sweep, read ``chunk_size`` rows at a time."""
    return frame_in_chunks(sweep_records(results), "sweep", chunk_size)


def items_to_pandas(
    items: Iterable[PlanItem], *, register: str | None = None, chunk_size: int = CHUNK
) -> Any:
    """One row per plan item (e.g. from :func:`gdpr_register.retention.sweep`), chunked."""
    return frame_in_chunks(item_records(items, register), "plan", chunk_size)
