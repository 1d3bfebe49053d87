"""A register's purposes and the lawful bases stated for them (Art. 6(1), 9(2))."""


import attrs

from gdpr_register.model._validators import (
    enum_tuple,
    identifier,
    ids,
    optional_enum,
    optional_text,
    text,
)
from gdpr_register.model.enums import LawfulBasis, PurposeKind, SpecialCategoryCondition

__all__ = ["Purpose", "SpecialCondition", "StatedBasis"]


@attrs.frozen(kw_only=True)
class StatedBasis:
    """A lawful basis as the notice states it.

    ``text`` is the wording as written; ``article`` the Art. 6(1) point it normalises to, or
    None when the wording is no GDPR basis at all (the seed's "customer relationship, assignment,
    consent or other appropriate connection"). ``law`` names the national law behind 6(1)(c)/(e);
    ``interests`` states the legitimate interests pursued under 6(1)(f) (Art. 13(1)(d)).
    """

    text: str | None = attrs.field(default=None, validator=optional_text)
    article: LawfulBasis | None = attrs.field(default=None, validator=optional_enum(LawfulBasis))
    law: str | None = attrs.field(default=None, validator=optional_text)
    interests: str | None = attrs.field(default=None, validator=optional_text)
    # True: the notice itself cites the article; False: the encoder inferred it; None: unsaid.
    cited: bool | None = None
    # Subject-category ids the basis is stated for ("customers: contract"); empty: all.
    subjects: tuple[str, ...] = attrs.field(default=(), validator=ids)

    def __attrs_post_init__(self) -> None:
        if self.text is None and self.article is None:
            raise ValueError("a stated basis needs `text` (as stated), `article`, or both")


@attrs.frozen(kw_only=True)
class SpecialCondition:
    """An Art. 9(2) condition for processing special-category data, as stated."""

    text: str | None = attrs.field(default=None, validator=optional_text)
    article: SpecialCategoryCondition | None = attrs.field(
        default=None, validator=optional_enum(SpecialCategoryCondition)
    )
    law: str | None = attrs.field(default=None, validator=optional_text)
    cited: bool | None = None  # as on StatedBasis

    def __attrs_post_init__(self) -> None:
        if self.text is None and self.article is None:
            raise ValueError("a special-category condition needs `text`, `article`, or both")


@attrs.frozen(kw_only=True)
class Purpose:
    """One purpose of processing, with the bases mapped to it (empty: only pooled bases)."""

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text)
    description: str | None = attrs.field(default=None, validator=optional_text)
    kinds: tuple[PurposeKind, ...] = attrs.field(default=(), validator=enum_tuple(PurposeKind))
    bases: tuple[StatedBasis, ...] = ()
    special_conditions: tuple[SpecialCondition, ...] = ()
    # Data categories used for this purpose; empty means "the register's categories".
    categories: tuple[str, ...] = attrs.field(default=(), validator=ids)

    @property
    def is_direct_marketing(self) -> bool:
        return PurposeKind.DIRECT_MARKETING in self.kinds
