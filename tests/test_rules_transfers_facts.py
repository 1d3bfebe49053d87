"""Chapter V rules read the facts of issue 10: explicit none, alternatives, unversioned SCCs,
regions, possible transfers, derogations of public authorities. Each test names its article."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs

from gdpr_register import (
    LawfulBasis,
    Notice,
    Purpose,
    Recipient,
    RecipientRole,
    StatedBasis,
    Transfer,
    TransferDerogation,
    TransferMechanism,
    evaluate,
    load_notice,
)
from gdpr_register.model import Region
from gdpr_register.rules import Finding, Severity

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = load_notice(ROOT / "examples" / "northwind-coaching.yaml")
AS_OF = date(2026, 11, 25)


def newsletter(notice: Notice = NORTHWIND, **changes: Any) -> Notice:
    registers = list(notice.registers)
    registers[1] = attrs.evolve(registers[1], **changes)
    return attrs.evolve(notice, registers=tuple(registers))


def vendor(country: str = "IN") -> Recipient:
    return Recipient(id="vendor", name="Vendor Ltd", role=RecipientRole.PROCESSOR,
                     country=country)


def run(notice: Notice, rule: str, as_of: date = AS_OF, preview: bool = False) -> list[Finding]:
    report = evaluate(notice, as_of=as_of, select=[rule], preview=preview)
    return [f for f in report.findings if f.register == "newsletter"]


def claims(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity.at_least(Severity.LOW)]


def test_art13_1_f_explicit_no_transfers_answers_the_duty() -> None:
    """Art. 13(1)(f) 'where applicable': a notice that says there are no transfers has given
    the information; a recipient it places abroad is then a contradiction to check (info)."""
    loaded = load_notice_text("transfers: none")
    assert claims(run(loaded, "ART13_1_f")) == []
    abroad = newsletter(loaded, recipients=(vendor("US"),))
    found = run(abroad, "ART13_1_f")
    assert [(f.severity, f.args["problem"]) for f in found] == [(Severity.INFO, "contradiction")]


def load_notice_text(transfers_line: str) -> Notice:
    """Northwind with the newsletter register's transfers replaced by ``transfers_line``."""
    text = (ROOT / "examples" / "northwind-coaching.yaml").read_text(encoding="utf-8")
    head, sep, tail = text.partition("    transfers:\n      - recipient: mailer\n")
    assert sep, "the example changed: update this test"
    rest = tail[tail.index("    retention:"):]
    from gdpr_register import loads_notice

    return loads_notice(head + f"    {transfers_line}\n" + rest, format="yaml")


def test_art44_alternatives_lawful_if_any_one_is_valid() -> None:
    """Art. 46(1): the transfer may take place on any appropriate safeguard; a set of
    alternatives is lawful if one of them is valid on the date."""
    offered = Transfer(recipient="vendor", country="IN", mechanism=TransferMechanism.PRIVACY_SHIELD,
                       alternatives=(TransferMechanism.BCR, TransferMechanism.SCC_2021),
                       copy_available="ask")
    notice = newsletter(recipients=(vendor(),), transfers=(offered,))
    assert run(notice, "ART44") == []
    none_valid = newsletter(recipients=(vendor(),), transfers=(attrs.evolve(
        offered, alternatives=(TransferMechanism.SAFE_HARBOR,)),))
    assert [f.severity for f in run(none_valid, "ART44")] == [Severity.HIGH]


def test_scc_without_version_is_read_as_the_current_sccs() -> None:
    """Decision (EU) 2021/914 Art. 4: after 2022-12-27 only the 2021 SCCs are valid; 'SCCs'
    with no version are not read against the controller, and an info says so."""
    scc = Transfer(recipient="vendor", country="IN", mechanism=TransferMechanism.SCC,
                   copy_available="ask")
    notice = newsletter(recipients=(vendor(),), transfers=(scc,))
    found = run(notice, "ART44")
    assert [(f.severity, f.args["problem"]) for f in found] == [
        (Severity.INFO, "scc-version-not-stated")
    ]
    # Before the 2021 clauses existed, unversioned SCCs are the old ones, valid then.
    assert run(notice, "ART44", as_of=date(2020, 1, 1)) == []
    # Art. 13(1)(f): SCCs are Art. 46 safeguards, so the copy is still required.
    no_copy = newsletter(recipients=(vendor(),), transfers=(attrs.evolve(scc,
                                                                         copy_available=None),))
    assert [f.args["problem"] for f in run(no_copy, "ART13_1_f")] == ["no-copy-info"]


