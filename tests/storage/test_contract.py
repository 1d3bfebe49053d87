"""The shipped contract suite, run on every backend (see conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gdpr_register.storage import Store
from gdpr_register.testing.contract import StoreContract


class TestStoreContract(StoreContract):
    @pytest.fixture(autouse=True)
    def _use_factory(self, store_url: str) -> None:
        self._url = store_url

    def make_store(self) -> Store:
        from gdpr_register.storage import open_store

        return open_store(self._url)


def test_factory_reopens_the_same_database(store_factory: Callable[..., Store]) -> None:
    from datetime import date

    from gdpr_register.model import SubjectEvent

    first = store_factory()
    first.ledger.append([SubjectEvent(subject="a", kind="contact", on=date(2020, 1, 1))])
    second = store_factory()
    assert list(second.ledger.subjects()) == ["a"]
