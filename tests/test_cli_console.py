"""The ``gdpr-register`` program ends its process itself: same output, exit code and exit
handlers as an ordinary exit, without the interpreter's tear-down."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gdpr_register.cli import main

# The program as the console script runs it, with an exit handler and optionally a thread
# still running when the command returns.
_PROGRAM = """
import atexit, sys, threading, time
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
if sys.argv[1] == "thread":
    def late() -> None:
        time.sleep(0.2)
        print("thread finished", file=sys.stderr)
    threading.Thread(target=late).start()
sys.argv = ["gdpr-register", *sys.argv[2:]]
from gdpr_register.cli import console
console()
"""


def _console(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _PROGRAM, *argv], capture_output=True,
                          text=True, check=False)


def test_console_exits_with_mains_code_output_and_exit_handlers(
    seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = _console("plain", "check", str(seed_path), "--as-of", "2026-11-25")
    code = main(["check", str(seed_path), "--as-of", "2026-11-25"])
    expected = capsys.readouterr().out
    assert code == 1
    assert (run.returncode, run.stdout) == (code, expected)
    assert "exit handler ran" in run.stderr


def test_console_waits_for_a_thread_still_running(seed_path: Path) -> None:
    run = _console("thread", "validate", str(seed_path))
    assert run.returncode == 0
    assert "thread finished" in run.stderr
    assert "exit handler ran" in run.stderr


def test_console_usage_error_is_exit_2() -> None:
    run = _console("plain", "check")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
