"""Chapter V on the DPF, Privacy Shield and Safe Harbor: what a finding may claim (issue 9).

Each test names the article or decision it relies on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

from gdpr_register import (
    Notice,
    Recipient,
    RecipientRole,
    Transfer,
    TransferMechanism,
    evaluate,
    load_notice,
)
from gdpr_register.rules import Finding, Options, Severity

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = load_notice(ROOT / "examples" / "northwind-coaching.yaml")
AS_OF = date(2026, 11, 25)


def with_transfer(
    transfer: Transfer, *, country: str = "US", dpf_certified: bool | None = None
) -> Notice:
    """Northwind's newsletter register with one recipient and one transfer to it."""
    recipient = Recipient(id="vendor", name="Vendor Inc.", role=RecipientRole.PROCESSOR,
                          country=country, dpf_certified=dpf_certified)
    registers = list(NORTHWIND.registers)
    registers[1] = attrs.evolve(registers[1], recipients=(recipient,),
                                transfers=(attrs.evolve(transfer, recipient="vendor"),))
    return attrs.evolve(NORTHWIND, registers=tuple(registers))


def findings(notice: Notice, rule: str, as_of: date = AS_OF, **kw: object) -> list[Finding]:
    report = evaluate(notice, as_of=as_of, select=[rule], **kw)  # type: ignore[arg-type]
    return [f for f in report.findings if f.register == "newsletter"]


def at_least_low(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity.at_least(Severity.LOW)]


def test_art45_1_dpf_certified_recipient_is_lawful_with_no_mechanism_named() -> None:
    """Art. 45(1) and Decision (EU) 2023/1795: a certified US organisation is covered by law
    from 2023-07-10; the missing statement is Art. 13(1)(f)'s."""
    notice = with_transfer(Transfer(country="US"), dpf_certified=True)
    assert findings(notice, "ART44") == []
    assert [f.args["problem"] for f in findings(notice, "ART13_1_f")] == ["no-mechanism"]
    # Before the DPF decision the same transfer is not covered: undetermined, never a breach.
    before = findings(notice, "ART44", as_of=date(2023, 7, 9))
    assert [(f.severity, f.args["reason"]) for f in before] == [
        (Severity.INFO, "mechanism-not-stated")
    ]


def test_decision_2023_1795_certification_not_stated_is_verify_info() -> None:
    """Decision (EU) 2023/1795 Art. 1 covers organisations on the DPF List: certification
    not stated -> info 'verify certification', not a breach."""
    notice = with_transfer(Transfer(country="US", mechanism=TransferMechanism.DPF))
    found = findings(notice, "ART44")
    assert [(f.severity, f.args["problem"], f.args["reason"]) for f in found] == [
        (Severity.INFO, "undetermined", "certification-not-stated")
    ]
    assert findings(notice, "ART44", options=Options(assume_dpf_certified=True)) == []


def test_decision_2023_1795_stated_not_certified_is_a_breach() -> None:
    """Decision (EU) 2023/1795 Art. 1: a recipient the notice says is not certified is not
    covered; with no other mechanism the transfer breaches Art. 44."""
    notice = with_transfer(Transfer(country="US", mechanism=TransferMechanism.DPF),
                           dpf_certified=False)
    found = findings(notice, "ART44")
    assert [(f.severity, f.args["reason"]) for f in found] == [
        (Severity.HIGH, "recipient-not-certified")
    ]
    # What the notice tells data subjects is false too (Art. 13(1)(f)).
    assert [f.args["problem"] for f in findings(notice, "ART13_1_f")] == ["invalid-mechanism"]


def test_art45_1_dpf_certified_recipient_named_with_privacy_shield() -> None:
    """Art. 45(1): the DPF covers a certified recipient whatever the notice names; naming the
    invalidated Privacy Shield is the Art. 13(1)(f) defect (the statement is false)."""
    notice = with_transfer(Transfer(country="US", mechanism=TransferMechanism.PRIVACY_SHIELD),
                           dpf_certified=True)
    assert findings(notice, "ART44") == []
    f13 = findings(notice, "ART13_1_f")
    assert [(f.severity, f.args["problem"], f.args["mechanism"]) for f in f13] == [
        (Severity.MEDIUM, "invalid-mechanism", "privacy-shield")
    ]


