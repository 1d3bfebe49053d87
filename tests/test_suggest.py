"""Did-you-mean suggestions fix obvious typos and never change the meaning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import (
    DocumentError,
    DurationUnit,
    LawfulBasis,
    RetentionKind,
    TransferMechanism,
    loads_notice,
)
from gdpr_register.model._suggest import suggestion

_ENUMS = [DurationUnit, TransferMechanism, RetentionKind]


@pytest.mark.parametrize(
    ("typed", "candidates", "expected"),
    [
        ("minutes", ["days", "months", "years"], None),  # a valid unit of another meaning
        ("minute", ["minutes", "months"], "minutes"),
        ("monhts", ["days", "months", "years"], "months"),
        ("scc", ["scc-2021", "scc-old"], None),  # a family member, not a typo
        ("scc-ld", ["scc", "scc-2021", "scc-old"], "scc-old"),
        ("Last_Contact", ["last-contact", "collection"], "last-contact"),
        ("6(1)(g)", [m.value for m in LawfulBasis], None),  # six bases one edit away
        ("day", ["days", "months"], "days"),
        ("marketting", ["marketing", "direct-marketing"], "marketing"),
        ("xy", ["xz"], None),
    ],
)
def test_suggestions(typed: str, candidates: list[str], expected: str | None) -> None:
    assert suggestion(typed, candidates) == expected


@given(st.sampled_from(_ENUMS).flatmap(lambda e: st.tuples(st.just(e), st.sampled_from(e))))
def test_a_valid_value_is_never_suggested_another_value(pair: tuple[type, object]) -> None:
    enum_type, member = pair
    others = [m.value for m in enum_type if m is not member]  # type: ignore[attr-defined]
    assert suggestion(member.value, others) is None  # type: ignore[attr-defined]


def test_document_messages_do_not_suggest_a_different_meaning() -> None:
    text = (
        "id: x\ncontroller: {}\nregisters:\n- id: r\n  retention:\n"
        "  - {text: t, kind: period, period: {amount: 1, unit: minuets}}\n"
        "  transfers: [{country: US, mechanism: scc-2012}]\n"
    )
    with pytest.raises(DocumentError) as info:
        loads_notice(text)
    messages = {p.location: p.message for p in info.value.problems}
    assert "did you mean 'minutes'" in messages["$.registers[0].retention[0].period.unit"]
    # A swapped pair of digits is a typo; "scc" itself is a valid value and is not offered.
    assert "did you mean 'scc-2021'" in messages["$.registers[0].transfers[0].mechanism"]
