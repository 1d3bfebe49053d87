"""Facts about a register that several rules derive, computed once per ``evaluate`` call.

``evaluate`` opens a memo for the duration of one call (a context variable, so threads and
tasks each have their own); outside it (a rule's check called directly) every fact is
computed afresh. Nothing outlives the call: a second ``evaluate`` of the same notice starts
cold, as a user's first one does. Entries are keyed by the holder's identity and keep it
alive, so an id is never reused within one memo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeAlias, TypeVar

__all__ = ["memo", "memoised"]

T = TypeVar("T")

# id(holder) -> (holder, {fact name: (value, inputs)})
_Facts: TypeAlias = "dict[int, tuple[Any, dict[str, tuple[Any, tuple[Any, ...]]]]]"
_MEMO: ContextVar[_Facts | None] = ContextVar("gdpr_register_rule_memo", default=None)


@contextmanager
def memo() -> Iterator[None]:
    """Memoise :func:`memoised` facts until the block ends."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoised(name: str, holder: Any, compute: Callable[[], T], *inputs: Any) -> T:
    """``compute()``, once per ``(name, holder)`` inside :func:`memo` (every call outside).

    ``inputs`` are the other values the fact depends on: a call with different ones computes
    afresh and replaces the entry.
    """
    found = _MEMO.get()
    if found is None:
        return compute()
    entry = found.get(id(holder))
    if entry is None or entry[0] is not holder:
        entry = found[id(holder)] = (holder, {})
    facts = entry[1]
    fact = facts.get(name)
    # Inputs equal by value give the same fact (facts are pure functions of their inputs).
    if fact is not None and fact[1] == inputs:
        value: T = fact[0]
        return value
    value = compute()
    facts[name] = (value, inputs)
    return value
