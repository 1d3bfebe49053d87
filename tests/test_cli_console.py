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


# The console script's own module, with the collector's settings and what was imported then.
_LAUNCHED = """
import gc, json, sys
settings = []
set_threshold = gc.set_threshold
def recording(*args: int) -> None:
    settings.append([list(args), "attr" in sys.modules, "gdpr_register" in sys.modules])
    set_threshold(*args)
gc.set_threshold = recording
sys.argv = ["gdpr-register", *sys.argv[1:]]
import atexit
atexit.register(lambda: print(json.dumps(settings), file=sys.stderr))
from _gdpr_register_console import console
console()
"""


def test_the_console_script_sets_the_collector_before_importing_anything(
    seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The script's module sets what gdpr_register.cli.console sets, before attrs or the
    package is imported, and runs the same program."""
    run = subprocess.run([sys.executable, "-c", _LAUNCHED, "check", str(seed_path),
                          "--as-of", "2026-11-25"], capture_output=True, text=True, check=False)
    code = main(["check", str(seed_path), "--as-of", "2026-11-25"])
    assert (run.returncode, run.stdout) == (code, capsys.readouterr().out)
    import json

    settings = json.loads(run.stderr.strip().splitlines()[-1])
    assert settings[0] == [[50_000, 10, 10], False, False]  # before attrs and the package
    assert [threshold for threshold, *_ in settings] == [[50_000, 10, 10]] * 2  # cli's too


def test_the_console_script_is_the_launcher() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(
        encoding="utf-8"))
    assert project["project"]["scripts"] == {"gdpr-register": "_gdpr_register_console:console"}
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"] == {"src/_gdpr_register_console.py": "_gdpr_register_console.py"}
