"""Documents of the previous release keep loading and evaluate to the same findings.

``tests/fixtures/documents-previous/`` holds the examples as they were before the format
gained explicit nones, coverage, shared statements and partial dates, plus ``old-forms.*``
using every form that format had (in YAML, and JSON and TOML as that release wrote them).
``documents-previous.findings.json`` was recorded by running that release's ``evaluate`` on
them: (rule id, path, severity) per document and ``as_of`` date. A rule whose behaviour
changes on purpose updates the record (and CHANGELOG names the rule).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gdpr_register import Format, dumps_notice, evaluate, load_notice, loads_notice

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENTS = sorted((FIXTURES / "documents-previous").iterdir())
RECORDED: dict[str, list[list[str]]] = json.loads(
    (FIXTURES / "documents-previous.findings.json").read_text(encoding="utf-8")
)


def test_every_document_has_a_record() -> None:
    assert {key.split("@")[0] for key in RECORDED} == {p.name for p in DOCUMENTS}


@pytest.mark.parametrize("key", sorted(RECORDED))
def test_previous_documents_evaluate_as_before(key: str) -> None:
    name, as_of = key.split("@")
    notice = load_notice(FIXTURES / "documents-previous" / name)
    report = evaluate(notice, as_of=date.fromisoformat(as_of))
    found = sorted({(f.rule, f.path, f.severity.value) for f in report.findings})
    assert found == sorted(tuple(x) for x in RECORDED[key])


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_previous_documents_round_trip(path: Path) -> None:
    notice = load_notice(path)
    for fmt in Format:
        assert loads_notice(dumps_notice(notice, fmt), fmt) == notice


def test_the_three_formats_of_the_old_forms_load_alike() -> None:
    loaded = {p.suffix: load_notice(p) for p in DOCUMENTS if p.stem == "old-forms"}
    assert set(loaded) == {".yaml", ".json", ".toml"}
    assert loaded[".json"] == loaded[".toml"]
    # That release wrote no `false` it took as the default: a left-out `public_authority`
    # or `includes_children` now reads as not stated, where the YAML states `false`.
    yaml_, written = loaded[".yaml"], loaded[".json"]
    assert yaml_.controller.public_authority is False
    assert written.controller.public_authority is None
    assert [s.includes_children for s in written.registers[0].data_subjects] == [None, True]
