"""docs/notebooks/compliance.ipynb runs top to bottom in a kernel of this environment."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "notebooks" / "compliance.ipynb"
KERNEL = "gdpr-register-tests"


@pytest.fixture
def kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernelspec running this interpreter, so the kernel sees this environment's
    gdpr_register whatever kernels the machine has installed."""
    spec = tmp_path / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "gdpr-register tests", "language": "python",
    }), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return KERNEL


def _outputs(cell: Any, kind: str) -> list[str]:
    return [o["data"][kind] for o in cell.get("outputs", []) if kind in o.get("data", {})]


def test_the_notebook_runs_and_shows_what_it_claims(kernel: str) -> None:
    import html5lib

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "today(" not in code  # fixed dates: the same outputs on every run
    assert all(c.get("outputs") for c in notebook.cells if c.cell_type == "code")  # committed
    client = nbclient.NotebookClient(
        notebook, kernel_name=kernel, timeout=120,
        resources={"metadata": {"path": str(ROOT / "docs" / "notebooks")}},
    )
    client.execute()  # raises CellExecutionError naming the cell on any failure
    cells = notebook.cells
    errors = [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors
    html = [h for c in cells for h in _outputs(c, "text/html")]
    parser = html5lib.HTMLParser(strict=True)
    for markup in html:
        parser.parseFragment(markup)
    joined = "\n".join(html)
    assert "Valmennuskumppani Heini Salmu Oy" in joined  # the notice card
    assert "2020-07-16" in joined  # the timeline's change day
    assert "C-311/18" in joined
    pngs = [p for c in cells for p in _outputs(c, "image/png")]
    assert len(pngs) >= 3  # timeline, erase-by, deadline calendar
