"""The values a timeline is made of: events (the dated facts of one day), intervals (one
finding holding from one day to another) and the timeline itself."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from gdpr_register._display import Displayable
from gdpr_register.timelines._facts import Fact

if TYPE_CHECKING:
    from gdpr_register.rules import Finding

__all__ = ["DATE_ARG", "Event", "Interval", "Key", "Timeline", "key_of", "on_day"]

# The argument by which a rule names the evaluation date itself ("not valid on {as_of}"):
# the one part of a finding that differs between two days on which it holds unchanged.
DATE_ARG = "as_of"

# What makes two findings on two dates "the same finding": everything that tells two findings
# of one evaluation apart (rule, register, path, severity, templates, arguments, waiver),
# except the evaluation date named in DATE_ARG.
Key = tuple[Any, ...]


def key_of(finding: Finding) -> Key:
    args = tuple(sorted((k, repr(v)) for k, v in finding.args.items() if k != DATE_ARG))
    return (finding.rule, finding.register, finding.path, finding.severity.value,
            finding.title, finding.citation, finding.message, finding.fix, args,
            finding.waiver)


def on_day(finding: Finding, day: date) -> Finding:
    """``finding`` as an evaluation on ``day`` reports it (its DATE_ARG names ``day``)."""
    if DATE_ARG not in finding.args or finding.args[DATE_ARG] == day:
        return finding
    return attrs.evolve(finding, args={**finding.args, DATE_ARG: day})


@attrs.frozen(kw_only=True)
class Event:
    """The dated facts of one day that opened or closed a finding (in an interval: those that
    concern it, most specific first; in :attr:`Timeline.events`: those of all its intervals,
    the most cited first). ``facts`` is empty when none the notice depends on changed."""

    on: date
    facts: tuple[Fact, ...]

    def describe(self) -> str:
        """The facts in order, each with its citation, '; '-joined."""
        return "; ".join(f.what + (f" [{f.source}]" if f.source else "") for f in self.facts)


@attrs.frozen(kw_only=True)
class Interval:
    """A finding holding from ``start`` through ``end`` (None: still on the last day).

    ``opened_by`` is the event of ``start`` (None when it already held on the first day of
    the range); ``closed_by`` the event of the day after ``end``. ``finding`` is the finding
    as reported on ``start``.
    """

    finding: Finding
    start: date
    end: date | None
    opened_by: Event | None = None
    closed_by: Event | None = None

    @property
    def key(self) -> Key:
        return key_of(self.finding)

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def path(self) -> str:
        return self.finding.path

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.frozen(kw_only=True, repr=False)
class Timeline(Displayable):
    """Which findings hold on which days of ``start``..``end`` (both included), and why they
    changed. Built by :func:`~gdpr_register.timelines.timeline`; ``checkpoints`` are the days
    it was evaluated on.

    ``notice_date`` is set when the range asked for (from ``requested_start``) began before
    the notice's own date: the timeline then starts on that date, as a notice cannot be
    non-compliant before it existed.
    """

    notice: str
    start: date
    end: date
    intervals: tuple[Interval, ...]
    checkpoints: tuple[date, ...] = attrs.field(repr=False)
    requested_start: date | None = None
    notice_date: date | None = None

    @property
    def note(self) -> str | None:
        """Why the timeline starts later than asked (None: it starts on the day asked)."""
        if self.notice_date is None:
            return None
        return (f"starts on {self.notice_date}, the notice's own date ($.updated), not on "
                f"{self.requested_start}: a notice cannot be non-compliant before it existed")

    def _check(self, day: date) -> None:
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the timeline ({self.start}..{self.end})")

    def at(self, day: date) -> tuple[Finding, ...]:
        """The findings holding on ``day``, equal to those ``evaluate(notice, as_of=day)``
        reports (an ``as_of`` message argument names ``day``)."""
        self._check(day)
        return tuple(on_day(i.finding, day) for i in self.intervals if i.holds_on(day))

    def keys_at(self, day: date) -> frozenset[Key]:
        """The identities (:func:`key_of`) of the findings holding on ``day``."""
        self._check(day)
        return frozenset(i.key for i in self.intervals if i.holds_on(day))

    @property
    def events(self) -> tuple[Event, ...]:
        """The days on which something opened or closed, in order."""
        cited: dict[date, dict[Fact, int]] = {}
        for e in (e for i in self.intervals for e in (i.opened_by, i.closed_by) if e):
            day = cited.setdefault(e.on, {})
            for fact in e.facts:
                day[fact] = day.get(fact, 0) + 1
        return tuple(Event(on=d, facts=tuple(sorted(cited[d], key=lambda f: -cited[d][f])))
                     for d in sorted(cited))

    def since(self, rule: str) -> Iterator[Interval]:
        """The intervals of one rule id (or id prefix), in order."""
        return (i for i in self.intervals if i.rule.startswith(rule))

    def __repr__(self) -> str:
        rules = len({i.rule for i in self.intervals})
        return (f"<Timeline {self.notice!r} {self.start}..{self.end}: "
                f"{len(self.intervals)} intervals of {rules} rules, "
                f"{len(self.events)} change days>")

    def to_records(self) -> list[dict[str, Any]]:
        """One row per interval (columns in docs/notebooks.md)."""
        from gdpr_register.timelines._records import timeline_records

        return timeline_records(self)

    def to_pandas(self) -> Any:
        from gdpr_register.frames import frame

        return frame(self.to_records(), "timeline")

    def to_json(self, indent: int | None = 2) -> str:
        rows = [{k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}
                for row in self.to_records()]
        data = {"notice": self.notice, "start": self.start.isoformat(),
                "end": self.end.isoformat(),
                "requested_start": (self.requested_start or self.start).isoformat(),
                "notice_date": self.notice_date.isoformat() if self.notice_date else None,
                "note": self.note, "intervals": rows}
        return json.dumps(data, indent=indent, ensure_ascii=False)

    def plot(self, **options: Any) -> Any:
        """A matplotlib figure of the intervals, annotated with the change days (needs the
        ``notebook`` extra; see :func:`gdpr_register.plots.plot_timeline`)."""
        from gdpr_register.plots import plot_timeline

        return plot_timeline(self, **options)
