"""``gdpr-register store import|export|history|diff``: notices in a store, with versions."""

from __future__ import annotations

import argparse
import json
import sys

from gdpr_register._text import shown, shown_lines
from gdpr_register.cli._common import add_max_bytes, date_arg, max_bytes
from gdpr_register.cli._output import add_output
from gdpr_register.cli._store import add_store, expected_version, version_number

NAME = "store"
HELP = "keep notices in a store: import documents, export versions, show history and diffs"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register store import notices/*.yaml --store sqlite:///registers.db',
     'save each document as the next version of its notice'),
    ('gdpr-register store history valmennuskumppani',
     'the versions of a notice in the default store'),
    ('gdpr-register store diff valmennuskumppani 1 2 --format json',
     'what changed between two versions'),
)


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", help="save notice documents as new versions",
                         description="Save each document as the next version of its notice, "
                         "all in one transaction: if one document is invalid or one save "
                         "conflicts, nothing is saved.")
    imp.add_argument("files", nargs="+", metavar="FILE", help="notice documents")
    add_max_bytes(imp)
    imp.add_argument("--format", choices=("yaml", "json", "toml"), default=None,
                     help="document format (default: from each file's suffix)")
    imp.add_argument("--expected-version", type=expected_version, default=None, metavar="N",
                     help="refuse to save unless each notice's latest version is N (0: new)")
    add_store(imp)

    exp = sub.add_parser("export", help="write a stored notice as a document")
    exp.add_argument("notice_id", metavar="NOTICE_ID")
    exp.add_argument("--version", type=version_number, default=None, metavar="N",
                     help="the version to export (default: the latest)")
    exp.add_argument("--format", default=None, metavar="FORMAT",
                     help="yaml, json or toml, or an interop format such as ropa-xlsx "
                     "(gdpr-register export --list; default: from --output's suffix, else yaml)")
    exp.add_argument("--lang", default=None, metavar="LANG",
                     help="language of an interop format's headings: fi, sv, en (default: "
                     "the notice's language, else en)")
    exp.add_argument("-o", "--output", default=None, metavar="FILE",
                     help="write to FILE atomically ('-' or default: standard output)")
    add_store(exp)

    events = sub.add_parser(
        "append-events", help="append subject events from a CSV to the ledger",
        description="Append every event of an events CSV (subject,event,date[,details] with a "
        "header line) to the store's ledger in one transaction: a bad line stores nothing. "
        "Read and checked as retention --events reads it; an event after --as-of is refused.")
    events.add_argument("file", metavar="FILE",
                        help="events CSV ('-': standard input; a pipe or FIFO is read once)")
    events.add_argument("--as-of", type=date_arg, default=None, metavar="YYYY-MM-DD",
                        help="refuse events dated after this day (default: today in "
                        "Europe/Helsinki)")
    add_store(events)

    hist = sub.add_parser("history", help="list a notice's versions with their times")
    hist.add_argument("notice_id", metavar="NOTICE_ID")
    hist.add_argument("--format", choices=("text", "json"), default="text")
    add_output(hist)
    add_store(hist)

    diff = sub.add_parser("diff", help="structural changes between two versions")
    diff.add_argument("notice_id", metavar="NOTICE_ID")
    diff.add_argument("v1", type=version_number, metavar="V1")
    diff.add_argument("v2", type=version_number, metavar="V2")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    add_output(diff)
    add_store(diff)


def run(args: argparse.Namespace) -> int:
    from gdpr_register.cli._store import open_cli_store

    if args.store_command == "import":
        return _import(args)
    if args.store_command == "append-events":
        return _append_events(args)
    with open_cli_store(args) as store:
        if args.store_command == "export":
            return _export(args, store)
        if args.store_command == "history":
            return _history(args, store)
        return _diff(args, store)


def _import(args: argparse.Namespace) -> int:
    from gdpr_register.cli import EXIT_OK, EXIT_USAGE
    from gdpr_register.cli._store import open_cli_store
    from gdpr_register.documents import load_notice
    from gdpr_register.errors import DocumentError

    notices = []
    failed = False
    for path in args.files:
        try:
            notices.append((path, load_notice(path, args.format, max_bytes=max_bytes(args))))
        except DocumentError as exc:
            failed = True
            print(f"gdpr-register: error: {shown_lines(str(exc))}", file=sys.stderr)
    if failed:
        print("gdpr-register: nothing was saved", file=sys.stderr)
        return EXIT_USAGE
    with open_cli_store(args, create=True) as store:
        # One transaction: a conflict on any notice saves none of them.
        versions = store.notices.save_all([notice for _path, notice in notices],
                                          expected_version=args.expected_version)
        for (path, notice), version in zip(notices, versions, strict=True):
            print(f"{shown(path)}: saved {shown(notice.id)} version {version} in "
                  f"{shown(store.url)}")
    return EXIT_OK


def _append_events(args: argparse.Namespace) -> int:
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.cli._config import apply
    from gdpr_register.cli._events import events_label, events_reader, open_events_stream
    from gdpr_register.cli._progress import events_are_long, progress
    from gdpr_register.cli._store import open_cli_store

    apply(args, ("timezone", "as-of"))
    as_of = args.as_of
    with open_cli_store(args, create=True) as store:
        # The one events reader (as retention --events): '-', pipes and FIFOs as streams,
        # errors at their line; append() is one transaction, so a bad line stores nothing.
        # No notice here, so any event kind that is an identifier is taken.
        with open_events_stream(args.file) as stream:
            reader = events_reader(stream, args.file, as_of=as_of, known_kinds=None)
            rows = progress(reader, long=events_are_long(args.file), description="appending",
                            unit="rows")
            count = store.ledger.append(row.event for row in rows)
        print(f"{shown(events_label(args.file))}: appended {count} events to "
              f"{shown(store.url)}")
    return EXIT_OK


def _export(args: argparse.Namespace, store: object) -> int:
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.cli._output import is_stdout, write_output
    from gdpr_register.documents import Format, dumps_notice
    from gdpr_register.storage import Store

    assert isinstance(store, Store)
    interop = args.format is not None and args.format not in {f.value for f in Format}
    if interop:  # checked before the store is read: an unknown format changes nothing
        from gdpr_register.cli.commands.export import export_format

        export_format(args.format, args.output)
    stored = store.notices.get(args.notice_id, args.version)
    if interop:
        from gdpr_register.interop import export_notice

        write_output(args.output, export_notice(stored.notice, args.format, lang=args.lang))
        return EXIT_OK
    if args.format is not None:
        fmt = Format(args.format)
    elif is_stdout(args.output):
        fmt = Format.YAML
    else:
        fmt = Format.for_path(args.output)
    # One writer: '-' is standard output, a file is replaced atomically (OutputError, exit 2).
    write_output(args.output, dumps_notice(stored.notice, fmt))
    return EXIT_OK


def _history(args: argparse.Namespace, store: object) -> int:
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.storage import Store

    assert isinstance(store, Store)
    history = store.notices.history(args.notice_id)
    if args.format == "json":
        print(json.dumps([
            {"version": v.version, "saved_at": v.saved_at.isoformat(), "digest": v.digest}
            for v in history
        ], indent=2))
    else:
        for v in history:
            print(f"{v.version}\t{v.saved_at.isoformat()}\t{shown(v.digest[:12])}")
    return EXIT_OK


def _diff(args: argparse.Namespace, store: object) -> int:
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.storage import Store

    assert isinstance(store, Store)
    changes = store.notices.diff(args.notice_id, args.v1, args.v2)
    if args.format == "json":
        print(json.dumps([
            {"kind": c.kind.value, "path": c.path, "old": c.old, "new": c.new} for c in changes
        ], indent=2, ensure_ascii=False))
    elif not changes:
        print(f"no differences between versions {args.v1} and {args.v2} of "
              f"{shown(args.notice_id)}")
    else:
        for change in changes:  # old and new values are the notice's text: shown, not raw
            print(shown(str(change), 100_000))
    return EXIT_OK
