"""``gdpr-register rules [ID]``: list the rule catalogue, or show one rule's documentation."""

from __future__ import annotations

import argparse

from gdpr_register.cli._color import add_color
from gdpr_register.cli._output import add_output

NAME = "rules"
HELP = "list the rule catalogue (id, severity, citation, title) or document one rule"

#: Shown at the end of the command's help (a test parses each one).
EXAMPLES = (
    ('gdpr-register rules',
     'the catalogue: id, severity, citation, title'),
    ('gdpr-register rules ART44',
     'one rule: what it checks, why, an example, the fix'),
    ('gdpr-register rules --format markdown -o docs/rules.md',
     'the catalogue page'),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", nargs="?", metavar="ID", help="a rule id, e.g. ART13_2_b")
    parser.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text",
        help="text (default), JSON, or the Markdown catalogue page (docs/rules.md)",
    )
    add_output(parser)
    add_color(parser)


def run(args: argparse.Namespace) -> int:
    import json

    from gdpr_register._text import shown, shown_lines
    from gdpr_register.cli import EXIT_OK
    from gdpr_register.errors import UsageError
    from gdpr_register.rules import catalogue_markdown, default_registry, rule_text
    from gdpr_register.rules._docs import _plain  # the {{ }} unescaping text and Markdown use

    registry = default_registry()
    rules = [registry.get(args.rule)] if args.rule else list(registry)  # unknown id: exit 2
    if args.format == "markdown":
        if args.rule:
            raise UsageError("--format markdown prints the whole catalogue; omit the rule id")
        print(catalogue_markdown(registry), end="")
        return EXIT_OK
    if args.format == "json":
        data = [
            {
                "id": r.id, "title": r.title, "severity": r.severity.value,
                "citation": r.citation, "lifecycle": r.lifecycle.value, "scope": r.scope.value,
                "what": r.doc.what, "why": r.doc.why, "example": r.doc.example,
                "fix": _plain(r.fix), "references": list(r.doc.references),
            }
            for r in rules
        ]
        print(json.dumps(data if not args.rule else data[0], indent=2, ensure_ascii=False))
    elif args.rule:
        print(shown_lines(rule_text(rules[0]), 100_000))  # plugins' text too: escaped
    else:
        from gdpr_register.cli._color import painter

        paint = painter(args)
        width = max(len(r.id) for r in rules)
        for r in rules:
            tag = "" if r.lifecycle.value == "stable" else f" [{r.lifecycle.value}]"
            # Padded outside the colour codes, so that columns line up either way.
            pad_id, pad_severity = " " * (width - len(r.id)), " " * (6 - len(r.severity.value))
            print(f"{paint(r.id, 'rule')}{pad_id}  {paint(r.severity.value, r.severity.value)}"
                  f"{pad_severity}  {shown(r.citation)}  —  {shown(r.title)}{tag}")
    return EXIT_OK
