"""Colour in text output: ``--color``, ``NO_COLOR``, ``FORCE_COLOR``, terminals and pipes."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gdpr_register.cli import main
from gdpr_register.cli._color import use_color

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "valmennuskumppani.yaml")
ESC = "\x1b["
ARGV = ["check", SEED, "--as-of", "2026-11-25"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("choice", "env", "tty", "to_stdout", "expected"), [
    ("auto", {}, True, True, True),
    ("auto", {}, False, True, False),
    ("auto", {"NO_COLOR": "1"}, True, True, False),
    ("auto", {"NO_COLOR": ""}, True, True, True),  # no-color.org: set and not empty
    ("auto", {"FORCE_COLOR": "1"}, False, True, True),
    ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, True, False),
    ("auto", {"FORCE_COLOR": "1"}, True, False, False),  # -o FILE is never a terminal
    ("auto", {"TERM": "dumb"}, True, True, False),
    ("always", {"NO_COLOR": "1"}, False, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, True, False),
])
def test_when_to_colour(monkeypatch: pytest.MonkeyPatch, choice: str, env: dict[str, str],
                        tty: bool, to_stdout: bool, expected: bool) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal() if tty else io.StringIO())
    assert use_color(choice, to_stdout=to_stdout, environ=env) is expected


def test_forced_colour_marks_severities_and_rule_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ARGV, "--color", "always"]) == 1
    coloured = capsys.readouterr().out
    assert main([*ARGV, "--color", "never"]) == 1
    plain = capsys.readouterr().out
    assert ESC not in plain
    assert "\x1b[1;31mhigh\x1b[0m" in coloured
    assert "\x1b[1mART44\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_machine_formats_are_never_coloured(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("json", "sarif", "github", "junit", "gitlab"):
        main([*ARGV, "--color", "always", "--format", fmt])
        assert ESC not in capsys.readouterr().out


def _in_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run the CLI with its standard output on a pseudo-terminal; what it printed."""
    leader, follower = pty.openpty()
    child_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    child_env.update(env, TERM="xterm")
    with subprocess.Popen([sys.executable, "-m", "gdpr_register.cli", *argv], stdout=follower,
                          stderr=subprocess.DEVNULL, env=child_env, cwd=ROOT) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_colour_a_pipe_does_not() -> None:
    assert ESC in _in_terminal(ARGV, {})
    assert ESC not in _in_terminal(ARGV, {"NO_COLOR": "1"})
    piped = subprocess.run([sys.executable, "-m", "gdpr_register.cli", *ARGV],
                           capture_output=True, text=True, cwd=ROOT, check=False)
    assert piped.returncode == 1
    assert ESC not in piped.stdout
    forced = subprocess.run([sys.executable, "-m", "gdpr_register.cli", *ARGV],
                            capture_output=True, text=True, cwd=ROOT, check=False,
                            env={**os.environ, "FORCE_COLOR": "1"})
    assert ESC in forced.stdout


def test_output_file_is_plain_unless_always(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    target = tmp_path / "report.txt"
    assert main([*ARGV, "-o", str(target)]) == 1
    assert ESC not in target.read_text(encoding="utf-8")
    assert main([*ARGV, "-o", str(target), "--color", "always"]) == 1
    assert ESC in target.read_text(encoding="utf-8")
