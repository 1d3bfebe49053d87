"""``--store URL`` for any command that reads or writes the store, and the one parser of the
version numbers the CLI takes (``--version N``, ``ID@VERSION``, ``store diff ID V1 V2``)."""

from __future__ import annotations

import argparse
import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gdpr_register.model import Notice
    from gdpr_register.storage import Store

__all__ = ["DEFAULT", "STORE_ENV", "add_store", "expected_version", "load_stored_notice",
           "open_cli_store", "parse_version", "store_url", "version_number"]

STORE_ENV = "GDPR_REGISTER_STORE"


class _DefaultStore(str):
    """``--store`` given without a URL: the default store (not ``--store ''``)."""

    __slots__ = ()


DEFAULT = _DefaultStore()

# ASCII digits only: int() also reads '٣' and '³' ... or fails on them with a bare ValueError.
_DIGITS = r"[0-9]+"  # compiled (and kept by re) when a version number is first given
# No store holds a version past 2**63 - 1 (19 digits); longer numbers are refused before
# int() (whose own limit is 4300 digits) is asked to read them.
_MAX_DIGITS = 30


def parse_version(text: str, *, zero: bool = False) -> int:
    """A version number as the CLI takes it: ASCII digits, >= 1 (>= 0 with ``zero``).

    ``UsageError`` otherwise. A number larger than any store holds is returned as is: the
    store answers "not found".
    """
    from gdpr_register.errors import UsageError

    lowest = 0 if zero else 1
    digits = text.strip()
    if not re.fullmatch(_DIGITS, digits, re.ASCII) or len(digits.lstrip("0")) > _MAX_DIGITS:
        raise UsageError(f"{text[:40]!r} is not a version number (digits 0-9, at most "
                         f"{_MAX_DIGITS})")
    number = int(digits)
    if number < lowest:
        raise UsageError(f"a version number is at least {lowest}, got {number}")
    return number


def version_number(text: str) -> int:
    """argparse ``type=`` for a version (>= 1)."""
    from gdpr_register.errors import UsageError

    try:
        return parse_version(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def expected_version(text: str) -> int:
    """argparse ``type=`` for ``--expected-version`` (>= 0; 0: a new notice)."""
    from gdpr_register.errors import UsageError

    try:
        return parse_version(text, zero=True)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
    """``--store URL``, else ``$GDPR_REGISTER_STORE`` (if set and not empty), else the
    configuration's ``store`` (docs/configuration.md), else the default store. An empty
    ``--store ''`` is a ``UsageError``, not the default."""
    from gdpr_register.errors import UsageError
    from gdpr_register.storage import DEFAULT_STORE_URL

    url: str | None = getattr(args, "store", None)
    if url is not None and not isinstance(url, _DefaultStore):
        if not url.strip():
            raise UsageError("--store: the store URL is empty (leave --store out, or give "
                             "sqlite:///PATH, memory: or postgresql://...)")
        return url
    if os.environ.get(STORE_ENV):
        return os.environ[STORE_ENV]
    from gdpr_register.cli._config import project_config

    configured = project_config().get("store")
    return str(configured[0]) if configured else DEFAULT_STORE_URL


def open_cli_store(args: argparse.Namespace, *, create: bool = False) -> Store:
    """Open the command's store. Only commands that add to a store (``create=True``) may
    create one: reading a store that does not exist is an error naming its path."""
    from gdpr_register.storage import open_store

    return open_store(store_url(args), create=create)


def load_stored_notice(store: Store, reference: str) -> tuple[str, Notice]:
    """``ID`` or ``ID@VERSION`` from the store: a source label and the notice."""
    from gdpr_register.errors import UsageError

    notice_id, at, version = reference.partition("@")
    number: int | None = None
    if at:
        try:
            number = parse_version(version)
        except UsageError as exc:
            raise UsageError(f"{reference[:80]!r}: expected NOTICE_ID or NOTICE_ID@VERSION "
                             f"({exc})") from None
    stored = store.notices.get(notice_id, number)
    return f"{store.url}#{notice_id}@{stored.version}", stored.notice
