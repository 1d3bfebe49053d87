"""``--store URL`` for any command that reads or writes the store."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gdpr_register.model import Notice
    from gdpr_register.storage import Store

__all__ = ["DEFAULT", "STORE_ENV", "add_store", "load_stored_notice", "open_cli_store",
           "store_url"]

STORE_ENV = "GDPR_REGISTER_STORE"
DEFAULT = ""  # ``--store`` given without a URL: the default store


def add_store(parser: argparse.ArgumentParser, *, selects_notices: bool = False) -> None:
    """Add ``--store URL``. With ``selects_notices`` (commands that otherwise read files),
    the option's URL is optional and giving it makes NOTICE arguments ids in the store."""
    where = (
        "sqlite:///PATH, memory: or postgresql://USER@HOST/DB (default: "
        f"${STORE_ENV}, else the SQLite file gdpr-register.db in the working directory)"
    )
    if selects_notices:
        parser.add_argument(
            "--store", metavar="URL", nargs="?", const=DEFAULT, default=None,
            help=f"read notices from a store instead of files: NOTICE is then a notice id, "
            f"optionally ID@VERSION; URL is {where}",
        )
    else:
        parser.add_argument("--store", metavar="URL", default=None,
                            help=f"the store: {where}")


def store_url(args: argparse.Namespace) -> str:
    from gdpr_register.storage import DEFAULT_STORE_URL

    url: str | None = getattr(args, "store", None)
    return url or os.environ.get(STORE_ENV) or DEFAULT_STORE_URL


def open_cli_store(args: argparse.Namespace) -> Store:
    from gdpr_register.storage import open_store

    return open_store(store_url(args))


def load_stored_notice(store: Store, reference: str) -> tuple[str, Notice]:
    """``ID`` or ``ID@VERSION`` from the store: a source label and the notice."""
    from gdpr_register.errors import UsageError

    notice_id, at, version = reference.partition("@")
    number: int | None = None
    if at:
        if not version.isdigit() or int(version) < 1:
            raise UsageError(f"{reference!r}: expected NOTICE_ID or NOTICE_ID@VERSION")
        number = int(version)
    stored = store.notices.get(notice_id, number)
    return f"{store.url}#{notice_id}@{stored.version}", stored.notice
