"""The one events reader of the command line (``retention --events``,
``request --subject-events``, ``store append-events``).

Every command reads an events CSV the same way: ``-`` is standard input, a pipe or FIFO
(``--events <(cat events.csv)``) is read once as a stream, a regular file is opened by name;
rows are checked against the evaluation date and the event kinds the notice's retention rules
know, so a command never silently ignores an event another command rejects.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Collection, Iterator
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from gdpr_register.documents.events_csv import EventsReader
    from gdpr_register.model import Notice, Register

__all__ = ["events_label", "events_reader", "known_event_kinds", "open_events_stream",
           "replayable_events"]


def events_label(name: str) -> str:
    """How messages name the input: ``<stdin>`` for ``-``, else the name as given."""
    return "<stdin>" if name == "-" else name


def _is_stream(name: str) -> bool:
    if name == "-":
        return True
    try:
        return not stat.S_ISREG(os.stat(name).st_mode)
    except OSError:
        return False  # open_events reports the missing file by name


def _text(binary: IO[bytes]) -> io.TextIOWrapper:
    # Decoded as open_events decodes a file: a BOM is tolerated, bad UTF-8 is reported by
    # the reader at its line.
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")


@contextlib.contextmanager
def open_events_stream(name: str) -> Iterator[IO[str]]:
    """An events CSV ready for one pass: a file, a pipe or FIFO, or ``-`` (standard input)."""
    from gdpr_register.documents.events_csv import open_events

    if name != "-":
        with open_events(name) as stream:
            yield stream
        return
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text-only stream (tests, embedding applications)
        yield sys.stdin
        return
    stream = _text(buffer)
    try:
        yield stream
    finally:
        stream.detach()  # leave sys.stdin usable and open


@contextlib.contextmanager
def replayable_events(name: str) -> Iterator[str]:
    """A path that can be read twice: the file itself, or for ``-``, a pipe or a FIFO a
    temporary copy on disk (memory stays bounded), removed afterwards."""
    if not _is_stream(name):
        yield name
        return
    with contextlib.ExitStack() as cleanup:
        spool = cleanup.enter_context(tempfile.NamedTemporaryFile("wb", suffix=".csv",
                                                                  delete=False))
        cleanup.callback(os.unlink, spool.name)
        if name == "-":
            source = getattr(sys.stdin, "buffer", None)
            if source is None:
                source = io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))
            shutil.copyfileobj(source, spool)
        else:
            from gdpr_register.errors import InputError, Problem

            try:
                with open(name, "rb") as pipe:
                    shutil.copyfileobj(pipe, spool)
            except OSError as exc:
                raise InputError(
                    [Problem(location="", message=f"cannot read: {exc.strerror or exc}")],
                    source=name,
                ) from exc
        spool.close()
        yield spool.name


def known_event_kinds(notice: Notice, register: Register) -> frozenset[str]:
    """Event kinds some retention rule of the notice knows: one export may serve every
    register of the notice, so a kind is known if any register's rules know it."""
    from gdpr_register.retention import compile_policy

    known = set(compile_policy(register, controller=notice.controller).known_event_kinds)
    for other in notice.registers:
        if other is not register:
            known |= compile_policy(other, controller=notice.controller).known_event_kinds
    return frozenset(known)


def events_reader(
    stream: IO[str],
    name: str,
    *,
    as_of: date | None,
    known_kinds: Collection[str] | None,
    skip_invalid: bool = False,
) -> EventsReader:
    """The reader every command uses: rows after ``as_of`` and unknown kinds are problems."""
    from gdpr_register.documents.events_csv import EventsReader

    return EventsReader(stream, source=events_label(name), as_of=as_of,
                        known_kinds=known_kinds, skip_invalid=skip_invalid)
