"""Backends under test: every storage test that takes ``store_factory`` runs on each.

``postgres`` needs ``GDPR_REGISTER_TEST_POSTGRES_URL`` (CI's ``.ci/postgres.sh`` sets it) and
the ``gdpr_register.storage.postgres`` module; each test gets a fresh schema of its own.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from gdpr_register.storage import Store, open_store

StoreFactory = Callable[[], Store]
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


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose default schema is new and empty, dropped after the test."""
    reason = postgres_skip_reason()
    if reason is not None:
        pytest.skip(reason)
    import psycopg

    base = os.environ[POSTGRES_ENV]
    schema = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(base, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')  # a generated identifier, not user input
    try:
        yield with_search_path(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "memory":
        return "memory:"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store_factory(store_url: str) -> Iterator[Callable[..., Store]]:
    """Opens stores on this test's database (memory: always the same store object)."""
    opened: list[Store] = []
    memory: Store | None = None

    def factory(**options: Any) -> Store:
        nonlocal memory
        if store_url == "memory:":
            if memory is None:
                memory = open_store(store_url)
            return memory
        store = open_store(store_url, **options)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()
