"""``check --format github|junit|gitlab`` and ``-o/--output`` on every reporting command."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
import yaml
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register.cli import main
from gdpr_register.cli._formats import _escape_data, _escape_property

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "valmennuskumppani.yaml")
NORTHWIND = str(ROOT / "examples" / "northwind-coaching.yaml")
CI = Path(__file__).parent / "fixtures" / "ci"
AS_OF = "2026-11-25"
RANK = {"info": 0, "low": 1, "medium": 2, "high": 3}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def findings(capsys: pytest.CaptureFixture[str], *files: str) -> list[dict[str, Any]]:
    out = run(capsys, "check", *files, "--as-of", AS_OF, "--format", "json")[1]
    return [dict(f, source=r["source"]) for r in json.loads(out)["reports"]
            for f in r["findings"]]


@pytest.fixture
def waived(tmp_path: Path) -> Path:
    """The seed with its ART44 findings waived."""
    data = yaml.safe_load(Path(SEED).read_text(encoding="utf-8"))
    data["waivers"] = [{"rule": "ART44", "justification": "SCCs being signed",
                        "acknowledged_by": "DPO"}]
    path = tmp_path / "waived.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


@given(st.text())
def test_github_escaping_round_trips_and_keeps_one_line(text: str) -> None:
    for escaped in (_escape_data(text), _escape_property(text)):
        assert "\n" not in escaped
        assert "\r" not in escaped
        assert _unescape(escaped) == text
    assert ":" not in _escape_property(text)
    assert "," not in _escape_property(text)


def test_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    expected = [f for f in findings(capsys, SEED) if not f["waived"]]
    code, out, _ = run(capsys, "check", SEED, "--as-of", AS_OF, "--format", "github",
                       "--fail-on", "medium")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(expected)
    for line, finding in zip(lines, expected, strict=True):
        level, _, rest = line[2:].partition(" ")
        props, _, message = rest.partition("::")
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert fields["title"].startswith(finding["rule"] + " ")
        assert _unescape(fields["file"]) == SEED
        assert int(fields["line"]) >= 1
        assert finding["message"] in _unescape(message)
        want = ("error" if RANK[finding["severity"]] >= RANK["medium"]
                else "notice" if finding["severity"] == "info" else "warning")
        assert level == want


def test_github_lines_point_at_the_finding(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "check", SEED, "--as-of", AS_OF, "--format", "github",
              "--select", "ART44")[1]
    source = Path(SEED).read_text(encoding="utf-8").splitlines()
    lines = [int(dict(p.split("=", 1) for p in line.split(" ", 1)[1].split("::")[0]
                      .split(","))["line"]) for line in out.splitlines()]
    assert lines
    for number in lines:  # each transfer's first line names its recipient
        assert "recipient" in source[number - 1] or "country" in source[number - 1]


def test_github_hides_waived_findings(capsys: pytest.CaptureFixture[str], waived: Path) -> None:
    out = run(capsys, "check", str(waived), "--as-of", AS_OF, "--format", "github")[1]
    assert "title=ART44 " not in out
    assert "title=ART13_1_c " in out


def test_junit_validates_and_counts(capsys: pytest.CaptureFixture[str], waived: Path) -> None:
    schema = xmlschema.XMLSchema(CI / "junit.xsd")
    code, out, _ = run(capsys, "check", SEED, NORTHWIND, str(waived), "--as-of", AS_OF,
                       "--format", "junit", "--fail-on", "medium")
    assert code == 1
    schema.validate(out)
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [SEED, NORTHWIND, str(waived)]
    every = findings(capsys, SEED, NORTHWIND, str(waived))
    for suite in suites:
        mine = [f for f in every if f["source"] == suite.get("name")]
        failing = {(f["rule"], f["register"] or "notice") for f in mine
                   if not f["waived"] and RANK[f["severity"]] >= RANK["medium"]}
        failed = {(c.get("name"), c.get("classname", "").rsplit(".", 1)[-1])
                  for c in suite.iter("testcase") if c.find("failure") is not None}
        assert {rule for rule, _ in failed} == {rule for rule, _ in failing}
        assert int(suite.get("failures", "-1")) == len(failed)
        assert int(suite.get("tests", "-1")) == len(suite.findall("testcase"))
    skipped = [c.get("name") for c in suites[2].iter("testcase") if c.find("skipped") is not None]
    assert skipped == ["ART44"]
    assert int(root.get("failures", "-1")) == sum(int(s.get("failures", "0")) for s in suites)


def test_junit_has_a_case_for_every_rule_on_a_clean_register(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run(capsys, "check", NORTHWIND, "--as-of", AS_OF, "--format", "junit",
              "--select", "ART44")[1]
    cases = ET.fromstring(out).findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == ["ART44"] * len(cases)
    assert cases
    assert all(c.find("failure") is None for c in cases)


def test_gitlab_code_quality(capsys: pytest.CaptureFixture[str], waived: Path) -> None:
    schema = json.loads((CI / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "check", SEED, str(waived), "--as-of", AS_OF, "--format",
                       "gitlab")
    assert code == 1
    issues = json.loads(out)
    jsonschema.validate(issues, schema)
    expected = [f for f in findings(capsys, SEED, str(waived)) if not f["waived"]]
    assert [i["check_name"] for i in issues] == [f["rule"] for f in expected]
    mapping = {"info": "info", "low": "minor", "medium": "major", "high": "critical"}
    assert [i["severity"] for i in issues] == [mapping[f["severity"]] for f in expected]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert "ART44" not in {i["check_name"] for i in issues if i["location"]["path"] != SEED}


def test_gitlab_fingerprints_are_stable_across_runs_and_dates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def prints(as_of: str) -> dict[str, str]:
        out = run(capsys, "check", SEED, "--as-of", as_of, "--format", "gitlab")[1]
        return {i["fingerprint"]: i["check_name"] for i in json.loads(out)}

    first, again, later = prints(AS_OF), prints(AS_OF), prints("2027-03-01")
    assert first == again
    common = set(first) & set(later)
    assert {first[p] for p in common} >= {"ART44", "ART13_1_c"}


def test_check_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out, _ = run(capsys, "check", SEED, "--as-of", AS_OF, "--format", "sarif",
                       "-o", str(target))
    assert (code, out) == (1, "")
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    target.write_text("kept", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("controller: [", encoding="utf-8")
    assert run(capsys, "check", str(bad), "-o", str(target))[0] == 2
    assert target.read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize("argv", [
    ["schema"],
    ["rules", "--format", "json"],
    ["deadline", "--received", "2026-06-01", "--format", "json"],
    ["request", NORTHWIND, "--register", "clients", "--right", "access", "--received",
     "2026-06-01", "--format", "json"],
])
def test_reporting_commands_write_to_output(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            argv: list[str]) -> None:
    code, expected, _ = run(capsys, *argv)
    assert code == 0
    assert expected
    target = tmp_path / "out.txt"
    assert run(capsys, *argv, "-o", str(target)) == (code, "", "")
    assert target.read_text(encoding="utf-8") == expected


def test_retention_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text("subject,event,date\ns1,service_contact,2015-01-01\n", encoding="utf-8")
    argv = ["retention", SEED, "--events", str(events), "--as-of", AS_OF, "--format", "csv"]
    code, expected, _ = run(capsys, *argv)
    assert code == 0
    assert expected.startswith("subject,")
    target = tmp_path / "due.csv"
    assert run(capsys, *argv, "-o", str(target))[:2] == (0, "")
    assert target.read_text(encoding="utf-8") == expected
    target.write_text("kept", encoding="utf-8")
    events.write_text("subject,event,date\ns1,service_contact,not-a-date\n", encoding="utf-8")
    assert run(capsys, *argv, "-o", str(target))[0] == 2
    assert target.read_text(encoding="utf-8") == "kept"


def test_store_history_and_diff_output_files(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'store.db'}"
    assert run(capsys, "store", "import", SEED, "--store", store)[0] == 0
    assert run(capsys, "store", "import", SEED, "--store", store)[0] == 0
    for argv in (["history", "valmennuskumppani"], ["diff", "valmennuskumppani", "1", "2"]):
        code, expected, _ = run(capsys, "store", *argv, "--store", store, "--format", "json")
        assert code == 0
        target = tmp_path / f"{argv[0]}.json"
        assert run(capsys, "store", *argv, "--store", store, "--format", "json",
                   "-o", str(target)) == (0, "", "")
        assert target.read_text(encoding="utf-8") == expected
