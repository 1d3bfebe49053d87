"""A throw-away PostgreSQL schema per test (CI's server; skipped without one)."""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

POSTGRES_ENV = "GDPR_REGISTER_TEST_POSTGRES_URL"


def postgres_skip_reason() -> str | None:
    if not os.environ.get(POSTGRES_ENV):
        return f"PostgreSQL tests need a server: set {POSTGRES_ENV} (CI starts one)"
    if importlib.util.find_spec("gdpr_register.storage.postgres") is None:
        return "gdpr_register.storage.postgres is not there yet"
    if importlib.util.find_spec("psycopg") is None:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    return None


def with_search_path(url: str, schema: str) -> str:
    """``url`` whose connections use ``schema`` (libpq's ``options`` parameter)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


def fresh_postgres_schema() -> tuple[str, Callable[[], None]]:
    """A URL whose connections default to a new, empty schema, and how to drop it."""
    import psycopg

    base = os.environ[POSTGRES_ENV]
    schema = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(base, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')  # a generated identifier, not user input

    def drop() -> None:
        with psycopg.connect(base, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return with_search_path(base, schema), drop
