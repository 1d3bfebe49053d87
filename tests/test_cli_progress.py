"""Progress bars: on standard error, for long work, on a terminal, with tqdm; stdout clean."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from gdpr_register.cli import _progress, main

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "valmennuskumppani.yaml")
NORTHWIND = str(ROOT / "examples" / "northwind-coaching.yaml")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    rows = "".join(f"s{i},service_contact,2015-01-{1 + i % 28:02d}\n" for i in range(300))
    path.write_text("subject,event,date\n" + rows, encoding="utf-8")
    return path


def _run(monkeypatch: pytest.MonkeyPatch, argv: list[str], *, terminal: bool) -> tuple[int, str,
                                                                                        str]:
    out, err = io.StringIO(), _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main(argv)
    monkeypatch.undo()
    return code, out.getvalue(), err.getvalue()


def _retention(events: Path) -> list[str]:
    return ["retention", SEED, "--events", str(events), "--as-of", "2026-11-25",
            "--format", "csv"]


def test_long_events_on_a_terminal_draw_a_bar_on_stderr_only(
    monkeypatch: pytest.MonkeyPatch, events: Path,
) -> None:
    plain = _run(monkeypatch, _retention(events), terminal=False)
    assert plain[0] == 0
    assert plain[2] == ""  # short work: no bar even on a terminal
    assert _run(monkeypatch, _retention(events), terminal=True) == plain
    monkeypatch.setattr(_progress, "LONG_EVENTS_BYTES", 1)
    code, out, err = _run(monkeypatch, _retention(events), terminal=True)
    assert (code, out) == plain[:2]
    assert "rows" in err
    assert "300" in err


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch,
                                              events: Path) -> None:
    monkeypatch.setattr(_progress, "LONG_EVENTS_BYTES", 1)
    code, _, err = _run(monkeypatch, _retention(events), terminal=False)
    assert (code, err) == (0, "")


def test_no_bar_without_tqdm(monkeypatch: pytest.MonkeyPatch, events: Path) -> None:
    monkeypatch.setattr(_progress, "LONG_EVENTS_BYTES", 1)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm raises ImportError
    code, out, err = _run(monkeypatch, _retention(events), terminal=True)
    assert (code, err) == (0, "")
    assert out.startswith("subject,")


def test_append_events_bar(monkeypatch: pytest.MonkeyPatch, events: Path,
                           tmp_path: Path) -> None:
    monkeypatch.setattr(_progress, "LONG_EVENTS_BYTES", 1)
    code, out, err = _run(monkeypatch, ["store", "append-events", str(events), "--store",
                                        f"sqlite:///{tmp_path / 'store.db'}"], terminal=True)
    assert code == 0
    assert "appended 300 events" in out
    assert "appending" in err


def test_many_files_in_check(monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["check", SEED, NORTHWIND, SEED, "--as-of", "2026-11-25", "--format", "json"]
    plain = _run(monkeypatch, argv, terminal=True)
    assert plain[2] == ""
    monkeypatch.setattr(_progress, "MANY_FILES", 3)
    code, out, err = _run(monkeypatch, argv, terminal=True)
    assert (code, out) == plain[:2]
    assert "checking" in err
    assert "/3 " in err
