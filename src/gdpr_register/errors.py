"""The library's error hierarchy.

One base class, :class:`GdprRegisterError`; each subclass also inherits the builtin it
specialises, so ``except ValueError`` in a caller keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from gdpr_register._text import MAX_SHOWN, shown

__all__ = [
    "ConflictError",
    "DocumentError",
    "GdprRegisterError",
    "InputError",
    "NotFoundError",
    "OutputError",
    "Problem",
    "StoreError",
    "StoreUnavailable",
    "UsageError",
    "WrongTypeError",
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
        # Shown, not raw: the message may quote a file's bytes or a huge value.
        message = shown(self.message, MAX_SHOWN * 4)
        return f"{shown(self.location)}: {message}" if self.location else message


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
        head = f"{shown(self.source)}: " if self.source else ""
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


# Added by the hardening work (issue 11): keep new error classes together here.


class WrongTypeError(GdprRegisterError, TypeError):
    """A function was given a value of the wrong type (``dump_notice(None, path)``)."""


class OutputError(GdprRegisterError, OSError):
    """An output (a file, standard output) cannot be written; the target is left as it was,
    or, for standard output and devices, holds what was written before the failure."""
