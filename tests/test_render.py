"""Rendering notices: catalogues, layers and layouts, never inventing, hostile text, the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from gdpr_register import Section, SectionState, evaluate, load_notice, loads_notice
from gdpr_register.cli import main
from gdpr_register.errors import UsageError
from gdpr_register.model import Notice, TranslatedText
from gdpr_register.render import label, render_notice
from gdpr_register.render._catalog import LANGUAGES, compile_catalogue, locale_dir
from gdpr_register.render._messages import MESSAGES
from gdpr_register.rules import Severity
from gdpr_register.testing import strategies

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "valmennuskumppani.yaml"
SEED_2026 = ROOT / "examples" / "valmennuskumppani-2026.yaml"
NORTHWIND = ROOT / "examples" / "northwind-coaching.yaml"
AS_OF = date(2026, 11, 25)


class _Outline(HTMLParser):
    """Headings, section markers, lang attributes and unclosed tags of an HTML page."""

    VOID = frozenset({"meta", "br", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.sections: list[str] = []
        self.langs: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        found = dict(attrs_)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "data-sections" in found:
            self.sections.extend((found["data-sections"] or "").split())
        if "lang" in found:
            self.langs.append(found["lang"] or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    parser.close()
    return parser


def assert_valid_outline(page: _Outline, lang: str) -> None:
    assert page.doctype
    assert page.langs[0] == lang
    assert not page.errors
    assert not page.stack
    assert page.headings[0] == 1
    assert page.headings.count(1) == 1
    # Headings never skip a level going down.
    assert all(b <= a + 1 for a, b in zip(page.headings, page.headings[1:], strict=False))


# Catalogues ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogues_are_current(lang: str) -> None:
    shipped = (locale_dir() / lang / "LC_MESSAGES" / "gdpr_register.mo").read_bytes()
    assert shipped == compile_catalogue(lang), "run: python -m gdpr_register.render._catalog"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_message_is_translated(lang: str) -> None:
    from babel.messages.pofile import read_po

    with (locale_dir() / lang / "LC_MESSAGES" / "gdpr_register.po").open("rb") as handle:
        catalog = read_po(handle)
    ids = {m.id for m in catalog if m.id}
    assert ids == set(MESSAGES.values())
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


def test_label_reads_the_official_wording() -> None:
    assert label("right.erasure", "fi").startswith("Oikeus tietojen poistamiseen")
    assert label("right.portability", "sv") == "Rätt till dataportabilitet"
    assert label("basis.6(1)(c)", "en").endswith("to which the controller is subject")
    with pytest.raises(UsageError):
        label("right.access", "de")
    with pytest.raises(KeyError):
        label("right.nonsense", "fi")
    from gdpr_register.render import label_keys

    assert "right.access" in label_keys()
    assert all(label(key, "sv") for key in label_keys())


def test_every_enum_value_has_a_label() -> None:
    from gdpr_register.model import LawfulBasis, RightKind, TransferMechanism

    for right in RightKind:
        assert f"right.{right.value}" in MESSAGES
    for basis in LawfulBasis:
        assert f"basis.{basis.value}" in MESSAGES
    for mechanism in TransferMechanism:
        assert f"mechanism.{mechanism.value}" in MESSAGES
    for section in Section:
        assert f"section.{section.value}" in MESSAGES
    for severity in Severity:
        assert f"severity.{severity.value}" in MESSAGES


# The rendered notice --------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("layout", ["art13", "fi-model-form"])
def test_html_is_a_valid_outline_with_the_language(lang: str, layout: str) -> None:
    for path in (SEED_2026, NORTHWIND):
        page = outline(render_notice(load_notice(path), lang=lang, layout=layout))
        assert_valid_outline(page, lang)


def test_same_input_same_bytes() -> None:
    notice = load_notice(SEED_2026)
    for fmt in ("html", "markdown", "text"):
        assert render_notice(notice, "fi", fmt) == render_notice(load_notice(SEED_2026), "fi", fmt)


def test_the_2026_notice_has_every_art13_item_in_finnish() -> None:
    page = outline(render_notice(load_notice(SEED_2026), "fi"))
    for section in ("controller", "dpo", "purposes", "bases", "legitimate-interests",
                    "data-categories", "sources", "recipients", "transfers", "retention",
                    "rights", "provision", "automated-decisions", "complaint-authority"):
        assert section in page.sections
    assert label("section.transfers", "fi") in render_notice(load_notice(SEED_2026), "fi")


def test_model_form_numbers_the_seed_sections() -> None:
    text = render_notice(load_notice(SEED), "fi", "text", layout="fi-model-form")
    numbered = [int(m) for m in re.findall(r"^(\d+) \S", text, re.MULTILINE)]
    assert numbered == sorted(numbered)
    assert numbered[:4] == [1, 2, 3, 4]
    assert 12 in numbered


def test_first_layer_is_short_and_has_controller_purposes_and_rights() -> None:
    notice = load_notice(SEED_2026)
    first = outline(render_notice(notice, "en", layer="first"))
    assert set(first.sections) == {"controller", "purposes", "rights", "request-procedure"}
    assert len(render_notice(notice, "en", layer="first")) < len(render_notice(notice, "en"))


def test_texts_in_another_language_are_marked_not_translated() -> None:
    notice = load_notice(SEED_2026)
    html = render_notice(notice, "sv")
    assert '<span lang="fi">Palvelujen markkinointi</span>' in html
    translated = attrs.evolve(notice, translated=(TranslatedText(
        language="sv", path="$.registers[0].purposes[1].name", text="Marknadsföring"),))
    html = render_notice(translated, "sv")
    assert "Marknadsföring" in html
    assert "Palvelujen markkinointi" not in html
    assert "(på finska)" in render_notice(notice, "sv", "text")


LAYERED = """
id: kahvila
title: Kahvila Oy:n asiakasrekisterin tietosuojaseloste
language: fi
controller: {name: Kahvila Oy, email: tietosuoja@kahvila.example}
coverage:
  elsewhere: [{section: rights, reference: "Tietosuojakäytäntö, kohta 7"}]
