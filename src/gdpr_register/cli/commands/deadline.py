"""``gdpr-register deadline --received DATE``: the Art. 12(3) deadline for a request."""

from __future__ import annotations

import argparse
import json

NAME = "deadline"
HELP = "compute the Art. 12(3) response deadline (holidays of the controller's Member State)"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register deadline --received 2026-11-25',
     'the Art. 12(3) deadline with Finnish holidays'),
    ('gdpr-register deadline --received 2026-11-25T23:30+00:00 --country SE --extended',
     'an instant dated in Sweden, with the extended deadline'),
)


def configure(parser: argparse.ArgumentParser) -> None:
    from gdpr_register.cli._common import date_arg, date_or_datetime_arg
    from gdpr_register.cli._output import add_output

    parser.add_argument(
        "--received", required=True, metavar="DATE|DATETIME", type=date_or_datetime_arg,
        help="when the request reached the controller: YYYY-MM-DD (local date) or an ISO "
        "date-time with offset, e.g. 2026-11-25T23:30+00:00 (dated in the Member State's zone)",
    )
    parser.add_argument(
        "--country", default=None, metavar="CC",
        help="the controller's Member State (ISO 3166-1 alpha-2; default: the configuration's "
        "country, else FI)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_output(parser)
    parser.add_argument(
        "--fi-eves-are-holidays", action="store_true",
        help="count Finnish Christmas Eve and Midsummer Eve as holidays (default: not counted)",
    )
    parser.add_argument(
        "--extended", action="store_true",
        help="text output: also show the extended deadline (JSON always has it)",
    )
    parser.add_argument(
        "--identity-requested", type=date_arg, metavar="YYYY-MM-DD",
        help="pause: the day identity information was requested (with --identity-supplied)",
    )
    parser.add_argument(
        "--identity-supplied", type=date_arg, metavar="YYYY-MM-DD",
        help="pause: the day the identity information arrived",
    )


# The library's parameter names in errors, as this command's flags.
FLAGS = {
    "received": "--received",
    "country": "--country",
    "pause.requested": "--identity-requested",
    "pause.supplied": "--identity-supplied",
}


def pause_from(args: argparse.Namespace) -> object:
    from gdpr_register.cli._common import flag_locations
    from gdpr_register.errors import UsageError
    from gdpr_register.rights import IdentityPause

    if (args.identity_requested is None) != (args.identity_supplied is None):
        raise UsageError("--identity-requested and --identity-supplied go together")
    if args.identity_requested is None:
        return None
    with flag_locations(FLAGS):
        return IdentityPause(requested=args.identity_requested, supplied=args.identity_supplied)


def run(args: argparse.Namespace) -> int:
    from gdpr_register._text import shown
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.cli._common import flag_locations
    from gdpr_register.cli._config import apply
    from gdpr_register.rights import response_deadline

    apply(args, ("country",))
    args.country = args.country or "FI"
    with flag_locations(FLAGS):
        result = response_deadline(
            args.received,
            country=args.country,
            fi_eves_are_holidays=args.fi_eves_are_holidays,
            pause=pause_from(args),  # type: ignore[arg-type]
        )
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Received:             {result.received} ({result.received:%a})")
    print(f"Deadline:             {result.deadline} ({result.deadline:%a})  Art. 12(3)")
    print(f"Extension notice by:  {result.extension_notice_by}  Art. 12(3)")
    print(f"Refusal notice by:    {result.refusal_notice_by}  Art. 12(4)")
    if args.extended:
        print(
            f"Extended deadline:    {result.extended_deadline} "
            f"({result.extended_deadline:%a})  Art. 12(3), two further months"
        )
    print(f"Country:              {shown(result.country)}")
    print("How:")
    for step in result.explanation:
        print(f"  - {shown(step, 100_000)}")
    return EXIT_OK
