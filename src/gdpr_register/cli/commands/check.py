"""``gdpr-register check FILE...``: evaluate notices against the GDPR rule catalogue."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from gdpr_register._text import MAX_SHOWN, shown, shown_lines
from gdpr_register.cli._color import add_color
from gdpr_register.cli._common import add_as_of, add_max_bytes, max_bytes
from gdpr_register.cli._store import add_store

if TYPE_CHECKING:
    from gdpr_register.cli._color import Paint
    from gdpr_register.rules import Report

NAME = "check"
HELP = "check notices against the GDPR rule catalogue as the law stood on a date"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register check notices/*.yaml --as-of 2026-11-25',
     'check every notice as the law stood on a date; exit 1 on findings'),
    ('gdpr-register check notice.yaml --format sarif -o gdpr.sarif',
     'a SARIF report for code scanning (also github, junit, gitlab)'),
    ('gdpr-register check --show-settings',
     'the settings in force, from pyproject.toml or gdpr-register.toml and flags'),
)

_SEVERITIES = ("high", "medium", "low", "info")
FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
_LONG = MAX_SHOWN * 100  # finding texts are sentences: escaped, cut only when absurd


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="*", metavar="FILE",
        help="notice documents (.yaml, .json, .toml); quoted globs such as 'notices/*.yaml' work",
    )
    add_as_of(parser)
    add_max_bytes(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default=None,
        help="output: text grouped by register and severity, JSON, SARIF 2.1.0, GitHub "
        "workflow annotations, JUnit XML, GitLab Code Quality JSON (default: text, or the "
        "configuration's format)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the report to FILE ('-' or default: standard output)")
    parser.add_argument(
        "--fail-on", choices=_SEVERITIES, default=None, metavar="SEVERITY",
        help="exit 1 if an unwaived finding is at or above this severity "
        "(high, medium, low, info; default: low)",
    )
    parser.add_argument(
        "--select", type=_ids, action="append", default=None, metavar="IDS",
        help="run only these rules: comma-separated ids or prefixes (e.g. ART13,ART44)",
    )
    parser.add_argument(
        "--ignore", type=_ids, action="append", default=None, metavar="IDS",
        help="skip these rules: comma-separated ids or prefixes",
    )
    parser.add_argument("--preview", action=argparse.BooleanOptionalAction, default=None,
                        help="also run preview rules (--no-preview: not, whatever the "
                        "configuration says)")
    parser.add_argument(
        "--option", action="append", default=None, metavar="KEY=VALUE", type=_option,
        help="a rule option, e.g. retention-review-months=48 or assume-dpf-certified=true "
        "(repeatable; see docs/configuration.md)",
    )
    parser.add_argument(
        "--show-settings", action="store_true",
        help="print each resolved setting and where it came from (default, a configuration "
        "file, a flag), then exit",
    )
    add_store(parser, selects_notices=True)
    add_color(parser)


def _option(text: str) -> tuple[str, object]:
    from gdpr_register.cli._config import option_arg

    return option_arg(text)


def _expand(patterns: list[str]) -> list[str]:
    import os

    from gdpr_register.errors import UsageError

    files: list[str] = []
    for pattern in patterns:
        # glob's own test of a pattern (glob.has_magic), without importing glob for a file name
        if os.path.exists(pattern) or not any(c in pattern for c in "*?["):
            files.append(pattern)
            continue
        import glob

        matched = sorted(glob.glob(pattern, recursive=True))
        if not matched:
            raise UsageError(f"{shown(pattern)}: no file matches")
        files.extend(matched)
    return files


def run(args: argparse.Namespace) -> int:
    from gdpr_register.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
    from gdpr_register.cli._config import (
        SETTINGS,
        apply,
        check_selectors,
        rule_options,
        show_settings,
    )
    from gdpr_register.documents import load_notice
    from gdpr_register.errors import DocumentError, UsageError
    from gdpr_register.rules import evaluate

    # --show-settings shows every key, also those other commands read (country).
    names = list(SETTINGS) if args.show_settings else [
        "select", "ignore", "fail-on", "preview", "format", "store", "timezone", "as-of"]
    settings = apply(args, names, options=True)
    if args.show_settings:
        if settings["store"][0] is None:
            from gdpr_register.storage import DEFAULT_STORE_URL

            settings["store"] = (DEFAULT_STORE_URL, settings["store"][1])
        sys.stdout.write(show_settings(settings))
        return EXIT_OK
    if not args.files:
        raise UsageError("check: name at least one FILE (or a notice id with --store)")
    check_selectors(settings)
    as_of = args.as_of
    select, ignore = args.select, args.ignore
    options = rule_options(settings)
    if args.store is not None:
        from gdpr_register.cli._store import load_stored_notice, open_cli_store

        with open_cli_store(args) as store:
            notices = [load_stored_notice(store, ref) for ref in args.files]
        files: list[str] = []
    else:
        files = _expand(args.files)
        notices = []
    from gdpr_register.cli._progress import MANY_FILES, progress

    long = len(files) + len(notices) >= MANY_FILES
    failed = False
    # Load everything first: bad input means no half-written report.
    for path in progress(files, long=long, description="reading", unit="files"):
        try:
            notices.append((path, load_notice(path, max_bytes=max_bytes(args))))
        except DocumentError as exc:
            failed = True
            print(f"gdpr-register: error: {shown_lines(str(exc))}", file=sys.stderr)
    if failed:
        return EXIT_USAGE
    reports = [
        evaluate(notice, as_of=as_of, select=select, ignore=ignore, preview=args.preview,
                 options=options, source=path)
        for path, notice in progress(notices, long=long, description="checking",
                                     unit="notices")
    ]
    from gdpr_register.cli._output import write_output

    write_output(args.output, _render(args, reports, [[r.id for r in n.registers]
                                                      for _, n in notices]))
    return EXIT_FINDINGS if any(r.fails(args.fail_on) for r in reports) else EXIT_OK


def _render(args: argparse.Namespace, reports: list[Report],
            registers: list[list[str]]) -> str:
    if args.format == "text":
        from gdpr_register.cli._color import painter

        paint = painter(args)
        return "".join(_text(report, paint) for report in reports)
    import json

    from gdpr_register.cli import _formats

    if args.format == "json":
        data = {"as_of": args.as_of.isoformat(), "reports": [r.to_data() for r in reports]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.format == "sarif":
        from gdpr_register.rules import sarif_log

        log = sarif_log(reports, locate=_formats.LineIndex())
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    if args.format == "github":
        return _formats.github(reports, _formats.LineIndex(), args.fail_on)
    if args.format == "junit":
        return _formats.junit(reports, args.fail_on, registers)
    return _formats.gitlab(reports, _formats.LineIndex())


def _text(report: Report, paint: Paint) -> str:
    counts = report.counts()
    summary = ", ".join(f"{counts[s]} {s}" for s in _SEVERITIES if counts[s])
    lines = [
        f"{shown(report.source)} (as of {report.as_of.isoformat()}): "
        + (f"{counts['total'] - counts['waived']} findings: {summary}"
           if summary else "no findings")
        + (f"; {counts['waived']} waived" if counts["waived"] else "")
    ]
    for register, findings in report.by_register().items():
        lines.append(f"  register {shown(register)}" if register else "  notice")
        for level in _SEVERITIES:
            group = [f for f in findings if f.severity.value == level]
            if not group:
                continue
            lines.append(f"    {paint(level, level)}")
            for f in group:
                waived = f"  {paint('[waived]', 'waived')}" if f.waived else ""
                # Finding texts quote the notice: shown, so they stay on their line.
                rule = paint(f.rule, "rule")
                lines.append(f"      {rule}  {f.citation}  {shown(f.path)}{waived}")
                lines.append(f"        {shown(f.text, _LONG)}")
                lines.append(f"        fix: {shown(f.fix_text, _LONG)}")
                if f.waiver is not None:
                    lines.append(f"        waiver: {shown(f.waiver.justification, _LONG)}")
    return "\n".join(lines) + "\n\n"
