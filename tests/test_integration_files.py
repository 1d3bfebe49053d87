"""``.pre-commit-hooks.yaml`` and ``action.yml``: they parse, and what they run works."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "valmennuskumppani.yaml")
NORTHWIND = str(ROOT / "examples" / "northwind-coaching.yaml")
BIN = Path(sys.executable).parent


def _load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


HOOKS = {hook["id"]: hook for hook in _load(".pre-commit-hooks.yaml")}


def _entry(hook: dict[str, Any]) -> list[str]:
    words = shlex.split(hook["entry"])
    assert words[0] == "gdpr-register"
    # The installed script, as pre-commit's environment would have it (or the module).
    script = shutil.which("gdpr-register", path=str(BIN))
    head = [script] if script else [sys.executable, "-m", "gdpr_register.cli"]
    return head + words[1:] + list(hook.get("args", []))


def test_hooks_are_defined() -> None:
    assert set(HOOKS) == {"gdpr-register-validate", "gdpr-register-check"}
    for hook in HOOKS.values():
        assert hook["language"] == "python"
        assert hook["name"]
        assert hook["description"]


@pytest.mark.parametrize(("path", "matches"), [
    ("notice.yaml", True), ("privacy/notice-customers.yml", True),
    ("docs/tietosuojaseloste.json", True), ("registers/register_hr.toml", True),
    ("rekisteriseloste.yaml", True), ("privacy-notice.yaml", True),
    ("src/notice.py", False), ("docs/notice.md", False), ("mynotice.yaml", False),
    (".github/workflows/ci.yml", False), ("examples/northwind-coaching.yaml", True),
    ("notices/acme.json", True), ("docs/notice.schema.json", False),
    ("examples/sub/config.yaml", False), ("tests/corpus/kyky/expect.yaml", False),
])
def test_files_pattern(path: str, matches: bool) -> None:
    for hook in HOOKS.values():
        assert bool(re.search(hook["files"], path)) is matches


def _repository_files() -> list[str]:
    """Every file of the repository, repo-relative with '/' (what pre-commit matches), without
    ignored trees (virtualenvs, builds, caches)."""
    out: list[str] = []
    for here, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in
                   ("_build", "node_modules", "__pycache__", "build", "dist")]
        out.extend(Path(here, n).relative_to(ROOT).as_posix() for n in names)
    return out


def test_files_pattern_selects_the_repositorys_notice_documents() -> None:
    from gdpr_register import load_notice

    files = _repository_files()
    examples = sorted(p for p in files if re.fullmatch(r"examples/[^/]+\.yaml", p))
    assert len(examples) >= 2
    for hook in HOOKS.values():
        selected = {p for p in files if re.search(hook["files"], p)}
        assert set(examples) <= selected
        for path in ("pyproject.toml", "action.yml", ".pre-commit-hooks.yaml",
                     ".readthedocs.yaml", "docs/notice.schema.json"):
            assert path not in selected
        assert not any(p.startswith(("docs/", "src/", "tests/fixtures/ci/", "tests/golden/"))
                       or p.endswith("/expect.yaml") for p in selected)
        for path in sorted(selected):  # everything it selects is a notice document
            load_notice(ROOT / path)


def _hook(hook_id: str, *files: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_entry(HOOKS[hook_id]), *files], capture_output=True, text=True,
                          cwd=cwd, check=False)


def test_validate_hook_on_the_examples(tmp_path: Path) -> None:
    done = _hook("gdpr-register-validate", SEED, NORTHWIND, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    bad = tmp_path / "notice-bad.yaml"
    bad.write_text("controller: [\n", encoding="utf-8")
    assert _hook("gdpr-register-validate", SEED, str(bad), cwd=tmp_path).returncode == 2


def test_check_hook_on_the_examples_with_a_pinned_date(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gdpr-register]\nas-of = 2026-11-25\n', encoding="utf-8")
    assert _hook("gdpr-register-check", SEED, cwd=tmp_path).returncode == 1
    clean = _hook("gdpr-register-check", NORTHWIND, cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout
    assert "as of 2026-11-25" in clean.stdout


ACTION = _load("action.yml")


def test_action_is_a_composite_that_uploads_sarif() -> None:
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    check = next(s for s in steps if s.get("id") == "check")
    assert "--format sarif -o" in check["run"]
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([a-z-]+)", text))
    assert used == set(ACTION["inputs"])
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"


def _check_step(tmp_path: Path, files: str, args: str) -> tuple[int, str, Path]:
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "check")
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    sarif = tmp_path / "out.sarif"
    env = dict(os.environ, FILES=files, ARGS=args, SARIF=str(sarif), GITHUB_OUTPUT=str(output),
               PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return done.returncode, output.read_text(encoding="utf-8"), sarif


@pytest.mark.skipif(shutil.which("gdpr-register", path=str(BIN)) is None,
                    reason="the gdpr-register script is not installed beside this Python")
def test_action_check_step_runs(tmp_path: Path) -> None:
    code, output, sarif = _check_step(tmp_path, f"{SEED} {NORTHWIND}", "--as-of 2026-11-25")
    assert code == 0  # findings: the step passes so that the upload runs
    assert "exit-code=1" in output.splitlines()
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["results"]
    code, output, _ = _check_step(tmp_path, str(tmp_path / "missing.yaml"), "")
    assert code == 2
    assert "exit-code=2" in output.splitlines()
