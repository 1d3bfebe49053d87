"""Crash safety and concurrency of the PostgreSQL store, with real processes and a real server.

Each test runs on a fresh schema (the ``postgres_url`` fixture); it is skipped, with the
reason, when ``GDPR_REGISTER_TEST_POSTGRES_URL`` is not set (CI sets it, so there they run).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest

from gdpr_register.errors import ConflictError
from gdpr_register.model import SubjectEvent, TransferMechanism
from gdpr_register.storage import open_store
from gdpr_register.testing.contract import sample_notice

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# Child processes: each opens the store by URL, like an independent application would.
_KILLED_WRITER = """
import sys, time
from datetime import date, timedelta
from gdpr_register.model import SubjectEvent
from gdpr_register.storage import open_store

store = open_store(sys.argv[1], pool=False)
total = int(sys.argv[2])

def events():
    for i in range(total):
        if i == total // 2:
            print("HALFWAY", flush=True)
            time.sleep(600)  # killed here, in the middle of the COPY
        yield SubjectEvent(subject=f"k{i}", kind="contact", on=date(2020, 1, 1))

store.ledger.append(events())
print("FINISHED", flush=True)
"""

_SAVER = """
import sys
from gdpr_register.errors import ConflictError
from gdpr_register.model import TransferMechanism
from gdpr_register.storage import open_store
from gdpr_register.testing.contract import sample_notice

store = open_store(sys.argv[1], pool=False)
notice = sample_notice(mechanism=TransferMechanism(sys.argv[2]))
store.notices.get(notice.id)  # connected and warm before the start signal
print("READY", flush=True)
sys.stdin.readline()
try:
    version = store.notices.save(notice, expected_version=1)
except ConflictError:
    print("CONFLICT", flush=True)
else:
    print(f"SAVED {version}", flush=True)
"""

_APPENDER = """
import sys
from datetime import date, timedelta
from gdpr_register.model import SubjectEvent
from gdpr_register.storage import open_store

store = open_store(sys.argv[1])
worker, batches, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
print("READY", flush=True)
sys.stdin.readline()
for b in range(batches):
    store.ledger.append(
        SubjectEvent(subject=f"w{worker}-{b}-{i}", kind="contact",
                     on=date(2020, 1, 1) + timedelta(days=i % 400), details=f"{worker}/{b}/{i}")
        for i in range(size)
    )
