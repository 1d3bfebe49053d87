"""Reading an item cell back: its exact data where the visible line is as exported, its
words where a user changed them.

The rule (docs/interop.md, "Editing a record by hand"): the visible text wins. A line shown
as exported gives the exact item its machine data holds. A line a user changed keeps the
machine data of the line it replaced (the one at its place among the changed lines) when only
the label changed (the words around it are as exported): the new label replaces the old. Any
other line is a new item read from its text alone: a line with a ``{`` as ``label {key:
value}`` (the layout of earlier exports and of records typed by hand), else the label by
itself. A line whose machine
item is gone from the visible text is gone from the import.
"""

from __future__ import annotations

from typing import Any

from gdpr_register.interop._ropa_cells import CellError, parse_item
from gdpr_register.interop._ropa_columns import Column
from gdpr_register.interop._ropa_plain import (
    PREFIXED,
    item_from_words,
    label_value,
    label_words,
)

__all__ = ["from_words", "reconcile"]


def _unquoted(line: str) -> str:
    return line[1:-1] if len(line) >= 2 and line[0] == line[-1] == '"' else line


def _with_braces(line: str) -> bool:
    return "{" in line


def from_words(column: Column, line: str) -> dict[str, Any]:
    """A new item from a line's text alone."""
    if _with_braces(line):
        data = parse_item(line, column.label)
        if column.label is not None and isinstance(data.get(column.label), str):
            data[column.label] = label_value(column.id, data[column.label])
        return data
    if column.label is None:
        raise CellError("expected the exact data of an item; this text cannot be read")
    return item_from_words(column.id, column.label, _unquoted(line.strip()))


def _relabelled(column: Column, line: str, shown: str, data: Any) -> dict[str, Any] | None:
    """``data`` with the label the user typed, when only the label changed."""
    if column.label is None or not isinstance(data, dict):
        return None
    words = label_words(column.label, column.id, data)
    if not words:
        return None
    at = shown.rfind(words) if column.id in PREFIXED else (0 if shown.startswith(words) else -1)
    if at < 0:
        return None
    prefix, suffix = shown[:at], shown[at + len(words):]
    if not (line.startswith(prefix) and line.endswith(suffix)
            and len(line) > len(prefix) + len(suffix)):
        return None
    typed = line[len(prefix):len(line) - len(suffix)].strip()
    return {**data, column.label: label_value(column.id, typed)} if typed else None


def reconcile(
    column: Column, lines: list[str], entries: list[tuple[str, Any]]
) -> list[dict[str, Any] | CellError]:
    """Each visible line's item (or why it cannot be read), given the cell's machine data."""
    found: list[dict[str, Any] | CellError | None] = [None] * len(lines)
    used = [False] * len(entries)
    for i, line in enumerate(lines):
        for j, (shown, data) in enumerate(entries):
            if not used[j] and shown == line and isinstance(data, dict):
                found[i], used[j] = data, True
                break
    spare = [j for j in range(len(entries)) if not used[j]]
    for i, line in enumerate(lines):
        if found[i] is not None:
            continue
        if spare and not _with_braces(line):
            shown, data = entries[spare.pop(0)]
            relabelled = _relabelled(column, line, shown, data)
            if relabelled is not None:
                found[i] = relabelled
                continue
        try:
            found[i] = from_words(column, line)
        except CellError as exc:
            found[i] = exc
    return [item for item in found if item is not None]
