"""Opening stores from hostile URLs and options: one URL parser, one timeout check, and
``create=False`` for readers (issue 11: items 4, 7, 8, 17, 19, 25)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gdpr_register.errors import GdprRegisterError, StoreUnavailable, UsageError
from gdpr_register.storage import open_store, redact_url
from gdpr_register.storage._url import split_postgres_url, sqlite_path
from gdpr_register.testing.contract import sample_notice

# --------------------------------------------------------------------------- SQLite paths


def test_nul_in_an_sqlite_path_is_refused_and_opens_nothing(tmp_path: Path) -> None:
    for url in (f"sqlite:///{tmp_path}/a\x00b.db", f"sqlite:///{tmp_path}/\x00",
                f"sqlite:///{tmp_path}/a.db\x00"):
        with pytest.raises(UsageError):
            open_store(url)
    with pytest.raises(UsageError):
        sqlite_path("sqlite:///x\x00y")
    assert list(tmp_path.iterdir()) == []


def test_a_non_utf8_sqlite_path_is_that_file(tmp_path: Path) -> None:
    # What the shell hands Python for the byte 0xff in argv: a surrogateescape character.
    name = os.fsdecode(b"\xff-store.db")
    url = f"sqlite:///{tmp_path}/{name}"
    with open_store(url) as store:
        store.notices.save(sample_notice())
        store.url.encode("utf-8")  # printable: the byte is shown as \xff
        assert "\\xff-store.db" in store.url
    assert os.listdir(os.fsencode(tmp_path)) == [b"\xff-store.db"]
    with open_store(url, create=False) as store:
        assert store.notices.get("acme").version == 1


def test_characters_that_end_an_sqlite_uri_are_part_of_the_name(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/a?mode=ro#x.db") as store:
        store.notices.save(sample_notice())
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".db"] == ["a?mode=ro#x.db"]


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), -1, 10**12, True, "5", None])
def test_sqlite_timeouts_are_checked(tmp_path: Path, timeout: object) -> None:
    with pytest.raises(UsageError):
        open_store(f"sqlite:///{tmp_path}/t.db", timeout=timeout)
    assert list(tmp_path.iterdir()) == []


def test_sqlite_timeout_bounds_are_accepted(tmp_path: Path) -> None:
    for timeout in (0, 0.5, (2**31 - 1) / 1000):
        open_store(f"sqlite:///{tmp_path}/t.db", timeout=timeout).close()


# --------------------------------------------------------------------------- create=False


def test_a_reader_never_creates_an_sqlite_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreUnavailable) as caught:
        open_store(f"sqlite:///{missing}", create=False)
    assert str(missing) in str(caught.value)
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{missing}", read_only=True)
    assert list(tmp_path.iterdir()) == []
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreUnavailable):
        open_store(f"sqlite:///{empty}", create=False)
    assert empty.read_bytes() == b""
    open_store(f"sqlite:///{missing}").close()  # a writer creates it
    open_store(f"sqlite:///{missing}", create=False).close()


def test_memory_accepts_create() -> None:
    with open_store("memory:", create=False) as store:
        assert store.notices.ids() == ()


# --------------------------------------------------------------------------- PostgreSQL URLs


@pytest.mark.parametrize("url", [
    "postgresql://[::1/db",
    "postgresql://u:secret@[::1/db",
    "postgres://[fe80::1%eth0/db",
    "postgresql://h/db\x00",
])
def test_unparseable_postgres_urls_are_usage_errors(url: str) -> None:
    with pytest.raises(UsageError) as caught:
        split_postgres_url(url)
    assert "secret" not in str(caught.value)
    shown = redact_url(url)  # never raises
    assert "secret" not in shown


def test_unparseable_postgres_url_through_open_store() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(UsageError) as caught:
        open_store("postgresql://u:secret@[::1/db")
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(("url", "libpq", "own"), [
    ("postgresql:///db?host=127.0.0.1&port=5432", "postgresql:///db?host=127.0.0.1&port=5432", {}),
    ("postgresql:///db?schema=gdpr&host=/run/pg", "postgresql:///db?host=%2Frun%2Fpg",
     {"schema": "gdpr"}),
    ("postgresql://u@h1:1,h2:2/db?pool=false", "postgresql://u@h1:1,h2:2/db", {"pool": "false"}),
    ("postgresql://h/db?options=-csearch_path%3Dx+-cjit%3Doff",
     "postgresql://h/db?options=-csearch_path%3Dx%20-cjit%3Doff", {}),
    ("postgresql://h/db", "postgresql://h/db", {}),
])
def test_postgres_urls_keep_what_libpq_needs(url: str, libpq: str, own: dict[str, str]) -> None:
    assert split_postgres_url(url) == (libpq, own)


def test_redaction_keeps_every_slash() -> None:
    assert redact_url("postgresql:///db?host=h&password=pw") == "postgresql:///db?host=h&password=***"
    assert redact_url("postgresql://u:pw@/db?host=h") == "postgresql://u:***@/db?host=h"


def _libpq_style(url: str) -> str:
    """``postgresql://user@host:port/db`` as ``postgresql:///db?host=...&port=...&user=...``."""
    parts = urlsplit(url)
    return (f"postgresql://{parts.path}?host={parts.hostname}&port={parts.port}"
            f"&user={parts.username}" + (f"&{parts.query}" if parts.query else ""))


