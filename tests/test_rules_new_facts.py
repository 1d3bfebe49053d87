"""The rules read the format's new facts (issue 10): explicit none, sections stated elsewhere
or not assessed, unknown true/false facts, normalised right conditions, consents, request
handling. Each test names the article it relies on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import attrs
import pytest

from gdpr_register import (
    AutomatedDecisions,
    LawfulBasis,
    Notice,
    Purpose,
    PurposeKind,
    Register,
    RightKind,
    RightStatus,
    StatedBasis,
    StatedRight,
    UsageError,
    evaluate,
    load_notice,
)
from gdpr_register.model import (
    Coverage,
    Duration,
    DurationUnit,
    RequestCharge,
    RequestProcedure,
    RightCondition,
    Section,
    SectionReference,
    SubjectCategory,
)
from gdpr_register.rules import Context, Hit, Registry, Severity, hit, rule

AS_OF = date(2026, 11, 25)
NORTHWIND = load_notice(Path(__file__).resolve().parent.parent / "examples"
                        / "northwind-coaching.yaml")


def _with(index: int, **changes: object) -> Notice:
    registers = list(NORTHWIND.registers)
    registers[index] = attrs.evolve(registers[index], **changes)  # type: ignore[arg-type]
    return attrs.evolve(NORTHWIND, registers=tuple(registers))


def _found(notice: Notice, rule_id: str) -> list[tuple[object, Severity]]:
    report = evaluate(notice, as_of=AS_OF, select=[rule_id])
    return [(f.args.get("problem"), f.severity) for f in report.findings]


ELSEWHERE = Coverage(elsewhere=(SectionReference(section=Section.RIGHTS,
                                                 reference="Privacy policy, section 7"),))


def test_rights_stated_elsewhere_give_one_info_finding_per_rule_not_a_missing_right() -> None:
    """Art. 13(2)(b): the rights may be given in another layer (Art. 12(1), WP260 layered
    notices); a section marked elsewhere is not judged here (issue 10 item 2)."""
    notice = _with(0, rights=(), coverage=ELSEWHERE)
    report = evaluate(notice, as_of=AS_OF).filter(registers=["clients"])
    rights_rules = [f for f in report.findings if f.rule in ("ART13_2_b", "ART21_2", "ART21_4")]
    assert {(f.rule, f.severity, f.args["problem"]) for f in rights_rules} == {
        ("ART13_2_b", Severity.INFO, "not-assessed"),
        ("ART21_2", Severity.INFO, "not-assessed"),
        ("ART21_4", Severity.INFO, "not-assessed"),
    }
    one = next(f for f in rights_rules if f.rule == "ART13_2_b")
    assert one.args["sections"] == ("rights",)
    assert "Privacy policy, section 7" in str(one.args["where"])
    assert not report.filter(severity="low", rules=["ART13_2", "ART21"]).findings


def test_a_plugin_rule_with_sections_is_skipped_the_same_way() -> None:
    """CONTRACT §10: the engine, not each rule, skips a rule whose sections were not assessed."""
    registry = Registry()

    @rule("ACME_RIGHTS", title="t", severity=Severity.MEDIUM, citation="Art. 13(2)(b)",
          message="m", fix="f", what="w", why="y", example="e", enforces="Art. 13(2)(b): 'x'",
          sections=(Section.RIGHTS,), registry=registry)
    def always(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
        yield hit(ctx.path)

    not_assessed = _with(0, coverage=Coverage(not_assessed=(Section.RIGHTS,)))
    report = evaluate(not_assessed, as_of=AS_OF, registry=registry)
    assert [(f.register, f.severity, f.args.get("problem")) for f in report.findings] == [
        ("clients", Severity.INFO, "not-assessed"), ("newsletter", Severity.MEDIUM, None)]
    with pytest.raises(UsageError, match="unknown section"):
        rule("ACME_TYPO", title="t", severity=Severity.INFO, citation="c", message="m", fix="f",
             what="w", why="y", example="e", advice="a", sections=("rigths",),
             registry=registry)(always)


def test_explicit_no_automated_decisions_answers_the_statement() -> None:
    """Art. 13(2)(f) 'the existence of automated decision-making': a notice that says there is
    none has said it, even without an automated-decision block."""
    silent = _with(0, automated_decisions=None)
    assert _found(silent, "ART13_2_f") == [("not-stated", Severity.INFO)]
    none = _with(0, automated_decisions=None, none=(Section.AUTOMATED_DECISIONS,))
    assert _found(none, "ART13_2_f") == []


def test_unknown_decisions_and_profiling_are_never_read_as_yes_or_no() -> None:
    """Art. 22(1), 13(2)(f), 12(1): `automated_decisions` or `profiling` unstated (None) is
    no statement: no Art. 22(2) basis is demanded, no contradiction is claimed."""
    unknown = AutomatedDecisions(automated_decisions=None, profiling=True)
    notice = _with(0, automated_decisions=unknown)
    assert _found(notice, "ART22_2") == []
    assert _found(notice, "ART13_2_f") == [("decisions-unknown", Severity.INFO)]
    no_profiling_unsaid = _with(1, automated_decisions=AutomatedDecisions(profiling=None),
                                purposes=(attrs.evolve(NORTHWIND.registers[1].purposes[0],
                                                       kinds=(PurposeKind.AD_TARGETING,)),))
    assert _found(no_profiling_unsaid, "ART12_1") == []


def _right(index: int, kind: RightKind, **changes: object) -> Notice:
    rights = tuple(attrs.evolve(r, **changes) if r.right is kind else r  # type: ignore[arg-type]
                   for r in NORTHWIND.registers[index].rights)
    return _with(index, rights=rights)


def test_art21_1_a_condition_that_restates_the_law_is_no_narrowing() -> None:
    """Art. 21(1): objection to processing 'based on point (e) or (f) of Article 6(1)'; a
    stated condition that says just that (`as-in-law`) is the right as the law gives it."""
    as_in_law = _right(0, RightKind.OBJECTION, status=RightStatus.CONDITIONAL,
                       condition="processing based on our legitimate interests",
                       condition_kind=RightCondition.AS_IN_LAW)
    assert _found(as_in_law, "ART21_1") == []
    unlawful_only = _right(0, RightKind.OBJECTION, status=RightStatus.CONDITIONAL,
                           condition="if processed unlawfully",
                           condition_kind=RightCondition.ONLY_IF_UNLAWFUL)
    assert _found(unlawful_only, "ART21_1") == [("narrowed", Severity.MEDIUM)]
    assert _found(unlawful_only, "ART21_4") == []  # the same breach, reported once


def test_art7_3_withdrawal_limited_to_some_cases_is_medium() -> None:
    """Art. 7(3): 'the right to withdraw his or her consent at any time'; withdrawal only where
    consent is the sole basis limits it to some cases (medium); a condition not normalised
    cannot be judged (info)."""
    sole = _right(1, RightKind.WITHDRAW_CONSENT, status=RightStatus.CONDITIONAL,
                  condition="only if consent is the sole basis",
                  condition_kind=RightCondition.ONLY_IF_SOLE_BASIS)
    assert _found(sole, "ART13_2_c") == [("narrowed", Severity.MEDIUM)]
    other = _right(1, RightKind.WITHDRAW_CONSENT, status=RightStatus.CONDITIONAL,
                   condition="by letter", condition_kind=RightCondition.OTHER)
    assert _found(other, "ART13_2_c") == [("conditional", Severity.INFO)]


def test_art7_3_a_consent_collected_needs_the_withdrawal_right_whatever_the_basis() -> None:
    """Art. 7(3): 'Prior to giving consent, the data subject shall be informed thereof' — an
    opt-in the notice mentions needs the withdrawal right even where consent is not called
    the basis (Art. 13(2)(c))."""
    notice = _with(0, consents=("newsletter opt-in box on the order form",))
    assert _found(notice, "ART13_2_c") == [("consent-collected", Severity.MEDIUM)]
    stated = _with(0, consents=("newsletter opt-in",), rights=(
        *NORTHWIND.registers[0].rights, StatedRight(right=RightKind.WITHDRAW_CONSENT)))
    assert _found(stated, "ART13_2_c") == []


def test_art18_1_restriction_stated_for_a_case_the_law_does_not_have() -> None:
    """Art. 18(1) grants restriction in four cases; 'only while we may not yet delete' is none
    of them (`some-cases`): the right stated is not the right the law gives (Art. 13(2)(b))."""
    notice = _right(0, RightKind.RESTRICTION, status=RightStatus.CONDITIONAL,
                    condition="if we may not yet delete", condition_kind=RightCondition.SOME_CASES)
    report = evaluate(notice, as_of=AS_OF, select=["ART13_2_b"])
    assert [(f.path, f.args["problem"], f.args["right"]) for f in report.findings] == [
        ("$.registers[0].rights[3]", "narrowed", "restriction")]


@pytest.mark.parametrize(("period", "expected"), [
    (Duration(amount=1, unit=DurationUnit.MONTHS), []),
    (Duration(amount=30, unit=DurationUnit.DAYS), [("may-exceed", Severity.INFO)]),
    (Duration(amount=3, unit=DurationUnit.MONTHS), [("too-long", Severity.MEDIUM)]),
    (Duration(amount=6, unit=DurationUnit.WEEKS), [("too-long", Severity.MEDIUM)]),
    (Duration(amount=2, unit=DurationUnit.WEEKS), []),
])
def test_art12_3_a_stated_response_time_over_one_month(
    period: Duration, expected: list[tuple[object, Severity]]
) -> None:
    """Art. 12(3): 'in any event within one month of receipt of the request', extended only
    'where necessary'; 30 days can exceed a month that follows February (info)."""
    notice = _with(0, request_procedure=RequestProcedure(response_time=period))
    assert _found(notice, "ART12_3") == expected


@pytest.mark.parametrize(("charge", "expected"), [
    (RequestCharge.FREE, []),
    (RequestCharge.FEE_FURTHER_COPIES, []),
    (RequestCharge.FEE_IF_EXCESSIVE, []),
    (RequestCharge.FEE, [("fee", Severity.MEDIUM)]),
    (RequestCharge.FREE_ONCE_A_YEAR, [("once-a-year", Severity.LOW)]),
])
def test_art12_5_and_15_3_access_is_free_and_the_first_copy_too(
    charge: RequestCharge, expected: list[tuple[object, Severity]]
) -> None:
    """Art. 12(5): actions under Articles 15 to 22 'shall be provided free of charge', a fee
    only for manifestly unfounded or excessive requests; Art. 15(3): a fee 'for any further
    copies'."""
    notice = _with(0, request_procedure=RequestProcedure(charge=charge))
    assert _found(notice, "ART12_5") == expected


