"""The rights a notice must state depend on the processing (issue 9 item 1, catalogue §2.4).

Each test names the article it relies on; registers are built from scratch on the compliant
example's controller so that only the facts under test vary.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs

from gdpr_register import (
    LawfulBasis,
    Notice,
    Purpose,
    PurposeKind,
    Register,
    RightKind,
    RightStatus,
    Source,
    SourceKind,
    StatedBasis,
    StatedRight,
    evaluate,
    load_notice,
)
from gdpr_register.rules import Options, Severity

AS_OF = date(2026, 11, 25)
NORTHWIND = load_notice(Path(__file__).resolve().parent.parent / "examples"
                        / "northwind-coaching.yaml")
BASE = (RightKind.ACCESS, RightKind.RECTIFICATION, RightKind.ERASURE, RightKind.RESTRICTION,
        RightKind.COMPLAINT)


def _register(*bases: LawfulBasis, rights: tuple[RightKind, ...] = BASE,
              kinds: tuple[PurposeKind, ...] = (), pooled: bool = False,
              **changes: Any) -> Register:
    stated = tuple(StatedBasis(article=b, interests="i" if b.value == "6(1)(f)" else None)
                   for b in bases)
    purpose = Purpose(id="p", name="P", kinds=kinds, bases=() if pooled else stated)
    register = Register(id="r", name="R", purposes=(purpose,),
                        pooled_bases=stated if pooled else (),
                        rights=tuple(StatedRight(right=r) for r in rights),
                        automated_processing=True)
    return attrs.evolve(register, **changes)


def _notice(register: Register) -> Notice:
    return attrs.evolve(NORTHWIND, registers=(register,))


def _missing(register: Register) -> object:
    report = evaluate(_notice(register), as_of=AS_OF, select=["ART13_2_b"])
    found = [f for f in report.findings if f.severity is not Severity.INFO]
    return found[0].args["missing"] if found else None


def test_art13_2_b_legal_obligation_alone_needs_neither_portability_nor_objection() -> None:
    """Art. 20(1) (consent or contract) and Art. 21(1) (points (e) or (f)): on 6(1)(c) alone
    neither right exists, so Art. 13(2)(b) does not ask for them."""
    assert _missing(_register(LawfulBasis.LEGAL_OBLIGATION)) is None


def test_art13_2_b_legitimate_interests_alone_needs_objection_not_portability() -> None:
    """Art. 21(1): 'processing ... based on point (e) or (f) of Article 6(1)' can be objected
    to; Art. 20(1) does not cover 6(1)(f)."""
    assert _missing(_register(LawfulBasis.LEGITIMATE_INTERESTS)) == ("objection",)


def test_art13_2_b_contract_needs_portability_not_objection() -> None:
    """Art. 20(1)(a)-(b): portability where processing 'is based on ... a contract' and 'is
    carried out by automated means'."""
    assert _missing(_register(LawfulBasis.CONTRACT)) == ("portability",)
    manual = _register(LawfulBasis.CONTRACT, automated_processing=False)
    assert _missing(manual) is None


def test_art13_2_b_pooled_bases_require_every_right_any_of_them_triggers() -> None:
    """Art. 13(2)(b) with a pooled list 'A or B': each purpose may rest on either, so a right
    is required if any pooled basis gives it (Art. 20(1) for 6(1)(b), 21(1) for 6(1)(f))."""
    pooled = _register(LawfulBasis.CONTRACT, LawfulBasis.LEGITIMATE_INTERESTS, pooled=True)
    assert _missing(pooled) == ("objection", "portability")


def test_art20_1_data_not_provided_by_the_subject_give_no_portability() -> None:
    """Art. 20(1): the data 'which he or she has provided to a controller': where every stated
    source is someone else, portability does not exist."""
    from_broker = _register(LawfulBasis.CONSENT, sources=(
        Source(id="broker", kind=SourceKind.THIRD_PARTY, name="Broker Oy"),))
    assert _missing(from_broker) is None


def test_art20_1_unknown_automation_is_info_when_not_assumed() -> None:
    """Art. 20(1)(b) 'carried out by automated means': with the assumption switched off, an
    unstated fact is never read against the controller (info, 'cannot tell')."""
    register = _register(LawfulBasis.CONTRACT, automated_processing=None)
    report = evaluate(_notice(register), as_of=AS_OF, select=["ART13_2_b"],
                      options=Options(assume_automated_processing=False))
    assert [(f.args["problem"], f.severity) for f in report.findings] == [
        ("portability-unknown", Severity.INFO)]


def test_art21_2_direct_marketing_objection_applies_whatever_the_basis() -> None:
    """Art. 21(2): 'Where personal data are processed for direct marketing purposes, the data
    subject shall have the right to object at any time' — consent-based marketing included."""
    register = _register(LawfulBasis.CONSENT, kinds=(PurposeKind.DIRECT_MARKETING,),
                         rights=(*BASE, RightKind.PORTABILITY, RightKind.WITHDRAW_CONSENT))
    report = evaluate(_notice(register), as_of=AS_OF, select=["ART21_2", "ART13_2_b"])
    assert [f.rule for f in report.findings] == ["ART21_2"]


def test_northwind_newsletter_states_no_objection_right_it_does_not_have() -> None:
    """Art. 21(1) covers only 6(1)(e)/(f): the consent-based newsletter states the
    direct-marketing objection (21(2)) and withdrawal (7(3)), not the general objection."""
    newsletter = NORTHWIND.registers[1]
    assert newsletter.stated_right(RightKind.OBJECTION) is None
    assert newsletter.stated_right(RightKind.DIRECT_MARKETING_OBJECTION) is not None


def test_art23_1_a_right_correctly_stated_as_not_applying_is_no_denial() -> None:
    """Art. 23(1) restricts rights the law gives; portability on 6(1)(c) alone is not given
    (Art. 20(1)), so saying it does not apply needs no Art. 23 reason."""
    register = _register(LawfulBasis.LEGAL_OBLIGATION)
    register = attrs.evolve(register, rights=(
        *register.rights, StatedRight(right=RightKind.PORTABILITY, status=RightStatus.DENIED)))
    assert not evaluate(_notice(register), as_of=AS_OF, select=["ART23_1"]).findings
    erasure = attrs.evolve(register, rights=tuple(
        attrs.evolve(r, status=RightStatus.DENIED) if r.right is RightKind.ERASURE else r
        for r in register.rights))
    assert [f.args["right"] for f in evaluate(
        _notice(erasure), as_of=AS_OF, select=["ART23_1"]).findings] == ["erasure"]


def test_art21_4_a_stated_objection_right_is_not_judged_on_layout() -> None:
    """Art. 21(4) 'presented clearly and separately' cannot be seen in a list of rights: a
    stated objection right on the law's terms is no finding; a missing one where 6(1)(f) is a
    basis is ('explicitly brought to the attention of the data subject')."""
    stated = _register(LawfulBasis.LEGITIMATE_INTERESTS, rights=(*BASE, RightKind.OBJECTION))
    assert not evaluate(_notice(stated), as_of=AS_OF, select=["ART21_4"]).findings
    missing = _register(LawfulBasis.LEGITIMATE_INTERESTS)
    found = evaluate(_notice(missing), as_of=AS_OF, select=["ART21_4"]).findings
    assert [(f.args["problem"], f.args["right"]) for f in found] == [("missing", "objection")]
    consent_only = _register(LawfulBasis.CONSENT, rights=(*BASE, RightKind.WITHDRAW_CONSENT))
    assert not evaluate(_notice(consent_only), as_of=AS_OF, select=["ART21_4"]).findings
