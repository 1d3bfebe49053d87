"""``gdpr-register schema``: print the JSON Schema of notice documents (for editors)."""

from __future__ import annotations

import argparse
import json

NAME = "schema"
HELP = "print the JSON Schema of notice documents, for editor completion and checks"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register schema -o notice.schema.json',
     'the JSON Schema for editor completion'),
    ('gdpr-register schema --indent 0',
     'compact, on standard output'),
)


def configure(parser: argparse.ArgumentParser) -> None:
    from gdpr_register.cli._common import MAX_INDENT, indent_arg
    from gdpr_register.cli._output import add_output

    parser.add_argument("--indent", type=indent_arg, default=2, metavar="N",
                        help=f"indentation, 0 to {MAX_INDENT} (default: 2)")
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    from gdpr_register.documents.schema import notice_schema

    print(json.dumps(notice_schema(), indent=args.indent, ensure_ascii=False))
    return 0