def test_art8_1_applies_only_to_information_society_services_offered_to_children() -> None:
    """Art. 8(1): 'in relation to the offer of information society services directly to a
    child'; a service stated not to be one gets nothing, an unstated one 'cannot tell'."""
    children = (SubjectCategory(id="pupils", name="Pupils", includes_children=True),)
    base = _with(1, data_subjects=children)
    assert _found(base, "ART8_1") == [("service-unknown", Severity.INFO)]
    offline = _with(1, data_subjects=children, information_society_service=False)
    assert _found(offline, "ART8_1") == []
    online = _with(1, data_subjects=children, information_society_service=True)
    assert _found(online, "ART8_1") == [("applies", Severity.INFO)]
    unknown = _with(1, information_society_service=True, data_subjects=(
        SubjectCategory(id="users", name="Users", includes_children=None),))
    assert _found(unknown, "ART8_1") == [("children-unknown", Severity.INFO)]


def test_art6_1_subpara2_an_unstated_public_authority_is_not_assumed() -> None:
    """Art. 6(1) second subparagraph binds 'public authorities': `public_authority` unstated
    (None) is not read as one."""
    unknown = attrs.evolve(NORTHWIND, controller=attrs.evolve(NORTHWIND.controller,
                                                               public_authority=None))
    assert _found(unknown, "ART6_1_SUBPARA2") == []


