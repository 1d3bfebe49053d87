"""The rights a register's notice states and how data subjects exercise them."""


import attrs

from gdpr_register.model._validators import ModelValueError, optional_enum, optional_text
from gdpr_register.model.enums import (
    IdentityCheck,
    RequestCharge,
    RightCondition,
    RightKind,
    RightStatus,
)
from gdpr_register.model.values import Channel, Duration

__all__ = ["RequestProcedure", "StatedRight"]


@attrs.frozen(kw_only=True)
class RequestProcedure:
    """How data subjects exercise their rights: channels and the identity check."""

    channels: tuple[Channel, ...] = ()
    identity_check: IdentityCheck = attrs.field(
        default=IdentityCheck.NOT_STATED, validator=attrs.validators.instance_of(IdentityCheck)
    )
    text: str | None = attrs.field(default=None, validator=optional_text)
    # The stated time to answer ("within one month").
    response_time: Duration | None = None
    charge: RequestCharge | None = attrs.field(default=None, validator=optional_enum(RequestCharge))


@attrs.frozen(kw_only=True)
class StatedRight:
    """A right as the notice states it: granted, conditional (with the condition) or denied."""

    right: RightKind = attrs.field(validator=attrs.validators.instance_of(RightKind))
    status: RightStatus = attrs.field(
        default=RightStatus.GRANTED, validator=attrs.validators.instance_of(RightStatus)
    )
    condition: str | None = attrs.field(default=None, validator=optional_text)
    # The condition normalised (None: not normalised).
    condition_kind: RightCondition | None = attrs.field(
        default=None, validator=optional_enum(RightCondition)
    )
    reason: str | None = attrs.field(default=None, validator=optional_text)
    text: str | None = attrs.field(default=None, validator=optional_text)
    procedure: RequestProcedure | None = None
    # Art. 21(4): presented clearly and separately from other information.
    presented_separately: bool = False

    def __attrs_post_init__(self) -> None:
        if self.status is RightStatus.CONDITIONAL and self.condition is None:
            raise ModelValueError(
                "condition", "a conditional right (status: conditional) needs `condition`"
            )
