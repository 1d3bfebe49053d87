"""Backends under test: every storage test that takes ``store_factory`` runs on each.

``postgres`` needs ``GDPR_REGISTER_TEST_POSTGRES_URL`` (CI's ``.ci/postgres.sh`` sets it) and
the ``gdpr_register.storage.postgres`` module; each test gets a fresh schema of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gdpr_register.storage import Store, open_store

from ._pg import fresh_postgres_schema, postgres_skip_reason


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose default schema is new and empty, dropped after the test."""
    reason = postgres_skip_reason()
    if reason is not None:
        pytest.skip(reason)
    url, drop = fresh_postgres_schema()
    try:
        yield url
    finally:
        drop()


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
