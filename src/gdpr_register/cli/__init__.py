"""The ``gdpr-register`` command line.

Each subcommand is a module in :mod:`gdpr_register.cli.commands` exposing ``NAME``, ``HELP``,
``configure(parser)`` and ``run(args) -> int``; they are discovered, so adding a command never
touches this file. Commands import what they need inside ``run`` to keep start-up fast.

Exit codes: 0 success, 1 findings (for commands that report findings), 2 bad input, usage or
a failed output; 141 when the reader of standard output went away (a closed pipe).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import sys
from collections.abc import Sequence

from gdpr_register._version import __version__
from gdpr_register.errors import GdprRegisterError

__all__ = ["EXAMPLES", "EXIT_FINDINGS", "EXIT_OK", "EXIT_PIPE", "EXIT_USAGE", "build_parser",
           "console", "epilog", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe


#: The examples ending ``gdpr-register --help``; each command has its own ``EXAMPLES``.
EXAMPLES = (
    ("gdpr-register check notices/*.yaml", "check notices against the rules (exit 1 on findings)"),
    ("gdpr-register retention notice.yaml --events events.csv",
     "who is due for erasure today"),
    ("gdpr-register deadline --received 2026-11-25",
     "when a data-subject request must be answered"),
)


def epilog(examples: Sequence[tuple[str, str]]) -> str | None:
    """The ``examples:`` section of a help text: each command line, then what it does."""
    if not examples:
        return None
    return "examples:\n" + "\n".join(f"  {line}\n      {what}" for line, what in examples)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, reading the terminal's width as ``shutil.get_terminal_size``
    does, without importing shutil: argparse makes a formatter for every option it adds,
    and importing shutil (which imports bz2, lzma and zlib) was a third of the parser's cost
    in every run."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:
            width = _columns() - 2  # as argparse does
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command; with ``only``, that command alone is imported and
    configured (the others are left out), which is all a run of it needs."""
    from gdpr_register.cli import commands

    parser = argparse.ArgumentParser(
        prog="gdpr-register",
        description="Check, plan and query GDPR personal-data registers.",
        epilog=epilog(EXAMPLES),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in commands.module_names():
        if name.startswith("_"):
            continue
        if only is not None and name != only:
            # Never chosen: the run names another command. Not even listed: each parser
            # argparse makes looks up its translations on disk (four file checks per text).
            continue
        module = importlib.import_module(f"{commands.__name__}.{name}")
        if only is not None and only != module.NAME:
            return build_parser()  # a command named unlike its module: look at them all
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP,
                                 epilog=epilog(getattr(module, "EXAMPLES", ())),
                                 formatter_class=_Formatter)
        module.configure(command)
        command.set_defaults(_run=module.run)
    return parser


def _error(message: str) -> None:
    from gdpr_register._text import shown_lines

    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):  # stderr full or closed: nowhere to say it
            print(f"gdpr-register: error: {shown_lines(message)}", file=sys.stderr)


def _stdout_open() -> bool:
    if sys.stdout is None:  # Python started with descriptor 1 closed
        return False
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return True  # not a real file (tests capture it)
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _working_directory_exists() -> bool:
    try:
        os.getcwd()
    except OSError:
        return False
    return True


def _command_of(argv: Sequence[str]) -> str | None:
    """The command a run names first, when nothing before it could print the full help."""
    from gdpr_register.cli import commands

    if not argv or argv[0].startswith("-"):
        return None  # --help, --version or a mistake: build everything
    name = argv[0]
    return name if name in commands.module_names() and not name.startswith("_") else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (see the module docstring).

    Failures end in one line on stderr and exit code 2: bad input, a store error, a failed
    write to standard output. A closed pipe (``| head``) ends quietly with 141, as a tool
    killed by SIGPIPE does.
    """
    from gdpr_register.cli._output import discard_stdout, guarded_stdout

    for stream in (sys.stdout, sys.stderr):
        # A file name that is not valid UTF-8 must not crash the report that names it.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    if not _stdout_open():  # `>&-`: the command could act but never report
        _error("standard output is closed; nothing was done")
        return EXIT_USAGE
    with guarded_stdout() as guard:
        try:
            try:
                arguments = sys.argv[1:] if argv is None else list(argv)
                args = build_parser(_command_of(arguments)).parse_args(arguments)
            except SystemExit:
                sys.stdout.flush()  # --help and --version print before exiting
                raise
            if not _working_directory_exists():
                # Relative paths (and the default store) cannot be resolved: refuse them all
                # rather than fail half-way through.
                _error("the working directory no longer exists; change to one that does")
                return EXIT_USAGE
            if getattr(args, "_collect_output", False):  # commands with add_output
                from gdpr_register.cli._output import output_to

                with output_to(args.output):
                    code: int = args._run(args)
            else:
                code = args._run(args)
            sys.stdout.flush()
        except GdprRegisterError as exc:
            if guard.failure is not None:
                discard_stdout()
                if guard.failure.errno == errno.EPIPE:
                    return EXIT_PIPE
            _error(str(exc))
            return EXIT_USAGE
        except KeyboardInterrupt:
            return 130
    return code


def console() -> None:
    """The ``gdpr-register`` program (and ``python -m gdpr_register.cli``): :func:`main` in a
    process of its own, which it ends with main's exit code.

    Two costs a short run pays for nothing, as mypy avoids them too: the garbage collector
    sweeping the objects that importing the model and the rules makes (modules, classes and
    functions, none of them garbage) every 700 allocations, and the interpreter's tear-down
    freeing every object one by one at exit. The first collection waits for 50,000 new
    objects instead (long runs still collect, as often as a long run needs); once the output
    is flushed and the exit handlers have run, the process ends without the tear-down. If
    anything is left to do (a flush that fails, another thread still running), it exits the
    ordinary way.
    """
    import gc

    gc.set_threshold(50_000, 10, 10)
    code = main()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)  # the interpreter reports it, as it always has
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    console()
