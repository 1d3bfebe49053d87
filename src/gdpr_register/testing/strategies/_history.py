"""Strategies for subject histories (the retention engine's input)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import strategies as st

from gdpr_register.retention import EventKind, SubjectHistory
from gdpr_register.testing.strategies._model import identifiers

__all__ = ["event_kinds", "histories", "history_events", "subject_keys"]

# The seed register's contact kinds plus every well-known kind.
DEFAULT_EVENT_KINDS: tuple[str, ...] = (
    "service_contact",
    "contact",
    *(kind.value for kind in EventKind),
)


def subject_keys() -> st.SearchStrategy[str]:
    """Pseudonymous subject keys such as ``cust-42``."""
    return st.one_of(
        st.integers(min_value=0, max_value=10**9).map(lambda n: f"cust-{n}"),
        identifiers(),
    )


def event_kinds(kinds: Sequence[str] | None = None) -> st.SearchStrategy[str]:
    """Event kinds: ``kinds`` if given, else the seed's contacts and the well-known kinds."""
    return st.sampled_from(tuple(kinds) if kinds is not None else DEFAULT_EVENT_KINDS)


def history_events(
    kinds: Sequence[str] | None = None,
    *,
    min_date: date = date(2000, 1, 1),
    max_date: date = date(2035, 12, 31),
    min_size: int = 0,
    max_size: int = 8,
) -> st.SearchStrategy[list[tuple[str, date]]]:
    """Lists of ``(kind, date)`` pairs, in any order."""
    return st.lists(
        st.tuples(event_kinds(kinds), st.dates(min_value=min_date, max_value=max_date)),
        min_size=min_size,
        max_size=max_size,
    )


@st.composite
def histories(
    draw: st.DrawFn,
    kinds: Sequence[str] | None = None,
    *,
    subject: str | None = None,
    min_date: date = date(2000, 1, 1),
    max_date: date = date(2035, 12, 31),
    min_size: int = 0,
    max_size: int = 8,
) -> SubjectHistory:
    """Valid :class:`SubjectHistory` values (dates in ``[min_date, max_date]``)."""
    key = subject if subject is not None else draw(subject_keys())
    events = draw(history_events(
        kinds, min_date=min_date, max_date=max_date, min_size=min_size, max_size=max_size
    ))
    return SubjectHistory.from_events(key, events)
