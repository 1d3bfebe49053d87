"""Every catalogue rule: a notice that breaks it (rule id, path, arguments) and one that does not.

The compliant example (examples/northwind-coaching.yaml) passes every rule; each case breaks
it in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from gdpr_register import (
    DpoStatement,
    DpoStatus,
    IdentityCheck,
    LawfulBasis,
    Notice,
    NoticeKind,
    Provision,
    ProvisionRequirement,
    Purpose,
    PurposeKind,
    Recipient,
    RecipientRole,
    Register,
    RequestProcedure,
    RetentionKind,
    RetentionRule,
    RightKind,
    RightStatus,
    Source,
    SourceKind,
    SpecialCategory,
    StatedBasis,
    StatedRight,
    Transfer,
    TransferDerogation,
    TransferMechanism,
    Waiver,
    evaluate,
    load_notice,
)
from gdpr_register.model import (
    AutomatedDecisions,
    Channel,
    ChannelKind,
    Duration,
    DurationUnit,
    RequestCharge,
    RightCondition,
)
from gdpr_register.rules import Severity, default_registry

AS_OF = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = load_notice(ROOT / "examples" / "northwind-coaching.yaml")

Mutation = Callable[[Notice], Notice]


def reg(index: int, **changes: Any) -> Mutation:
    def mutate(notice: Notice) -> Notice:
        registers = list(notice.registers)
        registers[index] = attrs.evolve(registers[index], **changes)
        return attrs.evolve(notice, registers=tuple(registers))

    return mutate


def reg_fn(index: int, change: Callable[[Register], dict[str, Any]]) -> Mutation:
    def mutate(notice: Notice) -> Notice:
        return reg(index, **change(notice.registers[index]))(notice)

    return mutate


def controller(**changes: Any) -> Mutation:
    return lambda n: attrs.evolve(n, controller=attrs.evolve(n.controller, **changes))


def notice(**changes: Any) -> Mutation:
    return lambda n: attrs.evolve(n, **changes)


def replace_at(items: tuple[Any, ...], index: int, **changes: Any) -> tuple[Any, ...]:
    out = list(items)
    out[index] = attrs.evolve(out[index], **changes)
    return tuple(out)


def without_rights(register: Register, *kinds: RightKind) -> tuple[StatedRight, ...]:
    return tuple(r for r in register.rights if r.right not in kinds)


def right_at(register: Register, kind: RightKind, **changes: Any) -> dict[str, Any]:
    rights = tuple(attrs.evolve(r, **changes) if r.right is kind else r for r in register.rights)
    return {"rights": rights}


_INDIRECT_ONLY = Register(
    id="leads",
    name="Purchased leads",
    purposes=(
        Purpose(id="sales", name="Sales", bases=(StatedBasis(article=LawfulBasis.CONSENT),)),
    ),
    sources=(Source(id="broker", kind=SourceKind.THIRD_PARTY, name="Lead broker Oy"),),
)

# (case id, rule, mutation, expected path, expected argument subset, evaluate kwargs)
CASES: list[tuple[str, str, Mutation, str, dict[str, Any], dict[str, Any]]] = [
    ("no-contact", "ART13_1_a",
     lambda n: attrs.evolve(controller(address=None, email=None, phone=None, website=None)(n),
                            contact_points=()),
     "$.controller", {"missing": "contact details"}, {}),
    ("dpo-no-contact", "ART13_1_b",
     controller(dpo=DpoStatement(status=DpoStatus.APPOINTED)),
     "$.controller.dpo", {"problem": "no-contact"}, {}),
    ("dpo-not-stated", "ART13_1_b",
     controller(dpo=DpoStatement(status=DpoStatus.NOT_STATED)),
     "$.controller.dpo", {"problem": "not-stated"}, {}),
    ("non-gdpr-basis", "ART13_1_c",
     reg(0, pooled_bases=(StatedBasis(text="customer relationship"),)),
     "$.registers[0].pooled_bases[0]",
     {"problem": "not-a-gdpr-basis", "stated": "customer relationship"}, {}),
    ("no-purposes", "ART13_1_c", reg(1, purposes=()), "$.registers[1]",
     {"problem": "no-purposes"}, {}),
    ("pooled-not-mapped", "ART13_1_c",
     reg_fn(1, lambda r: {
         "purposes": replace_at(r.purposes, 0, bases=()),
         "pooled_bases": (StatedBasis(article=LawfulBasis.CONSENT),
                          StatedBasis(article=LawfulBasis.LEGITIMATE_INTERESTS, interests="i")),
     }),
     "$.registers[1].pooled_bases", {"problem": "not-mapped", "purposes": ("newsletter",)}, {}),
    ("interests-missing", "ART13_1_d",
     reg_fn(0, lambda r: {"purposes": replace_at(
         r.purposes, 2, bases=(StatedBasis(article=LawfulBasis.LEGITIMATE_INTERESTS),))}),
     "$.registers[0].purposes[2].bases[0]", {"purpose": "feedback"}, {}),
    ("transfer-no-recipient", "ART13_1_e",
     reg(1, recipients=(), transfers=(Transfer(country="JP",
                                               mechanism=TransferMechanism.ADEQUACY),)),
     "$.registers[1].transfers[0]", {"problem": "no-recipient", "country": "JP"}, {}),
    ("role-unspecified", "ART13_1_e",
     reg_fn(0, lambda r: {"recipients": replace_at(r.recipients, 1,
                                                   role=RecipientRole.UNSPECIFIED)}),
     "$.registers[0].recipients[1]", {"problem": "role-unspecified", "recipient": "crm"}, {}),
    ("no-copy-info", "ART13_1_f",
     reg_fn(1, lambda r: {"transfers": replace_at(r.transfers, 0, copy_available=None)}),
     "$.registers[1].transfers[0]", {"problem": "no-copy-info", "mechanism": "scc-2021"}, {}),
    ("no-mechanism", "ART13_1_f",
     reg_fn(1, lambda r: {"transfers": replace_at(
         r.transfers, 0, mechanism=TransferMechanism.NONE_STATED)}),
     "$.registers[1].transfers[0]", {"problem": "no-mechanism", "country": "US"}, {}),
    ("undeclared-transfer", "ART13_1_f", reg(1, transfers=()),
     "$.registers[1].recipients[0]", {"problem": "undeclared", "recipient": "mailer"}, {}),
    ("category-not-covered", "ART13_2_a",
     reg_fn(0, lambda r: {"retention": tuple(x for x in r.retention
                                             if "coaching-notes" not in x.categories)}),
     "$.registers[0].data_categories[2]",
     {"problem": "not-covered", "category": "coaching-notes"}, {}),
    ("vague-retention", "ART13_2_a",
     reg(1, retention=(RetentionRule(kind=RetentionKind.UNSPECIFIED,
                                     text="As long as necessary."),)),
     "$.registers[1].retention[0]", {"problem": "vague", "text": "As long as necessary."}, {}),
    ("no-retention", "ART13_2_a", reg(1, retention=()), "$.registers[1]",
     {"problem": "none-stated"}, {}),
    ("missing-rights", "ART13_2_b",
     reg_fn(0, lambda r: {"rights": without_rights(r, RightKind.RESTRICTION,
                                                   RightKind.PORTABILITY)}),
     "$.registers[0].rights", {"missing": ("restriction", "portability")}, {}),
    ("no-withdrawal", "ART13_2_c",
     reg_fn(1, lambda r: {"rights": without_rights(r, RightKind.WITHDRAW_CONSENT)}),
     "$.registers[1].rights", {"problem": "missing"}, {}),
    ("conditional-withdrawal", "ART13_2_c",
     reg_fn(1, lambda r: right_at(r, RightKind.WITHDRAW_CONSENT,
                                  status=RightStatus.CONDITIONAL, condition="only by letter")),
     "$.registers[1].rights[6]", {"problem": "conditional", "condition": "only by letter"}, {}),
    ("no-complaint-right", "ART13_2_d",
     reg_fn(0, lambda r: {"rights": without_rights(r, RightKind.COMPLAINT)}),
     "$.registers[0].rights", {"problem": "no-right"}, {}),
    ("no-authority", "ART13_2_d", notice(supervisory_authority=None), "$",
     {"problem": "no-authority"}, {}),
    ("no-provision", "ART13_2_e", reg(0, provision=None), "$.registers[0]",
     {"problem": "not-stated"}, {}),
    ("incomplete-provision", "ART13_2_e",
     reg(0, provision=Provision(requirement=ProvisionRequirement.CONTRACTUAL)),
     "$.registers[0].provision",
     {"problem": "incomplete", "missing": ("consequences",)}, {}),
    ("adm-no-logic", "ART13_2_f",
     reg(0, automated_decisions=AutomatedDecisions(automated_decisions=True, profiling=False)),
     "$.registers[0].automated_decisions",
     {"problem": "incomplete", "missing": ("logic",)}, {}),
    ("adm-not-stated", "ART13_2_f", reg(0, automated_decisions=None), "$.registers[0]",
     {"problem": "not-stated"}, {}),
    ("profiling-contradiction", "ART12_1",
     reg_fn(1, lambda r: {"purposes": replace_at(
         r.purposes, 0, kinds=(PurposeKind.DIRECT_MARKETING, PurposeKind.AD_TARGETING))}),
     "$.registers[1].purposes[0]", {"purpose": "newsletter", "kinds": ("ad-targeting",)}, {}),
    ("open-ended-purposes", "ART5_1_b",
     reg(0, description="Clients, for coaching, invoicing etc."),
     "$.registers[0].description", {}, {}),
    ("indirect-no-categories", "ART14_1_d",
     notice(registers=(_INDIRECT_ONLY,)), "$.registers[0]", {"sources": ("broker",)}, {}),
    ("source-unidentified", "ART14_2_f",
     reg_fn(0, lambda r: {"sources": replace_at(r.sources, 1, name=None, description=None)}),
     "$.registers[0].sources[1]",
     {"source": "client-organisation", "problem": "unidentified"}, {}),
    ("id-document", "ART12_2_BARRIER",
     reg(0, request_procedure=RequestProcedure(identity_check=IdentityCheck.ID_DOCUMENT)),
     "$.registers[0].request_procedure", {}, {}),
    ("in-person-only", "ART12_2_BARRIER",
     reg(1, request_procedure=RequestProcedure(
         channels=(Channel(kind=ChannelKind.IN_PERSON, value="Kauppakatu 12 B"),))),
     "$.registers[1].request_procedure", {}, {}),
    ("purpose-without-basis", "ART6_1",
     reg_fn(1, lambda r: {"purposes": replace_at(
         r.purposes, 0, bases=(StatedBasis(text="customer relationship"),))}),
     "$.registers[1].purposes[0]",
     {"purpose": "newsletter", "stated": ("customer relationship",)}, {}),
    ("consent-and-contract", "ART6_1_CONFLICT",
     reg_fn(1, lambda r: {"purposes": replace_at(r.purposes, 0, bases=(
         StatedBasis(article=LawfulBasis.CONSENT), StatedBasis(article=LawfulBasis.CONTRACT)))}),
     "$.registers[1].purposes[0]", {"bases": ("6(1)(a)", "6(1)(b)")}, {}),
    ("special-no-condition", "ART9_2",
     reg_fn(0, lambda r: {"data_categories": replace_at(
         r.data_categories, 2, special=SpecialCategory.HEALTH)}),
     "$.registers[0].purposes[0]", {"purpose": "coaching", "categories": ("coaching-notes",)},
     {}),
    ("analytics-without-consent", "FI_SVPL_COOKIES",
     reg_fn(0, lambda r: {"purposes": replace_at(
         r.purposes, 2, kinds=(PurposeKind.ANALYTICS,))}),
     "$.registers[0].purposes[2]", {"purpose": "feedback", "kinds": ("analytics",)},
     {"preview": True}),
    ("portability-denied", "ART20_1",
     reg_fn(0, lambda r: right_at(r, RightKind.PORTABILITY, status=RightStatus.DENIED,
                                  reason="no reason in law")),
     "$.registers[0].rights[4]", {"bases": ("6(1)(b)",), "status": "denied"}, {}),
    ("objection-conditional", "ART21_1",
     reg_fn(0, lambda r: right_at(r, RightKind.OBJECTION, status=RightStatus.CONDITIONAL,
                                  condition="if processed unlawfully",
                                  condition_kind=RightCondition.ONLY_IF_UNLAWFUL)),
     "$.registers[0].rights[5]", {"bases": ("6(1)(f)",), "status": "conditional"}, {}),
    ("no-dm-objection", "ART21_2",
     reg_fn(1, lambda r: {"rights": without_rights(r, RightKind.DIRECT_MARKETING_OBJECTION)}),
     "$.registers[1].rights", {"purposes": ("newsletter",), "status": "not stated"}, {}),
    ("objection-missing", "ART21_4",
     reg_fn(0, lambda r: {"rights": without_rights(r, RightKind.OBJECTION,
                                                   RightKind.DIRECT_MARKETING_OBJECTION)}),
     "$.registers[0].rights", {"problem": "missing", "right": "objection"}, {}),
    ("erasure-only-if-not-necessary", "ART17_1",
     reg_fn(0, lambda r: right_at(r, RightKind.ERASURE, status=RightStatus.CONDITIONAL,
                                  condition="if no longer necessary",
                                  condition_kind=RightCondition.ONLY_IF_NOT_NECESSARY)),
     "$.registers[0].rights[2]", {"condition": "if no longer necessary"}, {}),
    ("three-months", "ART12_3",
     reg(0, request_procedure=RequestProcedure(
         response_time=Duration(amount=3, unit=DurationUnit.MONTHS))),
     "$.registers[0].request_procedure", {"problem": "too-long", "period": "3 months"}, {}),
    ("fee-first-copy", "ART12_5",
     reg(1, request_procedure=RequestProcedure(charge=RequestCharge.FEE)),
     "$.registers[1].request_procedure", {"problem": "fee"}, {}),
    ("denied-without-reason", "ART23_1",
     reg_fn(0, lambda r: right_at(r, RightKind.ERASURE, status=RightStatus.DENIED)),
     "$.registers[0].rights[2]", {"right": "erasure"}, {}),
    ("no-record", "ART30_5", reg(0, record_kept=None), "$.registers[0]",
     {"reasons": ("not-occasional",)}, {}),
    ("record-incomplete", "ART30_1",
     lambda n: reg(1, security=())(attrs.evolve(n, kind=NoticeKind.RECORD_OF_PROCESSING)),
     "$.registers[1]", {"missing": ("g",)}, {}),
    ("dpo-mandatory", "ART37_1", controller(public_authority=True), "$.controller.dpo",
     {"grounds": ("37(1)(a) public authority",)}, {}),
    ("privacy-shield", "ART44",
     reg_fn(1, lambda r: {"transfers": replace_at(
         r.transfers, 0, mechanism=TransferMechanism.PRIVACY_SHIELD)}),
     "$.registers[1].transfers[0]",
     {"mechanism": "privacy-shield", "reason": "invalidated", "since": date(2020, 7, 16)}, {}),
    ("dpf-uncertified", "ART44",
     reg_fn(0, lambda r: {
         "recipients": replace_at(r.recipients, 2, dpf_certified=False),
         "transfers": replace_at(r.transfers, 0, fallback=None),
     }),
     "$.registers[0].transfers[0]", {"reason": "recipient-not-certified"}, {}),
    ("old-scc-new-contract", "ART44",
     reg_fn(1, lambda r: {"transfers": replace_at(
         r.transfers, 0, mechanism=TransferMechanism.SCC_OLD, concluded=date(2021, 10, 1))}),
     "$.registers[1].transfers[0]",
     {"reason": "no-new-contracts", "since": date(2021, 9, 27)}, {"as_of": date(2022, 6, 1)}),
    ("dpf-no-fallback", "ART45_DPF",
     reg_fn(0, lambda r: {"transfers": replace_at(r.transfers, 0, fallback=None)}),
     "$.registers[0].transfers[0]", {"recipient": "video"}, {}),
    ("partial-adequacy", "ART45_SCOPE",
     reg_fn(1, lambda r: {
         "recipients": replace_at(r.recipients, 0, country="CA"),
         "transfers": replace_at(r.transfers, 0, country="CA",
                                 mechanism=TransferMechanism.ADEQUACY),
     }),
     "$.registers[1].transfers[0]", {"country": "CA", "instrument": "2002/2/EC"}, {}),
    ("derogation", "ART49_1",
     reg_fn(1, lambda r: {"transfers": replace_at(
         r.transfers, 0, mechanism=TransferMechanism.DEROGATION,
         derogation=TransferDerogation.EXPLICIT_CONSENT)}),
     "$.registers[1].transfers[0]", {"derogation": "49(1)(a)"}, {}),
    ("hold-without-law", "ART5_1_e",
     reg_fn(0, lambda r: {"retention": replace_at(
         r.retention, 3, statute=None, law=None, period=None, trigger=None)}),
     "$.registers[0].retention[3]", {"missing": ("law", "period")}, {}),
    ("long-period", "ART5_2",
     reg_fn(0, lambda r: {"retention": replace_at(
         r.retention, 0, period=Duration(amount=5, unit=DurationUnit.YEARS))}),
     "$.registers[0].retention[0]", {"period": "5 years", "trigger": "contract-end"}, {}),
    ("long-period-in-weeks", "ART5_2",  # 200 weeks is 46 months, past the 36-month review mark
     reg_fn(0, lambda r: {"retention": replace_at(
         r.retention, 0, period=Duration(amount=200, unit=DurationUnit.WEEKS))}),
     "$.registers[0].retention[0]", {"period": "200 weeks", "trigger": "contract-end"}, {}),
    ("hold-too-wide", "ART17_3_b",
     reg_fn(0, lambda r: {"retention": replace_at(
         r.retention, 3, categories=("invoices", "contact-details"))}),
     "$.registers[0].retention[3]", {"categories": ("contact-details",)}, {}),
    ("controller-abroad", "ART27",
     controller(country="US"), "$.controller", {"country": "US"}, {}),
    ("no-business-id", "FI_BUSINESS_ID", controller(business_id=None), "$.controller", {}, {}),
    ("cites-personal-data-act", "FI_TSL_REPEALED",
     lambda n: attrs.evolve(n, cited_laws=(*n.cited_laws, "Henkilötietolaki 523/1999")),
     "$.cited_laws[2]", {"text": "Henkilötietolaki 523/1999"}, {}),
    ("old-notice", "ART24_1_REVIEW", notice(updated=date(2020, 1, 1)), "$",
     {"updated": date(2020, 1, 1), "months": 24}, {}),
    ("joint-controller", "ART26",
     reg_fn(0, lambda r: {"recipients": replace_at(r.recipients, 1,
                                                   role=RecipientRole.JOINT_CONTROLLER)}),
     "$.registers[0].recipients[1]", {"recipient": "crm"}, {}),
    ("authority-legitimate-interests", "ART6_1_SUBPARA2", controller(public_authority=True,
     dpo=DpoStatement(status=DpoStatus.APPOINTED, contact=NORTHWIND.contact_points[0])),
     "$.registers[0].purposes[2]", {"purpose": "feedback"}, {}),
    ("children-consent", "ART8_1",
     reg_fn(1, lambda r: {"data_subjects": replace_at(r.data_subjects, 0,
                                                      includes_children=True)}),
     "$.registers[1].data_subjects[0]", {"subjects": "subscribers", "age": 13}, {}),
    ("adm-without-basis", "ART22_2",
     reg_fn(0, lambda r: {
         "automated_decisions": AutomatedDecisions(
             automated_decisions=True, profiling=True, logic="l", significance="s"),
         "purposes": (replace_at(r.purposes, 2)[2],),
         "data_categories": tuple(c for c in r.data_categories if c.id == "feedback"),
         "sources": (r.sources[0],),
         "recipients": (), "transfers": (),
         "retention": (r.retention[2],),
     }),
     "$.registers[0].automated_decisions", {"problem": "no-basis", "bases": ("6(1)(f)",)}, {}),
    ("adm-special-category", "ART22_2",
     reg_fn(0, lambda r: {
         "automated_decisions": AutomatedDecisions(
             automated_decisions=True, profiling=True, logic="l", significance="s"),
         "data_categories": replace_at(r.data_categories, 2, special=SpecialCategory.HEALTH),
     }),
     "$.registers[0].automated_decisions",
     {"problem": "special-category", "categories": ("coaching-notes",)}, {}),
    ("waiver-expired", "WAIVER_EXPIRED",
     notice(waivers=(Waiver(rule="ART5_2", justification="Reviewed by counsel",
                            expires=date(2025, 12, 31)),)),
     "$.waivers[0]", {"rule": "ART5_2", "expires": date(2025, 12, 31)}, {}),
    ("authority-consent-derogation", "ART49_3",
     lambda n: reg_fn(0, lambda r: {"transfers": replace_at(
         r.transfers, 0, mechanism=TransferMechanism.DEROGATION, fallback=None,
         derogation=TransferDerogation.EXPLICIT_CONSENT)})(
         controller(public_authority=True)(n)),
     "$.registers[0].transfers[0]", {"derogation": "49(1)(a)"}, {"preview": True}),
]


def test_the_compliant_example_passes_every_rule_including_preview() -> None:
    report = evaluate(NORTHWIND, as_of=AS_OF, preview=True)
    assert [(f.rule, f.path) for f in report.findings] == []


@pytest.mark.parametrize(
    ("rule", "mutate", "path", "args", "kwargs"),
    [case[1:] for case in CASES],
    ids=[f"{case[1]}-{case[0]}" for case in CASES],
)
def test_rule_fires_on_a_notice_that_breaks_it(
    rule: str, mutate: Mutation, path: str, args: dict[str, Any], kwargs: dict[str, Any]
) -> None:
    as_of = kwargs.pop("as_of", AS_OF)
    clean = evaluate(NORTHWIND, as_of=as_of, **kwargs)
    assert rule not in {f.rule for f in clean.findings}
    report = evaluate(mutate(NORTHWIND), as_of=as_of, **kwargs)
    found = [f for f in report.findings if f.rule == rule and f.path == path]
    assert found, [(f.rule, f.path, dict(f.args)) for f in report.findings]
    assert any(all(f.args.get(k) == v for k, v in args.items()) for f in found), [
        dict(f.args) for f in found
    ]


def test_every_rule_in_the_catalogue_has_a_breaking_case() -> None:
    # GDPR_NOT_YET_APPLICABLE depends on the date alone: tests/test_rules_temporal.py.
    covered = {case[1] for case in CASES} | {"GDPR_NOT_YET_APPLICABLE"}
    assert {r.id for r in default_registry()} <= covered


def test_severity_variants() -> None:
    dpo = evaluate(controller(dpo=DpoStatement(status=DpoStatus.NOT_STATED))(NORTHWIND),
                   as_of=AS_OF, select=["ART13_1_b"])
    assert [f.severity for f in dpo.findings] == [Severity.INFO]
    withdraw = evaluate(
        reg_fn(1, lambda r: right_at(r, RightKind.WITHDRAW_CONSENT,
                                     status=RightStatus.CONDITIONAL, condition="x"))(NORTHWIND),
        as_of=AS_OF, select=["ART13_2_c"],
    )
    assert [f.severity for f in withdraw.findings] == [Severity.INFO]


def test_dated_rules_follow_as_of() -> None:
    cites = attrs.evolve(NORTHWIND, cited_laws=("Henkilötietolaki 523/1999",))
    assert not evaluate(cites, as_of=date(2018, 1, 1), select=["FI_TSL_REPEALED"]).findings
    assert evaluate(cites, as_of=date(2018, 5, 25), select=["FI_TSL_REPEALED"]).findings
    dpf = reg(0, transfers=(Transfer(recipient="video", country="US",
                                     mechanism=TransferMechanism.DPF,
                                     fallback=TransferMechanism.SCC_2021,
                                     copy_available="ask"),))(NORTHWIND)
    assert not evaluate(dpf, as_of=date(2023, 7, 10), select=["ART44"]).findings
    before = evaluate(dpf, as_of=date(2021, 1, 1), select=["ART44"]).findings
    # Neither the DPF (primary) nor SCCs 2021/914 (fallback, and the newsletter's) existed.
    assert [(f.path, f.args["reason"], f.args["since"]) for f in before] == [
        ("$.registers[0].transfers[0]", "not-yet-valid", date(2023, 7, 10)),
        ("$.registers[1].transfers[0]", "not-yet-valid", date(2021, 6, 27)),
    ]


def test_norway_is_no_third_country_before_2018_07_20() -> None:
    """Directive 95/46/EC: Norway was an EEA state for transfers before GDPR reached it."""
    posten = Recipient(id="mailer", name="Posten", role=RecipientRole.PROCESSOR, country="NO")
    to_norway = reg(1, recipients=(posten,),
                    transfers=())(NORTHWIND)
    for day in (date(2018, 7, 19), date(2018, 7, 20)):
        report = evaluate(to_norway, as_of=day, select=["ART13_1_f"])
        assert not report.filter(registers=["newsletter"]).findings


def test_uk_adequacy_ends_2031_12_27() -> None:
    to_uk = reg(1, recipients=(Recipient(id="mailer", name="Mail Ltd", role=RecipientRole.PROCESSOR,
                                         country="GB"),),
                transfers=(Transfer(recipient="mailer", country="GB",
                                    mechanism=TransferMechanism.ADEQUACY),))(NORTHWIND)
    def uk_findings(day: date) -> list[object]:
        report = evaluate(to_uk, as_of=day, select=["ART44"]).filter(registers=["newsletter"])
        return [f.args["reason"] for f in report.findings]

    assert uk_findings(date(2031, 12, 27)) == []
    assert uk_findings(date(2031, 12, 28)) == ["no-adequacy-decision"]
    # Before Brexit took effect the UK applied GDPR itself: no transfer at all.
    assert uk_findings(date(2020, 6, 1)) == []
    # Between the bridge (to 2021-06-30) and the decision (2021-06-28) there is no gap.
    assert uk_findings(date(2021, 3, 1)) == []


def test_assume_dpf_certified_option() -> None:
    from gdpr_register.rules import Options

    unknown = reg_fn(0, lambda r: {
        "recipients": replace_at(r.recipients, 2, dpf_certified=None),
        "transfers": replace_at(r.transfers, 0, fallback=None),
    })(NORTHWIND)
    assert evaluate(unknown, as_of=AS_OF, select=["ART44"]).findings
    relaxed = Options(assume_dpf_certified=True)
    assert not evaluate(unknown, as_of=AS_OF, select=["ART44"], options=relaxed).findings


def test_transfers_to_inactive_recipients_are_not_judged() -> None:
    shield = reg_fn(1, lambda r: {
        "recipients": replace_at(r.recipients, 0, valid_until=date(2020, 3, 31)),
        "transfers": replace_at(r.transfers, 0, mechanism=TransferMechanism.PRIVACY_SHIELD),
    })(NORTHWIND)
    # The relationship ended before Schrems II: no ART44 in 2026 ...
    assert not evaluate(shield, as_of=AS_OF, select=["ART44"]).filter(
        registers=["newsletter"]).findings
    # ... and while it was active Privacy Shield was valid.
    assert not evaluate(shield, as_of=date(2019, 6, 1), select=["ART44"]).filter(
        registers=["newsletter"]).findings
