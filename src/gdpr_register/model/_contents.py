"""What a register processes and how: subjects, data categories, sources, security,
automated decisions and the Art. 13(2)(e) provision statement."""


import attrs

from gdpr_register.model._validators import identifier, ids, optional_enum, optional_text, text
from gdpr_register.model.enums import (
    DataOrigin,
    ProvisionRequirement,
    SecurityKind,
    SourceKind,
    SpecialCategory,
)

__all__ = [
    "AutomatedDecisions",
    "DataCategory",
    "Provision",
    "SecurityMeasure",
    "Source",
    "SubjectCategory",
]


@attrs.frozen(kw_only=True)
class SubjectCategory:
    """A category of data subjects in a register (customers, employees...);
    ``includes_children`` is None when the notice does not say."""

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text)
    description: str | None = attrs.field(default=None, validator=optional_text)
    includes_children: bool | None = None  # None: not stated


@attrs.frozen(kw_only=True)
class DataCategory:
    """A category of personal data; ``special`` flags Art. 9, ``criminal`` Art. 10 data."""

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text)
    description: str | None = attrs.field(default=None, validator=optional_text)
    special: SpecialCategory | None = attrs.field(
        default=None, validator=optional_enum(SpecialCategory)
    )
    criminal: bool = False
    # Kinds of statutory record the category holds (``accounting-voucher``,
    # ``accounting-books``, ``employment-record``): statutes that oblige keeping such records
    # apply to this category only (the Finnish DPA's decision 4359/163/2018).
    material: tuple[str, ...] = attrs.field(default=(), validator=ids)
    # A national identification number (henkilötunnus, personnummer): Art. 87.
    national_id: bool = False
    # Art. 13(2)(e) per category: which items are mandatory, which optional.
    provision: ProvisionRequirement | None = attrs.field(
        default=None, validator=optional_enum(ProvisionRequirement)
    )
    # How the controller obtained the data (None: not stated; never assume "provided").
    origin: DataOrigin | None = attrs.field(default=None, validator=optional_enum(DataOrigin))


@attrs.frozen(kw_only=True)
class Source:
    """Where data come from; ``categories`` empty means not stated per category."""

    id: str = attrs.field(validator=identifier)
    kind: SourceKind = attrs.field(validator=attrs.validators.instance_of(SourceKind))
    name: str | None = attrs.field(default=None, validator=optional_text)
    description: str | None = attrs.field(default=None, validator=optional_text)
    publicly_accessible: bool = False
    categories: tuple[str, ...] = attrs.field(default=(), validator=ids)


@attrs.frozen(kw_only=True)
class SecurityMeasure:
    """One security measure the notice states (Art. 32), with its ``SecurityKind``."""

    kind: SecurityKind = attrs.field(validator=attrs.validators.instance_of(SecurityKind))
    text: str = attrs.field(validator=text)


@attrs.frozen(kw_only=True)
class AutomatedDecisions:
    """The notice's statement on automated decision-making and profiling (Art. 13(2)(f))."""

    # None: the notice does not say (never read as the worse value).
    automated_decisions: bool | None = None
    profiling: bool | None = None
    text: str | None = attrs.field(default=None, validator=optional_text)
    logic: str | None = attrs.field(default=None, validator=optional_text)
    significance: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Provision:
    """Art. 13(2)(e): whether providing the data is required, and the consequences of not."""

    requirement: ProvisionRequirement = attrs.field(
        validator=attrs.validators.instance_of(ProvisionRequirement)
    )
    obliged: bool | None = None
    consequences: str | None = attrs.field(default=None, validator=optional_text)
    text: str | None = attrs.field(default=None, validator=optional_text)
