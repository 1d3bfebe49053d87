"""``gdpr-register import FILE --format F -o notice.yaml``: another tool's file as a notice."""

from __future__ import annotations

import argparse
import sys

from gdpr_register.cli._common import add_max_bytes, max_bytes

NAME = "import"
HELP = "read a file in another tool's format (an Art. 30 record spreadsheet, fideslang) as a notice"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register import record.xlsx --format ropa-xlsx -o notice.yaml',
     'an Art. 30 record spreadsheet as a notice document'),
    ('gdpr-register import dataset.yml --format fideslang -o notice.yaml',
     'a fideslang system description as a notice document'),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="FILE", nargs="?", help="the file to read")
    parser.add_argument("--format", metavar="FORMAT",
                        help="the input format (see --list and docs/interop.md)")
    parser.add_argument("--list", action="store_true",
                        help="list the formats, what each can do and its file suffix, and exit")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="the notice document to write; its suffix (.yaml, .json, .toml) "
                        "chooses the format (default: YAML on standard output)")
    add_max_bytes(parser)


def run(args: argparse.Namespace) -> int:
    from gdpr_register._text import shown
    from gdpr_register.cli._output import is_stdout, write_output
    from gdpr_register.cli.commands.export import list_formats
    from gdpr_register.documents import Format, dumps_notice
    from gdpr_register.errors import UsageError
    from gdpr_register.interop import import_notice

    if args.list:
        return list_formats()
    if args.source is None or args.format is None:
        raise UsageError("import needs FILE and --format FORMAT (formats: import --list)")
    # The output format is settled before reading, so a wrong suffix writes nothing.
    fmt = Format.YAML if is_stdout(args.output) else Format.for_path(args.output)
    imported = import_notice(args.source, args.format, max_bytes=max_bytes(args))
    text = dumps_notice(imported.notice, fmt)
    for note in imported.notes:
        print(f"gdpr-register: note: {shown(note.where)}: {shown(note.message)}", file=sys.stderr)
    write_output(args.output, text)
    return 0
