"""One data subject's events, as the retention engine reads them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import attrs

from gdpr_register.errors import InputError, Problem, UsageError
from gdpr_register.model.events import SubjectEvent
from gdpr_register.model.values import to_date

__all__ = ["SubjectHistory", "group_histories"]

_KIND = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")  # the model's identifier syntax


def _check_subject(subject: object) -> str | None:
    if not isinstance(subject, str):
        return f"expected a subject key string, got {type(subject).__name__}"
    if not subject or len(subject) > 1000:
        return "a subject key must be 1 to 1000 characters"
    return None


def _canonical(value: Iterable[tuple[str, date]]) -> tuple[tuple[str, date], ...]:
    # Order is irrelevant to the plan; a canonical order makes equal histories compare equal.
    return tuple(sorted(value, key=_order))


def _order(event: tuple[str, date]) -> tuple[date, str]:
    return event[1], event[0]


@attrs.frozen(kw_only=True)
class SubjectHistory:
    """A subject's events as ``(kind, date)`` pairs, kept in (date, kind) order.

    Two histories with the same events compare equal whatever order the events came in.
    Build it with :meth:`from_events`, which also validates the kinds and dates.
    """

    subject: str
    events: tuple[tuple[str, date], ...] = attrs.field(default=(), converter=_canonical)

    @classmethod
    def from_events(
        cls, subject: str, events: Iterable[tuple[str, Any] | SubjectEvent] = ()
    ) -> SubjectHistory:
        """Validate and order ``events``: ``(kind, date)`` pairs or :class:`SubjectEvent` s.

        Dates may be stdlib or pendulum dates or ISO strings. Raises :class:`InputError` with
        one problem per bad event (located ``events[i]``).
        """
        problems: list[Problem] = []
        message = _check_subject(subject)
        if message is not None:
            raise InputError([Problem(location="subject", message=message)])
        pairs: list[tuple[str, date]] = []
        for index, event in enumerate(events):
            if isinstance(event, SubjectEvent):
                if event.subject != subject:
                    problems.append(Problem(
                        location=f"events[{index}]",
                        message=f"event of subject {event.subject!r}, not {subject!r}",
                    ))
                    continue
                pairs.append((event.kind, event.on))
                continue
            try:
                kind, day = event
            except (TypeError, ValueError):
                problems.append(Problem(
                    location=f"events[{index}]",
                    message=f"expected a (kind, date) pair, got {event!r}",
                ))
                continue
            if not isinstance(kind, str) or not _KIND.fullmatch(kind):
                problems.append(Problem(
                    location=f"events[{index}]",
                    message=f"{kind!r} is not an event kind (letters, digits, '_', '.', '-')",
                ))
                continue
            if type(day) is not date:
                try:
                    day = to_date(day)
                except (TypeError, ValueError) as exc:
                    problems.append(Problem(location=f"events[{index}]", message=str(exc)))
                    continue
            pairs.append((kind, day))
        if problems:
            raise InputError(problems)
        return cls(subject=subject, events=pairs)

    @classmethod
    def group(cls, events: Iterable[SubjectEvent]) -> list[SubjectHistory]:
        """One history per subject from flat :class:`SubjectEvent` s (first-seen order)."""
        by_subject: dict[str, list[tuple[str, date]]] = {}
        for event in events:
            by_subject.setdefault(event.subject, []).append((event.kind, event.on))
        return [cls.from_events(subject, pairs) for subject, pairs in by_subject.items()]

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _ in self.events)

    def latest(self, *kinds: str) -> date | None:
        """The latest date of an event of one of ``kinds``, or None."""
        days = [day for kind, day in self.events if kind in kinds]
        return max(days) if days else None

    def earliest(self, *kinds: str) -> date | None:
        days = [day for kind, day in self.events if kind in kinds]
        return min(days) if days else None

    def with_event(self, kind: str, day: date) -> SubjectHistory:
        """A new history with one more event."""
        return SubjectHistory.from_events(self.subject, [*self.events, (kind, day)])


def group_histories(
    events: Iterable[SubjectEvent], *, contiguous: bool = False
) -> Iterator[SubjectHistory]:
    """One history per subject from a flat stream of events.

    ``contiguous=True``: each subject's events are adjacent (an export sorted by subject),
    so histories stream out in bounded memory; a subject seen again later raises
    :class:`UsageError`. Otherwise all events are grouped in memory first (first-seen order).
    """
    if not contiguous:
        yield from SubjectHistory.group(events)
        return
    finished: set[str] = set()
    current: str | None = None
    pairs: list[tuple[str, date]] = []
    for event in events:
        if event.subject != current:
            if current is not None:
                finished.add(current)
                yield SubjectHistory.from_events(current, pairs)
            if event.subject in finished:
                raise UsageError(
                    f"events of subject {event.subject!r} are not adjacent; "
                    "group them or read without contiguous=True"
                )
            current, pairs = event.subject, []
        pairs.append((event.kind, event.on))
    if current is not None:
        yield SubjectHistory.from_events(current, pairs)
