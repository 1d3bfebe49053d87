"""``gdpr-register export NOTICE --format F``: a notice in another tool's format."""

from __future__ import annotations

import argparse
import sys

from gdpr_register.cli._common import add_max_bytes, max_bytes

NAME = "export"
HELP = "write a notice in another tool's format (W3C DPV, Art. 30 record spreadsheets, fideslang)"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register export notice.yaml --format dpv -o notice.jsonld',
     'the notice in the W3C Data Privacy Vocabulary'),
    ('gdpr-register export notice.yaml --format ropa-xlsx -o record.xlsx',
     'an Art. 30 record of processing activities'),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notice", metavar="NOTICE", help="a notice document (.yaml, .json, .toml)")
    # A plain string, checked in run(): listing the choices here would import every format.
    parser.add_argument("--format", required=True, metavar="FORMAT",
                        help="the output format (see docs/interop.md)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE (default: standard output)")
    parser.add_argument("--lang", default="en", metavar="LANG",
                        help="language of headings and labels where the format has them "
                        "(default: en)")
    add_max_bytes(parser)


def run(args: argparse.Namespace) -> int:
    from gdpr_register.cli._output import is_stdout, write_output
    from gdpr_register.documents import load_notice
    from gdpr_register.errors import UsageError
    from gdpr_register.interop import export_notice, find_format

    fmt = find_format(args.format, can="export")
    if fmt.binary and is_stdout(args.output) and sys.stdout.isatty():
        raise UsageError(f"{fmt.name} is a binary format: name a file with -o")
    notice = load_notice(args.notice, max_bytes=max_bytes(args))
    write_output(args.output, export_notice(notice, fmt.name, lang=args.lang))
    return 0
