"""Pluggable storage: one contract (:mod:`gdpr_register.storage.base`), several backends.

``open_store(url)`` picks the backend from the URL: ``memory:``, ``sqlite:///path.db``
(``sqlite:///:memory:``), ``postgresql://user@host/db`` (needs the ``postgres`` extra).
Nothing connects at import time.
"""

from __future__ import annotations

import importlib
from typing import Any

from gdpr_register.errors import StoreUnavailable, UsageError
from gdpr_register.storage._diff import Change, ChangeKind
from gdpr_register.storage._url import redact_url
from gdpr_register.storage.base import (
    AuditEntry,
    AuditLog,
    DueForErasure,
    ErasureReceipt,
    Ledger,
    NoticeRepository,
    NoticeVersion,
    RequestLog,
    RequestStatus,
    Store,
    StoredNotice,
    SubjectRequest,
)

__all__ = [
    "DEFAULT_STORE_URL",
    "AuditEntry",
    "AuditLog",
    "Change",
    "ChangeKind",
    "DueForErasure",
    "ErasureReceipt",
    "Ledger",
    "NoticeRepository",
    "NoticeVersion",
    "RequestLog",
    "RequestStatus",
    "Store",
    "StoredNotice",
    "SubjectRequest",
    "open_store",
    "redact_url",
]

#: What the CLI uses without ``--store``: an SQLite file in the working directory.
DEFAULT_STORE_URL = "sqlite:///gdpr-register.db"


def open_store(url: str, **options: Any) -> Store:
    """Open (creating or upgrading as needed) the store at ``url``.

    ``options`` go to the backend (SQLite: ``timeout`` seconds, ``read_only``; PostgreSQL:
    see ``gdpr_register.storage.postgres.open_postgres_store``); every backend takes
    ``create`` (``False``: open an existing store only, never create one). Raises
    :class:`~gdpr_register.errors.StoreUnavailable` naming the URL (password redacted) when
    the store cannot be opened, and :class:`~gdpr_register.errors.UsageError` for a URL no
    backend handles, a URL that cannot be parsed or an option the backend does not take.
    """
    if not isinstance(url, str):
        raise UsageError(f"a store URL is a string, got {type(url).__name__}")
    scheme = url.partition(":")[0].lower()
    if scheme == "memory":
        if url not in ("memory:", "memory://"):
            raise UsageError(f"the in-memory store URL is 'memory:', got {redact_url(url)!r}")
        from gdpr_register.storage.memory import MemoryStore

        _check_options(MemoryStore, (), options, url)
        return MemoryStore(**options)
    if scheme == "sqlite":
        from gdpr_register.storage.sqlite import open_sqlite_store

        _check_options(open_sqlite_store, (url,), options, url)
        return open_sqlite_store(url, **options)
    if scheme in ("postgresql", "postgres"):
        try:
            module = importlib.import_module("gdpr_register.storage.postgres")
        except ImportError as exc:
            raise StoreUnavailable(
                f"{redact_url(url)}: PostgreSQL support is not installed "
                "(pip install 'gdpr-register[postgres]')"
            ) from exc
        _check_options(module.open_postgres_store, (url,), options, url)
        store: Store = module.open_postgres_store(url, **options)
        return store
    raise UsageError(
        f"unknown store URL {redact_url(url)!r}: use memory:, sqlite:///PATH or "
        "postgresql://USER@HOST/DB"
    )


def _check_options(opener: Any, args: tuple[str, ...], options: dict[str, Any], url: str) -> None:
    """An option the backend does not take is a ``UsageError`` naming it, not a TypeError."""
    import inspect

    try:
        inspect.signature(opener).bind(*args, **options)
    except TypeError as exc:
        raise UsageError(f"{redact_url(url)}: {exc}") from None
