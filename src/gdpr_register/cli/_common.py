"""Argument types and helpers shared by commands (the CLI is the edge that reads the clock)."""

from __future__ import annotations

import argparse
from datetime import date

from gdpr_register.model.values import to_date

__all__ = ["DEFAULT_ZONE", "EARLIEST", "LATEST", "add_as_of", "date_arg", "today"]

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
