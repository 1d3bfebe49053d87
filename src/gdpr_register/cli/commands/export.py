"""``gdpr-register export NOTICE --format F``: a notice in another tool's format."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from gdpr_register.cli._common import add_max_bytes, max_bytes

if TYPE_CHECKING:
    from gdpr_register.interop import InteropFormat

NAME = "export"
HELP = "write a notice in another tool's format (W3C DPV, Art. 30 record spreadsheets, fideslang)"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register export notice.yaml --format dpv -o notice.jsonld',
     'the notice in the W3C Data Privacy Vocabulary'),
    ('gdpr-register export notice.yaml --format ropa-xlsx -o record.xlsx',
     'an Art. 30 record of processing activities'),
    ('gdpr-register export --list', 'the formats, what each can do and its file suffix'),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notice", metavar="NOTICE", nargs="?",
                        help="a notice document (.yaml, .json, .toml)")
    # A plain string, checked in run(): listing the choices here would import every format.
    parser.add_argument("--format", metavar="FORMAT",
                        help="the output format (see --list and docs/interop.md)")
    parser.add_argument("--list", action="store_true",
                        help="list the formats, what each can do and its file suffix, and exit")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE (default: standard output)")
    parser.add_argument("--lang", default=None, metavar="LANG",
                        help="language of headings and labels where the format has them: "
                        "fi, sv, en (default: the notice's language, else en)")
    add_max_bytes(parser)


def list_formats() -> int:
    """Print one line per interop format: name, export/import, suffix, summary."""
    from gdpr_register._text import shown
    from gdpr_register.interop import formats

    for name, fmt in sorted(formats().items()):
        can = "/".join(w for w, f in (("export", fmt.export), ("import", fmt.import_)) if f)
        print(f"{shown(name)}\t{can}\t{shown(fmt.suffix)}\t{shown(fmt.summary)}")
    return 0


def export_format(name: str, output: str | None) -> InteropFormat:
    """The export format ``name``, checked against where its output goes (before any input
    is read): a binary format is refused on a terminal."""
    from gdpr_register.cli._output import is_stdout
    from gdpr_register.errors import UsageError
    from gdpr_register.interop import find_format

    fmt = find_format(name, can="export")
    if fmt.binary and is_stdout(output) and sys.stdout.isatty():
        raise UsageError(f"{fmt.name} is a binary format: name a file with -o")
    return fmt


def run(args: argparse.Namespace) -> int:
    from gdpr_register.cli._output import write_output
    from gdpr_register.documents import load_notice
    from gdpr_register.errors import UsageError
    from gdpr_register.interop import export_notice

    if args.list:
        return list_formats()
    if args.notice is None or args.format is None:
        raise UsageError("export needs NOTICE and --format FORMAT (formats: export --list)")
    fmt = export_format(args.format, args.output)
    notice = load_notice(args.notice, max_bytes=max_bytes(args))
    write_output(args.output, export_notice(notice, fmt.name, lang=args.lang))
    return 0
