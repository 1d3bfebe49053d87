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


def test_every_contract_test_the_guarantees_page_names_exists() -> None:
    import re
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "guarantees.md").read_text(encoding="utf-8")
    named = re.findall(r"`StoreContract\.(test_\w+)`", page)
    assert named
    assert [name for name in named if not hasattr(StoreContract, name)] == []
