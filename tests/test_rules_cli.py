"""``gdpr-register check`` and ``gdpr-register rules``: output, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gdpr_register.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "valmennuskumppani.yaml")
NORTHWIND = str(ROOT / "examples" / "northwind-coaching.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_groups_by_register_and_severity(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SEED, "--as-of", "2026-11-25")
    assert code == 1
    lines = out.splitlines()
    assert "  register asiakas-ja-markkinointirekisteri" in lines
    high = lines.index("    high", lines.index("  register asiakas-ja-markkinointirekisteri"))
    art44 = next(i for i, line in enumerate(lines) if line.strip().startswith("ART44"))
    assert art44 > high
    assert "$.registers[0].transfers[0]" in lines[art44]
    assert "GDPR Art. 44" in lines[art44]
    assert lines[art44 + 2].strip().startswith("fix: ")


def test_fail_on(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "check", SEED, "--as-of", "2026-11-25", "--fail-on", "high")[0] == 1
    assert run(capsys, "check", NORTHWIND, "--as-of", "2026-11-25")[0] == 0
    # A single low finding: access free of charge only once a year (ART12_5, Art. 12(5)).
    text = Path(NORTHWIND).read_text(encoding="utf-8")
    anchor = "      identity_check: if-needed\n    provision:\n      requirement: voluntary"
    once = text.replace(anchor, anchor.replace(
        "if-needed\n", "if-needed\n      charge: free-once-a-year\n"), 1)
    assert once != text
    low = tmp_path / "once-a-year.yaml"
    low.write_text(once, encoding="utf-8")
    only_low = ("check", str(low), "--as-of", "2026-11-25")
    assert run(capsys, *only_low, "--fail-on", "medium")[0] == 0
    assert run(capsys, *only_low, "--fail-on", "low")[0] == 1


def test_as_of_changes_the_law(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SEED, "--as-of", "2018-09-05", "--select", "ART44")
    assert code == 0
    assert "no findings" in out


def test_json_for_many_files_and_globs(capsys: pytest.CaptureFixture[str]) -> None:
    pattern = str(ROOT / "examples" / "*.yaml")
    code, out, _ = run(capsys, "check", pattern, "--format", "json", "--as-of", "2026-11-25")
    data = json.loads(out)
    sources = sorted(Path(r["source"]).name for r in data["reports"])
    assert sources == ["northwind-coaching.yaml", "valmennuskumppani-2026.yaml",
                       "valmennuskumppani.yaml"]
    assert code == 1
    seed = next(r for r in data["reports"] if Path(r["source"]).name == "valmennuskumppani.yaml")
    assert {"ART44", "ART13_1_c", "ART13_2_b"} <= {f["rule"] for f in seed["findings"]}


def test_sarif_has_regions_for_yaml(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SEED, "--format", "sarif", "--as-of", "2026-11-25",
                       "--select", "ART44")
    log = json.loads(out)
    results = log["runs"][0]["results"]
    lines = Path(SEED).read_text(encoding="utf-8").splitlines()
    for result in results:
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert "recipient: " in lines[line - 1]  # the transfer's first key
    assert code == 1


def test_select_ignore_lists(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, "check", SEED, "--format", "json", "--as-of", "2026-11-25",
                       "--select", "ART13,ART44", "--ignore", "ART13_1")
    rules = {f["rule"] for r in json.loads(out)["reports"] for f in r["findings"]}
    assert "ART44" in rules
    assert not any(r.startswith("ART13_1") for r in rules)
    assert all(r.startswith(("ART13", "ART44")) for r in rules)


def test_bad_input_is_exit_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: t\ncontroller: {name: n}\nregisters: []\n", encoding="utf-8")
    code, out, err = run(capsys, "check", SEED, str(broken), "--format", "json")
    assert code == 2
    assert out == ""
    assert "broken.yaml" in err
    code, out, err = run(capsys, "check", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert out == ""
    code, out, err = run(capsys, "check", str(tmp_path / "*.nothing"))
    assert code == 2
    assert "no file matches" in err
    code, out, err = run(capsys, "check", SEED, "--select", "NOPE")
    assert code == 2
    assert "NOPE" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["check", SEED, "--as-of", "25.11.2026"])
    assert exit_info.value.code == 2


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert "ART13_2_b" in ids
    assert "ART44" in ids
    code, out, _ = run(capsys, "rules", "ART13_2_b")
    assert code == 0
    for heading in ("What it checks", "Why", "Example", "References"):
        assert heading in out.splitlines()
    code, out, _ = run(capsys, "rules", "ART44", "--format", "json")
    assert json.loads(out)["citation"].startswith("GDPR Art. 44")
    code, _, err = run(capsys, "rules", "ART13_2")
    assert code == 2
    assert "ART13_2_" in err


def test_docs_rules_md_is_generated_and_up_to_date() -> None:
    from gdpr_register.rules import catalogue_markdown

    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), (
        "docs/rules.md is stale: run `gdpr-register rules --format markdown > docs/rules.md`"
    )


def test_check_starts_without_importing_what_it_does_not_need() -> None:
    code = (
        "import sys\n"
        "from gdpr_register.cli import build_parser\n"
        "build_parser()\n"
        "heavy = [m for m in ('gdpr_register.rules.catalogue', 'hypothesis', 'pendulum') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
