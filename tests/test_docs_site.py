"""The documentation site: it builds with no warning, every rule id has its page, every public
name is in the API reference, and SARIF links each rule to its page."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys
import types
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gdpr_register import evaluate, load_notice
from gdpr_register.rules import (
    RULE_DOCS_ENV,
    RULE_DOCS_URL,
    Lifecycle,
    default_registry,
    rule_docs_url,
    rule_text,
    sarif_log,
)
from gdpr_register.rules._docs import rule_page

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "valmennuskumppani.yaml"
RULE_IDS = [item.id for item in default_registry()]


class _Signatures(HTMLParser):
    """The text of every API object's signature (``<dt class="sig ...">``) on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._depth:
            self._depth += tag == "dt"
        elif tag == "dt" and "sig" in classes:
            self._depth = 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "dt":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.found[-1] += data


def _signatures(page: Path) -> list[str]:
    parser = _Signatures()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as CI builds it: warnings are errors (``-W``), all of them reported."""
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(out / ".doctrees"), str(ROOT / "docs"), str(out / "html")],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert done.returncode == 0, f"sphinx-build failed or warned:\n{done.stderr[-6000:]}"
    return out / "html"


@pytest.mark.slow
def test_the_site_has_the_guides_and_getting_started_pages(site: Path) -> None:
    guides = [p.stem for p in (ROOT / "docs").glob("*.md")]
    assert {"index", "checking", "rules", "retention", "storage"} <= set(guides)
    for name in guides:
        assert (site / f"{name}.html").is_file(), name
    for name in ("application", "dpo", "test-suite"):
        assert (site / "getting-started" / f"{name}.html").is_file(), name
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Who is due for erasure today" in index  # the README, included
    dpo = (site / "getting-started" / "dpo.html").read_text(encoding="utf-8")
    if (ROOT / "docs" / "notebooks" / "compliance.ipynb").is_file():
        assert re.search(r'class="reference download internal"[^>]*compliance\.ipynb', dpo)
    else:  # named by its path until the notebook lands
        assert "docs/notebooks/compliance.ipynb" in dpo


@pytest.mark.slow
def test_every_rule_id_has_a_page(site: Path) -> None:
    for rule in RULE_IDS:
        page = site / "rules" / f"{rule}.html"
        assert page.is_file(), rule
        assert f"{rule}:" in page.read_text(encoding="utf-8")
    listed = (site / "rules" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{rule}.html"' in listed for rule in RULE_IDS)
    seed = evaluate(load_notice(SEED), as_of=date(2026, 11, 25), preview=True)
    assert {"ART44", "ART13_2_b"} <= {f.rule for f in seed.findings}
    for finding in seed.findings:  # the worked example: its findings in the seed notice
        text = (site / "rules" / f"{finding.rule}.html").read_text(encoding="utf-8")
        assert "valmennuskumppani.yaml" in text
        assert finding.path in text, (finding.rule, finding.path)


@pytest.mark.slow
def test_every_public_name_is_in_the_api_reference(site: Path) -> None:
    import gdpr_register

    packages = {"gdpr_register", "gdpr_register.testing.contract"} | {
        info.name
        for info in pkgutil.walk_packages(gdpr_register.__path__, "gdpr_register.")
        if info.ispkg and "._" not in info.name
        and getattr(importlib.import_module(info.name), "__all__", None)
    }
    pages = {p.stem for p in (site / "api").glob("*.html")}
    assert packages <= pages, packages - pages
    for name in sorted(pages - {"index"}):
        module = importlib.import_module(name)
        html = (site / "api" / f"{name}.html").read_text(encoding="utf-8")
        signatures = _signatures(site / "api" / f"{name}.html")
        for public in module.__all__:
            pattern = re.compile(rf"\b{re.escape(name)}\.{public}\b")
            assert any(pattern.search(s) for s in signatures), f"{name}.{public} not documented"
            assert f'id="{name}.{public}"' in html, f"{name}.{public} is no link target"


@pytest.mark.slow
def test_sarif_help_uri_is_the_rules_page_on_the_site(site: Path) -> None:
    report = evaluate(load_notice(SEED), as_of=date(2026, 11, 25))
    rules = sarif_log([report], docs_url=str(site / "rules") + "/")["runs"][0]["tool"]["driver"]
    assert rules["rules"]
    for descriptor in rules["rules"]:
        assert Path(descriptor["helpUri"]).is_file()


def test_a_new_public_name_gets_its_entry_without_editing_the_docs() -> None:
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        extension = importlib.import_module("gdpr_register_docs")
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))
    module = types.ModuleType("gdpr_register.future")
    vars(module).update(
        Thing=type("Thing", (), {"__module__": "gdpr_register.future._impl"}),
        helper=lambda: None,
        LIMIT=3,
        __all__=["LIMIT", "Thing", "helper"],
    )
    page = extension.api_page(module, extension.homes([module]))
    assert ".. autoclass:: gdpr_register.future.Thing" in page
    assert ".. autofunction:: gdpr_register.future.helper" in page
    assert ".. autodata:: gdpr_register.future.LIMIT" in page
    names = {m.__name__ for m in extension.public_modules()}
    assert {"gdpr_register", "gdpr_register.rules", "gdpr_register.testing.contract"} <= names


def test_sarif_rules_carry_help_uri_to_the_published_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(RULE_DOCS_ENV, raising=False)
    report = evaluate(load_notice(SEED), as_of=date(2026, 11, 25))
    log = json.loads(report.to_sarif())
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    assert {d["id"] for d in descriptors} == {r.id for r in report.rules}
    for descriptor in descriptors:
        assert descriptor["helpUri"] == RULE_DOCS_URL.format(rule=descriptor["id"])
    assert rule_docs_url("ART44") == (
        "https://gdpr-register.readthedocs.io/en/latest/rules/ART44.html")


def test_the_docs_address_follows_the_environment_and_the_argument(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(RULE_DOCS_ENV, "https://docs.example/v2/rules/{rule}")
    assert rule_docs_url("ART13_1_a") == "https://docs.example/v2/rules/ART13_1_a"
    assert rule_docs_url("ART44", "https://intranet.example/gdpr/") == (
        "https://intranet.example/gdpr/ART44.html")
    report = evaluate(load_notice(SEED), as_of=date(2026, 11, 25))
    (run,) = sarif_log([report])["runs"]
    assert all(d["helpUri"].startswith("https://docs.example/v2/rules/")
               for d in run["tool"]["driver"]["rules"])


def test_a_rules_text_names_its_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RULE_DOCS_ENV, raising=False)
    item = default_registry().get("ART44")
    assert rule_text(item).splitlines()[-2:] == ["Documentation", f"  {rule_docs_url('ART44')}"]


@pytest.mark.parametrize("rule", RULE_IDS)
def test_each_rule_page_says_what_why_basis_and_lifecycle(rule: str) -> None:
    item = default_registry().get(rule)
    page = rule_page(item)
    assert page.startswith(f"# {rule}: {item.title}\n")
    for heading in ("What it checks", "Why", "Example", "Suggested fix", "References",
                    "Lifecycle", "Enforces or advises"):
        assert f"\n## {heading}\n" in page
    assert item.doc.what in page
    assert item.citation in page
    assert f"**{item.lifecycle.value}**" in page
    if item.enforces:
        assert f"> {item.enforces}" in page
    else:
        assert "Advice only" in page or "does not document" in page
    if item.lifecycle is Lifecycle.DEPRECATED:
        assert f"({item.replaced_by}.md)" in page


def test_every_public_name_has_a_docstring() -> None:
    """The API reference is generated from docstrings: a public class or function without
    its own docstring would get an empty entry (an inherited one, e.g. StrEnum's, says
    nothing about it)."""
    import gdpr_register

    missing = []
    for name in gdpr_register.__all__:
        value = getattr(gdpr_register, name)
        if not (inspect.isclass(value) or callable(value) or inspect.ismodule(value)):
            continue  # data (``__version__``): documented where it is defined
        own = vars(value).get("__doc__") if inspect.isclass(value) else value.__doc__
        if not (isinstance(own, str) and own.strip()):
            missing.append(name)
    assert missing == []
