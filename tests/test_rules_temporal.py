"""Temporal scope: GDPR applies from 2018-05-25 (Art. 99(2)); the Personal Data Act and the
Data Protection Act 1050/2018 on their own dates (issue 9 item 5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import evaluate, load_notice
from gdpr_register.rules import Severity

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = load_notice(ROOT / "examples" / "northwind-coaching.yaml")
SEED = load_notice(ROOT / "examples" / "valmennuskumppani.yaml")


@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2018, 5, 24)))
def test_art99_2_no_gdpr_finding_before_2018_05_25(day: date) -> None:
    """Art. 99(2): GDPR 'shall apply from 25 May 2018'. Before, the report holds one info
    finding saying so, and no GDPR rule speaks."""
    report = evaluate(SEED, as_of=day)
    assert [(f.rule, f.severity) for f in report.findings] == [
        ("GDPR_NOT_YET_APPLICABLE", Severity.INFO)
    ]


def test_art99_2_also_when_a_single_gdpr_rule_is_selected() -> None:
    """Art. 99(2): selecting ART44 alone before 2018-05-25 still says why nothing ran."""
    report = evaluate(NORTHWIND, as_of=date(2017, 6, 1), select=["ART44"])
    assert [f.rule for f in report.findings] == ["GDPR_NOT_YET_APPLICABLE"]
    silenced = evaluate(NORTHWIND, as_of=date(2017, 6, 1), select=["ART44"], ignore=["GDPR_NOT"])
    assert silenced.findings == ()


def test_art99_2_from_2018_05_25_gdpr_rules_run() -> None:
    """Art. 99(2): from 25 May 2018 the rules run and GDPR_NOT_YET_APPLICABLE is silent."""
    rules = {f.rule for f in evaluate(SEED, as_of=date(2018, 5, 25)).findings}
    assert "GDPR_NOT_YET_APPLICABLE" not in rules
    assert "ART13_2_b" in rules


def test_fi_tsl_repealed_before_the_data_protection_act_was_in_force() -> None:
    """Data Protection Act 1050/2018 entered into force on 2019-01-01: before that the
    Personal Data Act 523/1999 was still in force where GDPR left room for national law, so
    citing it is info, and no fix points to an Act not yet in force."""
    cites = attrs.evolve(NORTHWIND, cited_laws=("Henkilötietolaki 523/1999",))
    autumn = evaluate(cites, as_of=date(2018, 9, 5), select=["FI_TSL_REPEALED"]).findings
    assert [(f.severity, f.args["problem"]) for f in autumn] == [(Severity.INFO, "superseded")]
    assert all("1050/2018" not in f.fix_text for f in autumn)
    later = evaluate(cites, as_of=date(2019, 1, 1), select=["FI_TSL_REPEALED"]).findings
    assert [(f.severity, f.args["problem"]) for f in later] == [(Severity.MEDIUM, "repealed")]
    assert not evaluate(cites, as_of=date(2018, 5, 24), select=["FI_TSL_REPEALED"]).findings


def test_fi_tsl_connection_requirement_is_no_basis_from_2018_05_25(seed_path: Path) -> None:
    """GDPR Art. 6(1) from 2018-05-25: the Personal Data Act's 'connection requirement' is no
    basis even before the Act's repeal; the fix then names GDPR only."""
    seed = load_notice(seed_path)
    found = evaluate(seed, as_of=date(2018, 9, 5), select=["FI_TSL_REPEALED"]).findings
    connection = [f for f in found if f.args["what"] == "The 'connection requirement' basis"]
    assert connection
    assert all(f.severity is Severity.MEDIUM for f in connection)
    assert all("1050/2018" not in f.fix_text for f in connection)


@pytest.mark.parametrize("country", ["SE", "DE"])
def test_fi_tsl_repealed_is_finnish_law_only(country: str) -> None:
    """Personal Data Act 523/1999 is Finnish: a Swedish 'personuppgiftslagen' (SFS 1998:204)
    is another law, not this rule's."""
    swedish = attrs.evolve(
        NORTHWIND, cited_laws=("Personuppgiftslagen",),
        controller=attrs.evolve(NORTHWIND.controller, country=country),
    )
    assert not evaluate(swedish, as_of=date(2026, 1, 1), select=["FI_TSL_REPEALED"]).findings
