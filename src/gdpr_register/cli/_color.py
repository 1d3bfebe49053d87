"""Colour in text output: ``--color auto|always|never``, ``NO_COLOR`` and ``FORCE_COLOR``.

``auto`` (the default) colours only a terminal: never a pipe or a file, never when
``NO_COLOR`` is set (https://no-color.org), never on ``TERM=dumb``; ``FORCE_COLOR`` colours
standard output even when it is not a terminal (CI logs). ``NO_COLOR`` wins over
``FORCE_COLOR``; the flag's ``always`` and ``never`` win over both.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping

__all__ = ["CHOICES", "Paint", "add_color", "painter", "use_color"]

CHOICES = ("auto", "always", "never")

Paint = Callable[[str, str], str]

# SGR codes: severities from alarming to quiet, the rule id bold.
_STYLES = {
    "high": "1;31",
    "medium": "33",
    "low": "36",
    "info": "2",
    "rule": "1",
    "waived": "2",
}


def add_color(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color", choices=CHOICES, default="auto",
        help="colour the text output: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR "
        "forces it), always or never (default: auto)",
    )


def use_color(choice: str, *, to_stdout: bool = True,
              environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour: ``choice`` from ``--color``; ``to_stdout`` False for ``-o FILE``."""
    if choice == "always":
        return True
    if choice == "never" or not to_stdout:
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def _paint(text: str, style: str) -> str:
    code = _STYLES.get(style)
    return f"\x1b[{code}m{text}\x1b[0m" if code else text


def _plain(text: str, style: str) -> str:
    return text


def painter(args: argparse.Namespace) -> Paint:
    """The colouring function for a run: ``paint(text, style)``, or one that leaves text alone."""
    from gdpr_register.cli._output import is_stdout

    on = use_color(getattr(args, "color", "never"),
                   to_stdout=is_stdout(getattr(args, "output", None)))
    return _paint if on else _plain
