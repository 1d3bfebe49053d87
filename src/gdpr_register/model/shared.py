"""Statements a notice makes once for all its registers, and how registers inherit them.

A notice organised per processing activity often states rights, the request procedure, data
subjects or the automated-decision statement once. Its ``shared`` block holds them; each
register takes what it does not state itself (an empty list, an absent value) unless it marks
that section itself (``none``, ``coverage``). Inheritance is resolved when the notice is built,
so readers keep reading ``register.rights``; ``register.inherited`` names the fields taken.
"""


from types import SimpleNamespace
from typing import Any

import attrs

from gdpr_register.model._sections import check_none, section_order, states
from gdpr_register.model._validators import text
from gdpr_register.model.enums import Section
from gdpr_register.model.register import (
    SECTION_FIELDS,
    AutomatedDecisions,
    DataCategory,
    Provision,
    Recipient,
    Register,
    RequestProcedure,
    SecurityMeasure,
    Source,
    StatedRight,
    SubjectCategory,
    Transfer,
)
from gdpr_register.model.retention import RetentionRule

__all__ = ["SHARED_FIELDS", "SharedStatements", "resolve_register"]


@attrs.frozen(kw_only=True)
class SharedStatements:
    """Statements made once for every register of the notice (document key ``shared``).

    ``none`` lists sections the notice says there is none of, for every register that does
    not state them itself.
    """

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
    consents: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(text)
    )
    none: tuple[Section, ...] = attrs.field(
        default=(),
        converter=section_order,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(Section)),
    )

    def __attrs_post_init__(self) -> None:
        check_none(self, None, register_level=False)  # its coverage is the notice's

    def states(self, section: Section) -> bool:
        return states(self, section)


# Shared fields in document order; each maps to its section (consents has none).
SHARED_FIELDS: tuple[str, ...] = tuple(
    a.name for a in attrs.fields(SharedStatements) if a.name != "none"
)
_FIELD_SECTIONS = {field: section for section, field in SECTION_FIELDS.items()}


def _empty(value: Any) -> bool:
    return value is None or value == ()


_CONTENT_FIELDS = ("purposes", "pooled_bases", *SECTION_FIELDS.values())


def _would_state(register: Register, field: str, offered: Any, marks: set[Section]) -> bool:
    """Whether taking ``offered`` would state a section the register marks itself (shared
    categories with special data, under the register's ``none: [special-categories]``)."""
    probe = SimpleNamespace(**{name: getattr(register, name) for name in _CONTENT_FIELDS})
    setattr(probe, field, offered)
    return any(states(probe, section) for section in marks)


def resolve_register(register: Register, shared: SharedStatements | None) -> Register:
    """``register`` with what it does not state taken from ``shared`` (idempotent)."""
    own_marks = set(register.none)
    if register.coverage is not None:
        own_marks |= register.coverage.sections
    changes: dict[str, Any] = {}
    inherited: set[str] = set()
    for field in SHARED_FIELDS:
        current = getattr(register, field)
        was_inherited = field in register.inherited
        offered = getattr(shared, field) if shared is not None else None
        section = _FIELD_SECTIONS.get(field)
        takes = (
            not _empty(offered)
            and (was_inherited or _empty(current))
            and (section is None or section not in own_marks)
            and not _would_state(register, field, offered, own_marks)
        )
        if takes:
            inherited.add(field)
            if current != offered:
                changes[field] = offered
        elif was_inherited:  # the shared block no longer offers it: back to not stated
            changes[field] = attrs.fields_dict(Register)[field].default
    if not changes and frozenset(inherited) == register.inherited:
        return register
    resolved = attrs.evolve(register, **changes) if changes else register
    if resolved is register:
        resolved = attrs.evolve(register)
    object.__setattr__(resolved, "inherited", frozenset(inherited))
    return resolved
