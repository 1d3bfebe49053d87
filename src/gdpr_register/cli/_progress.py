"""Progress bars on standard error, for long work only, and only on a terminal.

A bar is drawn by tqdm (the optional ``progress`` extra) when standard error is a terminal
and the work is long: an events file of at least :data:`LONG_EVENTS_BYTES` (about 100,000
rows), at least :data:`MANY_FILES` notices in one ``check``. tqdm is imported only then;
without it there is no bar. Standard output is never touched, so CSV and JSON stay clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["LONG_EVENTS_BYTES", "MANY_FILES", "events_are_long", "progress"]

T = TypeVar("T")

#: An events CSV row is some 30-60 bytes: 4 MiB is about 100,000 rows.
LONG_EVENTS_BYTES = 4 * 1024 * 1024
MANY_FILES = 50


def events_are_long(path: str) -> bool:
    """Whether an events file (a regular file: a stream's size is unknown) is long."""
    try:
        return path != "-" and os.stat(path).st_size >= LONG_EVENTS_BYTES
    except OSError:
        return False


def _stderr_is_terminal() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def progress(items: Iterable[T], *, long: bool, description: str, unit: str,
             total: int | None = None) -> Iterable[T]:
    """``items``, drawing a bar on standard error as they are consumed, when the work is
    ``long``, standard error is a terminal and tqdm is installed; else ``items`` as they are."""
    if not long or not _stderr_is_terminal():
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    return _closing(tqdm(items, total=total, desc=description, unit=unit, file=sys.stderr,
                         leave=False, dynamic_ncols=True))


def _closing(bar: Iterable[T]) -> Iterator[T]:
    # The bar is cleared however the work ends (an error half-way leaves no stale bar).
    try:
        yield from bar
    finally:
        close = getattr(bar, "close", None)
        if close is not None:
            close()
