"""Hostile ``--store`` URLs and version numbers at the command line, through ``subprocess`` as
a user runs it (issue 11: items 5, 6, 7, 8, 19, 27, 29): exit code 2 with one message,
never a traceback, nothing created or half-saved."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from gdpr_register.storage import open_store

NOTICE = "valmennuskumppani"
HUGE = "99999999999999999999999"  # > 2**63


def _run(args: Sequence[str | bytes], *, cwd: Path, env: dict[str, str] | None = None,
         ) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GDPR_REGISTER_STORE"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "gdpr_register.cli", *args], cwd=cwd, env=environment,
        capture_output=True, text=True, errors="backslashreplace", timeout=120, check=False,
    )


def _usage_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()
    return result.stderr


@pytest.fixture
def stored(seed_path: Path, tmp_path: Path) -> str:
    """An SQLite store holding two identical versions of the seed notice."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    from gdpr_register.documents import load_notice

    with open_store(url) as store:
        notice = load_notice(seed_path)
        store.notices.save_all([notice, notice])
    return url


def test_reading_commands_never_create_a_store(tmp_path: Path, seed_path: Path) -> None:
    typo = tmp_path / "typo.db"
    url = f"sqlite:///{typo}"
    for args in (
        ["store", "history", NOTICE, "--store", url],
        ["store", "diff", NOTICE, "1", "2", "--store", url],
        ["store", "export", NOTICE, "--store", url],
        ["check", NOTICE, "--store", url, "--as-of", "2026-11-25"],
        ["retention", NOTICE, "--store", url, "--as-of", "2026-11-25"],
    ):
        assert str(typo) in _usage_error(_run(args, cwd=tmp_path))
    # Without --store URL: the default store in the working directory is not created either.
    _usage_error(_run(["store", "history", NOTICE], cwd=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    # Writers create it.
    assert _run(["store", "import", str(seed_path), "--store", url], cwd=tmp_path).returncode == 0
    assert typo.exists()


def test_an_empty_store_url_is_an_error(tmp_path: Path) -> None:
    _usage_error(_run(["store", "history", NOTICE, "--store", ""], cwd=tmp_path))
    _usage_error(_run(["check", NOTICE, "--store", " ", "--as-of", "2026-11-25"], cwd=tmp_path))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["postgresql://[::1/db", "postgresql://u:secret@[::1/db"])
def test_an_unparseable_postgres_url_exits_2(tmp_path: Path, url: str) -> None:
    assert "secret" not in _usage_error(
        _run(["store", "history", NOTICE, "--store", url], cwd=tmp_path))
    assert "secret" not in _usage_error(
        _run(["store", "history", NOTICE], cwd=tmp_path, env={"GDPR_REGISTER_STORE": url}))


def test_a_non_utf8_store_path_works(tmp_path: Path, seed_path: Path) -> None:
    url = os.fsencode(f"sqlite:///{tmp_path}/") + b"\xff.db"
    result = _run(["store", "import", str(seed_path), "--store", url], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\\xff.db" in result.stdout
    assert _run(["store", "history", NOTICE, "--store", url], cwd=tmp_path).returncode == 0
    assert b"\xff.db" in os.listdir(os.fsencode(tmp_path))


def test_versions_past_64_bits_are_not_found(tmp_path: Path, stored: str) -> None:
    for args in (
        ["store", "export", NOTICE, "--version", HUGE],
        ["store", "diff", NOTICE, "1", HUGE],
        ["store", "diff", NOTICE, HUGE, "1"],
        ["check", f"{NOTICE}@{HUGE}", "--as-of", "2026-11-25"],
        ["retention", f"{NOTICE}@{HUGE}", "--as-of", "2026-11-25"],
    ):
        _usage_error(_run([*args, "--store", stored], cwd=tmp_path))


def _version_commands(version: str) -> list[list[str]]:
    return [
        ["check", f"{NOTICE}@{version}", "--as-of", "2026-11-25"],
        ["retention", f"{NOTICE}@{version}", "--as-of", "2026-11-25"],
        ["request", f"{NOTICE}@{version}", "--right", "access", "--received", "2026-11-25"],
        ["store", "export", NOTICE, f"--version={version}"],
        ["store", "diff", NOTICE, "1", f"{version}"],
    ]


def test_a_superscript_version_exits_2(tmp_path: Path, stored: str) -> None:
    for args in _version_commands("²"):
        _usage_error(_run([*args, "--store", stored], cwd=tmp_path))


@pytest.mark.parametrize("version", ["٣", "3\u200b", "-1", "0", "", "1e3", "0x1", "+1",
                                     "9" * 5000])
def test_versions_are_ascii_digits(stored: str, version: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from gdpr_register.cli import main

    for args in _version_commands(version):
        try:
            code = main([*args, "--store", stored])
        except SystemExit as exc:  # argparse's own usage errors
            code = exc.code  # type: ignore[assignment]
        assert code == 2, args
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert len(err) < 2000  # a 5000-digit number is not echoed whole


def test_leading_zeros_are_a_version(tmp_path: Path, stored: str) -> None:
    result = _run(["check", f"{NOTICE}@002", "--as-of", "2026-11-25", "--store", stored],
                  cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr


def test_diff_of_identical_versions_says_so(tmp_path: Path, stored: str) -> None:
    result = _run(["store", "diff", NOTICE, "1", "2", "--store", stored], cwd=tmp_path)
    assert result.returncode == 0
    assert "no differences" in result.stdout
    result = _run(["store", "diff", NOTICE, "1", "2", "--store", stored, "--format", "json"],
                  cwd=tmp_path)
    assert result.stdout.strip() == "[]"


def test_import_saves_every_file_or_none(tmp_path: Path, seed_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'import.db'}"
    other = tmp_path / "other.yaml"
    other.write_text(seed_path.read_text(encoding="utf-8").replace(
        "id: valmennuskumppani", "id: another-notice", 1), encoding="utf-8")
    assert _run(["store", "import", str(seed_path), "--store", url], cwd=tmp_path).returncode == 0
    # other.yaml is new, the seed is not: with --expected-version 0 neither is saved.
    _usage_error(_run(["store", "import", str(other), str(seed_path), "--store", url,
                       "--expected-version", "0"], cwd=tmp_path))
    with open_store(url) as store:
        assert store.notices.ids() == (NOTICE,)
        assert [v.version for v in store.notices.history(NOTICE)] == [1]
    result = _run(["store", "import", str(other), str(seed_path), "--store", url,
                   "--expected-version", "1"], cwd=tmp_path)
    _usage_error(result)  # other.yaml is at version 0, not 1
    result = _run(["store", "import", str(other), "--store", url, "--expected-version", "0"],
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _usage_error(_run(["store", "import", str(other), "--store", url,
                       "--expected-version", "²"], cwd=tmp_path))
