"""``gdpr-register request NOTICE --right R --received DATE``: assess a data-subject request."""

from __future__ import annotations

import argparse
import json
from typing import Any

NAME = "request"
HELP = "assess a data-subject request: which rights apply, exceptions, recipients, deadline"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register request notice.yaml --right erasure --received 2026-11-25 --register customers',
     'which rights apply, their exceptions, recipients to tell, the deadline'),
    ('gdpr-register request notice.yaml --right access --received 2026-11-25 '
     '--subject-events events.csv --subject cust-42 --format json',
     "with the subject's events, as JSON"),
)

_RIGHTS = (
    "access", "rectification", "erasure", "restriction", "portability", "objection",
    "direct-marketing-objection", "withdraw-consent", "automated-decisions",
)


def configure(parser: argparse.ArgumentParser) -> None:
    from gdpr_register.cli._common import add_max_bytes, date_arg, date_or_datetime_arg, subject_arg
    from gdpr_register.cli._output import add_output

    add_max_bytes(parser)

    parser.add_argument("notice", metavar="NOTICE", help="notice document (.yaml, .json, .toml)")
    parser.add_argument(
        "--right", required=True, choices=_RIGHTS, metavar="RIGHT",
        help="one of: " + ", ".join(_RIGHTS),
    )
    parser.add_argument(
        "--received", required=True, metavar="DATE|DATETIME", type=date_or_datetime_arg,
        help="YYYY-MM-DD (controller's local date) or an ISO date-time with offset",
    )
    parser.add_argument("--register", metavar="ID", help="register id (needed if several)")
    parser.add_argument(
        "--subject-events", metavar="CSV",
        help="the subject's events (CSV): erasure then dates statutory holds (retention plan)",
    )
    parser.add_argument("--subject", metavar="KEY", type=subject_arg,
                        help="subject key in the events file")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_output(parser)
    parser.add_argument(
        "--country", metavar="CC",
        help="Member State whose holidays count (default: the notice controller's, else FI)",
    )
    parser.add_argument(
        "--fi-eves-are-holidays", action="store_true",
        help="count Finnish Christmas Eve and Midsummer Eve as holidays",
    )
    parser.add_argument("--purpose", action="append", default=[], metavar="ID",
                        help="limit the request to this purpose (repeatable)")
    parser.add_argument("--category", action="append", default=[], metavar="ID",
                        help="limit the request to this data category (repeatable)")
    parser.add_argument(
        "--restriction-ground", choices=("18(1)(a)", "18(1)(b)", "18(1)(c)", "18(1)(d)"),
        help="the Art. 18(1) ground a restriction request invokes",
    )
    grounds = parser.add_mutually_exclusive_group()
    grounds.add_argument(
        "--compelling-grounds", metavar="REASON",
        help="Art. 21(1): the controller demonstrates compelling legitimate grounds (reason)",
    )
    grounds.add_argument(
        "--no-compelling-grounds", action="store_true",
        help="Art. 21(1): the controller has no compelling grounds",
    )
    necessary = parser.add_mutually_exclusive_group()
    necessary.add_argument("--still-necessary", action="store_true", default=None,
                           help="the data are still necessary for the contract purposes")
    necessary.add_argument("--no-longer-necessary", action="store_true",
                           help="the data are no longer necessary (Art. 17(1)(a))")
    parser.add_argument(
        "--as-of", type=date_arg, default=None, metavar="YYYY-MM-DD",
        help="the day whose recipients and retention plan count (default: the day of receipt)",
    )
    from gdpr_register.cli._store import add_store

    add_store(parser, selects_notices=True)
    parser.add_argument(
        "--record", action="store_true",
        help="with --store and --subject: record the request in the store's request log "
        "(status open) and print its id",
    )


def _decisions(args: argparse.Namespace) -> Any:
    from gdpr_register.rights import ControllerDecisions

    compelling: bool | None = None
    if args.compelling_grounds is not None:
        compelling = True
    elif args.no_compelling_grounds:
        compelling = False
    necessary: bool | None = None
    if args.still_necessary:
        necessary = True
    elif args.no_longer_necessary:
        necessary = False
    return ControllerDecisions(
        compelling_grounds=compelling,
        compelling_grounds_reason=args.compelling_grounds,
        still_necessary=necessary,
    )


