"""Subject events from CSV, streamed: ``subject,event,date[,details]`` with a header line.

A host application exports what happened to its data subjects (``cust-42,service_contact,
2021-06-15``); commands read it row by row, so memory stays bounded whatever the file's size.

Every bad row is a :class:`~gdpr_register.errors.Problem` located ``line N`` (the physical
line, counting the header as line 1): an unparseable date, an event kind that is not an
identifier or not in ``known_kinds``, a date after ``as_of``, a wrong number of fields, an
empty subject or one with a control or other unprintable character, bytes that are not
UTF-8, a quote not closed on its line. By default the first one raises
:class:`~gdpr_register.errors.InputError`; with ``skip_invalid=True`` the row is skipped
and recorded in :attr:`EventsReader.skipped`.
Header problems (missing header, unknown or missing column) always raise: nothing can be read.

One row is one physical line. A quoted field may hold commas and doubled quotes but no line
break: a quote still open at the end of its line is an error at the line where it opened,
and the next line is read as the next row, so a missing quote can never swallow the rows
after it. A line longer than :data:`MAX_LINE_CHARS` is an error too (memory stays bounded
even for a file without line breaks).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path
from typing import IO

import attrs

from gdpr_register._text import shown
from gdpr_register.errors import InputError, Problem
from gdpr_register.model.events import SubjectEvent

__all__ = [
    "EVENT_COLUMNS",
    "REQUIRED_EVENT_COLUMNS",
    "EventRow",
    "EventsReader",
    "open_events",
]

EVENT_COLUMNS = ("subject", "event", "date", "details")
REQUIRED_EVENT_COLUMNS = ("subject", "event", "date")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Bytes that are not UTF-8, as open_events decodes them (surrogateescape): found per row, so
# the problem names its line (a strict decoder fails per buffered chunk, lines away).
_UNDECODABLE = re.compile("[\udc80-\udcff]")
# Skipped lines remembered individually; beyond this only counted (bounded memory).
MAX_SKIPPED_KEPT = 10_000
MAX_LINE_CHARS = 100_000


class _Lines:
    """Feeds the csv reader one physical line per row and notices when it asks for more.

    The csv module continues a quoted field on the next line; this iterator refuses (a
    ``StopIteration`` for that row only, unlike a generator it keeps going afterwards), so
    the reader returns the row as far as the line went and :attr:`spilled` says it was cut.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._given = False
        self.line = 0
        self.spilled = False
        self.too_long = False

    def next_row(self) -> None:
        self._given = False
        self.spilled = False
        self.too_long = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._given:
            self.spilled = True
            raise StopIteration
        text = self._stream.readline(MAX_LINE_CHARS + 1)
        if not text:
            raise StopIteration
        self._given = True
        self.line += 1
        if len(text) > MAX_LINE_CHARS and not text.endswith(("\n", "\r")):
            self.too_long = True
            while text and not text.endswith(("\n", "\r")):  # skip the rest of the line
                text = self._stream.readline(MAX_LINE_CHARS + 1)
            return "\n"
        return text


@attrs.frozen(kw_only=True)
class EventRow:
    """One valid row: the event and the line it came from."""

    line: int
    event: SubjectEvent


