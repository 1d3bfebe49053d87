"""The first Python example of docs/retention.md runs and prints what it says."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_docs_example_runs_and_matches_its_comments() -> None:
    text = (ROOT / "docs" / "retention.md").read_text(encoding="utf-8")
    block = re.findall(r"```python\n(.*?)```", text, re.S)[0]
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(block, "docs/retention.md", "exec"), {})
    finally:
        os.chdir(cwd)
    printed = [line.split() for line in out.getvalue().splitlines()[:4]]
    expected = [
        line.lstrip("# ").split()
        for line in block.splitlines()
        if re.match(r"# \w+ +(due|restricted|retained|undetermined) ", line)
    ]
    assert printed == expected
