"""Golden files of rendered notices, per language and format (read them when they change).

The seed (``valmennuskumppani``, the 2018 notice with its defects kept) shows what rendering
does with a defective notice: it prints what the notice states and invents nothing; its draft
marks what is missing and lists the findings.

Regenerate after a deliberate change with ``GDPR_REGISTER_UPDATE_GOLDEN=1 python -m pytest
tests/test_render_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from gdpr_register import load_notice
from gdpr_register.render import render_notice

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "render"
NOTICES = {
    "valmennuskumppani": ROOT / "examples" / "valmennuskumppani.yaml",
    "valmennuskumppani-2026": ROOT / "examples" / "valmennuskumppani-2026.yaml",
    "northwind-coaching": ROOT / "examples" / "northwind-coaching.yaml",
}
EXTENSIONS = {"html": "html", "markdown": "md", "text": "txt"}
# The date the seed's draft is checked against (the day the 2026 version is published).
AS_OF = date(2026, 11, 25)
CASES = [
    (name, lang, fmt, "full", "art13", False)
    for name in NOTICES for lang in ("fi", "sv", "en") for fmt in EXTENSIONS
] + [
    ("valmennuskumppani", "fi", fmt, "full", "fi-model-form", False) for fmt in EXTENSIONS
] + [
    ("valmennuskumppani", lang, "text", "first", "art13", False) for lang in ("fi", "sv", "en")
] + [
    ("valmennuskumppani", "fi", "html", "first", "art13", False),
    ("valmennuskumppani", "fi", "html", "full", "fi-model-form", True),
    ("valmennuskumppani", "fi", "text", "full", "fi-model-form", True),
    ("valmennuskumppani", "sv", "text", "first", "art13", True),
    ("valmennuskumppani-2026", "fi", "html", "full", "fi-model-form", False),
    ("valmennuskumppani-2026", "fi", "text", "full", "fi-model-form", False),
    ("valmennuskumppani-2026", "fi", "html", "first", "art13", False),
    ("northwind-coaching", "en", "text", "first", "art13", False),
]


def _golden(name: str, lang: str, fmt: str, layer: str, layout: str, draft: bool) -> Path:
    extra = "" if (layer, layout) == ("full", "art13") else f".{layer}.{layout}"
    if draft:
        extra += ".draft"
    return GOLDEN / f"{name}{extra}.{lang}.{EXTENSIONS[fmt]}"


@pytest.mark.parametrize(("name", "lang", "fmt", "layer", "layout", "draft"), CASES)
def test_rendered_notice_matches_its_golden_file(
        name: str, lang: str, fmt: str, layer: str, layout: str, draft: bool) -> None:
    rendered = render_notice(load_notice(NOTICES[name]), lang=lang, format=fmt, layer=layer,
                             layout=layout, draft=draft, as_of=AS_OF if draft else None)
    path = _golden(name, lang, fmt, layer, layout, draft)
    if os.environ.get("GDPR_REGISTER_UPDATE_GOLDEN") == "1":
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.read_text(encoding="utf-8") == rendered


def test_every_golden_file_belongs_to_a_case() -> None:
    expected = {_golden(*case[:5], draft=case[5]).name for case in CASES}
    assert {p.name for p in GOLDEN.iterdir()} == expected
