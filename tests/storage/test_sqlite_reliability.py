"""SQLite under stress: crashes, concurrent processes, physical erasure, failures that must
be clear and quick. Real processes, real files."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import attrs
import pytest

from gdpr_register.errors import ConflictError, StoreUnavailable, UsageError
from gdpr_register.model import RightKind, SubjectEvent
from gdpr_register.storage import open_store
from gdpr_register.testing.contract import HOSTILE_SUBJECTS, sample_notice

pytestmark = pytest.mark.slow


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


# --------------------------------------------------------------------------- crash safety

_WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from gdpr_register.model import SubjectEvent
    from gdpr_register.storage import open_store

    def events():
        for n in range(5_000_000):
            if n == 200_000:
                print("mid-batch", flush=True)
            yield SubjectEvent(subject=f"batch-{n}", kind="contact", on=date(2020, 1, 1))

    store = open_store(sys.argv[1])
    store.ledger.append(events())
    print("finished", flush=True)
""")


def test_sigkill_during_bulk_append_leaves_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    with open_store(_url(path)) as store:
        store.ledger.append(
            SubjectEvent(subject=f"kept-{n}", kind="contact", on=date(2019, 1, 1))
            for n in range(10)
        )
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, _url(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "mid-batch"
    time.sleep(0.2)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    with open_store(_url(path)) as store:
        subjects = list(store.ledger.subjects())
        assert subjects == sorted(f"kept-{n}" for n in range(10))
        assert [e.details for e in store.audit.entries()] == ["events=10"]
        store.ledger.append([SubjectEvent(subject="after", kind="contact", on=date(2020, 1, 1))])
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


# --------------------------------------------------------------------------- concurrency


def _save_from_version_1(url: str, barrier: multiprocessing.synchronize.Barrier,
                         results: multiprocessing.Queue[str], tag: str) -> None:
    from gdpr_register.model import TransferMechanism

    with open_store(url) as store:
        barrier.wait()
        try:
            notice = sample_notice(mechanism=TransferMechanism.SCC_2021)
            store.notices.save(attrs.evolve(notice, title=f"saved by {tag}"),
                               expected_version=1)
            results.put(f"saved {tag}")
        except ConflictError:
            results.put("conflict")


def test_two_processes_saving_from_the_same_version(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for round_ in range(3):
        url = _url(tmp_path / f"race-{round_}.db")
        with open_store(url) as store:
            store.notices.save(sample_notice())
        barrier = context.Barrier(2)
        results: multiprocessing.Queue[str] = context.Queue()
        workers = [
            context.Process(target=_save_from_version_1, args=(url, barrier, results, tag))
            for tag in ("a", "b")
        ]
        for worker in workers:
            worker.start()
        outcomes = sorted(results.get(timeout=60) for _ in workers)
        for worker in workers:
            worker.join(timeout=60)
        assert outcomes[0] == "conflict"
        assert outcomes[1] in ("saved a", "saved b")
        with open_store(url) as store:
            history = store.notices.history("acme")
            assert [v.version for v in history] == [1, 2]
            winner = outcomes[1].split()[1]
            assert store.notices.get("acme").notice.title == f"saved by {winner}"


def _append_many(url: str, worker: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    with open_store(url, timeout=60) as store:
        barrier.wait()
        for batch in range(40):
            store.ledger.append(
                SubjectEvent(subject=f"w{worker}-{batch}-{n}", kind="contact",
                             on=date(2020, 1, 1))
                for n in range(250)
            )


def test_four_processes_appending_lose_no_event(tmp_path: Path) -> None:
    url = _url(tmp_path / "append.db")
    open_store(url).close()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(4)
    workers = [context.Process(target=_append_many, args=(url, w, barrier)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    with open_store(url) as store:
        subjects = list(store.ledger.subjects())
        assert len(subjects) == 4 * 40 * 250
        assert set(subjects) == {
            f"w{w}-{b}-{n}" for w in range(4) for b in range(40) for n in range(250)
        }
        appends = [e for e in store.audit.entries() if e.action == "ledger.append"]
        assert len(appends) == 160
        assert [e.seq for e in store.audit.entries()] == list(range(1, 161))


# --------------------------------------------------------------------------- erasure


def _store_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-journal"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            data += candidate.read_bytes()
    return data


@pytest.mark.parametrize("close_first", [False, True])
def test_erasure_is_physical(tmp_path: Path, close_first: bool) -> None:
    path = tmp_path / "erase.db"
    key = "subject-7f3a9c-Ääkkönen"
    secret = "phoned from +358-40-7654321 about the overdue invoice"
    store = open_store(_url(path))
    for batch in range(5):  # interleave with other subjects so pages split around the target
        store.ledger.append(
            SubjectEvent(subject=f"other-{batch}-{n:05}", kind="contact", on=date(2020, 1, 1),
                         details="unrelated " * 10)
            for n in range(2000)
        )
        store.ledger.append([SubjectEvent(subject=key, kind="contact", on=date(2020, 1, 2),
                                          details=f"{secret} #{batch}")])
    request = store.requests.open(subject=key, right=RightKind.ERASURE,
                                  received=date(2026, 11, 1), details=f"from {key}")
    assert key.encode() in _store_bytes(path)
    receipt = store.ledger.erase(subject=key, request_id=request.id, reason="Art 17(1)(a)")
    if close_first:
        store.close()
        store = open_store(_url(path))
    data = _store_bytes(path)
    assert key.encode() not in data
    assert key.encode("utf-16-le") not in data
    assert b"+358-40-7654321" not in data
    assert b"overdue invoice" not in data
    # What remains: the receipt and the scrubbed request record, without personal data.
    assert store.ledger.receipts() == (receipt,)
    assert receipt.events_erased == 5
    assert store.requests.get(request.id).subject is None
    assert len(list(store.ledger.subjects())) == 10_000
    store.close()


# --------------------------------------------------------------------------- hostile input


def test_hostile_input_survives_reopening(tmp_path: Path) -> None:
    url = _url(tmp_path / "hostile.db")
    with open_store(url) as store:
        store.ledger.append(
            SubjectEvent(subject=key, kind="contact", on=date(2020, 1, 1), details=key[:900] or "x")
            for key in HOSTILE_SUBJECTS
            if "\x00" not in key
        )
        store.ledger.append(
            SubjectEvent(subject=key, kind="contact", on=date(2020, 1, 1))
            for key in HOSTILE_SUBJECTS
            if "\x00" in key
        )
    with open_store(url) as store:
        assert list(store.ledger.subjects()) == sorted(HOSTILE_SUBJECTS)
        for key in HOSTILE_SUBJECTS:
            assert [e.subject for e in store.ledger.events(key)] == [key]
        tables = {r[0] for r in sqlite3.connect(tmp_path / "hostile.db").execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "events" in tables


# --------------------------------------------------------------------------- failures


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    url = _url(tmp_path / "no" / "such" / "dir" / "x.db")
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    assert url in str(caught.value)


def test_read_only_store_refuses_writes_clearly(tmp_path: Path) -> None:
    url = _url(tmp_path / "ro.db")
    with open_store(url) as store:
        store.notices.save(sample_notice())
    with open_store(url, read_only=True) as store:
        assert store.notices.get("acme").version == 1
        with pytest.raises(StoreUnavailable) as caught:
            store.notices.save(sample_notice())
        assert url in str(caught.value)
        with pytest.raises(StoreUnavailable):
            store.ledger.append([SubjectEvent(subject="a", kind="contact", on=date(2020, 1, 1))])
    with pytest.raises(StoreUnavailable):
        open_store(_url(tmp_path / "absent.db"), read_only=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_a_clear_error(tmp_path: Path) -> None:  # pragma: no cover - root CI
    path = tmp_path / "perm.db"
    open_store(_url(path)).close()
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(StoreUnavailable):
            open_store(_url(path))
    finally:
        tmp_path.chmod(0o755)


def test_a_locked_store_times_out_instead_of_hanging(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    url = _url(path)
    open_store(url).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        with open_store(url, timeout=0.3) as store:
            started = time.monotonic()
            with pytest.raises(StoreUnavailable) as caught:
                store.notices.save(sample_notice())
            assert time.monotonic() - started < 10  # bounded by the timeout, not forever
            assert url in str(caught.value)
            assert store.notices.ids() == ()  # readers are not blocked (WAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_bad_urls_and_options() -> None:
    with pytest.raises(UsageError):
        open_store("sqlite://relative-without-third-slash.db")
    with pytest.raises(UsageError):
        open_store("mysql://u@h/db")
    with pytest.raises(UsageError):
        open_store("sqlite:///:memory:", timeout=-1)


def test_postgres_errors_never_show_the_password() -> None:
    url = "postgresql://user:s3cr3t-pw@127.0.0.1:1/nodb"
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    assert time.monotonic() - started < 60
    assert "s3cr3t-pw" not in str(caught.value)
    assert "postgresql://user:***@127.0.0.1:1/nodb" in str(caught.value)