@pytest.mark.parametrize(
    ("mechanism", "day"),
    [
        (TransferMechanism.PRIVACY_SHIELD, date(2018, 9, 5)),
        (TransferMechanism.PRIVACY_SHIELD, date(2026, 11, 25)),
        (TransferMechanism.SAFE_HARBOR, date(2019, 1, 1)),
    ],
)
def test_privacy_shield_and_safe_harbor_covered_only_us_organisations(
    mechanism: TransferMechanism, day: date
) -> None:
    """Decisions 2000/520/EC and (EU) 2016/1250: only self-certified US organisations. To
    India neither is a mechanism on any date, even while valid for the US."""
    to_india = with_transfer(Transfer(country="IN", mechanism=mechanism), country="IN")
    found = findings(to_india, "ART44", as_of=day)
    assert [(f.severity, f.args["reason"]) for f in found] == [(Severity.HIGH, "covers-only-us")]


def test_privacy_shield_to_the_us_valid_until_schrems_ii() -> None:
    """C-311/18 Schrems II (16 Jul 2020) invalidated Decision (EU) 2016/1250."""
    notice = with_transfer(Transfer(country="US", mechanism=TransferMechanism.PRIVACY_SHIELD))
    assert findings(notice, "ART44", as_of=date(2020, 7, 15)) == []
    late = findings(notice, "ART44", as_of=date(2020, 7, 16))
    assert [(f.severity, f.args["reason"], f.args["since"]) for f in late] == [
        (Severity.HIGH, "invalidated", date(2020, 7, 16))
    ]


def test_art45_dpf_without_fallback_is_advice_only() -> None:
    """No article requires a fallback for a DPF transfer: ART45_DPF is info (catalogue §10)."""
    notice = with_transfer(Transfer(country="US", mechanism=TransferMechanism.DPF),
                           dpf_certified=True)
    found = findings(notice, "ART45_DPF")
    assert [f.severity for f in found] == [Severity.INFO]
    with_alternative = with_transfer(
        Transfer(country="US", mechanism=TransferMechanism.DPF,
                 alternatives=(TransferMechanism.SCC_2021,), copy_available="ask us"),
        dpf_certified=True,
    )
    assert findings(with_alternative, "ART45_DPF") == []


def test_art13_1_f_invalid_mechanism_told_to_data_subjects() -> None:
    """Art. 13(1)(f) asks for 'reference to the appropriate or suitable safeguards': a
    reference to Privacy Shield after 2020-07-16 refers to no safeguard."""
    notice = with_transfer(Transfer(country="US", mechanism=TransferMechanism.PRIVACY_SHIELD))
    assert findings(notice, "ART13_1_f", as_of=date(2019, 1, 1)) == []
    found = findings(notice, "ART13_1_f")
    assert [(f.severity, f.args["problem"], f.args["reason"]) for f in found] == [
        (Severity.MEDIUM, "invalid-mechanism", "invalidated")
    ]
    # With a valid SCC fallback also told, the stale mention is only info.
    both = with_transfer(Transfer(country="US", mechanism=TransferMechanism.PRIVACY_SHIELD,
                                  fallback=TransferMechanism.SCC_2021, copy_available="ask"))
    assert [(f.severity, f.args["problem"]) for f in findings(both, "ART13_1_f")] == [
        (Severity.INFO, "invalid-alongside-valid")
    ]
    assert findings(both, "ART44") == []


def test_seed_art44_in_2026_not_in_2018(seed_path: Path) -> None:
    """Art. 44 with Schrems II: the seed's Privacy Shield transfers are findings as of
    2026-11-25 and not as of 2018-09-05."""
    seed = load_notice(seed_path)
    now = [f for f in evaluate(seed, as_of=AS_OF).findings if f.rule == "ART44"]
    assert len(now) == 2
    assert all(f.severity is Severity.HIGH for f in now)
    then = evaluate(seed, as_of=date(2018, 9, 5)).findings
    assert not [f for f in then if f.rule == "ART44"]


def test_assume_dpf_certified_never_overrides_a_stated_not_certified() -> None:
    """Decision (EU) 2023/1795 Art. 1: the option fills an unstated fact only; a recipient
    the notice says is not certified stays uncovered."""
    notice = with_transfer(Transfer(country="US"), dpf_certified=False)
    relaxed = Options(assume_dpf_certified=True)
    found = findings(notice, "ART44", options=relaxed)
    assert [(f.severity, f.args["reason"]) for f in found] == [
        (Severity.INFO, "mechanism-not-stated")
    ]
