"""Issue 11 in the Python API: the output writer, dump_notice's types, shown user text."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import (
    GdprRegisterError,
    Notice,
    OutputError,
    Problem,
    WrongTypeError,
    dump_notice,
    dumps_notice,
    load_notice,
)
from gdpr_register._text import MAX_SHOWN, shown, shown_lines, spreadsheet_safe
from gdpr_register.documents import write_text_file
from gdpr_register.errors import InputError, UsageError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "valmennuskumppani.yaml"


@pytest.fixture(scope="module")
def notice() -> Notice:
    return load_notice(SEED)


# -- item 1: what is at the path decides how it is written ------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_device_node_is_written_through_not_replaced(tmp_path: Path, notice: Notice) -> None:
    device = tmp_path / "null"  # our own null device, never the system's /dev/null
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    dump_notice(notice, device, "yaml")
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    link = tmp_path / "null.yaml"
    link.symlink_to(device)
    dump_notice(notice, link)
    assert link.is_symlink()
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_written_through(tmp_path: Path, notice: Notice) -> None:
    fifo = tmp_path / "out.yaml"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text("utf-8")))
    reader.start()
    dump_notice(notice, fifo)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [dumps_notice(notice)]


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path: Path, notice: Notice) -> None:
    target = tmp_path / "real.json"
    target.write_text("{}")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    chain = tmp_path / "chain.json"
    chain.symlink_to(link)
    dump_notice(notice, chain)
    assert chain.is_symlink()
    assert link.is_symlink()
    assert load_notice(target) == notice
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_dangling_symlink_creates_its_target(tmp_path: Path, notice: Notice) -> None:
    link = tmp_path / "copy.toml"
    link.symlink_to(tmp_path / "made.toml")
    dump_notice(notice, link)
    assert link.is_symlink()
    assert load_notice(tmp_path / "made.toml") == notice


@pytest.mark.parametrize(
    ("failure", "raised"),
    [(OSError(28, "No space left on device"), OutputError),
     (KeyboardInterrupt(), KeyboardInterrupt)],
)
def test_a_regular_file_is_replaced_atomically(
    tmp_path: Path, notice: Notice, monkeypatch: pytest.MonkeyPatch,
    failure: BaseException, raised: type[BaseException],
) -> None:
    path = tmp_path / "n.yaml"
    path.write_text("old")

    def fail(*_args: object) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(raised):
        dump_notice(notice, path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["n.yaml"]  # no temporary left


@pytest.mark.parametrize("make", ["directory", "missing-parent"])
def test_unwritable_targets_are_output_errors(tmp_path: Path, notice: Notice,
                                              make: str) -> None:
    path = tmp_path / "x.yaml"
    if make == "directory":
        path.mkdir()
    else:
        path = tmp_path / "no" / "x.yaml"
    with pytest.raises(OutputError) as info:
        dump_notice(notice, path)
    assert isinstance(info.value, OSError)
    assert isinstance(info.value, GdprRegisterError)


def test_write_text_file_writes_any_text(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_text_file(path, "ä\n")
    assert path.read_bytes() == "ä\n".encode()


# -- item 3: only a Notice is written -----------------------------------------------------


@pytest.mark.parametrize("value", [None, {"id": "x", "title": "t"}, "notice", 42])
def test_only_a_notice_is_dumped(tmp_path: Path, notice: Notice, value: object) -> None:
    path = tmp_path / "n.yaml"
    dump_notice(notice, path)
    before = path.read_bytes()
    with pytest.raises(WrongTypeError) as info:
        dump_notice(value, path)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert path.read_bytes() == before
    with pytest.raises(TypeError):
        dumps_notice(value)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        dump_notice(value, tmp_path / "new.unknown-suffix")  # type: ignore[arg-type]
    assert not (tmp_path / "new.unknown-suffix").exists()


def test_an_unknown_format_is_a_usage_error(tmp_path: Path, notice: Notice) -> None:
    with pytest.raises(UsageError):
        dump_notice(notice, tmp_path / "n.yaml", "xml")
    with pytest.raises(UsageError):
        dumps_notice(notice, "xml")
    assert not (tmp_path / "n.yaml").exists()


# -- items 14, 21: user text is shown escaped and cut ------------------------------------


@given(st.text())
def test_shown_text_is_one_printable_line_of_bounded_length(text: str) -> None:
    result = shown(text)
    assert result.isprintable()
    assert len(result) <= MAX_SHOWN * 10  # every kept character escapes to at most 10
    if text.isprintable() and len(text) <= MAX_SHOWN:
        assert result == text


def test_shown_escapes_like_repr_and_says_what_it_cut() -> None:
    assert shown("a\nb\tc\x1b[0m\u202e\x00") == "a\\nb\\tc\\x1b[0m\\u202e\\x00"
    long = shown("x" * 1_000_000)
    assert len(long) <= MAX_SHOWN
    assert "999,740 characters cut" in long
    assert shown_lines("one\ntwo\x1b") == "one\ntwo\\x1b"


def test_problem_messages_are_shown() -> None:
    problem = Problem(location="line 2", message="'" + "x" * 1_000_000 + "' is bad")
    text = str(InputError([problem], source="evil\nname.csv"))
    assert len(text) < 2_000
    assert "\n" not in text
    assert text.endswith("' is bad")


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("cust-1", "cust-1"), ("", "")],
)
def test_spreadsheet_safe_cells(value: str, safe: str) -> None:
    assert spreadsheet_safe(value) == safe


def test_every_test_the_guarantees_page_names_exists() -> None:
    import re

    page = (ROOT / "docs" / "guarantees.md").read_text(encoding="utf-8")
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py"))
    defined = set(re.findall(r"def (test_\w+)", source))
    named = re.findall(r"`(test_\w+?)(\.\.\.)?`", page)
    assert named
    missing = [
        name for name, prefix in named
        if not (any(d.startswith(name) for d in defined) if prefix else name in defined)
    ]
    assert missing == []
