"""Hostile input in the PostgreSQL store: quotes, semicolons, NUL, every plane of Unicode and very
long strings are stored and returned exactly (keys are ``bytea`` of their UTF-8 encoding). Lone
surrogates are refused as by every backend (the contract suite checks that)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdpr_register.model import RightKind, SubjectEvent
from gdpr_register.storage import Store, open_store
from gdpr_register.testing.contract import HOSTILE_SUBJECTS

pytestmark = pytest.mark.postgres

# Any character, including NUL and control characters (not lone surrogates: not Unicode text).
ANY_TEXT = st.characters(exclude_categories=["Cs"])
KEYS = st.text(ANY_TEXT, min_size=1, max_size=1000)


@pytest.fixture
def store(postgres_url: str) -> Iterator[Store]:
    with open_store(postgres_url, pool_max_size=2) as opened:
        yield opened


def _widest(n: int) -> str:
    # 4 bytes of UTF-8 each, varied so that compression cannot shrink them.
    return "".join(chr(0x1F300 + (i * 7919) % 0x2FF) for i in range(n))


@pytest.mark.parametrize(
    "key",
    [*HOSTILE_SUBJECTS, _widest(1000), "\U0010fffd last plane \ufffe", "%(x)s {0} \\x00"],
)
def test_hostile_keys_round_trip_in_every_part(store: Store, key: str) -> None:
    events = [
        SubjectEvent(subject=key, kind="contact", on=date(2020, 1, 2), details="b;'\"--"),
        SubjectEvent(subject=key, kind="contact", on=date(2020, 1, 1)),
    ]
    assert store.ledger.append(events) == 2
    assert store.ledger.events(key) == (events[1], events[0])
    assert list(store.ledger.subjects()) == [key]
    rid = key + ";rid"
    opened = store.requests.open(subject=key, right=RightKind.ERASURE, received=date(2026, 1, 1),
                                 request_id=rid, details=key)
    assert store.requests.get(rid) == opened
    assert store.requests.list(subject=key) == (opened,)
    receipt = store.ledger.erase(subject=key, request_id=rid, reason=key + " asked")
    assert store.ledger.receipts(request_id=rid) == (receipt,)
    assert receipt.reason == key + " asked"
    assert store.requests.get(rid).subject is None
    assert store.ledger.events(key) == ()
    assert [e.target for e in store.audit.entries()][-1] == receipt.id


def test_very_long_request_fields(store: Store) -> None:
    from gdpr_register.errors import ConflictError

    rid = "r" + _widest(20_000)  # 80 kB: far past any B-tree entry limit
    details = "x\x00y" * 300_000  # about 1 MB with NUL bytes
    opened = store.requests.open(subject=_widest(1000), right=RightKind.ACCESS,
                                 received=date(2026, 1, 1), request_id=rid, details=details)
    assert store.requests.get(rid) == opened
    assert store.requests.get(rid).details == details
    with pytest.raises(ConflictError):
        store.requests.open(subject="other", right=RightKind.ACCESS, received=date(2026, 1, 1),
                            request_id=rid)
    assert len(store.requests.list()) == 1


def test_duplicate_long_request_id_is_a_conflict(store: Store) -> None:
    from gdpr_register.errors import ConflictError

    rid = _widest(5000)
    store.requests.open(subject="a", right=RightKind.ACCESS, received=date(2026, 1, 1),
                        request_id=rid)
    with pytest.raises(ConflictError):
        store.requests.open(subject="b", right=RightKind.ACCESS, received=date(2026, 1, 1),
                            request_id=rid)
    # A different id with the same prefix is a different request.
    store.requests.open(subject="b", right=RightKind.ACCESS, received=date(2026, 1, 1),
                        request_id=rid + "!")
    assert [r.subject for r in store.requests.list()] == ["a", "b"]


@settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(keys=st.lists(KEYS, min_size=1, max_size=12))
def test_any_keys_round_trip_and_sort_by_code_point(store: Store, keys: list[str]) -> None:
    for key in store.ledger.subjects():
        store.ledger.erase(subject=key, reason="reset between examples")
    store.ledger.append(
        SubjectEvent(subject=key, kind="contact", on=date(2020, 1, 1 + n % 28))
        for n, key in enumerate(keys)
    )
    assert list(store.ledger.subjects()) == sorted(set(keys))
    for key in set(keys):
        assert [e.subject for e in store.ledger.events(key)] == [key] * keys.count(key)
