"""Store URLs: parsing and redaction (a password never reaches a message or a log)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

__all__ = ["redact_url", "sqlite_path"]

_PASSWORD_PARAMETER = re.compile(r"((?:^|&)password=)[^&]*", re.IGNORECASE)


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***``."""
    try:
        parts = urlsplit(url)
        # libpq also takes the password as a query parameter.
        query = _PASSWORD_PARAMETER.sub(r"\1***", parts.query)
        if query != parts.query:
            parts = parts._replace(query=query)
            if parts.password is None:
                return urlunsplit(parts)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        if ":" in host:  # IPv6 literal
            host = f"[{host}]"
        netloc = f"{parts.username or ''}:***@{host}"
        if parts.port is not None:
            netloc += f":{parts.port}"
        return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:  # unparseable: hide everything after the scheme
        scheme, _, _rest = url.partition(":")
        return f"{scheme}:***"


def sqlite_path(url: str) -> str:
    """The file path in ``sqlite:///relative.db``, ``sqlite:////abs.db``, ``sqlite:///:memory:``
    (the SQLAlchemy convention: three slashes, then the path)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise ValueError("an SQLite store URL is sqlite:///PATH (sqlite:////abs/path.db)")
    return url[len(prefix):]
