"""Findings at low or above are legal claims: the corrections of issue 9 to lawfulness and
transparency rules, each test naming the article it relies on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs

from gdpr_register import (
    AutomatedDecisions,
    LawfulBasis,
    Notice,
    Provision,
    ProvisionRequirement,
    Purpose,
    PurposeKind,
    Register,
    Source,
    SourceKind,
    SpecialCategory,
    StatedBasis,
    evaluate,
    load_notice,
)
from gdpr_register.law.digital_consent import digital_consent_age
from gdpr_register.model import DataCategory, SubjectCategory
from gdpr_register.rules import Severity

AS_OF = date(2026, 11, 25)
NORTHWIND = load_notice(Path(__file__).resolve().parent.parent / "examples"
                        / "northwind-coaching.yaml")


def _notice(register: Register) -> Notice:
    return attrs.evolve(NORTHWIND, registers=(register,))


def _run(register: Register, rule: str) -> list[tuple[object, Severity]]:
    report = evaluate(_notice(register), as_of=AS_OF, select=[rule])
    return [(f.args.get("problem"), f.severity) for f in report.findings]


def _purpose(*bases: StatedBasis, kinds: tuple[PurposeKind, ...] = (), pid: str = "p") -> Purpose:
    return Purpose(id=pid, name=pid, kinds=kinds, bases=bases)


ADM = AutomatedDecisions(automated_decisions=True, profiling=True, logic="l", significance="s")


def test_art22_2_b_public_task_under_a_named_law_authorises_automated_decisions() -> None:
    """Art. 22(2)(b): a decision 'authorised by Union or Member State law to which the
    controller is subject' is allowed: 6(1)(e) with its law named satisfies it."""
    named = StatedBasis(article=LawfulBasis.PUBLIC_TASK, law="Act on Student Grants 65/1994")
    register = Register(id="r", name="R", purposes=(_purpose(named),), automated_decisions=ADM)
    assert _run(register, "ART22_2") == []
    unnamed = attrs.evolve(register, purposes=(_purpose(
        StatedBasis(article=LawfulBasis.PUBLIC_TASK)),))
    assert _run(unnamed, "ART22_2") == [("law-not-named", Severity.INFO)]
    interests = attrs.evolve(register, purposes=(_purpose(
        StatedBasis(article=LawfulBasis.LEGITIMATE_INTERESTS, interests="i")),))
    assert _run(interests, "ART22_2") == [("no-basis", Severity.HIGH)]


def test_art13_2_f_profiling_without_art22_decisions_needs_no_logic() -> None:
    """Art. 13(2)(f): meaningful information about the logic 'at least in those cases', the
    decisions of Art. 22(1) and (4); profiling alone does not call for it."""
    profiling = AutomatedDecisions(automated_decisions=False, profiling=True)
    register = Register(id="r", name="R", purposes=(_purpose(
        StatedBasis(article=LawfulBasis.CONSENT)),), automated_decisions=profiling)
    assert _run(register, "ART13_2_f") == []
    decisions = attrs.evolve(register, automated_decisions=AutomatedDecisions(
        automated_decisions=True, profiling=False, logic="scores"))
    assert _run(decisions, "ART13_2_f") == [("incomplete", Severity.MEDIUM)]


def test_art13_2_e_names_only_the_missing_element() -> None:
    """Art. 13(2)(e): a notice that says the data are needed to enter the contract and what
    happens without them has answered 'whether obliged' — no finding; without the
    consequences, one finding naming only them."""
    complete = Register(id="r", name="R", provision=Provision(
        requirement=ProvisionRequirement.CONTRACT_PREREQUISITE, consequences="no contract"))
    assert _run(complete, "ART13_2_e") == []
    no_consequences = attrs.evolve(complete, provision=Provision(
        requirement=ProvisionRequirement.CONTRACT_PREREQUISITE))
    report = evaluate(_notice(no_consequences), as_of=AS_OF, select=["ART13_2_e"])
    assert [f.args["missing"] for f in report.findings] == [("consequences",)]


def test_art13_2_e_does_not_apply_to_data_from_other_sources() -> None:
    """Art. 14(1)-(2) has no counterpart of Art. 13(2)(e): data obtained only from others
    need no provision statement."""
    register = Register(id="r", name="R", sources=(
        Source(id="broker", kind=SourceKind.THIRD_PARTY, name="Broker Oy"),))
    assert _run(register, "ART13_2_e") == []


