"""``gdpr-register schema``: print the JSON Schema of notice documents (for editors)."""

from __future__ import annotations

import argparse
import json

NAME = "schema"
HELP = "print the JSON Schema of notice documents, for editor completion and checks"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--indent", type=int, default=2, help="indentation (default: 2)")


def run(args: argparse.Namespace) -> int:
    from gdpr_register.documents.schema import notice_schema

    print(json.dumps(notice_schema(), indent=args.indent, ensure_ascii=False))
    return 0