def test_a_libpq_url_without_host_opens(postgres_url: str) -> None:
    with open_store(_libpq_style(postgres_url), pool=False) as store:
        store.notices.save(sample_notice())
        assert store.url.startswith("postgresql:///")


def test_unreachable_libpq_url_message_keeps_its_slashes() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreUnavailable) as caught:
        open_store("postgresql:///nodb?host=127.0.0.1&port=1&connect_timeout=2", pool=False)
    assert "postgresql:///nodb" in str(caught.value)


def test_connect_timeout_in_the_url_is_honoured() -> None:
    pytest.importorskip("psycopg")
    from gdpr_register.storage._pg_connect import Connector

    def connector(url: str, connect_timeout: float = 10.0) -> Connector:
        return Connector(url, schema=None, pool=True, pool_min_size=1, pool_max_size=2,
                         connect_timeout=connect_timeout, statement_timeout=300.0,
                         lock_timeout=30.0, application_name="test")

    made = connector("postgresql://h/db?connect_timeout=3")
    assert made.connect_timeout == 3.0
    assert made._kwargs["connect_timeout"] == 3
    assert connector("postgresql://h/db").connect_timeout == 10.0
    assert connector("postgresql://h/db", connect_timeout=4).connect_timeout == 4
    for bad in ("0", "-1", "soon", "inf"):
        with pytest.raises(UsageError):
            connector(f"postgresql://h/db?connect_timeout={bad}")


@pytest.mark.parametrize("name", ["connect_timeout", "statement_timeout", "lock_timeout"])
@pytest.mark.parametrize("value", [float("inf"), float("nan"), 0, -1, 10**12, True])
def test_postgres_timeouts_are_checked(name: str, value: object) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(UsageError):
        open_store("postgresql://127.0.0.1:1/db", **{name: value})


def test_a_reader_never_creates_a_postgres_store(postgres_url: str) -> None:
    import psycopg

    with pytest.raises(StoreUnavailable):
        open_store(postgres_url, create=False, pool=False)
    with psycopg.connect(postgres_url) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_catalog.pg_class WHERE relname LIKE 'gdpr_%' "
            "AND relnamespace = (SELECT oid FROM pg_catalog.pg_namespace "
            "WHERE nspname = current_schema())").fetchone()
    assert tables == (0,)
    open_store(postgres_url, pool=False).close()
    open_store(postgres_url, create=False, pool=False).close()


def test_every_open_failure_is_a_library_error(tmp_path: Path) -> None:
    bad: list[tuple[str, dict[str, object]]] = [
        ("", {}), ("sqlite://", {}), ("sqlite:///", {}), (f"sqlite:///{tmp_path}/x\x00", {}),
        (f"sqlite:///{tmp_path}/no/dir/x.db", {}), ("memory:x", {}),
        (f"sqlite:///{tmp_path}/x.db", {"timeout": float("inf")}),
        ("memory:", {"timeout": 1}), (f"sqlite:///{tmp_path}/x.db", {"pool": False}),
    ]
    if importlib.util.find_spec("psycopg") is not None:
        bad += [("postgresql://[::1/db", {}), ("postgresql://h/db?pool_max_size=x", {}),
                ("postgresql://h/db", {"read_only": True})]
    for url, options in bad:
        with pytest.raises(GdprRegisterError):
            open_store(url, **options)


# --------------------------------------------------------------------------- permissions


def _open_as_another_user(url: str, directory: Path) -> str:
    """Open ``url`` as a user who cannot write ``directory``; the error message, or ''."""
    if os.geteuid() != 0:
        directory.chmod(0o555)
        try:
            open_store(url).close()
        except StoreUnavailable as exc:
            return str(exc)
        finally:
            directory.chmod(0o755)
        return ""
    import pwd

    uid = pwd.getpwnam("nobody").pw_uid
    directory.chmod(0o755)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        message = ""
        try:
            os.setuid(uid)
            open_store(url).close()
        except BaseException as exc:  # anything goes back to the parent
            message = f"{type(exc).__name__}: {exc}"
        os.write(write, message.encode("utf-8", "backslashreplace"))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    return message


def test_a_store_in_a_directory_nobody_may_write_says_what_to_change() -> None:
    import tempfile

    # Not under pytest's tmp_path: its parents are private to the user running the tests.
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        url = f"sqlite:///{directory / 'store.db'}"
        with open_store(url) as store:
            store.notices.save(sample_notice())
        (directory / "store.db").chmod(0o644)
        message = _open_as_another_user(url, directory)
    assert message.startswith("StoreUnavailable") or os.geteuid() != 0, message
    assert str(directory) in message
    assert "-wal" in message
    assert "read_only=True" not in message  # read-only would fail the same way
