"""A register (or one processing activity) as a notice describes it, defects included.

Structural nonsense is rejected here (unknown cross-references, duplicate ids, an end before a
start); legal incompleteness is not: a purpose without a GDPR basis, a transfer with no
mechanism and a vague retention rule are all representable, so that rules can flag them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs

from gdpr_register.model._validators import (
    ModelValueError,
    check_unique,
    identifier,
    optional_text,
    text,
)
from gdpr_register.model.countries import UNKNOWN_COUNTRY, is_country_code
from gdpr_register.model.enums import (
    EntryKind,
    IdentityCheck,
    LawfulBasis,
    ProvisionRequirement,
    PurposeKind,
    RecipientRole,
    RetentionKind,
    RightKind,
    RightStatus,
    SecurityKind,
    SourceKind,
    SpecialCategory,
    SpecialCategoryCondition,
    TransferDerogation,
    TransferMechanism,
    TriggerKind,
)
from gdpr_register.model.values import Channel, Duration, to_optional_date

__all__ = [
    "AutomatedDecisions",
    "DataCategory",
    "Provision",
    "Purpose",
    "Recipient",
    "Register",
    "RequestProcedure",
    "RetentionRule",
    "SecurityMeasure",
    "Source",
    "SpecialCondition",
    "StatedBasis",
    "StatedRight",
    "SubjectCategory",
    "Transfer",
    "Trigger",
]

_ids = attrs.validators.deep_iterable(identifier)


def _enum_tuple(enum_type: type) -> Any:
    return attrs.validators.deep_iterable(attrs.validators.instance_of(enum_type))


def _optional(enum_type: type) -> Any:
    return attrs.validators.optional(attrs.validators.instance_of(enum_type))


@attrs.frozen(kw_only=True)
class StatedBasis:
    """A lawful basis as the notice states it.

    ``text`` is the wording as written; ``article`` the Art. 6(1) point it normalises to, or
    None when the wording is no GDPR basis at all (the seed's "customer relationship, assignment,
    consent or other appropriate connection"). ``law`` names the national law behind 6(1)(c)/(e);
    ``interests`` states the legitimate interests pursued under 6(1)(f) (Art. 13(1)(d)).
    """

    text: str | None = attrs.field(default=None, validator=optional_text)
    article: LawfulBasis | None = attrs.field(default=None, validator=_optional(LawfulBasis))
    law: str | None = attrs.field(default=None, validator=optional_text)
    interests: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.text is None and self.article is None:
            raise ValueError("a stated basis needs its text as stated, an article, or both")


@attrs.frozen(kw_only=True)
class SpecialCondition:
    """An Art. 9(2) condition for processing special-category data, as stated."""

    text: str | None = attrs.field(default=None, validator=optional_text)
    article: SpecialCategoryCondition | None = attrs.field(
        default=None, validator=_optional(SpecialCategoryCondition)
    )
    law: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.text is None and self.article is None:
            raise ValueError("a special-category condition needs its text, an article, or both")


@attrs.frozen(kw_only=True)
class Purpose:
    """One purpose of processing, with the bases mapped to it (empty: only pooled bases)."""

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text)
    description: str | None = attrs.field(default=None, validator=optional_text)
    kinds: tuple[PurposeKind, ...] = attrs.field(default=(), validator=_enum_tuple(PurposeKind))
    bases: tuple[StatedBasis, ...] = ()
    special_conditions: tuple[SpecialCondition, ...] = ()
    # Data categories used for this purpose; empty means "the register's categories".
    categories: tuple[str, ...] = attrs.field(default=(), validator=_ids)

    @property
    def is_direct_marketing(self) -> bool:
        return PurposeKind.DIRECT_MARKETING in self.kinds


@attrs.frozen(kw_only=True)
class SubjectCategory:
    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text)
    description: str | None = attrs.field(default=None, validator=optional_text)
    includes_children: bool = False


@attrs.frozen(kw_only=True)
class DataCategory:
    """A category of personal data; ``special`` flags Art. 9, ``criminal`` Art. 10 data."""

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text)
    description: str | None = attrs.field(default=None, validator=optional_text)
    special: SpecialCategory | None = attrs.field(
        default=None, validator=_optional(SpecialCategory)
    )
    criminal: bool = False
    # Kinds of statutory record the category holds (``accounting-voucher``,
    # ``accounting-books``, ``employment-record``): statutes that oblige keeping such records
    # apply to this category only (the Finnish DPA's decision 4359/163/2018).
    material: tuple[str, ...] = attrs.field(default=(), validator=_ids)


@attrs.frozen(kw_only=True)
class Source:
    """Where data come from; ``categories`` empty means not stated per category."""

    id: str = attrs.field(validator=identifier)
    kind: SourceKind = attrs.field(validator=attrs.validators.instance_of(SourceKind))
    name: str | None = attrs.field(default=None, validator=optional_text)
    description: str | None = attrs.field(default=None, validator=optional_text)
    publicly_accessible: bool = False
    categories: tuple[str, ...] = attrs.field(default=(), validator=_ids)


def _destination(_instance: object, attribute: Any, value: Any) -> None:
    if value is None or value == UNKNOWN_COUNTRY or is_country_code(value):
        return
    raise ModelValueError(
        attribute.name,
        f"{value!r} is not an ISO 3166-1 alpha-2 country code or {UNKNOWN_COUNTRY!r}",
    )


@attrs.frozen(kw_only=True)
class Recipient:
    """A recipient or category of recipients (processors are recipients too, Art. 4(9))."""

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text)
    role: RecipientRole = attrs.field(validator=attrs.validators.instance_of(RecipientRole))
    description: str | None = attrs.field(default=None, validator=optional_text)
    is_category: bool = False  # "accounting firms" rather than one named organisation
    country: str | None = attrs.field(default=None, validator=_destination)
    # On the EU-US Data Privacy Framework List (None: not stated).
    dpf_certified: bool | None = None
    categories: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    valid_from: date | None = attrs.field(default=None, converter=to_optional_date)
    valid_until: date | None = attrs.field(default=None, converter=to_optional_date)
    # The essence of the Art. 26 arrangement, for joint controllers.
    arrangement: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ModelValueError(
                "valid_until",
                f"{self.valid_until} is before valid_from {self.valid_from}",
            )

    def active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@attrs.frozen(kw_only=True)
class Transfer:
    """A transfer to a third country or international organisation, as stated and normalised."""

    recipient: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(identifier)
    )
    country: str = attrs.field(validator=_destination)
    mechanism: TransferMechanism = attrs.field(
        default=TransferMechanism.NONE_STATED,
        validator=attrs.validators.instance_of(TransferMechanism),
    )
    mechanism_text: str | None = attrs.field(default=None, validator=optional_text)
    derogation: TransferDerogation | None = attrs.field(
        default=None, validator=_optional(TransferDerogation)
    )
    # How the data subject can obtain a copy of the safeguards (Art. 13(1)(f)).
    copy_available: str | None = attrs.field(default=None, validator=optional_text)
    # A second mechanism to fall back on (the catalogue asks SCCs behind the DPF).
    fallback: TransferMechanism | None = attrs.field(
        default=None, validator=_optional(TransferMechanism)
    )
    # When the transfer contract was concluded (old SCCs were grandfathered by that date).
    concluded: date | None = attrs.field(default=None, converter=to_optional_date)
    international_organisation: str | None = attrs.field(default=None, validator=optional_text)
    description: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.derogation is not None and self.mechanism is not TransferMechanism.DEROGATION:
            raise ModelValueError(
                "derogation",
                f"a derogation needs mechanism {TransferMechanism.DEROGATION.value!r}, "
                f"not {self.mechanism.value!r}",
            )


@attrs.frozen(kw_only=True)
class Trigger:
    """The event a retention period runs from.

    ``events`` names the host application's event kinds that count (for ``last-contact`` the
    contacts: ``service_contact``, ``enquiry``; for ``named-event`` the event itself).
    """

    kind: TriggerKind = attrs.field(validator=attrs.validators.instance_of(TriggerKind))
    events: tuple[str, ...] = attrs.field(default=(), validator=_ids)

    def __attrs_post_init__(self) -> None:
        if self.kind in (TriggerKind.LAST_CONTACT, TriggerKind.NAMED_EVENT) and not self.events:
            raise ModelValueError(
                "events", f"a {self.kind.value!r} trigger must name the event kinds it counts"
            )


@attrs.frozen(kw_only=True)
class RetentionRule:
    """A retention rule, always with its text as stated.

    ``categories`` empty: the rule covers the whole register. ``kind`` says how it is
    expressed; a ``period`` or ``statutory-hold`` rule may still lack a computable period when
    the notice is vague (rules flag that; the retention engine reports it undetermined).
    """

    text: str = attrs.field(validator=text)
    kind: RetentionKind = attrs.field(validator=attrs.validators.instance_of(RetentionKind))
    categories: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    period: Duration | None = None
    trigger: Trigger | None = None
    condition: str | None = attrs.field(default=None, validator=optional_text)  # "as long as X"
    statute: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(identifier)
    )  # an id in the statute table, e.g. FI_KPL_2_10_SHORT
    law: str | None = attrs.field(default=None, validator=optional_text)  # citation as stated

    def __attrs_post_init__(self) -> None:
        if self.kind is RetentionKind.WHILE and self.condition is None:
            raise ModelValueError("condition", "an 'as long as' rule needs its condition")
        if (self.period is None) != (self.trigger is None) and self.statute is None:
            missing = "trigger" if self.trigger is None else "period"
            raise ModelValueError(
                missing, f"a period and a trigger go together; {missing} is missing"
            )


@attrs.frozen(kw_only=True)
class SecurityMeasure:
    kind: SecurityKind = attrs.field(validator=attrs.validators.instance_of(SecurityKind))
    text: str = attrs.field(validator=text)


@attrs.frozen(kw_only=True)
class AutomatedDecisions:
    """The notice's statement on automated decision-making and profiling (Art. 13(2)(f))."""

    automated_decisions: bool
    profiling: bool
    text: str | None = attrs.field(default=None, validator=optional_text)
    logic: str | None = attrs.field(default=None, validator=optional_text)
    significance: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class RequestProcedure:
    """How data subjects exercise their rights: channels and the identity check."""

    channels: tuple[Channel, ...] = ()
    identity_check: IdentityCheck = attrs.field(
        default=IdentityCheck.NOT_STATED, validator=attrs.validators.instance_of(IdentityCheck)
    )
    text: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class StatedRight:
    """A right as the notice states it: granted, conditional (with the condition) or denied."""

    right: RightKind = attrs.field(validator=attrs.validators.instance_of(RightKind))
    status: RightStatus = attrs.field(
        default=RightStatus.GRANTED, validator=attrs.validators.instance_of(RightStatus)
    )
    condition: str | None = attrs.field(default=None, validator=optional_text)
    reason: str | None = attrs.field(default=None, validator=optional_text)
    text: str | None = attrs.field(default=None, validator=optional_text)
    procedure: RequestProcedure | None = None
    # Art. 21(4): presented clearly and separately from other information.
    presented_separately: bool = False

    def __attrs_post_init__(self) -> None:
        if self.status is RightStatus.CONDITIONAL and self.condition is None:
            raise ModelValueError("condition", "a conditional right needs its condition")


