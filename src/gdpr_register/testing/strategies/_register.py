"""Strategies for registers, their parts, the shared block and whole notices."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from gdpr_register.model import (
    AutomatedDecisions,
    DataCategory,
    Duration,
    LanguageVersion,
    Notice,
    NoticeKind,
    Provision,
    Purpose,
    Recipient,
    Register,
    RequestProcedure,
    RetentionRule,
    RightKind,
    SecurityMeasure,
    SharedStatements,
    Source,
    SpecialCondition,
    StatedBasis,
    StatedRight,
    SubjectCategory,
    SubjectEvent,
    Transfer,
    TranslatedText,
    Trigger,
)
from gdpr_register.testing.strategies._assembly import (
    _register,
    _shared,
)
from gdpr_register.testing.strategies._draws import (
    _E,
    _ID,
    _INDEX,
    _TEXT,
    _Bits,
    _count,
    _unique_ids,
)
from gdpr_register.testing.strategies._model import (
    contact_points,
    controllers,
    coverages,
    dates,
    identifiers,
    optional,
    partial_dates,
    parties,
    supervisory_authorities,
    texts,
    waivers,
)
from gdpr_register.testing.strategies._parts import (
    _automated,
    _basis,
    _category,
    _duration,
    _procedure,
    _provision,
    _purpose,
    _recipient,
    _retention,
    _right,
    _security,
    _source,
    _special_condition,
    _subject,
    _transfer,
    _trigger,
)

__all__ = [
    "automated_decisions",
    "data_categories",
    "durations",
    "notices",
    "provisions",
    "purposes",
    "recipients",
    "registers",
    "request_procedures",
    "retention_rules",
    "security_measures",
    "shared_statements",
    "sources",
    "special_conditions",
    "stated_bases",
    "stated_rights",
    "subject_categories",
    "subject_events",
    "transfers",
    "triggers",
]


@st.composite
def stated_bases(draw: st.DrawFn, subject_ids: list[str] | None = None) -> StatedBasis:
    return _basis(draw, list(subject_ids or []))


@st.composite
def special_conditions(draw: st.DrawFn) -> SpecialCondition:
    return _special_condition(draw)


@st.composite
def purposes(
    draw: st.DrawFn, category_ids: list[str] | None = None, subject_ids: list[str] | None = None
) -> Purpose:
    return _purpose(draw, draw(_ID), list(category_ids or []), list(subject_ids or []))


@st.composite
def subject_categories(draw: st.DrawFn) -> SubjectCategory:
    return _subject(draw, draw(_ID))


@st.composite
def data_categories(draw: st.DrawFn) -> DataCategory:
    return _category(draw, draw(_ID))


@st.composite
def sources(draw: st.DrawFn, category_ids: list[str] | None = None) -> Source:
    return _source(draw, draw(_ID), list(category_ids or []))


@st.composite
def recipients(draw: st.DrawFn, category_ids: list[str] | None = None) -> Recipient:
    return _recipient(draw, draw(_ID), list(category_ids or []))


@st.composite
def transfers(draw: st.DrawFn, recipient_ids: list[str] | None = None) -> Transfer:
    return _transfer(draw, list(recipient_ids or []))


@st.composite
def durations(draw: st.DrawFn) -> Duration:
    return _duration(draw)


@st.composite
def triggers(draw: st.DrawFn) -> Trigger:
    return _trigger(draw)


@st.composite
def retention_rules(
    draw: st.DrawFn,
    category_ids: list[str] | None = None,
    subject_ids: list[str] | None = None,
    max_alternatives: int = 1,
) -> RetentionRule:
    return _retention(
        draw, list(category_ids or []), list(subject_ids or []), max_alternatives
    )


@st.composite
def security_measures(draw: st.DrawFn) -> SecurityMeasure:
    return _security(draw)


@st.composite
def automated_decisions(draw: st.DrawFn) -> AutomatedDecisions:
    return _automated(draw)


@st.composite
def request_procedures(draw: st.DrawFn) -> RequestProcedure:
    return _procedure(draw)


@st.composite
def stated_rights(draw: st.DrawFn, right: RightKind | None = None) -> StatedRight:
    return _right(draw, right if right is not None else draw(_E[RightKind]))


@st.composite
def provisions(draw: st.DrawFn) -> Provision:
    return _provision(draw)


@st.composite
def registers(draw: st.DrawFn, max_items: int = 2, marks: bool = False) -> Register:
    """A register whose cross-references (categories, recipients, subjects) all resolve.

    With ``marks``, some sections it does not state are marked none, elsewhere or not
    assessed. Off by default: a test that adds content to a drawn register with
    ``attrs.evolve`` would otherwise contradict a "none" (which the model rejects).
    """
    return _register(draw, draw(_ID), max_items, marks)


@st.composite
def shared_statements(
    draw: st.DrawFn, max_items: int = 2, marks: bool = True
) -> SharedStatements:
    """A shared block without cross-references (so any register can inherit from it)."""
    return _shared(draw, max_items, marks)


_CONTROLLER = controllers()
_AUTHORITY = supervisory_authorities()
_PARTY = parties()
_CONTACT = contact_points()
_WAIVER = waivers()
_UPDATED = partial_dates()
_COVERAGE = coverages()
_LANGUAGE = st.sampled_from(["fi", "sv", "en"])
_VERSION = texts(6)


@st.composite
def notices(
    draw: st.DrawFn, max_registers: int = 2, max_items: int = 2, marks: bool = True
) -> Notice:
    """A notice with 1..max_registers registers of distinct ids and names, sometimes with a
    shared block the registers inherit from and a notice-wide coverage; with ``marks``
    (the default) registers and the shared block mark some sections none, elsewhere or not
    assessed."""
    bits = _Bits(draw)
    count = 1 + min(_count(draw, 2), max(0, max_registers - 1))
    register_list: list[Register] = []
    names: set[str] = set()
    for ident in _unique_ids(draw, count):
        register = _register(draw, ident, max_items, marks)
        key = register.name.strip().casefold() if register.name is not None else None
        if key is not None and key in names:
            register = attrs.evolve(register, name=None)
        elif key is not None:
            names.add(key)
        register_list.append(register)
    notice = Notice(
        id=draw(_ID),
        title=bits.text(),
        kind=draw(_E[NoticeKind]) if bits.flag() else NoticeKind.PRIVACY_NOTICE,
        language=draw(_LANGUAGE),
        updated=bits.opt(_UPDATED),
        version=bits.opt(_VERSION),
        source=bits.text(),
        published_at=bits.text(),
        controller=draw(_CONTROLLER),
        joint_controllers=tuple(draw(_PARTY) for _ in range(_count(draw, 1)))
        if bits.flag()
        else (),
        contact_points=tuple(draw(_CONTACT) for _ in range(_count(draw, 1)))
        if bits.flag()
        else (),
        registers=tuple(register_list),
        supervisory_authority=bits.opt(_AUTHORITY),
        cited_laws=tuple(draw(_TEXT) for _ in range(_count(draw, 1))) if bits.flag() else (),
        waivers=tuple(draw(_WAIVER) for _ in range(_count(draw, 1))) if bits.flag() else (),
        shared=_shared(draw, max_items, marks) if bits.flag() else None,
        coverage=bits.opt(_COVERAGE) if marks else None,
        translations=_translations(draw) if bits.flag() else (),
    )
    if not bits.flag():
        return notice
    # A translation of a text the notice has (its title, a register's or purpose's name).
    paths = [("$.title", notice.title)] + [
        (f"$.registers[{i}].name", r.name) for i, r in enumerate(notice.registers)
    ]
    texts_ = [path for path, value in paths if value is not None]
    if not texts_:
        return notice
    entry = TranslatedText(
        language=draw(_LANGUAGE), path=texts_[draw(_INDEX) % len(texts_)], text=draw(_TEXT)
    )
    return attrs.evolve(notice, translated=(entry,))


_OTHER_LANGUAGES = st.lists(st.sampled_from(["fi", "sv", "en", "de"]), max_size=2, unique=True)


def _translations(draw: st.DrawFn) -> tuple[LanguageVersion, ...]:
    return tuple(
        LanguageVersion(language=language, notice=draw(_ID) if draw(st.booleans()) else None)
        for language in draw(_OTHER_LANGUAGES)
    )


def subject_events(
    subjects: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[SubjectEvent]:
    return st.builds(
        SubjectEvent,
        subject=subjects if subjects is not None else st.text(min_size=1, max_size=20),
        kind=kinds if kinds is not None else identifiers(),
        on=dates(),
        details=optional(texts()),
    )
