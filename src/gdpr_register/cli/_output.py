"""Standard output and standard error of a command run, guarded.

Every command writes to ``sys.stdout``; :func:`guarded_stdout` turns a failed write there
(``> /dev/full``, a closed pipe) into an :class:`~gdpr_register.errors.OutputError` that
``main`` reports in one line, and :func:`discard_stdout` drops what is still buffered so the
interpreter's final flush cannot print a traceback after the exit code was chosen.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO, cast

from gdpr_register.errors import OutputError

__all__ = ["STDOUT", "QuietStderr", "StdoutGuard", "add_output", "discard_stdout",
           "guarded_stdout", "is_stdout", "output_to", "write_output"]

#: What every ``-o``/``--output`` option takes for standard output.
STDOUT = "-"


class StdoutGuard:
    """A stand-in for ``sys.stdout`` whose write failures are :class:`OutputError`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.failure: OSError | None = None

    def _failed(self, exc: OSError) -> OutputError:
        self.failure = exc
        error = OutputError(f"cannot write to standard output: {exc.strerror or exc}")
        error.errno = exc.errno
        return error

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise self._failed(exc) from exc
        except ValueError as exc:  # "I/O operation on closed file"
            raise self._failed(OSError(str(exc))) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise self._failed(exc) from exc
        except ValueError as exc:
            raise self._failed(OSError(str(exc))) from exc

    def write_bytes(self, data: bytes) -> None:
        """Write bytes (a spreadsheet) after any text, with the same failure handling."""
        try:
            self._stream.flush()
            self._stream.buffer.write(data)
            self._stream.buffer.flush()
        except OSError as exc:
            raise self._failed(exc) from exc
        except ValueError as exc:
            raise self._failed(OSError(str(exc))) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class QuietStderr:
    """A stand-in for ``sys.stderr``: when even a message cannot be written (``2>/dev/full``)
    there is nowhere to report it, so the failure is dropped and the exit code stands."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            _discard(self._stream)
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            _discard(self._stream)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[StdoutGuard]:
    """Replace ``sys.stdout`` by a :class:`StdoutGuard` (and ``sys.stderr`` by a
    :class:`QuietStderr`) for the duration of a command."""
    original, original_err = sys.stdout, sys.stderr
    guard = StdoutGuard(original)
    sys.stdout = cast(TextIO, guard)
    if original_err is not None:
        sys.stderr = cast(TextIO, QuietStderr(original_err))
    try:
        yield guard
    finally:
        sys.stdout, sys.stderr = original, original_err


def _discard(stream: TextIO) -> None:
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (tests capture it): nothing will be flushed at exit
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def discard_stdout() -> None:
    """Point standard output at the null device: what is buffered is dropped silently, so
    the interpreter's last flush cannot fail after the exit code was chosen."""
    _discard(sys.stdout)


def is_stdout(target: str | None) -> bool:
    """Whether an output option names standard output: not given, or ``-``."""
    return target is None or target == STDOUT


def write_output(target: str | None, text: str | bytes) -> None:
    """Write a command's whole output: to standard output for ``None`` or ``-``, else to the
    file with :func:`~gdpr_register.documents.write_text_file` (atomic for a regular file,
    written through for a device or FIFO, a symbolic link's target replaced). A file named
    ``-`` is written as ``./-``. Bytes (a spreadsheet) go to standard output unchanged."""
    if target is None or target == STDOUT:
        if isinstance(text, bytes):
            write_bytes = getattr(sys.stdout, "write_bytes", None)
            if write_bytes is not None:  # the guard of a command run: failures are reported
                write_bytes(text)
            else:
                sys.stdout.flush()
                sys.stdout.buffer.write(text)
                sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    from gdpr_register.documents import write_text_file

    write_text_file(target, text)


def add_output(parser: Any) -> None:
    """Add ``-o/--output FILE`` to a command that prints its report: ``main`` collects what
    the command prints and writes it with :func:`write_output` once the command succeeded
    (so a failed run leaves the file as it was)."""
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the output to FILE, atomically ('-' or default: "
                        "standard output)")
    parser.set_defaults(_collect_output=True)


@contextlib.contextmanager
def output_to(target: str | None) -> Iterator[None]:
    """What the block prints to ``sys.stdout``, written to ``target`` when it ends without
    an exception; standard output (``None``, ``-``) is left alone."""
    if is_stdout(target):
        yield
        return
    import io

    buffer = io.StringIO()
    saved = sys.stdout
    sys.stdout = buffer
    try:
        yield
    finally:
        sys.stdout = saved
    write_output(target, buffer.getvalue())
