"""The strategies users import are sound and reachable through ``st.from_type``."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdpr_register import SubjectEvent
from gdpr_register.documents.reference import DOCUMENT_CLASSES
from gdpr_register.model.values import ytunnus_check_digit
from gdpr_register.testing import strategies


@pytest.mark.parametrize("cls", [*DOCUMENT_CLASSES, SubjectEvent], ids=lambda c: c.__name__)
def test_from_type_gives_valid_instances(cls: type) -> None:
    @settings(max_examples=15)
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)
        # Re-validating a copy runs every validator and __attrs_post_init__ again.
        assert attrs.evolve(value) == value  # type: ignore[misc]

    check()


@given(strategies.ytunnus())
def test_generated_business_ids_have_valid_check_digits(value: str) -> None:
    body, digit = value.split("-")
    assert ytunnus_check_digit(body) == int(digit)


@given(strategies.registers())
def test_register_references_resolve(register: object) -> None:
    from gdpr_register import Register

    assert isinstance(register, Register)
    ids = {c.id for c in register.data_categories}
    for purpose in register.purposes:
        assert set(purpose.categories) <= ids
    recipients = {r.id for r in register.recipients}
    assert {t.recipient for t in register.transfers if t.recipient} <= recipients
