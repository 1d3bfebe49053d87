"""Sections of a notice: which field states each, whether a holder states it, and "none".

Shared by :class:`~gdpr_register.model.register.Register` and the notice's shared block.
"""


from collections.abc import Iterator
from typing import Any

from gdpr_register.model._validators import ModelValueError
from gdpr_register.model.coverage import Coverage
from gdpr_register.model.enums import PurposeKind, Section

__all__ = [
    "NOTICE_SECTIONS",
    "SECTION_FIELDS",
    "check_none",
    "section_order",
    "states",
]


# The fields a register states each section in (sections with a field of their own).
SECTION_FIELDS: dict[Section, str] = {
    Section.PURPOSES: "purposes",
    Section.DATA_SUBJECTS: "data_subjects",
    Section.DATA_CATEGORIES: "data_categories",
    Section.SOURCES: "sources",
    Section.RECIPIENTS: "recipients",
    Section.TRANSFERS: "transfers",
    Section.RETENTION: "retention",
    Section.SECURITY: "security",
    Section.AUTOMATED_DECISIONS: "automated_decisions",
    Section.RIGHTS: "rights",
    Section.REQUEST_PROCEDURE: "request_procedure",
    Section.PROVISION: "provision",
}
# Sections about the notice as a whole: stated (or marked) on the notice, not a register.
NOTICE_SECTIONS = frozenset(
    {Section.CONTROLLER, Section.REPRESENTATIVE, Section.DPO, Section.COMPLAINT_AUTHORITY}
)
_MARKETING = frozenset({PurposeKind.MARKETING, PurposeKind.DIRECT_MARKETING})


_ORDER = {section: index for index, section in enumerate(Section)}


# Members read on every register, as module constants (a member read from its class costs
# several times a global on Python 3.11: EnumType's __getattr__ hook).
_BASES = Section.BASES
_LEGITIMATE_INTERESTS = Section.LEGITIMATE_INTERESTS
_PROVISION = Section.PROVISION
_SECTION_MARKETING = Section.MARKETING
_SPECIAL_CATEGORIES = Section.SPECIAL_CATEGORIES


def section_order(value: Any) -> Any:
    """Keep a list of sections in the enumeration's order: the order a document lists them
    in carries no meaning, and ``transfers: none`` must read back as the same value."""
    if isinstance(value, tuple | list) and all(isinstance(v, Section) for v in value):
        return tuple(sorted(value, key=_ORDER.__getitem__))
    return value


def _bases(holder: Any) -> Iterator[Any]:
    yield from getattr(holder, "pooled_bases", ())
    for purpose in getattr(holder, "purposes", ()):
        yield from purpose.bases


def states(holder: Any, section: Section) -> bool:
    """Whether a register (or the notice's shared block) states ``section`` itself."""
    if section in SECTION_FIELDS:
        value = getattr(holder, SECTION_FIELDS[section], None)
        if section is not _PROVISION:
            return bool(value) if isinstance(value, tuple) else value is not None
        return value is not None or any(
            c.provision is not None for c in getattr(holder, "data_categories", ())
        )
    if section is _BASES:
        return any(True for _ in _bases(holder))
    if section is _LEGITIMATE_INTERESTS:
        return any(b.interests is not None for b in _bases(holder))
    if section is _SPECIAL_CATEGORIES:
        return any(c.special is not None for c in getattr(holder, "data_categories", ())) or any(
            p.special_conditions for p in getattr(holder, "purposes", ())
        )
    if section is _SECTION_MARKETING:
        return any(not _MARKETING.isdisjoint(p.kinds) for p in getattr(holder, "purposes", ()))
    return False  # sale, cookies, notice-level sections: no field states them on a register


def check_none(holder: Any, coverage: Coverage | None, *, register_level: bool = True) -> None:
    """A section stated as none must not also be stated; a register's may not be one of the
    notice-level sections."""
    seen: set[Section] = set()
    for index, section in enumerate(holder.none):
        if section in seen:
            raise ModelValueError(f"none[{index}]", f"section {section.value!r} is listed twice")
        seen.add(section)
        if section in NOTICE_SECTIONS and register_level:
            raise ModelValueError(
                f"none[{index}]",
                f"{section.value!r} is about the whole notice: state it on the notice",
            )
        if states(holder, section):
            raise ModelValueError(
                f"none[{index}]",
                f"{section.value!r} is stated as none, but the notice also states it here",
            )
    if coverage is not None:
        for section in sorted(coverage.sections & seen):
            raise ModelValueError(
                "coverage", f"{section.value!r} is stated as none and also marked in coverage"
            )
