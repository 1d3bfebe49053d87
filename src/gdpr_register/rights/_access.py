"""Access (Art. 15) and rectification (Art. 16): under every lawful basis."""

from __future__ import annotations

from gdpr_register.rights._scope import (
    PurposeView,
    Work,
)

__all__ = ['access', 'rectification']


def access(work: Work, purposes: list[PurposeView], categories: list[str]) -> list[bool | None]:
    work.reason(
        "ART15_1",
        "Art. 15(1)",
        True,
        "access applies under every lawful basis: confirmation, a copy of the data and the "
        "information in Art. 15(1)(a)-(h)",
        categories=categories,
    )
    work.reason(
        "ART15_3_FEE",
        "Art. 15(3)",
        None,
        "the first copy is free; only further copies may cost a reasonable fee",
    )
    work.reason(
        "ART15_4", "Art. 15(4)", None, "the copy must not adversely affect others' rights"
    )
    return [True]


def rectification(work: Work, categories: list[str]) -> list[bool | None]:
    work.reason(
        "ART16",
        "Art. 16",
        True,
        "rectification (and completion) applies under every lawful basis, without undue delay",
        categories=categories,
    )
    return [True]

