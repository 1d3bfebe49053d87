"""``gdpr-register validate FILE...``: load documents and report structural errors."""

from __future__ import annotations

import argparse
import sys

from gdpr_register.cli._common import add_max_bytes, max_bytes

NAME = "validate"
HELP = "check that notice documents are well-formed (structure, types, references)"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register validate notice.yaml',
     'report structural errors with their paths; exit 2 on any'),
    ('gdpr-register validate notices/a.yaml notices/b.json',
     'several documents, each in its own format'),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="notice documents (.yaml, .json, .toml)"
    )
    parser.add_argument(
        "--format",
        choices=("yaml", "json", "toml"),
        default=None,
        help="document format (default: from each file's suffix)",
    )
    add_max_bytes(parser)


def run(args: argparse.Namespace) -> int:
    from gdpr_register._text import shown, shown_lines
    from gdpr_register.cli import EXIT_OK, EXIT_USAGE
    from gdpr_register.documents import load_notice
    from gdpr_register.errors import DocumentError

    failed = 0
    for path in args.files:
        try:
            notice = load_notice(path, args.format, max_bytes=max_bytes(args))
        except DocumentError as exc:
            failed += 1
            print(f"gdpr-register: error: {shown_lines(str(exc))}", file=sys.stderr)
            continue
        registers = len(notice.registers)
        print(
            f"{shown(path)}: ok ({shown(notice.controller.name)}, "
            f"{registers} register{'s' * (registers != 1)})"
        )
    return EXIT_USAGE if failed else EXIT_OK
