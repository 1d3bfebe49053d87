"""Sample values for the storage contract suite (re-exported by ``testing.contract``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from gdpr_register.model import (
    Controller,
    DataCategory,
    Duration,
    DurationUnit,
    Notice,
    Register,
    RetentionKind,
    RetentionRule,
    SubjectEvent,
    Transfer,
    TransferMechanism,
    Trigger,
    TriggerKind,
)

__all__ = ["HOSTILE_SUBJECTS", "ev", "is_utc", "sample_notice", "sample_register"]


#: Subject keys that break naive SQL or C strings; a store must return them exactly.
HOSTILE_SUBJECTS = (
    "o'brien",
    'say "hi"',
    "x'); DROP TABLE events; --",
    "semi;colon;;",
    "nul\x00byte",
    "\x00",
    "back\\slash %s %% ? :name $1",
    "äöå 🦊 \u202e rtl",
    "k" * 1000,
)


def sample_register(mechanism: TransferMechanism = TransferMechanism.PRIVACY_SHIELD) -> Register:
    """A small register: contact details kept 5 years after the last service contact."""
    return Register(
        id="customers",
        name="Customers",
        data_categories=(DataCategory(id="contact", name="Contact details"),),
        transfers=(Transfer(country="US", mechanism=mechanism),),
        retention=(
            RetentionRule(
                text="5 years after the last service contact",
                kind=RetentionKind.PERIOD,
                categories=("contact",),
                period=Duration(amount=5, unit=DurationUnit.YEARS),
                trigger=Trigger(kind=TriggerKind.LAST_CONTACT, events=("service_contact",)),
            ),
        ),
    )


def sample_notice(
    notice_id: str = "acme", mechanism: TransferMechanism = TransferMechanism.PRIVACY_SHIELD
) -> Notice:
    return Notice(
        id=notice_id,
        title="Acme privacy notice",
        controller=Controller(name="Acme Oy"),
        registers=(sample_register(mechanism),),
    )


def ev(subject: str, kind: str, on: date, details: str | None = None) -> SubjectEvent:
    return SubjectEvent(subject=subject, kind=kind, on=on, details=details)


def is_utc(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() == timedelta(0)
