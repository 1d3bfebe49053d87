"""Argument types and helpers shared by commands (the CLI is the edge that reads the clock).

Every date option goes through :func:`parse_cli_date`: ISO ``YYYY-MM-DD`` only (no compact
``20261125``, no week dates), from 1900 to 2999; options that take an instant too
(``--received``) accept an ISO date-time with a UTC offset.
"""

from __future__ import annotations

import argparse
import contextlib
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime

from gdpr_register._text import shown

__all__ = [
    "DEFAULT_ZONE",
    "EARLIEST",
    "LATEST",
    "MAX_BYTES_CEILING",
    "MAX_INDENT",
    "add_as_of",
    "add_max_bytes",
    "byte_size",
    "date_arg",
    "date_or_datetime_arg",
    "flag_locations",
    "indent_arg",
    "max_bytes",
    "parse_cli_date",
    "subject_arg",
    "today",
]

DEFAULT_ZONE = "Europe/Helsinki"


# Dates outside this range are almost certainly typos, and keeping them here leaves room for
# retention periods of up to 1000 years (the model's limit) inside Python's calendar.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
MAX_INDENT = 16

# Patterns, compiled (and kept by ``re``) when a date is first given, not by every run.
_DATE = r"\d{4}-\d{2}-\d{2}"
_DATETIME = (
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?P<offset>Z|[+-]\d{2}:?\d{2})?"
)


def parse_cli_date(value: str, *, instant: bool = False) -> date | datetime:
    """The one parser of command-line dates; ``instant`` also allows an aware date-time.

    Raises ``argparse.ArgumentTypeError`` (exit code 2, the flag named by argparse).
    """
    text = value.strip()
    expected = "YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM" if instant else "YYYY-MM-DD"
    parsed: date | datetime
    try:
        if re.fullmatch(_DATE, text):
            parsed = date.fromisoformat(text)
        elif instant and (match := re.fullmatch(_DATETIME, text)):
            if match.group("offset") is None:
                raise argparse.ArgumentTypeError(
                    f"{shown(value)} has no UTC offset: add one (e.g. +02:00 or Z), or give "
                    "the controller's local date as YYYY-MM-DD"
                )
            parsed = datetime.fromisoformat(text)
        else:
            raise ValueError(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{shown(value)} is not a date in the format {expected}"
        ) from None
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(
            f"{shown(value)} is outside the supported range {EARLIEST} to {LATEST}"
        )
    return parsed


def date_arg(value: str) -> date:
    """An ISO ``YYYY-MM-DD`` date from 1900 to 2999 for argparse (errors become exit code 2)."""
    day = parse_cli_date(value)
    assert not isinstance(day, datetime)
    return day


def date_or_datetime_arg(value: str) -> date | datetime:
    """A date, or an ISO date-time with a UTC offset (``--received``)."""
    return parse_cli_date(value, instant=True)


def indent_arg(value: str) -> int:
    """An indentation width from 0 to :data:`MAX_INDENT`."""
    if not value.isascii() or not value.strip().isdigit() or int(value) > MAX_INDENT:
        raise argparse.ArgumentTypeError(
            f"{shown(value)} is not a whole number from 0 to {MAX_INDENT}"
        )
    return int(value)


def subject_arg(value: str) -> str:
    """A subject key as events files hold it: stripped, no control or unprintable character."""
    key = value.strip()
    if not key or len(key) > 1000:
        raise argparse.ArgumentTypeError("a subject key must be 1 to 1000 characters")
    if not key.isprintable():
        raise argparse.ArgumentTypeError(
            f"subject key {shown(key)} contains a control or unprintable character"
        )
    return key


def _flag_for(location: str, flags: Mapping[str, str]) -> str | None:
    # "request.purposes[1]" is the second --purpose: the flag names it, the message says which.
    base = location.split("[", 1)[0]
    return flags.get(location) or flags.get(base)


@contextlib.contextmanager
def flag_locations(flags: Mapping[str, str]) -> Iterator[None]:
    """Name command-line flags, not the library's parameters, in errors from the block:
    a problem located ``pause.requested`` is reported at ``--identity-requested``."""
    from gdpr_register.errors import InputError, Problem

    try:
        yield
    except InputError as exc:
        if not any(_flag_for(p.location, flags) for p in exc.problems):
            raise
        problems = [Problem(location=_flag_for(p.location, flags) or p.location,
                            message=p.message)
                    for p in exc.problems]
        raise type(exc)(problems, source=exc.source) from exc


def today(zone: str = DEFAULT_ZONE) -> date:
    """Today's date in ``zone`` (the controller's), as a stdlib date."""
    # zoneinfo, not pendulum: reading the date needs no calendar arithmetic, and importing
    # pendulum would cost every command run without --as-of a noticeable part of its start.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(zone)).date()


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="evaluate the law as it stood on this date (default: the configuration's as-of, "
        "else today in its timezone, Europe/Helsinki unless set)",
    )


# A document is held in memory several times over while it is parsed and structured (about
# 10-20x its size for YAML): past this a run would exhaust an ordinary machine's memory.
MAX_BYTES_CEILING = 1024**3
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def byte_size(value: str) -> int:
    """A size in bytes for argparse: ``50000000``, ``64K``, ``64M``, ``1G`` (binary units)."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    unit = text[-1:] if text[-1:] in _UNITS else ""
    digits = text[: len(text) - len(unit)]
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a size (expected bytes, or a number with K, M or G)"
        )
    size = int(digits) * _UNITS[unit]
    if not 1 <= size <= MAX_BYTES_CEILING:
        raise argparse.ArgumentTypeError(f"{value} is outside 1 byte to 1G")
    return size


def add_max_bytes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-bytes",
        type=byte_size,
        default=None,
        metavar="SIZE",
        help="refuse notice documents larger than this (bytes, or with K, M, G; "
        "default 16M, at most 1G)",
    )


def max_bytes(args: argparse.Namespace) -> int:
    """The document size limit the command was given, or the library's default."""
    given: int | None = getattr(args, "max_bytes", None)
    if given is not None:
        return given
    from gdpr_register.documents.io import DEFAULT_MAX_BYTES

    return DEFAULT_MAX_BYTES
