"""``evaluate()`` gives exactly the findings it gave when they were recorded.

A guard for speed work on the engine and the catalogue: every field of every finding (rule,
title, severity, citation, path, register, message and fix templates, each argument with its
type, the waiver) and their order are compared with a record, on the examples, every corpus
notice, the previous release's documents and a fixed sample of generated notices
(``findings-pinned-notices.json``: hypothesis ``notices()`` plus the benchmarks' notices,
stored as documents so the sample does not depend on hypothesis' version), at several
``as_of`` dates, with preview rules and with non-default options.

A rule whose behaviour changes on purpose re-records (and CHANGELOG names the rule)::

    python tests/test_findings_pinned.py --record            # findings-pinned.json
    python tests/test_findings_pinned.py --sample --record   # a new notice sample first
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gdpr_register import Finding, Format, Notice, dumps_notice, evaluate, load_notice, loads_notice
from gdpr_register.rules import Options

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
RECORD = FIXTURES / "findings-pinned.json"
SAMPLE = FIXTURES / "findings-pinned-notices.json"

# Before the GDPR applied, its first day, Schrems II's, the DPF's first day, and later.
DATES = ("2017-06-01", "2018-05-25", "2020-07-16", "2023-07-10", "2026-11-25")
OTHER_OPTIONS = Options(assume_dpf_certified=True, assume_automated_processing=False,
                        art30_employee_threshold=750, retention_review_months=12)


def _documents() -> Iterator[tuple[str, Path]]:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        yield f"examples/{path.name}", path
    for path in sorted((ROOT / "tests" / "corpus").glob("*/notice.yaml")):
        yield f"corpus/{path.parent.name}", path
    for path in sorted((FIXTURES / "documents-previous").iterdir()):
        yield f"previous/{path.name}", path


def _sample() -> list[Notice]:
    documents: list[str] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return [loads_notice(text, Format.JSON) for text in documents]


def cases() -> Iterator[tuple[str, Notice, dict[str, Any]]]:
    """(key, notice, evaluate's keywords) for every pinned evaluation."""
    for name, path in _documents():
        notice = load_notice(path)
        for day in DATES:
            yield f"{name}@{day}", notice, {"as_of": day}
        yield f"{name}@2024-06-01+preview", notice, {"as_of": "2024-06-01", "preview": True}
        yield f"{name}@2024-06-01+options", notice, {"as_of": "2024-06-01",
                                                     "options": OTHER_OPTIONS}
    for index, notice in enumerate(_sample()):
        yield f"sample[{index}]@2026-11-25", notice, {"as_of": "2026-11-25"}
        yield f"sample[{index}]@2020-06-01+preview", notice, {"as_of": "2020-06-01",
                                                              "preview": True}


def _arg(value: Any) -> Any:
    # Types matter (a date is not its ISO string, a tuple not a list): keep them in the record.
    if isinstance(value, tuple):
        return {"tuple": [_arg(v) for v in value]}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _finding(finding: Finding, strings: dict[str, int]) -> list[Any]:
    def s(text: str | None) -> int | None:
        return None if text is None else strings.setdefault(text, len(strings))

    waiver = finding.waiver
    return [
        finding.rule, finding.severity.value, finding.path, finding.register,
        s(finding.title), s(finding.citation), s(finding.message), s(finding.fix),
        [[key, _arg(value)] for key, value in finding.args.items()],
        None if waiver is None else [s(waiver.justification), waiver.path,
                                     None if waiver.expires is None else
                                     waiver.expires.isoformat(), waiver.acknowledged_by],
    ]


def outcome(notice: Notice, keywords: dict[str, Any], strings: dict[str, int]) -> dict[str, Any]:
    report = evaluate(notice, **keywords)
    rules = " ".join(r.id for r in report.rules)
    return {
        "as_of": report.as_of.isoformat(),
        "rules": strings.setdefault(rules, len(strings)),
        "findings": [_finding(f, strings) for f in report.findings],
    }


def _expand(recorded: dict[str, Any], strings: list[str]) -> dict[str, Any]:
    """A recorded outcome with its string indices replaced by the strings."""
    def s(index: int | None) -> str | None:
        return None if index is None else strings[index]

    findings = []
    for f in recorded["findings"]:
        waiver = f[9] if f[9] is None else [s(f[9][0]), *f[9][1:]]
        findings.append([*f[:4], *(s(i) for i in f[4:8]), f[8], waiver])
    return {**recorded, "rules": s(recorded["rules"]), "findings": findings}


def _load_record() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RECORD.read_text(encoding="utf-8"))
    return data


RECORDED = _load_record() if RECORD.exists() else {"strings": [], "cases": {}}
CASES = {key: (notice, keywords) for key, notice, keywords in cases()} if SAMPLE.exists() else {}


def test_every_case_is_recorded() -> None:
    assert sorted(RECORDED["cases"]) == sorted(CASES)


@pytest.mark.parametrize("key", sorted(CASES))
def test_findings_are_as_recorded(key: str) -> None:
    notice, keywords = CASES[key]
    strings: dict[str, int] = {}
    now = outcome(notice, keywords, strings)
    expected = _expand(RECORDED["cases"][key], RECORDED["strings"])
    assert _expand(now, list(strings)) == expected


def _new_sample() -> list[str]:
    """80 generated notices (derandomized) and the benchmarks' notices, as JSON documents."""
    from hypothesis import HealthCheck, Phase, given, settings

    from gdpr_register.testing.strategies import notices

    drawn: list[Notice] = []

    @settings(max_examples=80, derandomize=True, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(notices())
    def draw(notice: Notice) -> None:
        drawn.append(notice)

    draw()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_rules
    import bench_vs_fides

    drawn.append(bench_vs_fides.notice(3))
    drawn.extend(bench_rules.build(2, 6))
    return [dumps_notice(n, Format.JSON) for n in drawn]


def _record() -> None:
    strings: dict[str, int] = {}
    recorded = {key: outcome(notice, keywords, strings) for key, notice, keywords in cases()}
    # One line per case and per string: a re-record's diff shows which cases changed.
    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    cases_ = ",\n".join(f"{line(key)}:{line(recorded[key])}" for key in sorted(recorded))
    strings_ = ",\n".join(line(text) for text in strings)
    RECORD.write_text(f'{{"cases":{{\n{cases_}\n}},\n"strings":[\n{strings_}\n]}}\n',
                      encoding="utf-8")


if __name__ == "__main__":
    if "--sample" in sys.argv:
        SAMPLE.write_text(json.dumps(_new_sample(), ensure_ascii=False, indent=0) + "\n",
                          encoding="utf-8")
    if "--record" in sys.argv:
        _record()
