"""``--store URL`` for any command that reads or writes the store."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gdpr_register.storage import Store

__all__ = ["STORE_ENV", "add_store", "open_cli_store", "store_url"]

STORE_ENV = "GDPR_REGISTER_STORE"


def add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="URL",
        default=None,
        help=(
            "where notices, events and requests are kept: sqlite:///PATH, memory: or "
            f"postgresql://USER@HOST/DB (default: ${STORE_ENV}, else an SQLite file "
            "gdpr-register.db in the working directory)"
        ),
    )


def store_url(args: argparse.Namespace) -> str:
    from gdpr_register.storage import DEFAULT_STORE_URL

    url: str | None = getattr(args, "store", None)
    return url or os.environ.get(STORE_ENV) or DEFAULT_STORE_URL


def open_cli_store(args: argparse.Namespace) -> Store:
    from gdpr_register.storage import open_store

    return open_store(store_url(args))