def test_art13_1_d_marketing_that_can_rest_only_on_legitimate_interests() -> None:
    """Art. 13(1)(d) with 6(1)(b): marketing is neither necessary for a contract nor a
    pre-contract step at the subject's request, so pooled 'contract or legal obligation'
    leaves 6(1)(f) as its only basis, and the interests are not stated."""
    pooled = (StatedBasis(article=LawfulBasis.CONTRACT),
              StatedBasis(article=LawfulBasis.LEGAL_OBLIGATION))
    register = Register(id="r", name="R", pooled_bases=pooled, purposes=(
        _purpose(kinds=(PurposeKind.DIRECT_MARKETING,), pid="marketing"),
        _purpose(kinds=(PurposeKind.BILLING,), pid="billing")))
    report = evaluate(_notice(register), as_of=AS_OF, select=["ART13_1_d"])
    assert [(f.args["problem"], f.args["purpose"], f.path) for f in report.findings] == [
        ("implied", "marketing", "$.registers[0].purposes[0]")]
    with_consent = attrs.evolve(register, pooled_bases=(
        *pooled, StatedBasis(article=LawfulBasis.CONSENT)))
    assert _run(with_consent, "ART13_1_d") == []


def test_art13_1_c_a_single_pooled_basis_is_every_purpose_s_basis() -> None:
    """Art. 13(1)(c) 'the legal basis for the processing': one pooled basis leaves no doubt
    which basis a purpose rests on; two leave each purpose's basis unknown (low)."""
    one = Register(id="r", name="R", purposes=(_purpose(),),
                   pooled_bases=(StatedBasis(article=LawfulBasis.CONTRACT),))
    assert _run(one, "ART13_1_c") == []
    two = attrs.evolve(one, pooled_bases=(StatedBasis(article=LawfulBasis.CONTRACT),
                                          StatedBasis(article=LawfulBasis.LEGAL_OBLIGATION)))
    assert _run(two, "ART13_1_c") == [("not-mapped", Severity.LOW)]


def test_art6_1_several_bases_for_one_purpose_are_advice_only() -> None:
    """Art. 6(1) 'at least one of the following applies': claiming consent and contract for
    one purpose is discouraged by EDPB Guidelines 05/2020, not forbidden by the text: info."""
    both = Register(id="r", name="R", purposes=(_purpose(
        StatedBasis(article=LawfulBasis.CONSENT), StatedBasis(article=LawfulBasis.CONTRACT)),))
    assert [s for _, s in _run(both, "ART6_1_CONFLICT")] == [Severity.INFO]


def test_art9_2_a_purpose_that_may_not_use_special_data_is_not_accused() -> None:
    """Art. 9(1)-(2): the prohibition bites on the purposes that use the special categories;
    a purpose that lists no categories, beside one that has its 9(2) condition, may not use
    them (info, cannot tell)."""
    from gdpr_register.model import SpecialCategoryCondition, SpecialCondition

    with_condition = Purpose(id="care", name="Care", categories=("health",),
                             bases=(StatedBasis(article=LawfulBasis.CONTRACT),),
                             special_conditions=(SpecialCondition(
                                 article=SpecialCategoryCondition.EXPLICIT_CONSENT),))
    register = Register(
        id="r", name="R",
        data_categories=(DataCategory(id="health", name="Health", special=SpecialCategory.HEALTH),),
        purposes=(with_condition, _purpose(StatedBasis(article=LawfulBasis.CONTRACT))))
    assert _run(register, "ART9_2") == [("cannot-tell", Severity.INFO)]


def test_art8_1_digital_consent_age_is_dated_per_member_state() -> None:
    """Art. 8(1): 16 unless Member State law provides a lower age; Finland 13 under the Data
    Protection Act 1050/2018 s. 5, in force 2019-01-01."""
    assert digital_consent_age("FI", date(2019, 1, 1)).age == 13
    assert digital_consent_age("FI", date(2018, 12, 31)).age == 16
    assert digital_consent_age("DE", AS_OF).age == 16
    unknown = digital_consent_age("XX", AS_OF)
    assert (unknown.age, unknown.default) == (16, True)
    assert digital_consent_age("fi", AS_OF).source.citation.startswith(
        "Data Protection Act 1050/2018 s. 5")


