"""Argument types and helpers shared by commands (the CLI is the edge that reads the clock)."""

from __future__ import annotations

import argparse
from datetime import date

__all__ = ["DEFAULT_ZONE", "add_as_of", "date_arg", "today"]

DEFAULT_ZONE = "Europe/Helsinki"


def date_arg(value: str) -> date:
    """An ISO ``YYYY-MM-DD`` date for argparse (errors become exit code 2)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def today(zone: str = DEFAULT_ZONE) -> date:
    """Today's date in ``zone`` (the controller's), as a stdlib date."""
    import pendulum

    now = pendulum.now(zone)
    return date(now.year, now.month, now.day)


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="evaluate the law as it stood on this date (default: today in Europe/Helsinki)",
    )
