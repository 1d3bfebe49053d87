"""``gdpr-register timeline NOTICE --from D --to D``: since when each finding holds, and why."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from gdpr_register.cli._common import add_max_bytes, date_arg, max_bytes

if TYPE_CHECKING:
    from gdpr_register.timelines import Timeline

NAME = "timeline"
HELP = "which findings held on which days of a range, and the dated legal facts that changed them"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ("gdpr-register timeline notice.yaml --from 2018-05-25 --to 2026-12-01",
     "the days the findings changed, and which dated fact changed them"),
    ("gdpr-register timeline notice.yaml --from 2018-05-25 --select ART44 --format csv "
     "-o art44.csv",
     "one rule's intervals as CSV"),
)


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notice", metavar="NOTICE", help="a notice document (.yaml, .json, .toml)")
    parser.add_argument("--from", dest="start", required=True, type=date_arg,
                        metavar="YYYY-MM-DD", help="the first day of the range")
    parser.add_argument("--to", dest="end", type=date_arg, default=None, metavar="YYYY-MM-DD",
                        help="the last day of the range (default: the configuration's as-of, "
                        "else today in its timezone, Europe/Helsinki)")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text",
                        help="text (change days, then intervals), JSON, or CSV (one row per "
                        "interval, the columns of docs/notebooks.md)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE (default: standard output)")
    parser.add_argument("--select", type=_ids, action="append", default=None, metavar="IDS",
                        help="only these rules: comma-separated ids or prefixes")
    parser.add_argument("--ignore", type=_ids, action="append", default=None, metavar="IDS",
                        help="skip these rules: comma-separated ids or prefixes")
    parser.add_argument("--preview", action=argparse.BooleanOptionalAction, default=None,
                        help="also run preview rules (--no-preview: not, whatever the "
                        "configuration says)")
    parser.add_argument("--option", action="append", default=None, metavar="KEY=VALUE",
                        type=_option, help="a rule option, e.g. notice-review-months=12 "
                        "(repeatable; see docs/configuration.md)")
    add_max_bytes(parser)


def _option(text: str) -> tuple[str, object]:
    from gdpr_register.cli._config import option_arg

    return option_arg(text)


def _csv(line: Timeline) -> str:
    import csv
    import io

    from gdpr_register.frames import SCHEMAS

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [name for name, _ in SCHEMAS["timeline"]]
    writer.writerow(names)
    for row in line.to_records():
        writer.writerow(["" if row[n] is None else row[n] for n in names])
    return out.getvalue()


def _text(line: Timeline) -> str:
    from gdpr_register._text import shown

    lines = [f"{shown(line.notice)}: {line.start} .. {line.end}", "", "Change days:"]
    lines.extend(f"  {e.on}  {shown(e.describe(), 1000)}" for e in line.events)
    if not line.events:
        lines.append("  (none: the same findings held on every day)")
    lines.extend(["", "Findings over time:"])
    for i in line.intervals:
        until = str(i.end) if i.end else "..."
        lines.append(f"  {i.start} .. {until:10}  {i.finding.severity.value:6} {i.rule} "
                     f"{shown(i.path)}")
        if i.opened_by:
            lines.append(f"      opened: {shown(i.opened_by.describe(), 1000)}")
        if i.closed_by:
            lines.append(f"      closed: {shown(i.closed_by.describe(), 1000)}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from gdpr_register.cli._common import today
    from gdpr_register.cli._config import apply, check_selectors, rule_options
    from gdpr_register.cli._output import write_output
    from gdpr_register.documents import load_notice
    from gdpr_register.timelines import timeline

    # The configuration as check reads it; its as-of is the default end of the range.
    settings = apply(args, ("select", "ignore", "preview", "timezone", "as-of"), options=True,
                     today_default=False)
    check_selectors(settings)
    notice = load_notice(args.notice, max_bytes=max_bytes(args))
    end = args.end or args.as_of or today(settings.value("timezone"))
    line = timeline(notice, args.start, end, select=args.select, ignore=args.ignore,
                    preview=args.preview, options=rule_options(settings))
    if args.format == "json":
        text = line.to_json() + "\n"
    elif args.format == "csv":
        text = _csv(line)
    else:
        text = _text(line)
    write_output(args.output, text)
    return 0