@attrs.frozen(kw_only=True)
class Provision:
    """Art. 13(2)(e): whether providing the data is required, and the consequences of not."""

    requirement: ProvisionRequirement = attrs.field(
        validator=attrs.validators.instance_of(ProvisionRequirement)
    )
    obliged: bool | None = None
    consequences: str | None = attrs.field(default=None, validator=optional_text)
    text: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Register:
    """A personal-data register or one processing activity."""

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=text)
    kind: EntryKind = attrs.field(
        default=EntryKind.REGISTER, validator=attrs.validators.instance_of(EntryKind)
    )
    description: str | None = attrs.field(default=None, validator=optional_text)
    purposes: tuple[Purpose, ...] = ()
    # Bases stated for the register as a whole, not mapped to any purpose.
    pooled_bases: tuple[StatedBasis, ...] = ()
    data_subjects: tuple[SubjectCategory, ...] = ()
    data_categories: tuple[DataCategory, ...] = ()
    sources: tuple[Source, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    retention: tuple[RetentionRule, ...] = ()
    security: tuple[SecurityMeasure, ...] = ()
    automated_decisions: AutomatedDecisions | None = None
    rights: tuple[StatedRight, ...] = ()
    request_procedure: RequestProcedure | None = None
    provision: Provision | None = None
    # Processing by automated means (Art. 20(1)(b)); None: not stated.
    automated_processing: bool | None = None
    # Art. 30(5) counter-exceptions and Art. 37(1) triggers, as assessed by the controller.
    occasional: bool | None = None
    likely_risk: bool | None = None
    large_scale: bool | None = None
    systematic_monitoring: bool | None = None
    # Whether the controller keeps an Art. 30 record for this register (None: not stated).
    record_kept: bool | None = None

    def __attrs_post_init__(self) -> None:
        check_unique(self.purposes, lambda p: p.id, "purposes", "purpose id")
        check_unique(self.data_subjects, lambda s: s.id, "data_subjects", "subject category id")
        check_unique(self.data_categories, lambda c: c.id, "data_categories", "data category id")
        check_unique(self.sources, lambda s: s.id, "sources", "source id")
        check_unique(self.recipients, lambda r: r.id, "recipients", "recipient id")
        check_unique(self.rights, lambda r: r.right, "rights", "right")
        categories = {c.id for c in self.data_categories}
        recipients = {r.id for r in self.recipients}
        for path, ref in self._category_refs():
            if ref not in categories:
                raise ModelValueError(path, _unknown("data category", ref, categories))
        for index, transfer in enumerate(self.transfers):
            if transfer.recipient is not None and transfer.recipient not in recipients:
                raise ModelValueError(
                    f"transfers[{index}].recipient",
                    _unknown("recipient", transfer.recipient, recipients),
                )

    def _category_refs(self) -> Iterator[tuple[str, str]]:
        referring: dict[str, list[tuple[str, ...]]] = {
            "purposes": [p.categories for p in self.purposes],
            "sources": [s.categories for s in self.sources],
            "recipients": [r.categories for r in self.recipients],
            "retention": [r.categories for r in self.retention],
        }
        for field, lists in referring.items():
            for i, refs in enumerate(lists):
                for j, ref in enumerate(refs):
                    yield f"{field}[{i}].categories[{j}]", ref

    # Convenience views used by rules, retention and rights.
    def category(self, category_id: str) -> DataCategory:
        for category in self.data_categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def recipient(self, recipient_id: str) -> Recipient:
        for recipient in self.recipients:
            if recipient.id == recipient_id:
                return recipient
        raise KeyError(recipient_id)

    def stated_right(self, right: RightKind) -> StatedRight | None:
        return next((r for r in self.rights if r.right is right), None)

    def bases_for(self, purpose: Purpose) -> tuple[StatedBasis, ...]:
        """The bases that apply to a purpose: those mapped to it plus the pooled ones."""
        return purpose.bases + self.pooled_bases

    def articles(self) -> frozenset[LawfulBasis]:
        """Every Art. 6(1) point stated anywhere in the register."""
        found = {b.article for b in self.pooled_bases if b.article is not None}
        for purpose in self.purposes:
            found.update(b.article for b in purpose.bases if b.article is not None)
        return frozenset(found)


def _unknown(what: str, ref: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(ref, sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(sorted(known)) or "none defined"
    return f"unknown {what} {ref!r} (defined: {listed}){hint}"
