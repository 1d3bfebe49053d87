"""The first layer says where the full notice is: ``published_at``, else a web ``source``;
never invented, shown as missing in a draft."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from gdpr_register import load_notice, loads_notice
from gdpr_register.model import Notice, TranslatedText
from gdpr_register.render import render_notice

ROOT = Path(__file__).resolve().parent.parent

KAHVILA = """
id: kahvila
title: Kahvila Oy:n asiakasrekisterin tietosuojaseloste
language: fi
source: notices/kahvila.yaml
controller: {name: Kahvila Oy, email: tietosuoja@kahvila.example}
registers:
  - id: asiakkaat
    name: Asiakasrekisteri
    purposes: [{id: tilaukset, name: Tilausten toimitus, bases: ["6(1)(b)"]}]
"""


def _kahvila(*, source: str = "notices/kahvila.yaml", published_at: str | None = None) -> Notice:
    notice = loads_notice(KAHVILA, format="yaml")
    return attrs.evolve(notice, source=source, published_at=published_at)


def _full_notice(html: str) -> str | None:
    """The body of the first layer's full-notice section, or None when it has none."""
    start = html.find('<section id="full-notice"')
    return None if start < 0 else html[start:html.index("</section>", start)]


def test_published_at_is_where_the_first_layer_points() -> None:
    notice = _kahvila(published_at="https://kahvila.example/tietosuoja")
    section = _full_notice(render_notice(notice, "fi", layer="first"))
    assert section is not None
    assert "https://kahvila.example/tietosuoja" in section
    assert 'data-state="stated"' in section
    # The full layer is the full notice: it does not point to itself.
    assert _full_notice(render_notice(notice, "fi")) is None


def test_published_at_wins_over_a_web_source() -> None:
    notice = _kahvila(source="https://old.example/notice", published_at="https://kahvila.example/ts")
    section = _full_notice(render_notice(notice, "en", layer="first"))
    assert section is not None
    assert "https://kahvila.example/ts" in section
    assert "old.example" not in section


def test_a_web_source_is_used_when_published_at_is_absent() -> None:
    section = _full_notice(render_notice(_kahvila(source="https://kahvila.example/ts"), "en",
                                         layer="first"))
    assert section is not None
    assert "https://kahvila.example/ts" in section


@pytest.mark.parametrize("draft", [False, True])
def test_where_the_notice_is_is_never_invented(draft: bool) -> None:
    """A file ``source`` is where the text came from, not where readers find it."""
    html = render_notice(_kahvila(), "en", layer="first", draft=draft)
    section = _full_notice(html)
    if not draft:
        assert section is None
        return
    assert section is not None
    assert 'data-state="silent"' in section
    assert '<mark class="missing">' in section
    assert "notices/kahvila.yaml" not in section


def test_a_described_place_is_marked_in_its_language_or_translated() -> None:
    notice = _kahvila(published_at="Kahvilan kassalla")
    section = _full_notice(render_notice(notice, "en", layer="first"))
    assert section is not None
    assert '<span lang="fi">Kahvilan kassalla</span>' in section
    translated = attrs.evolve(notice, translated=(TranslatedText(
        language="en", path="$.published_at", text="At the till"),))
    section = _full_notice(render_notice(translated, "en", layer="first"))
    assert section is not None
    assert "At the till" in section
    assert "Kahvilan" not in section


def test_the_2026_notice_says_where_it_is_published() -> None:
    notice = load_notice(ROOT / "examples" / "valmennuskumppani-2026.yaml")
    assert notice.published_at is not None
    section = _full_notice(render_notice(notice, "fi", layer="first", draft=True))
    assert section is not None
    assert notice.published_at in section
    seed = load_notice(ROOT / "examples" / "valmennuskumppani.yaml")
    assert seed.published_at is None  # the 2018 notice does not say; old documents load
