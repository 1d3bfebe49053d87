"""Argument types and helpers shared by commands (the CLI is the edge that reads the clock)."""

from __future__ import annotations

import argparse
from datetime import date

from gdpr_register.model.values import to_date

__all__ = [
    "DEFAULT_ZONE",
    "EARLIEST",
    "LATEST",
    "MAX_BYTES_CEILING",
    "add_as_of",
    "add_max_bytes",
    "byte_size",
    "date_arg",
    "max_bytes",
    "today",
]

DEFAULT_ZONE = "Europe/Helsinki"


# Dates outside this range are almost certainly typos, and keeping them here leaves room for
# retention periods of up to 1000 years (the model's limit) inside Python's calendar.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def date_arg(value: str) -> date:
    """An ISO ``YYYY-MM-DD`` date from 1900 to 2999 for argparse (errors become exit code 2)."""
    try:
        day = to_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None
    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(
            f"{value} is outside the supported range {EARLIEST} to {LATEST}"
        )
    return day


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
        help="evaluate the law as it stood on this date (default: today in Europe/Helsinki)",
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
