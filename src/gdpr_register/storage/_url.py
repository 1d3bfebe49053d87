"""Store URLs: the one parser every backend and the CLI use, and redaction (a password never
reaches a message or a log).

URLs are taken apart as text, never rebuilt through ``urllib``: ``urlunsplit`` turns
``postgresql:///db`` into ``postgresql:/db`` and ``urlsplit`` raises on an unbalanced ``[``.
What the user wrote before the ``?`` reaches libpq unchanged.
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from gdpr_register.errors import UsageError

__all__ = ["OWN_POSTGRES_PARAMETERS", "redact_url", "split_postgres_url", "sqlite_path"]

_PASSWORD_PARAMETER = re.compile(r"((?:^|&)password=)[^&#]*", re.IGNORECASE)
_PASSWORD_IN_CONNINFO = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
#: Query parameters of this library, removed before the URL reaches libpq (which rejects
#: unknown ones).
OWN_POSTGRES_PARAMETERS = frozenset({"schema", "pool", "pool_min_size", "pool_max_size"})


def _printable(text: str) -> str:
    """``text`` without lone surrogates (a non-UTF-8 file name decoded with
    ``surrogateescape``): each undecodable byte shows as ``\\xNN``, so the URL can be printed."""
    if text.isascii():
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (userinfo, ``?password=``, a libpq
    ``password=`` setting), safe to print."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        if ":" not in url.partition("=")[0]:  # a libpq conninfo string: host=h password=p
            return _printable(_PASSWORD_IN_CONNINFO.sub(r"\1***", url))
        return _printable(url)
    end = len(rest)
    for stop in "/?#":
        found = rest.find(stop)
        if found != -1:
            end = min(end, found)
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        userinfo, _, hosts = authority.rpartition("@")
        if ":" in userinfo:
            authority = f"{userinfo.partition(':')[0]}:***@{hosts}"
    path, question, query = tail.partition("?")
    if question:
        tail = path + "?" + _PASSWORD_PARAMETER.sub(r"\1***", query)
    return _printable(f"{scheme}://{authority}{tail}")


def sqlite_path(url: str) -> str:
    """The file path in ``sqlite:///relative.db``, ``sqlite:////abs.db``, ``sqlite:///:memory:``
    (the SQLAlchemy convention: three slashes, then the path). ``UsageError`` otherwise.

    A path may hold any character a file name can (non-UTF-8 bytes arrive as
    ``surrogateescape`` characters and are passed to the file system as those bytes), but not
    NUL, which would end the name early and open another file."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise UsageError(
            f"{redact_url(url)!r}: an SQLite store URL is sqlite:///PATH (sqlite:////abs/path.db)"
        )
    path = url[len(prefix):]
    if "\x00" in path:
        raise UsageError(f"{redact_url(url)!r}: a file path cannot contain a NUL character")
    try:
        os.fsencode(path)
    except UnicodeEncodeError:
        raise UsageError(
            f"{redact_url(url)!r}: the path has characters this system cannot put in a file name"
        ) from None
    return path


def split_postgres_url(url: str) -> tuple[str, dict[str, str]]:
    """Check a ``postgresql://`` URL and split this library's own query parameters off it.

    Returns the URL for libpq as written up to the ``?`` (so ``postgresql:///db?host=/run/pg``
    keeps its three slashes) and its other query parameters, and the parameters removed.
    A URL that cannot be parsed (``postgresql://[::1/db``) is a ``UsageError``.
    """
    if "\x00" in url:
        raise UsageError(f"{redact_url(url)!r}: a store URL cannot contain a NUL character")
    if "://" not in url:
        return url, {}
    try:
        urlsplit(url)
    except ValueError as exc:
        raise UsageError(f"{redact_url(url)!r} is not a valid PostgreSQL URL: {exc}") from None
    base, question, query = url.partition("?")
    if not question:
        return url, {}
    kept: list[tuple[str, str]] = []
    own: dict[str, str] = {}
    # Query values are read as Python's urlencode() writes them ('+' is a space), as before,
    # and passed on percent-encoded, which is what libpq decodes.
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in OWN_POSTGRES_PARAMETERS:
            own[key] = value
        else:
            kept.append((key, value))
    return (f"{base}?{urlencode(kept, quote_via=quote)}" if kept else base), own
