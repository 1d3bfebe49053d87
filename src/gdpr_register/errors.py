"""The library's error hierarchy.

One base class, :class:`GdprRegisterError`; each subclass also inherits the builtin it
specialises, so ``except ValueError`` in a caller keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "ConflictError",
    "DocumentError",
    "GdprRegisterError",
    "InputError",
    "NotFoundError",
    "Problem",
    "StoreError",
    "StoreUnavailable",
    "UsageError",
]


class GdprRegisterError(Exception):
    """Base class of every error this library raises on purpose."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input, addressed by where it is.

    ``location`` is a JSONPath-like path (``$.registers[0].purposes[1]``) for documents, or
    ``line 12`` for tabular input; ``message`` says what was found and what was expected.
    """

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InputError(GdprRegisterError, ValueError):
    """An input (document, CSV, argument) is not what the library accepts.

    Carries every :class:`Problem` found, each with its location, and the source name
    (a file path) when known.
    """

    def __init__(self, problems: Sequence[Problem], *, source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        head = f"{self.source}: " if self.source else ""
        if len(self.problems) == 1:
            return head + str(self.problems[0])
        lines = [f"{head}{len(self.problems)} problems:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


class DocumentError(InputError):
    """A notice document cannot be read or does not match the document format."""


class UsageError(GdprRegisterError, ValueError):
    """A function or command was called with arguments that do not fit together."""


class StoreError(GdprRegisterError, RuntimeError):
    """Base class of storage failures."""


class ConflictError(StoreError):
    """An optimistic-concurrency check failed: someone else saved first."""


class NotFoundError(StoreError, LookupError):
    """The requested notice, version, subject or request does not exist."""


class StoreUnavailable(StoreError, ConnectionError):
    """The store cannot be reached, opened or written."""
