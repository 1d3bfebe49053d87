"""Opening the PostgreSQL store: lazy import, timeouts, unreachable and read-only stores, the
password never shown, the pool recovering from dropped connections."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from gdpr_register.errors import StoreUnavailable, UsageError
from gdpr_register.model import SubjectEvent
from gdpr_register.storage import open_store
from gdpr_register.testing.contract import sample_notice

from ._pg import postgres_skip_reason


def _add_options(url: str, extra: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query["options"] = (query.get("options", "") + " " + extra).strip()
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.fixture
def psycopg_installed() -> None:
    reason = postgres_skip_reason()
    if reason is not None and "GDPR_REGISTER_TEST_POSTGRES_URL" not in reason:
        pytest.skip(reason)


def test_importing_the_library_neither_imports_the_driver_nor_connects() -> None:
    script = (
        "import sys\n"
        "import gdpr_register, gdpr_register.storage\n"
        "assert 'psycopg' not in sys.modules, 'driver imported eagerly'\n"
        "import psycopg\n"
        "def refuse(*a, **k): raise AssertionError('connected at import time')\n"
        "psycopg.connect = refuse\n"
        "psycopg.Connection.connect = refuse\n"
        "import gdpr_register.storage.postgres\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    if "No module named 'psycopg'" in done.stderr:
        pytest.skip("psycopg is not installed")
    assert done.stdout.strip() == "ok", done.stderr


@pytest.mark.usefixtures("psycopg_installed")
@pytest.mark.parametrize(
    "url",
    [
        "postgresql://alice:s3cret-pw@127.0.0.1:1/db",
        "postgresql://alice@127.0.0.1:1/db?password=s3cret-pw",
        "postgres://alice:s3cret-pw@127.0.0.1:1/db?schema=x&pool=false",
    ],
)
def test_unreachable_store_names_the_url_without_the_password(url: str) -> None:
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url, connect_timeout=2)
    assert time.monotonic() - started < 30
    assert "s3cret-pw" not in str(caught.value)
    assert "127.0.0.1:1" in str(caught.value)
    assert caught.value.__cause__ is not None  # translated with raise ... from


@pytest.mark.usefixtures("psycopg_installed")
def test_a_server_that_never_answers_times_out_instead_of_hanging() -> None:
    # A socket that accepts connections (the kernel completes the handshake) but never
    # speaks: only the connect timeout ends the wait.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as caught:
            open_store(f"postgresql://bob:pw-xyz@127.0.0.1:{port}/db", connect_timeout=2)
        elapsed = time.monotonic() - started
    assert 1.5 < elapsed < 20
    assert "pw-xyz" not in str(caught.value)
    assert f"127.0.0.1:{port}" in str(caught.value)


@pytest.mark.usefixtures("psycopg_installed")
@pytest.mark.parametrize(
    "options",
    [
        pytest.param({"schema": "1x"}, id="schema-digit"),
        pytest.param({"schema": 'a"; drop'}, id="schema-quote"),
        pytest.param({"connect_timeout": 0}, id="connect-timeout"),
        pytest.param({"statement_timeout": -1}, id="statement-timeout"),
        pytest.param({"pool_min_size": 5, "pool_max_size": 2}, id="pool-sizes"),
    ],
)
def test_bad_options_are_usage_errors(options: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        open_store("postgresql://nobody@127.0.0.1:1/db", **options)


@pytest.mark.usefixtures("psycopg_installed")
def test_bad_url_parameter_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        open_store("postgresql://nobody@127.0.0.1:1/db?pool_max_size=many")


def test_read_only_database_cannot_be_created(postgres_url: str) -> None:
    with pytest.raises(StoreUnavailable):
        open_store(_add_options(postgres_url, "-cdefault_transaction_read_only=on"))


def test_read_only_store_reads_but_refuses_writes(postgres_url: str) -> None:
    with open_store(postgres_url, pool=False) as store:
        store.notices.save(sample_notice())
    read_only = _add_options(postgres_url, "-cdefault_transaction_read_only=on")
    with open_store(read_only) as store:
        assert store.notices.get("acme").version == 1
        with pytest.raises(StoreUnavailable):
            store.notices.save(sample_notice())
        with pytest.raises(StoreUnavailable):
            store.ledger.append([SubjectEvent(subject="a", kind="contact", on=date(2020, 1, 1))])
    with open_store(postgres_url, pool=False) as store:
        assert list(store.ledger.subjects()) == []
        assert [v.version for v in store.notices.history("acme")] == [1]


def test_read_only_store_in_a_named_schema_opens(postgres_url: str) -> None:
    import psycopg

    schema = "gdpr_ro_check"
    try:
        with open_store(postgres_url, schema=schema) as store:
            store.notices.save(sample_notice())
        read_only = _add_options(postgres_url, "-cdefault_transaction_read_only=on")
        with open_store(read_only, schema=schema) as store:
            assert store.notices.ids() == ("acme",)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS gdpr_ro_check CASCADE")


@pytest.fixture
def table_locked(postgres_url: str) -> Iterator[None]:
    import psycopg

    open_store(postgres_url, pool=False).close()
    with psycopg.connect(postgres_url) as conn:
        conn.execute("LOCK TABLE gdpr_events IN ACCESS EXCLUSIVE MODE")
        yield
        conn.rollback()


@pytest.mark.usefixtures("table_locked")
@pytest.mark.parametrize(
    "timeouts", [{"lock_timeout": 1}, {"lock_timeout": 60, "statement_timeout": 1}]
)
def test_a_locked_table_times_out(postgres_url: str, timeouts: dict[str, float]) -> None:
    with open_store(postgres_url, **timeouts) as store:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            store.ledger.append([SubjectEvent(subject="a", kind="contact", on=date(2020, 1, 1))])
        assert time.monotonic() - started < 20
        assert store.notices.ids() == ()  # other tables still work


def test_an_exhausted_pool_times_out(postgres_url: str) -> None:
    with open_store(postgres_url, pool_min_size=1, pool_max_size=1, connect_timeout=2) as store:
        store.ledger.append(
            SubjectEvent(subject=f"s{i}", kind="contact", on=date(2020, 1, 1))
            for i in range(20_000)
        )
        stream = store.ledger.subjects()
        assert next(stream) == "s0"  # the stream holds the only connection
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            store.notices.ids()
        assert time.monotonic() - started < 20
        assert sum(1 for _ in stream) == 19_999
        assert store.notices.ids() == ()  # the connection is back once the stream ends


def test_pool_replaces_connections_the_server_dropped(postgres_url: str) -> None:
    import psycopg

    with open_store(postgres_url, pool_min_size=2, pool_max_size=2) as store:
        store.notices.save(sample_notice())
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = 'gdpr-register' AND pid <> pg_backend_pid()"
            ).fetchone()
        assert killed is not None
        assert killed[0] >= 1
        assert store.notices.get("acme").version == 1


def test_closed_store_is_unavailable(postgres_url: str) -> None:
    store = open_store(postgres_url)
    store.close()
    store.close()
    with pytest.raises(StoreUnavailable):
        store.notices.ids()


def test_schema_option_isolates_stores(postgres_url: str) -> None:
    import psycopg

    base = postgres_url
    first = _with_schema(base, "gdpr_iso_a")
    try:
        with open_store(first) as a, open_store(base, schema="gdpr_iso_b") as b:
            a.notices.save(sample_notice())
            assert b.notices.ids() == ()
            assert a.notices.ids() == ("acme",)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS gdpr_iso_a CASCADE")
            conn.execute("DROP SCHEMA IF EXISTS gdpr_iso_b CASCADE")


def _with_schema(url: str, schema: str) -> str:
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("schema", schema)]
    return urlunsplit(parts._replace(query=urlencode(query)))
