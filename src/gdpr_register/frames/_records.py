"""Rows as plain dicts (no pandas): one table per kind of value, with fixed columns.

Each table's columns and their kinds are in :data:`SCHEMAS` (documented in
docs/notebooks.md): ``date`` cells are :class:`datetime.date` or None, ``str`` cells are
strings (enum values as their string) or None, ``bool`` and ``int`` cells as named.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdpr_register.retention import PlanItem, RetentionPlan
    from gdpr_register.rights._outcome import Assessment
    from gdpr_register.rules import Report
    from gdpr_register.storage._values import DueForErasure

__all__ = [
    "SCHEMAS",
    "Record",
    "assessment_records",
    "item_records",
    "plan_records",
    "report_records",
    "sweep_records",
]

Record = dict[str, Any]

SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "report": (
        ("notice", "str"), ("as_of", "date"), ("rule", "str"), ("title", "str"),
        ("severity", "str"), ("citation", "str"), ("register", "str"), ("path", "str"),
        ("message", "str"), ("fix", "str"), ("waived", "bool"), ("waiver_expires", "date"),
    ),
    "plan": (
        ("subject", "str"), ("register", "str"), ("as_of", "date"), ("category", "str"),
        ("status", "str"), ("erase_by", "date"), ("restricted_until", "date"),
        ("purpose_ends", "date"), ("hold_until", "date"),
    ),
    "sweep": (("subject", "str"), ("category", "str")),
    "assessment": (
        ("register", "str"), ("right", "str"), ("article", "str"), ("subject", "str"),
        ("applies", "str"), ("deadline", "date"), ("extended_deadline", "date"),
        ("category", "str"), ("action", "str"), ("articles", "str"), ("until", "date"),
        ("message", "str"),
    ),
    "timeline": (
        ("notice", "str"), ("rule", "str"), ("severity", "str"), ("register", "str"),
        ("path", "str"), ("start", "date"), ("end", "date"), ("days", "int"),
        ("opened_by", "str"), ("closed_by", "str"), ("message", "str"),
    ),
}


def report_records(report: Report) -> list[Record]:
    """One row per finding, in the report's order."""
    return [
        {
            "notice": report.notice, "as_of": report.as_of, "rule": f.rule, "title": f.title,
            "severity": f.severity.value, "citation": f.citation, "register": f.register,
            "path": f.path, "message": f.text, "fix": f.fix_text, "waived": f.waived,
            "waiver_expires": f.waiver.expires if f.waiver is not None else None,
        }
        for f in report.findings
    ]


def item_records(items: Iterable[PlanItem], register: str | None = None) -> Iterator[Record]:
    """One row per plan item (a subject's data category), streamed: for
    :func:`gdpr_register.retention.sweep` output as well as one plan."""
    for i in items:
        yield {
            "subject": i.subject, "register": register, "as_of": i.as_of,
            "category": i.category, "status": i.status.value,
            "erase_by": i.erase_by, "restricted_until": i.restricted_until,
            "purpose_ends": i.purpose_ends, "hold_until": i.hold_until,
        }


def plan_records(plan: RetentionPlan) -> list[Record]:
    """One row per data category of the plan, in the register's order."""
    return list(item_records(plan.items, plan.register))


def sweep_records(results: Iterable[DueForErasure]) -> Iterator[Record]:
    """One row per (subject, data category due), streamed from ``ledger.due_for_erasure``."""
    for due in results:
        for category in due.categories:
            yield {"subject": due.subject, "category": category}


def assessment_records(a: Assessment) -> list[Record]:
    """One row per data category outcome (what to do with each category)."""
    r = a.request
    head = {
        "register": a.register, "right": r.right.value, "article": r.right.article,
        "subject": r.subject, "applies": a.applies.value, "deadline": a.deadline.deadline,
        "extended_deadline": a.deadline.extended_deadline,
    }
    return [
        head | {"category": c.category, "action": c.action.value,
                "articles": "; ".join(c.articles), "until": c.until, "message": c.message}
        for c in a.categories
    ]
