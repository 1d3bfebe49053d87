"""Schema versions: every released schema's fixture store opens and upgrades; newer ones are
refused; a migration runs in one transaction."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest

from gdpr_register.errors import StoreUnavailable
from gdpr_register.model import RightKind, SubjectEvent
from gdpr_register.storage import RequestStatus, open_store
from gdpr_register.storage import sqlite as backend
from gdpr_register.testing.contract import sample_notice

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA_FIXTURES = sorted(FIXTURES.glob("sqlite-schema-*.db"))

FIXTURE_EVENTS = [
    SubjectEvent(subject="cust-1", kind="service_contact", on=date(2020, 5, 1), details="x'y"),
    SubjectEvent(subject="cust-2", kind="invoice", on=date(2021, 1, 31)),
]


def build_fixture(path: Path) -> None:
    """The content every schema fixture holds (written by that release's code)."""
    with open_store(f"sqlite:///{path}") as store:
        store.notices.save(sample_notice())
        store.ledger.append(FIXTURE_EVENTS)
        store.requests.open(subject="cust-1", right=RightKind.ACCESS,
                            received=date(2026, 1, 2), request_id="req-1")
        store.requests.record_outcome("req-1", status=RequestStatus.COMPLETED)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    conn.close()


def _copy(fixture: Path, tmp_path: Path) -> Path:
    target = tmp_path / fixture.name
    shutil.copyfile(fixture, target)
    return target


def test_a_fixture_exists_for_the_current_schema() -> None:
    assert FIXTURES / f"sqlite-schema-{backend.SCHEMA_VERSION}.db" in SCHEMA_FIXTURES
    assert sorted(backend.MIGRATIONS) == list(range(1, backend.SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=lambda p: p.name)
def test_released_schema_opens_with_its_data(fixture: Path, tmp_path: Path) -> None:
    path = _copy(fixture, tmp_path)
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version == backend.SCHEMA_VERSION
        assert store.notices.get("acme").notice == sample_notice()
        assert [store.ledger.events(e.subject) for e in FIXTURE_EVENTS] == [
            (e,) for e in FIXTURE_EVENTS
        ]
        assert store.requests.get("req-1").status is RequestStatus.COMPLETED
        store.ledger.append([SubjectEvent(subject="cust-3", kind="contact", on=date(2026, 1, 1))])
        assert list(store.ledger.subjects()) == ["cust-1", "cust-2", "cust-3"]


def _with_v2(monkeypatch: pytest.MonkeyPatch, statements: tuple[str, ...]) -> None:
    monkeypatch.setattr(backend, "MIGRATIONS", {**backend.MIGRATIONS, 2: statements})
    monkeypatch.setattr(backend, "SCHEMA_VERSION", 2)


def test_older_schema_is_upgraded_and_audited(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    path = _copy(FIXTURES / "sqlite-schema-1.db", tmp_path)
    _with_v2(monkeypatch, ("ALTER TABLE events ADD COLUMN source TEXT",))
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version == 2
        last = store.audit.entries()[-1]
        assert (last.action, last.target, last.details) == ("store.migrate", "schema",
                                                            "from=1 to=2")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version FROM schema_version").fetchone() == (2,)
    assert "source" in [row[1] for row in conn.execute("PRAGMA table_info(events)")]
    conn.close()


def test_failed_upgrade_changes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = _copy(FIXTURES / "sqlite-schema-1.db", tmp_path)
    _with_v2(monkeypatch, (
        "ALTER TABLE events ADD COLUMN source TEXT",
        "THIS IS NOT SQL",
    ))
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{path}")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version FROM schema_version").fetchone() == (1,)
    assert "source" not in [row[1] for row in conn.execute("PRAGMA table_info(events)")]
    conn.close()
    monkeypatch.undo()
    with open_store(f"sqlite:///{path}") as store:  # still a good version-1 store
        assert store.notices.ids() == ("acme",)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = _copy(FIXTURES / "sqlite-schema-1.db", tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = ?", (backend.SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreUnavailable) as caught:
        open_store(f"sqlite:///{path}")
    assert str(backend.SCHEMA_VERSION + 1) in str(caught.value)
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{path}", read_only=True)


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{path}")
    not_sqlite = tmp_path / "text.db"
    not_sqlite.write_text("hello, not a database " * 100)
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{not_sqlite}")


if __name__ == "__main__":  # python tests/storage/test_migrations.py OUT.db
    build_fixture(Path(sys.argv[1]))
