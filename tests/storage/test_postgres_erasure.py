"""Erasure in PostgreSQL: no row keeps the subject; with ``vacuum(full=True)`` no page of the
live table and index files does either; the receipt stays, without personal data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from gdpr_register.model import RightKind, SubjectEvent
from gdpr_register.storage import open_store
from gdpr_register.storage.postgres import PostgresStore

pytestmark = pytest.mark.postgres

KEY = "erase-me;'\x00\"-7f3a91"
DETAILS = "invoice 4711 for Matti Meikäläinen"
KEEP = "keep-me-55c2"


@pytest.fixture
def store(postgres_url: str) -> Iterator[PostgresStore]:
    with open_store(postgres_url) as opened:
        assert isinstance(opened, PostgresStore)
        opened.ledger.append(
            [SubjectEvent(subject=KEY, kind="invoice", on=date(2020, 1, d), details=DETAILS)
             for d in range(1, 29)]
            + [SubjectEvent(subject=KEY, kind="service_contact", on=date(2021, 2, 3))]
            + [SubjectEvent(subject=KEEP, kind="service_contact", on=date(2021, 2, 3),
                            details="kept")]
        )
        opened.requests.open(subject=KEY, right=RightKind.ERASURE, received=date(2026, 1, 5),
                             request_id="req-1", details=f"asked by {DETAILS}")
        opened.requests.open(subject=KEEP, right=RightKind.ACCESS, received=date(2026, 1, 6),
                             request_id="req-2")
        yield opened


def _all_values(url: str) -> list[Any]:
    import psycopg
    from psycopg import sql

    values: list[Any] = []
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY 1"
        ).fetchall()
        assert len(tables) >= 6
        for (table,) in tables:
            for row in conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))):
                values.extend(row)
    return values


def _mentions(values: list[Any], needle: str) -> bool:
    raw = needle.encode("utf-8")
    for value in values:
        if isinstance(value, bytes | memoryview) and raw in bytes(value):
            return True
        if isinstance(value, str) and needle in value:
            return True
        if isinstance(value, list) and _mentions(value, needle):
            return True
    return False


def test_erase_leaves_no_row_and_keeps_a_receipt(store: PostgresStore, postgres_url: str) -> None:
    before = _all_values(postgres_url)
    assert _mentions(before, KEY)
    assert _mentions(before, DETAILS)

    receipt = store.ledger.erase(subject=KEY, request_id="req-1", reason="Art 17(1)(a)")

    after = _all_values(postgres_url)
    assert not _mentions(after, KEY)
    assert not _mentions(after, DETAILS)
    assert not _mentions(after, "erase-me")
    assert _mentions(after, KEEP)
    assert (receipt.events_erased, receipt.event_kinds, receipt.requests_scrubbed) == (
        29, ("invoice", "service_contact"), 1)
    assert store.ledger.receipts(request_id="req-1") == (receipt,)
    assert store.ledger.events(KEY) == ()
    assert store.ledger.events(KEEP)[0].details == "kept"
    assert store.requests.get("req-1").subject is None
    assert store.requests.get("req-2").subject == KEEP


def _raw_pages(url: str, relation: str) -> bytes:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public")
        except psycopg.Error as exc:
            pytest.skip(f"pageinspect is not available to this role: {exc}")
        blocks = conn.execute(
            "SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int",
            (relation,),
        ).fetchone()
        assert blocks is not None
        pages = [
            conn.execute("SELECT public.get_raw_page(%s, %s)", (relation, n)).fetchone()
            for n in range(blocks[0])
        ]
    return b"".join(bytes(p[0]) for p in pages if p is not None)


def test_vacuum_full_removes_the_erased_bytes_from_table_and_index_pages(
    store: PostgresStore, postgres_url: str
) -> None:
    marker = KEY.encode("utf-8")
    assert marker in _raw_pages(postgres_url, "gdpr_events")
    store.ledger.erase(subject=KEY, request_id="req-1", reason="Art 17(1)(a)")
    store.vacuum(full=True)
    for relation in ("gdpr_events", "gdpr_events_subject", "gdpr_requests",
                     "gdpr_requests_subject"):
        pages = _raw_pages(postgres_url, relation)
        assert marker not in pages, relation
        assert DETAILS.encode("utf-8") not in pages, relation
    assert KEEP.encode("utf-8") in _raw_pages(postgres_url, "gdpr_events")
    assert [e.subject for e in store.ledger.events(KEEP)] == [KEEP]


def _tuples_holding(url: str, relation: str, needle: bytes) -> int:
    """Row versions (live or dead) in the table's pages whose data contain ``needle``."""
    import psycopg

    _raw_pages(url, relation)  # makes sure pageinspect is there (or skips)
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM generate_series(0, pg_relation_size(%s::regclass) / "
            "current_setting('block_size')::int - 1) AS block, "
            "LATERAL public.heap_page_items(public.get_raw_page(%s, block::int)) AS item "
            "WHERE position(%s IN item.t_data) > 0",
            (relation, relation, needle),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_plain_vacuum_removes_the_dead_row_versions(
    store: PostgresStore, postgres_url: str
) -> None:
    marker = KEY.encode("utf-8")
    assert _tuples_holding(postgres_url, "gdpr_events", marker) == 29
    store.ledger.erase(subject=KEY, reason="retention sweep")
    store.vacuum()
    assert _tuples_holding(postgres_url, "gdpr_events", marker) == 0
    assert _tuples_holding(postgres_url, "gdpr_events", KEEP.encode("utf-8")) == 1
    assert list(store.ledger.subjects()) == [KEEP]