def _receipt_day(args: argparse.Namespace, notice: Any) -> Any:
    """The day events may not be after: --as-of, else the local date of receipt."""
    from datetime import datetime

    from gdpr_register.rights import local_date

    if args.as_of is not None:
        return args.as_of
    if not isinstance(args.received, datetime):
        return args.received
    country = args.country or notice.controller.member_state or "FI"
    try:
        return local_date(args.received, country)[0]
    except Exception:  # not a Member State: assess counts with FI too (and says so)
        return local_date(args.received, "FI")[0]


def _history(args: argparse.Namespace, notice: Any, register: Any) -> Any:
    """The chosen subject's events from the CSV, streamed (only that subject's rows kept).

    Read by the same reader as ``retention --events``: an event after the day of receipt
    (or --as-of) or of a kind no retention rule knows is an error, never silently ignored.
    """
    from gdpr_register._text import shown
    from gdpr_register.cli._events import (
        events_label,
        events_reader,
        known_event_kinds,
        open_events_stream,
    )
    from gdpr_register.errors import UsageError
    from gdpr_register.retention import SubjectHistory

    if args.subject_events is None:
        if args.subject is not None and args.store is not None:
            from gdpr_register.cli._store import open_cli_store

            with open_cli_store(args) as store:
                stored = store.ledger.events(args.subject)
            if not stored:
                raise UsageError(f"no events for subject {shown(args.subject)} in the store")
            return SubjectHistory.from_events(args.subject, stored)
        if args.subject is not None:
            raise UsageError("--subject needs --subject-events or --store")
        return None
    label = shown(events_label(args.subject_events))
    wanted = args.subject
    seen: list[str] = []
    events = []
    known = known_event_kinds(notice, register)
    with open_events_stream(args.subject_events) as stream:
        reader = events_reader(stream, args.subject_events, as_of=_receipt_day(args, notice),
                               known_kinds=known)
        for row in reader:
            subject = row.event.subject
            if wanted is None:
                if subject not in seen:
                    seen.append(subject)
                if len(seen) > 1:
                    raise UsageError(
                        f"{label} has events of several subjects; choose one with --subject"
                    )
            elif subject != wanted:
                continue
            events.append(row.event)
    chosen: str | None = wanted if wanted is not None else (seen[0] if seen else None)
    if chosen is None or not events:
        raise UsageError(
            f"no events for subject {shown(chosen)} in {label}"
            if chosen is not None
            else f"{label} has no events"
        )
    args.subject = chosen
    return SubjectHistory.from_events(chosen, events)


# The library's parameter names in errors, as this command's flags.
FLAGS = {
    "received": "--received",
    "request.received": "--received",
    "request.purposes": "--purpose",
    "request.categories": "--category",
    "country": "--country",
}