store.close()
print("DONE", flush=True)
"""


def _child(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _expect(child: subprocess.Popen[str], line: str) -> None:
    assert child.stdout is not None
    got = child.stdout.readline().strip()
    if got != line:
        child.kill()
        _, err = child.communicate(timeout=30)
        pytest.fail(f"child said {got!r}, expected {line!r}; stderr:\n{err}")


def _count_events(url: str) -> int:
    with open_store(url, pool=False) as store:  # opens cleanly after the kill
        subjects = list(store.ledger.subjects())
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM gdpr_events").fetchone()
    assert row is not None
    assert len(subjects) == row[0]  # one event per subject in these batches
    return int(row[0])


def test_sigkill_mid_append_leaves_none_of_the_batch(postgres_url: str) -> None:
    with open_store(postgres_url, pool=False) as store:
        store.ledger.append(
            SubjectEvent(subject=f"before{i}", kind="contact", on=date(2019, 1, 1))
            for i in range(100)
        )
    writer = _child(_KILLED_WRITER, postgres_url, "20000")
    _expect(writer, "HALFWAY")  # 10,000 rows are already in the COPY stream
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    with open_store(postgres_url, pool=False) as store:  # opens cleanly afterwards
        subjects = list(store.ledger.subjects())
        assert subjects == sorted(f"before{i}" for i in range(100))
        assert [e.action for e in store.audit.entries()] == ["ledger.append"]
        assert store.ledger.append([SubjectEvent(subject="after", kind="x", on="2021-01-01")]) == 1
        assert "after" in list(store.ledger.subjects())


def test_a_finished_append_survives_the_writer(postgres_url: str) -> None:
    writer = _child(_KILLED_WRITER.replace("total // 2", "-1"), postgres_url, "3000")
    _expect(writer, "FINISHED")
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    assert _count_events(postgres_url) == 3000


@pytest.mark.parametrize("round_", range(3))
def test_two_processes_saving_from_the_same_version(postgres_url: str, round_: int) -> None:
    with open_store(postgres_url, pool=False) as store:
        assert store.notices.save(sample_notice()) == 1
    mechanisms = [TransferMechanism.SCC_2021, TransferMechanism.DPF]
    children = [_child(_SAVER, postgres_url, m.value) for m in mechanisms]
    for child in children:
        _expect(child, "READY")
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outcomes = []
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        outcomes.append(out.strip())
    assert sorted(o.split()[0] for o in outcomes) == ["CONFLICT", "SAVED"]
    winner = mechanisms[next(i for i, o in enumerate(outcomes) if o == "SAVED 2")]
    with open_store(postgres_url, pool=False) as store:
        assert [v.version for v in store.notices.history("acme")] == [1, 2]
        latest = store.notices.get("acme")
        assert latest.notice.registers[0].transfers[0].mechanism is winner
        # The loser saw ConflictError; its change was not silently lost: it can retry on v2.
        with pytest.raises(ConflictError):
            store.notices.save(sample_notice(), expected_version=1)
        assert store.notices.save(sample_notice(), expected_version=2) == 3
        assert [e.details for e in store.audit.entries()] == [
            "version=1", "version=2", "version=3"
        ]


def test_four_processes_appending_lose_no_event(postgres_url: str) -> None:
    workers, batches, size = 4, 5, 2000
    open_store(postgres_url, pool=False).close()  # create the schema before the race
    children = [
        _child(_APPENDER, postgres_url, str(w), str(batches), str(size)) for w in range(workers)
    ]
    for child in children:
        _expect(child, "READY")
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert out.strip() == "DONE"
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute("SELECT convert_from(details, 'UTF8') FROM gdpr_events").fetchall()
    details = Counter(r[0] for r in rows)
    expected = {f"{w}/{b}/{i}" for w in range(workers) for b in range(batches) for i in range(size)}
    assert set(details) == expected
    assert max(details.values()) == 1
    with open_store(postgres_url, pool=False) as store:
        entries = store.audit.entries()
        assert [e.seq for e in entries] == list(range(1, workers * batches + 1))
        assert Counter(e.details for e in entries) == {f"events={size}": workers * batches}
        assert store.ledger.events("w3-4-1999")[0].details == "3/4/1999"


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_first_opens_create_the_schema_once(postgres_url: str, round_: int) -> None:
    script = (
        "import sys\nfrom gdpr_register.storage import open_store\n"
        "print(open_store(sys.argv[1], pool=False).schema_version)"
    )
    children = [_child(script, postgres_url) for _ in range(4)]
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        assert out.strip() == "1"


def test_pooled_store_serves_threads(postgres_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with open_store(postgres_url, pool_min_size=2, pool_max_size=4) as store:

        def work(n: int) -> int:
            return store.ledger.append(
                SubjectEvent(subject=f"t{n}-{i}", kind="contact", on=date(2020, 1, 1))
                for i in range(50)
            )

        with ThreadPoolExecutor(max_workers=8) as pool:  # more threads than connections
            assert sum(pool.map(work, range(16))) == 800
        assert len(list(store.ledger.subjects())) == 800
        assert [e.seq for e in store.audit.entries()] == list(range(1, 17))


def test_concurrent_saves_without_expected_version_all_succeed(postgres_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with open_store(postgres_url, pool_min_size=4, pool_max_size=4) as store:
        with ThreadPoolExecutor(max_workers=4) as pool:
            versions = list(pool.map(lambda _: store.notices.save(sample_notice()), range(24)))
        assert sorted(versions) == list(range(1, 25))
        assert [v.version for v in store.notices.history("acme")] == list(range(1, 25))
