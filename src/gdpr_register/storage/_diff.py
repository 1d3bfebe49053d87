"""Structural diff of two notices, on their document form (what a user edits)."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from typing import Any

import attrs

from gdpr_register.documents import notice_to_data
from gdpr_register.model import Notice

__all__ = ["Change", "ChangeKind", "Changes", "diff_data", "diff_notices"]


class ChangeKind(enum.StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


_MISSING: Any = object()


def _render(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


@attrs.frozen(kw_only=True)
class Change:
    """One difference: the field's path (``registers[0].transfers[0].mechanism``), and the old
    and new values in document form (``None`` for the side where it is absent)."""

    kind: ChangeKind
    path: str
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        if self.kind is ChangeKind.ADDED:
            return f"{self.path}: added {_render(self.new)}"
        if self.kind is ChangeKind.REMOVED:
            return f"{self.path}: removed {_render(self.old)}"
        return f"{self.path}: {_render(self.old)} -> {_render(self.new)}"


class Changes(tuple[Change, ...]):
    """The changes between two versions: a tuple (compares equal to one) that a notebook
    displays as a table."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from gdpr_register.display import html

        return html(self)

    def _repr_markdown_(self) -> str:
        from gdpr_register.display import markdown

        return markdown(self)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _walk(old: Any, new: Any, path: str) -> Iterator[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [k for k in new if k not in old]
        for key in keys:
            yield from _walk(old.get(key, _MISSING), new.get(key, _MISSING), _join(path, key))
        return
    if isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            yield from _walk(
                old[index] if index < len(old) else _MISSING,
                new[index] if index < len(new) else _MISSING,
                f"{path}[{index}]",
            )
        return
    if old is _MISSING and new is _MISSING:
        return
    if old is _MISSING:
        yield Change(kind=ChangeKind.ADDED, path=path, new=new)
    elif new is _MISSING:
        yield Change(kind=ChangeKind.REMOVED, path=path, old=old)
    elif old != new or type(old) is not type(new):
        yield Change(kind=ChangeKind.CHANGED, path=path, old=old, new=new)


def diff_data(old: Any, new: Any) -> Changes:
    """Differences between two plain-data documents (dicts, lists, scalars)."""
    return Changes(_walk(old, new, ""))


def diff_notices(old: Notice, new: Notice) -> Changes:
    """Differences from ``old`` to ``new``; lists are compared position by position."""
    return diff_data(_plain(notice_to_data(old)), _plain(notice_to_data(new)))


def _plain(data: Any) -> Any:
    # Through JSON so tuples become lists and dates ISO strings, as in a saved document.
    return json.loads(json.dumps(data, default=str))
