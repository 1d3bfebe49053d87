"""``gdpr-register render NOTICE``: the notice as the privacy notice a controller publishes."""

from __future__ import annotations

import argparse

from gdpr_register.cli._common import add_as_of, add_max_bytes, max_bytes

NAME = "render"
HELP = "render a notice as a privacy notice in Finnish, Swedish or English (HTML, Markdown, text)"
EXAMPLES = (
    ("gdpr-register render notice.yaml --lang fi --format html -o tietosuojaseloste.html",
     "the full notice in Finnish, as the page to publish"),
    ("gdpr-register render notice.yaml --lang en --format text --layer first",
     "the short first layer in English"),
    ("gdpr-register render notice.yaml --layout fi-model-form --draft --as-of 2026-11-25",
     "the numbered Finnish form for the editor: missing items and the check's findings"),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notice", metavar="NOTICE", help="a notice document (.yaml, .json, .toml)")
    parser.add_argument("--lang", choices=("fi", "sv", "en"), default="fi",
                        help="language of the notice (default: fi)")
    parser.add_argument("--format", choices=("html", "markdown", "text"), default="html",
                        help="output format (default: html)")
    parser.add_argument("--layer", choices=("full", "first"), default="full",
                        help="the full notice, or its short first layer (default: full)")
    parser.add_argument("--layout", choices=("art13", "fi-model-form"), default="art13",
                        help="order of Art. 13/14, or the numbered Finnish model form "
                        "(default: art13)")
    parser.add_argument("--draft", action="store_true",
                        help="show what the notice does not state as missing, and list the "
                        "findings of check as of --as-of")
    add_as_of(parser)
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE (default: standard output)")
    add_max_bytes(parser)


def run(args: argparse.Namespace) -> int:
    from gdpr_register.cli._common import today
    from gdpr_register.cli._output import write_output
    from gdpr_register.documents import load_notice
    from gdpr_register.render import render_notice

    notice = load_notice(args.notice, max_bytes=max_bytes(args))
    as_of = args.as_of or (today() if args.draft else None)
    write_output(args.output, render_notice(
        notice, lang=args.lang, format=args.format, layer=args.layer, layout=args.layout,
        draft=args.draft, as_of=as_of))
    return 0
