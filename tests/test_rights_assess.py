"""assess(): the basis x right matrix (rule catalogue §2.4), Art. 19, Art. 12(5)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import (
    AutomatedDecisions,
    Controller,
    DataCategory,
    LawfulBasis,
    Notice,
    Purpose,
    PurposeKind,
    Recipient,
    RecipientRole,
    Register,
    Source,
    SourceKind,
    StatedBasis,
    load_notice,
)
from gdpr_register.errors import InputError
from gdpr_register.retention import SubjectHistory
from gdpr_register.rights import (
    AbuseDecision,
    Applicability,
    CategoryAction,
    ClaimedException,
    ControllerDecisions,
    Request,
    RestrictionGround,
    Right,
    assess,
    response_deadline,
)
from gdpr_register.testing.strategies import (
    controller_decisions,
    histories,
    identity_pauses,
    registers,
    requests,
)

A = LawfulBasis
RECEIVED = date(2026, 11, 25)


def basis(article: LawfulBasis | None, text: str | None = None) -> StatedBasis:
    return StatedBasis(article=article, text=text)


def shop(**changes: object) -> Register:
    """A web shop: orders on contract, invoices on legal obligation, newsletter on consent,
    analytics on legitimate interests, direct marketing on legitimate interests."""
    fields: dict[str, object] = {
        "id": "shop",
        "name": "Web shop customers",
        "purposes": (
            Purpose(id="orders", name="Orders", kinds=(PurposeKind.SERVICE_DELIVERY,),
                    bases=(basis(A.CONTRACT),), categories=("contact", "orders")),
            Purpose(id="bookkeeping", name="Bookkeeping", kinds=(PurposeKind.ACCOUNTING,),
                    bases=(basis(A.LEGAL_OBLIGATION),), categories=("invoices",)),
            Purpose(id="newsletter", name="Newsletter", kinds=(PurposeKind.MARKETING,),
                    bases=(basis(A.CONSENT),), categories=("contact",)),
            Purpose(id="analytics", name="Analytics", kinds=(PurposeKind.ANALYTICS,),
                    bases=(basis(A.LEGITIMATE_INTERESTS),), categories=("clicks",)),
            Purpose(id="offers", name="Offers by post", kinds=(PurposeKind.DIRECT_MARKETING,),
                    bases=(basis(A.LEGITIMATE_INTERESTS),), categories=("contact",)),
        ),
        "data_categories": (
            DataCategory(id="contact", name="Contact details"),
            DataCategory(id="orders", name="Orders"),
            DataCategory(id="invoices", name="Invoices", material=("accounting-voucher",)),
            DataCategory(id="clicks", name="Clicks"),
        ),
        "sources": (
            Source(id="customer", kind=SourceKind.DATA_SUBJECT, categories=("contact", "orders")),
            Source(id="site", kind=SourceKind.OBSERVED, categories=("clicks",)),
        ),
        "recipients": (
            Recipient(id="host", name="Hosting Oy", role=RecipientRole.PROCESSOR),
            Recipient(id="post", name="Posti", role=RecipientRole.CONTROLLER,
                      categories=("contact",)),
            Recipient(id="old", name="Old mailer", role=RecipientRole.PROCESSOR,
                      valid_until=date(2025, 12, 31)),
            Recipient(id="accountant", name="Tilitoimisto", role=RecipientRole.PROCESSOR,
                      categories=("invoices",)),
        ),
        "automated_processing": True,
    }
    fields.update(changes)
    return Register(**fields)  # type: ignore[arg-type]


def request(right: Right, **kw: object) -> Request:
    return Request(right=right, received=RECEIVED, **kw)  # type: ignore[arg-type]


def outcome(assessment: object) -> dict[str, CategoryAction]:
    return {c.category: c.action for c in assessment.categories}  # type: ignore[attr-defined]


def test_access_and_rectification_apply_under_every_basis() -> None:
    access = assess(request(Right.ACCESS), shop())
    assert access.applies is Applicability.YES
    assert access.notify_recipients == ()
    assert access.deadline.deadline == date(2026, 12, 28)
    rect = assess(request(Right.RECTIFICATION), shop())
    assert rect.applies is Applicability.YES
    assert {r.id for r in rect.notify_recipients} == {"host", "post", "accountant"}


def test_erasure_partial_outcome() -> None:
    result = assess(
        request(Right.ERASURE), shop(),
        controller_decisions=ControllerDecisions(still_necessary=False),
    )
    assert result.applies is Applicability.PARTLY
    assert outcome(result) == {
        "contact": CategoryAction.ERASE,
        "orders": CategoryAction.ERASE,
        "invoices": CategoryAction.EXCEPTED,  # Accounting Act hold, Art. 17(3)(b)
        "clicks": CategoryAction.ERASE,  # no compelling grounds: assumed, pending
    }
    invoices = next(c for c in result.categories if c.category == "invoices")
    assert invoices.articles == ("Art. 17(3)(b)",)
    assert {e.article for e in result.exceptions} == {"Art. 17(3)(b)"}
    contact = next(c for c in result.categories if c.category == "contact")
    assert set(contact.articles) == {"Art. 17(1)(a)", "Art. 17(1)(b)", "Art. 17(1)(c)"}
    assert [p.decision for p in result.pending] == ["compelling_grounds"]
    # Art. 19: active recipients only (processors included), of erased data; the accountant
    # receives only invoices, which are kept for the Accounting Act (Art. 17(3)(b)).
    assert {r.id for r in result.notify_recipients} == {"host", "post"}
    assert {a.rule for a in result.actions} >= {"ART12_3_BASE", "ART19", "ART12_4"}
    # Kept for the obligation is not restriction under Art. 18(2): no Art. 18(3) notice.
    assert "ART18_3" not in {a.rule for a in result.actions}


def test_erasure_blocked_while_contract_runs() -> None:
    decisions = ControllerDecisions(
        still_necessary=True, compelling_grounds=True,
        compelling_grounds_reason="fraud prevention on the account",
    )
    result = assess(request(Right.ERASURE, categories=("orders", "clicks")), shop(),
                    controller_decisions=decisions)
    assert result.applies is Applicability.NO
    assert outcome(result) == {"orders": CategoryAction.KEEP, "clicks": CategoryAction.KEEP}
    assert result.notify_recipients == ()
    assert all(r.article.startswith("Art. ") for r in result.reasons if r.applies is False)


def test_direct_marketing_erasure_is_absolute() -> None:
    decisions = ControllerDecisions(
        still_necessary=False, compelling_grounds=True, compelling_grounds_reason="sales"
    )
    result = assess(request(Right.ERASURE, purposes=("offers",)), shop(),
                    controller_decisions=decisions)
    assert outcome(result)["contact"] is CategoryAction.ERASE
    assert any(r.rule == "ART21_3" and r.applies for r in result.reasons)


def test_unmapped_bases_cannot_support_processing() -> None:
    register = shop(
        purposes=(Purpose(id="all", name="Everything",
                          bases=(basis(None, "other appropriate connection"),)),),
    )
    result = assess(request(Right.ERASURE), register)
    assert any(r.rule == "ART6_1" for r in result.reasons)
    assert any(r.article == "Art. 17(1)(d)" and r.applies for r in result.reasons)
    assert result.applies is Applicability.PARTLY  # invoices still held by the statute
    assert outcome(result)["contact"] is CategoryAction.ERASE


def test_claimed_exception_with_date() -> None:
    decisions = ControllerDecisions(
        still_necessary=False,
        compelling_grounds=False,
        exceptions=(ClaimedException(article="17(3)(e)", reason="pending court case 123/2026",
                                     categories=("orders",), until=date(2027, 6, 30)),),
    )
    result = assess(request(Right.ERASURE), shop(), controller_decisions=decisions)
    orders = next(c for c in result.categories if c.category == "orders")
    assert (orders.action, orders.until, orders.articles) == (
        CategoryAction.EXCEPTED, date(2027, 6, 30), ("Art. 17(3)(e)",)
    )
    assert any(e.source == "controller" and e.until == date(2027, 6, 30)
               for e in result.exceptions)
    assert result.pending == ()


def test_portability_matrix() -> None:
    result = assess(request(Right.PORTABILITY), shop())
    assert result.applies is Applicability.PARTLY
    assert outcome(result) == {
        "contact": CategoryAction.EXPORT,  # contract + consent, provided by the subject
        "orders": CategoryAction.EXPORT,
        "invoices": CategoryAction.NOT_PORTABLE,  # legal obligation
        "clicks": CategoryAction.NOT_PORTABLE,  # observed, legitimate interests
    }
    denied = {r.purpose: r.article for r in result.reasons if r.applies is False}
    assert denied == {
        "bookkeeping": "Art. 20(1)(a)", "analytics": "Art. 20(1)(a)", "offers": "Art. 20(1)(a)",
    }
    manual = assess(request(Right.PORTABILITY), shop(automated_processing=False))
    assert manual.applies is Applicability.NO
    assert manual.reasons[0].article == "Art. 20(1)(b)"
    public = shop(purposes=(Purpose(id="task", name="Task", bases=(basis(A.PUBLIC_TASK),)),))
    assert [r.article for r in assess(request(Right.PORTABILITY), public).reasons
            if r.applies is False] == ["Art. 20(3)"]


def test_objection_needs_e_or_f_and_compelling_grounds_are_an_input() -> None:
    open_ = assess(request(Right.OBJECTION), shop())
    assert open_.applies is Applicability.PARTLY
    applies = {r.purpose for r in open_.reasons if r.applies}
    assert applies == {"analytics", "offers"}
    assert [p.decision for p in open_.pending] == ["compelling_grounds"]
    decided = assess(
        request(Right.OBJECTION), shop(),
        controller_decisions=ControllerDecisions(
            compelling_grounds=True, compelling_grounds_reason="security logging"),
    )
    assert {r.purpose for r in decided.reasons if r.applies} == {"offers"}  # DM stays absolute
    assert any(e.rule == "ART21_1" for e in decided.exceptions)
    with pytest.raises(ValueError, match="compelling"):
        ControllerDecisions(compelling_grounds=True)


def test_direct_marketing_objection_and_consent_withdrawal() -> None:
    dm = assess(request(Right.DIRECT_MARKETING_OBJECTION), shop())
    assert {r.purpose for r in dm.reasons if r.applies} == {"offers"}
    no_dm = shop(purposes=shop().purposes[:2])
    assert assess(request(Right.DIRECT_MARKETING_OBJECTION), no_dm).applies is Applicability.NO
    consent = assess(request(Right.WITHDRAW_CONSENT), shop())
    assert {r.purpose for r in consent.reasons if r.applies} == {"newsletter"}
    assert consent.applies is Applicability.PARTLY


def test_restriction_grounds() -> None:
    contested = assess(request(Right.RESTRICTION,
                               restriction_ground=RestrictionGround.ACCURACY_CONTESTED), shop())
    assert contested.applies is Applicability.YES
    assert contested.notify_recipients
    pending = assess(request(Right.RESTRICTION,
                             restriction_ground=RestrictionGround.OBJECTION_PENDING), shop())
    assert {r.purpose for r in pending.reasons if r.applies} == {"analytics", "offers"}
    unlawful = assess(request(Right.RESTRICTION, restriction_ground="18(1)(b)"), shop())
    assert unlawful.applies is Applicability.NO
    assert unlawful.notify_recipients == ()
    assert [p.decision for p in assess(request(Right.RESTRICTION), shop()).pending] == [
        "restriction_ground"
    ]


def test_automated_decisions() -> None:
    assert assess(request(Right.AUTOMATED_DECISIONS), shop()).applies is Applicability.NO
    adm = shop(automated_decisions=AutomatedDecisions(automated_decisions=True, profiling=True))
    result = assess(request(Right.AUTOMATED_DECISIONS), adm)
    assert result.applies is Applicability.YES
    assert {"Art. 22(2)(a)", "Art. 22(2)(c)", "Art. 22(2)(b)"} <= {
        r.article for r in result.reasons
    }


def test_abuse_is_never_inferred() -> None:
    many = tuple(date(2026, m, 1) for m in range(1, 11))
    result = assess(request(Right.ACCESS, previous_requests=many), shop())
    assert result.abuse is None
    assert not any(r.article == "Art. 12(5)" for r in result.reasons)


def test_one_repeat_within_a_year_is_not_excessive() -> None:
    decision = AbuseDecision(kind="excessive", reason="asked again", response="refuse",
                             relies_on_repetition=True)
    once = assess(request(Right.ACCESS, previous_requests=(date(2026, 3, 1),)), shop(),
                  controller_decisions=ControllerDecisions(abuse=decision))
    assert once.abuse is None
    assert any(r.rule == "EDPB_175_195" for r in once.reasons)
    often = assess(
        request(Right.ACCESS, previous_requests=(date(2026, 3, 1), date(2026, 6, 1))),
        shop(), controller_decisions=ControllerDecisions(abuse=decision))
    assert often.abuse == decision
    assert any(a.rule == "ART12_4" and a.by == date(2026, 12, 28) for a in often.actions)
    old = assess(
        request(Right.ACCESS, previous_requests=(date(2024, 3, 1), date(2025, 6, 1))),
        shop(), controller_decisions=ControllerDecisions(abuse=decision))
    assert old.abuse is None
    with pytest.raises(ValueError, match="reason"):
        AbuseDecision(kind="excessive", reason="  ")


def test_unfounded_with_fee_is_accepted_as_decided() -> None:
    decision = AbuseDecision(kind="manifestly-unfounded", reason="offers to withdraw for money")
    result = assess(request(Right.ERASURE), shop(),
                    controller_decisions=ControllerDecisions(abuse=decision))
    assert result.abuse == decision
    assert any(a.rule == "EDPB_175_195" for a in result.actions)


def test_scope_errors() -> None:
    with pytest.raises(InputError) as info:
        assess(request(Right.ERASURE, purposes=("nope",), categories=("x",)), shop())
    assert [p.location for p in info.value.problems] == [
        "request.purposes[0]", "request.categories[0]"
    ]


def test_deadline_follows_the_controllers_member_state() -> None:
    notice = Notice(
        id="se", title="Swedish shop", registers=(shop(),),
        controller=Controller(name="Butik AB", country="SE"),
    )
    result = assess(request(Right.ACCESS), shop(), notice=notice)
    assert result.deadline.country == "SE"
    received = Request(right="access", received="2026-11-25T23:30:00+00:00")
    assert assess(received, shop(), notice=notice).deadline.received == date(2026, 11, 26)
    us = Notice(id="us", title="US", registers=(shop(),),
                controller=Controller(name="Shop Inc", country="US"))
    fallback = assess(request(Right.ACCESS), shop(), notice=us)
    assert fallback.deadline.country == "FI"
    assert any(r.rule == "PER_2_1" for r in fallback.reasons)


def test_seed_notice_erasure(seed_path: object) -> None:
    notice = load_notice(seed_path)  # type: ignore[arg-type]
    register = notice.registers[0]
    result = assess(request(Right.ERASURE), register, notice=notice)
    assert result.applies is Applicability.PARTLY
    assert outcome(result)["laskutustiedot"] is CategoryAction.EXCEPTED
    assert {c for c, a in outcome(result).items() if a is CategoryAction.ERASE} == {
        "yhteystiedot", "palvelutiedot", "markkinointitiedot"
    }
    # The authorities (viranomaiset) receive what the law makes them receive: the invoices
    # kept for the Accounting Act are not erased, so no Art. 19 notice goes to them.
    assert len(result.notify_recipients) == 5
    assert "viranomaiset" not in {r.id for r in result.notify_recipients}
    assert sum(r.rule == "ART6_1" for r in result.reasons) == 2  # two unmapped pooled bases
    assert any(r.rule == "FI_DPO_4359" for r in result.reasons)
    assert result.deadline.deadline == date(2026, 12, 28)


def test_right_maps_to_the_model_enum() -> None:
    assert {r.kind.value for r in Right} <= {r.value for r in Right}
    assert Right.ERASURE.article == "Art. 17"


@given(st.data(), registers(), st.one_of(st.none(), histories()), st.booleans())
def test_assess_never_raises_and_refusals_cite(
    data: st.DataObject, register: Register, history: SubjectHistory | None, paused: bool
) -> None:
    req = data.draw(requests(register))
    answers = data.draw(controller_decisions(register))
    received = req.received
    assert type(received) is date
    if paused:
        answers = attrs.evolve(answers, identity_pause=data.draw(identity_pauses(received)))
    result = assess(req, register, controller_decisions=answers, history=history)
    assert result.applies in Applicability
    for reason in result.reasons:
        assert reason.article.startswith(("Art. ", "Reg. "))
    if result.applies in (Applicability.NO, Applicability.PARTLY):
        assert any(r.applies is False and r.article.startswith("Art. ") for r in result.reasons)
    if result.applies in (Applicability.YES, Applicability.PARTLY):
        assert any(r.applies is True for r in result.reasons)
    if result.applies is Applicability.UNDETERMINED:
        assert result.undetermined  # says what depends on what
    for item in result.undetermined:
        assert item.decide
        assert len(item.candidates) >= 2
    assert set(result.notify_recipients) <= set(register.recipients)
    assert all(r.active_on(received) for r in result.notify_recipients)
    for exception in result.exceptions:
        assert exception.article.startswith("Art. ")
    assert result.deadline.received == received
    assert result.deadline.deadline >= response_deadline(received).deadline
    if answers.abuse is None:
        assert result.abuse is None  # never inferred
    if req.right is Right.ERASURE and result.applies is Applicability.YES:
        assert all(c.action is CategoryAction.ERASE for c in result.categories)
    if req.right is Right.ERASURE and result.applies is Applicability.NO:
        assert not any(c.action is CategoryAction.ERASE for c in result.categories)
    assert result.to_dict()["applies"] == result.applies.value


def test_erasure_uses_the_retention_plan(seed_path: object) -> None:
    notice = load_notice(seed_path)  # type: ignore[arg-type]
    register = notice.registers[0]
    history = SubjectHistory.from_events(
        "cust-42", [("service_contact", date(2021, 6, 15)), ("invoice", date(2021, 6, 30))]
    )
    result = assess(request(Right.ERASURE), register, notice=notice, history=history)
    invoices = next(c for c in result.categories if c.category == "laskutustiedot")
    # Accounting Act 2:10: vouchers of FY 2021 kept to the end of 2027.
    assert (invoices.action, invoices.until) == (CategoryAction.EXCEPTED, date(2027, 12, 31))
    assert any(e.source == "retention plan" and e.until == date(2027, 12, 31)
               for e in result.exceptions)
    # Every retention period has ended: "still necessary?" is answered by the plan.
    assert result.pending == ()
    # After the hold, the vouchers are erased too.
    later = assess(Request(right=Right.ERASURE, received=date(2028, 3, 1)), register,
                   notice=notice, history=history)
    assert outcome(later)["laskutustiedot"] is CategoryAction.ERASE
    assert later.applies is Applicability.YES


def test_erasure_with_a_running_retention_period_stays_pending(seed_path: object) -> None:
    notice = load_notice(seed_path)  # type: ignore[arg-type]
    history = SubjectHistory.from_events("cust-7", [("service_contact", date(2025, 1, 10))])
    result = assess(request(Right.ERASURE), notice.registers[0], notice=notice, history=history)
    assert [p.decision for p in result.pending] == ["still_necessary"]
