"""The card of a compliance timeline: the change days, then the intervals of each finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gdpr_register.display._doc import Card, table
from gdpr_register.display._notice import count

if TYPE_CHECKING:
    from gdpr_register.timelines import Timeline

__all__ = ["timeline_card"]


def timeline_card(line: Timeline) -> Card:
    """What changed on which day and why, then which finding held from when to when."""
    events = table("Change days", ("date", "what changed (dated facts of that day)"),
                   ((e.on, e.describe()) for e in line.events))
    intervals = table(
        "Findings over time", ("rule", "severity", "path", "from", "until", "opened by",
                               "closed by"),
        ((i.rule, i.finding.severity.value, i.path, i.start, i.end or "(still)",
          i.opened_by.describe() if i.opened_by else f"(held on {line.start})",
          i.closed_by.describe() if i.closed_by else "")
         for i in line.intervals),
    )
    note = f" (the timeline {line.note})" if line.note else ""
    return Card(title=f"Timeline of {line.notice}",
                subtitle=f"{line.start}..{line.end}: {count(len(line.intervals), 'interval')}, "
                f"{count(len(line.events), 'change day')}{note}",
                blocks=(events, intervals))
