"""JSON-path-like addresses of elements in a notice: ``$.registers[0].transfers[1]``."""

from __future__ import annotations

import re

import attrs

from gdpr_register.errors import UsageError

__all__ = ["resolve_path"]

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def resolve_path(root: object, path: str) -> object:
    """The element of ``root`` (a notice) that ``path`` addresses.

    Steps are attribute names of attrs classes (``.registers``) and tuple indexes (``[0]``).
    Raises :class:`~gdpr_register.errors.UsageError` (a ``ValueError``) when the path is
    malformed or names nothing.
    """
    if not path.startswith("$"):
        raise UsageError(f"{path!r} is not a path (it must start with '$')")
    position = 1
    current = root
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None:
            raise UsageError(f"{path!r}: cannot read a step at character {position}")
        name, index = match.groups()
        if name is not None:
            kind = type(current)
            if not attrs.has(kind) or name not in attrs.fields_dict(kind):
                raise UsageError(f"{path!r}: {type(current).__name__} has no field {name!r}")
            current = getattr(current, name)
        else:
            if not isinstance(current, tuple) or int(index) >= len(current):
                raise UsageError(f"{path!r}: no element [{index}] here")
            current = current[int(index)]
        position = match.end()
    return current
