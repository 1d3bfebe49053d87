"""Issue 11, "done when": hostile input never gets past the CLI's exit codes.

Random bytes and random mutations of the examples go to ``validate``, ``check``,
``retention --events``, ``store import`` and ``store append-events``. Whatever arrives, the
command ends with 0, 1 or 2 and never with a traceback (an exception out of ``main``), and
when it ends with 2 the store is as it was: the same events, the same notice versions.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdpr_register.cli import main
from gdpr_register.storage import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
EVENTS = (
    b"subject,event,date,details\n"
    b"cust-1,service_contact,2021-06-15,\n"
    b'cust-1,invoice,2021-06-30,"INV-7, paid"\n'
    b"cust-2,contact,2020-01-01,note\n"
)

pytestmark = pytest.mark.slow
FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` after a few random edits: cut, repeat, overwrite, insert, truncate."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        size = draw(st.integers(1, 64))
        edit = draw(st.sampled_from(["cut", "repeat", "overwrite", "insert", "truncate"]))
        if edit == "cut":
            del data[at : at + size]
        elif edit == "repeat":
            data[at:at] = data[at : at + size]
        elif edit == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=size))
            data[at : at + len(chunk)] = chunk
        elif edit == "insert":
            data[at:at] = draw(
                st.sampled_from([b'"', b"\n", b"\r", b",", b"\x00", b"\xff", b"&a", b"*a",
                                 b"{", b"[", b": ", b"- ", b"\t", b"\x1b[2J", "\u202e".encode()])
            )
        else:
            del data[at:]
    return bytes(data)


def hostile(base: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=512), mutated(base))


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def store_url(work: Path) -> str:
    url = f"sqlite:///{work / 'store.db'}"
    with open_store(url) as store:
        for example in EXAMPLES:
            from gdpr_register import load_notice

            store.notices.save(load_notice(example))
    assert main(["store", "append-events", str(_write(work / "seed.csv", EVENTS)),
                 "--store", url]) == 0
    return url


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _state(url: str) -> tuple[dict[str, tuple[object, ...]], dict[str, int]]:
    with open_store(url) as store:
        return _events(store), {i: len(store.notices.history(i)) for i in store.notices.ids()}


def _events(store: Store) -> dict[str, tuple[object, ...]]:
    return {subject: store.ledger.events(subject) for subject in store.ledger.subjects()}


@contextlib.contextmanager
def _quiet() -> Iterator[tuple[io.StringIO, io.StringIO]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield out, err


def run(*argv: str) -> int:
    """The exit code; an exception escaping ``main`` would be the user's traceback."""
    with _quiet() as (_out, err):
        try:
            code = main(list(argv))
        except SystemExit as stop:  # argparse
            code = int(stop.code or 0)
    assert "Traceback" not in err.getvalue()
    assert code in (0, 1, 2), (argv, code, err.getvalue())
    return code


@FAST
@given(data=st.data())
def test_validate_and_check_take_any_document(work: Path, data: st.DataObject) -> None:
    example = data.draw(st.sampled_from(EXAMPLES))
    suffix = data.draw(st.sampled_from([".yaml", ".json", ".toml"]))
    raw = example.read_bytes()
    if suffix != ".yaml":  # mutate the same notice in the other formats too
        from gdpr_register import dumps_notice, load_notice

        raw = dumps_notice(load_notice(example), suffix[1:]).encode()
    path = _write(work / f"doc{suffix}", data.draw(hostile(raw)))
    run("validate", str(path))
    run("check", str(path), "--as-of", "2026-11-25")


@FAST
@given(data=st.data())
def test_retention_takes_any_events_file(work: Path, data: st.DataObject) -> None:
    events = _write(work / "events.csv", data.draw(hostile(EVENTS)))
    skip = data.draw(st.sampled_from([[], ["--skip-invalid"]]))
    fmt = data.draw(st.sampled_from(["text", "json", "csv"]))
    run("retention", str(EXAMPLES[-1]), "--events", str(events), "--as-of", "2026-11-25",
        "--format", fmt, *skip)


@FAST
@given(data=st.data())
def test_a_failed_store_command_changes_nothing(work: Path, store_url: str,
                                               data: st.DataObject) -> None:
    before = _state(store_url)
    if data.draw(st.booleans()):
        path = _write(work / "append.csv", data.draw(hostile(EVENTS)))
        code = run("store", "append-events", str(path), "--store", store_url)
    else:
        example = data.draw(st.sampled_from(EXAMPLES))
        path = _write(work / "import.yaml", data.draw(mutated(example.read_bytes())))
        code = run("store", "import", str(path), "--store", store_url)
    if code == 2:
        assert _state(store_url) == before