def test_art8_1_is_info_and_names_the_age_on_the_date() -> None:
    """Art. 8(1)-(2): parental consent below the national age; the notice need not describe
    how it is obtained, so the rule only reminds (info) and never assumes the facts."""
    register = Register(id="r", name="R", purposes=(_purpose(
        StatedBasis(article=LawfulBasis.CONSENT)),),
        data_subjects=(SubjectCategory(id="pupils", name="Pupils", includes_children=True),))
    report = evaluate(_notice(register), as_of=AS_OF, select=["ART8_1"])
    assert [(f.severity, f.args["age"]) for f in report.findings] == [(Severity.INFO, 13)]
    early = evaluate(_notice(register), as_of=date(2018, 9, 1), select=["ART8_1"])
    assert [f.args["age"] for f in early.findings] == [16]


def test_art12_1_unstated_profiling_is_not_read_as_no_profiling() -> None:
    """Art. 12(1): a contradiction needs two statements; an unstated `profiling` (None) is
    no statement that there is none."""
    register = Register(id="r", name="R", purposes=(_purpose(
        StatedBasis(article=LawfulBasis.CONSENT), kinds=(PurposeKind.AD_TARGETING,)),),
        automated_decisions=AutomatedDecisions(automated_decisions=False, profiling=False))
    assert _run(register, "ART12_1") == [("contradiction", Severity.MEDIUM)]


def test_art6_1_silence_on_the_basis_is_art13_1_c_not_unlawfulness() -> None:
    """Art. 13(1)(c) 'as well as the legal basis for the processing' is breached by a notice
    that states none; Art. 6(1) is not shown to be (a fact not stated is never read against
    the controller). A stated text that is no Art. 6(1) basis is ART6_1."""
    silent = Register(id="r", name="R", purposes=(_purpose(),))
    assert _run(silent, "ART6_1") == []
    assert _run(silent, "ART13_1_c") == [("no-basis", Severity.HIGH)]
    wording = attrs.evolve(silent, purposes=(_purpose(StatedBasis(text="asiallinen yhteys")),))
    assert [s for _, s in _run(wording, "ART6_1")] == [Severity.HIGH]
    named_law = attrs.evolve(silent, purposes=(_purpose(StatedBasis(
        text="Kirjanpitolaki", law="Accounting Act 1336/1997")),))
    assert _run(named_law, "ART6_1") == []


def test_art9_2_silence_on_the_condition_is_not_a_breach_of_the_prohibition() -> None:
    """Art. 9(1)-(2): the prohibition lifts where a 9(2) condition applies (a physiotherapist's
    records under professional secrecy are 9(2)(h) with 9(3)); a notice that names none has
    not shown that none applies (info). Stated text that is no condition is high."""
    health = (DataCategory(id="health", name="Health", special=SpecialCategory.HEALTH),)
    silent = Register(id="r", name="R", data_categories=health, purposes=(
        _purpose(StatedBasis(article=LawfulBasis.LEGAL_OBLIGATION)),))
    assert _run(silent, "ART9_2") == [("not-stated", Severity.INFO)]
    from gdpr_register.model import SpecialCondition

    wording = attrs.evolve(silent, purposes=(attrs.evolve(
        silent.purposes[0], special_conditions=(SpecialCondition(text="asiakassuhde"),)),))
    assert _run(wording, "ART9_2") == [("no-condition", Severity.HIGH)]


def test_art5_1_b_examples_in_a_description_do_not_open_a_listed_purpose_list() -> None:
    """Art. 5(1)(b) 'specified, explicit' purposes: a purpose named 'marketing etc.' leaves the
    list open; 'among others' in the description of a listed purpose gives examples (info)."""
    listed = Register(id="r", name="R", description="Customers (mm. marketing, sales).",
                      purposes=(_purpose(StatedBasis(article=LawfulBasis.CONTRACT)),))
    assert _run(listed, "ART5_1_b") == [("example", Severity.INFO)]
    open_name = attrs.evolve(listed, description=None, purposes=(Purpose(
        id="m", name="Marketing, events etc.", bases=(StatedBasis(article=LawfulBasis.CONSENT),)),))
    assert _run(open_name, "ART5_1_b") == [("open-ended", Severity.MEDIUM)]
