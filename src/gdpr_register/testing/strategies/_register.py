"""Strategies for registers, their parts, the shared block and whole notices."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from gdpr_register.model import (
    AutomatedDecisions,
    Coverage,
    DataCategory,
    DataOrigin,
    Duration,
    DurationUnit,
    EntryKind,
    IdentityCheck,
    LanguageVersion,
    LawfulBasis,
    Notice,
    NoticeKind,
    PartialDate,
    Provision,
    ProvisionRequirement,
    Purpose,
    PurposeKind,
    Recipient,
    RecipientRole,
    Region,
    Register,
    RequestCharge,
    RequestProcedure,
    RetentionEnd,
    RetentionKind,
    RetentionRule,
    RightCondition,
    RightKind,
    RightStatus,
    Section,
    SectionReference,
    SecurityKind,
    SecurityMeasure,
    SharedStatements,
    Source,
    SourceKind,
    SpecialCategory,
    SpecialCategoryCondition,
    SpecialCondition,
    StatedBasis,
    StatedRight,
    SubjectCategory,
    SubjectEvent,
    Transfer,
    TransferDerogation,
    TransferMechanism,
    TranslatedText,
    Trigger,
    TriggerKind,
)
from gdpr_register.model._sections import NOTICE_SECTIONS, states
from gdpr_register.model.countries import COUNTRY_NAMES, UNKNOWN_COUNTRY
from gdpr_register.testing.strategies._model import (
    channels,
    contact_points,
    controllers,
    coverages,
    dates,
    identifiers,
    optional,
    partial_dates,
    parties,
    small_tuples,
    supervisory_authorities,
    texts,
    waivers,
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


# Strategies are built once, here: building (and validating) strategy objects inside a draw
# costs more than the draw itself, and users' tests must pass the default health checks.
# Each object draws one integer whose bits say which optional fields it states and the value
# of its true/false fields: one choice instead of two per field, and shrinking the integer
# towards 0 shrinks the object towards its bare minimum.
_TEXT = texts(8)
_ID = identifiers()
_INDEX = st.integers(min_value=0, max_value=7)
# Lists hold 0, 1 or 2 items, mostly 0 or 1: flat values are fast to make and to shrink.
_COUNT = st.sampled_from((0, 1, 0, 1, 2))
_MASK = st.integers(min_value=0, max_value=2**32 - 1)


class _Bits:
    """The bits of one drawn integer, handed out in order."""

    __slots__ = ("draw", "index", "value")

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.value = draw(_MASK)
        self.index = 0

    def flag(self) -> bool:
        bit = (self.value >> self.index) & 1
        self.index += 1
        return bool(bit)

    def opt(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self.draw(strategy) if self.flag() else None

    def text(self) -> str | None:
        """Optional text, present one time in four: texts are the costliest draws."""
        present = self.flag() & self.flag()
        return self.draw(_TEXT) if present else None

    def opt_bool(self) -> bool | None:
        present, value = self.flag(), self.flag()
        return value if present else None


def _enum(enum_type: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(list(enum_type))


_E = {
    t: _enum(t)
    for t in (
        DataOrigin,
        DurationUnit,
        EntryKind,
        IdentityCheck,
        LawfulBasis,
        NoticeKind,
        ProvisionRequirement,
        PurposeKind,
        RecipientRole,
        Region,
        RequestCharge,
        RetentionEnd,
        RetentionKind,
        RightCondition,
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
}
_MATERIAL = st.lists(
    st.sampled_from(["accounting-voucher", "accounting-books", "employment-record"]),
    max_size=2,
    unique=True,
).map(tuple)
_STATUTES = st.sampled_from(["FI_KPL_2_10_SHORT", "FI_KPL_2_10_LONG"])
_PURPOSE_KINDS = st.lists(_E[PurposeKind], max_size=2, unique=True).map(tuple)
_MECHANISMS = st.lists(_E[TransferMechanism], max_size=2, unique=True).map(tuple)
_RIGHT_KINDS = st.lists(_E[RightKind], max_size=3, unique=True)
_AMOUNT = st.integers(min_value=0, max_value=30)
_DATE = dates()
_DESTINATION = st.sampled_from([*sorted(COUNTRY_NAMES), UNKNOWN_COUNTRY])
_VALID_UNTIL_DAYS = st.integers(min_value=0, max_value=4000)
_CHANNELS = small_tuples(channels(), 1)


def _count(draw: st.DrawFn, most: int) -> int:
    return min(draw(_COUNT), most)


def _refs(draw: st.DrawFn, ids: list[str]) -> tuple[str, ...]:
    """Up to two distinct ids of ``ids``, drawn as indices (constructive, no filtering)."""
    if not ids:
        return ()
    picked: list[str] = []
    for _ in range(_count(draw, 2)):
        ref = ids[draw(_INDEX) % len(ids)]
        if ref not in picked:
            picked.append(ref)
    return tuple(picked)


def _unique_ids(draw: st.DrawFn, count: int) -> list[str]:
    found: list[str] = []
    for index in range(count):
        ident = draw(_ID)
        found.append(ident if ident not in found else f"{ident}-{index}")
    return found


def _items(draw: st.DrawFn, make: Any, most: int, *args: Any) -> tuple[Any, ...]:
    return tuple(make(draw, *args) for _ in range(_count(draw, most)))


def _basis(draw: st.DrawFn, subject_ids: list[str]) -> StatedBasis:
    bits = _Bits(draw)
    text = bits.text()
    return StatedBasis(
        text=text,
        article=draw(_E[LawfulBasis]) if text is None or bits.flag() else None,
        law=bits.text(),
        interests=bits.text(),
        cited=bits.opt_bool(),
        subjects=_refs(draw, subject_ids) if bits.flag() else (),
    )


def _special_condition(draw: st.DrawFn) -> SpecialCondition:
    bits = _Bits(draw)
    text = bits.text()
    return SpecialCondition(
        text=text,
        article=draw(_E[SpecialCategoryCondition]) if text is None or bits.flag() else None,
        law=bits.text(),
        cited=bits.opt_bool(),
    )


def _purpose(
    draw: st.DrawFn, ident: str, category_ids: list[str], subject_ids: list[str]
) -> Purpose:
    bits = _Bits(draw)
    return Purpose(
        id=ident,
        name=draw(_TEXT),
        description=bits.text(),
        kinds=draw(_PURPOSE_KINDS) if bits.flag() else (),
        bases=_items(draw, _basis, 2, subject_ids) if bits.flag() else (),
        special_conditions=_items(draw, _special_condition, 1) if bits.flag() else (),
        categories=_refs(draw, category_ids) if bits.flag() else (),
    )


def _subject(draw: st.DrawFn, ident: str) -> SubjectCategory:
    bits = _Bits(draw)
    return SubjectCategory(
        id=ident,
        name=draw(_TEXT),
        description=bits.text(),
        includes_children=bits.opt_bool(),
    )


def _category(draw: st.DrawFn, ident: str) -> DataCategory:
    bits = _Bits(draw)
    return DataCategory(
        id=ident,
        name=draw(_TEXT),
        description=bits.text(),
        special=bits.opt(_E[SpecialCategory]),
        criminal=bits.flag(),
        material=draw(_MATERIAL) if bits.flag() else (),
        national_id=bits.flag(),
        provision=bits.opt(_E[ProvisionRequirement]),
        origin=bits.opt(_E[DataOrigin]),
    )


def _source(draw: st.DrawFn, ident: str, category_ids: list[str]) -> Source:
    bits = _Bits(draw)
    return Source(
        id=ident,
        kind=draw(_E[SourceKind]),
        name=bits.text(),
        description=bits.text(),
        publicly_accessible=bits.flag(),
        categories=_refs(draw, category_ids) if bits.flag() else (),
    )


def _partial_after(draw: st.DrawFn, bits: _Bits, start: date) -> PartialDate:
    until = start + timedelta(days=draw(_VALID_UNTIL_DAYS))
    if bits.flag():
        return PartialDate.of(until)
    if bits.flag():
        return PartialDate(year=until.year, month=until.month)
    return PartialDate(year=until.year)


def _recipient(draw: st.DrawFn, ident: str, category_ids: list[str]) -> Recipient:
    bits = _Bits(draw)
    valid_from = bits.opt(_DATE)
    valid_until = (
        _partial_after(draw, bits, valid_from or date(1990, 1, 1)) if bits.flag() else None
    )
    return Recipient(
        id=ident,
        name=draw(_TEXT),
        role=draw(_E[RecipientRole]),
        description=bits.text(),
        is_category=bits.flag(),
        country=bits.opt(_DESTINATION),
        dpf_certified=bits.opt_bool(),
        categories=_refs(draw, category_ids) if bits.flag() else (),
        valid_from=valid_from,
        valid_until=valid_until,
        arrangement=bits.text(),
        law=bits.text(),
    )


def _transfer(draw: st.DrawFn, recipient_ids: list[str]) -> Transfer:
    bits = _Bits(draw)
    mechanism = draw(_E[TransferMechanism])
    derogation = (
        bits.opt(_E[TransferDerogation]) if mechanism is TransferMechanism.DEROGATION else None
    )
    recipient = None
    if recipient_ids and bits.flag():
        recipient = recipient_ids[draw(_INDEX) % len(recipient_ids)]
    return Transfer(
        recipient=recipient,
        country=draw(_DESTINATION),
        region=bits.opt(_E[Region]),
        mechanism=mechanism,
        mechanism_text=bits.text(),
        derogation=derogation,
        copy_available=bits.text(),
        fallback=bits.opt(_E[TransferMechanism]),
        alternatives=draw(_MECHANISMS) if bits.flag() else (),
        possible=bits.flag(),
        concluded=bits.opt(_DATE),
        international_organisation=bits.text(),
        description=bits.text(),
    )


def _duration(draw: st.DrawFn) -> Duration:
    return Duration(
        amount=draw(_AMOUNT), unit=draw(_E[DurationUnit]), approximate=draw(st.booleans())
    )


def _trigger(draw: st.DrawFn) -> Trigger:
    bits = _Bits(draw)
    kind = draw(_E[TriggerKind])
    events = _unique_ids(draw, _count(draw, 2)) if bits.flag() else []
    if kind is TriggerKind.NAMED_EVENT and not events:
        events = [draw(_ID)]
    return Trigger(kind=kind, events=tuple(events), year_end=bits.flag())


def _retention(
    draw: st.DrawFn,
    category_ids: list[str],
    subject_ids: list[str],
    max_alternatives: int = 1,
) -> RetentionRule:
    bits = _Bits(draw)
    kind = draw(_E[RetentionKind])
    alternatives = (
        _items(draw, _retention, max_alternatives, category_ids, subject_ids, 0)
        if max_alternatives and bits.flag()
        else ()
    )
    period = _duration(draw) if bits.flag() and kind is not RetentionKind.INDEFINITE else None
    return RetentionRule(
        text=draw(_TEXT),
        kind=kind,
        categories=_refs(draw, category_ids) if bits.flag() else (),
        subjects=_refs(draw, subject_ids) if bits.flag() else (),
        period=period,
        trigger=_trigger(draw) if bits.flag() else None,
        minimum=_duration(draw) if bits.flag() else None,
        maximum_only=bits.flag(),
        alternatives=alternatives,
        ends=bits.opt(_E[RetentionEnd]) if alternatives else None,
        condition=draw(_TEXT) if kind is RetentionKind.WHILE else bits.text(),
        statute=bits.opt(_STATUTES),
        law=bits.text(),
    )


def _security(draw: st.DrawFn) -> SecurityMeasure:
    return SecurityMeasure(kind=draw(_E[SecurityKind]), text=draw(_TEXT))


def _automated(draw: st.DrawFn) -> AutomatedDecisions:
    bits = _Bits(draw)
    return AutomatedDecisions(
        automated_decisions=bits.opt_bool(),
        profiling=bits.opt_bool(),
        text=bits.text(),
        logic=bits.text(),
        significance=bits.text(),
    )


def _procedure(draw: st.DrawFn) -> RequestProcedure:
    bits = _Bits(draw)
    return RequestProcedure(
        channels=draw(_CHANNELS) if bits.flag() else (),
        identity_check=draw(_E[IdentityCheck]),
        text=bits.text(),
        response_time=_duration(draw) if bits.flag() else None,
        charge=bits.opt(_E[RequestCharge]),
    )


def _right(draw: st.DrawFn, right: RightKind) -> StatedRight:
    bits = _Bits(draw)
    status = draw(_E[RightStatus])
    return StatedRight(
        right=right,
        status=status,
        condition=draw(_TEXT) if status is RightStatus.CONDITIONAL else bits.text(),
        condition_kind=bits.opt(_E[RightCondition]),
        reason=bits.text(),
        text=bits.text(),
        procedure=_procedure(draw) if bits.flag() else None,
        presented_separately=bits.flag(),
    )


def _rights(draw: st.DrawFn) -> tuple[StatedRight, ...]:
    return tuple(_right(draw, kind) for kind in draw(_RIGHT_KINDS))


def _provision(draw: st.DrawFn) -> Provision:
    bits = _Bits(draw)
    return Provision(
        requirement=draw(_E[ProvisionRequirement]),
        obliged=bits.opt_bool(),
        consequences=bits.text(),
        text=bits.text(),
    )


_REGISTER_SECTIONS = sorted(set(Section) - NOTICE_SECTIONS)


def _marks(draw: st.DrawFn, bits: _Bits, holder: Any, coverage: bool) -> dict[str, Any]:
    """``none`` (and ``coverage``) for up to two sections ``holder`` does not state."""
    if not bits.flag():
        return {}
    silent = [s for s in _REGISTER_SECTIONS if not states(holder, s)]
    marked: list[Section] = []
    for _ in range(_count(draw, 2) if silent else 0):
        section = silent[draw(_INDEX) % len(silent)]
        if section not in marked:
            marked.append(section)
    split = _count(draw, len(marked))
    found: dict[str, Any] = {"none": tuple(marked[:split])}
    rest = marked[split:]
    if coverage and rest:
        found["coverage"] = Coverage(
            elsewhere=tuple(
                SectionReference(section=s, reference=bits.text()) for s in rest[:1]
            ),
            not_assessed=tuple(rest[1:]),
            note=bits.text(),
        )
    return found


def _listed(draw: st.DrawFn, bits: _Bits, make: Any, most: int, *args: Any) -> tuple[Any, ...]:
    """Items with ids, or none without drawing when the bit says the list is empty."""
    if not bits.flag():
        return ()
    return tuple(make(draw, ident, *args) for ident in _unique_ids(draw, _count(draw, most)))


def _register(draw: st.DrawFn, ident: str, max_items: int, marks: bool) -> Register:
    n = max_items
    bits = _Bits(draw)
    categories = _listed(draw, bits, _category, n)
    category_ids = [c.id for c in categories]
    subjects = _listed(draw, bits, _subject, n)
    subject_ids = [s.id for s in subjects]
    recipients = _listed(draw, bits, _recipient, n, category_ids)
    recipient_ids = [r.id for r in recipients]
    base = Register(
        id=ident,
        name=bits.text(),
        kind=draw(_E[EntryKind]) if bits.flag() else EntryKind.REGISTER,
        description=bits.text(),
        purposes=_listed(draw, bits, _purpose, n, category_ids, subject_ids),
        purposes_non_exhaustive=bits.flag(),
        pooled_bases=_items(draw, _basis, n, subject_ids) if bits.flag() else (),
        data_subjects=subjects,
        data_categories=categories,
        categories_non_exhaustive=bits.flag(),
        sources=_listed(draw, bits, _source, n, category_ids),
        recipients=recipients,
        recipients_non_exhaustive=bits.flag(),
        transfers=_items(draw, _transfer, n, recipient_ids) if bits.flag() else (),
        retention=_items(draw, _retention, n, category_ids, subject_ids) if bits.flag() else (),
        security=_items(draw, _security, n) if bits.flag() else (),
        automated_decisions=_automated(draw) if bits.flag() else None,
        rights=_rights(draw) if bits.flag() else (),
        request_procedure=_procedure(draw) if bits.flag() else None,
        provision=_provision(draw) if bits.flag() else None,
        consents=tuple(draw(_TEXT) for _ in range(_count(draw, 1))) if bits.flag() else (),
        automated_processing=bits.opt_bool(),
        information_society_service=bits.opt_bool(),
        occasional=bits.opt_bool(),
        likely_risk=bits.opt_bool(),
        large_scale=bits.opt_bool(),
        systematic_monitoring=bits.opt_bool(),
        record_kept=bits.opt_bool(),
    )
    if not marks:
        return base
    found = _marks(draw, _Bits(draw), base, coverage=True)
    return attrs.evolve(base, **found) if found else base


def _shared(draw: st.DrawFn, max_items: int, marks: bool = True) -> SharedStatements:
    n = max_items
    bits = _Bits(draw)
    base = SharedStatements(
        data_subjects=_listed(draw, bits, _subject, n),
        data_categories=_listed(draw, bits, _category, 1),
        sources=_listed(draw, bits, _source, 1, []),
        recipients=_listed(draw, bits, _recipient, 1, []),
        transfers=_items(draw, _transfer, 1, []) if bits.flag() else (),
        retention=_items(draw, _retention, 1, [], [], 0) if bits.flag() else (),
        security=_items(draw, _security, 1) if bits.flag() else (),
        automated_decisions=_automated(draw) if bits.flag() else None,
        rights=_rights(draw) if bits.flag() else (),
        request_procedure=_procedure(draw) if bits.flag() else None,
        provision=_provision(draw) if bits.flag() else None,
        consents=tuple(draw(_TEXT) for _ in range(_count(draw, 1))) if bits.flag() else (),
    )
    found = _marks(draw, bits, base, coverage=False) if marks else {}
    return attrs.evolve(base, **found) if found else base


# Public strategies: each wraps a draw helper above (and may be built once and reused).


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
