"""Schema versions of the PostgreSQL store: the released v1 fixture opens, upgrades run in one
transaction (all steps or none), a newer schema is refused untouched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gdpr_register.errors import StoreError, StoreUnavailable
from gdpr_register.model import RightKind, SubjectEvent, TransferMechanism
from gdpr_register.storage import RequestStatus, open_store
from gdpr_register.storage import _pg_schema as pg_schema

pytestmark = pytest.mark.postgres

FIXTURES = Path(__file__).parent / "fixtures"


def _load(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute(FIXTURES.joinpath(name).read_text(encoding="utf-8"))


def _meta_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT value FROM gdpr_meta WHERE key = 'schema_version'").fetchone()
    assert row is not None
    return str(row[0])


def test_version_numbers_are_the_sqlite_backends() -> None:
    from gdpr_register.storage import postgres, sqlite

    assert postgres.SCHEMA_VERSION == sqlite.SCHEMA_VERSION
    assert sorted(pg_schema.MIGRATIONS) == sorted(sqlite.MIGRATIONS)
    assert sorted(pg_schema.MIGRATIONS) == list(range(1, pg_schema.SCHEMA_VERSION + 1))


def test_new_store_gets_the_current_version(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        assert store.schema_version == pg_schema.SCHEMA_VERSION
        assert store.audit.entries() == ()
    assert _meta_version(postgres_url) == str(pg_schema.SCHEMA_VERSION)


def test_released_v1_store_opens_and_reads(postgres_url: str) -> None:
    _load(postgres_url, "postgres_schema_v1.sql")
    with open_store(postgres_url) as store:
        assert store.schema_version == pg_schema.SCHEMA_VERSION
        assert [v.version for v in store.notices.history("acme")] == [1, 2]
        latest = store.notices.get("acme").notice
        assert latest.registers[0].transfers[0].mechanism is TransferMechanism.SCC_2021
        assert list(store.ledger.subjects()) == ["cust-1", "nul\x00key"]
        assert [(e.kind, e.on, e.details) for e in store.ledger.events("cust-1")] == [
            ("service_contact", date(2019, 3, 4), "called; 'ok'"),
            ("invoice", date(2019, 3, 31), None),
        ]
        assert store.ledger.events("nul\x00key")[0].on == date(2024, 2, 29)
        done = store.requests.get("r-1")
        assert (done.status, done.details, done.subject) == (
            RequestStatus.COMPLETED, "copy sent", "cust-1")
        assert store.requests.get("r-2").subject is None
        (receipt,) = store.ledger.receipts(request_id="r-2")
        assert (receipt.events_erased, receipt.event_kinds) == (1, ("newsletter",))
        before = store.audit.entries()
        assert [e.action for e in before][-1] == "ledger.erase"
        # Writing continues where the fixture left off: sequences and the audit trail.
        store.ledger.append([SubjectEvent(subject="cust-1", kind="invoice", on="2020-01-01")])
        store.requests.open(subject="cust-9", right=RightKind.ACCESS, received=date(2026, 3, 1))
        assert [e.seq for e in store.audit.entries()] == list(range(1, len(before) + 3))
        assert [r.id for r in store.requests.list()][:2] == ["r-1", "r-2"]


def _pretend_version_2(monkeypatch: pytest.MonkeyPatch, *steps: str) -> None:
    monkeypatch.setattr(pg_schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(pg_schema.MIGRATIONS, 2, steps)


def test_an_older_store_is_upgraded_with_an_audit_entry(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(postgres_url, "postgres_schema_v1.sql")
    _pretend_version_2(monkeypatch, "ALTER TABLE gdpr_requests ADD COLUMN channel text")
    with open_store(postgres_url) as store:
        assert store.schema_version == 2
        last = store.audit.entries()[-1]
        assert (last.action, last.target, last.details) == (
            "store.migrate", "schema", "from=1 to=2")
        assert store.requests.get("r-1").details == "copy sent"
    assert _meta_version(postgres_url) == "2"
    with open_store(postgres_url) as again:  # a second open has nothing to do
        assert [e.action for e in again.audit.entries()].count("store.migrate") == 1


def test_a_failing_upgrade_changes_nothing(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(postgres_url, "postgres_schema_v1.sql")
    _pretend_version_2(
        monkeypatch,
        "ALTER TABLE gdpr_requests ADD COLUMN channel text",
        "UPDATE gdpr_requests SET channel = 'x' WHERE 1 / 0 = 1",
    )
    with pytest.raises(StoreError):
        open_store(postgres_url)
    monkeypatch.undo()
    assert _meta_version(postgres_url) == "1"
    with open_store(postgres_url) as store:  # still a good v1 store: DDL was rolled back
        assert store.schema_version == 1
        assert store.requests.get("r-1").status is RequestStatus.COMPLETED
        assert "store.migrate" not in [e.action for e in store.audit.entries()]
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        columns = conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'gdpr_requests'"
        ).fetchall()
    assert "channel" not in {c[0] for c in columns}


def test_a_newer_store_is_refused_untouched(postgres_url: str) -> None:
    import psycopg

    open_store(postgres_url).close()
    newer = str(pg_schema.SCHEMA_VERSION + 1)
    with psycopg.connect(postgres_url) as conn:
        conn.execute("UPDATE gdpr_meta SET value = %s WHERE key = 'schema_version'", (newer,))
    with pytest.raises(StoreUnavailable) as caught:
        open_store(postgres_url)
    assert newer in str(caught.value)
    assert _meta_version(postgres_url) == newer
