"""The ``gdpr-register`` command line.

Each subcommand is a module in :mod:`gdpr_register.cli.commands` exposing ``NAME``, ``HELP``,
``configure(parser)`` and ``run(args) -> int``; they are discovered, so adding a command never
touches this file. Commands import what they need inside ``run`` to keep start-up fast.

Exit codes: 0 success, 1 findings (for commands that report findings), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from gdpr_register._version import __version__
from gdpr_register.errors import GdprRegisterError

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command; with ``only``, that command alone is imported and
    configured (the others are listed by name), which is all a run of it needs."""
    from gdpr_register.cli import commands

    parser = argparse.ArgumentParser(
        prog="gdpr-register",
        description="Check, plan and query GDPR personal-data registers.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        if only is not None and info.name != only:
            sub.add_parser(info.name)  # never chosen: the run names another command
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if only is not None and only != module.NAME:
            return build_parser()  # a command named unlike its module: look at them all
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(command)
        command.set_defaults(_run=module.run)
    return parser


def _command_of(argv: Sequence[str]) -> str | None:
    """The command a run names first, when nothing before it could print the full help."""
    from gdpr_register.cli import commands

    if not argv or argv[0].startswith("-"):
        return None  # --help, --version or a mistake: build everything
    name = argv[0]
    names = {info.name for info in pkgutil.iter_modules(commands.__path__)}
    return name if name in names and not name.startswith("_") else None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not valid UTF-8 must not crash the report that names it.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_of(arguments))
    args = parser.parse_args(arguments)
    try:
        code: int = args._run(args)
    except GdprRegisterError as exc:
        print(f"gdpr-register: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
