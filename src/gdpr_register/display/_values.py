"""Cards and short reprs for result values: reports and findings, retention plans and sweep
results, request assessments and deadlines, notice history and diffs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gdpr_register.display._doc import Card, Fields, Table, fields, table
from gdpr_register.display._notice import count

if TYPE_CHECKING:
    from gdpr_register.retention import PlanItem, RetentionPlan
    from gdpr_register.rights._deadlines import Deadline
    from gdpr_register.rights._outcome import Assessment
    from gdpr_register.rules import Finding, Report
    from gdpr_register.storage._diff import Change
    from gdpr_register.storage._values import DueForErasure, NoticeVersion

__all__ = [
    "assessment_card",
    "changes_card",
    "deadline_card",
    "due_card",
    "finding_card",
    "finding_repr",
    "history_card",
    "plan_card",
    "plan_repr",
    "report_card",
    "report_repr",
    "sweep_card",
]

_FINDING_HEADERS = ("severity", "rule", "citation", "path", "message", "fix", "waived")


def _finding_row(f: Finding) -> tuple[Any, ...]:
    return (f.severity.value, f.rule, f.citation, f.path, f.text, f.fix_text, f.waived)


def finding_repr(f: Finding) -> str:
    waived = ", waived" if f.waived else ""
    return f"<Finding {f.rule} ({f.severity.value}{waived}) at {f.path}>"


def finding_card(f: Finding) -> Card:
    """One finding: rule and title, severity (and whether waived), then its citation,
    register, path, message, fix and the waiver's justification."""
    return Card(
        title=f"{f.rule}: {f.title}",
        subtitle=f.severity.value + (" (waived)" if f.waived else ""),
        blocks=(fields(("citation", f.citation), ("register", f.register), ("path", f.path),
                       ("message", f.text), ("fix", f.fix_text),
                       ("waiver", f.waiver.justification if f.waiver else None)),),
    )


def _counts_text(counts: dict[str, int]) -> str:
    parts = [f"{k} {v}" for k, v in counts.items() if k not in ("total", "waived") and v]
    if counts.get("waived"):
        parts.append(f"waived {counts['waived']}")
    return ", ".join(parts) or "none"


def report_repr(report: Report) -> str:
    counts = report.counts()
    return (f"<Report {report.notice!r} as of {report.as_of}: "
            f"{count(counts['total'], 'finding')} ({_counts_text(counts)})>")


def report_card(report: Report) -> Card:
    """Counts, then one table of findings per register (notice-level ones first)."""
    counts = report.counts()
    blocks: list[Fields | Table] = [fields(*counts.items())]
    for register, found in report.by_register().items():
        blocks.append(table(f"Register {register}" if register else "Notice", _FINDING_HEADERS,
                            map(_finding_row, found)))
    return Card(title=f"Report on {report.notice}", subtitle=f"as of {report.as_of}: "
                f"{count(counts['total'], 'finding')} ({_counts_text(counts)})",
                blocks=tuple(blocks))


_PLAN_HEADERS = ("category", "status", "erase_by", "restricted_until", "purpose_ends",
                 "hold_until", "reason")


def _item_row(i: PlanItem) -> tuple[Any, ...]:
    return (i.category, i.status.value, i.erase_by, i.restricted_until, i.purpose_ends,
            i.hold_until, i.reason())


def plan_repr(plan: RetentionPlan) -> str:
    statuses: dict[str, int] = {}
    for _, status, _, _ in plan.rows():
        statuses[status.value] = statuses.get(status.value, 0) + 1
    text = ", ".join(f"{k} {v}" for k, v in statuses.items())
    return (f"<RetentionPlan {plan.subject!r} in {plan.register!r} on {plan.as_of}: "
            f"{count(sum(statuses.values()), 'category', 'categories')} ({text})>")


def plan_card(plan: RetentionPlan) -> Card:
    """A subject's retention plan in one register on one date: one row per data category
    with its status, erase-by, restricted-until, purpose-end and hold dates and the reason."""
    return Card(title=f"Retention plan of {plan.subject}",
                subtitle=f"register {plan.register}, on {plan.as_of}",
                blocks=(table("Data categories", _PLAN_HEADERS, map(_item_row, plan.items)),))


def item_card(item: PlanItem) -> Card:
    """One plan item (a data category of a subject): its summary and its one row of the
    plan table."""
    return Card(title=f"{item.subject}: {item.category}", subtitle=item.summary(),
                blocks=(table("", _PLAN_HEADERS, [_item_row(item)]),))


