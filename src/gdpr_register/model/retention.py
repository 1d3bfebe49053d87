"""Retention rules as a notice states them: periods, triggers, holds, alternatives."""


from typing import Any

import attrs

from gdpr_register.model._validators import ModelValueError, identifier, optional_text, text
from gdpr_register.model.enums import RetentionEnd, RetentionKind, TriggerKind
from gdpr_register.model.values import Duration

__all__ = ["RetentionRule", "Trigger"]

_ids = attrs.validators.deep_iterable(identifier)


def _optional(enum_type: type) -> Any:
    return attrs.validators.optional(attrs.validators.instance_of(enum_type))


@attrs.frozen(kw_only=True)
class Trigger:
    """The event a retention period runs from.

    ``events`` names the host application's event kinds that count (for ``last-contact`` the
    contacts: ``service_contact``, ``enquiry``; for ``named-event`` the event itself). A
    ``last-contact`` trigger may leave them out when the notice does not say which contacts
    count (the retention engine then reports the period undetermined, saying why).
    ``year_end``: the period runs from the end of the calendar year in which the event
    happened ("deleted at the end of the year following the end of the relationship").
    """

    kind: TriggerKind = attrs.field(validator=attrs.validators.instance_of(TriggerKind))
    events: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    year_end: bool = False

    def __attrs_post_init__(self) -> None:
        if self.kind is TriggerKind.NAMED_EVENT and not self.events:
            raise ModelValueError(
                "events",
                f"a {self.kind.value!r} trigger needs `events` (the event kinds it counts)",
            )


@attrs.frozen(kw_only=True)
class RetentionRule:
    """A retention rule, always with its text as stated.

    ``categories`` empty: the rule covers the whole register; ``subjects`` empty: every group
    of data subjects (else the subject-category ids it is stated for). ``kind`` says how it is
    expressed; a ``period`` or ``statutory-hold`` rule may still lack a computable period when
    the notice is vague (rules flag that; the retention engine reports it undetermined). A
    period may be stated without a trigger ("10 years"), and a trigger without a period
    ("until the contract ends").

    ``alternatives``: further periods the notice offers ("2 years after A or 3 years after
    B"), each a rule of its own; ``ends`` says whether the first or the last of them to end
    ends the retention (None: the notice does not say).
    """

    text: str = attrs.field(validator=text)
    kind: RetentionKind = attrs.field(validator=attrs.validators.instance_of(RetentionKind))
    categories: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    subjects: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    period: Duration | None = None
    trigger: Trigger | None = None
    # "at least 7 hours": the shortest time kept (a minimum is no erasure deadline).
    minimum: Duration | None = None
    # The period is stated as an upper bound ("at most 10 years", "no longer than").
    maximum_only: bool = False
    alternatives: "tuple[RetentionRule, ...]" = ()
    ends: RetentionEnd | None = attrs.field(default=None, validator=_optional(RetentionEnd))
    condition: str | None = attrs.field(default=None, validator=optional_text)  # "as long as X"
    statute: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(identifier)
    )  # an id in the statute table, e.g. FI_KPL_2_10_SHORT
    # The legal reference as stated: a statute, a court precedent or a contract.
    law: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.kind is RetentionKind.WHILE and self.condition is None:
            raise ModelValueError(
                "condition", "an 'as long as' rule (kind: while) needs `condition`"
            )
        if self.kind is RetentionKind.INDEFINITE and self.period is not None:
            raise ModelValueError(
                "period", "an indefinite rule has no period (use kind: period for one)"
            )
        if self.ends is not None and not self.alternatives:
            raise ModelValueError(
                "ends", "`ends` says which alternative ends it: add `alternatives`"
            )
