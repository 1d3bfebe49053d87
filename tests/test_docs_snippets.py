"""Every Python snippet in the README and docs/ runs as written, as a user would run it.

The guides are every ``.md`` file under ``docs/`` (subfolders such as ``getting-started/``
too), except the notebooks and the folders the Sphinx build generates or uses (``_build``,
``api``, ``rules``).

Each file's ```python blocks run in order as one script, in a fresh interpreter (so nothing the
project's conftest sets — hypothesis profiles, fixtures, monkeypatches — applies), in a
temporary directory holding a copy of ``examples/`` like a checkout's working directory.
A block fenced ```` ```python postgres ```` needs a PostgreSQL server: it runs when
``GDPR_REGISTER_TEST_POSTGRES_URL`` is set (as in CI), with its example URL pointed at that
server, and is left out otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_NOT_GUIDES = {"notebooks", "_build", "_ext", "api", "rules"}  # first folder under docs/
DOCUMENTS = sorted([
    ROOT / "README.md",
    *(p for p in (ROOT / "docs").rglob("*.md")
      if len(rel := p.relative_to(ROOT / "docs").parts) == 1 or rel[0] not in _NOT_GUIDES),
])
_BLOCK = re.compile(r"^```python( postgres)?\n(.*?)^```", re.S | re.M)
_PG_URL = re.compile(r"postgresql://[^\"' ]+")
PG_TEST_URL = os.environ.get("GDPR_REGISTER_TEST_POSTGRES_URL")


def _with_snippets() -> list[Path]:
    return [p for p in DOCUMENTS if _BLOCK.search(p.read_text(encoding="utf-8"))]


def test_the_readme_and_guides_have_snippets() -> None:
    names = {p.name for p in _with_snippets()}
    assert {"README.md", "retention.md", "rights.md", "storage.md"} <= names
    assert {"application.md", "dpo.md", "test-suite.md"} <= names  # docs/getting-started/


@pytest.mark.parametrize(
    "document", _with_snippets(), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_snippets_run_as_written(document: Path, tmp_path: Path) -> None:
    blocks = []
    for postgres, block in _BLOCK.findall(document.read_text(encoding="utf-8")):
        if not postgres:
            blocks.append(block)
        elif PG_TEST_URL:
            blocks.append(_PG_URL.sub(PG_TEST_URL, block))
    script = tmp_path / f"{document.stem}_snippets.py"
    script.write_text("\n".join(blocks), encoding="utf-8")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS")}
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{document.name} snippets failed:\n{done.stderr[-4000:]}"
