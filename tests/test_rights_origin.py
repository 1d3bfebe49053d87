"""Portability covers data provided by the subject (Art. 20(1); WP242 rev.01), read from
``DataCategory.origin`` (provided and observed are ported, derived is not)."""

from __future__ import annotations

from datetime import date

from gdpr_register import DataCategory, LawfulBasis, Purpose, Register, StatedBasis
from gdpr_register.model import DataOrigin
from gdpr_register.rights import Applicability, CategoryAction, Request, Right, assess


def test_origin_decides_what_is_ported() -> None:
    # Art. 20(1): "personal data concerning him or her, which he or she has provided";
    # WP242: observed data count, data created or inferred by the controller do not.
    register = Register(
        id="coaching", name="Coaching clients", automated_processing=True,
        purposes=(Purpose(id="coaching", name="Coaching", bases=(
            StatedBasis(article=LawfulBasis.CONTRACT),)),),
        data_categories=(
            DataCategory(id="contact", name="Contact details", origin=DataOrigin.PROVIDED),
            DataCategory(id="workouts", name="Heart-rate data", origin=DataOrigin.OBSERVED),
            DataCategory(id="notes", name="Coach's notes", origin=DataOrigin.DERIVED),
            DataCategory(id="other", name="Other"),  # origin not stated, no source lists it
        ),
    )
    result = assess(Request(right=Right.PORTABILITY, received=date(2026, 11, 25)), register)
    assert {c.category: c.action for c in result.categories} == {
        "contact": CategoryAction.EXPORT,
        "workouts": CategoryAction.EXPORT,
        "notes": CategoryAction.NOT_PORTABLE,
        "other": CategoryAction.UNDETERMINED,  # never assumed provided
    }
    assert result.applies is Applicability.PARTLY
    assert [u.categories for u in result.undetermined] == [("other",)]
