"""A timeline as rows (the ``timeline`` table of :data:`gdpr_register.frames.SCHEMAS`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdpr_register.timelines._model import Timeline

__all__ = ["timeline_records"]


def timeline_records(timeline: Timeline) -> list[dict[str, Any]]:
    rows = []
    for i in timeline.intervals:
        last = i.end or timeline.end
        rows.append({
            "notice": timeline.notice, "rule": i.rule, "severity": i.finding.severity.value,
            "register": i.finding.register, "path": i.path, "start": i.start, "end": i.end,
            "days": (last - i.start).days + 1,
            "opened_by": i.opened_by.describe() if i.opened_by else None,
            "closed_by": i.closed_by.describe() if i.closed_by else None,
            "message": i.finding.text,
        })
    return rows
