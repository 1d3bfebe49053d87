"""The corpus of real notices: reviewer judgements as tests (tests/corpus/README.md).

Each ``tests/corpus/<id>/`` holds a real organisation's notice text, its encoding as written
(``notice.yaml``) and a reviewer's judgement (``expect.yaml``). The checker must report every
``must_flag`` at ``low`` or above, never report a ``must_not_flag`` at ``low`` or above, and
report nothing else at ``low`` or above that is not in ``may_flag``: a finding at low or above is
a legal claim, so an unexpected one is a false positive until a reviewer accepts it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

from gdpr_register import Finding, Severity, evaluate, load_notice
from gdpr_register.rules import default_registry

CORPUS = Path(__file__).resolve().parent / "corpus"
NOTICE_IDS = sorted(p.parent.name for p in CORPUS.glob("*/notice.yaml"))

_TOP_KEYS = {"as_of", "reviewer", "must_flag", "must_not_flag", "may_flag"}
_ENTRY_KEYS = {
    "must_flag": ({"rule", "why", "article", "words"}, {"path"}),
    "must_not_flag": ({"rule", "why"}, {"path", "article"}),
    "may_flag": ({"rule", "why"}, {"path", "article"}),
}


@attrs.frozen(kw_only=True)
class Expectation:
    """One line of an expect.yaml list."""

    kind: str
    rule: str
    why: str
    path: str | None = None
    article: str | None = None
    words: str | None = None

    def matches(self, finding: Finding) -> bool:
        """Same rule and, when a path is given, at that path or inside it."""
        if finding.rule != self.rule:
            return False
        if self.path is None:
            return True
        return finding.path == self.path or finding.path.startswith(
            (self.path + ".", self.path + "[")
        )

    def describe(self) -> str:
        where = f" at {self.path}" if self.path else ""
        cited = f" [{self.article}]" if self.article else ""
        return f"{self.rule}{where}{cited}: {self.why.strip()}"


@attrs.frozen(kw_only=True)
class Judgement:
    notice_id: str
    as_of: dt.date
    must_flag: tuple[Expectation, ...]
    must_not_flag: tuple[Expectation, ...]
    may_flag: tuple[Expectation, ...]


def _entries(kind: str, raw: object, where: str) -> tuple[Expectation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValueError(f"{where}.{kind}: expected a list")
    required, optional = _ENTRY_KEYS[kind]
    out: list[Expectation] = []
    for i, item in enumerate(raw):
        here = f"{where}.{kind}[{i}]"
        if not isinstance(item, dict):
            raise ValueError(f"{here}: expected a mapping")
        keys = set(item)
        if missing := required - keys:
            raise ValueError(f"{here}: missing {sorted(missing)}")
        if unknown := keys - required - optional:
            raise ValueError(f"{here}: unknown keys {sorted(unknown)}")
        if not all(isinstance(item[k], str) and item[k].strip() for k in keys):
            raise ValueError(f"{here}: every value must be non-empty text")
        out.append(Expectation(kind=kind, **{k: item[k] for k in keys}))
    return tuple(out)


def load_judgement(notice_id: str) -> Judgement:
    path = CORPUS / notice_id / "expect.yaml"
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = f"{notice_id}/expect.yaml"
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a mapping")
    if unknown := set(raw) - _TOP_KEYS:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    as_of = raw.get("as_of")
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    if not isinstance(as_of, dt.date):
        raise ValueError(f"{where}: as_of must be a date (YYYY-MM-DD)")
    return Judgement(
        notice_id=notice_id,
        as_of=as_of,
        must_flag=_entries("must_flag", raw.get("must_flag"), where),
        must_not_flag=_entries("must_not_flag", raw.get("must_not_flag"), where),
        may_flag=_entries("may_flag", raw.get("may_flag"), where),
    )


def _claims(findings: Sequence[Finding]) -> list[Finding]:
    """Findings that assert a breach: low or above."""
    return [f for f in findings if f.severity.rank >= Severity.LOW.rank]


def _show(finding: Finding) -> str:
    return f"{finding.rule} ({finding.severity}) at {finding.path}: {finding.text}"


def check(judgement: Judgement, findings: Sequence[Finding]) -> list[str]:
    """Every way the findings disagree with the reviewer, one line each."""
    claims = _claims(findings)
    problems: list[str] = []
    for exp in judgement.must_flag:
        if not any(exp.matches(f) for f in claims):
            problems.append(f"missing must_flag {exp.describe()}")
    for exp in judgement.must_not_flag:
        problems.extend(
            f"must_not_flag reported: {_show(f)}\n    reviewer: {exp.describe()}"
            for f in claims
            if exp.matches(f)
        )
    accepted = judgement.must_flag + judgement.may_flag
    forbidden = judgement.must_not_flag
    problems.extend(
        f"unexpected finding (in neither must_flag nor may_flag): {_show(f)}"
        for f in claims
        if not any(e.matches(f) for e in accepted) and not any(e.matches(f) for e in forbidden)
    )
    return problems


def test_the_corpus_has_at_least_ten_notices() -> None:
    assert len(NOTICE_IDS) >= 10, NOTICE_IDS


@pytest.mark.parametrize("notice_id", NOTICE_IDS)
def test_each_notice_keeps_its_provenance(notice_id: str) -> None:
    folder = CORPUS / notice_id
    sources = [p for p in folder.iterdir() if p.stem == "source"]
    assert sources, f"{notice_id}: no source.txt / source.md with the original text"
    assert (folder / "expect.yaml").is_file(), f"{notice_id}: no expect.yaml"
    notice = load_notice(folder / "notice.yaml")
    assert notice.source, f"{notice_id}: notice.yaml has no source: field"
    # Pinned: a repository commit, or at least the date the page was read.
    pinned = re.search(r"/blob/[0-9a-f]{40}/", notice.source) or re.search(
        r"read \d{4}-\d{2}-\d{2}", notice.source
    )
    assert pinned, f"{notice_id}: source names no commit and no date read: {notice.source!r}"
    assert notice.id == notice_id, f"{notice_id}: notice id {notice.id!r} differs from its folder"


@pytest.mark.parametrize("notice_id", NOTICE_IDS)
def test_expectations_name_existing_rules(notice_id: str) -> None:
    judgement = load_judgement(notice_id)
    known = {r.id for r in default_registry()}
    every = judgement.must_flag + judgement.must_not_flag + judgement.may_flag
    unknown = sorted({e.rule for e in every} - known)
    assert not unknown, f"{notice_id}/expect.yaml names rules that do not exist: {unknown}"
    must = {(e.rule, e.path) for e in judgement.must_flag}
    must_not = {(e.rule, e.path) for e in judgement.must_not_flag}
    clash = must & must_not
    assert not clash, f"{notice_id}: the same rule and path is both must and must-not: {clash}"


@pytest.mark.parametrize("notice_id", NOTICE_IDS)
def test_notice_meets_the_reviewers_judgement(notice_id: str) -> None:
    judgement = load_judgement(notice_id)
    notice = load_notice(CORPUS / notice_id / "notice.yaml")
    report = evaluate(notice, as_of=judgement.as_of)
    problems = check(judgement, report.findings)
    assert not problems, (
        f"{notice_id} as of {judgement.as_of} (see tests/corpus/REVIEW.md):\n  "
        + "\n  ".join(problems)
    )


def _finding(rule: str, path: str, severity: Severity = Severity.MEDIUM) -> Finding:
    return Finding(
        rule=rule,
        title="t",
        severity=severity,
        citation="c",
        path=path,
        message="m",
        fix="f",
    )


def test_the_checker_of_judgements_sees_each_kind_of_disagreement() -> None:
    judgement = Judgement(
        notice_id="x",
        as_of=dt.date(2026, 12, 1),
        must_flag=(
            Expectation(kind="must_flag", rule="ART13_1_c", why="w", path="$.registers[0]"),
        ),
        must_not_flag=(Expectation(kind="must_not_flag", rule="ART20_1", why="w"),),
        may_flag=(Expectation(kind="may_flag", rule="ART13_2_e", why="w"),),
    )
    good = [
        _finding("ART13_1_c", "$.registers[0].purposes[1]"),
        _finding("ART13_2_e", "$.registers[0]"),
        _finding("ART20_1", "$.registers[0].rights", Severity.INFO),
        _finding("ART13_1_e", "$.registers[0]", Severity.INFO),
    ]
    assert check(judgement, good) == []
    bad = [
        _finding("ART13_1_c", "$.registers[10]"),  # not inside $.registers[0]
        _finding("ART20_1", "$.registers[0].rights", Severity.LOW),
        _finding("ART13_1_e", "$.registers[0]", Severity.LOW),
    ]
    problems = check(judgement, bad)
    assert [p.split(" ")[0] for p in problems] == [
        "missing",
        "must_not_flag",
        "unexpected",
        "unexpected",
    ]
