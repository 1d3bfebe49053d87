"""Recipients and transfers to third countries, as a notice states them."""


from datetime import date
from typing import Any

import attrs

from gdpr_register.model._validators import ModelValueError, identifier, optional_text, text
from gdpr_register.model.countries import UNKNOWN_COUNTRY, is_country_code
from gdpr_register.model.enums import (
    RecipientRole,
    Region,
    TransferDerogation,
    TransferMechanism,
)
from gdpr_register.model.values import PartialDate, to_optional_date, to_optional_partial_date

__all__ = ["Recipient", "Transfer"]

_ids = attrs.validators.deep_iterable(identifier)


def _enum_tuple(enum_type: type) -> Any:
    return attrs.validators.deep_iterable(attrs.validators.instance_of(enum_type))


def _optional(enum_type: type) -> Any:
    return attrs.validators.optional(attrs.validators.instance_of(enum_type))


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
    # A partial date keeps the precision stated: "until 4/2022" is ``2022-04``.
    valid_until: PartialDate | None = attrs.field(
        default=None, converter=to_optional_partial_date
    )
    # The essence of the Art. 26 arrangement, for joint controllers.
    arrangement: str | None = attrs.field(default=None, validator=optional_text)
    # The law behind a disclosure (to an authority, under a statutory duty), as stated.
    law: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until.latest() < self.valid_from:
            raise ModelValueError(
                "valid_until",
                f"{self.valid_until} is before valid_from {self.valid_from}",
            )

    def active_on(self, day: date) -> bool:
        """Whether it receives data on ``day``: from ``valid_from`` to the last day of
        ``valid_until`` (a month-only "until 2022-04" includes 30 April)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until.latest()
        )


@attrs.frozen(kw_only=True)
class Transfer:
    """A transfer to a third country or international organisation, as stated and normalised."""

    recipient: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(identifier)
    )
    # An ISO code, or "unknown" (also when only a ``region`` is named).
    country: str = attrs.field(default=UNKNOWN_COUNTRY, validator=_destination)
    # "within the EU", "outside the EEA" (country not named), "EU/global".
    region: Region | None = attrs.field(default=None, validator=_optional(Region))
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
    # Further mechanisms offered as a set ("SCCs, BCRs or another approved mechanism"): the
    # transfer is lawful if any one of ``mechanism`` and these is valid.
    alternatives: tuple[TransferMechanism, ...] = attrs.field(
        default=(), validator=_enum_tuple(TransferMechanism)
    )
    # "may be transferred", "in the event that we transfer": a possible transfer.
    possible: bool = False

    def __attrs_post_init__(self) -> None:
        if self.derogation is not None and self.mechanism is not TransferMechanism.DEROGATION:
            raise ModelValueError(
                "derogation",
                f"a derogation needs mechanism {TransferMechanism.DEROGATION.value!r}, "
                f"not {self.mechanism.value!r}",
            )
