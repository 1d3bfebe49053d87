"""The seed notice's expected findings (issue 3, catalogue §7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gdpr_register import Severity, evaluate, load_notice


def test_seed_as_of_2026_11_25(seed_path: Path) -> None:
    report = evaluate(load_notice(seed_path), as_of=date(2026, 11, 25))
    rules = [f.rule for f in report.findings]

    art44 = [f for f in report.findings if f.rule == "ART44"]
    assert {f.path for f in art44} == {
        "$.registers[0].transfers[0]",  # Facebook
        "$.registers[0].transfers[1]",  # Google Analytics
    }
    assert {(f.args["mechanism"], f.args["reason"], f.args["since"]) for f in art44} == {
        ("privacy-shield", "invalidated", date(2020, 7, 16))
    }

    pooled = [
        f.args["stated"] for f in report.findings
        if f.rule == "ART13_1_c" and f.args.get("problem") == "not-a-gdpr-basis"
    ]
    assert pooled == ["Valmennuskumppani Oy:n ja asiakkaan välinen asiakassuhde",
                      "muu asiallinen yhteys"]

    rights = [f for f in report.findings if f.rule == "ART13_2_b"]
    assert [f.args["missing"] for f in rights] == [("restriction", "portability")]

    # Further catalogue §7 defects the model holds the facts for.
    for expected in (
        "ART5_1_e",  # DEF-05 vague statutory hold
        "ART17_3_b",  # DEF-07 bookkeeping hold not scoped to accounting material
        "ART13_2_e",  # DEF-08 no provision statement
        "ART13_2_c",  # DEF-10 withdrawal made conditional
        "ART13_1_b",  # DEF-13 no DPO statement (info)
        "ART30_5",  # DEF-16 not exempt from the Art. 30 record
        "ART14_2_f",  # DEF-18 indirect sources not identified
        "ART5_2",  # DEF-06 five years after last contact: justify
        "FI_TSL_REPEALED",  # "muu asiallinen yhteys": the Personal Data Act's connection rule
    ):
        assert expected in rules, expected
    # DEF-09 is no longer a finding: Art. 21(4) 'presented clearly and separately' cannot be
    # judged from a list of rights, the objection right is stated, and Art. 21(1) applies only
    # to 6(1)(e)/(f), which the notice does not state (issue 9).
    assert "ART21_4" not in rules
    severities = {f.rule: f.severity for f in report.findings}
    assert severities["ART44"] is Severity.HIGH
    assert severities["ART13_1_b"] is Severity.INFO
    # Art. 7(3): consent may be withdrawn "at any time", not only where it is the sole basis;
    # Art. 17(1): erasure has six grounds, not only "if the processing is not necessary".
    assert severities["ART13_2_c"] is Severity.MEDIUM
    erasure = [f for f in report.findings if f.rule == "ART17_1"]
    assert [(f.path, f.severity) for f in erasure] == [
        ("$.registers[0].rights[5]", Severity.MEDIUM)]
    assert report.fails("high")


def test_seed_as_of_2018_09_05_privacy_shield_was_valid(seed_path: Path) -> None:
    report = evaluate(load_notice(seed_path), as_of=date(2018, 9, 5))
    assert "ART44" not in {f.rule for f in report.findings}
    # The other defects do not depend on the date.
    assert "ART13_2_b" in {f.rule for f in report.findings}


def test_compliant_example_has_nothing_at_medium_or_above() -> None:
    path = Path(__file__).resolve().parent.parent / "examples" / "northwind-coaching.yaml"
    report = evaluate(load_notice(path), as_of=date(2026, 11, 25))
    assert not report.fails("medium")
    assert report.filter(severity="medium").findings == ()