def run(args: argparse.Namespace) -> int:
    from gdpr_register._text import shown, shown_lines
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.cli._common import flag_locations, max_bytes
    from gdpr_register.cli._config import apply
    from gdpr_register.documents import load_notice
    from gdpr_register.errors import UsageError
    from gdpr_register.rights import Request, assess

    # No today here: without --as-of the assessment is dated by the receipt (as before).
    apply(args, ("country", "as-of"), today_default=False)
    if args.store is not None:
        from gdpr_register.cli._store import load_stored_notice, open_cli_store

        with open_cli_store(args) as store:
            _source, notice = load_stored_notice(store, args.notice)
    else:
        if args.record:
            raise UsageError("--record needs --store")
        notice = load_notice(args.notice, max_bytes=max_bytes(args))
    if args.record and args.subject is None:
        raise UsageError("--record needs --subject")
    if args.register is not None:
        try:
            register = notice.register(args.register)
        except KeyError:
            ids = ", ".join(r.id for r in notice.registers)
            raise UsageError(
                f"no register {shown(args.register)} in {shown(args.notice)} (have: {ids})"
            ) from None
    elif len(notice.registers) == 1:
        register = notice.registers[0]
    else:
        ids = ", ".join(r.id for r in notice.registers)
        raise UsageError(
            f"{shown(args.notice)} has several registers; choose one with --register ({ids})"
        )
    history = _history(args, notice, register)
    with flag_locations(FLAGS):
        request = Request(
            right=args.right,
            received=args.received,
            subject=args.subject,
            purposes=args.purpose,
            categories=args.category,
            restriction_ground=args.restriction_ground,
        )
    with flag_locations(FLAGS):
        assessment = assess(
            request,
            register,
            notice=notice,
            as_of=args.as_of,
            history=history,
            controller_decisions=_decisions(args),
            country=args.country,
            fi_eves_are_holidays=args.fi_eves_are_holidays,
        )
    recorded = None
    recorded_in = ""
    if args.record:
        from gdpr_register.cli._store import open_cli_store
        from gdpr_register.model import RightKind

        with open_cli_store(args) as store:
            recorded = store.requests.open(
                subject=args.subject, right=RightKind(args.right),
                received=assessment.deadline.received,
            )
            recorded_in = store.url
    if args.format == "json":
        data = assessment.to_dict()
        if recorded is not None:
            data["recorded_request"] = recorded.id
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        # Escaped as a whole: the assessment quotes the notice's and the events' text.
        print(shown_lines(render_text(assessment), limit=100_000))
        if recorded is not None:
            print(f"Recorded as request {shown(recorded.id)} in {shown(recorded_in)}")
    return EXIT_OK


def render_text(assessment: Any) -> str:
    """The assessment as text. Each reason says whether the *right* applies there and on which
    article: "erasure does not apply (Art. 17(3)(b))" means the exception in 17(3)(b) holds."""
    d = assessment.deadline
    right = assessment.request.right
    lines = [
        f"Request: {right.value} ({right.article}) received {d.received}, "
        f"register {assessment.register}",
        f"Applies: {assessment.applies.value}",
        f"Deadline: {d.deadline} (extended {d.extended_deadline}; extension notice by "
        f"{d.extension_notice_by}; {d.country} holidays)",
    ]
    if assessment.categories:
        lines.append("Data categories:")
        for c in assessment.categories:
            until = f" until {c.until}" if c.until else ""
            lines.append(
                f"  {c.action.value:<12} {c.category}{until}  [{', '.join(c.articles)}] "
                f"{c.message}"
            )
    if assessment.undetermined:
        lines.append("Undetermined (the notice does not settle it):")
        for u in assessment.undetermined:
            what = f"purpose {u.purpose}" if u.purpose else "categories " + ", ".join(
                u.categories
            )
            lines.append(f"  {what} ({u.article}):")
            for c in u.candidates:
                when = (
                    " if it rests on " + ", ".join(f"Art. {b.value}" for b in c.bases)
                    if c.bases else ""
                )
                lines.append(f"    - {c.outcome}{when}")
            lines.append(f"    decide: {u.decide}")
    if assessment.exceptions:
        lines.append("Exceptions:")
        for e in assessment.exceptions:
            until = f" until {e.until}" if e.until else ""
            cats = f" ({', '.join(e.categories)})" if e.categories else ""
            lines.append(f"  {e.article}{cats}{until}: {e.message} [{e.source}]")
    lines.append("Reasons:")
    for r in assessment.reasons:
        mark = {
            True: f"{right.value} applies",
            False: f"{right.value} does not apply",
            None: "note",
        }[r.applies]
        where = f" [{r.purpose}]" if r.purpose else ""
        lines.append(f"  {mark}{where} ({r.article}): {r.message}")
    if assessment.notify_recipients:
        lines.append("Notify (Art. 19):")
        for rec in assessment.notify_recipients:
            lines.append(f"  {rec.id}: {rec.name} ({rec.role.value})")
    if assessment.pending:
        lines.append("Pending controller decisions:")
        for p in assessment.pending:
            lines.append(f"  {p.decision} ({p.article}): {p.message}")
    lines.append("Actions:")
    for a in assessment.actions:
        by = f" by {a.by}" if a.by else ""
        lines.append(f"  {a.article}{by}: {a.message}")
    return "\n".join(lines)
