"""``gdpr-register completion bash|zsh|fish``: a shell completion script, from the parser."""

from __future__ import annotations

import argparse

NAME = "completion"
HELP = "print a shell completion script (bash, zsh or fish) generated from the command line"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register completion bash > ~/.local/share/bash-completion/completions/gdpr-register',
     'install bash completion'),
    ('gdpr-register completion fish -o ~/.config/fish/completions/gdpr-register.fish',
     'install fish completion'),
)

SHELLS = ("bash", "zsh", "fish")
# Arguments that name files: the script completes file names for them.
_FILE_METAVARS = {"FILE", "NOTICE", "CSV"}


def configure(parser: argparse.ArgumentParser) -> None:
    from gdpr_register.cli._output import add_output

    parser.add_argument("shell", choices=SHELLS, metavar="SHELL",
                        help="the shell: " + ", ".join(SHELLS))
    add_output(parser)


def _mark_files(parser: argparse.ArgumentParser, files: object) -> None:
    for action in parser._actions:
        if action.metavar in _FILE_METAVARS or action.dest in ("events", "subject_events"):
            action.complete = files  # type: ignore[attr-defined]  # read by shtab
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark_files(sub, files)


def run(args: argparse.Namespace) -> int:
    import shtab

    from gdpr_register.cli import EXIT_OK, build_parser

    parser = build_parser()  # every command, with its options
    _mark_files(parser, shtab.FILE)
    print(shtab.complete(parser, shell=args.shell), end="")
    return EXIT_OK