def test_pooled_marketing_with_an_unconfirmed_basis_text_is_not_accused() -> None:
    """Art. 13(1)(d): the implied legitimate interests are claimed only when every pooled basis
    is a known Art. 6(1) point that cannot carry marketing."""
    purpose = Purpose(id="m", name="Marketing", kinds=(PurposeKind.DIRECT_MARKETING,))
    register = Register(id="r", name="R", purposes=(purpose,), pooled_bases=(
        StatedBasis(article=LawfulBasis.CONTRACT), StatedBasis(text="other connection")))
    assert _found(attrs.evolve(NORTHWIND, registers=(register,)), "ART13_1_d") == []


def test_a_condition_not_normalised_cannot_be_judged_so_it_is_info() -> None:
    """Art. 20(1) gives portability only 'where' its conditions hold, so a notice saying 'in
    some cases' may be restating the law: unless the encoder normalised the condition, the
    checker cannot tell whether it narrows the right (info, never medium)."""
    some_cases = _right(0, RightKind.PORTABILITY, status=RightStatus.CONDITIONAL,
                        condition="i vissa fall")
    assert _found(some_cases, "ART20_1") == [("unclear", Severity.INFO)]
    denied = _right(0, RightKind.PORTABILITY, status=RightStatus.DENIED, reason="x")
    assert _found(denied, "ART20_1") == [("denied", Severity.MEDIUM)]


