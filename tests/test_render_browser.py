"""The rendered seed notice in a real browser, both the 2018 notice as written and its 2026
version: headless Chromium prints each to PDF and takes a screenshot; the page is not blank,
has the right language, and the PDF has every section's heading.

Runs where ``chromium`` and ``pdftotext`` are installed (``.ci/run`` installs them).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from gdpr_register import load_notice
from gdpr_register.render import render_notice

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# (document, language, its sections' headings): the 2018 seed as written, and its 2026
# version; the counts are the h2 headings of their golden files (tests/golden/render).
NOTICES = [
    pytest.param("valmennuskumppani.yaml", "fi", 14, id="seed-2018"),
    pytest.param("valmennuskumppani-2026.yaml", "fi", 17, id="seed-2026"),
]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None,
                       reason="needs chromium and pdftotext (Debian: apt-get install chromium "
                       "poppler-utils; .ci/run installs them)"),
]


def _chromium(tmp: Path, *args: str) -> str:
    assert CHROMIUM is not None
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", f"--user-data-dir={tmp / 'profile'}", *args]
    done = subprocess.run(command, check=True, capture_output=True, timeout=120)
    return done.stdout.decode("utf-8", "replace")


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit RGB(A) PNG (no dependency)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


@pytest.mark.parametrize(("document", "lang", "sections"), NOTICES)
def test_the_seed_notice_renders_and_prints_in_chromium(
        tmp_path: Path, document: str, lang: str, sections: int) -> None:
    notice = load_notice(EXAMPLES / document)
    html = render_notice(notice, lang=lang, format="html")
    page = tmp_path / "tietosuojaseloste.html"
    page.write_text(html, encoding="utf-8")
    pdf, png = tmp_path / "notice.pdf", tmp_path / "notice.png"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    _chromium(tmp_path, f"--screenshot={png}", "--window-size=1024,1400", page.as_uri())

    width, height, rows = _png_pixels(png.read_bytes())
    assert (width, height) == (1024, 1400)
    background = rows[0][:3]
    differing = sum(1 for row in rows[::7] for x in range(0, len(row) - 3, 21)
                    if row[x:x + 3] != background)
    assert differing > 200, "the screenshot is blank"

    # The language as the browser parsed the page, not as we wrote it.
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert re.search(rf'<html lang="{lang}"', dom)
    text = subprocess.run([PDFTOTEXT or "pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    flat = " ".join(text.split())
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert len(headings) == sections
    for heading in headings:
        assert " ".join(heading.split()) in flat, heading
    assert "Valmennuskumppani Heini Salmu Oy" in flat