registers:
  - id: asiakkaat
    name: Asiakasrekisteri
    purposes: [{id: tilaukset, name: Tilausten toimitus, bases: ["6(1)(b)"]}]
    data_categories: [{id: yhteystiedot, name: Yhteystiedot}]
    recipients: none
    transfers: none
"""


def test_none_and_elsewhere_render_as_what_they_are_and_silence_is_omitted() -> None:
    notice = loads_notice(LAYERED, format="yaml")
    html = render_notice(notice, "en")
    assert label("none.transfers", "en") in html
    assert "Tietosuojakäytäntö, kohta 7" in html
    page = outline(html)
    assert "retention" not in page.sections  # silent: not invented
    assert label("phrase.missing", "en").split(":")[0] not in html


def test_draft_shows_what_is_missing_and_lists_findings() -> None:
    notice = loads_notice(LAYERED, format="yaml")
    html = render_notice(notice, "en", draft=True, as_of=AS_OF)
    page = outline(html)
    assert "retention" in page.sections
    assert '<mark class="missing">' in html
    report = evaluate(notice, as_of=AS_OF)
    assert report.findings
    assert all(f.rule in html for f in report.findings)
    assert_valid_outline(page, "en")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_draft_findings_are_headed_in_the_notice_language_and_marked_english(lang: str) -> None:
    html = render_notice(load_notice(SEED), lang, draft=True, as_of=AS_OF)
    findings = html[html.index('<section id="findings"'):]
    assert f"<h2>{label('section.findings', lang)}</h2>" in findings
    report = evaluate(load_notice(SEED), as_of=AS_OF)
    for finding in report.findings:  # the messages are English: marked, not translated
        assert f'<span lang="en">{escape(finding.text)}</span>' in findings
        assert f"{label(f'severity.{finding.severity.value}', lang)} {finding.rule}" in findings


HOSTILE = ("<script>alert(1)</script> {{ 7*7 }} {% if x %} \u202eevil\u202c "
           "**bold** [link](http://x) # heading & < >")


def test_hostile_text_renders_as_text() -> None:
    notice = loads_notice(LAYERED, format="yaml")
    register = attrs.evolve(notice.registers[0], name=HOSTILE,
                            description=HOSTILE)
    hostile = attrs.evolve(notice, title=HOSTILE, registers=(register,))
    html = render_notice(hostile, "fi")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html
    assert "49" not in html
    assert "<bdi>" in html  # the right-to-left override cannot reorder the page
    assert_valid_outline(outline(html), "fi")
    markdown = render_notice(hostile, "fi", "markdown")
    assert "<script>" not in markdown
    assert r"\*\*bold\*\*" in markdown
    assert r"\[link\]" in markdown
    text = render_notice(hostile, "fi", "text")
    assert "{{ 7*7 }}" in text
    assert "<script>alert(1)</script>" in text


def test_unknown_option_is_a_usage_error() -> None:
    notice = load_notice(SEED_2026)
    with pytest.raises(UsageError):
        render_notice(notice, "de")
    with pytest.raises(UsageError):
        render_notice(notice, "fi", "pdf")


@settings(max_examples=30, deadline=None)
@given(notice=strategies.notices(), lang=st.sampled_from(LANGUAGES),
       fmt=st.sampled_from(["html", "markdown", "text"]))
def test_rendering_never_fails_and_shows_every_item_the_notice_holds(
        notice: Notice, lang: str, fmt: str) -> None:
    out = render_notice(notice, lang, fmt)
    assert out
    if fmt != "html":
        return
    page = outline(out)
    assert_valid_outline(page, lang)
    for section in Section:
        registers = notice.registers if section.value not in (
            "controller", "representative", "dpo", "complaint-authority") else (None,)
        for register in registers:
            state = notice.section_state(section, register)
            if state is SectionState.SILENT:
                continue
            if state is SectionState.STATED and section in (
                    Section.SALE, Section.COOKIES):
                continue  # no field states them
            assert section.value in page.sections, (section, register)


# The 2026 example ---------------------------------------------------------------------------
def test_the_2026_notice_has_no_finding_at_low_or_above() -> None:
    report = evaluate(load_notice(SEED_2026), as_of=AS_OF)
    serious = [f.rule for f in report.findings if f.severity.value != "info"]
    assert serious == []
    seed = evaluate(load_notice(SEED), as_of=AS_OF)
    assert any(f.severity.value == "high" for f in seed.findings)


def test_store_diff_between_the_2018_and_2026_versions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    store = f"sqlite:///{tmp_path / 'r.db'}"
    assert main(["store", "import", str(SEED), str(SEED_2026), "--store", store]) == 0
    capsys.readouterr()
    assert main(["store", "diff", "valmennuskumppani", "1", "2", "--store", store,
                 "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    paths = {c["path"] for c in changes}
    assert "updated" in paths
    assert "controller.dpo" in paths
    assert any(p.startswith("registers[0].transfers") for p in paths)


# The command ---------------------------------------------------------------------------------
def test_render_command_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "tietosuojaseloste.html"
    assert main(["render", str(SEED_2026), "--lang", "fi", "--format", "html",
                 "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render_notice(load_notice(SEED_2026), "fi")
    assert main(["render", str(NORTHWIND), "--lang", "sv", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# ")


def test_render_command_draft_lists_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SEED), "--lang", "en", "--format", "text", "--draft",
                 "--as-of", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert "ART44" in out
    assert "ART13_2_b" in out


def test_render_command_bad_input_is_exit_2(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    target = tmp_path / "out.html"
    assert main(["render", str(bad), "-o", str(target)]) == 2
    assert not target.exists()
    assert "Traceback" not in capsys.readouterr().err


def test_importing_gdpr_register_does_not_import_jinja_or_babel() -> None:
    code = ("import sys, gdpr_register\nfrom gdpr_register.cli import build_parser\n"
            "build_parser()\nfrom gdpr_register.render import label\nlabel('right.access')\n"
            "print(','.join(m for m in ('jinja2', 'babel') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""