def test_art13_1_a_an_unnamed_controller_is_not_identified() -> None:
    """Art. 13(1)(a): 'the identity and the contact details of the controller' — a notice that
    only says 'the association' gives contact details but no identity."""
    unnamed = attrs.evolve(NORTHWIND, controller=attrs.evolve(NORTHWIND.controller, name=None))
    assert _found(unnamed, "ART13_1_a") == [("no-identity", Severity.HIGH)]
    assert _found(NORTHWIND, "ART13_1_a") == []


def test_art13_2_d_asks_for_the_right_not_the_authority_s_name() -> None:
    """Art. 13(2)(d): 'the right to lodge a complaint with a supervisory authority'; naming the
    authority is helpful (info), 'the authority of your country' states the right."""
    generic = attrs.evolve(NORTHWIND, supervisory_authority=None)
    assert _found(generic, "ART13_2_d") == [("no-authority", Severity.INFO)]


def test_a_section_marked_not_assessed_is_not_judged_even_if_partly_stated() -> None:
    """Art. 13(1)(a): the controller's contacts may be in the general notice; a controller
    section marked not assessed is not judged although its name is stated (issue 10 item 2)."""
    partial = attrs.evolve(
        NORTHWIND, coverage=Coverage(not_assessed=(Section.CONTROLLER,)), contact_points=(),
        controller=attrs.evolve(NORTHWIND.controller, address=None, email=None, phone=None,
                                website=None))
    assert _found(partial, "ART13_1_a") == [("not-assessed", Severity.INFO)]


def test_art17_3_b_a_legal_obligation_does_not_deny_erasure_of_data_it_does_not_need() -> None:
    """Art. 17(3)(b): erasure yields 'to the extent that processing is necessary ... for
    compliance with a legal obligation'; a notice that denies the right wholesale while some
    data are under no obligation misstates its existence (Art. 13(2)(b))."""
    denied = _right(0, RightKind.ERASURE, status=RightStatus.DENIED,
                    reason="The Accounting Act requires us to keep the data")
    report = evaluate(denied, as_of=AS_OF, select=["ART13_2_b"])
    found = [(f.args["problem"], f.severity, f.path) for f in report.findings]
    assert found == [("denied-wholesale", Severity.MEDIUM, "$.registers[0].rights[2]")]
    free = next(f for f in report.findings).args["categories"]
    assert isinstance(free, tuple)
    assert "invoices" not in free
    assert "bookkeeping-entries" not in free
    assert "coaching-notes" in free  # under no obligation


def test_art17_1_some_cases_is_info_a_single_ground_is_medium() -> None:
    """Art. 17(1) grants erasure on six grounds, (d) unlawful processing and (e) a legal
    obligation whatever the basis: 'only if no longer necessary' drops them (medium); 'in some
    cases' may list the article's own cases, so it is only checked (info)."""
    single = _right(0, RightKind.ERASURE, status=RightStatus.CONDITIONAL,
                    condition="if no longer needed",
                    condition_kind=RightCondition.ONLY_IF_NOT_NECESSARY)
    assert _found(single, "ART17_1") == [("narrowed", Severity.MEDIUM)]
    some = _right(0, RightKind.ERASURE, status=RightStatus.CONDITIONAL,
                  condition="if consent is withdrawn or there is no legal basis",
                  condition_kind=RightCondition.SOME_CASES)
    assert _found(some, "ART17_1") == [("some-cases", Severity.INFO)]


def test_art21_4_a_missing_direct_marketing_objection_is_reported_once_as_art21_2() -> None:
    """Art. 21(2)-(3) and 21(4) concern the same missing statement: ART21_2 reports it, and
    ART21_4 does not repeat the claim."""
    rights = tuple(r for r in NORTHWIND.registers[1].rights
                   if r.right is not RightKind.DIRECT_MARKETING_OBJECTION)
    notice = _with(1, rights=rights)
    assert _found(notice, "ART21_2") == [(None, Severity.HIGH)]
    assert _found(notice, "ART21_4") == []
