"""``gdpr-register retention NOTICE --events FILE``: who is due for erasure or restriction."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from gdpr_register._text import MAX_SHOWN, shown, spreadsheet_safe
from gdpr_register.cli._common import add_as_of, add_max_bytes, max_bytes
from gdpr_register.cli._output import add_output
from gdpr_register.cli._store import add_store

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from typing import IO

    from gdpr_register.documents.events_csv import EventsReader
    from gdpr_register.retention import CompiledPolicy, PlanItem

NAME = "retention"
HELP = "list subjects and data categories due for erasure or restriction on a date"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register retention notice.yaml --events events.csv --as-of 2026-11-25',
     'who is due for erasure or restriction on a date'),
    ('gdpr-register retention notice.yaml --events events.csv --format csv -o due.csv',
     'the plan as CSV, for a spreadsheet or a script'),
    ('gdpr-register retention valmennuskumppani --store --register customers',
     "plan the store's ledger against a stored notice"),
)

_FIELDS = ("subject", "category", "status", "erase_by", "restricted_until", "reason")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notice", metavar="NOTICE", help="notice document (.yaml, .json, .toml)")
    parser.add_argument(
        "--events", metavar="FILE", default=None,
        help="events CSV: subject,event,date[,details] with a header line ('-': stdin); "
        "required unless --store is given (then the store's ledger is planned)",
    )
    add_store(parser, selects_notices=True)
    add_as_of(parser)
    add_max_bytes(parser)
    parser.add_argument(
        "--register", metavar="ID", default=None,
        help="the register to plan (required when the notice has several)",
    )
    parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format",
    )
    add_output(parser)
    parser.add_argument(
        "--skip-invalid", action="store_true",
        help="skip bad event lines and report them on stderr instead of failing",
    )
    parser.add_argument(
        "--all", action="store_true",
        help="list every subject and category, not only those due or restricted",
    )


def run(args: argparse.Namespace) -> int:
    from gdpr_register.cli._config import apply
    from gdpr_register.cli._events import events_reader, known_event_kinds, replayable_events
    from gdpr_register.documents import load_notice
    from gdpr_register.errors import UsageError
    from gdpr_register.retention import compile_policy

    apply(args, ("timezone", "as-of"))
    if args.store is not None:
        from gdpr_register.cli._store import load_stored_notice, open_cli_store

        with open_cli_store(args) as store:
            _source, notice = load_stored_notice(store, args.notice)
    else:
        if args.events is None:
            raise UsageError("--events FILE is required unless --store is given")
        notice = load_notice(args.notice, max_bytes=max_bytes(args))
    as_of = args.as_of
    registers = notice.registers
    if args.register is not None:
        chosen = [r for r in registers if r.id == args.register]
        if not chosen:
            ids = ", ".join(r.id for r in registers) or "none"
            raise UsageError(
                f"{shown(args.notice)}: no register {shown(args.register)} (registers: {ids})"
            )
        register = chosen[0]
    elif len(registers) == 1:
        register = registers[0]
    else:
        ids = ", ".join(r.id for r in registers) or "none"
        raise UsageError(
            f"{shown(args.notice)}: choose a register with --register (registers: {ids})"
        )
    policy = compile_policy(register, controller=notice.controller)
    if args.events is None:
        return _plan_ledger(args, as_of, register.id, policy)
    known = known_event_kinds(notice, register)

    def reader(stream: IO[str]) -> EventsReader:
        return events_reader(stream, args.events, as_of=as_of, known_kinds=known,
                             skip_invalid=args.skip_invalid)

    # Two passes need a file: standard input, a pipe or a FIFO is copied to a temporary one.
    with replayable_events(args.events) as path:
        return _plan(args, path, as_of, register.id, policy, reader)


def _plan(
    args: argparse.Namespace,
    path: str,
    as_of: date,
    register: str,
    policy: CompiledPolicy,
    reader: Callable[[IO[str]], EventsReader],
) -> int:
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.cli._progress import events_are_long, progress
    from gdpr_register.documents.events_csv import open_events
    from gdpr_register.errors import InputError, Problem
    from gdpr_register.retention import PlanStatus, group_histories, sweep

    # Pass 1 validates the whole file before anything is written (and learns whether each
    # subject's rows are adjacent, so pass 2 can stream in bounded memory).
    finished: set[str] = set()
    current: str | None = None
    contiguous = True
    long = events_are_long(path)
    rows = 0
    with open_events(path) as stream:
        check = reader(stream)
        for row in progress(check, long=long, description="checking events", unit="rows"):
            rows += 1
            subject = row.event.subject
            if subject != current:
                if current is not None:
                    finished.add(current)
                if subject in finished:
                    contiguous = False
                current = subject
    del finished
    for problem in check.skipped:
        print(f"gdpr-register: skipped {shown(check.source)}: {problem}", file=sys.stderr)
    if check.skipped_count > len(check.skipped):
        print(
            f"gdpr-register: skipped {check.skipped_count - len(check.skipped)} more lines",
            file=sys.stderr,
        )
    statuses = tuple(PlanStatus) if args.all else (PlanStatus.DUE, PlanStatus.RESTRICTED)
    try:
        with open_events(path) as stream:
            second = reader(stream)
            second.skip_invalid = True  # already reported in pass 1
            events = progress(second, long=long, description="planning", unit="rows",
                              total=rows)
            histories = group_histories((row.event for row in events), contiguous=contiguous)
            items = sweep(policy, histories, as_of, statuses=statuses)
            _write(args.format, items, register, as_of, check.skipped, sys.stdout)
    except InputError as exc:  # the file changed between the passes
        raise InputError(
            [Problem(location="", message=f"changed while being read: {exc}")],
            source=check.source,
        ) from exc
    return EXIT_OK


def _plan_ledger(
    args: argparse.Namespace, as_of: date, register: str, policy: CompiledPolicy
) -> int:
    """Plan every subject in the store's ledger, one subject at a time (bounded memory)."""
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.cli._store import open_cli_store
    from gdpr_register.retention import PlanStatus, SubjectHistory, sweep

    statuses = tuple(PlanStatus) if args.all else (PlanStatus.DUE, PlanStatus.RESTRICTED)
    with open_cli_store(args) as store:
        histories = (
            SubjectHistory(subject=subject,
                           events=[(e.kind, e.on) for e in store.ledger.events(subject)])
            for subject in store.ledger.subjects()
        )
        items = sweep(policy, histories, as_of, statuses=statuses)
        _write(args.format, items, register, as_of, [], sys.stdout)
    return EXIT_OK


