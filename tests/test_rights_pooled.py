"""assess() reads a pooled list of bases as the notice states it, and Art. 17(3)(b) as kept data.

"A, B or C" for a register means each purpose rests on one or more of them, unknown which
(Art. 13(1)(c); rule catalogue §10): never that every purpose rests on all of them.
"""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import (
    DataCategory,
    LawfulBasis,
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
from gdpr_register.cli.commands.request import render_text
from gdpr_register.rights import (
    Applicability,
    CategoryAction,
    ControllerDecisions,
    Request,
    Right,
    assess,
)
from gdpr_register.testing.strategies import registers

A = LawfulBasis
RECEIVED = date(2026, 11, 25)


def pooled(*articles: LawfulBasis, **changes: object) -> Register:
    """A club register: two purposes, no basis mapped to either, bases pooled."""
    fields: dict[str, object] = {
        "id": "club",
        "name": "Members",
        "purposes": (
            Purpose(id="membership", name="Membership", categories=("contact", "fees")),
            Purpose(id="news", name="Newsletter", kinds=(PurposeKind.MARKETING,),
                    categories=("contact",)),
        ),
        "pooled_bases": tuple(StatedBasis(article=a) for a in articles),
        "data_categories": (
            DataCategory(id="contact", name="Contact details"),
            DataCategory(id="fees", name="Membership fees"),
        ),
        "sources": (Source(id="member", kind=SourceKind.DATA_SUBJECT,
                           categories=("contact", "fees")),),
        "recipients": (
            Recipient(id="tax", name="Tax Administration", role=RecipientRole.AUTHORITY),
            Recipient(id="mailer", name="Mailer Oy", role=RecipientRole.PROCESSOR,
                      categories=("contact",)),
        ),
        "automated_processing": True,
    }
    fields.update(changes)
    return Register(**fields)  # type: ignore[arg-type]


def actions(register: Register, right: Right, **kw: object) -> dict[str, CategoryAction]:
    result = assess(Request(right=right, received=RECEIVED), register, **kw)  # type: ignore[arg-type]
    return {c.category: c.action for c in result.categories}


def test_erasure_never_erases_what_a_pooled_legal_obligation_may_need() -> None:
    # Art. 17(3)(b): data needed for a legal obligation are excepted; with "6(1)(c) or
    # 6(1)(f)" pooled, either purpose may rest on 6(1)(c) alone.
    register = pooled(A.LEGAL_OBLIGATION, A.LEGITIMATE_INTERESTS)
    result = assess(Request(right=Right.ERASURE, received=RECEIVED), register,
                    controller_decisions=ControllerDecisions(compelling_grounds=False))
    assert result.applies is Applicability.UNDETERMINED
    assert {c.category: c.action for c in result.categories} == {
        "contact": CategoryAction.UNDETERMINED, "fees": CategoryAction.UNDETERMINED,
    }
    assert {u.purpose for u in result.undetermined} == {"membership", "news"}
    membership = next(u for u in result.undetermined if u.purpose == "membership")
    by_basis = {b: c.applies for c in membership.candidates for b in c.bases}
    assert by_basis == {A.LEGAL_OBLIGATION: False, A.LEGITIMATE_INTERESTS: True}
    assert "purpose_bases" in {p.decision for p in result.pending}
    assert result.notify_recipients == ()  # nothing is erased yet: no Art. 19 notice


def test_the_controller_settles_the_mapping() -> None:
    # Art. 6(1): once the controller states the basis, the assessment is determined.
    register = pooled(A.LEGAL_OBLIGATION, A.LEGITIMATE_INTERESTS)
    decided = ControllerDecisions(
        compelling_grounds=False,
        purpose_bases={"membership": [A.LEGAL_OBLIGATION], "news": ["6(1)(f)"]},
    )
    result = assess(Request(right=Right.ERASURE, received=RECEIVED), register,
                    controller_decisions=decided)
    assert result.undetermined == ()
    # contact is used for membership (kept for the obligation) and news (erased on objection)
    assert {c.category: c.action for c in result.categories} == {
        "contact": CategoryAction.EXCEPTED, "fees": CategoryAction.EXCEPTED,
    }


def test_a_pooled_list_that_agrees_on_every_mapping_is_determined() -> None:
    # Art. 17(3)(b) covers both a legal obligation and a public task.
    register = pooled(A.LEGAL_OBLIGATION, A.PUBLIC_TASK)
    result = assess(Request(right=Right.ERASURE, received=RECEIVED), register)
    assert result.undetermined == ()
    assert result.applies is Applicability.NO
    assert {c.action for c in result.categories} == {CategoryAction.EXCEPTED}


def test_portability_does_not_export_on_a_pooled_list() -> None:
    # Art. 20(1)(a): only consent or contract; "6(1)(a) or 6(1)(c)" may be 6(1)(c) alone.
    register = pooled(A.CONSENT, A.LEGAL_OBLIGATION)
    assert set(actions(register, Right.PORTABILITY).values()) == {CategoryAction.UNDETERMINED}
    # Consent or contract on every mapping: exported.
    assert set(actions(pooled(A.CONSENT, A.CONTRACT), Right.PORTABILITY).values()) == {
        CategoryAction.EXPORT
    }


def test_withdrawal_never_promises_a_contract_the_notice_does_not_map() -> None:
    # Art. 7(3) and 6(1)(b): "processing may continue on 6(1)(b)" needs a contract purpose.
    result = assess(Request(right=Right.WITHDRAW_CONSENT, received=RECEIVED),
                    pooled(A.CONSENT, A.CONTRACT))
    assert not any("continue" in r.message and r.applies for r in result.reasons)
    assert result.applies is Applicability.UNDETERMINED
    mapped = pooled(purposes=(
        Purpose(id="membership", name="Membership", categories=("contact",),
                bases=(StatedBasis(article=A.CONSENT), StatedBasis(article=A.CONTRACT))),
    ))
    stated = assess(Request(right=Right.WITHDRAW_CONSENT, received=RECEIVED), mapped)
    assert stated.applies is Applicability.YES
    assert stated.undetermined == ()


def test_objection_on_a_pooled_list() -> None:
    # Art. 21(1): only 6(1)(e) or (f); pooled "6(1)(b) or 6(1)(f)" is undetermined.
    result = assess(Request(right=Right.OBJECTION, received=RECEIVED),
                    pooled(A.CONTRACT, A.LEGITIMATE_INTERESTS))
    assert result.applies is Applicability.UNDETERMINED
    none = assess(Request(right=Right.OBJECTION, received=RECEIVED),
                  pooled(A.CONTRACT, A.CONSENT))
    assert none.applies is Applicability.NO


def test_kept_under_17_3_b_is_excepted_not_restricted(seed_path: object) -> None:
    # Art. 17(3)(b), 18(2), 19: kept for the obligation and used for it; the authority that
    # receives it under that obligation gets no erasure notice; no Art. 18(3) action.
    register = pooled(A.CONSENT, purposes=(
        Purpose(id="membership", name="Membership", categories=("contact",),
                bases=(StatedBasis(article=A.CONSENT),)),
        Purpose(id="bookkeeping", name="Bookkeeping", categories=("fees",),
                bases=(StatedBasis(article=A.LEGAL_OBLIGATION),)),
    ))
    result = assess(Request(right=Right.ERASURE, received=RECEIVED), register)
    assert {c.category: c.action for c in result.categories} == {
        "contact": CategoryAction.ERASE, "fees": CategoryAction.EXCEPTED,
    }
    assert [r.id for r in result.notify_recipients] == ["mailer"]
    assert "ART18_3" not in {a.rule for a in result.actions}
    # Issue 11 item 28: the text never says the exception "does not apply" when it does.
    notice = load_notice(seed_path)  # type: ignore[arg-type]
    seed = assess(Request(right=Right.ERASURE, received=RECEIVED), notice.registers[0],
                  notice=notice)
    text = render_text(seed)
    assert "Art. 17(3)(b) does not apply" not in text
    assert "erasure does not apply (Art. 17(3)(b))" in text


def test_portability_reads_the_sources() -> None:
    # Art. 20(1); WP242: provided or observed data are ported, data from elsewhere are not,
    # and a data-subject source that lists no categories proves nothing per category.
    register = pooled(A.CONTRACT, sources=(
        Source(id="member", kind=SourceKind.DATA_SUBJECT, categories=("contact",)),
        Source(id="register", kind=SourceKind.PUBLIC_SOURCE, categories=("fees",)),
    ))
    assert actions(register, Right.PORTABILITY) == {
        "contact": CategoryAction.EXPORT, "fees": CategoryAction.NOT_PORTABLE,
    }
    vague = attrs.evolve(register, sources=(Source(id="member", kind=SourceKind.DATA_SUBJECT),))
    result = assess(Request(right=Right.PORTABILITY, received=RECEIVED), vague)
    assert {c.action for c in result.categories} == {CategoryAction.UNDETERMINED}
    assert result.applies is Applicability.UNDETERMINED
    assert {u.article for u in result.undetermined} == {"Art. 20(1)"}


@given(registers(), st.sampled_from([Right.ERASURE, Right.PORTABILITY]))
def test_pooled_candidates_never_decide_against_the_subject_or_the_law(
    register: Register, right: Right
) -> None:
    # Art. 17(3)(b), 20(1)(a): with every purpose on pooled bases that include 6(1)(c) and
    # another basis, nothing a purpose uses is erased; without 6(1)(a)/(b) on every mapping,
    # nothing is exported.
    register = attrs.evolve(
        register,
        purposes=tuple(attrs.evolve(p, bases=()) for p in register.purposes),
        pooled_bases=(StatedBasis(article=A.LEGAL_OBLIGATION),
                      StatedBasis(article=A.LEGITIMATE_INTERESTS),
                      StatedBasis(article=A.CONSENT)),
    )
    used = {c for p in register.purposes for c in (p.categories or
            [d.id for d in register.data_categories])}
    result = assess(Request(right=right, received=RECEIVED), register)
    for outcome in result.categories:
        if outcome.category in used:
            assert outcome.action not in (CategoryAction.ERASE, CategoryAction.EXPORT)