def test_region_outside_eea_country_not_named_is_undetermined() -> None:
    """Art. 44: 'outside the EEA' without a country or mechanism does not show the transfer
    unlawful; Art. 13(1)(f) is breached (no mechanism, no adequacy statement)."""
    outside = Transfer(region=Region.OUTSIDE_EEA)
    notice = newsletter(recipients=(), transfers=(outside,))
    assert claims(run(notice, "ART44")) == []
    assert [f.args["problem"] for f in run(notice, "ART13_1_f")] == ["no-mechanism"]
    within = newsletter(recipients=(), transfers=(Transfer(region=Region.EEA),))
    assert run(within, "ART44") == []
    assert run(within, "ART13_1_f") == []


def test_possible_transfer_on_an_invalid_mechanism() -> None:
    """Art. 44 'shall take place only if': a possible transfer is not shown to take place
    (info); what the notice tells data subjects is false all the same (Art. 13(1)(f))."""
    maybe = Transfer(recipient="vendor", country="US", possible=True,
                     mechanism=TransferMechanism.PRIVACY_SHIELD)
    notice = newsletter(recipients=(vendor("US"),), transfers=(maybe,))
    assert [(f.severity, f.args["problem"]) for f in run(notice, "ART44")] == [
        (Severity.INFO, "possible")
    ]
    assert [f.severity for f in run(notice, "ART13_1_f")] == [Severity.MEDIUM]


def test_old_scc_without_conclusion_date_in_the_grace_period() -> None:
    """Decision (EU) 2021/914 Art. 4(4): old SCCs concluded before 2021-09-27 stayed valid
    until 2022-12-27. With no conclusion date the notice does not show which: info."""
    old = Transfer(recipient="vendor", country="IN", mechanism=TransferMechanism.SCC_OLD,
                   copy_available="ask")
    notice = newsletter(recipients=(vendor(),), transfers=(old,))
    found = run(notice, "ART44", as_of=date(2022, 6, 1))
    assert [(f.severity, f.args["reason"]) for f in found] == [
        (Severity.INFO, "conclusion-date-not-stated")
    ]
    assert [f.severity for f in run(notice, "ART44", as_of=date(2022, 12, 27))] == [
        Severity.HIGH
    ]


def _authority(basis: LawfulBasis, derogation: TransferDerogation) -> Notice:
    notice = attrs.evolve(NORTHWIND, controller=attrs.evolve(NORTHWIND.controller,
                                                             public_authority=True))
    purpose = Purpose(id="service", name="Public service", bases=(StatedBasis(article=basis),))
    return newsletter(notice, purposes=(purpose,), recipients=(vendor(),), transfers=(
        Transfer(recipient="vendor", country="IN", mechanism=TransferMechanism.DEROGATION,
                 derogation=derogation),))


def test_art49_3_public_authority_cannot_use_consent_derogation_in_public_powers() -> None:
    """Art. 49(3): points (a), (b), (c) of Art. 49(1) and its second subparagraph 'shall not
    apply to activities carried out by public authorities in the exercise of their public
    powers'."""
    powers = _authority(LawfulBasis.PUBLIC_TASK, TransferDerogation.EXPLICIT_CONSENT)
    found = run(powers, "ART49_3", preview=True)
    assert [(f.severity, f.args["derogation"]) for f in found] == [(Severity.MEDIUM, "49(1)(a)")]
    # Not shown to be an exercise of public powers: info only.
    contract = _authority(LawfulBasis.CONTRACT, TransferDerogation.CONTRACT_WITH_SUBJECT)
    assert [f.severity for f in run(contract, "ART49_3", preview=True)] == [Severity.INFO]
    # 49(1)(d) (important public interest) remains open to public authorities.
    allowed = _authority(LawfulBasis.PUBLIC_TASK, TransferDerogation.PUBLIC_INTEREST)
    assert run(allowed, "ART49_3", preview=True) == []
    # A preview rule: not run by default.
    assert "ART49_3" not in {f.rule for f in evaluate(powers, as_of=AS_OF).findings}


def test_art44_partial_valid_until_runs_to_the_end_of_its_month() -> None:
    """Art. 44 judges transfers that take place on as_of: a recipient 'until 2020-07' still
    received data on 2020-07-20, after Schrems II (C-311/18, 16 Jul 2020), but not in August."""
    from gdpr_register.model import PartialDate

    ended = attrs.evolve(vendor("US"), valid_until=PartialDate(year=2020, month=7))
    shield = Transfer(recipient="vendor", country="US",
                      mechanism=TransferMechanism.PRIVACY_SHIELD)
    notice = newsletter(recipients=(ended,), transfers=(shield,))
    assert [f.severity for f in run(notice, "ART44", as_of=date(2020, 7, 20))] == [Severity.HIGH]
    assert run(notice, "ART44", as_of=date(2020, 8, 1)) == []