def _row(item: PlanItem) -> dict[str, str | None]:
    # None is written as an empty CSV field and as JSON null.
    return {
        "subject": item.subject,
        "category": item.category,
        "status": item.status.value,
        "erase_by": item.erase_by.isoformat() if item.erase_by else None,
        "restricted_until": (
            item.restricted_until.isoformat() if item.restricted_until else None
        ),
        "reason": item.reason(),
    }


def _write(
    fmt: str,
    items: Any,
    register: str,
    as_of: Any,
    skipped: list[Any],
    out: Any,
) -> None:
    import csv
    import json

    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=_FIELDS, lineterminator="\n")
        writer.writeheader()
        for item in items:  # cells neutralised against formula injection (docs/retention.md)
            writer.writerow({k: v if v is None else spreadsheet_safe(v)
                             for k, v in _row(item).items()})
    elif fmt == "json":
        # Streamed: one item per line inside the array, so memory stays bounded.
        head = {"register": register, "as_of": as_of.isoformat()}
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "items": [')
        first = True
        for item in items:
            out.write(("\n  " if first else ",\n  ") + json.dumps(_row(item), ensure_ascii=False))
            first = False
        skipped_json = json.dumps(
            [{"location": p.location, "message": p.message} for p in skipped],
            ensure_ascii=False,
        )
        out.write(('\n' if not first else '') + '], "skipped": ' + skipped_json + "}\n")
    else:
        count = 0
        for item in items:
            count += 1
            dates = (
                f"erase by {item.erase_by}" if item.status.value == "due"
                else f"restricted until {item.restricted_until}"
                if item.status.value == "restricted"
                else f"erase by {item.erase_by}" if item.erase_by else "no erase-by date"
            )
            out.write(
                f"{shown(item.subject)}\t{shown(item.category)}\t{item.status.value}\t"
                f"{dates}\t{shown(item.reason(), MAX_SHOWN * 4)}\n"
            )
        out.write(f"# {count} item{'s' * (count != 1)} in {shown(register)} on {as_of}\n")
