"""Golden files of rendered notices, per language and format (read them when they change).

Regenerate after a deliberate change with ``GDPR_REGISTER_UPDATE_GOLDEN=1 python -m pytest
tests/test_render_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gdpr_register import load_notice
from gdpr_register.render import render_notice

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "render"
NOTICES = {
    "valmennuskumppani-2026": ROOT / "examples" / "valmennuskumppani-2026.yaml",
    "northwind-coaching": ROOT / "examples" / "northwind-coaching.yaml",
}
EXTENSIONS = {"html": "html", "markdown": "md", "text": "txt"}
CASES = [
    (name, lang, fmt, "full", "art13")
    for name in NOTICES for lang in ("fi", "sv", "en") for fmt in EXTENSIONS
] + [
    ("valmennuskumppani-2026", "fi", "html", "full", "fi-model-form"),
    ("valmennuskumppani-2026", "fi", "text", "full", "fi-model-form"),
    ("valmennuskumppani-2026", "fi", "html", "first", "art13"),
    ("northwind-coaching", "en", "text", "first", "art13"),
]


def _golden(name: str, lang: str, fmt: str, layer: str, layout: str) -> Path:
    extra = "" if (layer, layout) == ("full", "art13") else f".{layer}.{layout}"
    return GOLDEN / f"{name}{extra}.{lang}.{EXTENSIONS[fmt]}"


@pytest.mark.parametrize(("name", "lang", "fmt", "layer", "layout"), CASES)
def test_rendered_notice_matches_its_golden_file(
        name: str, lang: str, fmt: str, layer: str, layout: str) -> None:
    rendered = render_notice(load_notice(NOTICES[name]), lang=lang, format=fmt, layer=layer,
                             layout=layout)
    path = _golden(name, lang, fmt, layer, layout)
    if os.environ.get("GDPR_REGISTER_UPDATE_GOLDEN") == "1":
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.read_text(encoding="utf-8") == rendered