class EventsReader:
    """Iterate the valid rows of an events CSV stream (see the module docstring)."""

    def __init__(
        self,
        stream: IO[str],
        *,
        source: str | None = None,
        as_of: date | None = None,
        known_kinds: Collection[str] | None = None,
        skip_invalid: bool = False,
    ) -> None:
        self._stream = stream
        self.source = source
        self.as_of = as_of
        self.known_kinds = None if known_kinds is None else frozenset(known_kinds)
        self.skip_invalid = skip_invalid
        self.skipped: list[Problem] = []
        self.skipped_count = 0
        self.rows_read = 0

    def _fail(self, line: int, message: str) -> None:
        problem = Problem(location=f"line {line}", message=message)
        if not self.skip_invalid:
            raise InputError([problem], source=self.source)
        self.skipped_count += 1
        if len(self.skipped) < MAX_SKIPPED_KEPT:
            self.skipped.append(problem)

    def _header(
        self, reader: Iterator[list[str]], lines: _Lines
    ) -> tuple[int, int, int, int | None]:
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(
                [
                    Problem(
                        location="line 1",
                        message="empty file: expected a header line "
                        f"{','.join(REQUIRED_EVENT_COLUMNS)}[,details]",
                    )
                ],
                source=self.source,
            ) from None
        if lines.spilled or lines.too_long:
            raise InputError(
                [Problem(location="line 1", message="the header line has an unclosed quote "
                         f"or is longer than {MAX_LINE_CHARS:,} characters")],
                source=self.source,
            )
        if _UNDECODABLE.search("".join(header)):
            raise InputError([Problem(location="line 1", message="not UTF-8")], source=self.source)
        names = [name.strip().lower() for name in header]
        problems = [
            Problem(
                location="line 1",
                message=f"unknown column {name!r} (expected {', '.join(EVENT_COLUMNS)})",
            )
            for name in names
            if name not in EVENT_COLUMNS
        ]
        problems.extend(
            Problem(location="line 1", message=f"duplicate column {name!r}")
            for name in sorted({n for n in names if names.count(n) > 1})
        )
        problems.extend(
            Problem(location="line 1", message=f"missing column {name!r}")
            for name in REQUIRED_EVENT_COLUMNS
            if name not in names
        )
        if problems:
            raise InputError(problems, source=self.source)
        details = names.index("details") if "details" in names else None
        return names.index("subject"), names.index("event"), names.index("date"), details

    def __iter__(self) -> Iterator[EventRow]:
        lines = _Lines(self._stream)
        reader = csv.reader(lines)
        try:
            subject_at, kind_at, date_at, details_at = self._header(reader, lines)
            width = 3 + (details_at is not None)
            while True:
                lines.next_row()
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    self._fail(lines.line, f"malformed CSV: {exc}")
                    continue
                line = lines.line
                if lines.too_long:
                    self._fail(line, f"the line is longer than {MAX_LINE_CHARS:,} characters")
                    continue
                if lines.spilled:
                    self._fail(
                        line,
                        "a quoted field opened on this line is not closed on it "
                        "(a field cannot span lines; is a closing quote missing?)",
                    )
                    continue
                if not fields:
                    continue  # blank line
                row = self._row(line, fields, width, subject_at, kind_at, date_at, details_at)
                if row is not None:
                    self.rows_read += 1
                    yield row
        except UnicodeDecodeError as exc:
            raise InputError(
                [Problem(location=f"line {lines.line + 1}", message=f"not UTF-8: {exc}")],
                source=self.source,
            ) from exc

    def _row(
        self,
        line: int,
        fields: list[str],
        width: int,
        subject_at: int,
        kind_at: int,
        date_at: int,
        details_at: int | None,
    ) -> EventRow | None:
        if len(fields) != width:
            self._fail(line, f"{len(fields)} fields, expected {width} as in the header")
            return None
        joined = "".join(fields)
        if not joined.isascii() and _UNDECODABLE.search(joined):
            self._fail(line, "not UTF-8")
            return None
        subject = fields[subject_at].strip()
        if not subject.isprintable():
            # A newline, tab, ESC or bidi override in a key could forge report lines.
            self._fail(line, f"subject key {shown(subject)} contains a control or unprintable "
                       "character")
            return None
        kind = fields[kind_at].strip()
        text = fields[date_at].strip()
        details = fields[details_at].strip() or None if details_at is not None else None
        try:
            # fromisoformat alone also accepts 20210615 and week dates (2021-W24-2).
            if not _ISO_DATE.fullmatch(text):
                raise ValueError(text)
            day = date.fromisoformat(text)
        except ValueError:
            self._fail(line, f"{text!r} is not a date (expected YYYY-MM-DD)")
            return None
        if self.as_of is not None and day > self.as_of:
            self._fail(line, f"event date {day} is after the evaluation date {self.as_of}")
            return None
        if self.known_kinds is not None and kind not in self.known_kinds:
            self._fail(
                line,
                f"event kind {kind!r} is not one any retention rule knows "
                f"(known: {', '.join(sorted(self.known_kinds))})",
            )
            return None
        try:
            event = SubjectEvent(subject=subject, kind=kind, on=day, details=details)
        except (TypeError, ValueError) as exc:
            self._fail(line, str(exc))
            return None
        return EventRow(line=line, event=event)


def open_events(path: str | Path) -> IO[str]:
    """Open an events CSV for :class:`EventsReader` (UTF-8, BOM tolerated)."""
    try:
        return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        raise InputError(
            [Problem(location="", message=f"cannot read: {exc.strerror or exc}")],
            source=str(path),
        ) from exc
