"""Concurrent batches of notice saves (``save_all``, what ``store import`` uses): of two
batches saving from the same versions exactly one wins, whatever order they name the
notices in (no deadlock), and the loser saves nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable

from gdpr_register.errors import ConflictError
from gdpr_register.model import Notice
from gdpr_register.storage import Store
from gdpr_register.testing.contract import sample_notice


def test_two_batches_from_the_same_versions(store_factory: Callable[..., Store]) -> None:
    first, second = store_factory(), store_factory()  # two connections (memory: one store)
    batches: list[list[Notice]] = [
        [sample_notice("a"), sample_notice("b"), sample_notice("c")],
        [sample_notice("c"), sample_notice("b"), sample_notice("a")],
    ]
    barrier = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def save(index: int, store: Store) -> None:
        barrier.wait()
        try:
            outcomes[index] = store.notices.save_all(batches[index], expected_version=0)
        except ConflictError as exc:
            outcomes[index] = exc

    threads = [threading.Thread(target=save, args=(i, s)) for i, s in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(type(o).__name__ for o in outcomes) == ["ConflictError", "tuple"]
    assert (1, 1, 1) in outcomes
    for notice_id in "abc":
        assert [v.version for v in first.notices.history(notice_id)] == [1]
    assert [e.action for e in first.audit.entries()] == ["notice.save"] * 3

