"""The one way user text is shown in messages and text output: escaped and cut.

A subject key, a file name or a value from a document may hold a newline, an ANSI escape
sequence or a right-to-left override; printed raw, it could forge a report line or hide
text. :func:`shown` escapes every character that is not printable (``str.isprintable``,
which keeps letters of every script and the ASCII space) the way ``repr`` does, and cuts a
long value in the middle so a five-million-character id cannot fill a terminal.
"""

from __future__ import annotations

__all__ = ["MAX_SHOWN", "cut", "shown", "shown_lines", "spreadsheet_safe"]

MAX_SHOWN = 300  # characters of one value in a message; a message line is cut at 4x this

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _escaped(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _split(length: int, limit: int) -> tuple[int, int]:
    keep = max(limit - 40, 2)  # room for the "[N characters cut]" marker
    return keep * 2 // 3, keep - keep * 2 // 3


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """``text``, or its head and tail with the number of characters left out between them."""
    if len(text) <= limit:
        return text
    head, tail = _split(len(text), limit)
    return f"{text[:head]}…[{len(text) - head - tail:,} characters cut]…{text[-tail:]}"


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """One value as it is safe to print on one line: unprintables escaped, cut if long."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return _escaped(text)
    head, tail = _split(len(text), limit)
    return (
        f"{_escaped(text[:head])}…[{len(text) - head - tail:,} characters cut]…"
        f"{_escaped(text[-tail:])}"
    )


def shown_lines(text: str, limit: int = MAX_SHOWN * 4) -> str:
    """A message of several lines: each line escaped and cut, the line breaks kept."""
    return "\n".join(shown(line, limit) for line in text.split("\n"))


# OWASP "CSV Injection": a cell starting with one of these is read as a formula (or, after a
# tab or carriage return, may become one) by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell a spreadsheet will not run: a leading ``= + - @``, tab or carriage return
    gets a ``'`` in front, as OWASP recommends; other values are unchanged."""
    return "'" + value if value.startswith(_FORMULA_START) else value
