"""One data subject's events, as the retention engine reads them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, Literal

import attrs

from gdpr_register.errors import InputError, Problem, UsageError
from gdpr_register.model.events import SubjectEvent
from gdpr_register.model.values import to_date

__all__ = ["SubjectHistory", "group_histories"]

_KIND = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")  # the model's identifier syntax
# Kinds already checked against _KIND: an application has a handful of event kinds and
# millions of events, so a set lookup replaces the regex on the hot path (bounded).
_KNOWN_KINDS: set[str] = set()
_KNOWN_LIMIT = 10_000
_ORDER = itemgetter(1, 0)  # (date, kind), in C


def _is_kind(kind: object) -> bool:
    if not isinstance(kind, str):
        return False
    if kind in _KNOWN_KINDS:
        return True
    if not _KIND.fullmatch(kind):
        return False
    if len(_KNOWN_KINDS) < _KNOWN_LIMIT:
        _KNOWN_KINDS.add(kind)
    return True


def _check_subject(subject: object) -> str | None:
    if not isinstance(subject, str):
        return f"expected a subject key string, got {type(subject).__name__}"
    if not subject or len(subject) > 1000:
        return "a subject key must be 1 to 1000 characters"
    return None


def _canonical(value: Iterable[tuple[str, date]]) -> tuple[tuple[str, date], ...]:
    # Order is irrelevant to the plan; a canonical order makes equal histories compare equal.
    return tuple(sorted(value, key=_ORDER))


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
        message = _check_subject(subject)
        if message is not None:
            raise InputError([Problem(location="subject", message=message)])
        return cls._checked(subject, events)

    @classmethod
    def _checked(
        cls, subject: str, events: Iterable[tuple[str, Any] | SubjectEvent]
    ) -> SubjectHistory:
        """:meth:`from_events` for a subject key already checked."""
        problems: list[Problem] = []
        pairs: list[tuple[str, date]] = []
        append = pairs.append
        known = _KNOWN_KINDS
        for index, event in enumerate(events):
            # The common case first: a (known kind, stdlib date) pair, no further checks.
            if type(event) is tuple and len(event) == 2:
                kind, day = event
                if type(day) is date and type(kind) is str and kind in known:
                    append(event)
                    continue
            elif isinstance(event, SubjectEvent):
                if event.subject != subject:
                    problems.append(Problem(
                        location=f"events[{index}]",
                        message=f"event of subject {event.subject!r}, not {subject!r}",
                    ))
                    continue
                append((event.kind, event.on))
                continue
            try:
                kind, day = event
            except (TypeError, ValueError):
                problems.append(Problem(
                    location=f"events[{index}]",
                    message=f"expected a (kind, date) pair, got {event!r}",
                ))
                continue
            if not _is_kind(kind):
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
            append((kind, day))
        if problems:
            raise InputError(problems)
        # Every field is validated above: set them directly (what the generated __init__
        # and converter would do, at a fraction of the cost for millions of subjects).
        history = object.__new__(cls)
        object.__setattr__(history, "subject", subject)
        object.__setattr__(history, "events", tuple(sorted(pairs, key=_ORDER)))
        return history

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


Row = tuple[str, str, Any]  # (subject, kind, date): one line of an export


def _split(event: SubjectEvent | Row) -> tuple[str, tuple[str, Any]]:
    if isinstance(event, SubjectEvent):
        return event.subject, (event.kind, event.on)
    try:
        subject, kind, day = event
    except (TypeError, ValueError):
        raise InputError([Problem(
            location="events",
            message=f"expected a SubjectEvent or a (subject, kind, date) row, got {event!r}",
        )]) from None
    return subject, (kind, day)


def group_histories(
    events: Iterable[SubjectEvent | Row], *, contiguous: bool | Literal["sorted"] = False
) -> Iterator[SubjectHistory]:
    """One history per subject from a flat stream of events.

    ``events``: :class:`SubjectEvent` s or raw ``(subject, kind, date)`` rows (as read from
    a database cursor or CSV reader), validated as :meth:`SubjectHistory.from_events` does.
    ``contiguous=True``: each subject's events are adjacent (an export sorted by subject),
    so histories stream out one at a time and no event is kept once its subject is planned;
    a subject seen again later raises :class:`UsageError` (to tell, the subject keys seen
    are remembered, nothing else). ``contiguous="sorted"``: the subjects come in ascending
    order of their keys (Python's string order, as ``ORDER BY subject`` gives under a binary
    or ``C`` collation), which is checked against the previous key alone, so memory stays
    the same whatever the number of subjects; a key out of order raises
    :class:`UsageError`. Otherwise all events are grouped in memory first (first-seen
    order).
    """
    if not contiguous:
        return _in_memory(events)
    return _Stream(events, ordered=contiguous == "sorted")


def _in_memory(events: Iterable[SubjectEvent | Row]) -> Iterator[SubjectHistory]:
    by_subject: dict[str, list[tuple[str, Any]]] = {}
    for event in events:
        key, found = _split(event)
        by_subject.setdefault(key, []).append(found)
    for key, grouped in by_subject.items():
        yield SubjectHistory.from_events(key, grouped)


# SubjectHistory's slots, set directly when every field is already validated (what the
# generated __init__ and converter would do, at a fraction of the cost per subject).
_SET_SUBJECT = SubjectHistory.__dict__["subject"].__set__
_SET_EVENTS = SubjectHistory.__dict__["events"].__set__
# (subject, events): a history's fields, the events validated but in no particular order.
Pair = tuple[str, Sequence[tuple[str, date]]]


def _history(pair: Pair) -> SubjectHistory:
    history = object.__new__(SubjectHistory)
    _SET_SUBJECT(history, pair[0])
    _SET_EVENTS(history, _canonical(pair[1]))
    return history


class _Stream(Iterator[SubjectHistory]):
    """``group_histories(contiguous=...)``: an iterator of histories that bulk planning
    (:meth:`CompiledPolicy.results`) may read as ``(subject, events)`` pairs instead,
    validated the same way but with no :class:`SubjectHistory` built per subject.

    One underlying stream whichever way it is read, so reading it both ways (or resuming
    it) never skips or repeats a subject.
    """

    __slots__ = ("_events", "_ordered", "_pairs", "_source")

    def __init__(self, events: Iterable[SubjectEvent | Row], ordered: bool) -> None:
        self._events = events
        self._ordered = ordered
        self._source: Iterator[Any] | None = None
        self._pairs = False

    def __iter__(self) -> Iterator[SubjectHistory]:
        if self._source is None:
            self._source = _stream(self._events, self._ordered, False)
        if self._pairs:
            return map(_history, self._source)
        return self._source

    def __next__(self) -> SubjectHistory:
        return next(iter(self))

    def pairs(self) -> Iterator[Pair] | None:
        """The stream as pairs if nothing has read it yet, else None (read histories)."""
        if self._source is not None:
            return None
        self._pairs = True
        self._source = source = _stream(self._events, self._ordered, True)
        return source


def pairs_of(histories: Iterable[SubjectHistory]) -> Iterator[Pair] | None:
    """``histories`` as ``(subject, events)`` pairs when it is an unread stream, else None."""
    return histories.pairs() if type(histories) is _Stream else None


def _stream(events: Iterable[SubjectEvent | Row], ordered: bool, as_pairs: bool) -> Iterator[Any]:
    """The stream behind :class:`_Stream`: one pass, each event looked at once, yielding
    histories or with ``as_pairs`` their ``(subject, events)`` (events in any order).

    An event with a known kind and a stdlib date is taken as it is; a subject with any other
    event goes through :meth:`SubjectHistory._checked`, which validates (and reports) all.
    """
    finished: set[str] = set()
    current: str | None = None
    found: list[tuple[str, Any]] = []
    clean = True
    known = _KNOWN_KINDS
    new = object.__new__
    set_subject, set_events = _SET_SUBJECT, _SET_EVENTS
    for event in events:
        try:
            subject, kind, day = event  # type: ignore[misc]
        except (TypeError, ValueError):  # a SubjectEvent, or not a row at all
            subject, (kind, day) = _split(event)
        if subject != current:
            if current is not None:
                if not ordered:
                    finished.add(current)
                if clean and as_pairs:
                    # For planning alone: the order of events is not observable there (the
                    # generated loop reads them in any order), so none is made.
                    yield current, found
                elif clean:
                    ordered_events: tuple[tuple[str, Any], ...]
                    if len(found) == 2:  # inline: a quarter of subjects, a third of sorts
                        a, b = found
                        x, y = a[1], b[1]
                        ordered_events = (
                            (a, b) if x < y or (x == y and a[0] <= b[0]) else (b, a)
                        )
                    else:
                        if len(found) > 2:
                            found.sort(key=_ORDER)
                        ordered_events = tuple(found)
                    history = new(SubjectHistory)
                    set_subject(history, current)
                    set_events(history, ordered_events)
                    yield history
                else:
                    checked = SubjectHistory._checked(current, found)
                    yield (current, checked.events) if as_pairs else checked
            if type(subject) is not str or not 0 < len(subject) <= 1000:
                message = _check_subject(subject)  # before the key is hashed
                if message is not None:
                    raise InputError([Problem(location="subject", message=message)])
            if ordered:
                if current is not None and subject < current:
                    raise UsageError(
                        f"subject {subject!r} comes after {current!r}: the events are not "
                        "sorted by subject; sort them or read with contiguous=True"
                    )
            elif subject in finished:
                raise UsageError(
                    f"events of subject {subject!r} are not adjacent; "
                    "group them or read without contiguous=True"
                )
            current, found, clean = subject, [], True
        if clean:
            try:
                clean = type(day) is date and kind in known
            except TypeError:  # an unhashable kind: _checked reports it
                clean = False
        found.append((kind, day))  # a method call Python specialises for lists
    if current is not None:
        checked = SubjectHistory._checked(current, found)  # once: the plain path suffices
        yield (current, checked.events) if as_pairs else checked