def due_card(due: DueForErasure) -> Card:
    """One sweep result: the subject and its data categories due for erasure (for many,
    :func:`sweep_card` or :func:`~gdpr_register.display.show_sweep`)."""
    return Card(title=f"Due for erasure: {due.subject}",
                blocks=(fields(("categories", due.categories)),))


def sweep_card(results: Sequence[DueForErasure], *, register: str | None = None,
               as_of: object = None) -> Card:
    """Subjects due for erasure: how many per category, then the subjects."""
    per: dict[str, int] = {}
    for due in results:
        for category in due.categories:
            per[category] = per.get(category, 0) + 1
    where = " ".join(x for x in (f"in {register}" if register else "",
                                 f"on {as_of}" if as_of else "") if x)
    return Card(
        title="Due for erasure", subtitle=f"{count(len(results), 'subject')} {where}".strip(),
        blocks=(table("Subjects per data category", ("category", "subjects"),
                      sorted(per.items())),
                table("Subjects", ("subject", "categories"),
                      ((d.subject, d.categories) for d in results))),
    )


def assessment_card(a: Assessment) -> Card:
    """A data subject's request as assessed: right, register, subject, dates and whether it
    applies, then the reasons, the data categories and what to do with each, the exceptions,
    the recipients to notify (Art. 19) and the actions due."""
    r = a.request
    head = fields(("right", f"{r.right.value} ({r.right.article})"), ("register", a.register),
                  ("subject", r.subject), ("received", r.received), ("applies", a.applies.value),
                  ("deadline", a.deadline.deadline), ("extended", a.deadline.extended_deadline),
                  ("as of", a.as_of))
    return Card(
        title=f"Request: {r.right.value}", subtitle=f"{a.applies.value}; answer by "
        f"{a.deadline.deadline}",
        blocks=(
            head,
            table("Reasons", ("rule", "article", "applies", "message"),
                  ((x.rule, x.article, x.applies, x.message) for x in a.reasons)),
            table("Categories", ("category", "action", "articles", "until"),
                  ((c.category, c.action.value, c.articles, c.until) for c in a.categories)),
            table("Exceptions", ("rule", "article", "categories", "until", "message"),
                  ((e.rule, e.article, e.categories, e.until, e.message) for e in a.exceptions)),
            table("Notify recipients (Art. 19)", ("recipient", "role"),
                  ((x.name, x.role.value) for x in a.notify_recipients)),
            table("Actions", ("rule", "article", "by", "message"),
                  ((x.rule, x.article, x.by, x.message) for x in a.actions)),
        ),
    )


def assessment_repr(a: Assessment) -> str:
    return (f"<Assessment {a.request.right.value} in {a.register!r}: {a.applies.value}, "
            f"deadline {a.deadline.deadline}>")


def deadline_card(d: Deadline) -> Card:
    """A request's response deadline: received, deadline, extended deadline, the notice-by
    dates and paused days, then how the deadline was counted step by step."""
    return Card(
        title=f"Deadline {d.deadline}", subtitle=f"received {d.received} ({d.country})",
        blocks=(fields(("received", d.received), ("deadline", d.deadline),
                       ("extended deadline", d.extended_deadline),
                       ("extension notice by", d.extension_notice_by),
                       ("refusal notice by", d.refusal_notice_by),
                       ("paused days", d.paused_days or None)),
                table("How it is counted", ("step",), ((s,) for s in d.explanation))),
    )


def history_card(versions: Sequence[NoticeVersion]) -> Card:
    """What ``store.notices.history(id)`` lists: version, when saved, digest."""
    rows = [(v.version, v.saved_at.isoformat(timespec="seconds"), v.digest[:12])
            for v in versions]
    title = f"History of {versions[0].notice_id}" if versions else "History"
    return Card(title=title, subtitle=count(len(rows), "version"),
                blocks=(table("Versions", ("version", "saved_at", "digest"), rows),))


def changes_card(changes: Sequence[Change], *, title: str = "Changes") -> Card:
    """The differences between two notice versions (``store.notices.diff(...)``): one row
    per change with its kind, path, old and new value (as JSON where not text)."""
    return Card(title=title, subtitle=count(len(changes), "change"),
                blocks=(table("Changes", ("kind", "path", "old", "new"),
                              ((c.kind.value, c.path, _plain(c.old), _plain(c.new))
                               for c in changes)),))


def _plain(value: object) -> str:
    import json

    if value is None or isinstance(value, str):
        return value or ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
