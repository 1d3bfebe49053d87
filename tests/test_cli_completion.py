"""``gdpr-register completion``: scripts for bash, zsh and fish generated from the parser."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from gdpr_register.cli import build_parser, main

COMMANDS = sorted(next(a for a in build_parser()._actions
                       if isinstance(a, argparse._SubParsersAction)).choices)


def script(capsys: pytest.CaptureFixture[str], shell: str) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def _complete(bash_script: Path, *words: str) -> list[str]:
    """What bash offers for the last of ``words`` (the completion function run as bash
    runs it on Tab)."""
    line = " ".join(words)
    program = (
        f"source {bash_script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
        f"COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}\n"
        "_shtab_gdpr_register\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_commands_are_discovered() -> None:
    assert {"check", "completion", "retention", "store", "validate"} <= set(COMMANDS)


def test_bash_script_is_valid_and_completes_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    text = script(capsys, "bash")
    path = tmp_path / "gdpr-register.bash"
    path.write_text(text, encoding="utf-8")
    subprocess.run(["bash", "-n", str(path)], check=True)
    assert _complete(path, "gdpr-register", "") == COMMANDS
    assert _complete(path, "gdpr-register", "check", "--format", "") == [
        "text", "json", "sarif", "github", "junit", "gitlab"]
    assert "--show-settings" in _complete(path, "gdpr-register", "check", "--sh")
    assert "append-events" in _complete(path, "gdpr-register", "store", "")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, shell: str) -> None:
    text = script(capsys, shell)
    for command in COMMANDS:
        assert command in text
    assert "show-settings" in text
    checker = shutil.which(shell)
    if checker:  # the shell's own syntax check where it is installed
        path = tmp_path / f"gdpr-register.{shell}"
        path.write_text(text, encoding="utf-8")
        subprocess.run([checker, "-n", str(path)], check=True)


def test_completion_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "gdpr-register.fish"
    assert main(["completion", "fish", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert "complete" in target.read_text(encoding="utf-8")


def test_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["completion", "tcsh-ish"])
    assert exit_.value.code == 2
