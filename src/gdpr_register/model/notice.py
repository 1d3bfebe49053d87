"""The notice: a controller and the registers it describes."""

from __future__ import annotations

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
from gdpr_register.model.countries import is_country_code
from gdpr_register.model.enums import DpoStatus, NoticeKind
from gdpr_register.model.register import Register
from gdpr_register.model.values import (
    BusinessId,
    ContactPoint,
    MonthDay,
    PostalAddress,
    to_optional_date,
)

__all__ = [
    "Controller",
    "DpoStatement",
    "Notice",
    "Party",
    "SupervisoryAuthority",
    "Waiver",
]


@attrs.frozen(kw_only=True)
class Party:
    """Another organisation named in a notice: an Art. 27 representative, a joint controller."""

    name: str = attrs.field(validator=text)
    business_id: BusinessId | None = None
    address: PostalAddress | None = None
    contact: ContactPoint | None = None


@attrs.frozen(kw_only=True)
class DpoStatement:
    """What the notice says about a data protection officer."""

    status: DpoStatus = attrs.field(
        default=DpoStatus.NOT_STATED, validator=attrs.validators.instance_of(DpoStatus)
    )
    contact: ContactPoint | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is not DpoStatus.APPOINTED and self.contact is not None:
            raise ModelValueError(
                "contact", f"DPO contact details given, but status is {self.status.value!r}"
            )


def _country(_instance: object, attribute: Any, value: str | None) -> None:
    if value is not None and not is_country_code(value):
        raise ModelValueError(
            attribute.name, f"{value!r} is not an ISO 3166-1 alpha-2 country code"
        )


def _non_negative(_instance: object, attribute: Any, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelValueError(attribute.name, "expected an integer")
    if value < 0:
        raise ModelValueError(attribute.name, "must not be negative")


@attrs.frozen(kw_only=True)
class Controller:
    """The controller: identity, contacts, DPO, representative and facts rules need."""

    name: str = attrs.field(validator=text)
    short_name: str | None = attrs.field(default=None, validator=optional_text)
    business_id: BusinessId | None = None
    address: PostalAddress | None = None
    phone: str | None = attrs.field(default=None, validator=optional_text)
    email: str | None = attrs.field(default=None, validator=optional_text)
    website: str | None = attrs.field(default=None, validator=optional_text)
    # Member State of the main establishment: its holidays count in Art. 12(3) deadlines.
    country: str | None = attrs.field(default=None, validator=_country)
    representative: Party | None = None  # Art. 27
    dpo: DpoStatement = DpoStatement()
    employees: int | None = attrs.field(default=None, validator=_non_negative)
    public_authority: bool = False
    # Default 12-31 (calendar year) applies when None.
    financial_year_end: MonthDay | None = None

    @property
    def member_state(self) -> str | None:
        """The country whose calendar governs deadlines: ``country``, else the address's."""
        if self.country is not None:
            return self.country
        return self.address.country if self.address is not None else None


@attrs.frozen(kw_only=True)
class SupervisoryAuthority:
    name: str = attrs.field(validator=text)
    country: str | None = attrs.field(default=None, validator=_country)
    website: str | None = attrs.field(default=None, validator=optional_text)
    contact: ContactPoint | None = None


@attrs.frozen(kw_only=True)
class Waiver:
    """An acknowledged finding: reported as waived, never hidden; expires on ``expires``."""

    rule: str = attrs.field(validator=identifier)
    justification: str = attrs.field(validator=text)
    path: str | None = attrs.field(default=None, validator=optional_text)
    expires: date | None = attrs.field(default=None, converter=to_optional_date)
    acknowledged_by: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Notice:
    """A privacy notice, register description or Art. 30 record, as written."""

    id: str = attrs.field(validator=identifier)
    title: str = attrs.field(validator=text)
    kind: NoticeKind = attrs.field(
        default=NoticeKind.PRIVACY_NOTICE, validator=attrs.validators.instance_of(NoticeKind)
    )
    language: str = attrs.field(default="en", validator=text)
    updated: date | None = attrs.field(default=None, converter=to_optional_date)
    version: str | None = attrs.field(default=None, validator=optional_text)
    source: str | None = attrs.field(default=None, validator=optional_text)
    controller: Controller
    joint_controllers: tuple[Party, ...] = ()
    contact_points: tuple[ContactPoint, ...] = ()
    registers: tuple[Register, ...] = ()
    supervisory_authority: SupervisoryAuthority | None = None
    # Laws the notice cites as its framework, as written (e.g. "Henkilötietolaki 523/1999").
    cited_laws: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(text)
    )
    waivers: tuple[Waiver, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.registers:
            raise ModelValueError("registers", "a notice describes at least one register")
        check_unique(self.registers, lambda r: r.id, "registers", "register id")
        check_unique(
            self.registers, lambda r: r.name.strip().casefold(), "registers", "register name"
        )

    def register(self, register_id: str) -> Register:
        for register in self.registers:
            if register.id == register_id:
                return register
        raise KeyError(register_id)
